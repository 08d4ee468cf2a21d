// When the pool has outgrown its shard count (src/store/reshard.ts), who reshards it, and what
// the operator is told.
//
// A pool of its own reshards at the end of the writing command that made it outgrow its shards
// (import, the watcher's imports): nobody has to notice. A pool shared through git never reshards
// by itself: the new layout is a change every clone must take, and a host that committed on the
// old layout meanwhile would have to replay its commits (see docs/git.md); so `status` and the
// writing command say what to run, and `verify --fix` does it on the one host the operator picks.
import type { Pool, TransactionOptions } from '../store/pool.js';
import { RESHARD_ABOVE, reshardTarget } from '../store/reshard.js';
import { readRecord } from '../store/integrity.js';
import { sharedThroughGit } from './open-pool.js';
import { counted } from '../counted-noun.js';

/** The count the pool should grow to, or undefined when its shards fit its accounts. */
export function reshardDue(pool: Pool, accounts: number): number | undefined {
  return reshardTarget(accounts, pool.config.shards);
}

/** What `status` (and a writing command on a git pool) says when the pool should reshard. */
export function reshardHint(pool: Pool, accounts: number, git: boolean): string | undefined {
  const to = reshardDue(pool, accounts);
  if (to === undefined) return undefined;
  const each = Math.round(accounts / pool.config.shards).toLocaleString('en-US');
  const outgrown = `the pool has outgrown its ${counted(pool.config.shards, 'shard')} (${each} accounts each on average)`;
  return git
    ? `${outgrown}: run \`accountpool verify --fix\` on one host to reshard it to ${to}, then \`accountpool sync\` on every host`
    : `${outgrown}: the next import reshards it to ${to}, or run \`accountpool verify --fix\` now`;
}

/** At the end of a writing command: reshards a pool of its own that outgrew its shards; on a git pool, says what to run. */
export async function growIfDue(pool: Pool, log: (line: string) => void): Promise<void> {
  const accounts = await accountsOf(pool);
  if (reshardDue(pool, accounts) === undefined) return;
  if (await sharedThroughGit(pool.layout.dir)) {
    log(reshardHint(pool, accounts, true)!);
    return;
  }
  try {
    const done = await reshardIfOutgrown(pool, accounts);
    if (done) log(done);
  } catch (error) {
    // What the command did is committed already; a reshard that fails is rolled back whole.
    log(`accountpool: warning: could not reshard the pool (${(error as Error).message}); it is as it was, and the next import tries again`);
  }
}

/**
 * For an import's transaction: where the pool may reshard by itself (not shared through git), it
 * reshards before the import's commit when the import will make it outgrow its shards, so the
 * new accounts are written once, into the new count (Pool.transaction's `reshardFirst`). growIfDue
 * at the command's end still reshards a pool that outgrew its shards otherwise (a hand edit).
 */
export async function reshardingFirst(pool: Pool, log: (line: string) => void): Promise<Pick<TransactionOptions, 'reshardFirst' | 'resharded'>> {
  if (await sharedThroughGit(pool.layout.dir)) return {};
  return { reshardFirst: (shards, accounts) => reshardTarget(accounts, shards), resharded: (from, to) => log(reshardedLine(from, to)) };
}

/** What is said when the pool resharded itself. */
function reshardedLine(from: number, to: number): string {
  return `resharded the pool: ${from} -> ${to} shards (more than ${RESHARD_ABOVE.toLocaleString('en-US')} accounts a shard)`;
}

/**
 * Reshards the pool when it has outgrown its shards; says so. The count asked here (the caller's
 * when it has one, else the pool as read) only spares the fold and commit below when nothing is
 * due: the reshard decides again under the lock, where another process may have resharded meanwhile.
 */
export async function reshardIfOutgrown(pool: Pool, accounts?: number): Promise<string | undefined> {
  if (reshardDue(pool, accounts ?? (await pool.read()).size) === undefined) return undefined;
  // The reshard commit must change the layout and nothing else, so that a host that has not
  // published its commits can make the same step and replay them (src/git/reshard-replay.ts):
  // the change log's records, and on a git pool any change not committed yet, go in first.
  await pool.fold();
  if (await sharedThroughGit(pool.layout.dir)) {
    // The git code only for a pool shared through git: it would load node:child_process into every import.
    const [{ underPoolLock }, { commitPoolChanges }] = await Promise.all([import('../git/pool-lock.js'), import('../git/commit.js')]);
    await underPoolLock(pool, () => commitPoolChanges(pool.layout.dir, 'commit pool changes left out of git, before resharding'));
  }
  const done = await pool.reshard((shards, accounts) => reshardTarget(accounts, shards));
  return done && reshardedLine(done.from, done.to);
}

/**
 * The accounts the record of the shards counted at the last write (src/store/manifest.ts): one
 * small file instead of a read of the pool (seconds at 1,000,000 accounts). The pool is read only
 * when the record does not say (none yet, a `?` left by a git merge, unreadable).
 */
async function accountsOf(pool: Pool): Promise<number> {
  const read = await readRecord(pool.layout.manifest);
  const counts = [...(read.record?.manifest.values() ?? [undefined])];
  return counts.every((n) => n !== undefined) ? counts.reduce((a, b) => a + b, 0) : (await pool.read()).size;
}
