// Reading a small file only we write (a cache, a lock's owner file) as what it must be: a regular
// file of sane size. We always write such a file by renaming a new one into place, so a link, a
// FIFO, a device or a file of gigabytes there was put by hand (or by an attacker); following it
// could hang the command for ever (a FIFO, or a link to /dev/zero, never ends) or fill memory.
// Such a file reads as absent: the caller makes the cache again, or names no owner.
//
// Read with synchronous calls: a few small files, and a command reads one for every shard (its
// circle index and sighting, its summary): through fs/promises each file took five thread-pool
// round trips (open, stat, the read's own stat and read, close), ~2.5x the CPU of the system
// calls themselves (128 files of a 64-shard pool: ~50 ms against ~20 in one process under load).
// O_NONBLOCK keeps the open from waiting, and only a regular file is read, so nothing blocks long.
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { stampOf } from './file-stamp.js';
import { fileKind } from '../file-kind.js';
import { open, type FileHandle } from 'node:fs/promises';
import { readAllSync } from './staged-read.js';

/** Far beyond any summary, cache or owner file we write (a shard's summary is a few MB at most). */
export const OWN_FILE_MAX = 64 * 1024 * 1024;

/** The file's text, or undefined when it is missing, unreadable, not a regular file, a link, or bigger than `max`. */
export async function readOwnFile(path: string, max = OWN_FILE_MAX): Promise<string | undefined> {
  return (await readOwnBytes(path, max))?.toString('utf8');
}

/** readOwnFile's bytes (a binary cache: the circle indexes' columns). */
export async function readOwnBytes(path: string, max = OWN_FILE_MAX): Promise<Buffer | undefined> {
  // Read to the size of the stat useOwnFile just took of fd: no second fstat of it.
  return useOwnFile(path, (fd, info) => (info.size > BigInt(max) ? undefined : readAllSync(fd, Number(info.size))));
}

/**
 * `use` of the descriptor and stat of `path` opened as every own file is read: O_NOFOLLOW, never
 * through a link; O_NONBLOCK, opening a FIFO cannot wait for a writer; only a regular file. Its
 * answer, or undefined where the file is absent, no regular file, or a call throws; closed after.
 */
export function useOwnFile<T>(path: string, use: (fd: number, info: BigIntStats) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd, { bigint: true });
    return info.isFile() ? use(fd, info) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * `path` opened as `useOwnFile` opens it, left open for the caller to close (`closeSync`): a cache
 * whose parts are read when a reader asks for them (log-digest.ts `readHeld`). Undefined where
 * it is absent or no regular file.
 */
export function holdOwnFile(path: string): { fd: number; info: BigIntStats } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd, { bigint: true });
    if (info.isFile()) {
      const held = { fd, info };
      fd = undefined;
      return held;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens a file the pool keeps and changes in place (the change log, a history month file), where a
 * link would have our lines written into, or cut off, the file it leads to and a FIFO would hang
 * the command: never through a link, never waiting on a FIFO, and only a regular file. Anything
 * else is `refuse`d with what stands there ('a link', 'a folder', 'a FIFO', 'no regular file').
 * Undefined when the file is absent (never with O_CREAT).
 */
export async function openInPlace(path: string, flags: number, refuse: (kind: string) => Error, mode?: number): Promise<FileHandle | undefined> {
  const handle = await open(path, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && (flags & constants.O_CREAT) === 0) return undefined;
    if (error.code === 'ELOOP') throw refuse('a link');
    if (error.code === 'EISDIR') throw refuse('a folder');
    throw error;
  });
  if (!handle) return undefined;
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw refuse(fileKind(info) ?? 'no regular file');
  }
  return handle;
}

/**
 * The first bytes of a binary cache we write (the circle indexes: their header and front, where
 * the rest is read part by part, `readOwnPart`), read into `scratch` (reused: a fresh buffer per
 * file was most of the cost), with the file's length and stat stamp; undefined as readOwnBytes.
 */
export function readOwnPrefix(path: string, scratch: Buffer, max = OWN_FILE_MAX): { prefix: Buffer; length: number; stamp: string } | undefined {
  return useOwnFile(path, (fd, info) => {
    if (info.size > BigInt(max)) return undefined;
    const length = Number(info.size);
    const read = readSync(fd, scratch, 0, Math.min(length, scratch.length), 0);
    return { prefix: scratch.subarray(0, read), length, stamp: stampOf(info) };
  });
}

/**
 * `length` bytes at `offset` of a file `readOwnPrefix` read, in a buffer of their own (aligned
 * for typed arrays), or in `into` (reused by the caller); undefined where the file is no longer the one read then (another stamp) or
 * is shorter.
 */
export function readOwnPart(path: string, stamp: string, offset: number, length: number, into?: Buffer): Buffer | undefined {
  return useOwnFile(path, (fd, info) => {
    if (stampOf(info) !== stamp) return undefined;
    const bytes = into ?? Buffer.allocUnsafeSlow(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, offset + got);
      if (n === 0) return undefined;
      got += n;
    }
    return bytes;
  });
}
