// The `account` table of neskk/RocketMap's "Accounts in Database + Account Manager" (branch
// pr-accounts-db and the db/* branches before it, 2017-2018; RocketMap/RocketMap pull request
// #2424, never merged, run by the operators who took the fork), and of Alderon86/RocketMap where it
// began (branches F-HealthyAccountDB, 2017-06, and accDB, 2018-01; pull request #2376), which the
// pgpool readers read too:
// it holds `auth_service`, `username` and `password` as PGPool's does and comes out of the same
// MySQL tools. Its columns (`pogom/models.py` class Account): auth_service, username, password,
// instance_id, allocated, latitude, longitude, failed, captcha, warning, banned, level,
// time_assets, time_templates, last_scan, last_modified; its DATETIMEs are UTC (datetime.utcnow()).
//
// Its verdict is `banned`, a number since 2018-01-07 (77125cc, `pogom/account.py` AccountBanned):
// 0 Clear, 1 Shadowban (no rare Pokémon seen: models.py parse_map) → blind, 2 Temporary (the
// game's ban at login: rpc_login_sequence) → temp_banned, 3 Permanent (`account_max_failures`
// logins failed, "assumed permanently banned": check_login) → perm_banned; and `warning`,
// GET_PLAYER's warn → warned. Before it the table had a `shadowban` flag (→ blind) and `banned`
// meant something else: a flag from 2017-08 (6254fef, beside `warn`), set by Account.set_banned
// ("Re-use impossible", search.py: "for sure banned and will no longer be fetched") → perm_banned;
// then from 2017-12-29 (0aa49b4, beside `warning`) a number whose 1 was the temporary ban
// (account.py: AccountBannedException → `banned = 1`; Alderon86's accDB resets such "temp-banned
// accounts" after 6 weeks) → temp_banned. Alderon86's accDB (2018-01-07, e7178b4, `pogom/account.py`
// rpc_login_sequence) sets 2 when the login's DOWNLOAD_REMOTE_CONFIG_VERSION step answers no remote
// config: the step where neskk's 0aa49b4 catches AccountBannedException ("The account is temporarily
// banned", apiRequests.py) and writes 1, the same ban at login → temp_banned (its peewee 2.8.1
// BooleanField stores it as 1, which the 6-week reset clears with the other temporary bans; a 2 left
// in the table was written by hand or another tool, and the fork never hands that account out again:
// benched either way, and our next check tells a lasting ban apart). The columns tell the three
// apart. The fork writes the whole row at each change (last_modified = utcnow()) and counts its
// rests from last_modified (accountManager.py _account_monitor): the verdict's time. A `banned`
// its version never writes refuses the row, never read as PGPool's flag of that name (a temp ban).
// `last_scan`, when it last scanned, is its last hand-out; `instance_id`/`instance_name` and
// `allocated`/`in_use` (dropped by the fork a day after last_modified) stay fields.
import type { State } from '../../model.js';
import { mysqlUtcDatetime } from './mysql-utc.js';

/** Whether a table's columns (a row's, or a header's as a Set; names in lower case) are the fork's, in any of its versions. */
export function isRocketmapDbColumns(columns: { has(name: string): boolean }): boolean {
  // The instance first: no PGPool row has one, so a PGPool import pays one or two lookups a row.
  return (columns.has('instance_id') || columns.has('instance_name')) && columns.has('auth_service') && columns.has('banned') && columns.has('captcha') && (columns.has('fail') || columns.has('failed'));
}

/** What `banned` says in each version of the table, told by its columns. */
const BANNED: Record<'enum' | 'flag' | 'number', Record<string, State | null>> = {
  enum: { '0': null, '1': 'blind', '2': 'temp_banned', '3': 'perm_banned' },
  flag: { '0': null, '1': 'perm_banned' },
  number: { '0': null, '1': 'temp_banned', '2': 'temp_banned' },
};

const isSet = (v: string | null | undefined) => v?.trim() === '1';

/** The fork's verdict at last_modified (UTC), undefined when none, or why the row cannot be read. */
export function rocketmapDbVerdict(row: ReadonlyMap<string, string | null>): { state: State; at?: string } | undefined | string {
  const version = !row.has('shadowban') ? 'enum' : row.has('warn') ? 'flag' : 'number';
  const banned = (row.get('banned') ?? '0').trim();
  const said = BANNED[version];
  if (!Object.hasOwn(said, banned)) return `\`banned\` holds a value neskk/RocketMap's table of this version never writes (${version === 'enum' ? 'AccountBanned: 0 clear, 1 shadow ban, 2 temporary, 3 permanent' : version === 'flag' ? 'a flag, 0 or 1' : "0, 1 for a temporary ban, Alderon86's 2 for a login answered without its remote config"}): its verdict is unsure`;
  const state = said[banned] ?? (isSet(row.get('shadowban')) ? 'blind' : isSet(row.get('warning')) || isSet(row.get('warn')) ? 'warned' : undefined);
  if (!state) return undefined;
  const at = mysqlUtcDatetime(row.get('last_modified'));
  return at ? { state, at } : { state };
}
