// A list split by level under headings, as sellers post mixed stock: `Level 30:` (or `=== Level
// 25 ===`, `[Lvl 20]`, `**30 lvl accounts**`, a counted run `5x Level 30`) on a line of its own,
// then that level's accounts. Each
// heading gives the accounts under it, up to the next heading, their level; an account's own level
// still wins. `Level: 30` (a label and its value) is not a heading: in a seller's mail it belongs
// to the account block above it (email-text.ts).
import { isTrainerLevel } from '../../model.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS } from './level-words.js';

const DECOR = String.raw`[=*#>~\-\u2013\u2014\[(|_]+`;
const CLOSE = String.raw`[=*#<~\-\u2013\u2014\])|_]+`;
const WORDS = String.raw`(?:[ \t]+(?:ptc|google|accounts?|accs?|stock))*`;
// `5x Level 30`, `3 x PTC lvl 25`: a counted run, the number of accounts under it before its level.
const COUNT = String.raw`(?:(?<count>\d{1,4})[ \t]*[x×][ \t]*(?:(?:ptc|google|accounts?|accs?)[ \t]+)*)?`;
const SOURCE = String.raw`^[ \t]*(?:${DECOR}[ \t]*)?${COUNT}(?:(?:${LEVEL_WORDS}|l)\.?[ \t]?(?<a>\d{1,2})\+?|(?<b>\d{1,2})\+?[ \t]*(?:${LEVEL_WORDS})s?\.?)${WORDS}[ \t]*(?:${CLOSE}[ \t]*)?:?[ \t]*\r?$`;
/** A heading line (multiline: one native scan of the whole text finds them all). */
const HEADING = new RegExp(SOURCE, 'gim');
/**
 * Where a heading may go on past its line's end: Korean's `트레이너` and the blanks after it
 * (level-words.ts FOREIGN_LEVEL). A text read in pieces of whole lines finds each heading in its
 * piece unless a line ends so (stated-level.ts).
 */
export const HEADING_GOES_ON = /트레이너[\s_-]*$/m;
/** One line: anchored, so a line that starts otherwise fails at its first character. */
const HEADING_LINE = new RegExp(SOURCE, 'i');

/**
 * [line (1-based), level] of every heading, in order; `counts`, when given, gets the number a
 * counted run's heading (`5x Level 30`) states, by its line.
 */
export function levelHeadings(text: string, counts?: Map<number, number>): [number, number][] {
  const out: [number, number][] = [];
  let line = 1;
  let counted = 0;
  HEADING.lastIndex = 0;
  for (let m = HEADING.exec(text); m; m = HEADING.exec(text)) {
    if (m[0] === '') {
      HEADING.lastIndex++;
      continue;
    }
    for (let i = text.indexOf('\n', counted); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    const level = Number(m.groups!.a ?? m.groups!.b);
    if (isTrainerLevel(level)) {
      out.push([line, level]);
      if (counts && m.groups!.count !== undefined) counts.set(line, Number(m.groups!.count));
    }
  }
  return out;
}

/** Whether a line is such a heading (the list readers skip it). */
export function isLevelHeading(s: string): boolean {
  if (s.length > 60) return false;
  const m = HEADING_LINE.exec(s);
  return m !== null && isTrainerLevel(Number(m.groups!.a ?? m.groups!.b));
}

/** The level of the last heading above `line`, or undefined. `headings` are in line order. */
export function headingLevelAt(headings: readonly [number, number][], line: number): number | undefined {
  let level: number | undefined;
  for (const [at, l] of headings) {
    if (at >= line) break;
    level = l;
  }
  return level;
}
