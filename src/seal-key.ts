// This host's key for the caches' seals (cache-seal.ts): 32 random bytes in a file of the user's
// own, outside every pool ($XDG_STATE_HOME/accountpool/cache-seal.key, else
// ~/.local/state/accountpool/cache-seal.key), made on first use, mode 0600 in a 0700 folder.
//
// Why a key, and why there: the caches under a pool's .cache/ are git-ignored, so no pull writes
// them, but a pool's folder travels whole (a copy, a tar from another host, a backup restored, a
// folder shared with a group) and whoever read our source could seal a forged summary again
// (a standings summary whose held accounts were relabelled available: `status` showed them free).
// With the seal keyed, a cache is believed only where this user on this host (or a host sharing
// its home) wrote it: one made elsewhere or by anyone who cannot read this file is made again.
//
// Read once a process, synchronously (the seal is checked inside synchronous reads) and never
// through a link. A key that cannot be had (no home, a read-only one, a key file another user owns
// or others may read) leaves the process a key of its own: it believes only the caches it wrote
// itself, and writes none (sealsLast): the caches a keyed process made are left for it.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const KEY_HEX = /^[0-9a-f]{64}\n?$/;

let key: Buffer | undefined;

/** Where this host's key is kept: outside every pool, in the user's state folder. */
export function sealKeyFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // An XDG variable that is relative is to be ignored (XDG Base Directory spec).
  const state = env.XDG_STATE_HOME?.startsWith('/') ? env.XDG_STATE_HOME : undefined;
  if (state) return join(state, 'accountpool', 'cache-seal.key');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home.startsWith('/') ? join(home, '.local', 'state', 'accountpool', 'cache-seal.key') : undefined;
}

/** The key in `file`, if it is a regular file of ours that no one else may read, holding one. */
function readKey(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    // Another user's file, or one others may read, is no secret of ours.
    if (!info.isFile() || info.size > 65 || (process.getuid && info.uid !== process.getuid()) || (info.mode & 0o077) !== 0) return undefined;
    const text = readFileSync(fd, 'utf8');
    return KEY_HEX.test(text) ? Buffer.from(text.slice(0, 64), 'hex') : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * `dir` and its missing parents, one at a time: node's recursive mkdirSync never returns for a
 * folder under /proc (XDG_STATE_HOME=/proc/x spun a `status` at full CPU for minutes).
 */
function makeFolders(dir: string): void {
  const parent = dirname(dir);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || parent === dir) throw error;
    makeFolders(parent);
    mkdirSync(dir, { mode: 0o700 });
  }
}

/** Makes the key file; two processes making it at once agree on the first one linked into place. */
function makeKey(file: string): Buffer | undefined {
  const dir = dirname(file);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    makeFolders(dir);
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file); // never replaces a key another process made meanwhile
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } catch {
    return undefined;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // never made
    }
  }
  return readKey(file);
}

/** Whether the key is one of this process alone (no key file could be had). */
let ownKey = false;

/** This host's seal key (made on first use), or, where none can be had, one of this process alone. */
export function sealKey(): Buffer {
  if (key) return key;
  const file = sealKeyFile();
  const hosts = file ? (readKey(file) ?? makeKey(file)) : undefined;
  ownKey = hosts === undefined;
  key = hosts ?? randomBytes(32);
  return key;
}

/**
 * Whether a seal made now is believed by later processes: false where the key is this process's
 * alone. Such a process writes no sealed file: each one it wrote replaced the cache a keyed process
 * had made (no later process could believe either), so one run without a key (a cron job with no
 * HOME, a service whose state folder is read-only) cost every later run its caches again.
 */
export function sealsLast(): boolean {
  sealKey();
  return !ownKey;
}
