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

/** Throws for the first account `check` names (a caller that skipped the check has a bug). */
export function refuseUncarried(accounts: readonly Account[], check: CarryCheck, scanner: string): void {
  for (const account of accounts) {
    const problem = check(account);
    if (problem) throw new Error(`cannot write account ${account.username} for ${scanner}: ${problem}`);
  }
}
