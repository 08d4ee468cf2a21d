// What the history costs (issue 17: at most 5 % on allocate and serve) and how big it grows (a
// 100,000-account pool allocating every hour: a few MB a month).
//
// Cost: the same work with `history: true` and `history: false` in the pool's config, in pairs of
// runs made at the same time on the pool and a copy of it (two allocate processes, two servers),
// so both get the machine's load of that moment; measured in CPU time; compare.ts judges the
// pairs. Runs one after the other, even interleaved, differed by up to 35 % on a shared machine.
//
// Size: hourly allocations of 400 with the simulated checker (its 9 % failed checks each make a
// verdict event), run in this process with a clock that moves an hour per allocation, then the
// month file's bytes per allocation times 720 (hours in a month). The events do not depend on the
// pool's size, only on what each allocation does.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { cpuTogether } from './measure.js';
import { makePool } from './make-pool.js';
import { serveCpu, type ServeCpuRun } from './serve-cpu.js';
import { placeFile } from '../src/store/pool-place.js';

function setHistory(pool: string, on: boolean): void {
  const config = join(pool, 'accountpool.yaml');
  const text = readFileSync(config, 'utf8');
  const next = /^history:.*$/m.test(text) ? text.replace(/^history:.*$/m, `history: ${on}`) : `${text}history: ${on}\n`;
  writeFileSync(config, next);
}

/** Runs with history on and off, in pairs: `on[i]` and `off[i]` were made at the same time. */
export interface OnOffRuns {
  on: number[];
  off: number[];
}

/**
 * `rounds` times: `pool` and a copy of it, one with history and one without, in turn (so a
 * difference between the copies cancels out), given to `work`, which measures both at once.
 */
async function inPairs<R>(pool: string, base: string, rounds: number, work: (onPool: string, offPool: string) => Promise<[on: R, off: R]>): Promise<{ on: R; off: R }[]> {
  const copy = join(base, 'pool-history-off');
  cpSync(pool, copy, { recursive: true });
  // A copy measured as a pool of its own, not refused as a copy beside `pool` (src/store/pool-place.ts).
  rmSync(placeFile(copy), { force: true });
  const results: { on: R; off: R }[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const [onPool, offPool] = i % 2 === 0 ? [pool, copy] : [copy, pool];
      setHistory(onPool, true);
      setHistory(offPool, false);
      const [on, off] = await work(onPool, offPool);
      results.push({ on, off });
    }
  } finally {
    setHistory(pool, true);
    rmSync(copy, { recursive: true, force: true });
  }
  return results;
}

const pick = <R>(results: { on: R; off: R }[], value: (r: R) => number): OnOffRuns => ({ on: results.map((r) => value(r.on)), off: results.map((r) => value(r.off)) });

/** allocate 400 --no-check, two at once (history on and off): each process's CPU seconds (user + system). */
export async function allocateOverhead(pool: string, base: string, rounds = 16): Promise<OnOffRuns> {
  const run = (dir: string, csv: string) => ({ args: ['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', join(base, csv), '--pool', dir] });
  const results = await inPairs(pool, base, rounds, async (onPool, offPool) => (await cpuTogether([run(onPool, 'on.csv'), run(offPool, 'off.csv')])) as [number, number]);
  return pick(results, (cpuS) => cpuS);
}

/**
 * serve's CPU per request+release pair (µs), two servers at once (history on and off), and how
 * many requests each served per transaction. See serve-cpu.ts for what one run counts.
 */
export async function serveOverhead(pool: string, base: string, rounds = 12): Promise<OnOffRuns & { perBatch: OnOffRuns }> {
  const results = await inPairs(pool, base, rounds, async (onPool, offPool) => (await serveCpu([onPool, offPool])) as [ServeCpuRun, ServeCpuRun]);
  return { ...pick(results, (r) => r.usPerPair), perBatch: pick(results, (r) => r.perBatch) };
}

/** Bytes of history per hourly allocation of 400 (simulated checker), and that times 720. */
export async function historySize(allocations = 24): Promise<{ perAllocation: number; perMonth: number; lines: number }> {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  try {
    const pool = join(base, 'pool');
    await makePool(pool, 20_000);
    let now = Date.UTC(2026, 10, 1);
    const quiet = { write: () => true };
    for (let i = 0; i < allocations; i++) {
      now += 3_600_000;
      const code = await main({
        argv: ['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--checker', 'simulated', '--accountcsv', join(base, 'a.csv'), '--instance', 'monocle-east', '--pool', pool],
        stdout: quiet,
        stderr: quiet,
        stdin: Readable.from(['']),
        env: {},
        cwd: base,
        clock: () => new Date(now),
      });
      if (code !== 0) throw new Error(`allocation ${i + 1} failed (exit ${code})`);
    }
    const dir = join(pool, 'history');
    const files = readdirSync(dir).map((f) => join(dir, f));
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    const lines = files.reduce((sum, f) => sum + readFileSync(f, 'utf8').split('\n').length - 1, 0);
    return { perAllocation: bytes / allocations, perMonth: (bytes / allocations) * 720, lines };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
