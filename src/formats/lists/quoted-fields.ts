// CSV quoting in a list without a header: `"user","pass"` (Python's csv.writer with QUOTE_ALL,
// spreadsheets' "quote all text cells" export) and `user,"pa,ss"` (csv.writer's default,
// QUOTE_MINIMAL, quoting only a field that holds the separator or a quote, `""` inside). The
// quotes are the file's, not the password's. A line is taken as quoted fields only when every
// field is either bare or wholly quoted, so a password that merely holds a `"` stays as written.
const SEPS = new Set([',', ';', '\t']);

/** The fields of a CSV-quoted line, or undefined when the line is not one. */
function quotedFields(s: string): string[] | undefined {
  const fields: string[] = [];
  let sep: string | undefined;
  let quoted = false;
  let i = 0;
  for (;;) {
    let value = '';
    // `"user" , "pass"`: blanks around a quoted field are layout, as around a bare one (csv-parse's `trim`).
    let j = i;
    while (s[j] === ' ') j++;
    if (s[j] === '"') i = j;
    if (s[i] === '"') {
      quoted = true;
      for (i++; ; i++) {
        if (i >= s.length) return undefined;
        if (s[i] === '"') {
          if (s[i + 1] !== '"') break;
          i++;
        }
        value += s[i];
      }
      i++;
      while (s[i] === ' ') i++;
    } else {
      const start = i;
      // Once the line's separator is known, only it ends a bare field: `12,5` in a `;` line is a
      // European sheet's decimal comma (Excel's and LibreOffice's `;` CSV), one cell, never two.
      while (i < s.length && (sep === undefined ? !SEPS.has(s[i]!) : s[i] !== sep)) if (s[i++] === '"') return undefined;
      value = s.slice(start, i).trim();
    }
    fields.push(value);
    if (i >= s.length) break;
    if (!SEPS.has(s[i]!) || (sep !== undefined && s[i] !== sep)) return undefined;
    sep = s[i++];
  }
  // `"a","b",` ends like a line of a JSON or Python list, not of a CSV file.
  return quoted && fields.length >= 2 && s[s.length - 1] !== sep ? fields : undefined;
}

/** The line with CSV quoting undone, its fields joined by a tab (no field holds one); the line itself otherwise. */
export function withoutCsvQuotes(s: string): string {
  if (s.indexOf('"') < 0) return s;
  const fields = quotedFields(s);
  return fields && !fields.some((f) => f.includes('\t')) ? fields.join('\t') : s;
}

/**
 * Whether a field of `s` opens a CSV quote the line never closes (`ash01,"Pw` then `1q",30` on
 * the next line): a CSV field running over several lines, or a quote lost. csv-parse reads the
 * two lines as one record; read line by line, the first gave the account a password `"Pw` it
 * never had. Only in a list split by `,`, `;` or a tab, where CSV writers put such quotes.
 */
export function opensUnclosedQuote(s: string, sep: string | undefined): boolean {
  if (sep === undefined || !SEPS.has(sep) || s.indexOf('"') < 0) return false;
  let at = 0;
  for (;;) {
    let j = at;
    while (s[j] === ' ') j++;
    if (s[j] === '"') {
      let k = j + 1;
      for (;;) {
        const q = s.indexOf('"', k);
        if (q < 0) return true;
        if (s[q + 1] === '"') {
          k = q + 2;
          continue;
        }
        at = q + 1;
        break;
      }
    }
    const next = s.indexOf(sep, at);
    if (next < 0) return false;
    at = next + 1;
  }
}
