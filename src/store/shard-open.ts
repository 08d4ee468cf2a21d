// Every read of a shard file opens it here. A shard can be replaced between the stat a read makes
// first and its open (by a peer's pull that checks out `2.yaml -> /dev/zero` as the link, by hand,
// by an attacker racing the command): a plain open of a FIFO waits for a writer for ever, on
// node's one thread where it is synchronous (not even SIGTERM ends it), and /dev/zero is read
// until memory runs out. O_NONBLOCK makes the open of a FIFO return at once (it changes nothing
// for a regular file), and the kind is checked on the descriptor opened, the file actually read:
// no stat before it can be outrun. Not O_NOFOLLOW: a shard checked out as a link to a regular
// file is read, as before.
import { closeSync, constants, fstatSync, openSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { FileError } from '../errors.js';
import { fileKind } from '../file-kind.js';

/** O_NOCTTY: a terminal swapped in never becomes this process's controlling terminal before it is refused. */
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** The FileError naming shard `file` as `kind` (fileKind's words), no regular file: at the stat (unreadable-shard.ts) and at the open. */
export function oddShard(file: string, kind: string): FileError {
  let target = '';
  try {
    target = ` (a link to ${readlinkSync(file)})`;
  } catch {
    // not a link: the thing itself stands there
  }
  const odd = new FileError(file, 0, `the shard is ${kind}${target}, not a file: not read (it would never end). Nothing is written over it, and its accounts are not counted as lost: put the shard file itself in its place (from git: \`git checkout -- shards\`; or a backup)`);
  odd.message = `${file}: ${odd.reason}`; // no line: the whole file
  return odd;
}

/** Throws oddShard's error where the open file is no regular file; a folder is left to the read (EISDIR, unreadable-shard.ts). */
function checkKind(file: string, info: Stats): void {
  const kind = fileKind(info);
  if (kind !== undefined && !info.isDirectory()) throw oddShard(file, kind);
}

/**
 * An open of a socket fails with ENXIO (there is nothing to open), which would be named as an
 * unknown read error: named as the socket it is instead.
 */
function asOdd(file: string, error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
    let kind: string | undefined;
    try {
      const info = statSync(file, { throwIfNoEntry: false });
      kind = info && fileKind(info);
    } catch {
      // not to be looked at either: the error as it came
    }
    if (kind) throw oddShard(file, kind);
  }
  throw error;
}

/** The descriptor of shard `file` opened for reading, checked to be a regular file (or a folder, whose read names it). */
export function openShardSync(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (error) {
    asOdd(file, error);
  }
  try {
    checkKind(file, fstatSync(fd));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** openShardSync through fs/promises. */
export async function openShard(file: string): Promise<FileHandle> {
  const handle = await open(file, FLAGS).catch((error: unknown) => asOdd(file, error));
  try {
    checkKind(file, await handle.stat());
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Shard `file`'s bytes, read whole through openShardSync in one synchronous call (a shard read to be
 * hashed or folded is read before anything else can go on; through fs/promises a read took five
 * thread-pool round trips); undefined when there is no such file.
 */
export function readShardIfPresentSync(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openShardSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Shard `file`'s bytes, read whole through openShard. */
export async function readShard(file: string): Promise<Buffer> {
  const handle = await openShard(file);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
