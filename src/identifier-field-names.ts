// Fields whose text a tool writes as a name for a thing, never as words a person types: a device
// (RealDeviceMap's and NodeController's device uuid, an operator's name for a phone such as
// `iPhone#A1b`), an instance or worker (RocketMap's `instance_id`, a Monocle fork's `instance`,
// PGPool's `system_id` kept as `served_to`, our own `holder`), a group, a proxy's name, a hash. Such
// a value may be any token (mixed case, digits, `#`, base64's `+/=`) and is still no password: the
// text-shape rule (field-text-shape.ts) does not read a word shaped like a strong password there as
// a secret, which it does under every other name (a note, a reason, a nickname, a name it does not
// know). The other rules hold under these names too: the account's own password, a web address or
// a proxy with a login, an e-mail with a password after it, control characters, a document.
import { nameWords } from './withheld-field-names.js';

/**
 * The identifier fields of the scanners' account tables accountpool reads (account-fields.ts
 * TEXT_FIELDS gives each one's source): named for a thing whatever their last word says.
 */
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['holder', 'served_to', 'in_use_by', 'last_uuid', 'instance_id', 'instance_name', 'instance', 'last_instance', 'group']);

/** A name's last word naming a thing a tool names: `device_id`, `deviceUUID`, `proxy`, `worker`, `last_instance`. */
const IDENTIFIER_WORD = /_(id|ids|uuid|guid|udid|device|instance|worker|proxy|host|hostname|group|server|node|system|holder|serial|imei|mac|model|hash)_$/;

/** A thing's name: `instance_name` (RocketMap's `account` table beside `instance_id`), `device_name`, `proxy_name`. */
const THING_NAME = /_(device|instance|worker|proxy|host|group|server|node|system)_name_$/;

/** Whether a field named `name` holds a tool's identifier for a thing (a device, an instance, a proxy), not words. */
export function isIdentifierName(name: string): boolean {
  if (IDENTIFIER_FIELDS.has(name)) return true;
  const words = nameWords(name);
  return IDENTIFIER_WORD.test(words) || THING_NAME.test(words);
}
