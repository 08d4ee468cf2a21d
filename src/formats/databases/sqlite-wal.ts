// A SQLite database's write-ahead log (`accounts.db-wal` beside `accounts.db`), applied to the
// database's bytes as SQLite applies it when it opens the pair: a tool that keeps its database
// open in WAL mode (NecroBot2 while it runs) has what it wrote since the last checkpoint only in
// the -wal file, so the database file alone lacks it. The format is SQLite's own
// (https://www.sqlite.org/fileformat2.html, 4 "The Write-Ahead Log"): a 32-byte header (magic
// 0x377f0682/0x377f0683, the byte order of the checksums; version 3007000; page size; checkpoint
// sequence; two salts; a checksum of the first 24 bytes), then frames of a 24-byte header (page
// number; for a commit, the database's size in pages after it, else 0; the salts; a running
// checksum over the frame header's first 8 bytes and the page) and one page. Only frames whose
// salts match the header and whose running checksum holds are valid, and of those only the ones
// up to the last valid commit frame count: a transaction a crash or a copy cut short is never
// read, as SQLite never reads it. sql.js's SQLite has no shared memory for a WAL index, so the
// pages are written into the database's bytes here and the header set back to rollback mode.
import { counted } from '../../counted-noun.js';

export interface WalApplied {
  /** The database's bytes with every committed page of the log written in. */
  bytes: Buffer;
  /** Committed transactions applied (0: the log held none, or none that matched the database). */
  commits: number;
}

const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
const HEADER = 32;
const FRAME_HEADER = 24;

/** Whether the bytes begin as a write-ahead log (fileformat2 4.1: the magic, then version 3007000). */
export function isWalLog(bytes: Buffer): boolean {
  if (bytes.length < HEADER) return false;
  const magic = bytes.readUInt32BE(0);
  return (magic === MAGIC_LE || magic === MAGIC_BE) && bytes.readUInt32BE(4) === WAL_VERSION;
}

/** What SQLite names a database's write-ahead log and its shared-memory index, beside the database. */
export const COMPANION_SUFFIXES = ['-wal', '-shm'] as const;
export type CompanionSuffix = (typeof COMPANION_SUFFIXES)[number];

/** The database a companion's name belongs to (`accounts.db-wal` → `accounts.db`), or undefined. */
export function databaseOf(name: string): string | undefined {
  const suffix = COMPANION_SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : undefined;
}

/** SQLite's WAL checksum (fileformat2 4.4): pairs of 32-bit words, big- or little-endian. */
function checksum(data: Buffer, from: number, to: number, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = from; i < to; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** The database's page size from its header (offset 16; 1 means 65536). */
export function databasePageSize(db: Buffer): number {
  const raw = db.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/** Whether the database's header says WAL mode (offsets 18 and 19, the write and read versions, are 2). */
export function isWalDatabase(db: Buffer): boolean {
  return db.length >= 100 && db[18] === 2 && db[19] === 2;
}

/**
 * The database with the log's committed frames applied, or why the log cannot belong to it
 * (never quoting content). A log with no valid frame (checkpointed and reset) changes nothing.
 */
export function applyWal(db: Buffer, wal: Buffer): WalApplied | string {
  if (wal.length === 0) return { bytes: db, commits: 0 };
  if (wal.length < HEADER) return 'its -wal file is shorter than a write-ahead log header';
  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return 'its -wal file is no SQLite write-ahead log';
  if (wal.readUInt32BE(4) !== WAL_VERSION) return 'its -wal file is of an unknown write-ahead log version';
  const bigEndian = magic === MAGIC_BE;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize !== databasePageSize(db)) return "its -wal file's page size is not the database's";
  let sum = checksum(wal, 0, 24, bigEndian, [0, 0]);
  // A header whose checksum fails makes the whole log invalid: SQLite ignores it.
  if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return { bytes: db, commits: 0 };
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const pending = new Map<number, number>(); // page number → offset of its newest page data in the log
  const committed = new Map<number, number>();
  let size = 0;
  let commits = 0;
  for (let at = HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    sum = checksum(wal, at, at + 8, bigEndian, sum);
    sum = checksum(wal, at + FRAME_HEADER, at + FRAME_HEADER + pageSize, bigEndian, sum);
    if (sum[0] !== wal.readUInt32BE(at + 16) || sum[1] !== wal.readUInt32BE(at + 20)) break;
    const page = wal.readUInt32BE(at);
    if (page === 0) break;
    pending.set(page, at + FRAME_HEADER);
    const sizeAfter = wal.readUInt32BE(at + 4);
    if (sizeAfter > 0) {
      for (const [p, offset] of pending) committed.set(p, offset);
      pending.clear();
      size = sizeAfter;
      commits++;
    }
  }
  if (commits === 0) return { bytes: db, commits: 0 };
  // A database grows only by the pages it writes, so no honest commit states more pages than the
  // database file holds and the log writes beyond it. The checksum is no secret: a 4 KB log
  // stating 1,000,000 pages made a 4 GB database in memory (and sql.js a copy of it).
  const filePages = Math.ceil(db.length / pageSize);
  let held = filePages;
  for (const page of committed.keys()) if (page > filePages) held++;
  if (size > held) return `its -wal file states a database of ${counted(size, 'page')}, more than the ${held} of the database and its log together`;
  const out = Buffer.alloc(size * pageSize);
  db.copy(out, 0, 0, Math.min(db.length, out.length));
  for (const [page, offset] of committed) {
    if (page <= size) wal.copy(out, (page - 1) * pageSize, offset, offset + pageSize);
  }
  // Rollback mode: opened alone, the bytes are the whole database now.
  out[18] = 1;
  out[19] = 1;
  return { bytes: out, commits };
}
