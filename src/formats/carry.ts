// What a scanner file can carry. A scanner reads its accounts file with its own parser, and some
// accounts cannot survive it (RocketMap splits on commas; Monocle's Python turns a carriage
// return into a line feed). Each writer names such an account with a check; `allocate` leaves
// those accounts out and takes the next candidates, and a writer refuses them outright rather
// than write a file the scanner would misread.
import type { Account } from '../model.js';

/** Why a file of one format cannot carry this account exactly, or undefined when it can. Never quotes a value. */
export type CarryCheck = (account: Account) => string | undefined;

/** No scanner file (nor our export, which the importer reads back) can carry an account without a password. */
export const NO_PASSWORD = 'it has no password yet';

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A value a UTF-8 file cannot hold as it is: a lone surrogate half (a JSON dump's or a PGPool
 * client's `"\ud800"`) is written as U+FFFD, so the scanner would log in with another password.
 * The pool keeps it (its shards escape it); our JSON lines escape it too.
 */
export function notUnicodeProblem(field: string, value: string): string | undefined {
  // Most values are ASCII: one scan settles them before the regex.
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 0xd800) return LONE_SURROGATE.test(value) ? `its ${field} is not valid Unicode (half of a surrogate pair)` : undefined;
  return undefined;
}

/** Throws for the first account `check` names (a caller that skipped the check has a bug). */
export function refuseUncarried(accounts: readonly Account[], check: CarryCheck, scanner: string): void {
  for (const account of accounts) {
    const problem = check(account);
    if (problem) throw new Error(`cannot write account ${account.username} for ${scanner}: ${problem}`);
  }
}
