// Reading one inbox file safely: never through a link (in any component: the folder is held, see
// inbox-folder.ts), never a FIFO, never more than max_dump_size, never a file other than the one
// listed, and with its identity kept so the caller can tell whether it changed meanwhile.
import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { fileKind } from '../file-kind.js';
import { OutsideInbox, realPathOf, sameFile, type InboxFolder } from './inbox-folder.js';
import { limitText, sizeText } from '../byte-size.js';
import { readBounded } from '../read-bounded.js';

/** The file's own problem: it goes to failed/ with this reason. */
export class Unimportable extends Error {}

export function code(error: unknown): string | undefined {
  const c = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}

export interface OpenedFile {
  handle: FileHandle;
  info: Stats;
}

/**
 * Opens `name` in `folder` for reading. Undefined when it is gone; 'replaced' when another file
 * now has its name (not the one `listed`); OutsideInbox when its real path is not where it must
 * be; Unimportable for links, non-files and files we may not read. The caller closes the handle.
 */
export async function openListed(folder: InboxFolder, name: string, listed: Stats): Promise<OpenedFile | 'replaced' | undefined> {
  let handle;
  try {
    // O_NOFOLLOW: a link swapped in after our lstat is refused here, never followed;
    // O_NONBLOCK: a FIFO swapped in cannot hang the watcher.
    handle = await open(folder.at(name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    if (code(error) === 'ELOOP') throw new Unimportable('is a symbolic link; links are not followed (move or copy the file itself into the inbox)');
    if (code(error) === 'EACCES' || code(error) === 'EPERM') throw new Unimportable(`cannot be read (${code(error)}: no read permission for the watcher)`);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!sameFile(info, listed)) {
      await handle.close();
      return 'replaced';
    }
    const real = await realPathOf(handle);
    const expected = `${folder.real}/${name}`;
    if (real === undefined) await folder.check(); // no /proc: the folder's components, checked after the open
    else if (real !== expected) throw new OutsideInbox(`is no longer at ${expected} (now ${real})`);
    if (!info.isFile()) throw new Unimportable(`is ${fileKind(info)}, not a file`);
    return { handle, info };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The file was written to or cut while it was read: what was read is not one version of it. Read again once it settles. */
export class ChangedWhileRead extends Error {}

/**
 * The whole file, refusing sizes over the limit (Unimportable); ChangedWhileRead when it did not
 * hold exactly the bytes its handle's stat said. Read to at most one byte past that size
 * (readBounded): FileHandle.readFile reads a file stat'ed empty to its end however long it grows
 * (Node reads "unknown size" files so), past max_dump_size and the memory it bounds, a writer
 * appending to it as fast as it was read (stop 60 S).
 */
export async function readAll(file: OpenedFile, maxSize: number): Promise<Buffer> {
  if (file.info.size > maxSize) throw new Unimportable(`is ${sizeText(file.info.size, maxSize)}, over max_dump_size (${limitText(maxSize)}); raise max_dump_size in accountpool.yaml or split the file`);
  const bytes = await readBounded(file.handle, file.info.size, maxSize);
  if (bytes.length !== file.info.size) throw new ChangedWhileRead();
  return bytes;
}

/** Whether `name` in `folder` is still the file that was read (not written to, not replaced). */
export async function unchangedSince(folder: InboxFolder, name: string, read: Stats): Promise<boolean> {
  const now = await lstat(folder.at(name)).catch(() => undefined);
  return now !== undefined && sameFile(now, read) && now.size === read.size && now.mtimeMs === read.mtimeMs;
}

/**
 * Whether the file read through `file` (by its handle, whatever has its name now) has not been
 * written to since it was opened. A file renamed over it leaves it as it was: what was read is
 * that file whole, and the new one is taken in its turn.
 */
export async function handleUnchanged(file: OpenedFile): Promise<boolean> {
  const now = await file.handle.stat();
  return now.size === file.info.size && now.mtimeMs === file.info.mtimeMs;
}
