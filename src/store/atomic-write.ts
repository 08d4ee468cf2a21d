// Writing a file so that readers see the old bytes or the new ones, never half of them:
// a temp file in the destination's own folder (so rename stays on one file system), fsync,
// then rename over the target. Temp names start with a dot and end in `.tmp` so the watcher
// and listings skip them.
import { open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { closeSync, constants, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, WriteError } from '../errors.js';
import { fileKind } from '../file-kind.js';

let counter = 0;

export function tempPathFor(target: string, tag = 'tmp'): string {
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}-${counter++}`;
  return join(dirname(target), `.${basename(target)}.${tag}-${unique}.tmp`);
}

/** An error of writing `file`, as a WriteError that names it (once: an inner one is kept). */
export function writeFailed(file: string, error: unknown): WriteError {
  return error instanceof WriteError ? error : new WriteError(file, error);
}

/**
 * A file's bytes: one text or buffer, or pieces written one after the other. A shard an import
 * rewrites is mostly runs of its old lines: written as pieces of the bytes read, they are not
 * copied into fresh memory first (17 MB at 100,000 accounts, page faults and all).
 */
export type FileBytes = string | Uint8Array | readonly Uint8Array[];
/**
 * A file's bytes, or pieces of them made as the file is written: each is written before the next
 * is asked for and let go, so a large file (a 1,000,000-account export, 171 MB of JSON lines)
 * is never held whole.
 */
export type MadeBytes = FileBytes | Iterable<Uint8Array>;

/** Writes every byte of `pieces` in order at the handle's position (a short write goes on where it stopped). */
async function writePieces(handle: FileHandle, pieces: readonly Uint8Array[]): Promise<void> {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let written = (await handle.writev(rest)).bytesWritten;
    if (written <= 0) throw new Error('the file system took none of the bytes written');
    let k = 0;
    while (k < rest.length && written >= rest[k]!.length) written -= rest[k++]!.length;
    rest = rest.slice(k);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

/**
 * Writes (and, when durable, fsyncs) `data` to a new file `path` (mode `mode`, created
 * exclusively). A failure (a full disk fails the write, not the open) is a WriteError naming
 * `shownAs`: the file the user knows, when `path` is its temp.
 */
export async function writeDurable(path: string, data: MadeBytes, mode = 0o600, durable = true, shownAs = path): Promise<void> {
  try {
    const handle = await open(path, 'wx', mode);
    try {
      // A mode the operator chose for others to read (allocate --file-mode 0640): the umask
      // (often 077 for a service) must not take it away.
      if ((mode & 0o077) !== 0) await handle.chmod(mode);
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else if (Array.isArray(data)) await writePieces(handle, data);
      else for (const piece of data) await writePieces(handle, [piece]);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeFailed(shownAs, error);
  }
}

/** Makes a rename or unlink in `dir` survive a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL' && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `target` atomically with `data`. `durable: false` skips the fsyncs, for files whose
 * loss in a power cut costs nothing (caches, notes made only to tidy up): still never half-written.
 * `temp`: the temp file's path, where its name must say something (the lock's owner, lock.ts).
 */
export async function writeFileAtomic(target: string, data: MadeBytes, mode = 0o600, { durable = true, temp = tempPathFor(target) } = {}): Promise<void> {
  await refuseOddTarget(target);
  try {
    await writeDurable(temp, data, mode, durable, target);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw writeFailed(target, error);
  }
  if (durable) await syncDir(dirname(target));
}

/**
 * `writeFileAtomic` with `durable: false`, in synchronous calls: for the small files a command
 * writes many of (a circle index and its sighting per shard a fold wrote) or writes first in
 * every commit (a journal's "prepared"), where each write took about six thread-pool round
 * trips through fs/promises. Still never half-written (a new file
 * renamed over the target), still never over a folder, device, FIFO or socket.
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, mode = 0o600): void {
  refuseOdd(target, statSync(target, { throwIfNoEntry: false }));
  const temp = tempPathFor(target);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never made, or renamed already
    }
    throw writeFailed(target, error);
  }
}

/**
 * A file is written by renaming over its target, which replaces a device, FIFO or link in its
 * place (`allocate --accountcsv /dev/null` made /dev/null a file of passwords), and fails on a
 * folder: in a transaction after its commit point, where the journal could never be finished and
 * every later command would fail replaying it (journal.ts checks before it). So a target that is,
 * or links to, anything but a regular file fails this write alone. A link to a regular file, or
 * to nothing, is replaced.
 */
export async function refuseOddTarget(target: string): Promise<void> {
  refuseOdd(target, await stat(target).catch(() => undefined));
}

/**
 * `refuseOddTarget`, and a target the system will not let be replaced: an immutable or
 * append-only file (`chattr +i`/`+a`), which refuses a rename over it with EPERM. A transaction
 * checks this before its commit point: found only after it, the commit stands half-applied until
 * the flag is lifted, and every command of the pool (every scanner's allocate) fails meanwhile,
 * for one scanner's accounts file. Opening the file for writing (never truncating, never
 * writing; non-blocking should a FIFO be swapped in) is refused for the same flags.
 */
export async function refuseBlockedTarget(target: string): Promise<void> {
  await refuseOddTarget(target);
  await refuseImmutable(target, constants.O_WRONLY);
}

/**
 * Throws when `target` exists and the system refuses to open it with `flags` for writing
 * (EPERM: `chattr +i`, or `+a` without O_APPEND). A file appended to (the change log, a month
 * of history) is asked with O_APPEND, which `+a` allows.
 */
export async function refuseImmutable(target: string, flags: number): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(target, flags | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') throw new WriteError(target, error, 'nothing was changed');
  } finally {
    await handle?.close();
  }
}

/** Throws when `info` (the target's, if it exists) is not a regular file that can be renamed over. */
function refuseOdd(target: string, info: Stats | undefined): void {
  const kind = info && fileKind(info);
  if (kind) throw new AppError(`cannot write ${target}: ${target} is ${kind}; give the path of a regular file`);
}

/** A file's text, or undefined when there is no such file (a journal, a record not written yet). */
export async function readIfPresent(path: string): Promise<string | undefined> {
  return (await readBytesIfPresent(path))?.toString('utf8');
}

/** A file's bytes, or undefined when it does not exist. */
export async function readBytesIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
