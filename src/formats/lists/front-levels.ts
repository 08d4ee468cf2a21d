// A list whose first column holds each account's level, no header naming it: `30|ash01|Pw`,
// `30;ash01;Pw`, `30,ash01,Pw`, a tab, ` | `. Read as it stands, the number was the login (`30`)
// and the account's login the start of its password; the file was refused whole as a table. A
// login is never a bare number of one or two digits, and a shop's level column holds levels (1-50)
// repeated or varying; numbers counting the rows from 1 (or from the row's place) are a counter,
// dropped before this (line-counters.ts). So where every account line of the list opens with such
// a number in a cell of its own, the list's own separator after it and the rest an account written
// with that separator, the number is moved behind the account, where a level column is read
// (column-roles.ts, line-counters.ts withoutCounters): `ash01|Pw|30`. One account alone stays as it
// was (a counter, a level or a login of digits: one line cannot say, as a lone number after the
// password cannot: plain.ts). A list mixing numbered and bare accounts, or two separators, stays as
// it was: read or refused by each line as before.
import { isTrainerLevel } from '../../model.js';
import { isSkipped } from './account-line.js';

/** A one- or two-digit number, then a separator with or without blanks (`30;`, `30 | `, `30<TAB>`). */
const FRONT_CELL = /^(\d{1,2})([ \t]*[;,|][ \t]*|\t)(?=\S)/;

/** The separator a front cell's match stands for: `;`, `,`, `|`, or a tab. */
function sepOf(written: string): string {
  const t = written.trim();
  return t === '' ? '\t' : t;
}

/**
 * The lines with a level column in front moved behind each account (the same array when there is
 * none). `isAccount`: whether a line's rest is an account (plain.ts isCountedAccount).
 */
export function withFrontLevels(prepared: string[], isAccount: (s: string) => boolean): string[] {
  let sep: string | undefined;
  const at: number[] = [];
  const moved: string[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const s = prepared[i]!;
    if (isSkipped(s)) continue;
    const c = s.charCodeAt(0);
    const m = c >= 48 && c <= 57 ? FRONT_CELL.exec(s) : null;
    const rest = m ? s.slice(m[0].length) : '';
    if (m && isTrainerLevel(Number(m[1])) && isAccount(rest) && rest.includes(sepOf(m[2]!))) {
      // One separator through the list: `30;ash01;Pw` over `31,ash02,Pw` is no column.
      if (sep !== undefined && sep !== sepOf(m[2]!)) return prepared;
      sep = sepOf(m[2]!);
      at.push(i);
      moved.push(`${rest}${m[2]!.includes(' ') && sep === '|' ? ' | ' : sep}${Number(m[1])}`);
    } else if (isAccount(s)) return prepared;
  }
  if (at.length < 2) return prepared;
  const out = prepared.slice();
  for (let k = 0; k < at.length; k++) out[at[k]!] = moved[k]!;
  return out;
}
