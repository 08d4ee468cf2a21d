// A file named on the command line (or `-`, standard input), read whole but never past a limit:
// `accountpool import /dev/zero` (or a log that grows while it is read) used to take every byte of
// memory there was. The limit is the pool's max_dump_size, the inbox's own; a pipe or process
// substitution (`<(zcat dump.gz)`) is read like a file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsPath, shownName } from '../watch/raw-names.js';
import { limitText } from '../byte-size.js';

/** A named file that is not there (the caller may know where it went: the inbox's watcher). */
export class MissingInput extends AppError {}

/** The bytes of `path` (`-`: `stdin`), or an AppError naming it when it cannot be read or holds more than `limit` bytes. */
export async function readInput(path: string, { cwd, stdin, limit }: { cwd: string; stdin: Readable; limit: number }): Promise<Buffer> {
  const shown = path === '-' ? 'stdin' : shownName(path);
  // A regular file's bytes go straight into one buffer of its size: 64 KB chunks then their concat
  // held the file twice (a 1,000,000-row CSV's 78 MB, 156 MB at once; docs/scale-log.md, stop 44).
  // The size is a hint only (the stream reports every error as before): a file that grows meanwhile
  // goes on in chunks, one that shrinks is cut where it ended. Asked before the stream exists: a
  // stream made first opens the file during this await, and its ENOENT, emitted before the loop
  // below listens, was an uncaught exception (a missing file crashed import, seen in CI).
  let whole = path === '-' ? undefined : await regularFileSize(fsPath(resolve(cwd, path)), limit);
  // A name that is not UTF-8 (raw-argv.ts) is opened by its bytes.
  const stream = path === '-' ? stdin : createReadStream(fsPath(resolve(cwd, path)));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      if (whole && size + bytes.length <= whole.length) {
        bytes.copy(whole, size);
        size += bytes.length;
        continue;
      }
      if (whole) {
        chunks.push(whole.subarray(0, size));
        whole = undefined;
      }
      size += bytes.length;
      if (size > limit) throw new AppError(`${shown}: more than ${limitText(limit)}, over max_dump_size in accountpool.yaml; split the file or raise max_dump_size`);
      chunks.push(bytes);
    }
  } catch (error) {
    if (path !== '-') stream.destroy();
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingInput(`${shown}: no such file`);
    throw new AppError(`${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return whole ? whole.subarray(0, size) : Buffer.concat(chunks);
}

/** A buffer of a regular file's size when it is within `limit`; undefined for anything else (a pipe, a device) or a stat that fails. */
async function regularFileSize(file: string | Buffer, limit: number): Promise<Buffer | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() && info.size > 0 && info.size <= limit ? Buffer.allocUnsafe(info.size) : undefined;
}
