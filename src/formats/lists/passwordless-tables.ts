// A table under a header that names its columns, none of them a password: a bot's dump of its
// Pokémon (PokeMobBot's `Dumps/PokeMobBot-PokeBagStats-....csv`: `Name,Level,CP,IV,Move1,Move2`),
// a checker's or a scanner's statistics (`Username,Level,Team`), or a seller's header that names
// its password column in a word no reader knows (`Login,Kode,Level`). Read as a plain list, each
// row splits at its first separator into a "login" and a "password" made of the other cells
// (`ash01` / `30,Mystic`): an account nobody has. The header says the columns, so the list is
// refused instead, naming them (choose.ts, where a generic reader found such "accounts"; a file
// read as none keeps describe-content.ts's words).
import { headerRoles, roleOf } from './columns.js';
import { headLines, stripEnd } from '../decode.js';
import { isHeaderWord } from './line-kinds.js';
import { namedHeader, otherTableHeader } from './named-columns.js';
import { pastSheetBanners } from './sheet-banner.js';

/** A column's name: a word or a few, starting with a letter (`Move1`, `IV %`, `Lvl.`), never a login's shape with `@`. */
const NAME = /^\p{L}[\p{L}\d _.%()#/-]{0,30}$/u;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?%?$/;
/** How many rows must fit the header's cells: a few rows with a separator inside a value do not undo a table. */
const SHARE = 0.8;

/**
 * The header's cells when `lines` (content lines, trimmed) are such a table: the first line's
 * cells are names, two or more of them known column words (columns.ts, line-kinds.ts), none
 * naming a password; most rows have as many cells; and in some column the header's word stands
 * over numbers on most rows (`Level` over `30`), as no line of data stands over the others.
 */
export function passwordlessHeader(lines: string[]): string[] | undefined {
  const header = lines[0];
  if (header === undefined || lines.length < 3 || header.length > 300) return undefined;
  const sep = ['\t', ';', ',', '|'].find((c) => header.includes(c));
  if (sep === undefined) return undefined;
  const names = header.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  if (names.length < 3 || !names.every((n) => NAME.test(n))) return undefined;
  if (names.filter((n) => roleOf(n) !== undefined || isHeaderWord(n)).length < 2) return undefined;
  if (names.some((n) => roleOf(n) === 'pass' || /pass|pwd|secret|密码|密碼|パスワード|비밀번호|пароль/i.test(n))) return undefined;
  if (headerRoles(names)?.includes('pass')) return undefined;
  const rows = lines.slice(1, 400).map((l) => l.split(sep).map((c) => c.trim()));
  const fitting = rows.filter((cells) => cells.length === names.length);
  if (fitting.length < rows.length * SHARE) return undefined;
  const numeric = names.some((n, i) => !/\d/.test(n) && fitting.filter((cells) => NUMBER.test(cells[i]!)).length >= fitting.length * SHARE);
  return numeric ? names : undefined;
}

/** "a table whose first line names its columns (Name, Level, CP) and none a password (...)", or undefined. */
export function passwordlessTable(text: string): string | undefined {
  // Most dumps open with an account line: no separator of a table's header, or a `:` before one.
  const head = text.slice(0, 2000).replace(/^(?:\s*#[^\n]*\n)*/, '').trimStart();
  if (!/^\p{L}[^\n:@]*[\t;,|]/u.test(head)) return undefined;
  const lines: string[] = [];
  for (const raw of headLines(text, 400)) {
    const s = stripEnd(raw).trim();
    if (s !== '' && !s.startsWith('#')) lines.push(s);
  }
  // A sheet's merged title or column groups over the header (sheet-banner.ts): the header is below them.
  lines.splice(0, pastSheetBanners(lines));
  // Or names alone, a login's among them (`Username,Team,Note`): named-columns.ts reads no account under it.
  const header = lines[0] && namedHeader(lines[0], () => lines.slice(1));
  const named = passwordlessHeader(lines) ?? (header && !header.roles.includes('pass') ? lines[0]!.split(header.sep).map((c) => c.trim().replace(/^\|\s*|\s*\|$/g, '')).filter(Boolean) : undefined);
  if (!named) {
    // `Gym,Boss,Time,Team,Host`: names, none a login's or a password's, over rows of something else (named-columns.ts).
    const other = lines[0] && otherTableHeader(lines[0], () => lines.slice(1));
    return other ? `a table whose first line names its columns (${other.join(', ')}) and none a login or a password: a table of something else (a schedule, a price sheet)` : undefined;
  }
  // `Username,Comment`: a login column and no password is a list of logins, what an operator is
  // sent beside the passwords (or instead of them); said so, not only which columns it names.
  const logins = (header && header.roles.includes('user')) || named.some((n) => roleOf(n) === 'user');
  const what = logins ? 'a list of logins without passwords (the passwords come apart, or were never sent)' : "a bot's or a checker's data";
  return `a table whose first line names its columns (${named.join(', ')}) and none a password: ${what}; if one column is the password, name it \`password\` in that line`;
}

/** A line that may open such a table: a name, then a table's separator before any `:` or `@`. */
const HEADER_START = /^\p{L}[^:@]*[\t;,|]/u;

/** Such a table inside a letter: what it is, and its lines in the text (1-based, header to last row). */
export interface TableIn {
  what: string;
  first: number;
  last: number;
}

/**
 * The same, for a table inside a letter (a mail's body: `Hi, here is the list of your order.`, the
 * table, `Regards`): each paragraph (lines between blank lines) that opens with a header, or holds
 * one after a line of its own (`Here is the list:`), is asked as a file would be. The letter's
 * greeting and sign-off are no rows of the table.
 */
export function passwordlessTableIn(text: string): TableIn | undefined {
  const lines = headLines(text, 400).map((raw) => stripEnd(raw).trim());
  for (let start = 0; start < lines.length; ) {
    let end = start;
    while (end < lines.length && lines[end] !== '') end++;
    // Where a header may start: the paragraph's first lines (a lead-in line above it at most two).
    for (let k = start; k < Math.min(end, start + 3); k++) {
      if (end - k < 3 || !HEADER_START.test(lines[k]!)) continue;
      const what = passwordlessTable(lines.slice(k, end).join('\n'));
      if (what) return { what, first: k + 1, last: end };
    }
    start = end + 1;
  }
  return undefined;
}
