// Runs a whole CLI process several times and reports the median wall time, peak memory and the
// bytes it wrote to disk.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin/accountpool.js');
const STATS = join(ROOT, 'bench/exit-stats.mjs');

export interface Measurement {
  medianS: number;
  /** Median CPU seconds (user + system) of the process itself. */
  cpuS: number;
  peakMB: number;
  /**
   * Median bytes of page-cache pages the process (and the children it waited for) dirtied, from
   * /proc/self/io write_bytes: what reaches the disk, in whole pages (see exit-stats.mjs).
   * Undefined where /proc/self/io is missing.
   */
  writtenBytes?: number;
  /** Median bytes passed to write() (wchar), for comparison: pipes and terminal included. */
  wcharBytes?: number;
}

export interface Run {
  args: string[];
  /** The CLI file node runs (default: this checkout's bin/accountpool.js); `-e`, with the code as args, measures Node alone. */
  bin?: string;
  /** Runs before each timed run, untimed (e.g. to undo what the last run changed). */
  before?: () => void;
  /** Runs once after the last run, untimed (e.g. to leave the pool as the next benchmark expects). */
  after?: () => void;
  input?: string;
  /** Exit codes that count as success (default 0). */
  ok?: number[];
  /** A limit on open files (`ulimit -n`) to run under, as a service's LimitNOFILE sets one (default: this shell's). */
  openFiles?: number;
  /** Variables set (or, undefined, removed) over this process's environment for the run. */
  env?: NodeJS.ProcessEnv;
}

/** The command line of `run` with `node`'s own arguments, under its `ulimit -n` when it has one (bash execs node: the stats are node's). */
function commandOf(run: Run, nodeArgs: string[]): [string, string[]] {
  const argv = [...nodeArgs, run.bin ?? BIN, ...run.args];
  if (run.openFiles === undefined) return [process.execPath, argv];
  return ['bash', ['-c', `ulimit -n ${run.openFiles} && exec "$@"`, 'bash', process.execPath, ...argv]];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One run of a command as its exit stats saw it. */
export interface Sample {
  seconds: number;
  /** CPU seconds (user + system) of the process itself. */
  cpuS: number;
  /** CPU seconds of the children it waited for (git, a checker), where /proc says. */
  childCpuS?: number;
  peakMB: number;
  writtenBytes?: number;
  wcharBytes?: number;
}

export function measure(run: Run, times = 5): Measurement {
  const samples = sample(run, times);
  const defined = (values: (number | undefined)[]) => values.filter((n): n is number => n !== undefined);
  const written = defined(samples.map((s) => s.writtenBytes));
  const wchar = defined(samples.map((s) => s.wcharBytes));
  return {
    medianS: median(samples.map((s) => s.seconds)),
    cpuS: median(samples.map((s) => s.cpuS)),
    peakMB: Math.max(...samples.map((s) => s.peakMB)),
    writtenBytes: written.length > 0 ? median(written) : undefined,
    wcharBytes: wchar.length > 0 ? median(wchar) : undefined,
  };
}

/** Runs `run` `times` times in a row; each run's own numbers, in order (no median: a sequence may hold one costly run). */
export function sample(run: Run, times: number): Sample[] {
  const statsDir = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  const statsFile = join(statsDir, 'stats');
  const seconds: number[] = [];
  for (let i = 0; i < times; i++) {
    run.before?.();
    const start = process.hrtime.bigint();
    const [command, argv] = commandOf(run, ['--import', STATS]);
    const result = spawnSync(command, argv, {
      env: { ...process.env, ...run.env, BENCH_STATS_FILE: statsFile },
      input: run.input,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (!(run.ok ?? [0]).includes(result.status ?? -1)) throw new Error(`accountpool ${run.args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  run.after?.();
  const stats = readFileSync(statsFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { maxRSS: number; cpu: number; childCpu?: number; write_bytes?: number; wchar?: number });
  rmSync(statsDir, { recursive: true, force: true });
  return stats.map((s, i) => ({ seconds: seconds[i]!, cpuS: s.cpu / 1e6, ...(s.childCpu !== undefined ? { childCpuS: s.childCpu / 1e6 } : {}), peakMB: s.maxRSS / 1024, writtenBytes: s.write_bytes, wcharBytes: s.wchar }));
}

/**
 * Runs each command once, all at the same time, and resolves with the CPU seconds (user + system)
 * each process used: whatever load the machine has at that moment, they all get it.
 */
export async function cpuTogether(runs: Run[]): Promise<number[]> {
  const statsDir = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
  try {
    for (const run of runs) run.before?.();
    await Promise.all(
      runs.map(
        (run, i) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', STATS, run.bin ?? BIN, ...run.args], { env: { ...process.env, BENCH_STATS_FILE: join(statsDir, `${i}`) }, stdio: ['pipe', 'ignore', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (d) => (stderr += d));
            child.stdin.end(run.input);
            child.on('error', reject);
            child.on('close', (code) => ((run.ok ?? [0]).includes(code ?? -1) ? resolve() : reject(new Error(`accountpool ${run.args.join(' ')} failed (${code}): ${stderr}`))));
          }),
      ),
    );
    for (const run of runs) run.after?.();
    return runs.map((_, i) => (JSON.parse(readFileSync(join(statsDir, `${i}`), 'utf8')) as { cpu: number }).cpu / 1e6);
  } finally {
    rmSync(statsDir, { recursive: true, force: true });
  }
}

export function runOnce(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`accountpool ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Resident memory of a running process in MiB, now (VmRSS) and at its peak so far (VmHWM); Linux only. */
export function residentMB(pid: number): { nowMB: number; peakMB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { nowMB: kib('VmRSS') / 1024, peakMB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}
