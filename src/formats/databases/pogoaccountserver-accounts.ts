// pogoAccountServer's `accounts` table (domizei385/pogoAccountServer, 2021-2023: one pool of PTC
// accounts served to Map-A-Droid devices), which the pgpool readers read too: it holds `username`
// and `password` as PGPool's does and comes out of the same MySQL tools. Its columns, as
// `sql/accounts.sql` and the migrations `sql/002_level.sql` to `sql/009_purpose.sql` make them:
// id, username, password, last_use, in_use_by, last_returned, last_reason, level, region,
// last_updated, last_burned, softban_time, softban_location, purpose.
//
// It states no verdict: `server.py` sets `last_reason` to why a device gave the account back
// (`maintenance`, `rotation`, `level`, `teleport`, `limit`: set_burned and set_logout) and
// `last_burned` when that was the game's maintenance screen, which rests an account some hours, as
// Map-A-Droid's `maintenance` (mad-pogoauth.ts): kept as fields. `level` is the table's own record,
// `smallint DEFAULT 30` (sql/002_level.sql), which load_accounts_from_file never sets (it inserts
// `username, password` alone): an account loaded from `accounts.txt` holds 30 before any device
// played it. A device changes it by set_level (`level = <reported>`, only where it differs) or by
// set_logout/set_burned (only when the reported level is higher): a level other than 30 is a
// device's report, read as the level; 30 is the default or a report of 30 the server cannot tell
// apart, so it is not read as a level (kept as the field `pas_level`), and the import says so in
// a note (`--level 30` where the operator knows). `in_use_by` (the device holding it) and the Unix
// times are kept as fields.

import type { DumpResult } from '../types.js';

/** The table's DEFAULT level, which an account holds until a device reports another. */
const DEFAULT_LEVEL = '30';
/** The field keeping a level the table cannot tell from its default. */
export const PAS_LEVEL = 'pas_level';

/** The level cell of a pogoAccountServer row as a known level, or undefined where it is the table's default. */
export function pasKnownLevel(cell: string | undefined): string | undefined {
  return cell === DEFAULT_LEVEL ? undefined : cell;
}

/** The read with a note added where some account's level was the table's default (`n` of them: counted as read when the accounts are columns). */
export function withPasLevelNote(read: DumpResult, n = read.accounts.filter((a) => a.history?.[PAS_LEVEL] !== undefined).length): DumpResult {
  if (n === 0) return read;
  const note = `${n} account${n === 1 ? '' : 's'} of pogoAccountServer's table hold level ${DEFAULT_LEVEL}, its default for an account loaded from accounts.txt (sql/002_level.sql) and what a device reporting ${DEFAULT_LEVEL} leaves: not read as a level (kept as ${PAS_LEVEL}); import with --level ${DEFAULT_LEVEL} if they are`;
  return { ...read, notes: [...(read.notes ?? []), note] };
}

/** The table's name in a dump. */
export const PAS_TABLE = 'accounts';

/** Whether a table's column names (lower case) are pogoAccountServer's `accounts`. */
export function isPasColumns(columns: readonly string[]): boolean {
  return columns.includes('username') && columns.includes('password') && columns.includes('in_use_by') && columns.includes('last_returned');
}
