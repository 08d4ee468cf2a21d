// Real temp folders for tests, removed after each test (changesets' testdir, in small).
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEveryTest } from './cleanup.js';

const made: string[] = [];
const stops: (() => unknown)[] = [];

afterEveryTest(async () => {
  // Before the folders go: a server or watcher still running would meet its pool removed.
  await Promise.all(stops.splice(0).map((stop) => stop()));
  // Retried: a git the test started may still add a file meanwhile (a push's `gc --auto` runs on in
  // the background), and the removal then meets a folder not yet empty (ENOTEMPTY, seen in CI-like runs).
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })));
});

/**
 * Has `stop` run after this test whatever its outcome (a failure, a timeout that leaves the test's
 * own code waiting), before its temp folders are removed. For what a test starts that runs until
 * stopped (a server, a watcher, a loop of requests): left running, it meets its pool removed,
 * reports that (`ENOENT ... scandir '.../shards'`) as if it were the failure, and loads the
 * machine for the tests after it. Stops run in the order given, each begun before the next.
 */
export function stopAfterTest(stop: () => unknown): void {
  stops.push(stop);
}

/** A new empty folder, with `tree` (path → content) written into it. */
export async function testdir(tree: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accountpool-test-'));
  made.push(dir);
  for (const [path, content] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Polls `probe` until it returns a truthy value or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(probe: () => T | Promise<T>, { timeoutMs = 20_000, intervalMs = 25, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until the process `pid` is gone (a signal 0 to it fails), polled as waitFor does. */
export async function waitForExit(pid: number, what: string): Promise<void> {
  await waitFor(() => {
    try {
      process.kill(pid, 0);
      return undefined;
    } catch {
      return true;
    }
  }, { what });
}
