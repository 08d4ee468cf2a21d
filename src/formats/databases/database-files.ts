// Database files dropped where a dump was expected. SQLite account stores are read
// (sqlite-stores.ts); other .NET bots used LiteDB files, which accountpool does not read (no
// library for them among its dependencies, and a guess at the pages of one could invent
// accounts), so such a file is refused naming what it is and how to export its accounts. A SQLite
// -wal file alone is refused naming the database to import with it beside it.
import { DumpError } from '../types.js';
import { shellWord } from '../../shell-word.js';
import { isWalLog } from './sqlite-wal.js';

/** LiteDB's header page marks every datafile with this text in its first bytes (HEADER_INFO). */
const LITEDB = Buffer.from('** This is a LiteDB file **', 'latin1');

/** The refusal for a database file no reader reads, or undefined when the bytes are no such database. */
export function databaseFileError(name: string, bytes: Buffer): DumpError | undefined {
  // Alone a write-ahead log holds pages, not a database: it is read with the database it belongs to (sqlite-wal.ts).
  if (isWalLog(bytes)) {
    const db = /-wal$/.test(name) ? name.slice(0, -4) : 'the database file';
    return new DumpError(`is a SQLite write-ahead log, changes to a database rather than a database; import the database with it beside it (accountpool import ${shellWord(db)}), which reads both`, name);
  }
  if (bytes.subarray(0, 128).includes(LITEDB)) {
    return new DumpError('is a LiteDB database, which accountpool does not read; export its accounts from the tool that wrote it (a CSV or JSON list of username and password) and import that', name);
  }
  return undefined;
}
