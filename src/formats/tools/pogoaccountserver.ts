// pogoAccountServer's accounts.txt (domizei385/pogoAccountServer 19967c0, a PTC account pool for
// Map-A-Droid devices): README "one per line, in the format `username,password`", read at every
// start by server.py load_accounts_from_file (line 88): `open(file, "r")` (Python 3: the locale's
// encoding, lines ending at `\n`, `\r` or `\r\n`), each line `line.strip().split(",")`, more than
// two fields warned about and skipped, fewer (a blank line) an error caught and skipped; the two
// fields never stripped themselves. Stored by `INSERT ... ON DUPLICATE KEY UPDATE
// password=VALUES(password)` into `username varchar(20)`, `password text` (sql/accounts.sql): a
// new password reaches an account it holds, and a login over 20 characters is cut or refused.
// So a comma or a line break in either field, a blank str.strip() removes at the line's ends (the
// login's start, the password's end), or a login over 20 characters: left out and named.
import type { Account } from '../../model.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { PYTHON3_SPACE_AT_START, PYTHON3_SPACE_AT_END } from '../python-space.js';
import { columnProblem, NOT_PTC } from './successor-accounts.js';

/** Why pogoAccountServer would not read this account back exactly (undefined: it would). Never quotes a value. */
export function pogoaccountserverProblem(account: Pick<Account, 'username' | 'password' | 'provider'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  if (account.provider !== 'ptc') return NOT_PTC;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    if (value.includes(',')) return `its ${field} contains a comma`;
    if (/[\r\n]/.test(value)) return `its ${field} contains a line break`;
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  if (PYTHON3_SPACE_AT_START.test(account.username)) return 'its username starts with a blank';
  if (PYTHON3_SPACE_AT_END.test(account.password)) return 'its password ends with a blank';
  return columnProblem(account, { username: 20 }, "pogoAccountServer's accounts table (varchar(20))");
}

/** `username,password` lines, pogoAccountServer's accounts.txt; refuses an account pogoaccountserverProblem names. */
export function writePogoaccountserver(accounts: Account[]): string {
  refuseUncarried(accounts, pogoaccountserverProblem, 'pogoAccountServer');
  return accounts.map((a) => `${a.username},${a.password}\n`).join('');
}
