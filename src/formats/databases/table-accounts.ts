// The accounts a MySQL table's rows give (PGPool's account table and the tables read by its names:
// pgpool-tsv.ts, pgpool-dump.ts, pgpool-table.ts, mysql-xml.ts), kept as they are read: into
// columns at an import's read (account-columns.ts ReadAccounts), as Monocle's CSV is. Why: each
// row is a record with a history of ~25 fields (xp, team, stardust...), and 1,000,000 of them were
// kept to the end of the read: `import --dry-run --format pgpool-tsv` peaked at 2.6 GB
// (docs/scale-log.md, stop 59 M and stop 60 PG). What the readers do to an account after reading
// it goes through here: the row read last taken back (a raw line feed cut it), a row placed among
// the others once the table shows its layout, a field named once the table says (kept whole).
import { ReadAccounts } from '../account-columns.js';
import { PAS_LEVEL, withPasLevelNote } from './pogoaccountserver-accounts.js';
import type { DumpAccount, DumpResult, Rejection } from '../types.js';

export class TableAccounts {
  private readonly read: ReadAccounts;
  /** The account added last, held back one row: the next row may show it cut (pgpool-tsv.ts). */
  private last: { account: DumpAccount; whole: boolean } | undefined;
  private count = 0;
  /** Accounts placed after the read, each at the number added before it (pgpool-dump.ts settle32). */
  private readonly late: { at: number; account: DumpAccount }[] = [];
  /** How many hold pogoAccountServer's default level as a field (withPasLevelNote). */
  private pas = 0;

  constructor(columnsFrom: number | undefined) {
    this.read = new ReadAccounts(columnsFrom);
  }

  /** Accounts added and placed (none is placed before the read's last row is added). */
  get length(): number {
    return this.count + this.late.length;
  }

  /** `whole`: its reader may still change it (Column31.read), so it is kept as this very record. */
  add(account: DumpAccount, whole = false): void {
    this.flush();
    this.last = { account, whole };
    this.count++;
    if (account.history?.[PAS_LEVEL] !== undefined) this.pas++;
  }

  /** The account added last, taken back (there is one: its reader added it on the row before). */
  takeLast(): DumpAccount {
    const { account } = this.last!;
    this.last = undefined;
    this.count--;
    if (account.history?.[PAS_LEVEL] !== undefined) this.pas--;
    return account;
  }

  /** `account` goes after the first `at` accounts added (and after those placed at `at` before it). */
  place(at: number, account: DumpAccount): void {
    this.late.push({ at, account });
    if (account.history?.[PAS_LEVEL] !== undefined) this.pas++;
  }

  /** The read: the accounts as columns or records (ReadAccounts' rule), with pogoAccountServer's level note. */
  result(format: string, rejected: Rejection[], notes?: string[]): DumpResult {
    this.flush();
    let held = this.read.held();
    if (this.late.length > 0) {
      // Rare (rows of 32 values two layouts read, in a dump without names): in order, as records.
      // Merged in one pass (`late` is in file order, its places never decreasing): a splice each
      // moved every account after it, the rows squared where a whole dump's rows were pending.
      const added = held.columns ? held.columns.records() : held.accounts;
      const accounts: DumpAccount[] = [];
      let k = 0;
      for (let i = 0; i <= added.length; i++) {
        for (; k < this.late.length && this.late[k]!.at <= i; k++) accounts.push(this.late[k]!.account);
        if (i < added.length) accounts.push(added[i]!);
      }
      held = { accounts };
    }
    return withPasLevelNote({ format, ...held, rejected, ...(notes ? { notes } : {}) }, this.pas);
  }

  private flush(): void {
    if (this.last) this.read.add(this.last.account, this.last.whole);
    this.last = undefined;
  }
}
