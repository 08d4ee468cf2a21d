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
  const nowIso = now.toISOString();
  const byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<State, number>;
  const all = emptyCounts();
  const levels = new Map<number, Counts>();
  const holders = new Map<string, { accounts: number; held_until: string | undefined }>();
  for (const account of accounts) {
    const availability = availabilityOf(account, nowIso, config, ends);
    byState[account.state] = (byState[account.state] ?? 0) + 1;
    all.total++;
    all[availability]++;
    let level = levels.get(account.level);
    if (!level) levels.set(account.level, (level = emptyCounts()));
    level.total++;
    level[availability]++;
    if (availability === 'held') {
      const holder = holders.get(account.holder!) ?? { accounts: 0, held_until: undefined };
      holder.accounts++;
      const until = ends ? ends.hold(account) : account.held_until;
      if (until && (!holder.held_until || until > holder.held_until)) holder.held_until = until;
      holders.set(account.holder!, holder);
    }
  }
  return {
    total: all.total,
    byState,
    byAvailability: all,
    levels: [...levels].sort(([a], [b]) => a - b).map(([level, counts]) => ({ level, ...counts })),
    holders: [...holders].sort(([a], [b]) => (a < b ? -1 : 1)).map(([instance, h]) => ({ instance, ...h })),
  };
}
