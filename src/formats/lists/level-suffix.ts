// A level written after an account, on its line, as sellers annotate their stock: `user:pass L30`,
// `user:pass | Level 30`, `user:pass - lvl 30`, `user:pass (Level 30)`, `user pass [Lv.30]`, in any
// seller's language (`user:pass | niveau 30`, `- Stufe 30`: level-words.ts). A
// blank, perhaps a dash or bar, then a level word (or L) and its number end the line: that is
// the account's level, and never part of its password (no generator puts a blank in one).
import { isTrainerLevel } from '../../model.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS, LEVEL_WORD_LAST } from './level-words.js';

// Tried only where a run of blanks starts (the leftmost match starts there anyway), and the blanks
// around `:` or `#` are one run unless the mark is there: else a long run of blanks costs the
// square (or the cube) of its length.
const SUFFIX = new RegExp(String.raw`(?<![ \t])[ \t]+(?:[-|/,;~]+[ \t]*)?(?:[([{][ \t]*)?(?:${LEVEL_WORDS}|l)\.?[ \t]*(?:[:#=-][ \t]*)?(\d{1,2})\+?[ \t]*[)\]}]?$`, 'i');
// The number first or alone, as sellers also write it: `(30)`, `[30]`, `<30+>`, `(30 lvl)`, `30lvl`,
// `- 30 level`, and a bare number after a mark standing between blanks (`- 30`, `| 30`): a
// bracket, a level word or the mark tells it from the end of a password, which never holds a blank.
// Chinese, Japanese and Korean write the number before their level word (`30级`, `(30級)`,
// `[30レベル]`, level-words.ts) and may bracket it full-width (`（30）`, `【30】`).
const NUMBER_FIRST = new RegExp(
  String.raw`(?<![ \t])[ \t]+(?:[-|/~]+[ \t]*)?(?:[([{<（【][ \t]*(\d{1,2})\+?[ \t]*(?:(?:${LEVEL_WORDS})\.?[ \t]*)?[)\]}>）】]|(\d{1,2})\+?[ \t]*(?:${LEVEL_WORDS})\.?)$|(?<![ \t])[ \t]+[-|/~][ \t]+(\d{1,2})$`,
  'i',
);

/**
 * The last ASCII characters an annotation may have: a digit, a closing bracket, a level word's last
 * letter (`30lvl`, `30 niveau`), its full stop. One outside ASCII (`（30）`, `30 cấp độ`, `30레벨`) is always looked at.
 */
const ENDS = new Set([...'0123456789)]}>.', ...LEVEL_WORD_LAST].flatMap((c) => [c.charCodeAt(0), c.toUpperCase().charCodeAt(0)]));

/**
 * The line without its level annotation, and the level; undefined when it has none. `password`:
 * `s` is a labelled password and what follows it (`Password: Pw (30)`), so a number alone in
 * brackets after it is a level as after a whole account line.
 */
export function levelSuffix(s: string, password = false): { line: string; level: number } | undefined {
  // Cheap first look (this runs for every line of a 100,000-line list): the annotation ends in a
  // digit, a closing bracket or a level word, and starts after a blank.
  const last = s.charCodeAt(s.length - 1);
  if (last < 128 && !ENDS.has(last)) return undefined;
  if (s.indexOf(' ') < 0 && s.indexOf('\t') < 0) return undefined;
  let m = SUFFIX.exec(s);
  // A number without a level word before it is a level only after a whole account: `mon_ash01 -
  // 31` (Monocle's print_levels.py) is a login and its level, a statistic, with no password.
  if (!m) {
    m = NUMBER_FIRST.exec(s);
    if (m && !password && !/[:;,\t]|\S\s+\S/.test(s.slice(0, m.index))) return undefined;
  }
  if (!m || m.index === 0) return undefined;
  const level = Number(m[1] ?? m[2] ?? m[3]);
  if (!isTrainerLevel(level)) return undefined;
  // `pass:Pw12345!, lvl:30`: the comma before the blank joins the labelled items, not the password's.
  return { line: password ? s.slice(0, m.index).replace(/[,;]$/, '') : s.slice(0, m.index), level };
}

/** The line without a level annotation, for readers that only look at its shape. */
export function withoutLevelSuffix(s: string): string {
  return levelSuffix(s)?.line ?? s;
}

/** A level word and its number, labelled: the last field of `user:Pw:level: 30`. */
const LABELLED_LEVEL = new RegExp(String.raw`^(?:${LEVEL_WORDS})\.?$`, 'i');

/**
 * `user:Pw:level: 30`, `user:Pw:lvl:30`: a level cell written as a label and its value, whose own
 * `:` a `:`-separated list splits in two. Given as `user:Pw:level 30`, the one cell the rest of the
 * family reads (a column when every line has it, refused naming it on a line alone): never the
 * password `Pw:level` and a level, nor a line refused as a level glued to its password. Index
 * look-ups, no regex, for the 100,000 lines that end otherwise.
 */
export function withLevelLabelJoined(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  if (!((last >= 48 && last <= 57) || last === 43)) return s;
  const colon = s.lastIndexOf(':');
  if (colon < 0 || s.length - colon > 6 || !/^[ \t]*\d{1,2}\+?$/.test(s.slice(colon + 1))) return s;
  const before = s.lastIndexOf(':', colon - 1);
  if (before < 1 || colon - before > 9 || !LABELLED_LEVEL.test(s.slice(before + 1, colon))) return s;
  return `${s.slice(0, colon)} ${s.slice(colon + 1).trim()}`;
}
