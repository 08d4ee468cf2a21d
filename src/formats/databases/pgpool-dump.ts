// A MySQL dump of PGPool's database, as `mysqldump pgpool > pgpool.sql` writes it: a
// `CREATE TABLE \`account\`` naming the columns, then `INSERT INTO \`account\` VALUES (...),(...);`
// with many rows per statement (extended inserts), one statement per row with
// --skip-extended-insert, a column list with --complete-insert, `REPLACE`/`INSERT IGNORE` with
// --replace/--insert-ignore. Other tables (event, version) are skipped. Without a CREATE TABLE
// and without a column list (--no-create-info), each row's shape says PGPool's order
// (pgpool-row.ts pgpoolColumnsOf), which every PGPool schema shares for its first 30 columns, or
// ShuckleTools' 19 (shuckletools-columns.ts). pogoAccountServer's `accounts` table is read too,
// only where its CREATE TABLE or column list names its columns (pogoaccountserver-accounts.ts):
// `accounts` is also the name of the Monocle forks' table (monocle-db.ts).
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type ParseOptions, type Rejection } from '../types.js';
import { pgpoolAccount, tableColumnsOf, type PgpoolRow } from './pgpool-row.js';
import { Column31 } from './pgpool-column31.js';
import { Table33, type WideColumns } from './pgpool-fork33.js';
import { fitsColumn } from './pgpool-rejoin.js';
import { SqlScanner } from './sql-scanner.js';
import { MAD_TABLE } from './mad-pogoauth.js';
import { isPasColumns, PAS_TABLE } from './pogoaccountserver-accounts.js';
import { TableAccounts } from './table-accounts.js';
import { counted } from '../../counted-noun.js';

/** An INSERT (or REPLACE) into one of `tables` (`a|b`), a database's name before it or not. */
const insertInto = (tables: string) =>
  new RegExp('\\b(?:INSERT|REPLACE)\\s+(?:IGNORE\\s+)?INTO\\s+(?:`?\\w+`?\\.)?`?(?:' + tables + ')`?\\s*(?:\\(|VALUES?\\b)', 'i');
const ACCOUNT_INSERT = insertInto('account|settings_pogoauth');
const ACCOUNT_TABLE = 'account';
/** The tables read: PGPool's (and ShuckleTools' and RealDeviceMap's) `account`, Map-A-Droid's settings_pogoauth. */
const isAccountTable = (name: string) => name.toLowerCase() === ACCOUNT_TABLE || name.toLowerCase() === MAD_TABLE;
/** Table-level definitions inside CREATE TABLE (...) that are not columns. */
const NOT_A_COLUMN = new Set(['PRIMARY', 'KEY', 'INDEX', 'UNIQUE', 'CONSTRAINT', 'FULLTEXT', 'SPATIAL', 'FOREIGN', 'CHECK']);

/** How far into a file the account table's INSERT is looked for: it comes first in a dump of PGPool's database (tables go by name). */
const SEARCHED = 1_000_000;

/**
 * A file that begins as a mysqldump does: its banner comment (`-- MySQL dump`, `-- MariaDB dump`,
 * MariaDB 10.11's `/*M!999999\- enable the sandbox mode *\/` above it), a `/*!40101 SET` line, or a
 * statement in capitals (`--compact` leaves out the comments). A list that begins so only pays for the search.
 */
const SQL_START = /^\s*(?:--|\/\*|(?:DROP|CREATE|INSERT|REPLACE|LOCK|SET|USE|START|BEGIN)\b)/;

export function detectPgpoolDump(input: DumpInput): number {
  // Only where the table's name occurs is the statement around it matched: a plain list of
  // 100,000 lines must not pay for a case-insensitive pattern run over all of it.
  const text = input.text;
  // A whole database's dump that begins as SQL is searched to its end: Map-A-Droid's
  // settings_pogoauth sorts after the map's tables (gym, pokemon, ...), megabytes in. A file that
  // does not begin as SQL pays for its first megabyte only.
  const sql = SQL_START.test(text.slice(0, 200));
  const [end, most] = sql ? [text.length, Infinity] : [SEARCHED, 1000];
  for (const table of [ACCOUNT_TABLE, MAD_TABLE]) {
    if (insertNear(text, table, ACCOUNT_INSERT, end, most)) return 0.97;
  }
  // pogoAccountServer's `accounts` only in a file that begins as SQL and names its columns.
  if (!sql || !isPasColumns(PAS_MARKS.filter((c) => text.includes(c)))) return 0;
  return insertNear(text, PAS_TABLE, PAS_INSERT, text.length, Infinity) ? 0.97 : 0;
}

/** Whether `insert` matches around one of the first `most` places before `end` where `table` occurs. */
function insertNear(text: string, table: string, insert: RegExp, end: number, most: number): boolean {
  for (let at = text.indexOf(table), tries = 0; at >= 0 && at < end && tries < most; at = text.indexOf(table, at + 1), tries++) {
    if (insert.test(text.slice(Math.max(0, at - 60), at + 30))) return true;
  }
  return false;
}

/** pogoAccountServer's rows, and the column names that tell its table from another `accounts`. */
const PAS_INSERT = insertInto('accounts');
const PAS_MARKS = ['username', 'password', 'in_use_by', 'last_returned'];

/** Column names of `CREATE TABLE ... (` up to its closing parenthesis. */
function createColumns(sql: SqlScanner): string[] {
  const columns: string[] = [];
  sql.expect('(');
  for (;;) {
    sql.skipSpace();
    const word = sql.peek() === '`' ? '' : sql.word();
    if (word === '') columns.push(sql.identifier().toLowerCase());
    else if (!NOT_A_COLUMN.has(word)) columns.push(word.toLowerCase());
    // The rest of the definition, to the `,` or `)` at this depth.
    let depth = 0;
    for (;;) {
      sql.skipSpace();
      const c = sql.peek();
      if (c === '') sql.fail('CREATE TABLE never ends');
      if (c === "'" || c === '"') sql.string();
      else if (c === '`') sql.identifier();
      else {
        sql.pos++;
        if (c === '(') depth++;
        else if (c === ')' && depth-- === 0) return columns;
        else if (c === ',' && depth === 0) break;
      }
    }
  }
}

function columnList(sql: SqlScanner): string[] {
  const columns: string[] = [];
  do columns.push(sql.identifier().toLowerCase());
  while (sql.accept(','));
  sql.expect(')');
  return columns;
}

/** With `columnsFrom` (an import's read) the rows' accounts go into columns as they are read (table-accounts.ts). */
export function parsePgpoolDump(input: DumpInput, options?: ParseOptions): DumpResult {
  return parseDump(input, options?.columnsFrom);
}

/**
 * One reading of the dump; `wide`, the 33 or 34 columns a first reading's rows of each width decided
 * for a fork's table without names (pgpool-fork33.ts): only then is the file read a second time, so no row
 * waits in memory for the table's order.
 */
function parseDump(input: DumpInput, columnsFrom: number | undefined, wide?: WideColumns): DumpResult {
  const sql = scannerOf(input);
  const accounts = new TableAccounts(columnsFrom);
  const rejected: Rejection[] = [];
  let tableColumns: string[] | undefined;
  // The dump's `accounts` table's columns, when it is pogoAccountServer's.
  let pasColumns: string[] | undefined;
  let inserts = 0;
  const shape: Shape32 = { pending: [], column31: new Column31(), table33: new Table33(), wide };
  while ((sql.release(), sql.skipSpace(), !sql.done)) {
    const verb = sql.word();
    if (verb === 'CREATE' && sql.word() === 'TABLE') {
      let name = sql.tableName();
      if (name.toUpperCase() === 'IF') {
        sql.word(); // NOT
        sql.word(); // EXISTS
        name = sql.tableName();
      }
      if (isAccountTable(name)) tableColumns = createColumns(sql);
      else if (name.toLowerCase() === PAS_TABLE) {
        const columns = createColumns(sql);
        if (isPasColumns(columns)) pasColumns = columns;
      }
    } else if (verb === 'INSERT' || verb === 'REPLACE') {
      let next = sql.word();
      while (next === 'IGNORE' || next === 'LOW_PRIORITY' || next === 'DELAYED' || next === 'HIGH_PRIORITY') next = sql.word();
      const table = next === 'INTO' ? sql.tableName() : '';
      const pas = table.toLowerCase() === PAS_TABLE;
      if (isAccountTable(table) || pas) {
        const named = sql.accept('(') ? columnList(sql) : undefined;
        // Another tool's `accounts` (Monocle's): never read as pogoAccountServer's.
        if (!pas || (named ? isPasColumns(named) : pasColumns)) {
          inserts++;
          if (!/^VALUES?$/.test(sql.word())) sql.fail('VALUES was expected');
          readRows(sql, named ?? (pas ? pasColumns : tableColumns), accounts, rejected, shape);
        }
      }
    }
    sql.skipStatement();
  }
  if (inserts === 0) throw new DumpError('is a MySQL dump without rows for the account table', input.name);
  const decided = wide ? undefined : shape.table33.columns();
  if (decided) return parseDump(input, columnsFrom, decided);
  settle32(shape, accounts, rejected);
  shape.column31.settle();
  rejected.sort((a, b) => a.line - b.line);
  // Every row a fork's wider table without names: the file itself is refused, saying what to export.
  if (accounts.length === 0 && rejected.length > 0 && rejected.every((r) => r.reason === rejected[0]!.reason && r.reason.includes(FORK_ROWS))) {
    throw new DumpError(`${rejected[0]!.reason.replace(/^\d+ values?(?= )/, 'holds rows of $&')} (${counted(rejected.length, 'row')}, the first on line ${rejected[0]!.line})`, input.name);
  }
  return accounts.result('pgpool-dump', rejected);
}

/**
 * The dump's SQL scanned: a big file's read from it a piece at a time (file-lines.ts), its text
 * never made whole: a 228 MB dump of 1,000,000 rows held its bytes and its text at once (stop 67 M).
 */
function scannerOf(input: DumpInput): SqlScanner {
  if (!input.lines) return new SqlScanner(input.text, input.name);
  const pieces = (function* (lines) {
    for (const piece of lines.pieces()) yield piece.text;
  })(input.lines);
  const first = pieces.next();
  return new SqlScanner(first.done ? '' : first.value, input.name, pieces);
}

/**
 * What the file's rows without column names showed of their table: the columns of its rows of 32
 * values that only one table's layout fits (pgpool-assigned-at.ts), and the rows of 32 that both
 * fit, read in that layout once the file shows it (one table, one layout), else refused.
 */
interface Shape32 {
  columns?: readonly string[];
  /** The rows both fit, with where their account goes among the others (file order kept). */
  pending: { line: number; values: (string | null)[]; at: number }[];
  /** What the 31st column means, once a row of the table says (pgpool-column31.ts). */
  column31: Column31;
  /** The orders a fork table's rows of 33 or 34 values fit (pgpool-fork33.ts), and the one decided. */
  table33: Table33;
  wide: WideColumns | undefined;
}

const BOTH_32 = 32;

function readRow(names: readonly string[], values: (string | null)[], line: number): DumpAccount | string {
  return pgpoolAccount(new Map(names.map((n, i) => [n, values[i] ?? null])) as PgpoolRow, line);
}

function readRows(sql: SqlScanner, columns: string[] | undefined, accounts: TableAccounts, rejected: Rejection[], shape: Shape32): void {
  do {
    sql.expect('(');
    const line = sql.line;
    const values: (string | null)[] = [];
    do values.push(sql.value());
    while (sql.accept(','));
    sql.expect(')');
    // Named columns must pair up one to one; without names the row must be a whole row of PGPool's table.
    if (!columns) shape.table33.note(values);
    const names = columns ? (columns.length === values.length ? columns : undefined) : tableColumnsOf(values, shape.wide);
    if (!columns && values.length === BOTH_32) {
      if (names) shape.columns ??= names;
      else if (isPgpoolShaped(values)) {
        shape.pending.push({ line, values, at: accounts.length });
        continue;
      }
    }
    if (!names) {
      rejected.push({ line, reason: !columns && values.length > BOTH_32 && isPgpoolShaped(values) ? forkRowReason(shape.table33, values.length) : `${counted(values.length, 'value')} for ${columns ? columns.length : "PGPool's 30 to 32 or ShuckleTools' 19"} columns` });
      continue;
    }
    const read = (columns ? undefined : shape.column31.admit(names, line)) ?? readRow(names, values, line);
    if (typeof read === 'string') rejected.push({ line, reason: read });
    else accounts.add(read, !columns && shape.column31.read(names, read));
  } while (sql.accept(','));
}

const FORK_ROWS = 'values without column names';
/**
 * A row of 33 or more values shaped as PGPool's: a fork's table (richardsang2008/PGPool's
 * `reach_lvl30_datetime` after last_modified, or appended by its migrate_database; richardfoltin's
 * `assigned_at` appended to a first-release table) whose rows of that many values left no one
 * order of its columns (pgpool-fork33.ts: rows of NULLs fit several, or rows of two orders): the
 * level would be read from another column. Asks for the dump with its names (make-pgpool-forks.sh).
 */
function forkRowReason(table: Table33, count: number): string {
  return table.reason(count, FORK_ROWS, 'dump it again with its column names (mysqldump without --no-create-info, or mysql -B with its header)');
}

/** A row of 32 with the provider (first or second) and last_modified where PGPool's table has them: one a layout would read. */
function isPgpoolShaped(values: (string | null)[]): boolean {
  return [values[0], values[1]].some((v) => typeof v === 'string' && fitsColumn('auth_service', v)) && typeof values[4] === 'string' && fitsColumn('last_modified', values[4]);
}

/** The rows of 32 both layouts fit, in the file's layout when it showed one, each in its place in the file's order. */
function settle32(shape: Shape32, accounts: TableAccounts, rejected: Rejection[]): void {
  for (const { line, values, at } of shape.pending) {
    const read = shape.columns ? readRow(shape.columns, values, line) : "32 values that read as PGPool's first-release table and as a fork's with assigned_at, with a different level or flag: dump it again with its column names (without --no-create-info)";
    if (typeof read === 'string') rejected.push({ line, reason: read });
    else {
      shape.column31.read(shape.columns!, read);
      accounts.place(at, read);
    }
  }
}

export const pgpoolDump: DumpFormat = { name: 'pgpool-dump', detect: detectPgpoolDump, parse: parsePgpoolDump, textOnly: true, piecewise: true };
