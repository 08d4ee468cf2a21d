// The mysql client's batch output without its header (`mysql -B -N`, `--skip-column-names`) of a
// table whose columns no reader can name by their order: rows of one count of tab-separated
// cells, MySQL's `NULL` (or INTO OUTFILE's `\N`) among them. PGPool's and ShuckleTools' tables are
// read by their rows' shape (pgpool-row.ts, shuckletools-columns.ts); any other table, or theirs
// with columns in another order (a table an ALTER TABLE upgraded), is refused with the way
// through: the same export with its header, whose names the readers go by.
import { headLines } from './decode.js';

/** The fewest cells a row of such a table is taken to have: a login, a password and more. */
const MIN_CELLS = 5;

/** What such a file is, for a refusal ("the mysql client's output without its header ..."), or undefined. */
export function mysqlBatchWithoutHeader(text: string): string | undefined {
  let cells = 0;
  let rows = 0;
  let nulls = 0;
  // Not trimmed: an empty value last on its line is a cell too.
  for (const line of headLines(text, 200)) {
    if (line.trim() === '') continue;
    const n = line.replace(/\r$/, '').split('\t').length;
    if (rows === 0) cells = n;
    if (n !== cells || n < MIN_CELLS) return undefined;
    rows++;
    if (/(?:^|\t)(?:NULL|\\N)(?:\t|$)/.test(line)) nulls++;
  }
  if (rows === 0 || nulls * 2 < rows) return undefined;
  return `the mysql client's batch output without its header (mysql -B -N: ${rows === 1 ? 'a row' : 'rows'} of ${cells} tab-separated cells, NULL among them) of a table whose columns accountpool cannot name by their order (it knows PGPool's 30 to 32 and ShuckleTools' 19, each in its own table's order); export it again with the header (mysql -B, without -N) and import that`;
}
