// Look-alike letters. A PTC username is ASCII letters and digits, and so is the part of a Gmail
// address before the @ (with dots), or a Google name given without its domain: no such login holds
// a Cyrillic `а`, a Greek `ο` or any other letter outside ASCII. A dump's name that does cannot log
// in, and on screen it passes for the ASCII name it looks like (`аsh` with a Cyrillic а beside
// `ash`): a second entry for what the operator reads as one account. So a new account with such a
// name is refused at import (and never added from a `serve` post) with the character named,
// instead of guessing which letter it stands for from a confusables table. Other Google addresses
// (a company's own domain) are left alone: their mail server decides what they may hold.
import type { Provider } from './model.js';

/** The part of a lower-cased Google name that Gmail's rules apply to, or undefined (another domain). */
function gmailLocal(username: string): string | undefined {
  const at = username.lastIndexOf('@');
  if (at < 0) return username;
  const domain = username.slice(at + 1).toLowerCase();
  return domain === 'gmail.com' || domain === 'googlemail.com' ? username.slice(0, at) : undefined;
}

/** The first character outside ASCII in `text`, as `U+0430`, or undefined. */
function firstNonAscii(text: string): string | undefined {
  for (const c of text) if (c.codePointAt(0)! > 126) return codePoint(c);
  return undefined;
}

const ASCII = /^[\x00-\x7e]*$/;

/** Format characters (bidi controls, zero widths, the BOM, the soft hyphen), lone surrogates, private use. */
const HIDDEN = /[\p{Cf}\p{Cs}\p{Co}]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a new account's username cannot be a login of its provider (a look-alike letter), or undefined. */
export function lookAlikeProblem(username: string, provider: Provider): string | undefined {
  // Nearly every name, at once: every import line and every account handed out asks.
  if (ASCII.test(username)) return undefined;
  if (provider === 'ptc') {
    const c = firstNonAscii(username);
    return c && `username holds ${c}, not ASCII: a PTC username is ASCII letters and digits, so this one cannot log in and passes for another name on screen (a look-alike letter?)`;
  }
  // Any domain: no login holds an invisible or direction-changing character (U+202E shows
  // `bob@moc.\u202Eelpmaxe.com` as another address, U+200B `zed\u200B@corp.com` as zed@corp.com;
  // IDNA forbids them in a domain), nor half a surrogate pair (no UTF-8 file can hold it).
  const hidden = HIDDEN.exec(username)?.[0];
  if (hidden) return `username holds ${codePoint(hidden)}, an invisible or direction-changing character (or half a surrogate pair): no login holds one, and on screen the name passes for another`;
  const local = gmailLocal(username);
  const c = local === undefined ? undefined : firstNonAscii(local);
  return c && `username holds ${c}, not ASCII: a Gmail address is ASCII letters, digits and dots before the @, so this one cannot log in and passes for another name on screen (a look-alike letter?)`;
}
