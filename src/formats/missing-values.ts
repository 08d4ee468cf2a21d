// A program's missing value written out as text where a password goes: `ash01,None` (Python's
// `str(None)`, an f-string or a print of an account whose password was never set), `null` (JSON's,
// as `JSON.stringify` or a template wrote it), `undefined` (JavaScript's template literal of a
// missing field), `nil` (Ruby's, Lua's), `<nil>` (Go's `%v`), `(null)` (C's printf of a NULL).
// Never a password anyone typed: the account has none. One rule for the store (account-rules.ts)
// and for the list readers' line check (lists/account-line.ts), which would otherwise call the
// line code for its `None` token and hide what is wrong. Beside them, a database's empty cell
// (`NULL` from `mysql -B`, `\N` from `SELECT ... INTO OUTFILE` or PostgreSQL's COPY), which the
// store refuses with its own words (stop 56 G: a site's users table, a Discord login with none).

/** The spellings, as each language writes them (and the all-lower or all-upper forms people retype). */
const MISSING_VALUES: ReadonlySet<string> = new Set(['None', 'none', 'NONE', 'null', 'Null', 'undefined', 'nil', 'NIL', '(null)', '<nil>']);

export function isMissingValue(password: string): boolean {
  return MISSING_VALUES.has(password);
}

/** Why such a password is refused, on its line. */
export const MISSING_VALUE_REASON = "missing password (a program's empty value, `None`, `null`, `undefined` or `nil`, where the password goes)";

/** A database's empty cell where the password goes: four characters no PTC or Google password is as short as. */
const DATABASE_NULLS: ReadonlySet<string> = new Set(['NULL', '\\N']);

/** Why a database's NULL where the password goes is refused, on its line. */
export const NULL_REASON = "missing password (the database's NULL where the password goes)";

/** Why the store refuses `password` as a missing value (a database's NULL, a program's None), or null. */
export function missingValueProblem(password: string): string | null {
  if (DATABASE_NULLS.has(password)) return NULL_REASON;
  return isMissingValue(password) ? MISSING_VALUE_REASON : null;
}
