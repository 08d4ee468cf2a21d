// MySQL's NULL as each way out of a table writes it: the mysql client's batch output `NULL`,
// INTO OUTFILE's `\N`, a dump's bare NULL (null once sql-scanner.ts has read it). One test for
// every reader that types a table's cells, so that no reader takes `\N` for a value.

/** Whether `cell` is NULL (`NULL`, `\N` or null). */
export function isNullCell(cell: string | null): boolean {
  return cell === null || cell === 'NULL' || cell === '\\N';
}
