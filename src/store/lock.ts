// The pool lock: one writer at a time, across processes.
//
// proper-lockfile holds the lock folder (`.lock`, made 0700 with an atomic mkdir, see lock-fs.ts)
// and refreshes its mtime every second while we live. Its own stale-lock takeover is switched off: every
// takeover goes through `breakIfAbandoned` below, one breaker at a time (lock-breaker.ts), so a
// decision to break is always made on the lock as it is, and a live lock is never broken. The
// owner file (`.lock.owner.json`, beside the lock) says who holds it (lock-owner.ts), and which
// lock folder it is about (its inode). A lock is abandoned when
//   - its owner is dead: on this machine, in this boot and PID namespace, no process with its PID
//     and start time runs (killed, or the PID now belongs to someone else) → broken at once;
//   - its owner cannot be looked at (another host, boot or namespace; an old owner file naming a
//     PID that is taken), or it has none (killed in the moment between taking the lock and naming
//     itself; an owner file that names no usable process), and the lock has not been refreshed
//     for `staleMs`. Not less: on a machine loaded many times over, a live process can take
//     seconds between taking the lock and naming itself, and breaking it then would make two
//     writers until its next refresh noticed.
// A live owner on this machine is never broken, however long it holds the lock.
//
// Whatever fails between taking the lock and handing it over (a full disk or no file descriptor
// left for the owner file) lets it go again: a lock never outlives the call that failed.
import lockfile from 'proper-lockfile';
import { rename, readFile, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { LockBusyError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeOwner, livenessOf, ownIdentity, parseIdentity, type Identity } from './lock-owner.js';
import { takeBreaker } from './lock-breaker.js';
import { lockFileSystem } from './lock-fs.js';

export interface LockOptions {
  /** How long to wait for a busy lock before giving up with a clear error. */
  waitMs: number;
  /** A lock whose owner cannot be looked at, and whose mtime has not moved for this long, is abandoned. */
  staleMs?: number;
}

export interface HeldLock {
  /** Set when the lock was lost (e.g. the machine froze and another host broke it); commit must not go on. */
  readonly lost: Error | undefined;
  /** Lets go. Never throws: a lock folder that cannot be removed is no longer refreshed, so others break it. */
  release(): Promise<void>;
}

/** What the owner file holds: who, and the inode of the lock folder it names. */
type Owner = Identity & { lock?: string };

const NEVER = 365 * 24 * 3600 * 1000;
const DEFAULT_STALE_MS = 10_000;

/** proper-lockfile's file system: a private lock folder, removed only once no refresh is in flight (lock-fs.ts). */
const lockFs = lockFileSystem();

function ownerFileOf(lockDir: string): string {
  return `${lockDir}.owner.json`;
}

async function readOwner(lockDir: string): Promise<Owner | undefined> {
  const text = await readFile(ownerFileOf(lockDir), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseIdentity<{ lock: string }>(text);
}

function isAbandoned(owner: Owner | undefined, ageMs: number, staleMs: number): boolean {
  const state = owner ? livenessOf(owner) : 'unknown';
  return state === 'dead' || (state === 'unknown' && ageMs > staleMs);
}

/** Whether the lock is there and abandoned (see the top of this file). */
async function isAbandonedNow(lockDir: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockDir).catch(() => undefined);
  if (!info) return false; // released meanwhile: just try again
  const named = await readOwner(lockDir);
  // An owner file about another lock folder (left by a process that failed to remove it) names nobody.
  const owner = named && (named.lock === undefined || named.lock === String(info.ino)) ? named : undefined;
  return isAbandoned(owner, Date.now() - info.mtimeMs, staleMs);
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
    // Owner file first: killed between the two, we leave a lock without owner, broken staleMs later.
    await unlink(ownerFileOf(lockDir)).catch(() => {});
    const aside = `${lockDir}-dead-${randomBytes(4).toString('hex')}`;
    await rename(lockDir, aside);
    await rm(aside, { recursive: true, force: true });
    return true;
  } finally {
    await letGo();
  }
}

/** Names us as the holder of the lock just taken; on any failure lets it go and throws (a WriteError naming the owner file). */
async function claim(lockDir: string, letGo: () => Promise<void>): Promise<void> {
  try {
    const { ino } = await stat(lockDir);
    // Never half a name to a reader; no fsync: after a power cut every process is dead anyway.
    await writeFileAtomic(ownerFileOf(lockDir), JSON.stringify({ ...ownIdentity(), lock: String(ino) } satisfies Owner), 0o600, { durable: false });
  } catch (error) {
    await letGo();
    throw error;
  }
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
      unlock = await lockfile.lock(target, {
        lockfilePath: lockDir,
        realpath: false,
        stale: NEVER, // takeovers are ours alone (breakIfAbandoned)
        update: 1000,
        retries: 0,
        fs: lockFs,
        onCompromised: (error) => {
          lost = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (unlock) {
      const release = async () => {
        // Owner first: a lock without an owner is never broken early, a stale owner file could be.
        await unlink(ownerFileOf(lockDir)).catch(() => {});
        // proper-lockfile stops refreshing before it removes the folder: even when removing fails
        // (ERELEASED: it was compromised and is gone already), the lock is ours no more.
        await unlock!().catch(() => {});
      };
      await claim(lockDir, release);
      return {
        get lost() {
          return lost;
        },
        release,
      };
    }
    try {
      if (await breakIfAbandoned(lockDir, staleMs)) continue;
    } catch (error) {
      cannotBreak = error as Error; // waited on: the disk may have room again in a moment
    }
    if (Date.now() >= deadline) {
      const owner = await readOwner(lockDir);
      const holder = owner && describeOwner(owner);
      const why = cannotBreak ? `; it is abandoned, but ${cannotBreak.message}` : '';
      throw new LockBusyError(`pool is busy: could not take the lock ${lockDir} within ${Math.round(options.waitMs / 1000)} s${holder ? ` (held by ${holder})` : ''}${why}; try again, or raise lock_wait in the pool config`, holder);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
