// One row of PGPool's `account` table, however it was dumped (mysqldump, `mysql -B`), as an
// account. The table is peewee's Account model (PGPool, pgpool/models.py): one column per field,
// the primary key `username` first, then the others in the model's order; `lures` added at the
// end by the schema-2 migration; the first release also had `awarded_to_level` before it. MySQL gives booleans as 0/1 and DATETIME as local time.
//
// What we keep, so that an operator leaving PGPool loses nothing (the same mapping our
// PGPool-compatible server applies to what scanners post; see src/server/updates.ts):
//   auth_service → provider, level → level, banned or ban_flag → temp_banned,
//   shadowbanned → blind, warn → warned (a row with no flag set states no verdict, so it never
//   clears one the pool already has), last_modified → last_update (what the server answers as
//   last_modified), every other non-NULL column (email, captcha, position, play statistics)
//   → a field of the same name. system_id, the scanner PGPool gave the account to, is kept as
//   our server keeps it: `served_to`, and a hold of that scanner (`holder`) that ends as PGPool's
//   would, `account_release_timeout` (120 minutes unless changed; ours is 120 too) after the
//   row's last_modified: a dump taken while a scanner uses the account keeps it from a second
//   scanner until then, the scanner's updates to `serve` carry the hold on (holds.ts), and the
//   hold of an old dump is over already. A row without last_modified, which PGPool never released
//   by itself, keeps `served_to` alone, never a hold without an end; a system_id that cannot name
//   an instance (control characters, over 64 characters: instanceNameProblem) is not kept.
//
// ShuckleTools keeps its accounts in a MySQL table of the same name (billyj85/ShuckleTools
// `database_scripts.md`) that this reader reads too: `provider` for auth_service; `model`, `iOS`,
// `device_id`, the device its scanners present, as the account's device; and its verdicts as
// DATETIME columns, NULL while not given: `perm_banned`, `temp_banned`, `blinded`, `warned`, each
// set to datetime.now() when the verdict came (accountdbsql_statements.py sql_set_*), and read
// back only by comparing times (`temp_banned IS NULL OR temp_banned < %s`), never cleared. So the
// account's verdict is perm_banned whenever set (ShuckleTools never uses such an account again),
// else the latest of the others (an account banned in September and blinded in October is blind),
// given at that time: the cool-down runs from it, as it did in ShuckleTools. Its allocation is what
// our pool keeps too (accountdbsql_statements.py): `allocated`, the time an account was last handed
// out (its `ORDER BY allocated` is our circle's order), → allocated_at; `system_id` and
// `allocation_end`, the system an account belongs to until then (sql_find_allocatable gives no
// account whose allocation_end is still ahead), → served_to and a hold of that system until
// allocation_end (none without it, as a PGPool row without last_modified); `rest_until`, the time
// an account rests until (sql_update_account), → available_at, the cool-down's end.
import { FIELD_ORDER, instanceNameProblem, isProvider, type State } from '../../model.js';
import { normalizeDevice } from '../../device.js';
import { usernameProblem } from '../lists/account-line.js';
import { shuckleColumnsOf } from './shuckletools-columns.js';
import type { DumpAccount } from '../types.js';
import { isRdmRow, rdmVerdict, unixSeconds } from './rdm-account.js';
import { isMadColumns, madRow, madVerdict } from './mad-pogoauth.js';
import { PAS_LEVEL, isPasColumns, pasKnownLevel } from './pogoaccountserver-accounts.js';
import { flygonVerdict, isFlygonRow } from './flygon-account.js';
import { isRocketmapDbColumns, rocketmapDbVerdict } from './rocketmap-account-db.js';
import { mysqlDatetimeFields, mysqlUtcDatetime } from './mysql-utc.js';
import { layoutOf32 } from './pgpool-assigned-at.js';
import type { WideColumns } from './pgpool-fork33.js';
import { isWithheldName } from '../../withheld-field-names.js';
// A column named for a credential, a takeover code (a PIN, a recovery code) or personal data is never
// kept, nor handed on (the one rule of every reader's fields: withheld-field-names.ts).

/**
 * The columns every PGPool schema starts with, in the order PGPool's Account model declares them.
 * The table itself begins with `username`: peewee (2.8.1 as PGPool pinned it, and 3) makes the
 * table from the model's sorted_fields, the primary key first (Field._sort_key), so a real
 * `account` table is `username`, `auth_service`, `password`, ... (make-pgpool-versions.sh).
 */
export const PGPOOL_COLUMNS = [
  'auth_service', 'username', 'password', 'email', 'last_modified', 'system_id', 'latitude', 'longitude',
  'level', 'xp', 'encounters', 'balls_thrown', 'captures', 'spins', 'walked', 'team', 'coins', 'stardust',
  'warn', 'banned', 'ban_flag', 'tutorial_state', 'captcha', 'rareless_scans', 'shadowbanned',
  'balls', 'total_items', 'pokemon', 'eggs', 'incubators',
] as const;
/** PGPool's table in its own order: the primary key first (peewee), then the model's order. */
export const PGPOOL_TABLE_ORDER: readonly string[] = ['username', 'auth_service', ...PGPOOL_COLUMNS.slice(2)];
const TABLE_ORDER = PGPOOL_TABLE_ORDER;

/**
 * What a 31st column without a name is kept as. The first release (751ba3e) ended its table in
 * `awarded_to_level`; the versions after it dropped the field but never the column (peewee's
 * create_tables leaves a table as it is) until schema 2 (71c11db) added `lures`, which a fresh
 * schema-2 table ends in. Both are nullable small numbers that scanners posted: a headerless row
 * of 31 cells cannot say which, so its value is kept under a name that says so, never lost nor
 * misnamed. Rows of 32 cells are named once for their whole table (pgpool-column31.ts).
 */
export const COLUMN_31 = 'awarded_to_level_or_lures';

/** The 32nd column without a name when NULL: schema 2's lures or a migrated fork's assigned_at (never kept: NULL). */
const COLUMN_32_UNSET = 'lures_or_assigned_at';

const PROVIDER_CELL = /^(?:ptc|google)$/i;
/** last_modified is NOT NULL in every PGPool schema (DateTimeField without null=True). */
const DATETIME_CELL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * The column names of a whole row of PGPool's table without names (`mysql -B -N`, `mysqldump
 * --no-create-info`, INTO OUTFILE), from the row itself: 30 to 32 cells, the provider first or
 * second (the table's own order puts the login first; a hand-written INSERT may follow the model),
 * the DATETIME of last_modified fifth (never NULL). Undefined when the row is no such row.
 */
export function pgpoolColumnsOf(cells: readonly (string | null)[]): readonly string[] | undefined {
  const n = cells.length;
  if (n < PGPOOL_COLUMNS.length || n > PGPOOL_COLUMNS.length + 2) return undefined;
  const at = (i: number) => cells[i] ?? 'NULL';
  if (!DATETIME_CELL.test(at(4))) return undefined;
  const first = PROVIDER_CELL.test(at(0));
  const second = PROVIDER_CELL.test(at(1));
  if (first === second) return undefined;
  const base = second ? TABLE_ORDER : PGPOOL_COLUMNS;
  if (n === PGPOOL_COLUMNS.length + 1) return [...base, COLUMN_31];
  if (n === PGPOOL_COLUMNS.length + 2) {
    // As many columns as a fork's with assigned_at (pgpool-assigned-at.ts): told apart by the cells.
    const layout = layoutOf32(cells);
    if (layout === 'fork') return [...base.slice(0, 6), 'assigned_at', ...base.slice(6), 'lures'];
    if (layout === 'fork-migrated') return [...base, 'lures', 'assigned_at'];
    if (layout !== 'pgpool') return undefined;
    // A 32nd cell of NULL is also a fork's assigned_at appended to a schema-2 table and not yet set
    // (v2rf3 in make-pgpool-forks.sh): the 31st is then lures, or the first release's
    // awarded_to_level, and no cell can say which. Its value is kept under the name that says so.
    return cells[31] === null || cells[31] === 'NULL' ? [...base, COLUMN_31, COLUMN_32_UNSET] : [...base, 'awarded_to_level', 'lures'];
  }
  return base;
}

/**
 * The column names of a whole row without names: PGPool's table, or ShuckleTools'
 * (shuckletools-columns.ts); `wide`, a fork table's 33 or 34 columns the file's rows of that many
 * cells decided (pgpool-fork33.ts), for a row of that many cells.
 */
export function tableColumnsOf(cells: readonly (string | null)[], wide?: WideColumns): readonly string[] | undefined {
  const decided = wide?.get(cells.length);
  if (decided) return decided;
  return pgpoolColumnsOf(cells) ?? shuckleColumnsOf(cells);
}

/** A row by column name (lower case); NULL is null. */
export type PgpoolRow = Map<string, string | null>;

const FLAGS = new Set(['warn', 'banned', 'ban_flag', 'captcha', 'shadowbanned']);
const TEXT = new Set(['email', 'team', 'tutorial_state']);
/** Read into the account itself, or not kept at all. */
const MAPPED = new Set(['auth_service', 'provider', 'username', 'password', 'level', 'warn', 'banned', 'ban_flag', 'shadowbanned', 'system_id', 'last_modified', 'allocated', 'rest_until']);
const RESERVED = new Set<string>(FIELD_ORDER);
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** PGPool's default `account_release_timeout` (codename-art/PGPool `pgpool/config.py`): 120 minutes. */
const RELEASE_TIMEOUT_MS = 120 * 60_000;
/** What our server names the system it last gave a hold to (src/server/pgpool-account.ts SERVED_TO). */
const SERVED_TO = 'served_to';

/** A flag set: 1 (TINYINT), true, or a BIT(1) column's byte as `mysqldump --hex-blob` writes it (0x01). */
const isTrue = (v: string | null | undefined) => v === '1' || v === '\x01' || v?.toLowerCase() === 'true';

/** A MySQL DATETIME (`2017-12-01 10:00:00`, the PGPool server's local time) as ISO, or undefined. */
export function mysqlDatetime(v: string | null | undefined): string | undefined {
  const f = mysqlDatetimeFields(v);
  return f && new Date(f[0], f[1] - 1, f[2], f[3], f[4], f[5]).toISOString();
}

/** ShuckleTools' verdict columns (DATETIME, NULL when not), perm_banned first: it outranks any later one. */
const DATED_VERDICTS: readonly (readonly [string, State])[] = [
  ['perm_banned', 'perm_banned'],
  ['temp_banned', 'temp_banned'],
  ['blinded', 'blind'],
  ['warned', 'warned'],
];
/** ShuckleTools' device columns (lower case, as every column name here): kept as the device when they make one. */
const DEVICE_COLUMNS = new Set(['model', 'ios', 'device_id']);

/** The verdict of ShuckleTools' dated columns and its time (ISO), or undefined when none is set. */
function datedVerdict(row: PgpoolRow): { state: State; at: string } | undefined {
  let found: { state: State; at: string } | undefined;
  for (const [column, state] of DATED_VERDICTS) {
    const at = mysqlDatetime(row.get(column));
    if (at === undefined) continue;
    if (state === 'perm_banned') return { state, at };
    // Later news wins; at the same time, the column listed first (the harsher verdict).
    if (found === undefined || at > found.at) found = { state, at };
  }
  return found;
}

function verdict(row: PgpoolRow): State | undefined {
  if (isTrue(row.get('banned')) || isTrue(row.get('ban_flag'))) return 'temp_banned';
  if (isTrue(row.get('shadowbanned'))) return 'blind';
  if (isTrue(row.get('warn'))) return 'warned';
  return undefined;
}

/** The row as an account, or why it cannot be one (never quoting a value). */
export function pgpoolAccount(read: PgpoolRow, line: number): DumpAccount | string {
  // Map-A-Droid's settings_pogoauth in the names read here (mad-pogoauth.ts).
  const mad = isMadColumns([...read.keys()]);
  const row = mad ? madRow(read) : read;
  const username = (row.get('username') ?? '').trim();
  const password = row.get('password') ?? '';
  const auth = (row.get('auth_service') ?? row.get('provider') ?? 'ptc').trim().toLowerCase();
  // pogoAccountServer's level 30 is its column's default as much as a device's report (pogoaccountserver-accounts.ts).
  const pas = !mad && isPasColumns([...row.keys()]);
  const tableLevel = row.get('level')?.trim();
  const levelText = pas ? pasKnownLevel(tableLevel) : tableLevel;
  const problem =
    usernameProblem(username) ??
    (password === '' ? 'missing password' : undefined) ??
    (isProvider(auth) ? undefined : 'auth_service is neither ptc nor google') ??
    (levelText === undefined || /^\d{1,4}$/.test(levelText) ? undefined : 'level is not a whole number');
  if (problem) return problem;
  const account: DumpAccount = { username, password, line, provider: auth as 'ptc' | 'google' };
  if (levelText !== undefined) account.level = Number(levelText);
  // RealDeviceMap's table states its verdict in `failed` alone (rdm-account.ts), Flygon's in its own
  // flags (flygon-account.ts), MAD's in last_burn_type: never PGPool's flags of the same names.
  const rdm = isRdmRow(row);
  const flygon = !rdm && isFlygonRow(row);
  // neskk/RocketMap's table: `banned` numbered, `warning`, UTC times (rocketmap-account-db.ts).
  const rmdb = !rdm && !flygon && !mad && isRocketmapDbColumns(row);
  const forked = rmdb ? rocketmapDbVerdict(row) : undefined;
  if (typeof forked === 'string') return forked;
  const dated = rdm ? rdmVerdict(row) : flygon ? flygonVerdict(row) : mad ? madVerdict(row) : rmdb ? forked : datedVerdict(row);
  const state = dated?.state ?? (rdm || flygon || mad || rmdb ? undefined : verdict(row));
  if (state) account.state = state;
  if (dated?.at) account.stateAt = dated.at;
  const device = normalizeDevice({ model: row.get('model'), ios: row.get('ios'), id: row.get('device_id') });
  if (device) account.device = device;
  const history: Record<string, unknown> = {};
  const seen = rmdb ? mysqlUtcDatetime(row.get('last_modified')) : mysqlDatetime(row.get('last_modified'));
  if (seen) history.last_update = seen;
  const system = row.get('system_id')?.trim();
  // ShuckleTools' allocation: held until its end; PGPool's: until the release timeout after the last update.
  const allocationEnd = mysqlDatetime(row.get('allocation_end'));
  const heldUntil = allocationEnd ?? (seen ? new Date(Date.parse(seen) + RELEASE_TIMEOUT_MS).toISOString() : undefined);
  let held = false;
  if (system && instanceNameProblem(system) === null) {
    history[SERVED_TO] = system;
    if (heldUntil) {
      history.holder = system;
      history.held_until = heldUntil;
      held = allocationEnd !== undefined;
    }
  }
  const allocated = rmdb
    ? mysqlUtcDatetime(row.get('last_scan'))
    : (mysqlDatetime(row.get('allocated')) ?? (rdm ? unixSeconds(row.get('last_used_timestamp')) : flygon ? unixSeconds(row.get('last_selected')) : undefined));
  if (allocated) history.allocated_at = allocated;
  const restUntil = mysqlDatetime(row.get('rest_until'));
  if (restUntil) history.available_at = restUntil;
  for (const [column, value] of row) {
    if (value === null || MAPPED.has(column) || RESERVED.has(column) || !FIELD_NAME.test(column) || isWithheldName(column)) continue;
    if (device && DEVICE_COLUMNS.has(column)) continue;
    if (held && column === 'allocation_end') continue;
    if (FLAGS.has(column)) history[column] = isTrue(value);
    else if (TEXT.has(column) || value.trim() === '' || !Number.isFinite(Number(value))) history[column] = value;
    else history[column] = Number(value);
  }
  if (pas && tableLevel !== undefined && levelText === undefined) history[PAS_LEVEL] = Number(tableLevel);
  if (Object.keys(history).length > 0) account.history = history;
  return account;
}
