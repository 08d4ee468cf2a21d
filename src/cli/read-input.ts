// A file named on the command line (or `-`, standard input), read whole but never past a limit:
// `accountpool import /dev/zero` (or a log that grows while it is read) used to take every byte of
// memory there was. The limit is the pool's max_dump_size, the inbox's own; a pipe or process
// substitution (`<(zcat dump.gz)`) is read like a file.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsPath, shownName } from '../watch/raw-names.js';

/** A named file that is not there (the caller may know where it went: the inbox's watcher). */
export class MissingInput extends AppError {}

/** The bytes of `path` (`-`: `stdin`), or an AppError naming it when it cannot be read or holds more than `limit` bytes. */
export async function readInput(path: string, { cwd, stdin, limit }: { cwd: string; stdin: Readable; limit: number }): Promise<Buffer> {
  const shown = path === '-' ? 'stdin' : shownName(path);
  // A name that is not UTF-8 (raw-argv.ts) is opened by its bytes.
  const stream = path === '-' ? stdin : createReadStream(fsPath(resolve(cwd, path)));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > limit) throw new AppError(`${shown}: more than ${limit} bytes, over max_dump_size in accountpool.yaml; split the file or raise max_dump_size`);
      chunks.push(bytes);
    }
  } catch (error) {
    if (path !== '-') stream.destroy();
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingInput(`${shown}: no such file`);
    throw new AppError(`${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return Buffer.concat(chunks);
}
