// The one signal of the compressed-stream readers (gzip, bzip2, xz: archive-members.ts) that the
// bytes unpacked passed the cap they were given, thrown as they unpack, before the rest is unpacked.

/** Thrown by an unpacker that reached its cap (max_dump_size): an archive bomb, or a dump to split. */
export class TooLarge extends Error {
  constructor() {
    super('unpacks past its cap');
  }
}
