// The pool's numbers as `status` and the server's /status give them, counted the cheapest way
// that is exact: by the shards' derived standings summaries (Pool.standingCounts) for a pool of
// its own, by their timed summaries for a pool shared through git (the clocks' seen ends need each
// account's timed standing: Pool.timedCounts, with a change log's pending records over their
// shards' lines), by every account where only the whole read can say.
import { groupedPoolStats, poolStatsEach, type PoolStats } from '../pool-stats.js';
import type { TimedStanding } from '../model.js';
import type { Pool } from '../store/pool.js';
import type { Snapshot } from '../store/snapshot.js';
import { endsTooLate, endsTooLateTest } from './future-dated.js';

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
  // Seen ends need each account's timed standing (clock-sightings.ts): counted by value off the
  // shards' timed summaries (an unchanged pool reads no shard), or read off each line, one at a
  // time, counted and checked for late ends in one pass. Every account parsed whole for them was
  // most of a status's time and peak at 1,000,000 accounts (docs/scale-log.md, stop 54 Y).
  const counted = await pool.timedCounts();
  if (counted) {
    const now = pool.now();
    const ends = await pool.seenView((visit) => counted.groups.forEach(([timed]) => visit(timed)), now, false);
    const tooLate = endsTooLateTest(now, pool.config);
    const late = counted.groups.some(([timed]) => tooLate(timed));
    return { stats: groupedPoolStats(counted.groups, now, pool.config, ends), shards: counted.shards, lost: counted.lost, twice: [], endsTooLate: late };
  }
  const { snapshot, lost, twice } = await pool.readWithLosses();
  const now = pool.now();
  const ends = await pool.seenView((visit) => snapshot.eachTimed(visit), now, false);
  const tooLate = endsTooLateTest(now, pool.config);
  let late = false;
  const stats = poolStatsEach<TimedStanding>(
    (visit) =>
      snapshot.eachTimed((timed) => {
        visit(timed);
        if (!late && tooLate(timed)) late = true;
      }),
    now,
    pool.config,
    ends,
  );
  return { stats, shards: snapshot.shards.length, lost, twice, endsTooLate: late, snapshot };
}
