// The inbox watcher: chokidar reports new files, a scan finds those already there, the queue
// hands them to processFile one at a time, and each ends in one log line.
//
// chokidar's awaitWriteFinish holds a file back until its size has not changed for `settleMs`,
// so a dump still being copied is never imported as a short one; files found by the scan get the
// same test in settle.ts. Symlinks are not followed (followSymlinks: false) and are set aside by
// processFile. `ignoreInitial`: the files there at start come from our own scan after `ready`
// (chokidar would emit those at once, without waiting for their writes to finish).
import { realpath } from 'node:fs/promises';
import { println, type Output } from '../cli/context.js';
import type { Pool } from '../store/pool.js';
import { LockBusyError } from '../errors.js';
import { ignoreRule, inboxRelative } from './ignore.js';
import { lockInbox } from './inbox-lock.js';
import { assertUtf8Inbox } from './inbox-path.js';
import { lstatInInbox, pinsFolders } from './inbox-folder.js';
import { MAX_DEPTH, MAX_FOLDERS, scanInbox } from './scan.js';
import { Receipts } from './receipts.js';
import { TakenFiles } from './taken-files.js';
import { pruneTaken } from './filed-days.js';
import { RawFolderWatches } from './raw-folders.js';
import { DEFAULT_SETTLE_MS, startRun, type InboxOptions, type Tally } from './run.js';

export { DEFAULT_SETTLE_MS, type InboxOptions, type Tally };

/**
 * Under the inbox lock, before any file: the inbox's real path (every path must stay beneath it),
 * the receipts of files a killed watcher already filed removed (see receipts.ts), and the records
 * of content taken on days gone from imported/ (taken-files.ts).
 *
 * A watcher killed in the middle of its commit's renames left some receipt still a temp file:
 * the commit is finished first, so every receipt it wrote is where it is looked for, and that
 * dump is filed rather than imported (its verdicts stated) again. A busy pool is not waited for:
 * whoever holds it finished the commit when it took it.
 */
async function prepare(pool: Pool, inbox: string, stderr: Output): Promise<string> {
  await assertUtf8Inbox(inbox);
  const root = await realpath(inbox);
  if (!(await pinsFolders(root))) println(stderr, `note: no /proc here, so folders of the inbox are checked before and after each use instead of being held; a folder swapped for a link in between could still be followed`);
  if (await pool.interrupted()) {
    await pool.recoverInterrupted().catch((error) => {
      if (!(error instanceof LockBusyError)) throw error;
    });
  }
  await new Receipts(pool.layout.dir, root).dropStale(async (name) => (await lstatInInbox(root, name)) !== undefined);
  await pruneTaken(new TakenFiles(pool.layout.dir, root), root);
  return root;
}

/** The whole inbox is looked at again this often (see scan.ts for what chokidar can miss). */
export const DEFAULT_RESCAN_MS = 10_000;

export interface InboxWatcher {
  readonly tally: Tally;
  /** Finishes the current file, starts no other, and lets go of the inbox. */
  stop(): Promise<Tally>;
  /** The inbox's folders chokidar watches now (the inbox itself among them): at most MAX_FOLDERS + 1. */
  watchedFolders(): string[];
}

/**
 * `--once`: imports what is in the inbox now (waiting for files still being written) and returns.
 * When `signal` aborts, the current file is finished and the others stay for the next run.
 */
export async function importInboxOnce(options: InboxOptions, signal?: AbortSignal): Promise<Tally> {
  const lock = await lockInbox(options.inbox);
  try {
    const root = await prepare(options.pool, options.inbox, options.stderr);
    const run = startRun(options, root, false);
    const stopped = new Promise<void>((resolve) => {
      if (signal?.aborted) resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    void stopped.then(() => run.abort.abort());
    for (const path of await scanInbox(options.inbox, ignoreRule(options.inbox, [options.pool.layout.dir]), { root, tooDeep: run.tooDeep, tooMany: run.tooMany, denied: run.denied })) run.queue.add(path);
    await Promise.race([run.queue.idle(), stopped]);
    await run.queue.stop();
    return run.tally;
  } finally {
    await lock.release();
  }
}

/** Watches the inbox until `stop()`. Resolves once the watch is set up and the existing files are queued. */
export async function watchInbox(options: InboxOptions): Promise<InboxWatcher> {
  const { inbox, stderr } = options;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const lock = await lockInbox(inbox);
  let root: string;
  try {
    root = await prepare(options.pool, inbox, stderr);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const run = startRun(options, root, true);
  const ignored = ignoreRule(inbox, [options.pool.layout.dir]);
  // Loaded on first use: only the watcher needs it, and it costs every other command's start.
  const { watch } = await import('chokidar');
  // chokidar watches no more folders than the scan walks (scan.ts's MAX_FOLDERS, the inbox itself
  // besides): each is an inotify watch and ~8 KB, and a local user can make them by the thousand.
  // A folder past them is still looked into by the rescans, as long as the scan's own cap allows.
  const watchedFolders = new Set<string>();
  const folderWatched = (path: string) => {
    if (watchedFolders.has(path)) return true;
    if (watchedFolders.size > MAX_FOLDERS) return false;
    watchedFolders.add(path);
    return true;
  };
  const watcher = watch(inbox, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(20, Math.min(100, Math.round(settleMs / 5))) },
    ignored: (path, stats) => ignored(path) || (stats?.isDirectory() === true && !folderWatched(path)),
    followSymlinks: false,
    ignorePermissionErrors: true,
    depth: MAX_DEPTH, // as deep as the scan looks; the scan says which folders lie deeper
  });
  watcher.on('add', (path) => run.queue.add(path));
  watcher.on('change', (path) => run.queue.add(path));
  watcher.on('error', (error) => println(stderr, `watching ${inbox}: ${error instanceof Error ? error.message : String(error)}`));
  const rawFolders = new RawFolderWatches(settleMs, (dir) => scanSoon(dir));
  const rescan = async (from = inbox) => {
    try {
      for (const path of await scanInbox(inbox, ignored, { root, from, tooDeep: run.tooDeep, tooMany: run.tooMany, denied: run.denied, onFolder: (dir) => rawFolders.see(dir) })) run.queue.add(path);
    } catch (error) {
      println(stderr, `scanning ${from}: ${(error as Error).message}`);
    }
  };
  // chokidar misses a file put into a new folder in the first milliseconds (mkdir -p level-30 &&
  // cp dump.txt level-30/): look into every new folder ourselves once it has had time to fill.
  const folderScans = new Set<NodeJS.Timeout>();
  const scanSoon = (dir: string) => {
    const t = setTimeout(() => {
      folderScans.delete(t);
      void rescan(dir);
    }, settleMs);
    folderScans.add(t);
  };
  watcher.on('addDir', scanSoon);
  watcher.on('unlinkDir', (path) => watchedFolders.delete(path));
  // chokidar makes strings of names: one that is not UTF-8 gets U+FFFD for its bytes, names no
  // file, and chokidar's own stat of it fails, so it reports nothing at all. Only its raw event
  // (fs.watch's) says something happened in that folder: the folder's listing, as bytes
  // (scan.ts), finds the real name. Once per folder at a time, however many writes come.
  const rawPending = new Set<string>();
  watcher.on('raw', (_event, evPath: unknown, details: unknown) => {
    const dir = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (typeof evPath !== 'string' || !evPath.includes('\uFFFD') || typeof dir !== 'string' || rawPending.has(dir)) return;
    rawPending.add(dir);
    scanSoon(dir);
    setTimeout(() => rawPending.delete(dir), settleMs).unref();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      watcher.once('ready', resolve);
      watcher.once('error', reject);
    });
    await rescan();
    const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
    if (rescanMs > 0) timer = setInterval(() => void rescan(), rescanMs);
  } catch (error) {
    rawFolders.close();
    await watcher.close();
    await lock.release();
    throw error;
  }
  let stopping: Promise<Tally> | undefined;
  return {
    tally: run.tally,
    // chokidar's own account (getWatched also names the folder above the inbox, which it lists only for the inbox's entry).
    watchedFolders: () => Object.keys(watcher.getWatched()).filter((dir) => inboxRelative(inbox, dir) !== undefined),
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        rawFolders.close();
        for (const t of folderScans) clearTimeout(t);
        run.abort.abort();
        await watcher.close();
        await run.queue.stop();
        await run.letGoFiled();
        await lock.release();
        return run.tally;
      })();
      return stopping;
    },
  };
}
