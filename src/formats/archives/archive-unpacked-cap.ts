// The one signal of the compressed-stream readers (gzip, bzip2, xz: archive-members.ts) that the
// bytes unpacked passed the cap they were given, thrown as they unpack, before the rest is unpacked;
// the most entries an archive may hold, and the most a member may unpack for its packed bytes, which
// every archive reader is held to.

/** More members than this is an archive bomb's shape (a seller's archive holds tens); a folder counts in a 7z, where it costs as a file does. */
export const MAX_MEMBERS = 10_000;

/** A member unpacking to more than this many times its packed size is a bomb (text dumps pack 2-10x). */
export const MAX_RATIO = 200;
/** The ratio is judged from this size up: a few kilobytes of one repeated line may pack 500x. */
export const RATIO_FROM = 1024 * 1024;

/** Thrown by an unpacker that reached its cap (max_dump_size): an archive bomb, or a dump to split. */
export class TooLarge extends Error {
  constructor() {
    super('unpacks past its cap');
  }
}
