// The first line of a RocketMap file we write, as tools that guess a file's kind from it read it.
// jdggraaf/RocketMap's tools (accountloader.py, blindCheck.py, levelup.py, lureparty.py with
// `-ac FILE`) load accounts through accounts.py AccountManager.load_accounts, which reads the
// first line alone: holding both `username` and `password` (anywhere, case-sensitive), the file is
// taken for a Monocle CSV and that line for its header (csv.DictReader), so an account such as
// `ptc,theusername,mypassword` written first turns every other line into a dict without a
// username (a KeyError, the tool stops), or, alone in the file, into nothing. Any other order of
// the same lines is read right there and by every other reader (they read lines one by one).
// When every line holds both words no file helps: their first line must start with `ptc` or
// `google` (else they read Selly's user:pass lines), a line every other reader takes for an
// account, and any of ours would read as the header; a comment, a blank line or a byte-order mark
// first does not start so. The operator is warned instead, naming the tools and what they read right.
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

/**
 * The warning for a RocketMap file whose every line would read as a Monocle header to jdggraaf's
 * tools, or undefined. Names no account: the words may be in a password.
 */
export function headerLineWarning<T>(accounts: T[], line: (account: T) => string): string | undefined {
  if (accounts.length === 0 || accounts.some((account) => !looksLikeMonocleHeader(line(account)))) return undefined;
  const every = accounts.length === 1 ? 'the one line' : `all ${accounts.length} lines`;
  return `warning: ${every} of the RocketMap file hold both "username" and "password" (in a login or a password), so jdggraaf/RocketMap's tools (accountloader.py, blindCheck.py, levelup.py, lureparty.py -ac) would take the first for a Monocle header and misread the file or stop; RocketMap itself and the other readers read it right. For those tools write --format monocle, which they read by its header.`;
}
