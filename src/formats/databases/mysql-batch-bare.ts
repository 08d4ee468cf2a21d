// The mysql client's batch output without its header (`mysql -B -N`, `--skip-column-names`) of a
// table whose columns no reader can name by their order: rows of one count of tab-separated
// cells, MySQL's `NULL` (or INTO OUTFILE's `\N`) among them. PGPool's and ShuckleTools' tables are
// read by their rows' shape (pgpool-row.ts, shuckletools-columns.ts); any other table, or theirs
// with columns in another order (a table an ALTER TABLE upgraded), is refused with the way
// through: the same export with its header, whose names the readers go by. Rows with the shape of
// a table read only under its header (RealDeviceMap's, Flygon's, Map-A-Droid's) name that table.
import { headLines } from '../decode.js';
import { isNullCell } from './null-cell.js';
import { loginsEscaping } from './mysql-batch-logins.js';

/** The fewest cells a row of such a table is taken to have: a login, a password and more. */
const MIN_CELLS = 5;

const NULL = isNullCell;
const INT = (c: string) => /^\d+$/.test(c);
const NUMBER_OR_NULL = (c: string) => NULL(c) || /^-?\d+(?:\.\d+)?$/.test(c);
const FLAG = (c: string) => c === '0' || c === '1';

/**
 * The tables read only under their header whose rows a headerless file has the shape of, so the
 * refusal names the tool whose table it is: RealDeviceMap's `account` (rdm-account.ts; 17 to 21
 * columns as its migrations 57 to 100 left it; 21 in versx/NodeController's `sql/schema.sql`, an
 * RDM port adding `tutorial`, `ptcToken`, `last_uuid`, `last_instance`: the login, the password,
 * two Unix times, `failed` (a word or NULL), the level), Flygon's `account` (flygon-account.ts,
 * `sql/01_init.up.sql`: the login, the password, the level, `warn`, `warn_expiration`, three flags,
 * five Unix times) and
 * Map-A-Droid's `settings_pogoauth` (mad-pogoauth.ts: MAD 1's 6 columns, MAD 2's 12; the instance,
 * the account number, the device, `login_type`, then the login and the password), and
 * neskk/RocketMap's `account` (rocketmap-account-db.ts: 16 columns, the provider second).
 */
const SHAPES: { table: string; fits: (cells: string[]) => boolean }[] = [
  {
    table: "RealDeviceMap's `account` table",
    fits: (c) => c.length >= 17 && c.length <= 24 && NUMBER_OR_NULL(c[2]!) && NUMBER_OR_NULL(c[3]!) && (NULL(c[4]!) || /^[A-Za-z_]+$/.test(c[4]!)) && INT(c[5]!),
  },
  {
    table: "Flygon's `account` table",
    fits: (c) => c.length === 13 && INT(c[2]!) && FLAG(c[3]!) && NUMBER_OR_NULL(c[4]!) && c.slice(5, 8).every(FLAG) && c.slice(8).every(NUMBER_OR_NULL),
  },
  {
    // neskk/RocketMap's `account` (rocketmap-account-db.ts, `pogom/models.py`): the login, the
    // provider, the password, the instance, four flags and counts, the level, two Unix times, two DATETIMEs.
    table: "neskk/RocketMap's `account` table",
    fits: (c) => c.length === 16 && /^(?:ptc|google)$/.test(c[1]!) && FLAG(c[4]!) && INT(c[7]!) && FLAG(c[8]!) && FLAG(c[9]!) && INT(c[10]!) && INT(c[11]!) && INT(c[12]!) && INT(c[13]!) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(c[15]!),
  },
  {
    table: "Map-A-Droid's `settings_pogoauth` table",
    fits: (c) => (c.length === 6 || c.length === 12) && INT(c[0]!) && INT(c[1]!) && (INT(c[2]!) || NULL(c[2]!)) && /^(?:ptc|google)$/.test(c[3]!),
  },
];

/** What such a file is, for a refusal ("the mysql client's output without its header ..."), or undefined. */
export function mysqlBatchWithoutHeader(text: string): string | undefined {
  let cells = 0;
  let rows = 0;
  let nulls = 0;
  let shapes = SHAPES;
  let first = true;
  // Not trimmed: an empty value last on its line is a cell too.
  for (const line of headLines(text, 200)) {
    if (line.trim() === '') continue;
    const row = line.replace(/\r$/, '').split('\t');
    const n = row.length;
    // A first row of column names (`id<TAB>user<TAB>password...`, no NULL, no number): the header is
    // there, so this is no `-N` output (PMSF's `users` by `mysql -B`, refused for its rows instead).
    if (first && n >= MIN_CELLS && row.every((c) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(c) && !NULL(c))) return undefined;
    first = false;
    shapes = shapes.filter((shape) => shape.fits(row));
    if (rows === 0) cells = n;
    if (n !== cells || n < MIN_CELLS) return undefined;
    rows++;
    if (/(?:^|\t)(?:NULL|\\N)(?:\t|$)/.test(line)) nulls++;
  }
  if (rows === 0) return undefined;
  // Every row has the shape of one such table (a NULL or not: MAD 1's rows may have none): named,
  // so the operator knows whose export to repeat.
  if (shapes.length === 1) return `the mysql client's batch output without its header (mysql -B -N: ${rows === 1 ? 'a row' : 'rows'} of ${cells} tab-separated cells) of ${shapes[0]!.table}, which accountpool reads only by its column names; export it again with the header (mysql -B, without -N) and import that`;
  if (nulls * 2 < rows) return undefined;
  return `the mysql client's batch output without its header (mysql -B -N: ${rows === 1 ? 'a row' : 'rows'} of ${cells} tab-separated cells, NULL among them) of a table whose columns accountpool cannot name by their order (it knows PGPool's 30 to 32, its forks' 33 and 34 where the rows show their order, and ShuckleTools' 19, each in its own table's order); export it again with the header (mysql -B, without -N) and import that`;
}

/**
 * The refusal of such a file whose values show `mysql -B`'s escaping (a `\\` or `\0`, no backslash
 * escaping never writes): the client's output beyond doubt, which a list reader would read with its
 * backslashes doubled and its id column taken for a login. Undefined for any other file.
 */
export function escapedBatchWithoutHeader(text: string): string | undefined {
  const first = headLines(text, 1)[0] ?? '';
  const width = first.split('\t').length;
  if (width < MIN_CELLS || !text.includes('\\')) return undefined;
  const what = mysqlBatchWithoutHeader(text);
  return what && loginsEscaping(text, 0, width) === 'escaped' ? what : undefined;
}
