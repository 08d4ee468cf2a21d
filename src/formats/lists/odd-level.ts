// A plain number where a list's level stands (`user | pass | 70`, `user<TAB>pass<TAB>2017`,
// `user pass 99`) that no trainer level is (model.ts isTrainerLevel: 1-50). Read as the level it
// would be invented; read as a counter or an extra column it was dropped unseen; kept in the
// password, the password would be wrong. A careful reader cannot tell a typo from a year or a
// count, so the line is refused naming the number. `0` stays "no level", as it always was read
// (seller-levels.test.ts `user pass 0`).
import { isTrainerLevel, MAX_LEVEL, MIN_LEVEL } from '../../model.js';
import { columnsOption, COLUMNS_FLAG } from './stated-columns.js';

/** One to four digits: a level, a typo of one, a year, a count. */
const NUMBER = /^\d{1,4}$/;

/** Is `v` (trimmed) a plain number at all, as a numeric column's values are? */
export function isPlainNumber(v: string): boolean {
  return NUMBER.test(v);
}

/**
 * Why a line whose level place holds `v` is refused; undefined for a level, `0`, or no plain number.
 * `columns`: the list's columns with that one read past (stated-columns.ts), the operator's way
 * through when the column is no level at all (a year, a count on every line).
 */
export function oddLevelReason(v: string, columns?: string): string | undefined {
  if (!NUMBER.test(v)) return undefined;
  const n = Number(v);
  if (n === 0 || isTrainerLevel(n)) return undefined;
  return notLevelReason(v, columns);
}

/**
 * The one refusal of a level cell that is no trainer level, for every reader: a list's last
 * column, RocketMap's `ptc,user,pass,70` and `70,ptc,user,pass`, Monocle's `level` column, a JSON
 * `"level": 70`. PoGo's cap was 40 from launch to GO Beyond (Dec 2020) and 50 since (model.ts
 * MAX_LEVEL); a level above 50 was never a trainer's. `0` is left to the caller ("no level").
 */
export function notLevelReason(v: string, columns?: string): string {
  // Only where the line's columns are known: `user:pass 2017` read with `--columns user,pass,-` would keep ` 2017` in the password.
  const way = columns ? `; if that column is no level, name the columns: import ${columns}` : '';
  return `a number where the list's level goes (${v}), no trainer level (${MIN_LEVEL}-${MAX_LEVEL}): a typo, a year, another count? unsure, not imported${way}`;
}

/** `--columns user,pass,-,-` for a line of `fields` columns, a login and a password first, the rest read past. */
export function columnsReadPast(fields: number): string {
  return `${COLUMNS_FLAG} user,pass${',-'.repeat(Math.max(1, fields - 2))}`;
}

/**
 * `ash01|30|Pw12345!`: a plain number, then the separator, opening what the list reader split as
 * the password. A level column between the login and the password (as some sellers order them),
 * or a password opening `30|`? The line cannot say; read either way the password could be wrong
 * (`30|Pw12345!` was imported so), so the line is refused naming the way through. A character look
 * first: this runs for every account line.
 */
export function middleNumberReason(password: string, sep: string): string | undefined {
  const c = password.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const at = password.indexOf(sep);
  if (at <= 0 || !NUMBER.test(password.slice(0, at).trim())) return undefined;
  return middleReason(`user${sep}30${sep}pass`, `a password opening with a number and \`${sep}\``);
}

/** The one refusal of a number between login and password, `shown` the line's shape, `other` the other reading. */
function middleReason(shown: string, other: string): string {
  return `a number between the login and the password (\`${shown}\`): a level column in the middle, or ${other}? unsure, not imported; if that column is a level, name the columns: import ${COLUMNS_FLAG} user,level,pass (user,-,pass to read it past)`;
}

/**
 * `ash02 Pw23456! 2017` among `user pass` (or `user:pass`) lines: a login and a password split by
 * a blank, as isSpacedAccount reads them, then a plain number that is no level. Read as a
 * sentence it was dropped unseen; it is a line of the list whose number nobody can place.
 */
const SPACED_NUMBER = /^(\S+)[ \t]+(\S+)[ \t]+(\d{1,4})$/;

export function spacedOddLevelReason(s: string, isPair: (pair: string) => boolean): string | undefined {
  const m = SPACED_NUMBER.exec(s);
  return m && isPair(`${m[1]} ${m[2]}`) ? oddLevelReason(m[3]!, columnsReadPast(3)) : undefined;
}

/**
 * `ash01x 30 Pw1!a`: a login, a plain number, a password, split by blanks (a seller's export of
 * `login level password`). The login has a letter and a digit, `_` or `.`, as sold logins have; the
 * last word has a digit and something else. A level column in the middle, or a login, a count and a
 * password, or two words of a note? The line is refused by itself, naming the columns to give,
 * never read past as a sentence.
 */
const SPACED_MIDDLE = /^([A-Za-z][A-Za-z0-9_.@-]{2,})[ \t]+(\d{1,4})[ \t]+(\S{3,})$/;

export function spacedMiddleNumberReason(s: string): string | undefined {
  const m = SPACED_MIDDLE.exec(s);
  if (!m || !/[\d_.]/.test(m[1]!) || !/\d/.test(m[3]!) || !/\D/.test(m[3]!)) return undefined;
  return middleReason('user 30 pass', "a password's first word");
}

/**
 * `misty02:Starm1e:8080`, `ash02:Pika:12`, `g1;p;1` among `user:pass` lines: what the list reader
 * split as the password ends with the separator and a plain number, a third field no other line
 * has (when most lines have it, list-layout.ts reads it as a column: a level column, 0 no level,
 * column-roles.ts). On one line alone a careful reader cannot tell a level typed there (`:12`),
 * a port (`:8080`), a year or a count from the password's own end (`Pika:2`, `p;1`): read as a
 * level it was invented, glued it made a password no one set, read past it was an unseen column.
 * So the line is refused naming the columns to give, whatever the number (`:2` was kept in the
 * password, `:12` read as a level and `:00` as none: one rule now). A password holding the
 * separator before letters (`Star:m1e`) or a longer number (`Pw:12345`) is left whole, as every
 * list reads it. A character look first: this runs for every line the chain splits.
 * `lead`: the columns before the login the list has (`-,` for an address column first).
 */
export function trailingNumberReason(password: string, sep: string, lead = ''): string | undefined {
  const last = password.charCodeAt(password.length - 1);
  if (last < 48 || last > 57) return undefined;
  const at = password.lastIndexOf(sep);
  if (at <= 0 || at < password.length - 5 || !NUMBER.test(password.slice(at + 1))) return undefined;
  return trailingReason(password.slice(at + 1), sep, lead);
}

/** The line's shape, its digits as `#`: the number may be the password's own end, and a reason never quotes a password. */
function trailingReason(v: string, sep: string, lead: string): string {
  const shape = `\`user${sep}pass${sep}${'#'.repeat(v.length)}\``;
  // One or two digits may be a level typed on this line alone; more are no level (a port, a year, a count).
  const before = lead.split(',').filter(Boolean);
  // The way through for the password's own end too: named as two columns, the password runs to the line's end.
  const whole = `import ${columnsOption([...before, 'user', 'pass'])} if the password ends so`;
  if (v.length <= 2) {
    return `a number after the password and \`${sep}\` (${shape}) on this line alone, no other line of the list showing that column: a level typed here alone, or the password's own end? unsure, not imported; name the columns: import ${columnsOption([...before, 'user', 'pass', 'level'])} if it is a level, ${whole} (${lead}user,pass,- reads it past)`;
  }
  return `a number after the password and \`${sep}\` (${shape}), a field no other line has and no trainer level (${MIN_LEVEL}-${MAX_LEVEL}): a port, a year, a count, or the password's own end? unsure, not imported; name the columns: import ${columnsOption([...before, 'user', 'pass', '-'])} if every such line's last field is no part of the password, ${whole}`;
}

/**
 * `ash01:Pika:30` in `accounts_lvl30.txt`: the number the line ends with is the level the file's
 * name states (stated-level.ts levelFromName), so it is that level, not the password's end: the
 * password before it and the level; undefined for any other number or no stated level.
 */
export function statedTrailingLevel(password: string, sep: string, stated: number | undefined): { password: string; level: number } | undefined {
  if (stated === undefined) return undefined;
  const at = password.lastIndexOf(sep);
  return at > 0 && password.slice(at + 1) === String(stated) ? { password: password.slice(0, at), level: stated } : undefined;
}
