// Rows written as CSV without csv-stringify, when every field is plain enough that the text is sure
// to be csv-stringify's own under csv.ts's options (`,` between fields, `"` quoting and doubling,
// `\n` after every row, `quoted_match` of a blank at either edge). The reader's twin is
// csv-plain-line.ts. Why: `allocate` writes the scanner's accounts file in every run, and loading
// csv-stringify and running it cold over 400 rows cost ~25-35 ms of CPU an allocation at 1,000,000
// accounts (docs/scale-log.md, stop 53 A), for rows that are names, passwords and device fields.
// A password holding `"` is written here too (stop 54 A2): csv-stringify 6.9.0 (lib/api/index.js)
// quotes a field that holds the quote or the delimiter and doubles each quote in it (its escape is
// the quote), so a password with a quote sent every allocation that handed one out to the package.
// Anything else (a blank at an edge, a control or non-ASCII character) goes to csv-stringify.

/** A field of printable ASCII: written as it is, or quoted (a comma or a quote in it) with its quotes doubled. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * The CSV text csv-stringify makes of `rows` under csv.ts's options, or undefined where some field
 * is not plain: printable ASCII, no blank at its start or end. A plain field holding a comma or a
 * quote is quoted, each quote doubled, as csv-stringify does; every other plain field is written as it is.
 */
export function plainRowsText(rows: readonly (readonly string[])[]): string | undefined {
  const lines: string[] = [];
  for (const row of rows) {
    const fields: string[] = [];
    for (const field of row) {
      if (typeof field !== 'string' || !PLAIN.test(field)) return undefined;
      if (field.length > 0 && (field.charCodeAt(0) === 0x20 || field.charCodeAt(field.length - 1) === 0x20)) return undefined;
      fields.push(field.includes('"') ? `"${field.replaceAll('"', '""')}"` : field.includes(',') ? `"${field}"` : field);
    }
    lines.push(fields.join(','));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
