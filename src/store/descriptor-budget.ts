// How many more files this process may keep open. A paged read keeps shard files open to read
// their lines again (byte-lines.ts): `export` one per shard for its whole run, a transaction each
// shard it reads lines of. A pool of 1,024 shards under a limit of 1,024 descriptors (a common
// default of `ulimit -n`), or any pool under a service's low LimitNOFILE, ran out (EMFILE) mid-read
// or, worse, left nothing for the output file, a lock, or a module loaded on first use.
//
// The limit is read from /proc/self/limits (open-files-limit.ts); what is open now from
// /proc/self/fd. Without /proc (macOS, BSD) the budget is FALLBACK: macOS's default soft limit is 256.
import { readdirSync } from 'node:fs';
import { openFilesLimit } from '../open-files-limit.js';

/** Descriptors always left free: the output file, the lock and its owner file, a lazy module's files, the log, a child's pipes. */
export const RESERVE = 64;
/** The budget where /proc cannot say. */
const FALLBACK = 128;

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
