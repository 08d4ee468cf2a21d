// A program's missing value written out as text where a password goes: `ash01,None` (Python's
// `str(None)`, an f-string or a print of an account whose password was never set), `null` (JSON's,
// as `JSON.stringify` or a template wrote it), `undefined` (JavaScript's template literal of a
// missing field), `nil` (Ruby's, Lua's), `<nil>` (Go's `%v`), `(null)` (C's printf of a NULL).
// Never a password anyone typed: the account has none. One rule for the store (account-rules.ts)
// and for the list readers' line check (lists/account-line.ts), which would otherwise call the
// line code for its `None` token and hide what is wrong.

/** The spellings, as each language writes them (and the all-lower or all-upper forms people retype). */
const MISSING_VALUES: ReadonlySet<string> = new Set(['None', 'none', 'NONE', 'null', 'Null', 'undefined', 'nil', 'NIL', '(null)', '<nil>']);

export function isMissingValue(password: string): boolean {
  return MISSING_VALUES.has(password);
}

/** Why such a password is refused, on its line. */
export const MISSING_VALUE_REASON = "missing password (a program's empty value, `None`, `null`, `undefined` or `nil`, where the password goes)";
