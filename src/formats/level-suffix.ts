// A level written after an account, on its line, as sellers annotate their stock: `user:pass L30`,
// `user:pass | Level 30`, `user:pass - lvl 30`, `user:pass (Level 30)`, `user pass [Lv.30]`, in any
// seller's language (`user:pass | niveau 30`, `- Stufe 30`: level-words.ts). A
// blank, perhaps a dash or bar, then a level word (or L) and its number end the line: that is
// the account's level, and never part of its password (no generator puts a blank in one).
import { isTrainerLevel } from '../model.js';
import { LEVEL_WORDS } from './level-words.js';

// Tried only where a run of blanks starts (the leftmost match starts there anyway), and the blanks
// around `:` or `#` are one run unless the mark is there: else a long run of blanks costs the
// square (or the cube) of its length.
const SUFFIX = new RegExp(String.raw`(?<![ \t])[ \t]+(?:[-|/,;~]+[ \t]*)?(?:[([{][ \t]*)?(?:${LEVEL_WORDS}|l)\.?[ \t]*(?:[:#][ \t]*)?(\d{1,2})[ \t]*[)\]}]?$`, 'i');

/** The line without its level annotation, and the level; undefined when it has none. */
export function levelSuffix(s: string): { line: string; level: number } | undefined {
  // Cheap first look (this runs for every line of a 100,000-line list): the annotation ends in a
  // digit or a closing bracket and starts after a blank.
  const last = s.charCodeAt(s.length - 1);
  if (!((last >= 48 && last <= 57) || last === 41 || last === 93 || last === 125)) return undefined;
  if (s.indexOf(' ') < 0 && s.indexOf('\t') < 0) return undefined;
  const m = SUFFIX.exec(s);
  if (!m || m.index === 0) return undefined;
  const level = Number(m[1]);
  return isTrainerLevel(level) ? { line: s.slice(0, m.index), level } : undefined;
}

/** The line without a level annotation, for readers that only look at its shape. */
export function withoutLevelSuffix(s: string): string {
  return levelSuffix(s)?.line ?? s;
}
