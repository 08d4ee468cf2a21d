// The first line of a RocketMap file we write, as tools that guess a file's kind from it read it.
// jdggraaf/RocketMap's tools (accountloader.py, blindCheck.py, levelup.py, lureparty.py with
// `-ac FILE`) load accounts through accounts.py AccountManager.load_accounts, which reads the
// first line alone: holding both `username` and `password` (anywhere, case-sensitive), the file is
// taken for a Monocle CSV and that line for its header (csv.DictReader), so an account such as
// `ptc,theusername,mypassword` written first turns every other line into a dict without a
// username (a KeyError, the tool stops), or, alone in the file, into nothing. Any other order of
// the same lines is read right there and by every other reader (they read lines one by one).
import type { Account } from '../../model.js';

/** Whether jdggraaf's load_accounts would take this line for a Monocle header. */
export const looksLikeMonocleHeader = (line: string) => line.includes('username') && line.includes('password');

/**
 * The accounts in the order given, except that when the first one's line would read as a header
 * the first account whose line would not is moved to the front. When every line would, the order
 * is left as it is: no order helps.
 */
export function headerSafeOrder<T extends Pick<Account, 'provider' | 'username' | 'password'>>(accounts: T[], line: (account: T) => string): T[] {
  if (accounts.length === 0 || !looksLikeMonocleHeader(line(accounts[0]!))) return accounts;
  const safe = accounts.findIndex((account) => !looksLikeMonocleHeader(line(account)));
  if (safe < 0) return accounts;
  return [accounts[safe]!, ...accounts.slice(0, safe), ...accounts.slice(safe + 1)];
}
