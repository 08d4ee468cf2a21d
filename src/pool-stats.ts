// The numbers `status` prints and the server's /status answers: one computation for both.
import { STATES, type Standing, type State } from './model.js';
import type { Config } from './config.js';
import { availabilityOf, type Availability, type SeenEnds } from './availability.js';

export type Counts = Record<Availability, number> & { total: number };

export interface PoolStats {
  total: number;
  byState: Record<State, number>;
  byAvailability: Counts;
  /** One row per level present in the pool, lowest first. */
  levels: ({ level: number } & Counts)[];
  /** Instances holding accounts now, with how many and until when (the latest hold). */
  holders: { instance: string; accounts: number; held_until: string | undefined }[];
}

function emptyCounts(): Counts {
  return { total: 0, available: 0, held: 0, cooling: 0, retired: 0 };
}

/**
 * `accounts`: whole, or only the fields counted here (Snapshot.standings). `ends`: when other hosts'
 * holds and rests end as this host sees them (the held_until shown is that end).
 */
export function poolStats<A extends Standing>(accounts: Iterable<A>, now: Date, config: Config, ends?: SeenEnds<A>): PoolStats {
  const stats = new Tally(now, config, ends);
  for (const account of accounts) stats.add(account, 1);
  return stats.result();
}

/**
 * poolStats of the accounts `each` hands, one at a time, to the function it is given: a reader that
 * keeps none of them (Snapshot.eachTimed) counts a pool without an array of every account.
 */
export function poolStatsEach<A extends Standing>(each: (visit: (account: A) => void) => void, now: Date, config: Config, ends?: SeenEnds<A>): PoolStats {
  const stats = new Tally(now, config, ends);
  each((account) => stats.add(account, 1));
  return stats.result();
}

/** poolStats of accounts counted by standing (Pool.standingCounts, Pool.timedCounts): each standing with how many accounts have it. */
export function groupedPoolStats<A extends Standing>(groups: Iterable<[A, number]>, now: Date, config: Config, ends?: SeenEnds<A>): PoolStats {
  const stats = new Tally(now, config, ends);
  for (const [standing, n] of groups) stats.add(standing, n);
  return stats.result();
}

class Tally<A extends Standing> {
  private readonly nowIso: string;
  private readonly byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<State, number>;
  private readonly all = emptyCounts();
  private readonly levels = new Map<number, Counts>();
  private readonly holders = new Map<string, { accounts: number; held_until: string | undefined }>();

  constructor(
    now: Date,
    private readonly config: Config,
    private readonly ends?: SeenEnds<A>,
  ) {
    this.nowIso = now.toISOString();
  }

  /** `n` accounts of `account`'s standing. */
  add(account: A, n: number): void {
    const { byState, all, levels, holders, ends } = this;
    const availability = availabilityOf(account, this.nowIso, this.config, ends);
    byState[account.state] = (byState[account.state] ?? 0) + n;
    all.total += n;
    all[availability] += n;
    let level = levels.get(account.level);
    if (!level) levels.set(account.level, (level = emptyCounts()));
    level.total += n;
    level[availability] += n;
    if (availability === 'held') {
      const holder = holders.get(account.holder!) ?? { accounts: 0, held_until: undefined };
      holder.accounts += n;
      const until = ends ? ends.hold(account) : account.held_until;
      if (until && (!holder.held_until || until > holder.held_until)) holder.held_until = until;
      holders.set(account.holder!, holder);
    }
  }

  result(): PoolStats {
    const { byState, all, levels, holders } = this;
    return {
      total: all.total,
      byState,
      byAvailability: all,
      levels: [...levels].sort(([a], [b]) => a - b).map(([level, counts]) => ({ level, ...counts })),
      holders: [...holders].sort(([a], [b]) => (a < b ? -1 : 1)).map(([instance, h]) => ({ instance, ...h })),
    };
  }
}
