// NecroBot2's account list, `config/accounts.db` (Necrobot-Private/NecroBot): a SQLite file
// Entity Framework Core 1.1 creates (`PoGo.NecroBot.Logic/Model/AccountConfigContext.cs`:
// `UseSqlite`, `Database.EnsureCreated()`), one row per account in the table `Account`
// (`Model/Account.cs`). The first version (May 2017, `Resources/config.db`) had fewer columns;
// every version has `Username`, `Password`, `AuthType` and `Level`, and columns are read by name.
//
// What we keep, so that an operator leaving NecroBot2 loses nothing:
//   AuthType → provider: the enum `PokemonGo.RocketAPI.Enums.AuthType { Google, Ptc }`
//     (Necrobot-Private/PokemonGo.RocketAPI `Enums/AuthType.cs`), stored as its number, 0 or 1;
//   Level → level (NecroBot writes 0 before the first login: no level);
//   LastLogin, what the last login said (`State/LoginState.cs`): "Banned" → temp_banned (the
//     player profile's banned flag, as PGPool's `banned`), "Warned" → warned, "Failure" → a
//     check error (the login failed, for bad credentials or a network's fault: no verdict, the
//     account sits out the retry time); "Success" states nothing;
//   ReleaseBlockTime → available_at: the end of the block `MultiAccountManager.BlockCurrentBot`
//     sets, milliseconds of the local clock (`DateTime.Now.ToUnixTime()`), read as local time;
//   every other non-NULL column but the row's Id → a field of the column's name in snake case
//     (account_active, last_login, nickname, stardust, runtime_total, ...).
// A binary file has no lines: an account's "line" is its row's place in the table.
import { FIELD_ORDER, isTrainerLevel, type Provider, type State } from '../../model.js';
import { usernameProblem } from '../lists/account-line.js';
import { cell, tableWith, type Cell, type SqliteFile } from './sqlite-file.js';
import type { SqliteStore } from './sqlite-stores.js';
import type { DumpAccount } from '../types.js';

const BOOLEAN = new Set(['AccountActive', 'AutoExitBotIfAccountFlagged']);
const MAPPED = new Set(['id', 'username', 'password', 'authtype', 'level']);
const RESERVED = new Set<string>(FIELD_ORDER);
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const VERDICTS: Record<string, State> = { banned: 'temp_banned', warned: 'warned' };

/** `LastLoginTimestamp` → `last_login_timestamp`. */
const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The field a column is kept as, or null when it is read into the account itself or not kept:
 * worked out once per column name, not once per row (a table of 1,700,000 rows spent most of
 * its time, and a string per cell, naming the same columns again).
 */
const FIELDS = new Map<string, string | null>();
function fieldOf(column: string): string | null {
  let field = FIELDS.get(column);
  if (field === undefined) {
    const named = snakeCase(column);
    field = MAPPED.has(column.toLowerCase()) || RESERVED.has(named) || !FIELD_NAME.test(named) ? null : named;
    // Column names come from the file: the memo stays small whatever a file declares.
    if (FIELDS.size < 4096) FIELDS.set(column, field);
  }
  return field;
}

/** The table holding NecroBot's accounts. */
const accountTable = (db: SqliteFile) => tableWith(db, 'account', ['username', 'password', 'authtype']);

function providerOf(authType: Cell | undefined): Provider | undefined {
  if (authType === 0 || authType === '0') return 'google';
  if (authType === 1 || authType === '1') return 'ptc';
  const t = typeof authType === 'string' ? authType.trim().toLowerCase() : '';
  return t === 'ptc' || t === 'google' ? t : undefined;
}

/** Milliseconds of the local wall clock (a DateTime.Now taken as UTC) as an ISO time. */
function localMilliseconds(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

/** One row as an account, or why it cannot be one (never quoting a value). */
function rowAccount(row: Map<string, Cell>, line: number): DumpAccount | string {
  const rawUsername = cell(row, 'Username');
  const password = cell(row, 'Password');
  if (typeof rawUsername !== 'string') return 'Username is not text';
  if (typeof password !== 'string' || password === '') return 'missing password';
  const username = rawUsername.trim();
  const provider = providerOf(cell(row, 'AuthType') ?? 1);
  const problem = usernameProblem(username) ?? (provider ? undefined : 'AuthType is neither Ptc (1) nor Google (0)');
  if (problem) return problem;
  const account: DumpAccount = { username, password, line, provider };
  const level = Number(cell(row, 'Level'));
  if (isTrainerLevel(level)) account.level = level;
  const lastLogin = cell(row, 'LastLogin');
  const said = typeof lastLogin === 'string' ? lastLogin.trim().toLowerCase() : '';
  if (VERDICTS[said]) account.state = VERDICTS[said];
  else if (said === 'failure') account.checkError = true;
  const history: Record<string, unknown> = {};
  const blockEnd = localMilliseconds(Number(cell(row, 'ReleaseBlockTime') ?? 0));
  if (blockEnd) history.available_at = blockEnd;
  for (const [column, value] of row) {
    if (value === null || value instanceof Uint8Array) continue;
    const field = fieldOf(column);
    if (field === null) continue;
    history[field] = BOOLEAN.has(column) && (value === 0 || value === 1) ? value === 1 : value;
  }
  if (Object.keys(history).length > 0) account.history = history;
  return account;
}

export const necrobotStore: SqliteStore = { format: 'necrobot-db', table: accountTable, account: rowAccount };
