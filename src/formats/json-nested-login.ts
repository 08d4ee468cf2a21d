// An account manager's JSON export keeps an account's login and password together one object in:
// `{"id": 1, "auth": {"provider": "ptc", "username": ..., "password": ...}, "level": 30}`, or
// `{"name": "Bot 1", "credentials": {"login": ..., "pass": ...}, "stats": {"level": 31}}`. Read as
// a flat object it had no login, and the file was refused as "code or data" (stop 59's survey: two
// such exports, five accounts). The nested object's fields are read as the account's own, beside
// the outer object's; its level may sit in a second object (`stats`, `player`). Only under a key
// naming an account's login (below), never a `proxy`'s or a `database`'s credentials, and only where
// the game is named (a provider, a trainer level, the key `ptc`).
import { isObject } from './jsonl.js';
import { roleOf } from './lists/columns.js';
import { isProvider } from '../model.js';

/** Keys under which an account's login and password are kept together. */
export const LOGIN_KEYS: ReadonlySet<string> = new Set(['auth', 'authentication', 'credentials', 'credential', 'creds', 'login', 'account', 'ptc', 'google']);

/** Keys read as the account's own (as json.ts's `OURS`). */
const OURS = new Set(['username', 'password', 'provider', 'level']);

function roleOfKey(key: string): string | undefined {
  return OURS.has(key) ? (key === 'username' ? 'user' : key === 'password' ? 'pass' : key) : roleOf(key.trim());
}

/**
 * A login and a password and nothing but an account's fields: a nested object with a `host`, a
 * `port` or a `token` beside them is some connection's settings (a mail transport's `auth` is
 * `{"user", "pass"}` under an object naming its `host`, checked on the outer object below).
 */
function holdsLogin(o: Record<string, unknown>): boolean {
  const roles = Object.keys(o).map(roleOfKey);
  return roles.every((r) => r !== undefined) && (roles.includes('user') || roles.includes('email')) && roles.includes('pass');
}

/** An outer object naming where it connects: its nested login is that connection's (an SMTP transport's, a database's). */
const CONNECTION = /^(?:host|hostname|server|url|uri|endpoint|port|smtp|imap|database|db|dsn)$/i;

/**
 * `o` with its one nested login object's fields lifted beside its own (the nested key dropped, so
 * the password never reaches the account's history); `o` itself when it holds a login of its own,
 * or when no or several nested objects under a login key hold one. `namedBy`: the provider the
 * file names outside the object (a YAML comment above the block, yaml-login.ts), which names the
 * game as a provider field would.
 */
export function withNestedLogin(o: Record<string, unknown>, namedBy?: 'ptc'): Record<string, unknown> {
  const ownRoles = Object.keys(o).map(roleOfKey);
  if (ownRoles.includes('user') || ownRoles.includes('pass') || Object.keys(o).some((k) => CONNECTION.test(k.trim()))) return o;
  const found = Object.entries(o).filter(([key, inner]) => LOGIN_KEYS.has(key.trim().toLowerCase()) && isObject(inner) && holdsLogin(inner));
  if (found.length !== 1) return o;
  const [key, inner] = found[0]! as [string, Record<string, unknown>];
  // The game named: the key (`ptc`, `google`), a provider field naming one, or a trainer level
  // beside the login. `{"credentials": {"username", "password"}}` alone is how an MQTT client's,
  // a school portal's or a CI server's settings keep their login (the code corpus, stop 59).
  const key0 = key.trim().toLowerCase();
  const fields = [...Object.entries(o), ...Object.entries(inner), ...Object.values(o).filter(isObject).flatMap((v) => Object.entries(v))];
  const namesGame = key0 === 'ptc' || key0 === 'google' || fields.some(([k, v]) => {
    const role = roleOfKey(k);
    return (role === 'provider' && typeof v === 'string' && isProvider(v.trim().toLowerCase())) || role === 'level';
  });
  if (!namesGame && namedBy === undefined) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== key) out[k] = v;
  for (const [k, v] of Object.entries(inner)) if (!(k in out)) out[k] = v;
  // `"ptc": {...}`, `"google": {...}`: the key names the provider.
  const provider = key0 === 'ptc' || key0 === 'google' ? key0 : namedBy;
  if (provider !== undefined && !Object.keys(out).some((k) => roleOfKey(k) === 'provider')) out.provider = provider;
  // The level one object in (`"stats": {"level": 31}`): read when one object alone holds one and the account states none.
  if (!Object.keys(out).some((k) => roleOfKey(k) === 'level')) {
    const levels = Object.values(out).filter(isObject).flatMap((v) => Object.entries(v).filter(([k]) => roleOfKey(k) === 'level'));
    if (levels.length === 1) out.level = levels[0]![1];
  }
  return out;
}
