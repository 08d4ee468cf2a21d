// A mail's own sentence about an account the same mail delivers, in the same voice (not quoted
// deeper): "Your accounts: gmacc1:X, gmacc2:Y ... Sorry, the new password for gmacc2 is Z". The
// sentence is the seller's later word on a login this mail delivered, as a later message's is on
// an earlier one's (later-corrections.ts, one rule for every wording): applied when it names the
// login and says the password changed; else the account and the sentence are refused, each naming
// the other's line. A sentence naming a login this mail does not deliver is no account here
// (lone-corrections.ts refuses it, or the pool takes it): no account is ever made from prose.
import { laterCorrections } from './later-corrections.js';
import { isCorrectionLine, loginRuns, NAMES_LOGIN, passwordSaid, shortValuesSaid, type ProseLine } from './reply-corrections.js';
import { withoutValues } from './values-blanked.js';
import type { Found } from './mail-list.js';
import type { Rejection } from '../types.js';
import { arrowLine, arrowNames } from './arrow-corrections.js';
import { appendAll } from '../long-arrays.js';

export interface OwnCorrections {
  /** The accounts with each certain correction applied (the corrected account at the sentence's line). */
  accounts: Found[];
  rejected: Rejection[];
  /** The prose lines read as corrections or refused: no longer prose. */
  used: number[];
}

/**
 * `prose`: the mail's sentences no reader of quoted replies took (reply-corrections.ts); `accounts`:
 * what the mail gives so far. A sentence is read for the logins given at its own quoting depth or
 * quoted deeper (a reply's `gmacc2 / new password / X` above the delivery it quotes: the quoted
 * line is the earlier word, as an earlier message's is), the least quoted copy of each login.
 */
export function ownCorrections(prose: ProseLine[], accounts: Found[]): OwnCorrections {
  const out: OwnCorrections = { accounts, rejected: [], used: [] };
  for (const depth of new Set(prose.map((p) => p.depth))) {
    const mine = leastQuoted(out.accounts.filter((a) => a.depth >= depth));
    const logins = new Set(mine.map((a) => a.username.toLowerCase()));
    // `Old!Pass22 -> X` names its account by the password it was delivered with (arrow-corrections.ts).
    const byArrow = (p: ProseLine) => {
      const arrow = arrowLine(p.s);
      return arrow ? arrowNames(arrow, mine).byPassword.map((a) => a.username.toLowerCase()) : [];
    };
    const said = prose.filter((p) => p.depth === depth && (loginRuns(p.s).some((login) => logins.has(login)) || byArrow(p).length > 0));
    // `Sorry, the password is now X` below the list, naming no login: about the one account it
    // delivers, else unsure which (each account and the sentence refused), never about an account
    // of another file (lone-corrections.ts said that, and kept this one's old password).
    const unnamed = mine.length > 0 ? prose.filter((p) => p.depth === depth && !said.includes(p) && namesNoLogin(p.s, mine[0]!.username)) : [];
    if (said.length === 0 && unnamed.length === 0) continue;
    const named = new Set(said.flatMap((p) => [...loginRuns(p.s), ...byArrow(p)]));
    const found = unnamed.length > 0 ? mine : mine.filter((a) => named.has(a.username.toLowerCase()));
    if (unnamed.length > 0) appendAll(said, unnamed);
    const earlier = found.map(({ depth: _, ...a }) => a);
    const byEarlier = new Map(earlier.map((a, i) => [a, found[i]!]));
    const quoted = found.some((a) => a.depth > depth);
    const skipped = said.map((p) => ({ line: p.line, kind: 'prose' as const, text: p.s }));
    const later = laterCorrections({ format: 'email-text', accounts: [], rejected: [], skipped }, [], earlier, false, 'a sentence of this mail', quoted ? 'it delivers or quotes' : 'delivered in it');
    if (later.used.length === 0) continue;
    // The delivered (or quoted) line gives way to the sentence's: refused (stale) or replaced (applied).
    const replaced = new Set(later.applied.map((a) => a.username.toLowerCase()));
    const stale = new Set(later.stale.map((s) => byEarlier.get(s.account)));
    out.accounts = out.accounts.filter((a) => !(found.includes(a) && (replaced.has(a.username.toLowerCase()) || stale.has(a))));
    appendAll(out.accounts, later.applied.map((a) => ({ ...a, depth })));
    for (const { account, reason } of later.stale) out.rejected.push({ line: account.line, reason });
    appendAll(out.rejected, later.rejected.map((r) => ({ ...r, reason: r.reason.replace('while the reply quotes', 'while this file delivers') })));
    appendAll(out.used, later.used);
  }
  return out;
}

/**
 * A sentence saying a password changed that gives one value shaped like a password and no other
 * word shaped like a login (`Sorry, the password is now Xyz9abc!`): it names no account.
 */
function namesNoLogin(s: string, anyLogin: string): boolean {
  if (!isCorrectionLine(s) || arrowLine(s)) return false;
  const said = passwordSaid(s, anyLogin);
  // `Sorry, the password is now Xyz9!`: a value too short to be one is still the value it gives (its refusal says so).
  const value = said?.values.length === 1 ? said.values[0] : said?.values.length === 0 ? onlyOne(shortValuesSaid(s, anyLogin)) : undefined;
  if (value === undefined) return false;
  return !NAMES_LOGIN.test(withoutValues(s, [value]));
}

const onlyOne = (values: string[]): string | undefined => (values.length === 1 ? values[0] : undefined);

/** Of each login's accounts, those of its least quoted depth: the newest word on it. */
function leastQuoted(accounts: Found[]): Found[] {
  const least = new Map<string, number>();
  for (const a of accounts) least.set(a.username.toLowerCase(), Math.min(least.get(a.username.toLowerCase()) ?? a.depth, a.depth));
  return accounts.filter((a) => a.depth === least.get(a.username.toLowerCase()));
}
