// git steps that rewrite the working tree (rebase) or commit it run under the pool lock, like a
// transaction: otherwise a transaction could read a half-rebased pool, or rename its shard over
// one git is checking out and lose either change.
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from '../store/pool.js';
import { acquireLock } from '../store/lock.js';
import { recover } from '../store/journal.js';
import { AppError } from '../errors.js';

/** Runs `work` holding the pool lock, after finishing or rolling back a transaction a crash left behind. */
export async function underPoolLock<T>(pool: Pool, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(pool.layout.dir, pool.layout.lock, { waitMs: pool.config.lock_wait, signal: pool.waitSignal });
  try {
    await recover(pool.layout.journal);
    // A copy of a pool in use (pool-place.ts) neither commits nor rebases nor pushes: a sync would
    // publish holds and hand-outs the pool it was copied from makes too.
    const refused = await pool.placeRefusal?.();
    if (refused !== undefined) throw new AppError(refused);
    return await work();
  } finally {
    await lock.release();
  }
}

/**
 * git writes the files it checks out with the umask's mode (usually 0644, folders 0755), and a
 * clone starts that way too. The pool holds passwords: folders back to 0700, files to 0600.
 */
export async function tightenModes(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  await chmod(join(dir, 'accountpool.yaml'), 0o600).catch(() => {});
  // The shards hold passwords; the history names accounts, instances and sellers: both private.
  for (const [folder, ending] of [['shards', '.yaml'], ['history', '.txt']] as const) {
    await chmod(join(dir, folder), 0o700).catch(() => {});
    const entries = await readdir(join(dir, folder)).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => e.endsWith(ending)).map((e) => chmod(join(dir, folder, e), 0o600).catch(() => {})));
  }
}
