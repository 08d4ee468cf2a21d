// Level by folder: a dump dropped into `inbox/level-30/` or `inbox/30/` is imported at level 30
// (for accounts whose file names no level; a level column still wins, see import/merge.ts).
//
// The nearest level folder counts, so `inbox/level-30/seller-x/dump.txt` is level 30 as well.
// Any other folder name (`inbox/seller-x/`) is just a folder: the dump gets the config's
// default_level, or fails with "no level known" when there is none — accountpool never guesses.
// A folder that looks like a level but is not one (`level-99`, `level-abc`, `0`) is an error, not
// an ordinary folder: the user clearly meant a level, and importing at the wrong one is worse than
// setting the file aside with the reason.

import { MAX_LEVEL, MIN_LEVEL } from '../model.js';

export type FolderLevel = { level: number | undefined } | { error: string };

const LEVEL_FOLDER = /^(?:level-?)?(\d+)$/i;
const LOOKS_LIKE_LEVEL = /^level\b|^level-|^\d+$/i;

/** The level given by the folders of `rel` (a path relative to the inbox, `/`-separated). */
export function folderLevel(rel: string): FolderLevel {
  const folders = rel.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const name = folders[i]!;
    const match = LEVEL_FOLDER.exec(name);
    if (match) {
      const level = Number(match[1]);
      if (level < MIN_LEVEL || level > MAX_LEVEL) return { error: `folder ${folders.slice(0, i + 1).join('/')}/ names level ${level}, but levels go from ${MIN_LEVEL} to ${MAX_LEVEL}` };
      return { level };
    }
    if (LOOKS_LIKE_LEVEL.test(name)) return { error: `folder ${folders.slice(0, i + 1).join('/')}/ is not a level folder (use level-N or N, N from ${MIN_LEVEL} to ${MAX_LEVEL})` };
  }
  return { level: undefined };
}
