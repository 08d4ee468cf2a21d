// What the history costs (issue 17: at most 5 % on allocate and serve) and how big it grows (a
// 100,000-account pool allocating every hour: a few MB a month).
//
// Cost: the same command on the same pool with `history: true` and `history: false` in its
// config, runs interleaved (on, off, on, off, ...) so a change in the machine's load hits both
// alike; medians compared. Size: hourly allocations of 400 with the simulated checker (its 9 %
// failed checks each make a verdict event), run in this process with a clock that moves an hour
// per allocation, then the month file's bytes per allocation times 720 (hours in a month). The
// events do not depend on the pool's size, only on what each allocation does.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { measure, median } from './measure.js';
import { makePool } from './make-pool.js';
import { serverBench } from './server.js';

function setHistory(pool: string, on: boolean): void {
  const config = join(pool, 'accountpool.yaml');
  const text = readFileSync(config, 'utf8');
  const next = /^history:.*$/m.test(text) ? text.replace(/^history:.*$/m, `history: ${on}`) : `${text}history: ${on}\n`;
  writeFileSync(config, next);
}

interface OnOff {
  on: number;
  off: number;
}

/**
 * allocate 400 --no-check, `rounds` times each way, interleaved: median wall and CPU seconds with
 * and without history. CPU time hardly moves with the machine's load; wall time does.
 */
export function allocateOverhead(pool: string, base: string, rounds = 7): { wall: OnOff; cpu: OnOff } {
  const run = { args: ['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', join(base, 'history-bench.csv'), '--pool', pool] };
  const runs = { on: [] as { medianS: number; cpuS: number }[], off: [] as { medianS: number; cpuS: number }[] };
  for (let i = 0; i < rounds; i++) {
    setHistory(pool, true);
    runs.on.push(measure(run, 1));
    setHistory(pool, false);
    runs.off.push(measure(run, 1));
  }
  setHistory(pool, true);
  const of = (key: 'medianS' | 'cpuS') => ({ on: median(runs.on.map((m) => m[key])), off: median(runs.off.map((m) => m[key])) });
  return { wall: of('medianS'), cpu: of('cpuS') };
}

/**
 * serve's request+release pairs per second and server CPU ms per pair, medians of `rounds` runs
 * each way, interleaved and in turn first (on, off, off, on, ...): one run of serve differs from
 * the next by more than 5 % on a loaded machine, so two runs could not tell.
 */
export async function serveOverhead(pool: string, rounds = 5): Promise<{ pairs: OnOff; cpuMs: OnOff }> {
  const runs = { on: [] as Awaited<ReturnType<typeof serverBench>>[], off: [] as Awaited<ReturnType<typeof serverBench>>[] };
  for (let i = 0; i < rounds; i++) {
    for (const on of i % 2 === 0 ? [true, false] : [false, true]) {
      setHistory(pool, on);
      runs[on ? 'on' : 'off'].push(await serverBench(pool));
    }
  }
  setHistory(pool, true);
  const of = (key: 'pairsPerSecond' | 'cpuMsPerPair') => ({ on: median(runs.on.map((r) => r[key])), off: median(runs.off.map((r) => r[key])) });
  return { pairs: of('pairsPerSecond'), cpuMs: of('cpuMsPerPair') };
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
