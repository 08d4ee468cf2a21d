// Where the mysql client's output split one row of a table over more than one line or more
// cells than its columns, the row joined back: one place for the three ways (pgpool-tsv.ts reads
// the rows). INTO OUTFILE escapes a tab or a line feed inside a value with a backslash before it
// (outfileAsBatch: the lines joined, in mysql -B's escapes); mysql -B -r writes them as they are,
// a tab making a cell too many (joinRawTabs) and a line feed a row short of cells over two lines
// (splitRow). A raw row is joined only where its typed cells leave exactly one way (a tab or a
// line feed is only ever inside a text value); anything else is refused by its line.
import { splitLines, stripEnd } from '../decode.js';
import { SHUCKLE_DATETIMES, SHUCKLE_TEXT } from './shuckletools-columns.js';
import { isNullCell } from './null-cell.js';
import { appendAll } from '../long-arrays.js';
import type { LineList } from '../text-lines.js';

/** Columns whose values are free text, so a raw tab can be inside one. */
export const TEXT_COLUMNS = new Set(['username', 'password', 'email', 'system_id', 'team', 'tutorial_state', ...SHUCKLE_TEXT]);
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Whether a cell can be a value of the named column: any text in a text column, else its type. */
export function fitsColumn(name: string, cell: string): boolean {
  if (TEXT_COLUMNS.has(name) || isNullCell(cell)) return true;
  if (name === 'auth_service' || name === 'provider') return /^(?:ptc|google)$/i.test(cell);
  // assigned_at, reach_lvl30_datetime: PGPool forks' DATETIMEs (pgpool-assigned-at.ts, pgpool-fork33.ts).
  if (name === 'last_modified' || name === 'assigned_at' || name === 'reach_lvl30_datetime' || SHUCKLE_DATETIMES.has(name)) return DATETIME.test(cell);
  return NUMBER.test(cell);
}

/** A raw row with tabs inside one value, joined back when exactly one text column can hold them. */
export function joinRawTabs(cells: string[], header: readonly string[]): string[] | undefined {
  const extra = cells.length - header.length;
  let found: string[] | undefined;
  for (let j = 0; j < header.length; j++) {
    if (!TEXT_COLUMNS.has(header[j]!)) continue;
    const parts = cells.slice(j, j + extra + 1);
    // NULL is never the half of a value: a tab before it ends the value.
    if (parts.some((p) => p === 'NULL')) continue;
    const joined = [...cells.slice(0, j), parts.join('\t'), ...cells.slice(j + extra + 1)];
    if (!joined.every((c, k) => fitsColumn(header[k]!, c))) continue;
    if (found) return undefined;
    found = joined;
  }
  return found;
}

/** A cell that is INTO OUTFILE's NULL, `\N`: mysql -B writes `NULL`, never this. */
export const OUTFILE_NULL = /(?:^|\t)\\N(?:\t|\r?$)/m;

/**
 * INTO OUTFILE's lines in mysql -B's escapes, and the file's line each begins on. OUTFILE (FIELDS
 * ESCAPED BY '\\', its default) puts the backslash before a tab or a line feed inside a value,
 * which stay as they are (the real MariaDB 10.11 server writes `Star mie\<TAB>Tab`:
 * make-pgpool-fixtures.sh, make-pgpool-linefeeds.sh); mysql -B writes `\t` and `\n` for them. Each
 * escape is taken whole, so `\\` before a tab stays a backslash and a field's end.
 */
export function outfileAsBatch(text: string): { lines: string[]; at: number[] } {
  const lines: string[] = [];
  const at: number[] = [];
  let pending: string | undefined;
  splitLines(text).forEach((line, n) => {
    const batch = line.replace(/\\([\s\S])/g, (all, c: string) => (c === '\t' ? '\\t' : all));
    // An odd run of backslashes at the end: the last escapes the line feed, the value goes on.
    const goesOn = (/\\+$/.exec(batch)?.[0].length ?? 0) % 2 === 1;
    if (pending === undefined) at.push(n);
    const joined = (pending ?? '') + (goesOn ? `${batch.slice(0, -1)}\\n` : batch);
    if (goesOn) pending = joined;
    else {
      lines.push(joined);
      pending = undefined;
    }
  });
  if (pending !== undefined) lines.push(pending);
  return { lines, at };
}

/**
 * A row `mysql -B -r` wrote over lines from `i` on, a line feed inside a value (escaped output
 * writes none) ending each line but the last: the lines joined back while they make fewer cells
 * than a whole row. `joined` when they make exactly a whole row whose typed cells fit (a line feed
 * is only ever inside a text value); `end` is the index of the line after the last one taken.
 */
export function splitRow(lines: LineList, i: number, whole: readonly string[]): { joined?: string[]; end: number } {
  const merged = lines.at(i)!.split('\t');
  let j = i + 1;
  for (; merged.length < whole.length && j < lines.length; j++) {
    const next = lines.at(j)!.split('\t');
    merged[merged.length - 1] += `\n${next[0]}`;
    appendAll(merged, next.slice(1));
  }
  merged[merged.length - 1] = stripEnd(merged.at(-1)!);
  const fits = merged.length === whole.length && merged.every((c, k) => fitsColumn(whole[k]!, c) && (!c.includes('\n') || TEXT_COLUMNS.has(whole[k]!)));
  return fits ? { joined: merged, end: j } : { end: j };
}
