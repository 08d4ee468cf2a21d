// Database files dropped where a dump was expected. NecroBot2 (Necrobot-Private/NecroBot) keeps
// the accounts of its multi-bot list in `config/accounts.db`, a SQLite file Entity Framework
// Core writes (`PoGo.NecroBot.Logic/Model/AccountConfigContext.cs`: `UseSqlite`, a table
// `Account` of `Username`, `Password`, `AuthType`, `Level`, ...), and other .NET bots used
// LiteDB files. accountpool reads no database (no driver among its libraries, and a guess at the
// pages of one could invent accounts), so such a file is refused naming what it is and how to
// export its accounts as a CSV the importer reads.
import { DumpError } from './types.js';

/** SQLite's file header (https://www.sqlite.org/fileformat.html, 1.3: the first 16 bytes). */
const SQLITE = Buffer.from('SQLite format 3\0', 'latin1');
/** LiteDB's header page marks every datafile with this text in its first bytes (HEADER_INFO). */
const LITEDB = Buffer.from('** This is a LiteDB file **', 'latin1');

/** The path as one shell word, for a command the operator copies. */
function shellWord(path: string): string {
  return /^[\w./:@+-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** The refusal for a database file, or undefined when the bytes are no database we know. */
export function databaseFileError(name: string, bytes: Buffer): DumpError | undefined {
  if (bytes.subarray(0, SQLITE.length).equals(SQLITE)) {
    return new DumpError(
      'is a SQLite database (NecroBot2 keeps its accounts in such a file, config/accounts.db), which accountpool does not read; ' +
        `export its accounts as CSV and import that: sqlite3 -header -csv ${shellWord(name)} "SELECT Username AS username, Password AS password, Level AS level FROM Account" > accounts.csv ` +
        '(another tool\'s table and column names may differ: `.tables` and `.schema` list them)',
      name,
    );
  }
  if (bytes.subarray(0, 128).includes(LITEDB)) {
    return new DumpError('is a LiteDB database, which accountpool does not read; export its accounts from the tool that wrote it (a CSV or JSON list of username and password) and import that', name);
  }
  return undefined;
}
