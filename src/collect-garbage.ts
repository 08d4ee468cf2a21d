// A full garbage collection asked for at a moment a process knows it let go of much: V8 collects
// only when it next allocates, and at a million accounts what a command let go of (a read of the
// pool, its change log's columns) is tens of MB that would otherwise still be there, as garbage,
// under what it reads next. The watcher between two inbox files (watch/give-back.ts) and a
// checked allocation (allocate.ts, pool.ts `giveBack`) ask for one.
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

/** A collection of the young generation only (a scavenge: what was made since the last one), where V8 lets one be asked for. */
export function collectYoung(): void {
  gcFunction()?.({ type: 'minor' });
}
