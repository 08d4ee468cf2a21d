// The file system proper-lockfile works through (its `fs` option), with two changes.
//
// The lock folder is made 0700: it sits in a folder of passwords.
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

type Callback<T extends unknown[] = []> = (error: NodeJS.ErrnoException | null, ...result: T) => void;

export function lockFileSystem(base: typeof fs = fs) {
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
  return {
    ...base,
    mkdir: (path: string, callback: Callback) => base.mkdir(path, { mode: 0o700 }, callback),
    stat: (path: string, callback: Callback<[fs.Stats]>) => {
      begin(path);
      base.stat(path, tracked(path, callback));
    },
    utimes: (path: string, atime: Date, mtime: Date, callback: Callback) => {
      begin(path);
      base.utimes(path, atime, mtime, tracked(path, callback));
    },
    rmdir: (path: string, callback: Callback) => {
      if (!inFlight.has(path)) return base.rmdir(path, callback);
      waiting.set(path, [...(waiting.get(path) ?? []), () => base.rmdir(path, callback)]);
    },
  };
}
