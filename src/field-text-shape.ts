// What a text field an account keeps may hold (account-fields.ts TEXT_FIELDS, and any field a file
// of our own export brings): a word, a name, a place, a reason, an e-mail address; a short line of
// printable text. Never a login: a value that is (or holds) the account's own password, an e-mail
// address with a password after it, a web address with a login in it (`https://user:pass@host`),
// a word shaped like a strong password; nor a document (over MAX_FIELD_TEXT) or terminal control
// characters. A column holding such text is a column read in the wrong place, or a secret under
// a harmless name: the import refuses the account's line (naming the field, never the value), and
// `verify` names such a field already in a pool.

import { UNPRINTABLE } from './model.js';

/** Longest text a field keeps: a reason, a place or a name (a 10 KB blob is no field of an account). */
export const MAX_FIELD_TEXT = 256;

/** A web address with a login: `scheme://user:pass@host`, `//user@host` (a proxy's, a database's). */
const URL_WITH_LOGIN = /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*@|(^|\s)\/\/[^\s/@]+:[^\s/@]*@/i;

/** An e-mail address alone. */
const EMAIL = /^[^\s@:;,|]+@[^\s@:;,|]+\.[^\s@:;,|]+$/;

/** An e-mail address and one word after a separator, as a login is written: `mail@x.example:Pw`, `mail@x.example | Pw`, `mail@x.example Pw`. */
const EMAIL_AND_MORE = /^[^\s@:;,|]+@[^\s@:;,|]+\.[a-z]{2,}\s*[:;,|\s]\s*\S+$/i;

/** A single word holding a lower- and an upper-case letter, a digit and a symbol: a password's shape, no name's or place's. */
const STRONG_PASSWORD = /^(?=\S*[a-z])(?=\S*[A-Z])(?=\S*\d)(?=\S*[!#$%^&*+=?~@<>{}[\]\\'"`])\S{6,}$/;

/** A password long and odd enough that a field holding it leaks it, not a word a team or a reason holds too (`mystic`). */
const isTellingPassword = (password: string) => password.length >= 6 && /[^\p{L}]/u.test(password);

/**
 * Why `value`, text a field of an account holds, may not be kept (`holds ...`: names the shape,
 * never the text), or undefined. `password` is the account's own (a field holding it leaks it).
 */
export function fieldTextProblem(value: string, password?: string): string | undefined {
  if (value.length > MAX_FIELD_TEXT) return `holds ${value.length} characters, over the ${MAX_FIELD_TEXT} a field keeps`;
  if (UNPRINTABLE.test(value)) return 'holds control characters';
  if (password !== undefined && isTellingPassword(password) && value.includes(password)) return "holds the account's password";
  if (URL_WITH_LOGIN.test(value)) return 'holds a web address with a login in it';
  if (EMAIL.test(value)) return undefined;
  if (EMAIL_AND_MORE.test(value)) return 'holds an e-mail address with more after it (its password?)';
  if (STRONG_PASSWORD.test(value)) return 'holds a word shaped like a password';
  return undefined;
}
