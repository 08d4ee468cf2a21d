// What Python's str.strip() removes from the ends of a field, for the scanners that strip what
// they read from our files (RocketMap, PGScout, PGNumbra; Monocle's forks' import_accounts.py).

/** Every character Python 3's str.isspace() accepts: what Python 3's str.strip() removes. */
const PYTHON3_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * Python 3's spaces and U+180E, which Python 2.7's unicode.strip() removes too (its Unicode 5.2
 * called it a space): PGScout (tomballgithub/PGScout-1) strips its accounts file's fields so.
 * Python 2's byte strings strip the ASCII ones only, a subset.
 */
const PYTHON_SPACE = `${PYTHON3_SPACE}\\u180e`;

const PYTHON_SPACE_AT_ENDS = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, 'g');

/**
 * Python 2.7's unicode.strip(): what PGPool's load_accounts (its /account/add lines, its
 * pgpool-import.py) cut from each field. Not JavaScript's trim(), which also cuts U+FEFF (a
 * password may start with one: Python keeps it) and leaves U+180E (Python 2.7 cut it).
 */
export function pythonStrip(value: string): string {
  return value.replace(PYTHON_SPACE_AT_ENDS, '');
}

/** A value starting or ending with a character Python 2.7's or 3's strip() removes. */
export const PYTHON_SPACE_AT_EDGE = new RegExp(`^[${PYTHON_SPACE}]|[${PYTHON_SPACE}]$`);

/** A value `value.strip().strip(',')` changes in Python 3: a space or a comma at either end. */
export const PYTHON3_SPACE_OR_COMMA_AT_EDGE = new RegExp(`^[${PYTHON3_SPACE},]|[${PYTHON3_SPACE},]$`);

/** A value starting, or ending, with a character Python 3's str.strip() removes. */
export const PYTHON3_SPACE_AT_START = new RegExp(`^[${PYTHON3_SPACE}]`);
export const PYTHON3_SPACE_AT_END = new RegExp(`[${PYTHON3_SPACE}]$`);
