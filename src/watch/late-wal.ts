// A SQLite database's -wal dropped after its database was taken (NecroBot2's `accounts.db-wal`
// dragged in a minute after `accounts.db`): the database was imported alone and filed under
// imported/DAY/, and what the tool wrote since its last checkpoint is only in this -wal. Set
// aside, its committed frames would never be read. So the watcher reads the pair again as SQLite
// would open it, the filed database with this -wal applied, imports it (the database's own
// accounts again, which changes nothing: an account's fields and verdicts come with their own
// times, and the same row merged twice is unchanged) and files the -wal beside that database,
// so imported/ holds the pair as one.
//
// Which database: the one filed under the -wal's database name (`accounts.db`, or
// `accounts (2).db` when that name was taken) that is a SQLite database in WAL mode of the log's
// page size with no -wal beside it yet. The line says which one was read. A -wal for which none
// is found is left to the readers, which refuse it naming the database to import with it
// (failed/, nothing lost). Where several wait (every NecroBot's file is `accounts.db`), none is
// guessed: a -wal holds pages, not rows, and read over another bot's database it put its pages in
// place of that one's (the newest was taken: a damaged database, or a bot's accounts read as
// another's, the -wal filed beside the wrong one); the -wal is set aside naming them all.
import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { IMPORTED_DIR } from './ignore.js';
import { openInboxFolder, OutsideInbox, type InboxFolder } from './inbox-folder.js';
import { suffixed } from './move.js';
import { isSqliteIn } from './wal-companions.js';
import { openListed, readAll } from './read-file.js';
import { databasePageSize, isWalDatabase } from '../formats/databases/sqlite-wal.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface FiledDatabase {
  /** The day folder it is filed in (held open; the caller closes it). */
  day: InboxFolder;
  name: string;
  bytes: Buffer;
}

/** Whether `name` in `day` is a filed WAL-mode database of `pageSize` with no -wal beside it. */
async function waitsForWal(day: InboxFolder, name: string, pageSize: number): Promise<Stats | undefined> {
  const info = await lstat(day.at(name)).catch(() => undefined);
  if (!info?.isFile() || !(await isSqliteIn(day, name))) return undefined;
  if (await lstat(day.at(`${name}-wal`)).catch(() => undefined)) return undefined;
  const opened = await openListed(day, name, info).catch(() => undefined);
  if (!opened || opened === 'replaced') return undefined;
  try {
    const head = Buffer.alloc(100);
    await opened.handle.read(head, 0, 100, 0);
    return isWalDatabase(head) && databasePageSize(head) === pageSize ? info : undefined;
  } finally {
    await opened.handle.close();
  }
}

/**
 * The database `database` (its name as dropped) filed in imported/ that the -wal `wal` belongs
 * to, read whole (up to `maxSize`), or undefined when none waits for a -wal.
 */
export async function filedDatabase(root: string, database: string, wal: Buffer, maxSize: number): Promise<FiledDatabase | { several: string[] } | undefined> {
  if (wal.length < 32) return undefined;
  const pageSize = wal.readUInt32BE(8);
  let imported: InboxFolder;
  try {
    imported = await openInboxFolder(root, IMPORTED_DIR);
  } catch (error) {
    if (error instanceof OutsideInbox || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const days = (await readdir(imported.at()).catch(() => [] as string[])).filter((d) => DAY.test(d)).sort().reverse();
    const waiting: { day: InboxFolder; name: string; info: Stats }[] = [];
    try {
      for (const dayName of days) {
        const day = await imported.child(dayName).catch(() => undefined);
        if (!day) continue;
        const before = waiting.length;
        // Filed as `accounts.db`, then `accounts (1).db`, ... (move.ts freeName).
        for (let n = 0; ; n++) {
          const name = n === 0 ? database : suffixed(database, n);
          if (!(await lstat(day.at(name)).catch(() => undefined))) break;
          const info = await waitsForWal(day, name, pageSize);
          if (info) waiting.push({ day, name, info });
        }
        if (waiting.length === before) await day.close();
      }
      if (waiting.length > 1) return { several: waiting.map((w) => `${w.day.rel}/${w.name}`) };
      const found = waiting[0];
      const opened = found && (await openListed(found.day, found.name, found.info).catch(() => undefined));
      if (found && opened && opened !== 'replaced') {
        try {
          const bytes = await readAll(opened, maxSize);
          waiting.length = 0; // the caller closes its day
          return { day: found.day, name: found.name, bytes };
        } catch {
          // Too big or unreadable now: no pair to read; the readers refuse the -wal alone.
        } finally {
          await opened.handle.close();
        }
      }
      return undefined;
    } finally {
      for (const day of new Set(waiting.map((w) => w.day))) await day.close();
    }
  } finally {
    await imported.close();
  }
}
