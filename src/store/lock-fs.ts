// The file system proper-lockfile works through (its `fs` option), with three changes.
//
// The lock folder is made 0700: it sits in a folder of passwords.
//
// The lock folder holds its owner file, and goes with it. `made` names the owner inside the new
// folder before proper-lockfile sets the folder's mtime (which its refresh then checks), and
// letting go renames the folder aside before removing it: the lock and the name of its holder
// disappear in one step. A holder killed while letting go leaves either its lock with its owner
// (dead: broken at once) or no lock at all, never a lock without an owner, which every waiter
// would have to wait out for the stale time. (Before, the owner file lay beside the folder and was
// removed first; a watcher killed between the two held everyone up for 10 s.)
//
// Removing the lock waits for the refresh in flight. proper-lockfile refreshes its lock every
// second with a stat (is the mtime still ours?) and then a utimes, and checks whether the lock was
// released only when the utimes has returned (updateLock in its lib/lockfile.js): a release
// (rmdir) that lands between them lets the utimes hit the *next* holder's lock folder at the same
// path, whose own refresh then finds a foreign mtime and gives its lock up as compromised. Under
// load the soak saw exactly that ("lost the pool lock (Unable to update lock within the stale
// threshold)" with no lock broken). Counting the stat and utimes calls in flight per folder, and
// making rmdir wait until there are none, closes it: once released, no new refresh starts.
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';

type Callback<T extends unknown[] = []> = (error: NodeJS.ErrnoException | null, ...result: T) => void;

/** Where a lock folder goes when let go (and, broken, in lock.ts): beside it, never reused. */
export function asideOf(lockDir: string, why: 'released' | 'dead'): string {
  return `${lockDir}-${why}-${randomBytes(4).toString('hex')}`;
}

/**
 * Thrown by `made` when the folder at the path already names another owner: it is not the folder
 * we made (see nameOwner in lock.ts). It stays; proper-lockfile is told the lock exists.
 */
export class NotOurLock extends Error {
  readonly code = 'EEXIST';
  constructor(lockDir: string) {
    super(`${lockDir} names another owner`);
    this.name = 'NotOurLock';
  }
}

/** `made(path)`: writes the owner file into a lock folder just made; when it fails, the folder is removed again (unless it is another's). */
export function lockFileSystem(base: typeof fs = fs, made?: (path: string) => Promise<void>) {
  const inFlight = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  const begin = (path: string) => inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
  const end = (path: string) => {
    const left = (inFlight.get(path) ?? 1) - 1;
    if (left > 0) return void inFlight.set(path, left);
    inFlight.delete(path);
    for (const wake of waiting.get(path)?.splice(0) ?? []) wake();
  };
  // The callback runs before `end`: a stat's callback issues its utimes first, so the count never
  // touches zero between the two.
  const tracked =
    <T extends unknown[]>(path: string, callback: Callback<T>): Callback<T> =>
    (error, ...result) => {
      try {
        callback(error, ...result);
      } finally {
        end(path);
      }
    };
  const remove = (path: string, callback: Callback) => {
    const aside = asideOf(path, 'released');
    base.rename(path, aside, (error) => {
      if (error) return callback(error);
      base.rm(aside, { recursive: true, force: true }, () => callback(null));
    });
  };
  return {
    ...base,
    mkdir: (path: string, callback: Callback) =>
      base.mkdir(path, { mode: 0o700 }, (error) => {
        if (error || !made) return callback(error);
        made(path).then(
          () => callback(null),
          (failed: NodeJS.ErrnoException) => (failed instanceof NotOurLock ? callback(failed) : base.rm(path, { recursive: true, force: true }, () => callback(failed))),
        );
      }),
    stat: (path: string, callback: Callback<[fs.Stats]>) => {
      begin(path);
      base.stat(path, tracked(path, callback));
    },
    utimes: (path: string, atime: Date, mtime: Date, callback: Callback) => {
      begin(path);
      base.utimes(path, atime, mtime, tracked(path, callback));
    },
    rmdir: (path: string, callback: Callback) => {
      if (!inFlight.has(path)) return remove(path, callback);
      waiting.set(path, [...(waiting.get(path) ?? []), () => remove(path, callback)]);
    },
    // At exit, for a lock still held (proper-lockfile's exit handler).
    rmdirSync: (path: string) => {
      const aside = asideOf(path, 'released');
      base.renameSync(path, aside);
      base.rmSync(aside, { recursive: true, force: true });
    },
  };
}
