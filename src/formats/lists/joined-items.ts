// Stock joined into one line: `user1:pass1, user2:pass2, user3:pass3`. Shops sell accounts as
// serials and let the seller split the stock by a delimiter of their choice ("Comma, New line,
// Space, Custom delimiter", sell.app/docs/digital-items); a buyer who pastes the delivered items
// from a web page often gets them on one line. Read as one account, the first login would take
// every other account as its password. A line is such a join only when every piece between the
// delimiters is itself a `login:password` (one login shape for all: all e-mail addresses, or
// none, so `user:pass,mail@x.com:mailpass` stays one full-access account).
import type { Layout } from './account-line.js';
import { isAddress } from './line-kinds.js';

/** How one item of a joined line is split: `login:password`, nothing around it. */
export const ITEM_LAYOUT: Layout = { sep: ':', padded: false, userField: 0, trailing: 0, addressLogins: false };

/**
 * Delimiters a seller joins items with, most specific first: sell.app's "Custom delimiter" takes
 * any, and a bar, dash or slash between blanks, or a bare bar, are what custom ones are made of
 * (`a:b | c:d`, `a:b - c:d`, `a:b / c:d`, `a:b|c:d`). Without them the first account took the
 * rest as its password, or as a note after it (line-comments.ts): every other account lost.
 */
// The look-behind starts a run of blanks once: a megabyte of them stays linear.
const JOINS = [/,[ \t]*/, /;[ \t]*/, /(?<![ \t])[ \t]+[|/\u2013\u2014-][ \t]+/, /\|/, /[ \t]+/];
/** `login:password`: a login of the usual characters, a colon, a password without blanks. */
const ITEM = /^[A-Za-z0-9_.@+-]{3,64}:\S+$/;

/** The items of a joined line (each a `login:password`), or undefined when the line is one account. */
export function joinedItems(s: string): string[] | undefined {
  // Cheap first look: at least two colons, and a delimiter character.
  const first = s.indexOf(':');
  if (first < 0 || s.indexOf(':', first + 1) < 0) return undefined;
  for (const join of JOINS) {
    if (!join.test(s)) continue;
    const items = s.split(join).filter((x) => x !== '');
    if (items.length < 2 || !items.every((x) => ITEM.test(x))) continue;
    // An item's password holding a second colon (`Thats:right`) is fine; a login that is an
    // e-mail address beside one that is not is a full-access line's e-mail and its password.
    const addresses = items.filter((x) => isAddress(x.slice(0, x.indexOf(':')))).length;
    if (addresses !== 0 && addresses !== items.length) return undefined;
    return items;
  }
  return undefined;
}
