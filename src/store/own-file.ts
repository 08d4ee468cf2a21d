// Reading a small file only we write (a cache, a lock's owner file) as what it must be: a regular
// file of sane size. We always write such a file by renaming a new one into place, so a link, a
// FIFO, a device or a file of gigabytes there was put by hand (or by an attacker); following it
// could hang the command for ever (a FIFO, or a link to /dev/zero, never ends) or fill memory.
// Such a file reads as absent: the caller makes the cache again, or names no owner.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Far beyond any summary, cache or owner file we write (a shard's summary is a few MB at most). */
export const OWN_FILE_MAX = 64 * 1024 * 1024;

/** The file's text, or undefined when it is missing, unreadable, not a regular file, a link, or bigger than `max`. */
export async function readOwnFile(path: string, max = OWN_FILE_MAX): Promise<string | undefined> {
  return (await readOwnBytes(path, max))?.toString('utf8');
}

/** readOwnFile's bytes (a binary cache: the circle indexes' columns). */
export async function readOwnBytes(path: string, max = OWN_FILE_MAX): Promise<Buffer | undefined> {
  let handle;
  try {
    // O_NOFOLLOW: never through a link; O_NONBLOCK: opening a FIFO cannot wait for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile() || info.size > max) return undefined;
    return await handle.readFile();
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}
