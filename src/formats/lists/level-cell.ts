// A list's level column written as sellers note a level: `ash01:Pw12345!:(30 lvl)`,
// `ash01|Pw12345!|Lv.30`, `ash01;Pw12345!;[30]`. The separator before the cell ends the password
// (the whole list shows the column: column-roles.ts), so the level words and brackets inside the
// cell are the level's, never the password's end (glued-level.ts refuses them only where no
// separator stands between). A plain number is the usual level cell (odd-level.ts).
import { isTrainerLevel } from '../../model.js';
import { ANY_LEVEL_WORDS } from './level-words.js';

const CELL = new RegExp(
  String.raw`^(?:[([{<（【][ \t]*)?(?:(?:${ANY_LEVEL_WORDS}|l)\.?[ \t]*(?:[:#=-][ \t]*)?)?(\d{1,2})\+?[ \t]*(?:(?:${ANY_LEVEL_WORDS})\.?)?[ \t]*[)\]}>）】]?$`,
  'iu',
);

/** The trainer level a cell states (`30`, `(30 lvl)`, `Lv.30`, `[30]`), else undefined. */
export function levelCell(v: string): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const c = t.charCodeAt(0);
  // A bare number, the common case, without the regex.
  if (c >= 48 && c <= 57 && t.length <= 2 && /^\d+$/.test(t)) return isTrainerLevel(Number(t)) ? Number(t) : undefined;
  const m = CELL.exec(t);
  if (!m || !balanced(t)) return undefined;
  const n = Number(m[1]);
  return isTrainerLevel(n) ? n : undefined;
}

/** An opening bracket closed, a closing one opened: `(30` is no cell of a level. */
function balanced(t: string): boolean {
  const open = /^[([{<（【]/.test(t);
  const close = /[)\]}>）】]$/.test(t);
  return open === close;
}
