// The scanner file's text before allocate overwrites it, for the warnings that compare the two
// (monocle-kept-pickle.ts). Only a regular file no larger than a scanner's file can be: anything
// else (missing, a FIFO someone put there, a 1 GB file) gives no text and so no warning.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readBounded } from '../read-bounded.js';

/** 16 MB: ~200,000 Monocle rows with devices, far past the few hundred accounts one scanner runs. */
const LIMIT = 16 * 1024 * 1024;

/** The file's text, or undefined when it is missing, not a regular file, unreadable or over the limit. */
export async function previousScannerFile(path: string): Promise<string | undefined> {
  try {
    // Opened without waiting (a FIFO swapped in after a stat would hang an open by name), then
    // judged by what was opened, as import's readWal does.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile() || info.size > LIMIT) return undefined;
      const bytes = await readBounded(handle, info.size, LIMIT);
      return bytes.length > LIMIT ? undefined : bytes.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
