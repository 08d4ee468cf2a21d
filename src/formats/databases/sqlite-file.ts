// A SQLite database file, opened in memory to read its tables: the account stores of
// sqlite-stores.ts (NecroBot2, Monocle forks). Read with sql.js, SQLite itself compiled to WebAssembly:
// the real SQLite reads the real file format (no guess at its pages could invent an account),
// with no native build and no install script. The library and its .wasm (~0.7 MB, read from
// node_modules/sql.js/dist beside it, never downloaded) are loaded only when a SQLite file
// arrives: every other import starts as fast as before.
import { lazily } from '../../lazy-require.js';
import { DumpError } from '../types.js';

/** SQLite's file header (https://www.sqlite.org/fileformat.html, 1.3: the first 16 bytes). */
const SQLITE = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqliteFile(bytes: Buffer): boolean {
  return bytes.length >= SQLITE.length && bytes.subarray(0, SQLITE.length).equals(SQLITE);
}

/** The part of sql.js this file uses (the package ships no types). */
interface SqlValue {
  toString(): string;
}
interface Statement {
  step(): boolean;
  getColumnNames(): string[];
  get(): (SqlValue | number | string | Uint8Array | null)[];
  free(): void;
}
interface Database {
  prepare(sql: string): Statement;
  close(): void;
}
type InitSqlJs = () => Promise<{ Database: new (data: Uint8Array) => Database }>;

const initSqlJs = lazily<InitSqlJs>('sql.js');

/** A cell as read: SQLite's INTEGER, REAL, TEXT and NULL; a BLOB as its bytes. */
export type Cell = number | string | Uint8Array | null;

export interface SqliteFile {
  /** The tables' names, in the order the schema lists them. */
  tables: string[];
  /** A table's column names as declared. */
  columns(table: string): string[];
  /**
   * Every row of a table, in the order SQLite stores them (rowid order), by column name: one at a
   * time, so that what a row costs is freed before the next is read (1,700,000 rows held at once
   * were 2.4 GB before the first account was made).
   */
  rows(table: string): Iterable<Map<string, Cell>>;
  close(): void;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The header's own size of the database (offsets 16, 28, 92: page size, pages, and the counter
 * that says the page count is current). A file shorter than that was cut short: SQLite reads it
 * without complaint until a query reaches a missing page, so it is refused before any is read.
 */
function truncated(bytes: Buffer): boolean {
  if (bytes.length < 100) return true;
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = bytes.readUInt32BE(28);
  const current = bytes.readUInt32BE(92) === bytes.readUInt32BE(24);
  return current && pages > 0 && bytes.length < pageSize * pages;
}

/** The rows of a table read to more than the file holds (openSqlite's budget). */
class ReadTooMuch extends Error {}

/** Open the file's bytes. A damaged file is refused naming it; SQLite's message never quotes its content. */
export async function openSqlite(name: string, bytes: Buffer): Promise<SqliteFile> {
  const damaged = (why: string) => new DumpError(`is a damaged SQLite database (${why}); copy it again from the tool's folder while the tool is stopped`, name);
  if (truncated(bytes)) throw damaged('it is shorter than its header says: cut short');
  const SQL = await initSqlJs()();
  let db: Database;
  try {
    // The whole file is copied into SQLite's WebAssembly memory, which cannot grow past 4 GB.
    db = new SQL.Database(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  } catch {
    const mb = Math.round(bytes.length / 1e6);
    throw new DumpError(`is a SQLite database too large to open in memory (${mb} MB); export its accounts table as CSV with sqlite3 and import that`, name);
  }
  /**
   * What the rows read may cost, a cell its length (text, blob) or 1: a stored cell takes at least
   * that in the file (its header byte, its bytes), so the file's own values never exceed its size.
   * Only values the schema makes up for each row can: a column added by ALTER TABLE with a DEFAULT
   * is given to every older row that does not store it (a 200 KB DEFAULT over 50,000 rows of a
   * 1.4 MB file was 10 GB). The slack covers a migration's small defaults ('', 0, 'ptc').
   */
  let budget = bytes.length + 1_000_000;
  /** The rows of a query one at a time; the statement is freed when they end or the reader stops. */
  function* each(sql: string, counted = false): Generator<Map<string, Cell>> {
    const statement = db.prepare(sql);
    try {
      const names = statement.getColumnNames();
      while (statement.step()) {
        const values = statement.get();
        if (counted) {
          for (const value of values) budget -= typeof value === 'string' || value instanceof Uint8Array ? Math.max(1, value.length) : 1;
          if (budget < 0) throw new ReadTooMuch();
        }
        const row = new Map<string, Cell>();
        for (let i = 0; i < names.length; i++) row.set(names[i]!, values[i] as Cell);
        yield row;
      }
    } finally {
      statement.free();
    }
  }
  const query = (sql: string): Map<string, Cell>[] => [...each(sql)];
  // A CHECK constraint is evaluated by quick_check on every row, and may cost a second a row
  // (`printf('%.*c', 100000000, 'x')`); it says nothing about a file we only read.
  query('PRAGMA ignore_check_constraints = ON');
  /** A query whose failure (a damaged page met) is the file's refusal; SQLite's message never quotes the content. */
  const checked = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof DumpError) throw err;
      if (err instanceof ReadTooMuch) throw new DumpError(`is a SQLite database whose rows read to more than the file holds: values its schema makes up for each row (a column's DEFAULT), not stored; export its accounts as CSV with sqlite3 and import that`, name);
      throw damaged('SQLite finds its pages broken');
    }
  };
  /**
   * A generated column (`Note TEXT AS (expression)`) is computed on every read of its row and by
   * quick_check, whatever we select: 50 MB a row from a 16 KB file. No tool's account store has one,
   * so the table is refused before a row is checked or read.
   */
  const computes = (table: string) => {
    const generated = query(`PRAGMA table_xinfo(${quoted(table)})`).filter((r) => r.get('hidden') === 2 || r.get('hidden') === 3);
    if (generated.length > 0) {
      const short = (text: string) => quoted(text.length > 64 ? `${text.slice(0, 64)}...` : text);
      throw new DumpError(`is a SQLite database whose table ${short(table)} computes its column ${short(String(generated[0]!.get('name')))} (a generated column), which no tool's account store does; export its accounts as CSV with sqlite3 and import that`, name);
    }
  };
  /**
   * quick_check of one table and its indexes before it is read (PRAGMA quick_check(TABLE)): a damaged
   * page of the accounts is named here, not met halfway through them, and the pages of the tables
   * never read (a scanner's millions of sightings beside the accounts) are never checked.
   */
  const whole = (table: string) => {
    const check = query(`PRAGMA quick_check(${quoted(table)})`).map((r) => String([...r.values()][0]));
    if (check.length !== 1 || check[0] !== 'ok') throw new Error('quick_check');
  };
  let tables: string[];
  try {
    tables = checked(() => query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").map((r) => String(r.get('name'))));
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    tables,
    columns: (table) => checked(() => query(`PRAGMA table_info(${quoted(table)})`).map((r) => String(r.get('name')))),
    rows: function* (table) {
      checked(() => {
        computes(table);
        whole(table);
      });
      const rows = each(`SELECT * FROM ${quoted(table)}`, true);
      try {
        for (;;) {
          // Each step inside `checked`: a damaged page met halfway is the file's refusal too.
          const next = checked(() => rows.next());
          if (next.done) return;
          yield next.value;
        }
      } finally {
        rows.return(undefined);
      }
    },
    close: () => db.close(),
  };
}

/** A cell by its column name in any case (SQLite matches names so). */
export function cell(row: Map<string, Cell>, name: string): Cell | undefined {
  if (row.has(name)) return row.get(name);
  for (const [column, value] of row) if (column.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** The table of `db` named `name` in any case whose columns include every one of `columns`. */
export function tableWith(db: SqliteFile, name: string, columns: string[]): string | undefined {
  const table = db.tables.find((t) => t.toLowerCase() === name);
  if (!table) return undefined;
  const have = new Set(db.columns(table).map((c) => c.toLowerCase()));
  return columns.every((c) => have.has(c)) ? table : undefined;
}
