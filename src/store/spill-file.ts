// Shard bytes a read without the lock can neither hold open nor keep in memory. `export` reads
// every shard once, lets the bytes go and reads their lines again from the file as read, held
// open (byte-lines.ts `page`): a commit renamed over the path since must not change what it
// writes. Under a low limit of open files (`ulimit -n 64`) it cannot hold a descriptor per shard,
// and the shards it could not hold kept their bytes: 364 MB at 1,000,000 accounts (stop 41),
// where holding them was 218 MB. Those bytes are copied here instead, one after the other, into
// one file (one descriptor for all of them), read again from there as a held file would be.
//
// The file is unlinked as soon as it is open: only the descriptor reaches it, so a crash or a kill
// at any point after leaves nothing behind (the kernel frees it with the process). Between the
// open and the unlink a kill could leave one: the next spill of any process removes those whose
// process is gone. Where the pool's folder cannot be written (a read-only pool, which export
// reads as well) there is no spill, and the caller keeps the bytes as before.
import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pidExists } from './lock-owner.js';

const PREFIX = '.spill-';

/** The open spill file: its descriptor and where the next copy goes. */
let spill: { fd: number; end: number } | undefined;

/** Removes spill files in `dir` whose process is gone (killed between the open and the unlink). */
function removeOrphans(dir: string): void {
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith(PREFIX)) continue;
    const pid = Number(entry.slice(PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !pidExists(pid)) {
      try {
        unlinkSync(join(dir, entry));
      } catch {
        // another process removed it first
      }
    }
  }
}

/**
 * A new spill file in `dir`, unlinked once open: its descriptor (the caller's to close, which
 * frees it), or undefined where `dir` cannot be written (the caller keeps its bytes). Also for a
 * spill of the caller's own (run-values.ts), which closeSpill must not close under it.
 */
export function openSpillFile(dir: string): number | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    removeOrphans(dir);
    const path = join(dir, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    const fd = openSync(path, 'wx+', 0o600); // a copy of the accounts, passwords included: the owner's only
    unlinkSync(path);
    return fd;
  } catch {
    return undefined; // a folder this process cannot write: the caller keeps the bytes
  }
}

function openSpill(dir: string): { fd: number; end: number } | undefined {
  const fd = openSpillFile(dir);
  return fd === undefined ? undefined : { fd, end: 0 };
}

/**
 * Copies `bytes` to the spill file in `dir` (the pool's .cache folder), opened on first use: the
 * descriptor and the offset to read them back at. Undefined where no spill file can be written.
 */
export function spillCopy(dir: string, bytes: Buffer): { fd: number; base: number } | undefined {
  spill ??= openSpill(dir);
  if (!spill) return undefined;
  const base = spill.end;
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(spill.fd, bytes, done, bytes.length - done, base + done);
  } catch {
    return undefined; // a full disk: this shard keeps its bytes (what was written past `end` is never read)
  }
  spill.end = base + bytes.length;
  return { fd: spill.fd, base };
}

/** Closes the spill file, which frees it: with the paged files it stands for (byte-lines.ts `closePagedFiles`). */
export function closeSpill(): void {
  if (spill) closeSync(spill.fd);
  spill = undefined;
}
