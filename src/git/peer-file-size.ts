// How large a file of a peer's commit may be before this host refuses to take it.
//
// A peer (or whoever holds its push rights) that commits a shard of a gigabyte made every host that
// synced check it out (written to disk whole), merge it (the merge driver reads all three versions
// into memory) and read it again after the pull: one push filled the disks and ran the hosts out
// of memory. A pool's files grow with its accounts spread over every shard (an import hashes each
// account to its home), so no honest commit makes one file many times the largest this host holds.
// The bound: FILE_FLOOR_BYTES, or four times this host's largest file when that is more (a pool of
// 64 shards stays under the floor up to ~20,000,000 accounts). Read off the tree's listing
// (`ls-tree -l`), before the rebase checks anything out.
import { AppError } from '../errors.js';
import type { TreeEntry } from './tree-listing.js';

/** Whatever this host holds, a peer's file up to this size is taken. */
export const FILE_FLOOR_BYTES = 64 * 1024 * 1024;

/** A peer's version of a file may be this large, where this host's largest pool file is `largestHere` bytes. */
export function peerFileBound(largestHere: number): number {
  return Math.max(FILE_FLOOR_BYTES, 4 * largestHere);
}

/** The largest blob listed (0 for none). */
export function largestOf(entries: readonly TreeEntry[]): number {
  let largest = 0;
  for (const entry of entries) if (entry.size !== undefined && entry.size > largest) largest = entry.size;
  return largest;
}

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses `commit` of `remote` when a file of its tree is over the bound `here` (HEAD's tree) sets: nothing checked out, merged or changed. */
export function refuseHugeFiles(commit: string, remote: string, entries: readonly TreeEntry[], here: readonly TreeEntry[]): void {
  const bound = peerFileBound(largestOf(here));
  const huge = entries.filter((entry) => entry.size !== undefined && entry.size > bound);
  if (huge.length === 0) return;
  const shown = huge.slice(0, 10).map((entry) => `${entry.path} is ${MB(entry.size!)}`);
  throw new AppError(
    `${remote} (commit ${commit.slice(0, 12)}) holds files far larger than any pool file here: ${shown.join('; ')}${huge.length > 10 ? `; and ${huge.length - 10} more` : ''} ` +
      `(the bound is ${MB(bound)}: ${MB(FILE_FLOOR_BYTES)}, or four times this host's largest pool file). Checked out and merged, each would be written to disk and read into memory whole. ` +
      `Nothing was synced or changed here. Whoever committed it takes that commit out of the remote's history (\`git reset --hard\` to the commit before it, the pool's changes since made again, then \`git push --force\`: a revert keeps the file in the history, which sync refuses too), then sync here again`,
  );
}
