// How many more files this process may keep open. A paged read keeps shard files open to read
// their lines again (byte-lines.ts): `export` one per shard for its whole run, a transaction each
// shard it reads lines of. A pool of 1,024 shards under a limit of 1,024 descriptors (a common
// default of `ulimit -n`), or any pool under a service's low LimitNOFILE, ran out (EMFILE) mid-read
// or, worse, left nothing for the output file, a lock, or a module loaded on first use.
//
// The limit is read from /proc/self/limits (Node raises its soft limit to the hard one at start, so
// that is the one that holds); what is open now from /proc/self/fd. Without /proc (macOS, BSD) the
// budget is FALLBACK: macOS's default soft limit is 256.
import { readdirSync, readFileSync } from 'node:fs';

/** Descriptors always left free: the output file, the lock and its owner file, a lazy module's files, the log, a child's pipes. */
export const RESERVE = 64;
/** The budget where /proc cannot say. */
const FALLBACK = 128;

/** The soft limit on open files (`ulimit -n`), undefined where /proc/self/limits cannot say. */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'latin1')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === 'unlimited') return Number.MAX_SAFE_INTEGER;
    const n = Number(soft);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** How many descriptors this process has open now, undefined where /proc/self/fd cannot say. */
function openNow(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

/** How many more files may be kept open now, RESERVE left over (0 when fewer are free). */
export function descriptorsToSpare(): number {
  const limit = openFilesLimit();
  const open = openNow();
  if (limit === undefined || open === undefined) return FALLBACK;
  return Math.max(0, limit - open - RESERVE);
}
