// A SQLite database's -wal and -shm files dropped into the inbox with it (NecroBot2's
// `accounts.db` copied while it runs, with `accounts.db-wal` and `accounts.db-shm`): they belong
// to the database, as `import accounts.db` takes them (src/commands/import.ts withWal). The
// watcher reads the -wal with the database, files both together (imported/ or failed/, under
// the database's name and its suffix), and never takes a companion alone while its database is
// beside it. A -wal without its database is left to the readers, which refuse it naming the
// database to import with it (it goes to failed/ with that reason, nothing lost).
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { isSqliteFile } from '../formats/databases/sqlite-file.js';
import { COMPANION_SUFFIXES, type CompanionSuffix } from '../formats/databases/sqlite-wal.js';
import type { InboxFolder } from './inbox-folder.js';

/** Whether `name` in `folder` is a regular file (never through a link) that begins as a SQLite database. */
export async function isSqliteIn(folder: InboxFolder, name: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(folder.at(name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    if (!(await handle.stat()).isFile()) return false;
    const head = Buffer.alloc(100);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return isSqliteFile(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export interface Companion {
  suffix: CompanionSuffix;
  name: string;
  info: Stats;
}

/** The companions of the database `name` that are files beside it in `folder`. */
export async function companionsOf(folder: InboxFolder, name: string): Promise<Companion[]> {
  const found: Companion[] = [];
  for (const suffix of COMPANION_SUFFIXES) {
    const info = await lstat(folder.at(name + suffix)).catch(() => undefined);
    if (info?.isFile()) found.push({ suffix, name: name + suffix, info });
  }
  return found;
}

/** SQLite's wal-index is mapped in pages of this size (wal.c WALINDEX_PGSZ): a -shm is a multiple of it. */
const SHM_PAGE = 32768;
/** The wal-index header's first field, iVersion, in the host's byte order (wal.c WalIndexHdr; tool/showshm.c). */
const SHM_VERSION = 3007000;

/**
 * Whether the bytes are a database's -shm, its wal-index: a whole number of 32 KB pages whose
 * header states version 3007000 in either byte order, or is still all zero (not initialised).
 * It holds where the -wal's frames are, never a row: dropped alone it is set aside saying so,
 * not read as a text file of NUL bytes.
 */
export function isShmIndex(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.length % SHM_PAGE !== 0) return false;
  return bytes.readUInt32LE(0) === SHM_VERSION || bytes.readUInt32BE(0) === SHM_VERSION || bytes.subarray(0, 136).every((b) => b === 0);
}
