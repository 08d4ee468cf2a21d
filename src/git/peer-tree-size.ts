// How many files, and how many bytes in all, a peer's commit may hold before this host refuses it.
//
// peer-file-size.ts bounds each file; a peer (or whoever holds its push rights) that commits a
// million small files, or a thousand files each just under that bound, made every host that synced
// list the whole tree into memory, check every file out (inodes and disk) and keep them: unbounded
// again. A pool's tree is its shards (at most 4,096), the record of them, a history file a month,
// a clock file per host and a few settings: an honest commit holds nowhere near FILES_FLOOR files,
// nor many times the files or bytes this host's HEAD holds. The bounds: the floor, or four times
// HEAD's count (bytes: its total) when that is more. The listing itself is read with a byte limit
// (LISTING_BYTES_PER_FILE a file), so a tree of millions of entries is refused before it is held.
import { AppError } from '../errors.js';
import type { TreeEntry } from './tree-listing.js';

/** Whatever this host holds, a peer's tree of up to this many files is taken. */
export const FILES_FLOOR = 20_000;

/** Whatever this host holds, a peer's tree of up to this many bytes in all is taken. */
export const TREE_BYTES_FLOOR = 1024 * 1024 * 1024;

/** What `ls-tree -r -l -z` writes a file at most, on average, for a pool's tree (mode, type, object name, size, path: ~100 bytes). */
const LISTING_BYTES_PER_FILE = 512;

export interface TreeBounds {
  files: number;
  bytes: number;
  /** The listing of a tree within `files` is at most this long. */
  listingBytes: number;
}

function totalOf(entries: readonly TreeEntry[]): number {
  let total = 0;
  for (const entry of entries) total += entry.size ?? 0;
  return total;
}

/** The bounds a peer's tree is held to, where this host's HEAD lists `here`. */
export function peerTreeBounds(here: readonly TreeEntry[]): TreeBounds {
  const files = Math.max(FILES_FLOOR, 4 * here.length);
  return { files, bytes: Math.max(TREE_BYTES_FLOOR, 4 * totalOf(here)), listingBytes: files * LISTING_BYTES_PER_FILE };
}

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function refusal(commit: string, remote: string, what: string, bound: string): AppError {
  return new AppError(
    `${remote} (commit ${commit.slice(0, 12)}) ${what}, far more than any pool holds (the bound is ${bound}, or four times what this host's pool holds). ` +
      `Checked out, every file would be written to disk here. Nothing was synced or changed here. Whoever committed them takes them out again (\`git revert\`), then sync here again`,
  );
}

/** Refuses `commit` of `remote` when its tree lists more files, or more bytes in all, than `bounds`: nothing checked out. */
export function refuseBigTree(commit: string, remote: string, entries: readonly TreeEntry[], bounds: TreeBounds): void {
  if (entries.length > bounds.files) throw refusal(commit, remote, `holds ${entries.length} files`, `${bounds.files} files`);
  const total = totalOf(entries);
  if (total > bounds.bytes) throw refusal(commit, remote, `holds ${MB(total)} in ${entries.length} files`, MB(bounds.bytes));
}

/** The refusal of a tree whose very listing passed `bounds.listingBytes` (a tree of millions of files, or of names thousands of bytes long). */
export function listingTooLong(commit: string, remote: string, bounds: TreeBounds): AppError {
  return refusal(commit, remote, `lists more than ${MB(bounds.listingBytes)} of file names (more than ${bounds.files} files, or names far longer than a pool's)`, `${bounds.files} files`);
}
