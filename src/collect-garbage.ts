// A full garbage collection asked for at a moment a process knows it let go of much: V8 collects
// only when it next allocates, and at a million accounts what a command let go of (a read of the
// pool, its change log's columns) is tens of MB that would otherwise still be there, as garbage,
// under what it reads next. The watcher between two inbox files (watch/give-back.ts), a checked
// allocation (allocate.ts, pool.ts `giveBack`), `export` after its read and `verify --fix` ask for
// one, each only where the memory in use grew since (collectIfGrown, growthCollector: one rule).
//
// Node offers `gc` only to a process started with --expose-gc, which a command run by systemd,
// pm2 or a scanner's hook through bin/accountpool.js is not: the flag can be set at run time, and
// a context made after that has `gc`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: ((options?: { type: 'minor' | 'major' }) => void) | null | undefined;

/** The `gc` function, made available on first use (null where V8 refuses it). */
function gcFunction(): ((options?: { type: 'minor' | 'major' }) => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collect = typeof gc === 'function' ? (gc as (options?: { type: 'minor' | 'major' }) => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** A full garbage collection now, where V8 lets one be asked for (else nothing). */
export function collectGarbage(): void {
  const collect = gcFunction();
  // Twice: the first finds the garbage, but the array buffers' memory (the shards' and the
  // log's bytes, most of it) and the emptied pages go back as sweeping finishes, which the second
  // completes (cheap: only what is alive is marked). One alone left ~150 MB for a second or more.
  collect?.();
  collect?.();
}

/**
 * One full collection, for a moment inside a command that goes on allocating at once (an import's
 * phases: the dump read, the merge, the plan, the commit). collectGarbage's second collection is
 * for the memory to be back while a process waits (the watcher between files); here the next
 * collection V8 makes anyway finishes the sweep, and the second marked again everything alive for
 * nothing: ~200 ms of the ~8.5 s of CPU of 1,000,000 new lines into a 1,000,000-account pool, its
 * peak RSS unchanged (scale-log.md, stop 58 I).
 */
export function collectGarbageOnce(): void {
  gcFunction()?.();
}

/**
 * The memory a full collection could give back from: V8's heap in use and the array buffers (a
 * pool's bytes, the change log's, are buffers outside the heap).
 */
export function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Growth since a phase began below which collectIfGrown asks for no collection. */
export const GROWN_BYTES = 16 * 1024 * 1024;

/**
 * collectGarbage, where the memory in use (memoryInUse) grew by `grown` bytes since `since` (taken
 * when the phase began): a collection costs about what is alive (collectGarbage's two: tens of ms
 * in a bare node, 1.5 s with 154 MB alive, at load 22), and a phase that grew the memory little let
 * go of little. Commands run in a test worker's 100-300 MB heap paid it for every small pool
 * (`export`'s two unconditional ones: ~8 s of the archive tests' CPU, stop 54 S2). Returns what is
 * in use now, the next phase's `since`.
 */
export function collectIfGrown(since: number, grown = GROWN_BYTES): number {
  if (memoryInUse() - since < grown) return since;
  collectGarbage();
  return memoryInUse();
}

/**
 * collectIfGrown for a process's recurring moments (the watcher after each file, a checked
 * allocation after each reservation): collects where the memory in use grew by `grown` since the
 * last collection it made, or since `since` (default: now) before the first. A checked allocation
 * collected twice a batch unconditionally until stop 54 (S3): ~0.1-1.5 s each in a test worker's
 * heap, for a pool of a few accounts.
 */
export function growthCollector(since = memoryInUse(), grown = GROWN_BYTES): () => void {
  return () => {
    since = collectIfGrown(since, grown);
  };
}

/** A collection of the young generation only (a scavenge: what was made since the last one), where V8 lets one be asked for. */
export function collectYoung(): void {
  gcFunction()?.({ type: 'minor' });
}
