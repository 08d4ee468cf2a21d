// A folder of the pool's own made with its parents (`.inbox-receipts/<inbox>/`,
// `.cache/inbox-taken/<inbox>/`). Out of inodes, node's recursive mkdir says ENOENT ("no such
// file or directory") for the first folder it could not make, not ENOSPC: the operator was told a
// folder is missing on a disk that is full, and the watcher took a machine's trouble for an odd
// one. Where the nearest folder that is there lies on a file system with no inode or no block
// left, the failure is named as the full disk it is, with ENOSPC's code (WriteError: a dump then
// waits in the inbox until there is room, as for any full disk). Any other ENOENT is left as it came.
import { mkdir, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WriteError } from './errors.js';

/** `path` and its missing parents made (mode `mode`); a full disk named as one. */
export async function makeFolder(path: string, mode = 0o700): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const full = await fullDiskAt(path);
    if (!full) throw error;
    throw new WriteError(path, Object.assign(new Error(`ENOSPC: no space left on device (${full})`), { code: 'ENOSPC' }));
  }
}

/** What is exhausted on the file system of `path`'s nearest folder that is there; undefined if nothing. */
async function fullDiskAt(path: string): Promise<string | undefined> {
  let there = dirname(path);
  while ((await stat(there).catch(() => undefined)) === undefined) {
    if (dirname(there) === there) return undefined;
    there = dirname(there);
  }
  const info = await statfs(there).catch(() => undefined);
  if (!info) return undefined;
  // `files` 0: a file system that counts no inodes (btrfs) is never out of them.
  if (info.files > 0 && info.ffree === 0) return `the disk holding ${there} is out of inodes: no file or folder can be made there until some are removed`;
  if (info.bavail === 0) return `the disk holding ${there} is full`;
  return undefined;
}
