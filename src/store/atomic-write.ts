// Writing a file so that readers see the old bytes or the new ones, never half of them:
// a temp file in the destination's own folder (so rename stays on one file system), fsync,
// then rename over the target. Temp names start with a dot and end in `.tmp` so the watcher
// and listings skip them.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { WriteError } from '../errors.js';

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
 * Writes (and, when durable, fsyncs) `data` to a new file `path` (mode `mode`, created
 * exclusively). A failure (a full disk fails the write, not the open) is a WriteError naming
 * `shownAs`: the file the user knows, when `path` is its temp.
 */
export async function writeDurable(path: string, data: string | Uint8Array, mode = 0o600, durable = true, shownAs = path): Promise<void> {
  try {
    const handle = await open(path, 'wx', mode);
    try {
      await handle.writeFile(data);
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
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o600, { durable = true } = {}): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeDurable(temp, data, mode, durable, target);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw writeFailed(target, error);
  }
  if (durable) await syncDir(dirname(target));
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
