// What a text field an account keeps may hold (account-fields.ts TEXT_FIELDS, and any field a file
// of our own export brings): a word, a name, a place, a reason, an e-mail address, a tool's
// identifier; a short line of printable text. Never a login: a value that is (or holds) the
// account's own password, an e-mail address with a password after it, a web address or a proxy
// with a login in it (`https://user:pass@host`, `user:pass@1.2.3.4:8080`, `1.2.3.4:8080:user:pass`),
// a word shaped like a strong password under a name for words (a note, a reason: under a name for
// a tool's identifier, identifier-field-names.ts, a device's or an instance's name may look so); nor
// a document (over MAX_FIELD_TEXT) or terminal control characters. A column holding such text is a
// column read in the wrong place, or a secret under a harmless name: the import refuses the
// account's line (naming the field, never the value), and `verify` names such a field already in
// a pool. An e-mail address is kept, alone or in a note (`bob@x.example paid`): the pool keeps an
// account's `email` as PGPool's table does; only a password after it is refused.

import { UNPRINTABLE } from './model.js';
import { identifierMayHold, isIdentifierName } from './identifier-field-names.js';

/** Longest text a field keeps: a reason, a place or a name (a 10 KB blob is no field of an account). */
export const MAX_FIELD_TEXT = 256;

/** A web address with a login: `scheme://user:pass@host`, `//user@host` (a proxy's, a database's). */
const URL_WITH_LOGIN = /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*@|(^|\s)\/\/[^\s/@]+:[^\s/@]*@/i;

/** An e-mail address alone. */
const EMAIL = /^[^\s@:;,|]+@[^\s@:;,|]+\.[^\s@:;,|]+$/;

/**
 * A login in front of a proxy's address without a scheme, as proxy lists write it:
 * `user:pass@1.2.3.4:8080`, `user:pass@proxy.example:3128` (an address and a port: `mailto:bob@x.example`
 * or `12:30@home` is no proxy).
 */
const LOGIN_AT_HOST = /(^|[\s,;|(])[^\s:@/,;|()]+:[^\s@/:]+@(\d{1,3}(\.\d{1,3}){3}|[a-z0-9.-]+:\d{2,5}\b)/i;

/** A proxy's address with its login after it, as proxy sellers list them: `1.2.3.4:8080:user:pass`. */
const HOST_PORT_LOGIN = /(^|[^\d.])\d{1,3}(\.\d{1,3}){3}:\d{2,5}:[^\s:]+:\S/;

/** An e-mail address and one word after a login's separator: `mail@x.example:Pw`, `mail@x.example | Pw`, `mail@x.example;Pw`. */
const EMAIL_AND_MORE = /^[^\s@:;,|]+@[^\s@:;,|]+\.[a-z]{2,}\s*[:;,|]\s*\S+$/i;

/** An e-mail address, a blank and one word that holds a digit or a symbol: `mail@x.example Pw12!` (a note's word, `bob@x.example paid`, is letters). */
const EMAIL_AND_PASSWORD_WORD = /^[^\s@:;,|]+@[^\s@:;,|]+\.[a-z]{2,}\s+(?!\p{L}+[.,!?]?$)\S+$/iu;

/** Inside a longer text, an e-mail address with a login's `:` or `|` and a word holding a digit or a symbol after it: `sold as mail@x.example:Pw12`. */
const EMAIL_LOGIN_IN_TEXT = /(^|[\s(<[])[^\s@:;,|<([]+@[^\s@:;,|]+\.[a-z]{2,}\s*[:|]\s*(?!\p{L}+[.,!?)]?(\s|$))[^\s]+/iu;

/** A single word holding a lower- and an upper-case letter, a digit and a symbol: a password's shape, no name's or place's. */
const STRONG_PASSWORD = /^(?=\S*[a-z])(?=\S*[A-Z])(?=\S*\d)(?=\S*[!#$%^&*+=?~@<>{}[\]\\'"`])\S{6,}$/;

/**
 * Text shaped as a login's secret of a known kind, refused under any name (a device's or an id's
 * too: no tool names a thing so), each with what it is:
 *   - a JSON Web Token (`eyJ...` header, a payload and a signature: PTC's and many services' access tokens);
 *   - a PEM block (`-----BEGIN PRIVATE KEY-----`);
 *   - Google's OAuth tokens: an access token `ya29.`, a refresh token `1//0...`, gpsoauth's master
 *     token `aas_et/...` and the older `oauth2rt_1/`, `oauth2_4/` (PokemonGo-Bot's and pgoapi's
 *     Google logins kept them);
 *   - a PTC session: CAS's ticket-granting ticket (the `CASTGC` cookie, `TGT-258517-...-sso.pokemon.com`,
 *     as KoSTiii/PokeBotPython's `login_token` took it) or a service ticket (`ST-...`);
 *   - an HTTP `Authorization` value (`Bearer ...`, `Basic ...`: a token with a digit, a symbol or a
 *     capital after a small letter, so `Basic training` in a note is words);
 *   - a service's key by its prefix: Google's API key `AIza...`, AWS's `AKIA...`, GitHub's `ghp_...`,
 *     Slack's `xoxb-...`, Stripe's `sk_live_...`.
 */
const SECRET_SHAPES: readonly [RegExp, string][] = [
  [/(^|[^A-Za-z0-9])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/, 'a JSON Web Token'],
  [/-----BEGIN [A-Z0-9 ]{2,40}-----/, 'a PEM block (a key or a certificate)'],
  [/(^|[^A-Za-z0-9])(ya29\.[A-Za-z0-9_-]{8,}|1\/\/0[A-Za-z0-9_-]{8,}|aas_et\/[A-Za-z0-9_-]{8,}|oauth2rt_1\/[A-Za-z0-9_-]{8,}|oauth2_4\/[A-Za-z0-9_-]{8,})/, "a Google login's token"],
  [/(^|[^A-Za-z0-9])(TGT|ST|PGT)-\d+-[A-Za-z0-9]{20,}|CASTGC=/, "a PTC login's session ticket"],
  [/(^|[^A-Za-z0-9])(AIza[A-Za-z0-9_-]{30,}|AKIA[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{16,})/, "a service's key"],
];

/**
 * A Google app password: 16 lower-case letters drawn at random, in four groups of four as Google
 * shows it (`abcd efgh ijkl mnop`) or glued. Four short words of a note (`last used from home`)
 * have the same shape: a group is a word's when it has a vowel, no three consonants in a row, and
 * none of `jqxz` beside a consonant (`q` only before `u`); 16 random letters pass that in under 1%
 * of draws (measured, 200,000 draws), a note of four-letter words nearly always.
 */
const APP_PASSWORD = /^([a-z]{4}) ?([a-z]{4}) ?([a-z]{4}) ?([a-z]{4})$/;
const isWordLike = (group: string) =>
  /[aeiouy]/.test(group) && !/[^aeiouy]{3}/.test(group) && !/q(?!u)/.test(group) && !/[aeiou]{3}/.test(group) && !/[jqxz][^aeiouy]|[^aeiouy][jqxz]/.test(group);
function isAppPassword(value: string): boolean {
  if (value.length !== 16 && value.length !== 19) return false;
  const groups = APP_PASSWORD.exec(value);
  // Glued or grouped, never mixed (`abcd efghijkl mnop` is no shape Google shows).
  if (!groups) return false;
  return !groups.slice(1).every(isWordLike);
}

/**
 * Base64 (standard or URL-safe, padded or not) long enough to hide a secret, and the text it
 * decodes to when that reads as text a person typed: printable, no more than two symbols, and a
 * run of three letters (`Pika#1234`, `bob:hunter2`). A tool's id encoded so is bytes (a UUID's, a
 * hash's), which decode to printable text by chance about once in 20,000 random ids, and to text
 * of that shape far less often (measured: stop 53 (F), docs/scale-log.md).
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9_-]+$/;
function base64Text(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 === 1 || !BASE64.test(value)) return undefined;
  // Decoded by hand, stopping at the first byte that is no printable character: most values that
  // are no base64 of text (a worker's name, a hex id) stop within the first four characters, so
  // the fields of a million-line table cost no buffer each.
  const end = value.endsWith('==') ? value.length - 2 : value.endsWith('=') ? value.length - 1 : value.length;
  let text = '';
  let bits = 0;
  let held = 0;
  for (let i = 0; i < end; i++) {
    const char = value[i]!;
    held = ((held << 6) | (char === '-' ? 62 : char === '_' ? 63 : BASE64_DIGIT.indexOf(char))) & 0xffffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const byte = (held >> bits) & 0xff;
    if (byte < 0x20 || byte > 0x7e) return undefined;
    text += String.fromCharCode(byte);
  }
  if (text.length < 6 || !/[A-Za-z]{3}/.test(text)) return undefined;
  return (text.match(/[^A-Za-z0-9]/g)?.length ?? 0) <= 2 ? text : undefined;
}
/** Base64's digits (URL-safe's `-` and `_` are 62 and 63 as `+` and `/`). */
const BASE64_DIGIT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';


/** How much of a long value the secret shapes are looked for in (a hostile 10 MB field costs no more). */
const SHAPE_SEEN = 1024;

/** What every shape of SECRET_SHAPES and HTTP_AUTHORIZATION holds: one test tells most values (a name, a worker's id) none is there. */
// (Few alternatives, grouped by first letter: a third of the time of one per shape, measured.)
const SECRET_MARK = /e(?:yJ|arer)|-----BEGIN|ya29\.|1\/\/0|aas_et\/|oauth2|T-\d|CASTGC|A(?:Iza|KIA|SIC)|gh[pousr]_|xox|k_live_|asic|EARER/;

/** An HTTP `Authorization` value and its credentials (judged by isHttpCredential). */
const HTTP_AUTHORIZATION = /(?:^|[^A-Za-z0-9])(?:[Bb]earer|[Bb]asic|BEARER|BASIC)\s+([A-Za-z0-9._~+/-]{8,})/g;
/** Credentials, not a word: a digit or a symbol, or a capital after a small letter (`dXNlcjpwYXNz`; `Basic training` is words). */
const isHttpCredential = (token: string) => /[0-9+/=]|[a-z][A-Z]/.test(token);

/** Why `value` is a secret by its shape alone, whatever its field's name (`holds ...`), or undefined. */
function secretShapeProblem(value: string): string | undefined {
  if (SECRET_MARK.test(value)) {
    for (const [shape, what] of SECRET_SHAPES) if (shape.test(value)) return `holds ${what}`;
    for (const [, token] of value.matchAll(HTTP_AUTHORIZATION)) if (isHttpCredential(token!)) return "holds an HTTP login's credentials";
  }
  if (isAppPassword(value)) return 'holds a Google app password';
  return undefined;
}

/**
 * Why `value` is a secret in base64 (`holds base64 of ...`), or undefined: the text it decodes to
 * holds a secret's shape, a `user:password` pair (HTTP Basic's own encoding), the account's
 * password, or a word shaped like one, as a generic id's name (`order_id`) would otherwise keep it.
 */
function encodedSecretProblem(value: string, password: string | undefined): string | undefined {
  const decoded = base64Text(value);
  if (decoded === undefined) return undefined;
  const inside = /^[\w.@+-]{3,}:\S{4,}$/.test(decoded) ? 'holds a login' : (secretShapeProblem(decoded) ?? fieldTextProblem(decoded, password));
  return inside === undefined ? undefined : `holds base64 of ${inside.replace(/^holds /, '')}`;
}

/** A password long and odd enough that a field holding it leaks it, not a word a team or a reason holds too (`mystic`). */
const isTellingPassword = (password: string) => password.length >= 6 && /[^\p{L}]/u.test(password);

/**
 * Why `value`, text a field of an account holds, may not be kept (`holds ...`: names the shape,
 * never the text), or undefined. `password` is the account's own (a field holding it leaks it);
 * `name` the field's (a tool's identifier may be shaped like a password: identifierMayHold).
 */
export function fieldTextProblem(value: string, password?: string, name?: string): string | undefined {
  // A token named for what it is, long ones too (a JWT is often over MAX_FIELD_TEXT): its shape shows in its first characters.
  const shape = secretShapeProblem(value.length > SHAPE_SEEN ? value.slice(0, SHAPE_SEEN) : value);
  if (shape !== undefined) return shape;
  if (value.length > MAX_FIELD_TEXT) return `holds ${value.length} characters, over the ${MAX_FIELD_TEXT} a field keeps`;
  if (UNPRINTABLE.test(value)) return 'holds control characters';
  if (password !== undefined && isTellingPassword(password) && value.includes(password)) return "holds the account's password";
  // Under a name for a thing any token is kept (a device's name in base64 too); the name is read only for a value that decodes to a secret.
  const encoded = encodedSecretProblem(value, password);
  if (encoded !== undefined && !(name !== undefined && isIdentifierName(name))) return encoded;
  if (URL_WITH_LOGIN.test(value)) return 'holds a web address with a login in it';
  if (LOGIN_AT_HOST.test(value) || HOST_PORT_LOGIN.test(value)) return "holds a proxy's or a host's address with a login in it";
  if (EMAIL.test(value)) return undefined;
  if (EMAIL_AND_MORE.test(value) || EMAIL_AND_PASSWORD_WORD.test(value) || EMAIL_LOGIN_IN_TEXT.test(value)) return 'holds an e-mail address with more after it (its password?)';
  if (STRONG_PASSWORD.test(value) && !(name !== undefined && identifierMayHold(name, value))) return 'holds a word shaped like a password';
  return undefined;
}
