// The Monocle forks that keep their accounts in a database table (RaizeTheLimit/Monocle,
// RobTwoThree/Monocle-Level30, xLeevo/Monocle, Hydro74000's before them: `monocle/accounts.py`,
// class Account, `username = Column(String(32))`, `password = Column(String(32))`) load our
// accounts.csv with `scripts/import_accounts.py`. A longer login or password (a long Gmail
// address) is cut to 32 characters by MySQL without strict mode, so the scanner logs in with
// another name, or fails the whole import under strict mode. Noctem's Monocle reads the same file
// (`ACCOUNTS_CSV`) into its pickle whole, so the file is still written whole and the accounts over
// the limit are named in a warning (never a password), for the operator of a fork to act on.
import type { Account } from '../../model.js';

/** Characters a Monocle fork's `accounts.username` and `accounts.password` hold (MySQL VARCHAR counts characters). */
export const MONOCLE_FORK_COLUMN = 32;

/** Accounts named in full; past them only counted. */
const NAMED = 10;

const length = (text: string) => (text.length <= MONOCLE_FORK_COLUMN ? text.length : [...text].length);

/** The accounts of a Monocle file too long for a fork's table, collected as they are written. */
export class ForkColumnOverflow {
  private count = 0;
  private readonly named: string[] = [];

  add(account: Account): void {
    const login = length(account.username);
    const password = account.password === undefined ? 0 : length(account.password);
    if (login <= MONOCLE_FORK_COLUMN && password <= MONOCLE_FORK_COLUMN) return;
    this.count++;
    if (this.named.length >= NAMED) return;
    const what = [login > MONOCLE_FORK_COLUMN ? `login ${login} characters` : '', password > MONOCLE_FORK_COLUMN ? `password ${password} characters` : ''].filter(Boolean).join(', ');
    this.named.push(`${account.username.slice(0, 64)} (${what})`);
  }

  /** The warning line, or undefined when every account fits. */
  warning(): string | undefined {
    if (this.count === 0) return undefined;
    const more = this.count > this.named.length ? `, and ${this.count - this.named.length} more` : '';
    return `warning: ${this.count} account${this.count === 1 ? '' : 's'} in the Monocle file ${this.count === 1 ? 'has' : 'have'} a login or password over the ${MONOCLE_FORK_COLUMN} characters a Monocle fork's database holds (its scripts/import_accounts.py cuts them to ${MONOCLE_FORK_COLUMN}, or fails under MySQL's strict mode; Monocle's own ACCOUNTS_CSV reads them whole): ${this.named.join(', ')}${more}`;
  }
}

/** The warning for `accounts` written as a Monocle file, or undefined. */
export function forkColumnWarning(accounts: Iterable<Account>): string | undefined {
  const overflow = new ForkColumnOverflow();
  for (const account of accounts) overflow.add(account);
  return overflow.warning();
}
