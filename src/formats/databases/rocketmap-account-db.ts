// The `account` table of neskk/RocketMap's "Accounts in Database + Account Manager" (branch
// pr-accounts-db and the db/* branches before it, 2017-2018; RocketMap/RocketMap pull request
// #2424, never merged, run by the operators who took the fork), which the pgpool readers read too:
// it holds `auth_service`, `username` and `password` as PGPool's does and comes out of the same
// MySQL tools. Its columns (`pogom/models.py` class Account): auth_service, username, password,
// instance_id, allocated, latitude, longitude, failed, captcha, warning, banned, level,
// time_assets, time_templates, last_scan, last_modified; its DATETIMEs are UTC (datetime.utcnow()).
//
// Its verdict is `banned`, a number (`pogom/account.py` AccountBanned): 0 Clear, 1 Shadowban (no
// rare Pokémon seen: models.py parse_map) → blind, 2 Temporary (the game's ban at login:
// rpc_login_sequence) → temp_banned, 3 Permanent (`account_max_failures` logins failed, "assumed
// permanently banned": check_login) → perm_banned; and `warning`, GET_PLAYER's warn → warned. The
// fork writes the whole row at each change (Account.db_format, last_modified = utcnow()) and counts
// its own rests from last_modified (accountManager.py _account_monitor), so that is the verdict's
// time. A `banned` of any other value is none the fork writes: the row is refused, never read as
// PGPool's flag of that name (a temp ban). `last_scan`, when it last scanned, is its last hand-out;
// `instance_id` and `allocated` (the fork drops an allocation a day after last_modified) stay fields.
import type { State } from '../../model.js';
import { mysqlUtcDatetime } from './mysql-utc.js';

/** Columns only this table has: a header naming them (with a login and a password) is the fork's. */
export const ROCKETMAP_DB_ONLY = ['time_assets', 'time_templates'];

/** Whether a row (column names in lower case) is the fork's: its numbered `banned` beside the remote config's times. */
export function isRocketmapDbRow(row: ReadonlyMap<string, string | null>): boolean {
  return row.has('banned') && row.has('warning') && ROCKETMAP_DB_ONLY.every((c) => row.has(c));
}

const BANNED: Record<string, State | null> = { '0': null, '1': 'blind', '2': 'temp_banned', '3': 'perm_banned' };

/** The fork's verdict at last_modified (UTC), undefined when none, or why the row cannot be read. */
export function rocketmapDbVerdict(row: ReadonlyMap<string, string | null>): { state: State; at?: string } | undefined | string {
  const banned = (row.get('banned') ?? '0').trim();
  if (!Object.hasOwn(BANNED, banned)) return "`banned` holds a value neskk/RocketMap's AccountBanned (0 clear, 1 shadow ban, 2 temporary, 3 permanent) never writes: its verdict is unsure";
  const state = BANNED[banned] ?? ((row.get('warning') ?? '').trim() === '1' ? 'warned' : undefined);
  if (!state) return undefined;
  const at = mysqlUtcDatetime(row.get('last_modified'));
  return at ? { state, at } : { state };
}
