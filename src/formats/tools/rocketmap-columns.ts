// Columns after RocketMap's `provider,username,password`: `ptc,user,pass,30`, `ptc,user,pass,
// mail@x.com,30`, `ptc,user,pass,30,banned`, as sellers and checkers added a level, an e-mail or a
// status to the scanners' CSV. The scanners themselves keep the first three fields: PGScout's
// `load_accounts` (tomballgithub/PGScout-1 `pgscout.py`: `line.split(",")`, `fields[0..2]`) and
// RocketMap's `-hlvl` reader drop the rest. But an unquoted password may hold a comma (PalletTown
// writes a hand-given one as it is), so one line cannot tell `pass,30` from a level column. The
// whole file can: when every row has the same extra columns and each column holds one kind of
// value on every row (a level 1-50, an e-mail, a status word, a date...), they are columns, read
// from the end of the row. A row whose extra fields look like such values in a file that does not
// show them as columns is refused as unsure, naming what was seen, never guessed either way.
import { kindOf } from '../lists/column-roles.js';
import { isExtraColumn } from '../lists/list-layout.js';
import { isAddress } from '../lists/line-kinds.js';
import type { Role } from '../lists/columns.js';
import type { State } from '../../model.js';
import { statusState } from '../lists/verdict-words.js';
import { isPlainNumber, oddLevelReason } from '../lists/odd-level.js';
import { columnsOption } from '../lists/stated-columns.js';

/**
 * A one-letter flag a tool keeps beside each row: PokeLevel's `ptc,user,pass,Y` (free) and `,N`
 * (taken by a running session; ultrafunkamsterdam/PokeLevel `functions.sh` `GetAccount` and
 * `ReturnAccount` rewrite it). No password is one letter, so a column of them on every row is a column.
 */
const FLAG = /^[YN]$/i;

/** Roles of the extra columns, last ones of each row; empty when the file shows none. */
export type ExtraRoles = Role[];

/**
 * The extra columns every row shows. `rows`: each provider row's fields from the username on
 * (`user, pass, ...extras`). A row with more fields has a password holding commas.
 */
export function extraColumns(rows: string[][]): ExtraRoles {
  if (rows.length === 0) return [];
  let fewest = Infinity;
  for (const r of rows) fewest = Math.min(fewest, r.length);
  const count = fewest - 2;
  if (count <= 0) return flagColumn(rows);
  const roles: Role[] = [];
  for (let j = count; j >= 1; j--) {
    const seen = new Set<Role>();
    let numbers = true;
    for (const r of rows) {
      const v = r[r.length - j]!.trim();
      if (v === '') continue;
      if (!isExtraColumn(v) && !FLAG.test(v)) return [];
      seen.add(kindOf(v));
      numbers &&= isPlainNumber(v);
    }
    // One kind of value in the column (a level on every row), or values an extra column holds. A
    // column of plain numbers is the level's, as a list's last one is (odd-level.ts): a `70` in it
    // refuses its row (rowTail), never dropped as an extra column unseen.
    roles.push(numbers && seen.size > 0 ? 'level' : seen.size === 1 ? [...seen][0]! : 'extra');
  }
  return roles;
}

/**
 * PokeLevel's flag on most rows, a row or two without it (added by hand: `functions.sh` never
 * drops it): the flag is the last column of the rows that have one. Every longer row ends in a
 * flag, and they are more than the rows without, so no password is read as `pass,Y`.
 */
function flagColumn(rows: string[][]): ExtraRoles {
  let flagged = 0;
  for (const r of rows) {
    if (r.length <= 2) continue;
    if (!FLAG.test(r[r.length - 1]!.trim())) return [];
    flagged++;
  }
  return flagged * 2 > rows.length ? ['extra'] : [];
}

/** What a row's fields after the password say, or why the row is refused. */
export type RowTail = { passEnd: number; level?: number; status?: string } | { reason: string };

/**
 * Where the password of a row ends (an index into `fields`, which start at the username) and what
 * its extra columns say. Without columns for the whole file: the password ends at an e-mail
 * address after it (never a password's end), runs to the end of the row when what follows it
 * is no column value (`comma,in,pass8`), and the row is refused when it is one (`pass,30`).
 */
export function rowTail(fields: string[], roles: ExtraRoles, lead: readonly string[] = ['provider']): RowTail {
  const n = fields.length;
  if (roles.length > 0 && n >= roles.length + 2) {
    const out: { passEnd: number; level?: number; status?: string } = { passEnd: n - roles.length };
    for (let k = 0; k < roles.length; k++) {
      const role = roles[k];
      const v = fields[n - roles.length + k]!.trim();
      if (role === 'level' && v !== '') {
        // `ptc,user,pass,70`: the way through names the row's columns, that one read past, as the
        // list reader reads them (plain.ts: counted from the end, as here, so `pa,ss` stays whole).
        const odd = oddLevelReason(v, rowColumns(lead, roles, k));
        if (odd) return { reason: odd };
        if (v !== '0') out.level = Number(v);
      }
      if (role === 'status' && v !== '') out.status = v;
    }
    return out;
  }
  if (n <= 2) return { passEnd: n };
  for (let k = 2; k < n; k++) if (isAddress(fields[k]!.trim())) return { passEnd: k, ...afterAddress(fields.slice(k + 1)) };
  const extras = fields.slice(2).map((f) => f.trim());
  // A `Y` or `N` ending a row the file shows no flag column for (PokeLevel's `ptc,user,pass,Y`
  // among rows without it): the flag, or a password ending `,Y`? Unsure.
  // A plain number that is no level (`pass,70`) is as unsure as `pass,30`: a level's typo, or a password's end.
  const columnValues = extras.every((v) => v !== '' && (kindOf(v) !== 'extra' || FLAG.test(v) || isPlainNumber(v)));
  if (!columnValues && FLAG.test(extras.at(-1)!)) {
    return { reason: `unsure where the password ends: the row ends in a field that reads as ${describe('extra', extras.at(-1)!)}, which other rows do not have (a column, or a password holding a comma?); quote the password ("pa,ss") or give every row the column` };
  }
  if (columnValues) {
    return {
      reason: `unsure where the password ends: after it ${extras.length === 1 ? 'a field' : `${extras.length} fields`} that ${extras.length === 1 ? 'reads' : 'read'} as ${extras.map((v) => describe(kindOf(v), v)).join(', ')}, which other rows do not have (a column, or a password holding a comma?); quote the password ("pa,ss") or give every row the column`,
    };
  }
  return { passEnd: n };
}

/**
 * What follows the e-mail of a row the file shows no columns for (`pass,mail@x.com,28`): fields
 * that each read as a level or a status are the account's, as they are when every row has them;
 * `mail,mailpass` is the e-mail's password, read past; a level or status among other fields
 * (`mail,mailpass,28`: a column, or the e-mail's password?) is unsure, and the row refused.
 */
function afterAddress(values: string[]): { level?: number; status?: string } | { reason: string } {
  const out: { level?: number; status?: string } = {};
  let others = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    const kind = kindOf(v);
    // `mail@x.example,70`: a level's place, no trainer level (odd-level.ts); never dropped unseen.
    const odd = kind === 'extra' ? oddLevelReason(v) : undefined;
    if (odd) return { reason: odd };
    if (kind === 'level') out.level ??= Number(v);
    else if (kind === 'status') out.status ??= v;
    else others++;
  }
  const read = (out.level === undefined ? 0 : 1) + (out.status === undefined ? 0 : 1);
  if (read > 0 && others > 0) {
    return { reason: `unsure what follows the e-mail: a ${out.level !== undefined ? 'level' : 'status word'} beside ${others === 1 ? 'another field' : `${others} other fields`} (a column, or the e-mail's password?); give every row the same columns` };
  }
  return out;
}

/** `--columns provider,user,pass,-` for a row of `lead`, a login, a password and `roles`, the one at `skip` read past (each role named once). */
export function rowColumns(lead: readonly string[], roles: readonly Role[], skip: number): string {
  const names = [...lead, 'user', 'pass'];
  roles.forEach((r, j) => names.push(j === skip || r === 'extra' || names.includes(r) ? '-' : r));
  return columnsOption(names);
}

function describe(role: Role, v = ''): string {
  if (role === 'extra' && FLAG.test(v)) return "a Y/N flag (PokeLevel's free or taken)";
  if (role === 'extra' && isPlainNumber(v)) return `a number that is no trainer level (${v})`;
  return role === 'level' ? 'a level' : role === 'provider' ? 'a provider' : role === 'status' ? 'a status word' : role;
}

/**
 * The list reader's `ptc,user,pass,30` (a RocketMap row among lines of another shape, its
 * provider read first by line-notes.ts): `rest` is what followed the username. The password
 * ends at an e-mail; a level or status alone after it is unsure (rowTail), refused.
 */
function providerRowPassword(rest: string): { password: string } | { reason: string } {
  const parts = rest.split(',');
  const tail = rowTail(['', ...parts], []);
  return 'reason' in tail ? tail : { password: parts.slice(0, tail.passEnd - 1).join(',') };
}

/** A RocketMap row's start: its provider, then a comma. */
const PROVIDER_ROW = /^(?:ptc|google)\s*,/i;

/**
 * A list reader's split `r` of `line`, where the line is a RocketMap row (`ptc,user,pass,30`
 * among lines of another shape) whose password holds a comma: the password cut where a column
 * after it starts (providerRowPassword), or why the row is refused as unsure. Any other line's
 * split as it is.
 */
export function withProviderRowCut<R extends { password: string; level?: number; state?: State }>(line: string, r: R): R | { reason: string; kind?: never } {
  if (!PROVIDER_ROW.test(line)) return r;
  if (r.password.includes(',')) {
    const cut = providerRowPassword(r.password);
    return 'reason' in cut ? cut : { ...r, password: cut.password };
  }
  // `ptc,user,pass,mail@x.com,28`: the e-mail ended the password; what follows it is the row's own.
  const fields = line.split(',');
  if (fields.length <= 4) return r;
  const tail = rowTail(fields.slice(1), []);
  if ('reason' in tail) return tail;
  if (tail.level === undefined && tail.status === undefined) return r;
  const out = { ...r };
  if (tail.level !== undefined) out.level ??= tail.level;
  const state = tail.status === undefined ? undefined : statusState(tail.status);
  if (state) out.state ??= state;
  return out;
}
