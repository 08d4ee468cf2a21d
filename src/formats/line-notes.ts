// What a list line says besides its login and password, and the line as the list readers split
// it: a level noted after the account (level-suffix.ts), a separator with blanks around it or a
// table's bars (spaced-separator.ts), CSV quoting (quoted-fields.ts), and a provider column first
// (`ptc:user:pass`, `google;mail@gmail.com;pass`, `"ptc","user","pass"`): no login is `ptc` or
// `google` alone, so a line opening with one of them and a separator names its provider.
import type { Provider } from '../model.js';
import { levelSuffix } from './level-suffix.js';
import { withoutCsvQuotes } from './quoted-fields.js';
import { withSpacedSeparator } from './spaced-separator.js';

const NOTABLE = /[ \t"]/;
// `ptc` and blanks holding a tab or before `,` `;` `:`, then blanks: each run of blanks read once
// (`[ \t]*[,;:\t][ \t]*` tried every split of a long run, its length squared).
const LEADING_PROVIDER = /^(ptc|google)(?:[ \t]*[,;:]|(?=[ \t]*\t))[ \t]*(?=\S)/i;

export interface LineNotes {
  /** The line to split into login and password. */
  s: string;
  level?: number;
  provider?: Provider;
}

/** No blank, tab or quote, and no provider's first letter: nothing to note (most lines of a 100,000-line list). */
export function isBare(line: string): boolean {
  const c = line.charCodeAt(0) | 32;
  if (c === 112 || c === 103 || c === 124) return false;
  // One native scan, faster than a loop over the characters or three indexOf.
  return !NOTABLE.test(line);
}

export function lineNotes(line: string): LineNotes {
  if (isBare(line)) return { s: line };
  const suffix = levelSuffix(line);
  const s = withoutCsvQuotes(withSpacedSeparator(suffix ? suffix.line : line));
  const c = s.charCodeAt(0) | 32;
  // Cheap first look: a provider starts with p or g.
  const lead = c === 112 || c === 103 ? LEADING_PROVIDER.exec(s) : null;
  const notes: LineNotes = { s: lead ? s.slice(lead[0].length) : s };
  if (suffix) notes.level = suffix.level;
  if (lead) notes.provider = lead[1]!.toLowerCase() as Provider;
  return notes;
}

/** The line as list readers judge its shape and split it. */
export function bareAccountLine(line: string): string {
  return isBare(line) ? line : lineNotes(line).s;
}

/** The separators of a header line as a list reader splits them (a header has no notes). */
export function plainSeparators(s: string): string {
  return withoutCsvQuotes(withSpacedSeparator(s));
}
