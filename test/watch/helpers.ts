// Shared by the inbox tests: a pool with its inbox beside it, dumps to drop, and ways to look.
import { createHash } from 'node:crypto';
import { mkdir, readdir, realpath, rename, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makePool, type TestPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { ignoreRule } from '../../src/watch/ignore.js';
import { scanInbox } from '../../src/watch/scan.js';
import { watchInbox, type InboxOptions, type InboxWatcher } from '../../src/watch/watcher.js';
import { RECEIPTS_DIR } from '../../src/watch/receipts.js';

export interface InboxPool extends TestPool {
  /** `<tmp>/inbox`, made by `init` (the config's `inbox: ../inbox`). */
  inbox: string;
}

export async function makeInboxPool(shards = 8): Promise<InboxPool> {
  const pool = await makePool(shards);
  return Object.assign(pool, { inbox: join(pool.base, 'inbox') });
}

/** `count` lines `PREFIXi:pw-PREFIXi`. */
export function dumpText(prefix: string, count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${from + i}:pw-${prefix}${from + i}`).join('\n') + '\n';
}

/** A minute: older than any settle time a test or the watcher uses. */
const WRITTEN_BEFORE_MS = 60_000;

/**
 * Writes a complete file elsewhere and moves it in (the Maildir way, or a download moved into the
 * inbox): written a minute before, so that its mtime says it is finished and the scan (`watch
 * --once`, the watcher's own look) takes it at once instead of waiting out the settle time (0.5 s
 * each, ~100 `watch --once` in the suite). `fresh`: just written, as a Maildir delivery is, for a
 * test of what waits to settle.
 */
export async function drop(inbox: string, rel: string, text: string | Buffer, { fresh = false } = {}): Promise<string> {
  const target = join(inbox, rel);
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(inbox), `.staging-${rel.replace(/\//g, '_')}`);
  await writeFile(temp, text);
  if (!fresh) {
    const before = new Date(Date.now() - WRITTEN_BEFORE_MS);
    await utimes(temp, before, before);
  }
  await rename(temp, target);
  return target;
}

/** Files still waiting in the inbox (what the watcher would import), relative to it. */
export async function waiting(inbox: string): Promise<string[]> {
  return (await scanInbox(inbox, ignoreRule(inbox))).map((p) => p.slice(inbox.length + 1)).sort();
}

/** Names in inbox/imported/<every day>/. */
export async function importedNames(inbox: string): Promise<string[]> {
  const root = join(inbox, 'imported');
  const days = await readdir(root).catch(() => [] as string[]);
  const names: string[] = [];
  for (const day of days) names.push(...(await readdir(join(root, day))));
  return names.sort();
}

export async function failedNames(inbox: string): Promise<string[]> {
  return (await readdir(join(inbox, 'failed')).catch(() => [] as string[])).sort();
}

export async function poolSize(pool: TestPool): Promise<number> {
  return (await (await pool.open()).read()).size;
}

export interface Watching extends InboxWatcher {
  stdout: () => string;
  stderr: () => string;
}

/** An in-process watcher on the pool's inbox; stop it at the end of the test. */
export async function startWatching(pool: InboxPool, options: Partial<InboxOptions> = {}): Promise<Watching> {
  let out = '';
  let err = '';
  const watcher = await watchInbox({
    pool: await pool.open(),
    inbox: pool.inbox,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    ...options,
  });
  return Object.assign(watcher, { stdout: () => out, stderr: () => err });
}

/** Waits until `names` have all been imported and nothing waits in the inbox. */
export async function allImported(pool: InboxPool, count: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => (await importedNames(pool.inbox)).length >= count && (await waiting(pool.inbox)).length === 0, { timeoutMs, what: `${count} files imported` });
}

export interface LockHolder {
  /** Lets go of the lock and waits until it is free. */
  release(): Promise<void>;
}

/**
 * This process holds the pool lock until released (a live owner: never broken), so a watcher
 * started meanwhile waits with its files listed: a deterministic point to act in.
 */
export async function holdPoolLock(pool: TestPool): Promise<LockHolder> {
  let letGo!: () => void;
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = (await pool.open()).transaction(async () => {
    held();
    await gate;
  });
  await Promise.race([holding, done]);
  return {
    async release() {
      letGo();
      await done;
    },
  };
}

/**
 * Waits until `read()` holds `count` lines. A file shows up in imported/ or failed/ a moment
 * before the watcher's line about it is printed (the move comes first, then the handles are
 * closed and the outcome reported), so a test that saw the file waits for its line too.
 */
export async function waitForLines(read: () => string, count: number): Promise<string> {
  return waitFor(() => (read().split('\n').length - 1 >= count ? read() : ''), { what: `${count} lines of output` });
}

/** A folder where `name`'s receipt is to be written: its import fails with EISDIR, no fault of the file. */
export async function blockReceipt(pool: InboxPool, name: string): Promise<string> {
  const receipts = join(pool.dir, RECEIPTS_DIR, createHash('sha1').update(await realpath(pool.inbox)).digest('hex').slice(0, 16));
  const blocker = join(receipts, `${createHash('sha1').update(name).digest('hex').slice(0, 24)}.json`);
  await mkdir(join(blocker, 'x'), { recursive: true });
  return blocker;
}
