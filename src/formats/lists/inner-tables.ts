// A table with a header of its own further down a list: a Monocle accounts.csv
// (`username,password,provider,model,iOS,id`) pasted under 250 `user:pass` lines. The list's
// layout is decided by its first lines (list-layout.ts); read with it, each row under that header
// was split at its first `,`, its password the rest of the row (`Pw1,ptc,iPhone9,1,10.2,abc`):
// a password invented. The header is set aside as a header; the rows that split into its columns
// by its separator, another than the list's, are refused by line, naming the header: which cell
// is the password is the header's to say, and that table is imported as a file of its own.
import { PASSWORD_WORD } from './inner-table-words.js';

export interface InnerTable {
  /** The header's line (1-based). */
  at: number;
  sep: string;
  fields: number;
}

const SEPARATORS = [',', ';', '\t', '|'] as const;
const SEP_NAME: Record<string, string> = { ',': '`,`', ';': '`;`', '\t': 'tabs', '|': '`|`' };

/** The table a header line (set aside as one) opens, when it names a password and splits by another separator than the list's. */
export function innerTableAt(header: string, line: number, listSep: string): InnerTable | undefined {
  if (!PASSWORD_WORD.test(header)) return undefined;
  let best: InnerTable | undefined;
  for (const sep of SEPARATORS) {
    if (sep === listSep) continue;
    const fields = header.split(sep).length;
    if (fields >= 3 && (!best || fields > best.fields)) best = { at: line, sep, fields };
  }
  return best;
}

/** Why a line is refused as a row of `table`, or undefined when it is no such row. */
export function innerTableRowReason(s: string, table: InnerTable): string | undefined {
  // More cells than the header names is still its row: a cell holding the separator, not quoted (`iPhone9,1`).
  if (fieldsOf(s, table.sep) < table.fields) return undefined;
  return `a row of the table under the header on line ${table.at} (${table.fields} columns split by ${SEP_NAME[table.sep]}), not of the list above it: which cell is the password is that header's to say; import that table as a file of its own`;
}

/** The cells of a row split by `sep` outside double quotes (a CSV writer quotes a cell holding it: `"iPhone9,1"`). */
function fieldsOf(s: string, sep: string): number {
  let n = 1;
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) n++;
  }
  return n;
}
