// Fields whose text a tool writes as a name for a thing, never as words a person types: a device
// (RealDeviceMap's and NodeController's device uuid, an operator's name for a phone such as
// `iPhone#A1b`), an instance or worker (RocketMap's `instance_id`, a Monocle fork's `instance`,
// PGPool's `system_id` kept as `served_to`, our own `holder`), a group, a proxy's name, a hash. Such
// a value may be any token (mixed case, digits, `#`, base64's `+/=`) and is still no password: the
// text-shape rule (field-text-shape.ts) does not read a word shaped like a strong password there as
// a secret, which it does under every other name (under a generic id's name, `order_id`, `trade_uuid`,
// only a value shaped as an id is no secret: hex, a UUID, digits, base64) (a note, a reason, a nickname, a name it does not
// know). The other rules hold under these names too: the account's own password, a web address or
// a proxy with a login, an e-mail with a password after it, control characters, a document.
import { nameWords } from './withheld-field-names.js';

/**
 * The identifier fields of the scanners' account tables accountpool reads (account-fields.ts
 * TEXT_FIELDS gives each one's source): named for a thing whatever their last word says.
 */
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['holder', 'served_to', 'in_use_by', 'last_uuid', 'instance_id', 'instance_name', 'instance', 'last_instance', 'group']);

/** A name's last word naming a thing a tool names: `proxy`, `worker`, `last_instance`, `device`. */
const IDENTIFIER_WORD = /_(device|instance|worker|proxy|host|hostname|group|server|node|system|holder|serial|imei|mac|model|hash)_$/;

/** The things whose id the scanners keep beside an account: `device_id` (Monocle, ShuckleTools, Map-A-Droid), `deviceUUID`, `instance_id` (RocketMap), `system_id` (PGPool). */
const THING_ID = /_(device|instance|worker|proxy|host|group|server|node|system|holder)_(id|ids|uuid|guid|udid)_$/;

/** A generic id's last word, after a word naming no thing a scanner keeps (`order_id`, `seller_id`, `trade_uuid`): what its value holds decides. */
const GENERIC_ID = /_(id|ids|uuid|guid|udid)_$/;

/**
 * A value shaped as a tool writes an id: letters, digits, `-` and `_` (hex, a UUID, digits,
 * base64url), or standard base64 of whole 4-character groups with its `=` padding (an encoded
 * fixed-size id). A password with `!`, `#`, `$`, `%`, `*`, `?`, `~`, `@` or a stray `+`/`=` is none.
 */
const ID_SHAPED = /^(?:[A-Za-z0-9_-]+|(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4}))$/;

/** A thing's name: `instance_name` (RocketMap's `account` table beside `instance_id`), `device_name`, `proxy_name`. */
const THING_NAME = /_(device|instance|worker|proxy|host|group|server|node|system)_name_$/;

/** Whether a field named `name` holds a tool's identifier for a thing (a device, an instance, a proxy), not words. */
export function isIdentifierName(name: string): boolean {
  if (IDENTIFIER_FIELDS.has(name)) return true;
  const words = nameWords(name);
  return IDENTIFIER_WORD.test(words) || THING_NAME.test(words) || THING_ID.test(words);
}

/**
 * Whether `value`, under a field named `name`, may be shaped like a password and still be no
 * secret: any token under a name for a thing (isIdentifierName: a device's name `iPhone#A1b`),
 * and under a generic id's name (`order_id`, a hand-made export's column) only a value shaped as
 * an id (ID_SHAPED): a password kept there (`Pika#1234`) is refused as under any name for words.
 */
export function identifierMayHold(name: string, value: string): boolean {
  return isIdentifierName(name) || (GENERIC_ID.test(nameWords(name)) && ID_SHAPED.test(value));
}
