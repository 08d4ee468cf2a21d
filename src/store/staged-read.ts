// A whole file read into a new buffer through a small one reused: the kernel writes each chunk
// into pages this process already has, and the copy out of it fills the new buffer from here.
//
// Why: on the paravirtualised VMs this project is measured on (perf: `pvm_irq_enable` under
// `exc_page_fault`), a fresh page costs a fault when the kernel's `read` writes into it and
// another at this process's first touch of it. Reading the change log's active segment at
// 1,000,000 accounts mid fold cycle (45 MB) and then touching one byte a page cost 200-250 ms of
// CPU that way, 170-210 ms through a reused 256 KB buffer (6 runs each, interleaved, load ~17):
// about a fault less per page. Elsewhere the copy costs ~10 ms for those 45 MB.
// Not scratch-read.ts, which hands out its reused buffer itself, for bytes looked at once and let
// go: these bytes are kept (a segment, a cache, a shard), so each read gets a buffer of its own.
import { fstatSync, readSync } from 'node:fs';
import type { Hash } from 'node:crypto';

/** Bytes read per `read`: 64 pages, a small part of any process's memory. */
const STAGE_BYTES = 256 * 1024;

let stage: Buffer | undefined;

/**
 * The whole of the file open at `fd` as `readFileSync(fd)` reads it: the size its stat gives now
 * (fewer bytes where it ends sooner), or up to its end where that size is 0 (a file whose size
 * says nothing). Read from its start with positioned reads. `size`: the size a stat of this same
 * descriptor gave the caller just before, nothing else done in between (shard-open.ts and
 * own-file.ts check the kind on it): the same check, without a second `fstat` and its `Stats`.
 */
export function readAllSync(fd: number, size: number = fstatSync(fd).size): Buffer {
  stage ??= Buffer.allocUnsafeSlow(STAGE_BYTES);
  let out = Buffer.allocUnsafe(size);
  let got = 0;
  while (size === 0 || got < size) {
    const n = readSync(fd, stage, 0, size === 0 ? STAGE_BYTES : Math.min(STAGE_BYTES, size - got), got);
    if (n === 0) break;
    if (got + n > out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * out.length, got + n));
      out.copy(bigger, 0, 0, got);
      out = bigger;
    }
    stage.copy(out, got, 0, n);
    got += n;
  }
  return got === out.length ? out : out.subarray(0, got);
}

/**
 * Whether the file open at `fd` holds exactly `expected`, from its start to its end: read through
 * the same reused stage and compared chunk by chunk, no buffer of the file's size made. A check
 * of bytes just written (pool.ts `leanFolded`, each folded shard at ~640 KB at 1,000,000
 * accounts) read them whole into fresh memory only to compare them and let them go. `size`: as
 * readAllSync's.
 */
export function holdsSync(fd: number, expected: Buffer, size: number = fstatSync(fd).size): boolean {
  stage ??= Buffer.allocUnsafeSlow(STAGE_BYTES);
  if (size !== expected.length) return false;
  let got = 0;
  for (;;) {
    // One byte more than is left, at least: a file that grew since its stat reads past `expected`.
    const n = readSync(fd, stage, 0, Math.min(STAGE_BYTES, expected.length - got + 1), got);
    if (n === 0) return got === expected.length;
    if (got + n > expected.length || stage.compare(expected, got, got + n, 0, n) !== 0) return false;
    got += n;
  }
}

/**
 * Feeds bytes `from..to` of the file open at `fd` into `hash` through the same reused stage: a
 * check of bytes that are not kept (a digest's chunks left unread, log-digest.ts) costs no buffer
 * of their size. False where the file ends before `to`.
 */
export function hashPartSync(fd: number, hash: Hash, from: number, to: number): boolean {
  stage ??= Buffer.allocUnsafeSlow(STAGE_BYTES);
  for (let at = from; at < to; ) {
    const n = readSync(fd, stage, 0, Math.min(STAGE_BYTES, to - at), at);
    if (n === 0) return false;
    hash.update(stage.subarray(0, n));
    at += n;
  }
  return true;
}
