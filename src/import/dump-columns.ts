// A dump as the merge reads it: the reader's records, or its accounts as columns
// (src/formats/account-columns.ts), made by the list reader itself or from any reader's records
// once a dump holds COLUMNS_FROM accounts (import-dump.ts).
import { DumpColumns, type DumpRecords } from '../formats/account-columns.js';
import type { DumpResult } from '../formats/types.js';

export { DumpColumns, type DumpRecords };

/** A dump read, with its accounts as columns (see DumpColumns). */
export type ColumnDump = Omit<DumpResult, 'accounts' | 'columns'> & { columns: DumpColumns };

/** The records of either form of a dump. */
export function recordsOf(dump: DumpResult | ColumnDump): DumpRecords {
  if ('columns' in dump && dump.columns) return dump.columns;
  const accounts = (dump as DumpResult).accounts;
  return { length: accounts.length, at: (i) => accounts[i]!, usernameAt: (i) => accounts[i]!.username, passwordAt: (i) => accounts[i]!.password, providerAt: (i) => accounts[i]!.provider };
}

/** `dump` with its accounts as columns: the reader's own, or made from its records (`dump.accounts` is left as it was: the caller lets it go). */
export function toColumnDump(dump: DumpResult): ColumnDump {
  const { accounts, columns, ...rest } = dump;
  return { ...rest, columns: columns ?? DumpColumns.of(accounts) };
}
