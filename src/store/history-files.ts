// The pool's history on disk: `history/YYYY-MM.txt`, one line per event, appended to and never
// rewritten. What a line says is decided above the store (src/history/); the store only promises
// that a transaction's lines are in the history exactly when its changes are in the pool.
//
// How, on each commit path:
//   shards (journal.ts): the "committed" journal carries each month file's length before the
//     commit and the text to add; the append happens after the commit point and is redone by
//     recovery (cut back to that length, write the text again), so it is idempotent. Nothing is
//     written before the commit point, so a rollback has nothing to undo.
//   change log (change-log.ts): the lines travel inside the transaction's log entry (one append,
//     one fdatasync, one checksum); readers take them from there (`readHistory`), and the fold that
//     writes the log into the shards moves them into the month files in its journaled commit.
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PoolLayout } from './layout.js';
import { syncDir } from './atomic-write.js';
import { linkedAt } from './linked-path.js';
import { openInPlace } from './own-file.js';
import { AppError } from '../errors.js';

/** One history line and the month file it belongs in (the month of its transaction, UTC). */
export interface HistoryLine {
  month: string;
  line: string;
}

/** Text to add at the end of a month file, as the journal records it. */
export interface HistoryAppend {
  target: string;
  /** The file's length before: the append is written from here (cut back to it on a redo). */
  at: number;
  text: string;
}

/** A month of history's file name, `2026-11.txt` (historyFile); its month captured. */
export const MONTH_FILE = /^(\d{4}-\d\d)\.txt$/;

/** `2026-11` for any moment of November 2026 (UTC). */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function historyFile(layout: PoolLayout, month: string): string {
  return join(layout.historyDir, `${month}.txt`);
}

/** The months with a history file, oldest first. */
export async function historyMonths(layout: PoolLayout): Promise<string[]> {
  const entries = await readdir(layout.historyDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return entries.flatMap((name) => MONTH_FILE.exec(name)?.[1] ?? []).sort();
}

/** The lines of one month file (none when it does not exist). */
export async function readMonthLines(layout: PoolLayout, month: string): Promise<string[]> {
  const text = await readFile(historyFile(layout, month), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text.split('\n').filter((line) => line.length > 0);
}

/** Rejects what would break the one-line-per-event rule. */
export function checkHistoryLine(line: string): void {
  if (line.length === 0 || /[\r\n]/.test(line)) throw new Error(`a history line must be one non-empty line: ${JSON.stringify(line.slice(0, 80))}`);
}

/**
 * A month file is appended to in place, so a link there (committed by another host of a pool
 * shared through git, or made by hand) would have the pool's lines written into the file it leads
 * to, outside the pool; a FIFO would hang the command. Found while planning, under the lock and
 * before anything is written, it fails the transaction alone.
 */
function notAMonthFile(target: string, kind: string): AppError {
  return new AppError(`cannot add to the history: ${target} is ${kind}, not a file of the pool's; move it away (the pool starts the month file again)`);
}

/** The same for history/ itself: git checks out a folder replaced by a link as that link. */
async function refuseLinkedFolder(dir: string): Promise<void> {
  if (await linkedAt(dir)) throw new AppError(`cannot add to the history: ${dir} is a link, not the pool's own folder; move it away (the pool makes the folder again)`);
}

/**
 * What `lines` add to each month file, measured now (under the lock). A file that does not end
 * with a line break (cut by hand) gets one first, so no event is ever glued to another.
 */
export async function planAppends(layout: PoolLayout, lines: readonly HistoryLine[]): Promise<HistoryAppend[]> {
  const byMonth = new Map<string, string[]>();
  for (const { month, line } of lines) {
    const list = byMonth.get(month);
    if (list) list.push(line);
    else byMonth.set(month, [line]);
  }
  if (byMonth.size > 0) await refuseLinkedFolder(layout.historyDir);
  return Promise.all(
    [...byMonth].map(async ([month, monthLines]) => {
      const target = historyFile(layout, month);
      let at = 0;
      let lastByte: number | undefined;
      const handle = await openInPlace(target, constants.O_RDONLY, (kind) => notAMonthFile(target, kind));
      if (handle) {
        try {
          at = (await handle.stat()).size;
          if (at > 0) lastByte = (await handle.read(Buffer.alloc(1), 0, 1, at - 1)).buffer[0];
        } finally {
          await handle.close();
        }
      }
      const text = `${lastByte !== undefined && lastByte !== 10 ? '\n' : ''}${monthLines.join('\n')}\n`;
      return { target, at, text };
    }),
  );
}

/**
 * Writes one append durably. Idempotent: a redo after a crash cuts the file back to `at` and
 * writes the same text again. A file found shorter than `at` (replaced meanwhile, by a git
 * checkout say) gets the text at its end instead: never a hole of zeros.
 */
export async function writeAppend({ target, at, text }: HistoryAppend): Promise<void> {
  const dir = dirname(target);
  const madeDir = await mkdir(dir, { recursive: true, mode: 0o700 });
  // As 'a+', but never through a link planted after planAppends looked (see notAMonthFile).
  const handle = await open(target, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOOP' ? notAMonthFile(target, 'a link') : error;
  });
  let created = false;
  try {
    const size = (await handle.stat()).size;
    created = size === 0 && at === 0;
    const start = Math.min(at, size);
    // 'a+' writes always go to the end: cut to where the text belongs, then the end is there.
    if (size > start) await handle.truncate(start);
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await syncDir(dir);
  if (madeDir !== undefined) await syncDir(join(dir, '..'));
}
