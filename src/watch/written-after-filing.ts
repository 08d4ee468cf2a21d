// A dump written to again after it was imported and filed: a slow upload (`scp` writes the file
// under its own name) that paused longer than the settle time, then went on. The watcher read what
// was there, imported it and moved it to imported/; the upload went on writing into the file where
// it now lies, so the rest of its lines were never imported, and a line cut in half when read
// (`user5:pass` of `user5:password5`) stayed in the pool with a wrong password.
//
// So a live watcher keeps each filed file's handle open a while (WATCH_MS): the handle follows the
// file wherever it was moved, and its size and time tell whether anyone wrote to it since it was
// read. One that grew is read whole again once it settles and imported again under its inbox name
// and level (the lines read before change nothing; the half line gets its whole password), and it
// stays where it was filed.
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ChangedWhileImported, importOnce, isDumpFault, reasonOf, type ImportContext } from './import-file.js';
import type { ImportReport } from '../import/merge.js';
import { shownName } from './raw-names.js';
import { limitText, sizeText } from '../byte-size.js';

/** How long a filed file is looked after: an upload paused longer than this is not waited for. */
export const WATCH_MS = 10 * 60 * 1000;

export interface Filed {
  /** Its name in the inbox, and the level its folder gave. */
  name: string;
  level: number | undefined;
  /** Where it was filed (for messages). */
  movedTo: string;
  handle: FileHandle;
  /** Size and time as last imported. */
  size: number;
  mtimeMs: number;
  until: number;
}

/** What to do with a filed file now: wait, let it go (unchanged too long, or gone), or read it again. */
export async function lookAgain(filed: Filed, now: number, settleMs: number): Promise<'wait' | 'done' | 'grown'> {
  const info = await filed.handle.stat().catch(() => undefined);
  if (!info) return 'done';
  if (info.size === filed.size && info.mtimeMs === filed.mtimeMs) return now > filed.until ? 'done' : 'wait';
  return now - info.mtimeMs < settleMs ? 'wait' : 'grown';
}

async function readWhole(handle: FileHandle, info: Stats, maxSize: number): Promise<Buffer> {
  if (info.size > maxSize) throw new Error(`is ${sizeText(info.size, maxSize)} now, over max_dump_size (${limitText(maxSize)})`);
  const bytes = Buffer.alloc(info.size);
  let at = 0;
  while (at < bytes.length) {
    const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return bytes.subarray(0, at);
}

/** Imports the grown file again; its report, or why it could not be (a line for the operator). */
export async function importAgain(ctx: ImportContext, filed: Filed, maxSize: number): Promise<{ report: ImportReport } | { error: string } | 'changed' | undefined> {
  const info = await filed.handle.stat();
  try {
    const bytes = await readWhole(filed.handle, info, maxSize);
    const stillAsRead = async () => {
      const now = await filed.handle.stat();
      return now.size === info.size && now.mtimeMs === info.mtimeMs;
    };
    const done = await importOnce(ctx, filed.name, { bytes, info, stillAsRead }, filed.level);
    if (!done) return undefined;
    await ctx.receipts.drop(filed.name);
    filed.size = info.size;
    filed.mtimeMs = info.mtimeMs;
    return { report: done.report };
  } catch (error) {
    if (error instanceof ChangedWhileImported) return 'changed'; // still being written: looked at again
    const shown = shownName(filed.name);
    if (isDumpFault(error, shown)) return { error: reasonOf(error, shown) };
    throw error;
  }
}
