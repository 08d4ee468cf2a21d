// The pool lock: one writer at a time, across processes.
//
// proper-lockfile holds the lock folder (`.lock`, made with an atomic mkdir) and refreshes its
// mtime every second while we live. Its own stale-lock takeover is switched off: every takeover
// goes through `breakIfDead` below, one breaker at a time (a second mkdir, `.lock-break`), so a
// decision to break is always made on the lock as it is, and a live lock is never broken:
//   - owner (`.lock.owner.json`, written beside the lock) is a dead process of this host → break
//     at once, so a command after a kill -9 does not wait;
//   - owner on another host, and the lock's mtime has not moved for `staleMs` → break;
//   - no owner at all (killed in the microseconds between taking the lock and naming itself, or
//     between un-naming itself and letting go) and no refresh for OWNERLESS_STALE_MS → break.
// A live owner on this host is never broken, however long it holds the lock.
import lockfile from 'proper-lockfile';
import { hostname } from 'node:os';
import { mkdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import { randomBytes } from 'node:crypto';
import { LockBusyError } from '../errors.js';

export interface LockOptions {
  /** How long to wait for a busy lock before giving up with a clear error. */
  waitMs: number;
  /** A lock of an unknown or remote owner whose mtime has not moved for this long is abandoned. */
  staleMs?: number;
}

export interface HeldLock {
  /** Set when the lock was lost (e.g. the machine froze and another host broke it); commit must not go on. */
  readonly lost: Error | undefined;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
}

const NEVER = 365 * 24 * 3600 * 1000;
/** A live owner names itself microseconds after taking the lock and refreshes it every second. */
const OWNERLESS_STALE_MS = 3000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Breaks an abandoned lock (see the top of this file). True when it was broken. */
async function breakIfDead(lockDir: string, staleMs: number): Promise<boolean> {
  const breaker = `${lockDir}-break`;
  try {
    await mkdir(breaker);
  } catch {
    // Another waiter is deciding; a breaker that itself died long ago is cleared for the next try.
    const info = await stat(breaker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > 30_000) await rmdir(breaker).catch(() => {});
    return false;
  }
  try {
    const info = await stat(lockDir).catch(() => undefined);
    if (!info) return false; // released meanwhile: just try again
    const ownerFile = `${lockDir}.owner.json`;
    const owner = await readOwner(ownerFile);
    const age = Date.now() - info.mtimeMs;
    const dead = !owner ? age > OWNERLESS_STALE_MS : owner.host === hostname() ? !isAlive(owner.pid) : age > staleMs;
    if (!dead) return false;
    const aside = `${lockDir}-dead-${randomBytes(4).toString('hex')}`;
    await rename(lockDir, aside);
    await unlink(ownerFile).catch(() => {});
    await rm(aside, { recursive: true, force: true });
    return true;
  } finally {
    await rmdir(breaker).catch(() => {});
  }
}

/** Takes the lock for `target` (the pool folder), waiting up to `waitMs`. */
export async function acquireLock(target: string, lockDir: string, options: LockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.waitMs;
  const ownerFile = `${lockDir}.owner.json`;
  let lost: Error | undefined;
  let delay = 5;
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        lockfilePath: lockDir,
        realpath: false,
        stale: NEVER, // takeovers are ours alone (breakIfDead)
        update: 1000,
        retries: 0,
        onCompromised: (error) => {
          lost = error;
        },
      });
      // Never half a name to a reader; no fsync: after a power cut every pid is dead anyway.
      await writeFileAtomic(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner), 0o600, { durable: false });
      return {
        get lost() {
          return lost;
        },
        release: async () => {
          // Owner first: a lock without an owner is never broken early, a stale owner file could be.
          await unlink(ownerFile).catch(() => {});
          await release().catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ERELEASED') throw error;
          });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (await breakIfDead(lockDir, options.staleMs ?? 10_000)) continue;
    if (Date.now() >= deadline) {
      const owner = await readOwner(ownerFile);
      const who = owner ? ` (held by pid ${owner.pid} on ${owner.host})` : '';
      throw new LockBusyError(`pool is busy: could not take the lock ${lockDir} within ${Math.round(options.waitMs / 1000)} s${who}; try again, or raise lock_wait in the pool config`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
