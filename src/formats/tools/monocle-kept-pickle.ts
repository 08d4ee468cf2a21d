// Noctem's Monocle reads accounts.csv at each start, but not always its passwords. Its
// load_accounts (monocle/utils.py, Noctem/Monocle f6855e9; the rule since ACCOUNTS_CSV came, 582ec9c of March 2017)
// first loads pickles/accounts.pickle, the accounts as its last run left them; when the CSV names
// exactly the same usernames (`set(pickled_accounts) == set(accounts)`) it returns the pickle whole
// and never reads a password, device or provider from the CSV. Only when the two sets differ does
// accounts_from_csv merge them, the CSV's password winning. So an allocation that writes the same
// accounts the file held before, after the pool learned a new password for one of them (a seller's
// fix, an import), leaves Monocle logging in with the old one. The file's previous text is the best
// witness of what the pickle holds (Monocle pickles what it read from it); the operator is told
// which accounts, never the passwords. Nothing here reads the pickle: removing or importing it is
// the operator's decision.
import type * as CsvParse from 'csv-parse/sync';
import { lazily } from '../../lazy-require.js';
import type { Account } from '../../model.js';

const csvParse = lazily<typeof CsvParse>('csv-parse/sync');

/** Accounts named in full; past them only counted. */
const NAMED = 10;

/**
 * The logins and passwords of a Monocle accounts file as Monocle's load_accounts_csv reads them
 * (csv.DictReader: the header's `username` and `password` columns, a later row of one login
 * replacing an earlier one), or undefined when the text is no such file.
 */
export function monocleFilePasswords(text: string): Map<string, string> | undefined {
  let records: string[][];
  try {
    // Python's csv reader as DictReader uses it: doubled quotes, quoted line ends, blank lines skipped, nothing trimmed.
    records = csvParse().parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  } catch {
    return undefined;
  }
  const [header, ...rows] = records;
  const user = header?.indexOf('username') ?? -1;
  const pass = header?.indexOf('password') ?? -1;
  if (user < 0 || pass < 0) return undefined;
  const passwords = new Map<string, string>();
  for (const row of rows) passwords.set(row[user] ?? '', row[pass] ?? '');
  return passwords;
}

/**
 * Whether every account's login starts a line of the text: the usual allocation (other accounts)
 * is told apart without parsing the CSV (400 rows: 0.3 ms of CPU against 20 ms, load ~30). No login holds a comma, a quote or a line
 * break (login-name-problem.ts), so ours never needs quoting; a line inside a quoted password adds
 * a name no login has, which changes nothing here.
 */
function namesEvery(text: string, accounts: readonly Account[]): boolean {
  const starts = new Set<string>();
  for (const line of text.split('\n')) {
    const comma = line.indexOf(',');
    starts.add(comma < 0 ? line : line.slice(0, comma));
  }
  return accounts.every((a) => starts.has(a.username));
}

/**
 * The warning when `accounts` (about to be written) are exactly the logins of the file's previous
 * text and some of their passwords differ from it, or undefined.
 */
export function keptPickleWarning(previous: string | undefined, accounts: readonly Account[]): string | undefined {
  if (previous === undefined || accounts.length === 0) return undefined;
  if (!namesEvery(previous, accounts)) return undefined;
  const before = monocleFilePasswords(previous);
  if (!before || before.size !== new Set(accounts.map((a) => a.username)).size) return undefined;
  if (accounts.some((a) => !before.has(a.username))) return undefined;
  const changed = accounts.filter((a) => a.password !== undefined && before.get(a.username) !== a.password).map((a) => a.username);
  if (changed.length === 0) return undefined;
  const named = changed.slice(0, NAMED).map((name) => name.slice(0, 64)).join(', ');
  const more = changed.length > NAMED ? `, and ${changed.length - NAMED} more` : '';
  const one = changed.length === 1;
  return `warning: the Monocle file names the same ${accounts.length === 1 ? 'account' : `${accounts.length} accounts`} as before, and ${one ? 'one password has' : `${changed.length} passwords have`} changed since (${named}${more}): Noctem's Monocle then takes pickles/accounts.pickle whole (monocle/utils.py load_accounts) and logs in with the old ${one ? 'password' : 'passwords'}. Before restarting Monocle, import that pickle (accountpool import Monocle/pickles/accounts.pickle keeps its bans, devices and levels, and the pool's passwords) and remove it.`;
}
