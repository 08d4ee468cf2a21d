// One buffer, reused, for reading files whose bytes are let go as soon as they are looked at: a
// paged whole read (pool.ts `readShard`) reads each shard, notes its line offsets and keys, and
// lets the bytes go. Read into a new buffer each, a 1,000,000-account pool's 256 shards were
// ~166 MB of array buffers, garbage at once, but collected only long after (V8 counts such
// memory loosely): the watcher's first import after a fold cycle peaked at ~460 MB with ~210 MB
// of array buffers alive or not yet collected after the read.
//
// The bytes returned are valid until the next call: the caller must copy whatever it keeps, and
// must not wait (await) between the read and its last look at them.
import { closeSync, fstatSync, readSync } from 'node:fs';
import { openShardSync } from './shard-open.js';
import { stampOf } from './file-stamp.js';

let scratch = Buffer.alloc(0);

/** The shard file's bytes as they are now, in the reused buffer (valid until the next call). */
export function readIntoScratch(file: string): Buffer {
  const fd = openShardSync(file); // never waits on a FIFO swapped in since the stat
  try {
    return readWhole(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * readIntoScratch, the file left open: its descriptor, for the caller to read the same file again
 * later (a rename over the path since leaves it as read) and to close, and its stamp as read.
 */
export function readIntoScratchHeld(file: string): { bytes: Buffer; fd: number; stamp: string } {
  const fd = openShardSync(file);
  try {
    const stamp = stampOf(fstatSync(fd, { bigint: true }));
    return { bytes: readWhole(fd), fd, stamp };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readWhole(fd: number): Buffer {
  const size = fstatSync(fd).size;
  // One byte more than the size: a file grown since its stat is read to its end.
  if (scratch.length < size + 1) scratch = Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
  let got = 0;
  for (;;) {
    if (got === scratch.length) {
      const bigger = Buffer.allocUnsafe(2 * scratch.length);
      scratch.copy(bigger, 0, 0, got);
      scratch = bigger;
    }
    const n = readSync(fd, scratch, got, scratch.length - got, got);
    if (n === 0) break;
    got += n;
  }
  return scratch.subarray(0, got);
}
