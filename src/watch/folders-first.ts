// Which folders the scan enters when an inbox holds more than it looks into (scan.ts's
// MAX_FOLDERS): whoever may write the inbox can make thousands of empty folders with one
// `mkdir -p`, and the disk lists them in its own order (by hash on ext4), so a real `level-30/`
// could be listed after them all and never looked into. Before its cap runs out, the scan enters
// a folder's subfolders in this order:
//   1. a folder whose name states a level (`level-30`, `30`; also `level-99`, whose files are set
//      aside with the reason rather than left unseen): the user made it for dumps;
//   2. a folder changed since it was made (its mtime later than its birth time): a file was put
//      into it, or filed from it. A `mkdir -p`'s folders never were, unless someone touched them;
//   3. the rest.
// Each by name within its rank, so the same folders are entered at every scan.
// Only looked at past the cap: below it every folder is entered, and nothing is stat-ed for this.
import { lstatSync } from 'node:fs';
import { folderLevel } from './level-folder.js';
import type { InboxFolder } from './inbox-folder.js';

export interface Subfolder {
  name: string;
  path: string;
}

function rank(folder: InboxFolder, { name }: Subfolder): number {
  const level = folderLevel(`${name}/-`);
  if ('error' in level || level.level !== undefined) return 0;
  // Synchronous: one lstat of each of 20,000 folders costs ~40 ms a scan this way, several times
  // that as 20,000 promises. A folder gone since the listing ranks last (its entry fails alone).
  const info = lstatSync(folder.at(name), { bigint: true, throwIfNoEntry: false });
  // birthtime 0: a file system that keeps none (then no folder ranks here, as none can be told apart).
  return info !== undefined && info.birthtimeNs > 0n && info.mtimeNs > info.birthtimeNs ? 1 : 2;
}

/** `folders` (subfolders of `folder`) in the order the scan should enter them. */
export function foldersFirst(folder: InboxFolder, folders: Subfolder[]): Subfolder[] {
  return folders
    .map((f) => ({ f, rank: rank(folder, f) }))
    .sort((a, b) => a.rank - b.rank || (a.f.name < b.f.name ? -1 : a.f.name > b.f.name ? 1 : 0))
    .map(({ f }) => f);
}
