// Map-A-Droid's accounts (Map-A-Droid/MAD branch async, d6dd7b1): it takes them in one at a time,
// by madmin's form or its REST API, `POST /api/pogoauth` with one JSON object (routes in
// mapadroid/madmin/endpoints/api/resources/__init__.py line 34; Basic auth with an admin login of
// madmin's when `madmin_enable_auth` is on: AbstractMadminRootEndpoint.py check_authorization_header).
// AbstractResourceEndpoint.py `_update_or_create_object` sets every key that names a column of
// `settings_pogoauth` (mapadroid/db/model.py SettingsPogoauth: `login_type` ENUM('google','ptc'),
// `username` and `password` String(128) utf8mb4_unicode_ci, `level` SMALLINT, unique on
// (login_type, username)), but first turns a string whose lower() is `none` or `undefined` into
// None (a NOT NULL column: the request fails) and one whose lower() is `true` or `false` into 1 or
// 0 (a password `True` stored as `1`). So this writes one object a line, for a loop of `curl`s
// (docs/scanners.md), with the account's own level; a login or password that madmin turns into
// something else, or over 128 characters, is left out and named.
import type { Account } from '../../model.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { columnProblem } from './successor-accounts.js';

/** What madmin's API reads as another value (AbstractResourceEndpoint.py, `value.lower() in [...]`). */
const MADMIN_WORDS = new Set(['none', 'undefined', 'true', 'false']);

/** Why MAD would not store this account as it is (undefined: it would). Never quotes a value. */
export function madProblem(account: Pick<Account, 'username' | 'password'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    if (MADMIN_WORDS.has(value.toLowerCase())) return `its ${field} is a word madmin's API reads as null or a boolean (none, undefined, true, false)`;
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  return columnProblem(account, { username: 128, password: 128 }, "MAD's settings_pogoauth table (String(128))");
}

/** One `POST /api/pogoauth` body a line; refuses an account madProblem names. */
export function writeMad(accounts: Account[]): string {
  refuseUncarried(accounts, madProblem, 'Map-A-Droid');
  return accounts.map((a) => `${JSON.stringify({ login_type: a.provider, username: a.username, password: a.password, level: a.level })}\n`).join('');
}
