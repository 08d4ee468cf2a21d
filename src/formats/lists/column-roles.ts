// Level and provider columns after the password in a list without a header: `user:pass:30`,
// `user,pass,ptc`, `user<TAB>pass<TAB>30<TAB>ptc`, `user pass 30` ("user pass level", as sellers
// list their stock), `user pass ptc 30` (both, in either order line by line). No line says that
// its last field is a level rather than the end of a password, but the whole list does: when
// every line ends with the same kind of value (a level number, `ptc`/`google`), that value is a
// column, read as a header's Level or Provider column is (columns.ts), and kept out of the
// password. A status column (`banned`, `ok`: verdict-words.ts) after them is the account's
// verdict. A line that does not end so is split as usual.
import { field, splitAccountLine, tokens, type Layout, type LineResult, type Sep } from './account-line.js';
import type { Role } from './columns.js';
import { isAddress } from './line-kinds.js';
import { isProvider, isTrainerLevel } from '../../model.js';
import { isPlainNumber, oddLevelReason } from './odd-level.js';
import { statusState } from './verdict-words.js';
import { levelCell } from './level-cell.js';
import { columnsWithout } from './stated-columns.js';

/** How often a column's value must fit for the whole column to be read as one: a few typos do not undo a list. */
const SHARE = 0.9;
const LEVEL = /^\d{1,2}$/;

/** `ptc` or `google`, in any case. */
function isProviderName(v: string): boolean {
  return isProvider(v.toLowerCase());
}

function isLevel(v: string): boolean {
  return (LEVEL.test(v) && isTrainerLevel(Number(v))) || levelCell(v) !== undefined;
}

export function kindOf(v: string): Role {
  const t = v.trim();
  return isLevel(t) ? 'level' : isProviderName(t) ? 'provider' : isAddress(t) ? 'email' : statusState(t) ? 'status' : 'extra';
}

/** Values that can end a blank-separated account line as its columns: a level, a provider, or both (`ptc 30`, `30 ptc`). */
export function isColumnTail(values: string[]): boolean {
  // Any plain number: `user pass 0` is still an account (its level is not read), and `user pass
  // 2017` a line whose number is no level (odd-level.ts): refused by its line, not a sentence.
  const roles = values.map((v) => (isPlainNumber(v) ? 'level' : kindOf(v)));
  return roles.length <= 2 && roles.every((r) => r === 'level' || r === 'provider') && (roles.length < 2 || roles[0] !== roles[1]);
}

/**
 * The roles of a list's columns (`['user', 'pass', 'level']`) when some trailing column is a
 * level or a provider on (nearly) every line of `modal` fields; undefined otherwise.
 * `trailing` is how many fixed columns follow the password (list-layout.ts).
 */
export function trailingRoles(own: string[], sep: Sep, padded: boolean, modal: number, userField: number, trailing: number): Role[] | undefined {
  const counts: Map<Role, number>[] = Array.from({ length: trailing }, () => new Map());
  // Per column: how many lines hold a plain number there, and how many of them are not 0.
  const numbers: number[] = new Array(trailing).fill(0);
  const nonZero: number[] = new Array(trailing).fill(0);
  let full = 0;
  // Lines ending `ptc 30` and `30 ptc`: one list may hold both orders.
  const pairs = { 'provider level': 0, 'level provider': 0 } as Record<string, number>;
  for (const s of own.slice(0, 2000)) {
    const toks = tokens(s, sep, padded);
    if (!toks || toks.length + 1 !== modal) continue;
    full++;
    const last: Role[] = [];
    for (let j = 0; j < trailing; j++) {
      const value = field(s, toks, modal - trailing + j).trim();
      const role = kindOf(value);
      if (isPlainNumber(value)) {
        numbers[j]!++;
        if (Number(value) !== 0) nonZero[j]!++;
      }
      counts[j]!.set(role, (counts[j]!.get(role) ?? 0) + 1);
      last.push(role);
    }
    const pair = last.slice(-2).join(' ');
    if (pair in pairs) pairs[pair]!++;
  }
  const roles: Role[] = counts.map((c, j) => {
    for (const role of ['level', 'provider', 'email', 'status'] as const) if ((c.get(role) ?? 0) >= full * SHARE) return role;
    // `user:pass:30` over `user:pass:70`: a column of plain numbers is the level's, its odd lines
    // refused (levelProblem); a column of `0` alone says no level, as before.
    return numbers[j]! >= full * SHARE && nonZero[j]! > 0 ? 'level' : 'extra';
  });
  const [pl, lp] = [pairs['provider level']!, pairs['level provider']!];
  if (trailing >= 2 && pl + lp >= full * SHARE) roles.splice(-2, 2, ...((pl >= lp ? ['provider', 'level'] : ['level', 'provider']) as Role[]));
  if (full === 0 || !roles.some((r) => r === 'level' || r === 'provider' || r === 'status')) return undefined;
  return [...(userField === 1 ? (['extra'] as Role[]) : []), 'user', 'pass', ...roles];
}

/** Does this line end with the values the columns say (a level number where the level goes)? */
function fits(s: string, layout: Layout, roles: Role[]): boolean {
  const toks = tokens(s, layout.sep, layout.padded);
  if (!toks || toks.length + 1 < roles.length) return false;
  const n = toks.length + 1;
  for (let j = 1; j <= roles.length - 2; j++) {
    const role = roles[roles.length - j]!;
    const v = field(s, toks, n - j).trim();
    if ((role === 'level' && !isLevel(v)) || (role === 'provider' && !isProviderName(v)) || (role === 'status' && !statusState(v))) return false;
  }
  // Words split on blanks are a login and a password only with a digit in one of them.
  return layout.sep !== ' ' || /\d/.test(s.slice(0, toks[roles.indexOf('pass')]![0]));
}

/**
 * Why a line of a list with a level column is refused: that column holds a number no trainer
 * level is (`70`, `2017`: odd-level.ts).
 */
function levelProblem(s: string, layout: Layout, roles: Role[]): string | undefined {
  const at = roles.lastIndexOf('level');
  const toks = tokens(s, layout.sep, layout.padded);
  if (at < 0 || !toks || toks.length + 1 !== roles.length) return undefined;
  return oddLevelReason(field(s, toks, at).trim(), columnsWithout(roles, at));
}

/** A list line split by its columns' roles when it fits them, else as any line of the list. */
export function splitListLine(s: string, layout: Layout & { columns?: Layout }): LineResult {
  // `brock;"Onix;Rock33";30` under a `;` header: the CSV quotes undone joined the fields with tabs
  // (quoted-fields.ts), one per column; split at them, not at the `;` inside the password.
  if (layout.roles && layout.sep !== '\t' && s.indexOf('\t') >= 0 && tabFields(s) === layout.roles.length) return splitAccountLine(s, { ...layout, sep: '\t', padded: false });
  const columns = layout.columns;
  if (!columns) return splitAccountLine(s, layout);
  if (fits(s, columns, columns.roles!)) return splitAccountLine(s, columns);
  // `30 ptc` in a list of `ptc 30`: the same two columns the other way round.
  const turned = turnedRoles(columns.roles!);
  if (turned && fits(s, columns, turned)) return splitAccountLine(s, { ...columns, roles: turned });
  const problem = levelProblem(s, columns, columns.roles!);
  return problem ? { reason: problem } : splitAccountLine(s, layout);
}

/** The roles with their last two, a level and a provider, swapped; undefined when they are not those two. */
function turnedRoles(roles: Role[]): Role[] | undefined {
  const [a, b] = roles.slice(-2);
  return (a === 'level' && b === 'provider') || (a === 'provider' && b === 'level') ? [...roles.slice(0, -2), b, a] : undefined;
}

/** How many tab-separated fields the line has. */
function tabFields(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\t'); i >= 0; i = s.indexOf('\t', i + 1)) n++;
  return n;
}

/**
 * The line has one field per column of the header above it (`user;pass;nie benutzt;DE`, or its
 * CSV quotes undone into tabs): a row of that table, whatever words its note column holds.
 */
export function fillsHeader(s: string, layout: Layout): boolean {
  const roles = layout.roles;
  if (!roles) return false;
  if (s.indexOf('\t') >= 0 && tabFields(s) === roles.length) return true;
  let n = 1;
  for (let i = s.indexOf(layout.sep); i >= 0; i = s.indexOf(layout.sep, i + 1)) n++;
  if (layout.sep !== ' ' && n === roles.length) return true;
  // `2<TAB>ash02<TAB>Pw` under `Nr.<TAB>Login<TAB>Passwort<TAB>Level`: a numbered row up to its password, the cells after it left empty.
  const sep = s.indexOf('\t') >= 0 ? '\t' : layout.sep;
  const first = s.indexOf(sep);
  const cells = sep === '\t' ? tabFields(s) : n;
  return layout.counters?.[0]?.at === 0 && sep !== ' ' && first > 0 && /^\d{1,7}$/.test(s.slice(0, first).trim()) && cells > roles.indexOf('pass') && cells < roles.length;
}
