// Flygon's accounts (UnownHash/Flygon f22d0f8): it takes them over HTTP only, `POST /api/accounts/`
// (routes/main.go line 60, behind the `X-FlyGOn-Secret` header when config.toml's `api_secret` is
// set), whose body routes/accounts.go PostAccount (line 134) binds with gin's BindJSON to
// `{"accounts": [{"username", "password"}], "default_level": int}`: Go's encoding/json, strings
// exact (an escaped lone surrogate becomes U+FFFD), every account given `default_level`. Stored by
// db/account.go InsertBulkAccounts, `INSERT IGNORE INTO account (username, password, level, ...)`
// into `username varchar(32)`, `password varchar(32)` (sql/01_init.up.sql): an account Flygon
// already holds keeps its old password and level, and a longer value is cut to 32. Flygon's
// account manager gives level-30 work to accounts of level 30 and more (accounts/accountManager.go
// SelectLevel30) and a level-0 account the tutorial first.
//
// So this writes that body, one account a line, for `curl --data-binary @-`; `default_level` is the
// lowest level of the batch (never a level an account lacks), and comes last so that export can
// write a large pool in pieces. A login or password over 32 characters: left out and named.
import type { Account } from '../../model.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { BatchLevels, columnProblem, NOT_PTC } from './successor-accounts.js';

/** Why Flygon would not store this account as it is (undefined: it would). Never quotes a value. */
export function flygonProblem(account: Pick<Account, 'username' | 'password' | 'provider'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  if (account.provider !== 'ptc') return NOT_PTC;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  return columnProblem(account, { username: 32, password: 32 }, "Flygon's account table (varchar(32))");
}

/** Flygon's request body, written in pieces: `piece` for each run of accounts, then `end` once. */
export class FlygonBody {
  readonly levels = new BatchLevels();
  private started = false;
  private written = 0;
  piece(accounts: Account[]): string {
    refuseUncarried(accounts, flygonProblem, 'Flygon');
    this.levels.add(accounts);
    let text = this.started ? '' : '{"accounts": [';
    this.started = true;
    for (const a of accounts) text += `${this.written++ === 0 ? '' : ','}\n{"username": ${JSON.stringify(a.username)}, "password": ${JSON.stringify(a.password)}}`;
    return text;
  }
  end(): string {
    return `${this.started ? '' : '{"accounts": ['}\n], "default_level": ${this.levels.lowest ?? 0}}\n`;
  }
}

/** The whole body for these accounts (allocate writes its file at once). */
export function writeFlygon(accounts: Account[]): string {
  const body = new FlygonBody();
  return body.piece(accounts) + body.end();
}
