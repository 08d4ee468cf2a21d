// Reading one inbox file safely: never through a link, never a FIFO, never more than
// max_dump_size, and with its identity kept so the caller can tell whether it changed meanwhile.
import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

/** The file's own problem: it goes to failed/ with this reason. */
export class Unimportable extends Error {}

export function code(error: unknown): string | undefined {
  const c = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}

export function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** The file's bytes and identity, refusing links, non-files and sizes over the limit (all Unimportable). */
export async function readChecked(path: string, maxSize: number): Promise<{ bytes: Buffer; info: Stats } | undefined> {
  let handle;
  try {
    // O_NOFOLLOW: a link swapped in after our lstat is refused here, never followed;
    // O_NONBLOCK: a FIFO swapped in cannot hang the watcher.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    if (code(error) === 'ELOOP') throw new Unimportable('is a symbolic link; links are not followed (move or copy the file itself into the inbox)');
    if (code(error) === 'EACCES' || code(error) === 'EPERM') throw new Unimportable(`cannot be read (${code(error)}: no read permission for the watcher)`);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Unimportable(`is ${kindOf(info)}, not a file`);
    if (info.size > maxSize) throw new Unimportable(`is ${info.size} bytes, over max_dump_size (${maxSize} bytes); raise max_dump_size in accountpool.yaml or split the file`);
    return { bytes: await handle.readFile(), info };
  } finally {
    await handle.close();
  }
}

/** Whether the file at `path` is still the one that was read (not written to, not replaced). */
export async function unchangedSince(path: string, read: Stats): Promise<boolean> {
  const now = await lstat(path).catch(() => undefined);
  return now !== undefined && now.ino === read.ino && now.dev === read.dev && now.size === read.size && now.mtimeMs === read.mtimeMs;
}
