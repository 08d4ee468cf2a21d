// A file named on the command line (or `-`, standard input), read whole but never past a limit:
// `accountpool import /dev/zero` (or a log that grows while it is read) used to take every byte of
// memory there was. The limit is the pool's max_dump_size, the inbox's own; a pipe or process
// substitution (`<(zcat dump.gz)`) is read like a file.
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsPath, shownName } from '../watch/raw-names.js';
import { limitText } from '../byte-size.js';
import { FileLines } from '../formats/file-lines.js';
import { archiveKindOf } from '../formats/archives/archive-members.js';
import { officeFileError } from '../formats/office-files.js';

/** A named file that is not there (the caller may know where it went: the inbox's watcher). */
export class MissingInput extends AppError {}

/** The bytes of `path` (`-`: `stdin`), or an AppError naming it when it cannot be read or holds more than `limit` bytes. */
export async function readInput(path: string, { cwd, stdin, limit }: { cwd: string; stdin: Readable; limit: number }): Promise<Buffer> {
  const shown = path === '-' ? 'stdin' : shownName(path);
  // A regular file's bytes go straight into one buffer of its size (readRegular): 64 KB chunks then
  // their concat held the file twice (a 1,000,000-row CSV's 78 MB, 156 MB at once; docs/scale-log.md,
  // stop 44). Its size is asked before anything opens it: a stream made first opened the file during
  // that await, and its ENOENT, emitted before the loop below listened, was an uncaught exception (a
  // missing file crashed import, seen in CI). A name that is not UTF-8 (raw-argv.ts) is opened by its bytes.
  const whole = path === '-' ? undefined : await regularFileSize(fsPath(resolve(cwd, path)), limit);
  if (whole) return readRegular(fsPath(resolve(cwd, path)), whole, limit, shown);
  // Anything else (standard input, a pipe, a device, an empty file) in chunks, to its end or the limit.
  const stream = path === '-' ? stdin : createReadStream(fsPath(resolve(cwd, path)));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > limit) throw overLimit(shown, limit);
      chunks.push(bytes);
    }
  } catch (error) {
    if (path !== '-') stream.destroy();
    throw readError(error, shown);
  }
  return Buffer.concat(chunks);
}

/**
 * From this many bytes a file a reader reads in pieces (DumpFormat.piecewise) is read so: its
 * whole text would cost it twice at its making (file-lines.ts). Below, the pass over it costs more
 * than it saves.
 */
export const PIECES_FROM = 16 << 20;

/**
 * The lines of a regular file of at least `from` bytes (and within `limit`), read from it a piece
 * at a time (file-lines.ts), or undefined where it is to be read whole: smaller, not a regular
 * file, or not plain UTF-8 text (FileLines.scan). The caller closes `lines.fd`.
 */
export async function openLines(path: string, { cwd, limit, maxLines, from = PIECES_FROM }: { cwd: string; limit: number; maxLines: number; from?: number }): Promise<FileLines | undefined> {
  if (path === '-') return undefined;
  const file = fsPath(resolve(cwd, path));
  let fd: number;
  try {
    // Opened without waiting, then judged by what was opened: a FIFO put in place of the file after
    // a stat by name would hang an open (a regular file's reads ignore O_NONBLOCK).
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size < from || info.size > limit) {
      closeSync(fd);
      return undefined;
    }
    // An archive's or an office file's start (a zip's `PK`) is never read as text, whatever its bytes.
    const head = Buffer.alloc(4096);
    const got = readSync(fd, head, 0, head.length, 0);
    const lines = archiveKindOf(head.subarray(0, got)) || officeFileError(path, head.subarray(0, got)) ? undefined : FileLines.scan(shownName(path), fd, info.size, maxLines);
    if (!lines) closeSync(fd);
    return lines;
  } catch (error) {
    closeSync(fd);
    throw readError(error, shownName(path));
  }
}

/** Bytes asked of a file at a time once it is past the size it had (it grew while read). */
const CHUNK = 64 * 1024;

/**
 * A regular file read by positional reads straight into `whole` (its size when asked). A stream
 * read it in 64 KB chunks, each a buffer of its own copied into `whole` and then garbage: a 177 MB
 * table's left ~17 MB of them uncollected at the decode, the import's peak (440 -> ~410 MB), and
 * ~1 s of CPU (docs/scale-log.md, stop 64 M). A file that shrank meanwhile is cut where it ended;
 * one that grew goes on in chunks, never past `limit`.
 */
async function readRegular(file: string | Buffer, whole: Buffer, limit: number, shown: string): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    let size = 0;
    for (let read = -1; read !== 0 && size < whole.length; size += read) read = (await handle.read(whole, size, whole.length - size, size)).bytesRead;
    if (size < whole.length) return whole.subarray(0, size);
    const chunks = [whole];
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) throw overLimit(shown, limit);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? whole : Buffer.concat(chunks, size);
  } catch (error) {
    throw readError(error, shown);
  } finally {
    await handle?.close();
  }
}

function overLimit(shown: string, limit: number): AppError {
  return new AppError(`${shown}: more than ${limitText(limit)}, over max_dump_size in accountpool.yaml; split the file or raise max_dump_size`);
}

/** A read's failure as the command tells it: the limit's refusal as is, a missing file as MissingInput, any other naming its code. */
function readError(error: unknown, shown: string): AppError {
  if (error instanceof AppError) return error;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new MissingInput(`${shown}: no such file`);
  return new AppError(`${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

/** A buffer of a regular file's size when it is within `limit`; undefined for anything else (a pipe, a device) or a stat that fails. */
async function regularFileSize(file: string | Buffer, limit: number): Promise<Buffer | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() && info.size > 0 && info.size <= limit ? Buffer.allocUnsafe(info.size) : undefined;
}
