// PGPool's answer to `GET /account/request`, saved to a file (`curl ... > accounts.json`): the
// accounts a scanner was handed, as JSON. codename-art/PGPool `pgpool/models.py`
// (`Account.get_accounts`) answers `auth_service`, `username`, `password`, `latitude`,
// `longitude`, `rareless_scans`, `shadowbanned`, `last_modified` per account, and `pgpool.py`
// (`get_accounts`) sends them with Flask's `jsonify`: a list, or the one object alone when one
// account was asked for; `last_modified` in Flask's HTTP-date form. Our `serve` answers the same
// fields (and more of PGPool's columns, the flags among them), `last_modified` as epoch seconds.
//
// Such an object is read as a row of PGPool's table (pgpool-row.ts), so its flags are verdicts
// (`shadowbanned` → blind) instead of fields kept on a healthy account.
import { pgpoolAccount, type PgpoolRow } from '../databases/pgpool-row.js';
import type { DumpAccount } from '../types.js';
import { isState } from '../../model.js';

/** The answer's own marks: PGPool's health columns beside its `auth_service`. */
export function isPgpoolAnswer(o: Record<string, unknown>): boolean {
  return typeof o.auth_service === 'string' && typeof o.username === 'string' && ('shadowbanned' in o || 'rareless_scans' in o);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `last_modified` as ISO: epoch seconds (our serve), or Flask's `Thu, 14 Sep 2017 14:22:05 GMT`.
 * PGPool stores `datetime.now()`, the server's local time without a zone, and Flask writes that
 * naive time with "GMT" after it: read as local time, as pgpool-row.ts reads the same column in
 * a MySQL dump, so both spellings of one account give one time.
 */
function lastModified(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return new Date(value * 1000).toISOString();
  if (typeof value !== 'string') return undefined;
  const m = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(value.trim());
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return undefined;
  return new Date(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])).toISOString();
}

/** One object of the answer as an account, or why it cannot be one (never quoting a value). */
export function pgpoolAnswerAccount(o: Record<string, unknown>, line: number): DumpAccount | string {
  const row: PgpoolRow = new Map();
  for (const [key, value] of Object.entries(o)) {
    const column = key.toLowerCase();
    if (column === 'last_modified') continue;
    if (value === null) row.set(column, null);
    else if (typeof value === 'boolean') row.set(column, value ? '1' : '0');
    else if (typeof value === 'number' || typeof value === 'string') row.set(column, String(value));
    // Lists and objects are no PGPool column: left out.
  }
  const account = pgpoolAccount(row, line);
  if (typeof account === 'string') return account;
  // Our serve's answer names the verdict in force itself (`perm_banned` where the flags say only banned).
  if (isState(o.state) && o.state !== 'ok') account.state = o.state;
  const seen = lastModified(o.last_modified);
  if (seen) account.history = { ...account.history, last_update: seen };
  return account;
}
