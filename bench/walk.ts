// A whole walk of allocations (issue 16: "one allocation writes at most 4 MB", every allocation, not
// a median): the bench's setup (five `mark`s of 400 accounts spread over every shard), then
// `allocate 400 --no-check` again and again on one copy of the pool, as a scanner host runs it hour
// after hour. The allocations walk the pool shard by shard (never-used accounts go in import order,
// numbered shard by shard), which is the pattern where the change log did not turn over at 100,000
// accounts and filled after ~36 allocations: that one wrote 15.8 MB (docs/scale-log.md, stop 64 S).
// The bench's row of five runs, and its fold cycle, end long before.
//
// Several sides (builds) walk copies of the same pool in step, allocation i of each side one right
// after the other, in turn first: the machine's load of that moment hits both alike (compare.ts).
import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sample, median, type Run, type Sample } from './measure.js';
import { spread } from './benches.js';
import { placeFile } from '../src/store/pool-place.js';

export interface WalkSide {
  label: string;
  /** The CLI file this side runs (default: this checkout's). */
  bin?: string;
  env?: NodeJS.ProcessEnv;
}

export interface WalkStep extends Sample {
  /** Bytes of the change log's two segments after the allocation. */
  logBytes: number;
  /** Whether its previous segment is a new file after it: the log turned over. */
  turned: boolean;
  /** Whether the log was emptied (a fold that drained it). */
  drained: boolean;
}

export interface WalkResult {
  side: WalkSide;
  steps: WalkStep[];
}

/** The two segments' sizes and the previous one's inode. */
function logOf(pool: string): { bytes: number; previous: number | undefined } {
  const info = (file: string) => statSync(join(pool, file), { throwIfNoEntry: false });
  const current = info('.changes.log');
  const previous = info('.changes.old.log');
  return { bytes: (current?.size ?? 0) + (previous?.size ?? 0), previous: previous?.ino };
}

/**
 * Walks `count` allocations on a copy of `pool` per side (in `base`), after the setup. `pool` is
 * left as it was. `progress`: told after each allocation of every side.
 */
export function walkAllocations(pool: string, base: string, size: number, count: number, sides: readonly WalkSide[], progress?: (n: number, steps: readonly WalkStep[]) => void): WalkResult[] {
  const runs = sides.map((side, k) => {
    const copy = join(base, `walk-${k}`);
    rmSync(copy, { recursive: true, force: true });
    cpSync(pool, copy, { recursive: true });
    // A copy measured as a pool of its own, not refused as a copy beside `pool` (src/store/pool-place.ts).
    rmSync(placeFile(copy), { force: true });
    // The bench's setup before its allocation row (run.ts): the pool indexed, then five marks of 400 accounts spread over every shard.
    sample({ args: ['status', '--pool', copy], bin: side.bin, env: side.env }, 1);
    for (let i = 0; i < 5; i++) sample({ args: ['mark', '--verdict', 'warned', '--from', '-', '--pool', copy], input: spread(size).join('\n'), bin: side.bin, env: side.env }, 1);
    const run: Run = { args: ['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', join(base, `walk-${k}.csv`), '--pool', copy], bin: side.bin, env: side.env };
    return { side, copy, run, steps: [] as WalkStep[] };
  });
  try {
    for (let n = 0; n < count; n++) {
      // In turn first: A B, B A, ...
      const order = n % 2 === 0 ? runs : [...runs].reverse();
      for (const r of order) {
        const before = logOf(r.copy);
        const [one] = sample(r.run, 1);
        const after = logOf(r.copy);
        r.steps.push({ ...one!, logBytes: after.bytes, turned: after.previous !== undefined && after.previous !== before.previous, drained: before.bytes > 0 && after.bytes === 0 });
      }
      progress?.(n, runs.map((r) => r.steps.at(-1)!));
    }
  } finally {
    for (const r of runs) rmSync(r.copy, { recursive: true, force: true });
  }
  return runs.map(({ side, steps }) => ({ side, steps }));
}

function mb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line for a side's walk: the most any allocation wrote (and which), CPU and wall medians and worst, turns, the log at the end. */
export function describeWalk(steps: readonly WalkStep[]): string {
  const written = steps.map((s) => s.writtenBytes ?? 0);
  const most = written.indexOf(Math.max(...written));
  const over = written.filter((b) => b > 4 * 1024 * 1024).length;
  const cpu = steps.map((s) => s.cpuS);
  const wall = steps.map((s) => s.seconds);
  const turns = steps.filter((s) => s.turned).length;
  const drains = steps.filter((s) => s.drained).length;
  const mean = written.reduce((a, b) => a + b, 0) / written.length;
  return (
    `written per allocation at most ${mb(written[most]!)} (the ${most + 1}th of ${steps.length}; ${over} over 4 MB), ${mb(mean)} mean; ` +
    `cpu ${median(cpu).toFixed(3)} s median, ${Math.max(...cpu).toFixed(3)} s worst; wall ${median(wall).toFixed(3)} s median, ${Math.max(...wall).toFixed(3)} s worst; ` +
    `the log turned over ${turns} times, emptied ${drains} times, ${mb(steps.at(-1)?.logBytes ?? 0)} at the end`
  );
}
