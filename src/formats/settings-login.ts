// A program's settings file that holds the one login it signs in with beside its other settings:
// a notifier's or a bot's `config.json` as its sample is filled in, `{"username", "password",
// "provider": "ptc", "slack_request_url", "port", "location": {...}}` (BasouKazuma/pokemon-go-node-
// slack-notifier `config.sample2.json`), or one object in, `{"webhook_url", "office",
// "authentication": {"auth_service": "google", "username", "password"}}` (a Slack pokebot's
// `config.json.default`, json-nested-login.ts lifts it). json.ts reads a lone object only when all
// it holds is an account's, so these were refused as "code or data" (stop 61's survey). The login
// is the game's only where the object says so: its provider (`provider`, `auth_service`, `auth`,
// `method`...) is `ptc` or `google` (in any case). A login with no provider named (a mail relay's,
// a database's, jessemcbride/pokemon-go-alerter's `config.json`, whose README alone says PTC) stays
// refused; so does one whose `service`-like value names another service. Only the account's own
// fields are read: the program's settings (webhook URLs, API keys, places) never reach the pool.
import { isObject } from './jsonl.js';
import { namesOtherService } from './service-value.js';

/**
 * `o` is a settings object whose login (`own`: its fields in the account's names, the nested
 * login lifted) is the game's: a string login and password, and a provider naming ptc or google.
 */
export function isSettingsLogin(o: Record<string, unknown>, own: Record<string, unknown>): boolean {
  if (typeof own.username !== 'string' || typeof own.password !== 'string' || typeof own.provider !== 'string') return false;
  if (!/^(?:ptc|google)$/i.test(own.provider.trim())) return false;
  // A list of objects beside the login is a list reader's (json.ts accountList), never this one's.
  if (Object.values(o).some((v) => Array.isArray(v) && v.some(isObject))) return false;
  return !Object.entries(o).some(([key, inner]) => namesOtherService(key, inner));
}

/** The account's own fields of a settings object, the provider in the pool's spelling. */
export function loginFields(own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { username: own.username, password: own.password, provider: String(own.provider).trim().toLowerCase() };
  if (own.level !== undefined) out.level = own.level;
  return out;
}
