// A SQLite file dropped where a dump was expected: the account stores we know by their schema
// (NecroBot2's config/accounts.db: necrobot-db.ts; the `accounts` table of Monocle's forks that
// moved accounts into the database: monocle-db.ts), each read row by row. Any other SQLite file
// is refused naming its tables, with the sqlite3 command that exports a table as a CSV we read.
// A write-ahead log given with the file (DumpInput.wal) is applied first, as SQLite would.
import { ReadAccounts } from '../account-columns.js';
import { monocleStore } from './monocle-db.js';
import { necrobotStore } from './necrobot-db.js';
import { isSqliteFile, openSqlite, type Cell, type SqliteFile } from './sqlite-file.js';
import { applyWal } from './sqlite-wal.js';
import { DumpError, NO_BYTES, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type ParseOptions, type Rejection } from '../types.js';
import { shellWord } from '../../shell-word.js';
import { counted } from '../../counted-noun.js';

/** One tool's account table: which table holds it, and one row as an account or why not. */
export interface SqliteStore {
  /** DumpResult.format of what it reads. */
  format: string;
  table(db: SqliteFile): string | undefined;
  account(row: Map<string, Cell>, line: number): DumpAccount | string;
}

const STORES: SqliteStore[] = [necrobotStore, monocleStore];

/**
 * The most columns an account table may have. NecroBot2's has 23 and Monocle's 20 or so; every
 * column kept is a field of every account, so a table of 2,000 small columns (a 49 MB file of
 * 24,000 rows: 49 million fields, each far larger held than stored) would cost gigabytes. Such a
 * table is no tool's account store: refused with the export that reads its login columns.
 */
const MAX_COLUMNS = 200;

/** At most this many table names in a refusal: a file of thousands names the first. */
const NAMED_TABLES = 20;

function tableList(tables: string[]): string {
  if (tables.length === 0) return 'no tables';
  const named = tables.slice(0, NAMED_TABLES).map((t) => `"${t.length > 64 ? `${t.slice(0, 64)}...` : t}"`);
  const more = tables.length > NAMED_TABLES ? ` and ${tables.length - NAMED_TABLES} more` : '';
  return `the tables ${named.join(', ')}${more}`;
}

/** The database's bytes with its write-ahead log's committed transactions, when one came with it. */
function withWal(input: DumpInput): Buffer {
  if (!input.wal) return input.bytes;
  const applied = applyWal(input.bytes, input.wal);
  if (typeof applied === 'string') throw new DumpError(`${applied}; copy the database and its -wal file again, together, or while the tool is stopped`, input.name);
  return applied.bytes;
}

/**
 * With `columnsFrom` (an import's read) each row's account goes into columns as it is read
 * (DumpColumnsBuilder: its other columns as names once and a column per field), never a list of
 * records: 1,700,000 NecroBot2 rows as records, each with a history object, were 894 MB at
 * `import --dry-run` (docs/scale-log.md, stop 37).
 */
export async function parseSqlite(input: DumpInput, options?: ParseOptions): Promise<DumpResult> {
  const db = await openSqlite(input.name, withWal(input));
  if (options?.bytesMayGo) {
    // sql.js copied the file (and the log applied to it) into its own in-memory file: ours may go.
    input.bytes = NO_BYTES;
    delete input.wal;
  }
  try {
    for (const store of STORES) {
      const table = store.table(db);
      if (!table) continue;
      const width = db.columns(table).length;
      if (width > MAX_COLUMNS) {
        throw new DumpError(
          `is a SQLite database whose table "${table.length > 64 ? `${table.slice(0, 64)}...` : table}" has ${counted(width, 'column')}, more than any tool's account store (at most ${MAX_COLUMNS}); ` +
            `export its accounts as CSV and import that: sqlite3 -header -csv ${shellWord(input.name)} "SELECT <login column> AS username, <password column> AS password FROM <table>" > accounts.csv`,
          input.name,
        );
      }
      const accounts = new ReadAccounts(options?.columnsFrom);
      const rejected: Rejection[] = [];
      let line = 0;
      for (const row of db.rows(table)) {
        line++;
        const read = store.account(row, line);
        if (typeof read === 'string') rejected.push({ line, reason: read });
        else accounts.add(read);
      }
      return { format: store.format, ...accounts.held(), rejected };
    }
    throw new DumpError(
      `is a SQLite database holding ${tableList(db.tables)}, not an account store accountpool knows (NecroBot2's accounts.db, Monocle's accounts table); ` +
        `export the accounts as CSV and import that: sqlite3 -header -csv ${shellWord(input.name)} "SELECT <login column> AS username, <password column> AS password FROM <table>" > accounts.csv ` +
        '(`.schema` lists each table\'s columns)',
      input.name,
    );
  } finally {
    db.close();
  }
}

export const sqlite: DumpFormat = { name: 'sqlite', detect: (input) => (!input.lines && isSqliteFile(input.bytes) ? 0.99 : 0), parse: parseSqlite };
