// Stock joined into one line: `user1:pass1, user2:pass2, user3:pass3`. Shops sell accounts as
// serials and let the seller split the stock by a delimiter of their choice ("Comma, New line,
// Space, Custom delimiter", sell.app/docs/digital-items); a buyer who pastes the delivered items
// from a web page often gets them on one line. Read as one account, the first login would take
// every other account as its password. A line is such a join only when every piece between the
// delimiters is itself a `login:password` (one login shape for all: all e-mail addresses, or
// none, so `user:pass,mail@x.com:mailpass` stays one full-access account).
import { splitAccountLine, type Layout, type LineResult } from './account-line.js';
import { isAddress, KIND_NAME } from './line-kinds.js';

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

/** The accounts of a joined line's items, or why the line is refused whole. */
export type JoinedAccounts = { accounts: Exclude<LineResult, { reason: string }>[] } | { reason: string };

/**
 * Each item of a joined line read as an account, or the line refused whole when one item is none
 * (`pacuser02:Pac,pass:2`: `pass:2` a label and a number). Such a line is one account whose
 * password holds the delimiter (`Pac,pass:2`: Pogo-Account-Checker writes the password as it was
 * given), or stock joined with a broken item: the first reading's `Pac` is a wrong password if
 * it is one account, and the other piece no account if it is a join. Unsure, the line is refused
 * naming which piece is no account, never half imported.
 */
export function joinedAccounts(items: readonly string[]): JoinedAccounts {
  const accounts: Exclude<LineResult, { reason: string }>[] = [];
  for (const [k, item] of items.entries()) {
    const r = splitAccountLine(item, ITEM_LAYOUT);
    if ('reason' in r) {
      const what = r.kind ? `looks like ${KIND_NAME[r.kind]}` : `is no account (${r.reason})`;
      return {
        reason: `unsure whether this is one account whose password holds the delimiter, or ${items.length} accounts joined on one line: piece ${k + 1} of ${items.length} ${what}; put each account on its own line`,
      };
    }
    accounts.push(r);
  }
  return { accounts };
}
