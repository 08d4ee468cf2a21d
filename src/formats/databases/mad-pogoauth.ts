// Map-A-Droid's (MAD, 2019-2023) `settings_pogoauth` table, the accounts its devices log in with,
// which the pgpool readers read as they read PGPool's `account` table (the same MySQL tools write
// it: mysqldump, `mysql -B`). MAD 1 made it (Map-A-Droid/MAD branch legacy,
// `mapadroid/patcher/madrom_autoconfig.py`, `move_ptc_accounts.py`): `instance_id`, `account_id`,
// `device_id`, `login_type` (`google`/`ptc`), `username`, `password`. MAD 2 (branch async,
// `alembic/versions/a2e69d3ecf7c_add_keyblobs_for_pogoauth.py`) added `key_blob`, `level`,
// `last_burn`, `last_burn_type`, `last_softban_action` and `last_softban_action_location`.
//
// `login_type` is the provider. `device_id` names MAD's own device (its settings_device row), not
// a phone's identity: it is kept as `mad_device_id`, never as the account's device. `key_blob`
// (the device's login key) and `last_softban_action_location` (a GEOMETRY) are binary: left out.
// The verdict is `last_burn_type` at `last_burn`, a DATETIME in UTC (MAD's TZDateTime;
// SettingsPogoauthHelper.mark_burnt): `ban` (never used again, AccountHandler.py) → perm_banned,
// `suspended` (rested 7 days) → temp_banned; `maintenance` (the game's maintenance screen, rested
// some hours) states no verdict on the account and stays a field.
import type { State } from '../../model.js';
import { mysqlUtcDatetime } from './mysql-utc.js';

export const MAD_TABLE = 'settings_pogoauth';

/** Whether a table's column names (lower case) are MAD's settings_pogoauth. */
export function isMadColumns(columns: readonly string[]): boolean {
  return columns.includes('login_type') && columns.includes('account_id') && columns.includes('instance_id');
}

const LEFT_OUT = new Set(['key_blob', 'last_softban_action_location']);
const BURNS: Record<string, State> = { ban: 'perm_banned', suspended: 'temp_banned' };

/** A MAD row in the names the pgpool readers read: login_type as auth_service, device_id as mad_device_id, binaries left out. */
export function madRow(row: ReadonlyMap<string, string | null>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [name, value] of row) {
    if (LEFT_OUT.has(name)) continue;
    out.set(name === 'login_type' ? 'auth_service' : name === 'device_id' ? 'mad_device_id' : name, value);
  }
  return out;
}

/** The verdict of MAD's last burn, at its time (UTC), or undefined. */
export function madVerdict(row: ReadonlyMap<string, string | null>): { state: State; at?: string } | undefined {
  const state = BURNS[(row.get('last_burn_type') ?? '').trim().toLowerCase()];
  if (!state) return undefined;
  const at = mysqlUtcDatetime(row.get('last_burn'));
  return at ? { state, at } : { state };
}
