// A shard file that is there but cannot be read: another user's file or mode (EACCES, EPERM), a
// folder where the file should be (EISDIR), a failing disk (EIO). Such a shard is neither missing
// (its accounts are not counted lost, `verify --fix --accept-loss` is never the advice) nor empty:
// every command stops, naming the file and what it is, and nothing is written over it, since a
// rewrite would replace the accounts it holds with none. ENOENT alone means missing (integrity.ts).
import { type BigIntStats, type Stats } from 'node:fs';
import { fileKind } from '../file-kind.js';
import { danglingShard, linkedShard, oddShard } from './shard-open.js';
import { FileError } from '../errors.js';
import { outOfFiles } from '../open-files-limit.js';

const WHAT: Record<string, string> = {
  EACCES: 'permission denied (the file is there, but this user may not read it); give it back to the user that runs accountpool (chown, chmod 600)',
  EPERM: 'permission denied (the file is there, but this user may not read it); give it back to the user that runs accountpool (chown, chmod 600)',
  EISDIR: 'it is a folder, not a shard file; move it out of shards/ (nothing in it is read as accounts)',
  EIO: 'the disk failed to read it (EIO); restore the file from git or a backup',
  // The process's or the system's limits, not the file's: the file is whole, and restoring it from
  // a backup (the advice any other code got) would put back older lines and free the holds made
  // since (stop 55: `watch --once` under `ulimit -n 56` said so for every dump it left waiting).
  // EMFILE and ENFILE: open-files-limit.ts's words, the limit named.
  ENOMEM: 'out of memory (ENOMEM); the file itself is fine: run the command again once memory is free',
};

/** The FileError for `file` when `error` says it cannot be read; undefined for any other error (ENOENT: missing). */
export function unreadableShard(file: string, error: unknown): FileError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || code === 'ENOENT' || !/^E[A-Z]+$/.test(code)) return undefined;
  const limit = outOfFiles(error);
  const what = limit ? `${limit}; the file itself is fine` : (WHAT[code] ?? `${code}; restore the file from git or a backup`);
  const unreadable = new FileError(file, 0, `the shard cannot be read: ${what}. Nothing is written over it, and its accounts are not counted as lost`);
  unreadable.message = `${file}: ${unreadable.reason}`; // no line: the whole file
  return unreadable;
}

/** Rethrows `error` as the shard's FileError when it says `file` cannot be read. */
export function asUnreadableShard(file: string, error: unknown): never {
  throw unreadableShard(file, error) ?? error;
}

/**
 * Throws linkedShard's error (shard-open.ts: a link to a file, to nothing, to a FIFO or a device,
 * each in its words) when `info`, an lstat of `file`, is a symbolic link.
 */
export function refuseLinkedShard(file: string, info: Stats | BigIntStats | undefined): void {
  if (info?.isSymbolicLink()) throw linkedShard(file);
}

/** Throws danglingShard's error for `file`, found not there, when a link dangles in its place. */
export function refuseDanglingShard(file: string): void {
  const dangling = danglingShard(file);
  if (dangling) throw dangling;
}

/**
 * A shard that is a FIFO, a device or a socket (a link to one: `2.yaml -> /dev/zero` committed by
 * a peer, which git checks out as the link): reading it waited for a writer for ever, or read
 * /dev/zero until memory ran out, in every command, and SIGTERM could not stop the wait (the open
 * blocks the one thread that would handle it). Named from the stat every read makes first, before
 * anything is opened; like an unreadable shard, never missing and never written over. A folder is
 * left to the read, which names it (EISDIR above).
 */
export function refuseOddShard(file: string, info: Stats | BigIntStats | undefined): void {
  if (!info || info.isFile() || info.isDirectory()) return;
  // A link was refused before (refuseLinkedShard): fileKind's words serve.
  throw oddShard(file, fileKind(info as Stats) ?? 'no regular file');
}
