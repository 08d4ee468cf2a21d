// The pool lock: one writer at a time, across processes.
//
// proper-lockfile holds the lock folder (`.lock`, made 0700 with an atomic mkdir, see lock-fs.ts)
// and refreshes its mtime every second while we live. Its own stale-lock takeover is switched off: every
// takeover goes through `breakIfAbandoned` below, one breaker at a time (lock-breaker.ts), so a
// decision to break is always made on the lock as it is, and a live lock is never broken. The
// owner file (`.lock/owner.json`, inside the lock folder, made and removed with it: lock-fs.ts)
// says who holds it (lock-owner.ts). A lock is abandoned when
//   - its owner is dead: on this machine, in this boot and PID namespace, no process with its PID
//     and start time runs (killed, or the PID now belongs to someone else) → broken at once. A
//     maker killed while writing the owner file is known by its temp file's name (nameOwner);
//   - its owner cannot be looked at (another host, boot or namespace; an old owner file naming a
//     PID that is taken), or it has none (killed in the moment between making the folder and
//     opening the owner's temp file; an owner file that names no usable process; a lock of an
//     older version, whose owner file lay beside it at `.lock.owner.json` naming the lock
//     folder's inode), and the lock has not been refreshed for `staleMs`. Not less: on a machine
//     loaded many times over, a live process can take seconds between taking the lock and naming
//     itself. One that takes longer (frozen, stopped) and finds its folder broken and taken when
//     it goes on cannot name itself over the new holder (nameOwner links, never renames), so it
//     waits again: never two writers.
// A live owner on this machine is never broken, however long it holds the lock.
//
// Whatever fails between taking the lock and naming its owner (a full disk or no file descriptor
// left for the owner file) lets it go again: a lock never outlives the call that failed.
import { link, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError, LockBusyError, WriteError } from '../errors.js';
import { tempPathFor, writeDurable, writeFailed } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { linkedAt } from './linked-path.js';
import { describeOwner, stoppedNote, identityTag, livenessOf, livenessOfTag, ownIdentity, parseIdentity, type Identity, type Liveness } from './lock-owner.js';
import { takeBreaker } from './lock-breaker.js';
import { asideOf, lockFileSystem, NotOurLock } from './lock-fs.js';
import { properLockfile } from './lockfile-lazy.js';
import { shellWord } from '../shell-word.js';

export interface LockOptions {
  /** How long to wait for a busy lock before giving up with a clear error. */
  waitMs: number;
  /** A lock whose owner cannot be looked at, and whose mtime has not moved for this long, is abandoned. */
  staleMs?: number;
  /**
   * Once aborted, a busy lock is given up at once instead of waited for (the process was asked to
   * stop: `serve` and the watcher on SIGTERM). A free lock is still taken: work that can finish does.
   */
  signal?: AbortSignal;
}

export interface HeldLock {
  /** Set when the lock was lost (e.g. the machine froze and another host broke it); commit must not go on. */
  readonly lost: Error | undefined;
  /** Lets go. Never throws: a lock folder that cannot be removed is no longer refreshed, so others break it. */
  release(): Promise<void>;
}

/** What an owner file holds: who, and (an older version's, beside the lock) the inode of the lock folder it names. */
type Owner = Identity & { lock?: string };

const NEVER = 365 * 24 * 3600 * 1000;
const DEFAULT_STALE_MS = 10_000;

/**
 * Inside the lock folder, written to a temp file named by our identity tag (lock-owner.ts) and
 * linked to `owner.json`: never half a name to a reader, and killed before the link, the temp's
 * name still says who made the lock. No fsync: after a power cut every process is dead anyway.
 *
 * A link, not a rename: it fails when the folder already names an owner. A maker stalled between
 * its mkdir and this point for longer than the stale time (a machine frozen, a process stopped)
 * had its ownerless folder broken meanwhile, and may now be writing into the folder of the waiter
 * that took the lock after it. A rename would put its name over the new holder's, and both would
 * write the pool; the link fails instead, and the maker goes back to waiting (NotOurLock), leaving
 * the folder to the holder it names. So it does when its folder is gone altogether.
 */
export async function nameOwner(lockDir: string): Promise<void> {
  const tag = identityTag();
  const owner = ownerFileOf(lockDir);
  const temp = tag === undefined ? tempPathFor(owner) : join(lockDir, `${OWNER_TEMP}${tag}.tmp`);
  try {
    await writeDurable(temp, JSON.stringify(ownIdentity()), 0o600, false, owner);
  } catch (error) {
    // The folder we made is gone: broken while we stalled. Nothing of ours to remove (removing
    // the path now could remove the next holder's lock); wait again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotOurLock(lockDir);
    throw error;
  }
  try {
    await link(temp, owner);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new NotOurLock(lockDir);
    throw writeFailed(owner, error);
  } finally {
    await unlink(temp).catch(() => {});
  }
}

const OWNER_TEMP = '.owner-';

/**
 * proper-lockfile's file system: a private lock folder holding its owner, removed only once no
 * refresh is in flight (lock-fs.ts). Made at the first lock, as proper-lockfile is loaded.
 */
let lockFs: ReturnType<typeof lockFileSystem> | undefined;

function ownerFileOf(lockDir: string): string {
  return join(lockDir, 'owner.json');
}

/** Where an older version named the holder: beside the lock folder. */
function legacyOwnerFileOf(lockDir: string): string {
  return `${lockDir}.owner.json`;
}

async function readOwnerFile(path: string): Promise<Owner | undefined> {
  const text = await readOwnFile(path);
  return text === undefined ? undefined : parseIdentity<{ lock: string }>(text);
}

/** Who holds the lock folder with inode `ino`: its own owner file, or an older version's about that very folder. */
async function readOwner(lockDir: string, ino: number): Promise<Owner | undefined> {
  const inside = await readOwnerFile(ownerFileOf(lockDir));
  if (inside) return inside;
  const legacy = await readOwnerFile(legacyOwnerFileOf(lockDir));
  // An owner file about another lock folder (left by a process that failed to remove it) names nobody.
  return legacy && legacy.lock === String(ino) ? legacy : undefined;
}

/**
 * Whether the maker of the lock folder with inode `ino` still runs: by its owner file, or, killed
 * while writing it, by the name of its temp file.
 */
async function livenessOfHolder(lockDir: string, ino: number): Promise<Liveness> {
  const owner = await readOwner(lockDir, ino);
  if (owner) return livenessOf(owner);
  const entries = await readdir(lockDir).catch(() => [] as string[]);
  const temp = entries.find((e) => e.startsWith(OWNER_TEMP) && e.endsWith('.tmp'));
  return temp ? livenessOfTag(temp.slice(OWNER_TEMP.length, -'.tmp'.length)) : 'unknown';
}

/** Whether the lock is there and abandoned (see the top of this file). */
async function isAbandonedNow(lockDir: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockDir).catch(() => undefined);
  if (!info) return false; // released meanwhile: just try again
  const state = await livenessOfHolder(lockDir, info.ino);
  return state === 'dead' || (state === 'unknown' && Date.now() - info.mtimeMs > staleMs);
}

/**
 * Breaks an abandoned lock. True when it was broken. Judged first without the breaker, so that
 * waiting for a live lock (the common case) writes nothing; then again holding it, on the lock as
 * it is now. Throws when the breaker cannot be written (a full disk): the lock stays for now.
 */
async function breakIfAbandoned(lockDir: string, staleMs: number): Promise<boolean> {
  if (!(await isAbandonedNow(lockDir, staleMs))) return false;
  const letGo = await takeBreaker(lockDir, staleMs);
  if (!letGo) return false;
  try {
    if (!(await isAbandonedNow(lockDir, staleMs))) return false;
    // An older version's owner file first: killed between the two, we leave a lock without
    // owner, broken staleMs later. This version's goes with the folder.
    await unlink(legacyOwnerFileOf(lockDir)).catch(() => {});
    const aside = asideOf(lockDir, 'dead');
    await rename(lockDir, aside);
    await rm(aside, { recursive: true, force: true });
    return true;
  } finally {
    await letGo();
  }
}

/**
 * Removes what killed holders and breakers left beside the lock: folders renamed aside and not yet
 * removed (no one uses them again), and an older version's owner file. Only a holder does this.
 */
async function removeLeftovers(lockDir: string): Promise<void> {
  const name = basename(lockDir);
  const entries = await readdir(dirname(lockDir)).catch(() => [] as string[]);
  const left = entries.filter((e) => e.startsWith(`${name}-released-`) || e.startsWith(`${name}-dead-`));
  await Promise.all(left.map((e) => rm(join(dirname(lockDir), e), { recursive: true, force: true }).catch(() => {})));
  if (entries.includes(basename(legacyOwnerFileOf(lockDir)))) await unlink(legacyOwnerFileOf(lockDir)).catch(() => {});
}

/** Takes the lock for `target` (the pool folder), waiting up to `waitMs`. */
export async function acquireLock(target: string, lockDir: string, options: LockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.waitMs;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  let lost: Error | undefined;
  /** Why an abandoned lock could not be broken (e.g. the breaker could not be written on a full disk). */
  let cannotBreak: Error | undefined;
  let delay = 5;
  for (;;) {
    let unlock: (() => Promise<void>) | undefined;
    try {
      unlock = await properLockfile().lock(target, {
        lockfilePath: lockDir,
        realpath: false,
        stale: NEVER, // takeovers are ours alone (breakIfAbandoned)
        update: 1000,
        retries: 0,
        fs: (lockFs ??= lockFileSystem(undefined, nameOwner)),
        onCompromised: (error) => {
          lost = error;
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A pool on a read-only mount, or a folder this user may not write: no lock can be made, and
      // nothing is written; named as the folder and why, not as a bare `EROFS: ..., mkdir` (run with --debug).
      if (code === 'EROFS' || code === 'EACCES') throw new WriteError(lockDir, error, 'the lock cannot be made, so nothing was written or handed out; commands that only read (status, show, export) still work');
      if (code !== 'ELOCKED') throw error;
    }
    if (unlock) {
      // proper-lockfile stops refreshing before it removes the folder (with its owner file): even
      // when removing fails (ERELEASED: it was compromised and is gone already), the lock is ours no more.
      const release = () => unlock!().catch(() => {});
      await removeLeftovers(lockDir);
      return {
        get lost() {
          return lost;
        },
        release,
      };
    }
    // A link is no lock anyone took (a hand, or a `.lock` committed with `git add -f`): waited on,
    // it was broken after staleMs, or never when its folder's mtime moves (a busy /tmp).
    const linked = await linkedAt(lockDir);
    if (linked) {
      throw new AppError(`${linked}, not the pool's lock folder: accountpool never takes a lock through it; remove the link (\`rm ${shellWord(lockDir)}\`), never the folder it leads to`);
    }
    try {
      if (await breakIfAbandoned(lockDir, staleMs)) continue;
    } catch (error) {
      cannotBreak = error as Error; // waited on: the disk may have room again in a moment
    }
    const stopping = options.signal?.aborted === true;
    if (Date.now() >= deadline || stopping) {
      const info = await stat(lockDir).catch(() => undefined);
      const owner = info && (await readOwner(lockDir, info.ino));
      const holder = owner && describeOwner(owner) + stoppedNote(owner);
      const why = cannotBreak ? `; it is abandoned, but ${cannotBreak.message}` : '';
      if (stopping) throw new LockBusyError(`pool is busy: stopped waiting for the lock ${lockDir}${holder ? ` (held by ${holder})` : ''}${why}, as this process is stopping; nothing was written`, holder);
      throw new LockBusyError(`pool is busy: could not take the lock ${lockDir} within ${Math.round(options.waitMs / 1000)} s${holder ? ` (held by ${holder})` : ''}${why}; try again, or raise lock_wait in the pool config`, holder);
    }
    await pause(delay, options.signal);
    delay = Math.min(delay * 2, 100);
  }
}

/** `ms`, or less when `signal` aborts meanwhile (a stop request is never kept waiting on a timer). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
