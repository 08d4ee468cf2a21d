import { headerRoles } from './columns.js';

// A spreadsheet saved as CSV writes a merged cell as its text in the cell it starts at and an empty
// cell for each other column it spans (LibreOffice Calc's and Excel's "CSV" save alike): a title
// typed over the table (`PoGo accounts - March 2017,,,,,`) or a row of column groups over the header
// (`Account,,Trainer,,`). Above the header they made the file's first line no header, and the file
// was refused (stop 59's survey: two sheets, eight accounts): the readers that look for a header
// read past such rows, and only when a header follows them.

/**
 * A row of a sheet's title or column groups: three cells or more at one separator (`,` `;` or a
 * tab), at least two of them empty, no two filled cells side by side (a merged cell's text is
 * followed by the empty cells it spans), and each filled cell words (letters alone, `Trainer`) or
 * a phrase (with a blank, `PoGo accounts - March 2017`); never `@` or `:`, never a login's shape
 * (`ash01,,Pw1,,`: letters and digits without a blank).
 */
export function isSheetBanner(line: string): boolean {
  const s = line.trim();
  if (s === '' || s.length > 300 || /[@:]/.test(s)) return false;
  if (!/[,;\t|]/.test(s)) return isTableName(s);
  for (const sep of [',', ';', '\t']) {
    if (!s.includes(sep)) continue;
    const cells = line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    if (cells.length < 3) continue;
    const filled = cells.map((c) => c !== '');
    if (filled.filter(Boolean).length === 0 || filled.filter((f) => !f).length < 2) continue;
    if (filled.some((f, i) => f && filled[i + 1])) continue;
    if (cells.every((c) => c === '' || (/^\p{L}/u.test(c) && (/^\p{L}+$/u.test(c) || /\s/.test(c))))) return true;
  }
  return false;
}

/**
 * A table's name alone on its line: Apple Numbers' CSV export with "Include table names" writes
 * it above each table (`Table 1`, `PoGo stock`), one cell and no separator. Words of letters, or
 * a number alone (`Sheet 2`, `Stock 2017`); never a word mixing letters and digits (`ash01 Pw1`
 * is a login and a password split by a blank). Read past only when a header follows, as a banner.
 */
function isTableName(s: string): boolean {
  if (s.length > 40) return false;
  const words = s.split(/\s+/);
  if (words.length > 4 || !/^\p{L}/u.test(s) || !words.every((w) => /^\p{L}[\p{L}'’.-]*$/u.test(w) || /^\d{1,4}$/.test(w))) return false;
  // `Username   Password   Level`: a header whose cells are split by blanks (a table copied out of a terminal) names columns, no table.
  return headerRoles(words) === undefined;
}

/** The index of the first of `lines` past the sheet's banner rows at its top, blank lines among them: 0 when none is there. */
export function pastSheetBanners(lines: readonly string[]): number {
  let at = 0;
  let past = 0;
  while (at < lines.length && at < 10) {
    const s = lines[at]!;
    if (s.trim() === '') at++;
    else if (isSheetBanner(s)) past = ++at;
    else break;
  }
  return past;
}
