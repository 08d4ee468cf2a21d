// Whether an object's field says its credentials are another service's: a key saying whose they
// are (`service`, `type`, `site`, `app`, ...) whose value's words name another service than the
// game (`"service": "gmail"`, `"type": "wifi"`). One test for the JSON readers that take a lone
// object as an account (json.ts) or a program's settings as its one login (settings-login.ts).
import { settingsKeyWords } from './left-pairs.js';
import { OTHER_SECTION_WORDS } from './other-services.js';

/** Keys whose value says whose credentials an object holds. */
const SERVICE_KEYS = new Set(['service', 'type', 'kind', 'site', 'platform', 'app', 'application']);

/**
 * `key: inner` names another service. `name` too when asked (`withName`): a lone object's `name`
 * is whose login it is, a settings object's is the program's or its user's.
 */
export function namesOtherService(key: string, inner: unknown, withName = false): boolean {
  if (typeof inner !== 'string') return false;
  const k = key.trim().toLowerCase();
  return (SERVICE_KEYS.has(k) || (withName && k === 'name')) && settingsKeyWords(inner).some((w) => OTHER_SECTION_WORDS.has(w));
}
