// The change log (`.changes.log` in the pool): transactions committed by appending their changed
// accounts to one small file, instead of rewriting the shards they touch. The shards catch up later, in a "fold".
//
// Why: a server batch changes a few dozen accounts spread over most shards. Rewriting those shards
// means writing and fsyncing megabytes for a few kilobytes of news, 20 times a second. Appending
// the news to the log costs one small write and one fsync, and stays just as durable: what is in
// the log is part of the pool for every reader (see Pool.read), and the next transaction that
// writes shards folds the whole log into them and removes it in the same journaled commit.
//
// One entry per transaction, written with a single append:
//
//   #tx <sha1 of the lines, 16 hex> <records>[+<history lines>][:<base lines>] <message as JSON>
//   "user1": {...}            (the account lines, exactly as a shard holds them)
//   2026-11 <history line>    (the transaction's history lines with their month; see history-files.ts)
//   "user1": {...}            (base lines: see below)
//
// Base lines: the first entry that logs an account since the last fold also holds the account's
// line as the shard file held it then (none for an account not in the shards). The shards change
// between folds only by hand (every write that rewrites a shard folds the log in the same commit),
// so that line is the base of every later record of the account too: a shard line that differs
// from it was edited by hand, and readers merge the edit with the logged record (log-view.ts)
// instead of writing over it. A later entry written after such an edit holds the edited line as
// the account's new base (its record was made from the merge, so it holds the edit already): the
// latest base counts. Merged against the first base instead, a later change that set a field back
// to the base's value would look like no change, and the hand edit would win over it. Entries
// written before base lines existed have none, and their records win as they always did.
//
// An entry counts only when it is whole and its checksum matches. A process killed during an
// append (a write can stop part way under SIGKILL) leaves a torn tail: readers ignore it, and the
// next writer cuts it off under the lock before appending, so nothing is ever glued to it.
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { keyOf, type Account } from '../model.js';
import { compareAccountKeys, encodeAccountLine, parseTrustedLines, trustedLineKey } from './shard-codec.js';
import { syncDir, writeFailed } from './atomic-write.js';
import type { HistoryLine } from './history-files.js';

export interface LoggedChanges {
  /**
   * The latest logged record of each account, in the order of the entries that hold them
   * (oldest first), as its canonical line: what the shard file will hold once the log is folded.
   * An earlier record of the same account is superseded.
   */
  lines: string[];
  /** `lines` parsed (on first use: a reader that applies the lines to the shards never parses most of them). */
  readonly records: Account[];
  /** The base line of each logged account that has one, by key (the latest entry's, see above). */
  bases: Map<string, string>;
  /** Account records in the log, superseded ones included: what it costs to read. */
  recordCount: number;
  /** The history lines of every logged entry, oldest first (not yet in the month files). */
  events: HistoryLine[];
  entries: number;
  /** Bytes of whole entries; anything after is a torn tail. */
  validBytes: number;
  totalBytes: number;
}

const ENTRY_HEAD = /^#tx ([0-9a-f]{16}) (\d+)(?:\+(\d+))?(?::(\d+))? (.*)$/;

function checksumOf(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 16);
}

/**
 * The text of one entry: a head line, the account lines sorted by key (as a shard holds them),
 * the history lines, then the base lines. Without history and base lines it is exactly the entry
 * older versions wrote.
 */
export function encodeEntry(accounts: Iterable<Account>, message: string, events: readonly HistoryLine[] = [], bases: readonly string[] = []): string {
  const sorted = [...accounts].sort((a, b) => compareAccountKeys(keyOf(a.username), keyOf(b.username)));
  const lines = [...sorted.map(encodeAccountLine), ...events.map((e) => `${e.month} ${e.line}`), ...bases];
  const counts = `${sorted.length}${events.length > 0 ? `+${events.length}` : ''}${bases.length > 0 ? `:${bases.length}` : ''}`;
  return `#tx ${checksumOf(lines.join('\n'))} ${counts} ${JSON.stringify(message.replace(/\s+/g, ' '))}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/**
 * Parses a log. Stops at the first entry that is not whole or does not match its checksum.
 * `records: false` reads only the history lines (and checks every entry all the same).
 */
export function decodeLog(file: string, bytes: Buffer, { records: wantRecords = true } = {}): LoggedChanges {
  const lines: string[] = [];
  let recordCount = 0;
  const events: HistoryLine[] = [];
  const bases = new Map<string, string>();
  let entries = 0;
  let at = 0;
  for (;;) {
    const headEnd = bytes.indexOf(10, at);
    if (headEnd < 0) break;
    const head = ENTRY_HEAD.exec(bytes.toString('utf8', at, headEnd));
    if (!head) break;
    const count = Number(head[2]);
    const eventCount = Number(head[3] ?? 0);
    const baseCount = Number(head[4] ?? 0);
    let end = headEnd + 1;
    let recordsEnd = end;
    let eventsEnd = end;
    let whole = true;
    for (let i = 0; i < count + eventCount + baseCount && whole; i++) {
      const lineEnd = bytes.indexOf(10, end);
      if (lineEnd < 0) whole = false;
      else end = lineEnd + 1;
      if (i === count - 1) recordsEnd = end;
      if (i === count + eventCount - 1) eventsEnd = end;
    }
    if (!whole) break;
    const body = bytes.subarray(headEnd + 1, end);
    if (checksumOf(count + eventCount + baseCount === 0 ? body : body.subarray(0, body.length - 1)) !== head[1]) break;
    recordCount += count;
    if (wantRecords && count > 0) lines.push(...bytes.toString('utf8', headEnd + 1, recordsEnd - 1).split('\n'));
    if (eventCount > 0) {
      for (const line of bytes.toString('utf8', recordsEnd, eventsEnd - 1).split('\n')) events.push({ month: line.slice(0, 7), line: line.slice(8) });
    }
    if (wantRecords && baseCount > 0) {
      for (const line of bytes.toString('utf8', eventsEnd, end - 1).split('\n')) {
        const key = trustedLineKey(line);
        bases.set(key, line);
      }
    }
    entries++;
    at = end;
  }
  const latest = latestLines(lines);
  let records: Account[] | undefined;
  return {
    lines: latest,
    get records() {
      // The lines are our own output (each entry's checksum says so), read as a shard's trusted lines are.
      records ??= latest.length === 0 ? [] : parseTrustedLines(latest, 'log', file);
      return records;
    },
    bases,
    recordCount,
    events,
    entries,
    validBytes: at,
    totalBytes: bytes.length,
  };
}

/**
 * The last of the log's record lines of each account: an account allocated and released again
 * has two records, and a log near its capacity (a tenth of the pool) was mostly such pairs.
 */
function latestLines(lines: string[]): string[] {
  const last = new Map<string, number>();
  lines.forEach((line, i) => last.set(trustedLineKey(line), i));
  return last.size === lines.length ? lines : [...last.values()].sort((a, b) => a - b).map((i) => lines[i]!);
}

/** Identity of the log file as it is now (inode, size, times), or undefined when there is none. */
export async function logStamp(path: string): Promise<string | undefined> {
  const info = await stat(path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return info && `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/** The log's length in bytes now (0: no log): where the next entry starts. */
export async function logSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return info?.size ?? 0;
}

/** The inode part of a stamp: the same log file, perhaps grown by appends since. */
export function logInode(stamp: string | undefined): string | undefined {
  return stamp?.split(':')[0];
}

/** Reads the log; an absent log is an empty one. `records: false`: only its history lines. */
export async function readLog(path: string, options: { records?: boolean } = {}): Promise<LoggedChanges & { stamp: string | undefined }> {
  // Stamp first: should an append land between the two, the stamp is older than the text, which
  // only makes a cached view be rebuilt once more, never trusted when stale.
  const stamp = await logStamp(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], records: [], bases: new Map(), recordCount: 0, events: [], entries: 0, validBytes: 0, totalBytes: 0, stamp: undefined };
    throw error;
  }
  // Assigned onto, not spread: spreading would parse every record (`records` is a getter).
  return Object.assign(decodeLog(path, bytes, options), { stamp });
}

/** Cuts a torn tail off (under the lock, before appending), so the next entry starts on a clean line. */
export async function cutTornTail(path: string): Promise<boolean> {
  const log = await readLog(path);
  if (log.validBytes === log.totalBytes) return false;
  await truncate(path, log.validBytes);
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Appends one entry and makes it durable: the commit point of a logged transaction. Returns the
 * log's stamp right after, so the writer knows its own view of the pool is current.
 */
export async function appendEntry(path: string, accounts: Iterable<Account>, message: string, events: readonly HistoryLine[] = [], bases: readonly string[] = []): Promise<string> {
  const created = (await logStamp(path)) === undefined;
  const handle = await open(path, 'a', 0o600).catch((error: unknown) => {
    throw writeFailed(path, error);
  });
  try {
    const sizeBefore = (await handle.stat()).size;
    try {
      // writeFile, not write: it goes on after a short write until every byte is out.
      await handle.writeFile(encodeEntry(accounts, message, events, bases));
      await handle.datasync();
    } catch (error) {
      // Not committed (a full disk, say): take back whatever part of the entry was written, so
      // no reader ever sees a change whose writer was told it failed.
      await handle.truncate(sizeBefore).catch(() => {});
      throw writeFailed(path, error);
    }
    const info = await handle.stat({ bigint: true });
    // A new log is a new name in the pool folder: that must survive a power cut too.
    if (created) await syncDir(dirname(path));
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } finally {
    await handle.close();
  }
}
