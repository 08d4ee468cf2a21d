// Runs a whole CLI process several times and reports the median wall time and peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/accountpool.js');
const RSS = join(ROOT, 'bench/peak-rss.mjs');

export interface Measurement {
  medianS: number;
  peakMB: number;
}

export interface Run {
  args: string[];
  /** Runs before each timed run, untimed (e.g. to undo what the last run changed). */
  before?: () => void;
  input?: string;
  /** Exit codes that count as success (default 0). */
  ok?: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function measure(run: Run, times = 5): Measurement {
  const rssDir = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  const rssFile = join(rssDir, 'rss');
  const seconds: number[] = [];
  for (let i = 0; i < times; i++) {
    run.before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', RSS, BIN, ...run.args], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      input: run.input,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (!(run.ok ?? [0]).includes(result.status ?? -1)) throw new Error(`accountpool ${run.args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  const peaks = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
  rmSync(rssDir, { recursive: true, force: true });
  return { medianS: median(seconds), peakMB: Math.max(...peaks) / 1024 };
}

export function runOnce(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`accountpool ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}
