// Every read of a shard file opens it here. A shard can be replaced between the stat a read makes
// first and its open (by a peer's pull that checks out `2.yaml -> /dev/zero` as the link, by hand,
// by an attacker racing the command): a plain open of a FIFO waits for a writer for ever, on
// node's one thread where it is synchronous (not even SIGTERM ends it), and /dev/zero is read
// until memory runs out. O_NONBLOCK makes the open of a FIFO return at once (it changes nothing
// for a regular file), and the kind is checked on the descriptor opened, the file actually read:
// no stat before it can be outrun. O_NOFOLLOW: a shard swapped for a symbolic link after the lstat
// that refused links (unreadable-shard.ts, linkedShard) is not read through either (ELOOP).
import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { FileError } from '../errors.js';
import { fileKind } from '../file-kind.js';
import { linkTargetSync } from './linked-path.js';
import { holdsSync, readAllSync } from './staged-read.js';

/** O_NOCTTY: a terminal swapped in never becomes this process's controlling terminal before it is refused. */
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | constants.O_NOFOLLOW;

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

/**
 * A shard whose name is a symbolic link to nothing (its target moved, an unmounted disk, a link
 * put in by hand). stat follows the link and says ENOENT, which everywhere else means missing:
 * its accounts would be counted lost, `verify --fix --accept-loss` advised, and the next write
 * would put an empty shard in the link's place. Named as what it is instead; undefined when
 * `file` is no link (or not there at all: then it is missing).
 */
export function danglingShard(file: string): FileError | undefined {
  let target: string;
  try {
    target = readlinkSync(file);
  } catch {
    return undefined;
  }
  const dangling = new FileError(file, 0, `the shard is a symbolic link to ${target}, which is not there (moved, or on a disk not mounted). Nothing is written over it, and its accounts are not counted as lost: replace the link with the shard file itself (a shard is never read through a link)`);
  dangling.message = `${file}: ${dangling.reason}`;
  return dangling;
}

/**
 * A shard whose name is a symbolic link, to a file or to nothing. Followed, it was read and written
 * as two different files: read through (another pool's shard a peer committed as a link and a
 * hand-run `git pull` checked out: its accounts and passwords taken as this pool's, handed to
 * scanners), then replaced by a plain file at the next fold (every shard write is a rename), which
 * silently left an operator's file on the other disk behind with old accounts. Neither is done:
 * every command refuses it, naming where it points (danglingShard's words for a link to nothing).
 */
export function linkedShard(file: string): FileError {
  const target = linkTargetSync(file);
  // A link to a FIFO or a device is named for what would be read (oddShard's words).
  let kind: string | undefined;
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    kind = info && !info.isDirectory() ? fileKind(info) : undefined;
  } catch {
    // not to be looked at: a link is all there is to say
  }
  if (kind) return oddShard(file, kind);
  const dangling = existsSync(file) ? undefined : danglingShard(file);
  if (dangling) return dangling;
  const linked = new FileError(
    file,
    0,
    `the shard is a symbolic link to ${target}, not the pool's own file: accountpool neither reads accounts through it nor writes over it (a write would replace the link and leave ${target} with old accounts). ` +
      `Nothing is written over it, and its accounts are not counted as lost. Put the file itself in its place (remove the link, move ${target} to ${file}, for a file that is this pool's); ` +
      `in a pool shared through git another host committed the link (\`git log -- shards/${basename(file)}\`). To keep the pool on another disk, move the whole pool folder there and give that path as --pool`,
  );
  linked.message = `${file}: ${linked.reason}`;
  return linked;
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
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkedShard(file);
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
  return openStatedSync(file).fd;
}

/** openShardSync's descriptor with the size its kind was checked on: a read right after needs no stat of its own. */
function openStatedSync(file: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (error) {
    asOdd(file, error);
  }
  try {
    const info = fstatSync(fd);
    checkKind(file, info);
    return { fd, size: info.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** openShardSync through fs/promises. */
export async function openShard(file: string): Promise<FileHandle> {
  return (await openStated(file)).handle;
}

/** openShard's handle with the size its kind was checked on (openStatedSync's). */
async function openStated(file: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(file, FLAGS).catch((error: unknown) => asOdd(file, error));
  try {
    const info = await handle.stat();
    checkKind(file, info);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Shard `file`'s bytes, read whole through openShardSync in one synchronous call (a shard read to be
 * hashed or folded is read before anything else can go on; through fs/promises a read took five
 * thread-pool round trips); undefined when there is no such file.
 */
export function readShardIfPresentSync(file: string): Buffer | undefined {
  return usingShardSync(file, (fd, size) => readAllSync(fd, size));
}

/** Whether shard `file` holds exactly `bytes` (false when there is no such file): compared through a reused buffer (staged-read.ts `holdsSync`), not read whole. */
export function shardHoldsSync(file: string, bytes: Buffer): boolean {
  return usingShardSync(file, (fd, size) => holdsSync(fd, bytes, size)) ?? false;
}

/** `use` of shard `file` opened through openShardSync (with the size of the stat that checked it), closed after; undefined when there is no such file. */
function usingShardSync<T>(file: string, use: (fd: number, size: number) => T): T | undefined {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openStatedSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return use(fd, size);
  } finally {
    closeSync(fd);
  }
}

/** Shard `file`'s bytes, read whole through openShard. */
export async function readShard(file: string): Promise<Buffer> {
  const { handle, size } = await openStated(file);
  try {
    return readAllSync(handle.fd, size);
  } finally {
    await handle.close();
  }
}
