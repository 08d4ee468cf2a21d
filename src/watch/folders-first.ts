// Which folders the scan enters when an inbox holds more than it looks into (scan.ts's
// MAX_FOLDERS): whoever may write the inbox can make thousands of empty folders with one
// `mkdir -p`, and the disk lists them in its own order (by hash on ext4), so a real `level-30/`
// could be listed after them all and never looked into. Before its cap runs out, the scan enters
// a folder's subfolders in this order:
//   1. a folder whose name states a level (`level-30`, `30`; also `level-99`, whose files are set
//      aside with the reason rather than left unseen): the user made it for dumps. One per level
//      (`30`, `030`, `LEVEL-30` are one), and one for all names out of range: the first made,
//      whatever its mtime;
//   2. a folder changed since it was made (its mtime later than its birth time): a file was put
//      into it, or filed from it. A `mkdir -p`'s folders never were, unless someone touched them;
//   3. the rest.
// Within its rank, the folder made first goes first (its birth time, which no one can set: `touch -d`
// sets an mtime, never a birth), then by name, so the same folders are entered at every scan. By
// name alone, whoever can write the inbox outranked a real `level-30/` with 1,001 folders named
// `0`...`00999` or `LEVEL-1` (level names, and before it in byte order), or with 1,001 folders
// touched once; now a flood only delays folders made after it, but for one case: a folder that is
// not level-named and reads as never changed (unpacked with its archive's older mtime) ranks after
// 1,000 folders touched once, as their mtimes say more than its own can.
// Only looked at past the cap: below it every folder is entered, and nothing is stat-ed for this.
import { lstatSync } from 'node:fs';
import { folderLevel } from './level-folder.js';
import type { InboxFolder } from './inbox-folder.js';

export interface Subfolder {
  name: string;
  path: string;
}

interface Ranked {
  f: Subfolder;
  rank: number;
  born: bigint;
  /** The level its name states (`error` for a level name out of range), for a level-named folder. */
  level?: number | 'error';
}

/** The folder's rank and birth time (0n where the file system keeps none). */
function rank(folder: InboxFolder, f: Subfolder): Ranked {
  // Synchronous: one lstat of each of 20,000 folders costs ~40 ms a scan this way, several times
  // that as 20,000 promises. A folder gone since the listing ranks last (its entry fails alone).
  const info = lstatSync(folder.at(f.name), { bigint: true, throwIfNoEntry: false });
  if (info === undefined) return { f, rank: 3, born: 0n };
  const born = info.birthtimeNs;
  // birthtime 0: a file system that keeps none (then no folder ranks as changed, as none can be told apart).
  const ranked: Ranked = { f, rank: born > 0n && info.mtimeNs > born ? 1 : 2, born };
  const level = folderLevel(`${f.name}/-`);
  if ('error' in level) ranked.level = 'error';
  else if (level.level !== undefined) ranked.level = level.level;
  return ranked;
}

/** The folder made first, then by name. */
const madeFirst = (a: Ranked, b: Ranked) => (a.born < b.born ? -1 : a.born > b.born ? 1 : 0) || (a.f.name < b.f.name ? -1 : a.f.name > b.f.name ? 1 : 0);
const order = (a: Ranked, b: Ranked) => a.rank - b.rank || madeFirst(a, b);

/** `folders` (subfolders of `folder`) in the order the scan should enter them. */
export function foldersFirst(folder: InboxFolder, folders: Subfolder[]): Subfolder[] {
  const ranked = folders.map((f) => rank(folder, f));
  // Rank 0 is one folder a level (`30`, `030`, `level-30`, `LEVEL-30` are one level), and one of
  // the names out of range: the first made. Otherwise 1,001 spellings of levels filled the cap.
  // By birth alone, not rank: a mtime is anyone's to set (`touch`), and an unpacked level-30/ has
  // its archive's older one, so by rank a later `30` touched once took level 30's place.
  const first = new Map<number | 'error', Ranked>();
  for (const r of ranked) {
    if (r.level === undefined) continue;
    const held = first.get(r.level);
    if (held === undefined || madeFirst(r, held) < 0) first.set(r.level, r);
  }
  for (const r of first.values()) r.rank = 0;
  return ranked.sort(order).map(({ f }) => f);
}
