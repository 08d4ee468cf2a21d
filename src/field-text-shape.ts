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
import { identifierMayHold } from './identifier-field-names.js';

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

/** A password long and odd enough that a field holding it leaks it, not a word a team or a reason holds too (`mystic`). */
const isTellingPassword = (password: string) => password.length >= 6 && /[^\p{L}]/u.test(password);

/**
 * Why `value`, text a field of an account holds, may not be kept (`holds ...`: names the shape,
 * never the text), or undefined. `password` is the account's own (a field holding it leaks it);
 * `name` the field's (a tool's identifier may be shaped like a password: identifierMayHold).
 */
export function fieldTextProblem(value: string, password?: string, name?: string): string | undefined {
  if (value.length > MAX_FIELD_TEXT) return `holds ${value.length} characters, over the ${MAX_FIELD_TEXT} a field keeps`;
  if (UNPRINTABLE.test(value)) return 'holds control characters';
  if (password !== undefined && isTellingPassword(password) && value.includes(password)) return "holds the account's password";
  if (URL_WITH_LOGIN.test(value)) return 'holds a web address with a login in it';
  if (LOGIN_AT_HOST.test(value) || HOST_PORT_LOGIN.test(value)) return "holds a proxy's or a host's address with a login in it";
  if (EMAIL.test(value)) return undefined;
  if (EMAIL_AND_MORE.test(value) || EMAIL_AND_PASSWORD_WORD.test(value) || EMAIL_LOGIN_IN_TEXT.test(value)) return 'holds an e-mail address with more after it (its password?)';
  if (STRONG_PASSWORD.test(value) && !(name !== undefined && identifierMayHold(name, value))) return 'holds a word shaped like a password';
  return undefined;
}
