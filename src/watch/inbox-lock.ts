// One watcher per inbox. Two watchers on one folder would import the same dump side by side
// (harmless for the pool) but also race to move it and to pick free names in imported/ and
// failed/ — and move.ts relies on being the only one choosing names there.
//
// It is the pool's own lock code (store/lock.ts) on a separate lock folder inside the inbox
// (`.accountpool-watch.lock`, hidden, so the watcher ignores it): a watcher killed with SIGKILL
// leaves a lock whose owner is dead, and the next one breaks it at once; a live watcher's lock is
// never broken. The pool lock is not involved: a watcher waiting for a file to settle must not
// keep allocations out of the pool.
import { join } from 'node:path';
import { acquireLock, type HeldLock } from '../store/lock.js';
import { AppError, LockBusyError } from '../errors.js';

export const INBOX_LOCK = '.accountpool-watch.lock';

export async function lockInbox(inbox: string): Promise<HeldLock> {
  try {
    // A short wait: long enough to break a dead owner's lock, short enough to tell a user who
    // started a second watcher at once.
    return await acquireLock(inbox, join(inbox, INBOX_LOCK), { waitMs: 1000 });
  } catch (error) {
    if (error instanceof LockBusyError) {
      throw new AppError(`another watcher is already working on the inbox ${inbox}${error.holder ? ` (${error.holder})` : ''}; stop it first, or give this one another --inbox`);
    }
    throw error;
  }
}
