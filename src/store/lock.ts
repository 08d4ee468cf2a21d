// The pool lock: one writer at a time, across processes.
//
// proper-lockfile holds a lock folder (`.lock`) and refreshes its mtime while we live; a lock whose
// mtime stops moving for `staleMs` is taken over by proper-lockfile itself. That alone would make
// every command after a `kill -9` wait out the stale time, so the owner also writes its pid into
// the lock folder, and a waiter may break a lock whose owner is a dead process on this host.
// Breaking is serialised by a second folder (`.lock-break`) and done by renaming the lock away
// and re-reading its owner, so a live lock is never broken: if what was renamed turns out not to
// be the dead owner's, it is put back.
import lockfile from 'proper-lockfile';
import { hostname } from 'node:os';
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LockBusyError } from '../errors.js';

export interface LockOptions {
  /** How long to wait for a busy lock before giving up with a clear error. */
  waitMs: number;
  /** A lock not refreshed for this long belongs to a hung or vanished process. */
  staleMs?: number;
}

export interface HeldLock {
  /** Set when the lock was lost (e.g. the machine froze past staleMs); commit must not go on. */
  readonly lost: Error | undefined;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

const OWNER_FILE = 'owner.json';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockDir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(lockDir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined; // being created right now, or not ours: never break it
  }
}

/** Breaks the lock when its owner is a dead process of this host. True when broken. */
async function breakDeadOwner(lockDir: string): Promise<boolean> {
  const breaker = `${lockDir}-break`;
  try {
    await mkdir(breaker);
  } catch {
    // Another waiter is breaking it; a breaker that died long ago is cleared for the next try.
    const info = await stat(breaker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > 30_000) await rmdir(breaker).catch(() => {});
    return false;
  }
  try {
    const owner = await readOwner(lockDir);
    if (!owner || owner.host !== hostname() || isAlive(owner.pid)) return false;
    const aside = `${lockDir}-dead-${randomBytes(4).toString('hex')}`;
    try {
      await rename(lockDir, aside);
    } catch {
      return false;
    }
    const moved = await readOwner(aside);
    if (moved?.token !== owner.token) {
      await rename(aside, lockDir).catch(() => {});
      return false;
    }
    await rm(aside, { recursive: true, force: true });
    return true;
  } finally {
    await rmdir(breaker).catch(() => {});
  }
}

/** Takes the lock for `target` (the pool folder), waiting up to `waitMs`. */
export async function acquireLock(target: string, lockDir: string, options: LockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.waitMs;
  let lost: Error | undefined;
  let delay = 5;
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        lockfilePath: lockDir,
        realpath: false,
        stale: options.staleMs ?? 10_000,
        retries: 0,
        onCompromised: (error) => {
          lost = error;
        },
      });
      const owner: Owner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
      await writeFile(join(lockDir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
      return {
        get lost() {
          return lost;
        },
        release: async () => {
          await rm(join(lockDir, OWNER_FILE), { force: true });
          await release().catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ERELEASED') throw error;
          });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (await breakDeadOwner(lockDir)) continue;
    if (Date.now() >= deadline) {
      const owner = await readOwner(lockDir);
      const who = owner ? ` (held by pid ${owner.pid} on ${owner.host})` : '';
      throw new LockBusyError(`pool is busy: could not take the lock ${lockDir} within ${Math.round(options.waitMs / 1000)} s${who}; try again, or raise lock_wait in the pool config`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
