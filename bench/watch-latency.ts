// Inbox latency: from a finished 1,000-line dump appearing in the inbox (written elsewhere, then
// renamed in, as a careful writer does) to its accounts being in the pool, with a real
// `accountpool watch` process already running on a fresh pool. Median of 5. Target: under 1 s.
//
// Most of it is the settle time (`watch --settle`, default 500 ms): the watcher waits that long
// after the last change to a file before it trusts the file to be complete.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Pool } from '../src/store/pool.js';
import { BIN, median, runOnce } from './measure.js';

const RUNS = 5;
const LINES = 1000;
const TIMEOUT_MS = 30_000;

export async function until(probe: () => Promise<boolean> | boolean, what: string, intervalMs = 5, timeoutMs = TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`watch latency: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface WatchProcess {
  pid: number;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Starts `accountpool watch` on `poolDir` and resolves once it watches. */
export async function startWatch(poolDir: string): Promise<WatchProcess> {
  const child = spawn(process.execPath, [BIN, 'watch', '--pool', poolDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const watcher: WatchProcess = {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited: () => child.exitCode !== null,
    stop: async () => {
      child.kill('SIGTERM');
      await closed;
    },
  };
  await until(() => err.includes('watching ') || watcher.exited(), 'the watcher to start');
  if (watcher.exited()) throw new Error(`accountpool watch exited: ${err}`);
  return watcher;
}

export async function watchLatency(): Promise<{ medianS: number }> {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-watch-'));
  const poolDir = join(base, 'pool');
  const inbox = join(base, 'inbox');
  runOnce(['init', '--pool', poolDir]);
  mkdirSync(join(inbox, 'level-30'), { recursive: true });
  const watcher = await startWatch(poolDir);
  try {
    const pool = await Pool.open(poolDir);
    const seconds: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const staged = join(base, `stage-${run}.txt`);
      writeFileSync(staged, Array.from({ length: LINES }, (_, i) => `lat${run}x${i}:secret-${run}-${i}`).join('\n') + '\n');
      const expected = (run + 1) * LINES;
      const lines = watcher.stdout().split('\n').length;
      const start = process.hrtime.bigint();
      renameSync(staged, join(inbox, 'level-30', `dump-${run}.txt`));
      await until(async () => (await pool.read()).size >= expected, `dump-${run}.txt in the pool`);
      seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      // Untimed: let the watcher finish with the file (its move and log line) before the next one.
      await until(() => watcher.stdout().split('\n').length > lines, `the log line for dump-${run}.txt`, 20);
    }
    return { medianS: median(seconds) };
  } finally {
    await watcher.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { medianS } = await watchLatency();
  console.log(`watch latency (1,000-line dump, median of ${RUNS}): ${medianS.toFixed(3)} s`);
}
