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
// Map-A-Droid's `maintenance` (mad-pogoauth.ts): kept as fields. `level` is the table's own record
// (DEFAULT 30 for an account loaded from `accounts.txt`, raised when a device reports more), which
// the server itself hands accounts out by (`level >= 30` for IV devices): read as the level.
// `in_use_by` (the device holding it) and the Unix times are kept as fields.

/** The table's name in a dump. */
export const PAS_TABLE = 'accounts';

/** Whether a table's column names (lower case) are pogoAccountServer's `accounts`. */
export function isPasColumns(columns: readonly string[]): boolean {
  return columns.includes('username') && columns.includes('password') && columns.includes('in_use_by') && columns.includes('last_returned');
}
