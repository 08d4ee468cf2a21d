// The change log's previous segment (change-log.ts) is sealed: nothing appends to it, and it goes
// by a rename. A process that reads the log twice within moments (a checked allocation: its final
// transaction commits over the view it kept, then a fold due reads the log again) held two copies
// of it, the first one garbage not yet collected: at 1,000,000 accounts after a fold cycle, ~60 MB
// each, the checked allocation's peak. Its bytes are remembered weakly: taken again while still
// alive (never kept alive for this), and only where the segment's stamp is the one they were read
// at and was settled by the file system's clock then (fs-clock.ts: any change since would have
// moved it), as the segment's digest is trusted (log-digest.ts `load`).
import type { BigIntStats } from 'node:fs';
import { stampOf } from './file-stamp.js';
import { settledByClock } from './fs-clock.js';

interface Sealed {
  path: string;
  stamp: string;
  bytes: WeakRef<Buffer>;
}

let last: Sealed | undefined;

/** The bytes last read of the sealed segment at `path`, if still alive and the file is as it was then. */
export function sealedBytes(path: string, info: BigIntStats): Buffer | undefined {
  if (!last || last.path !== path || last.stamp !== stampOf(info)) return undefined;
  return last.bytes.deref();
}

/** Remembers `bytes`, read of the sealed segment at `path` after `info` (its stat), when its stamp was settled by `clock` (the file system's clock before the stat). */
export function rememberSealed(path: string, info: BigIntStats, clock: string | undefined, bytes: Buffer): void {
  if (settledByClock(info, clock)) last = { path, stamp: stampOf(info), bytes: new WeakRef(bytes) };
}

/**
 * The sealed segment's bytes last read, while still alive, for a caller about to collect garbage
 * that will read the log again at once (pool.ts `giveBack`): held across the collection, they are
 * taken again (`sealedBytes`) instead of being freed and read anew.
 */
export function sealedAlive(): Buffer | undefined {
  return last?.bytes.deref();
}
