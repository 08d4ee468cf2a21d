// Tar archives (`stock.tar`, and gunzipped by archive-members.ts, `accounts.tar.gz` and `.tgz`):
// what Linux users and some sellers send. Read in memory, entry by entry, never extracted to disk.
//
// Parsed by isaacs/node-tar's Parser (npm's own tar: its src/parse.ts), which knows the ustar,
// pax (long names and sizes in `x`/`g` headers) and GNU (`L`/`K` long names) spellings and checks
// each header's checksum; what it cannot make sense of it reports as a warning, and any warning
// refuses the archive (a checksum failure, a member cut short). A tar has no catalogue to read
// first: an archive cut at a member's boundary reads as a shorter archive, so its end-of-archive
// blocks (POSIX: two zero blocks; GNU tar, bsdtar, Python's tarfile, 7-Zip and node-tar all write
// them) must be there, or it was cut short.
//
// Read: regular files (types 0, NUL, 7). Passed over: folders (5, GNU's D). Refused, naming the
// member: hard and symbolic links (1, 2), devices and FIFOs (3, 4, 6), GNU sparse files (S, and
// pax's `GNUSparseFile.N/` spelling, whose data is a map and the non-zero pieces), tape volumes
// and multi-volume continuations (V, M), any type the parser does not know, a pax header over
// 1 MB, a path out of the archive (archive-paths.ts).
import type { Parser as TarParser } from 'tar/parse';
import type { ReadEntry } from 'tar/read-entry';
import { lazily } from '../../lazy-require.js';
import { leadsOutside, shown, tidyPath } from './archive-paths.js';

const tar = lazily<{ Parser: typeof TarParser }>('tar/parse');

/** Where a tar's members go: archive-members.ts's Unpacked, with its limits and refusals. */
export interface MemberSink {
  /** Whether the member is read (false: passed over); throws to refuse the archive. */
  admit(path: string, packed: number, unpacked: number): boolean;
  add(path: string, bytes: Buffer): void;
  refuse(why: string): never;
}

const FILES = new Set(['File', 'OldFile', 'ContiguousFile']);
const FOLDERS = new Set(['Directory', 'GNUDumpDir']);
const NOT_FILES: Record<string, string> = {
  Link: 'a hard link',
  SymbolicLink: 'a symbolic link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO',
};
/** A pax header (`x`, `g`) longer than this is no long name or size: node-tar's own default. */
const MAX_META = 1024 * 1024;

/** Why this entry is refused, or undefined when it may be read or passed over. */
function entryProblem(entry: ReadEntry, path: string): string | undefined {
  if (leadsOutside(entry.path)) return `holds a member whose path leads outside it (${shown(entry.path)}); links and such paths are never followed`;
  const not = NOT_FILES[entry.type];
  if (not) return `${shown(path)} is ${not}${entry.linkpath ? ` (to ${shown(entry.linkpath)})` : ''}, not a file; links and devices are not followed`;
  if (!FILES.has(entry.type) && !FOLDERS.has(entry.type)) return `${shown(path)} is a tar entry of a kind import does not read (${entry.type}): extract it with tar and import the files it holds`;
  if (path.split('/').some((part) => /^GNUSparseFile\.\d+$/.test(part))) return `${shown(path)} is a GNU sparse file: extract it with tar and import the file it holds`;
  return undefined;
}

/** Reads the tar `bytes` (not compressed) into `out`; throws (through out.refuse) what refuses it. */
export function readTar(bytes: Buffer, out: MemberSink): void {
  let failure: unknown;
  let problem: string | undefined;
  let ended = false;
  let entries = 0;
  const fail = (error: unknown) => (failure ??= error);
  const parser = new (tar().Parser)({
    // The bytes are a tar: gzip is unpacked before (capped), and nothing else is sniffed for.
    zstd: false,
    brotli: false,
    maxMetaEntrySize: MAX_META,
    onwarn: (_code: string, message: string | Error) => (problem ??= message instanceof Error ? message.message : message),
    onReadEntry: (entry: ReadEntry) => {
      entries++;
      if (failure !== undefined) return entry.resume();
      try {
        const path = tidyPath(entry.path);
        const why = entryProblem(entry, path);
        if (why) out.refuse(why);
        if (FOLDERS.has(entry.type) || !out.admit(path, entry.size, entry.size)) return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          if (failure === undefined && problem === undefined) {
            try {
              out.add(path, Buffer.concat(chunks));
            } catch (error) {
              fail(error);
            }
          }
        });
      } catch (error) {
        fail(error);
        entry.resume();
      }
    },
  });
  parser.on('error', (error: Error) => (problem ??= error.message));
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    entries++;
    const why = entry.meta ? `holds a pax header of ${entry.size} bytes (over ${MAX_META}: no name or size is so long)` : entryProblem(entry, tidyPath(entry.path)) ?? `${shown(entry.path)} is a tar entry of a kind import does not read (${entry.type})`;
    fail(new Refusal(why));
  });
  parser.on('nullBlock', () => (ended = true));
  parser.on('eof', () => (ended = true));
  parser.end(bytes);
  if (failure instanceof Refusal) out.refuse(failure.why);
  if (failure !== undefined) throw failure;
  // An empty tar (its end blocks alone) is no damage: node-tar calls it unrecognized, it holds no file.
  if (problem !== undefined && !(ended && entries === 0)) out.refuse(`is a tar archive that cannot be read (${shown(problem)}): corrupt or cut short`);
  if (!ended) out.refuse('is a tar archive that cannot be read (it ends without the end-of-archive blocks): cut short');
}

/** A refusal found inside the parser's events, thrown once it is done. */
class Refusal {
  constructor(readonly why: string) {}
}
