// The pool's numbers as `status` and the server's /status give them, counted the cheapest way
// that is exact: by the shards' derived standings summaries (Pool.standingCounts) for a pool of
// its own, by every account for a pool shared through git (the clocks' seen ends need them whole).
import { groupedPoolStats, poolStats, type PoolStats } from '../pool-stats.js';
import type { Pool } from '../store/pool.js';
import type { Snapshot } from '../store/snapshot.js';
import { endsTooLate } from './future-dated.js';

/**
 * The pool's numbers, how many shard files hold them, and what is lost against the record of the
 * shards, the accounts held twice (each writer refuses them: integrity.ts); `endsTooLate`: some hold or rest ends later than one written now could (future-dated.ts).
 * `snapshot`: the pool read whole, where it was (a pool shared through git), for the caller's
 * other questions: a second read of it (a paged lookup, a whole read) cost as much again.
 */
export async function countPool(pool: Pool): Promise<{ stats: PoolStats; shards: number; lost: string[]; twice: string[]; endsTooLate: boolean; snapshot?: Snapshot }> {
  if (!pool.seenView) {
    // Counting as written needs a few fields of each account, counted by the shards' summaries.
    const counted = await pool.standingCounts();
    const late = endsTooLate((function* () { for (const [standing] of counted.groups) yield standing; })(), pool.now(), pool.config);
    return { stats: groupedPoolStats(counted.groups, pool.now(), pool.config), shards: counted.shards, lost: counted.lost, twice: counted.twice, endsTooLate: late };
  }
  // Seen ends need accounts whole (clock-sightings.ts).
  const { snapshot, lost, twice } = await pool.readWithLosses();
  const ends = await pool.seenView(() => snapshot.accounts(), pool.now(), false);
  const stats = ends ? poolStats(snapshot.accounts(), pool.now(), pool.config, ends) : poolStats(snapshot.standings(), pool.now(), pool.config);
  return { stats, shards: snapshot.shards.length, lost, twice, endsTooLate: endsTooLate(snapshot.standings(), pool.now(), pool.config), snapshot };
}
