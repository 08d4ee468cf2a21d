// Which accounts may be handed out, in which order, and why the others may not.
import { keyOf, reservationOf, type Account } from '../model.js';
import type { Config } from '../config.js';
import { availabilityOf, type SeenEnds } from '../availability.js';

export interface LevelRange {
  min: number;
  max: number;
}

/** Why the pool holds fewer candidates than asked for (for the "pool ran dry" message). */
export interface Exclusions {
  wrongLevel: number;
  cooling: number;
  held: number;
  retired: number;
}

/**
 * The circle: never-used accounts first in import order, then the least recently allocated,
 * ties by username, so the same pool always gives the same answer.
 */
export function compareLru(a: Account, b: Account): number {
  if (a.allocated_at === undefined || b.allocated_at === undefined) {
    if (a.allocated_at !== b.allocated_at) return a.allocated_at === undefined ? -1 : 1;
    if (a.seq !== b.seq) return a.seq - b.seq;
  } else if (a.allocated_at !== b.allocated_at) {
    return a.allocated_at < b.allocated_at ? -1 : 1;
  }
  const ka = keyOf(a.username);
  const kb = keyOf(b.username);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function isOwnHold(holder: string, instance: string): boolean {
  return holder === instance || holder === reservationOf(instance);
}

/**
 * Accounts `instance` may take now, in LRU order. Its own current holdings count as available
 * (they come last, having just been used); anyone else's unexpired hold does not (`ends`: when
 * other hosts' holds end as this host sees them).
 */
export function candidates(accounts: Iterable<Account>, now: Date, config: Config, levels: LevelRange, instance: string, ends?: SeenEnds): { list: Account[]; excluded: Exclusions } {
  const nowIso = now.toISOString();
  const excluded: Exclusions = { wrongLevel: 0, cooling: 0, held: 0, retired: 0 };
  const list: Account[] = [];
  for (const account of accounts) {
    if (account.level < levels.min || account.level > levels.max) {
      excluded.wrongLevel++;
      continue;
    }
    // Its own holdings (and reservations left by its own crashed run) are judged as if free.
    const own = account.holder !== undefined && isOwnHold(account.holder, instance);
    const availability = availabilityOf(own ? { ...account, holder: undefined } : account, nowIso, config, ends);
    if (availability === 'available') list.push(account);
    else excluded[availability]++;
  }
  list.sort(compareLru);
  return { list, excluded };
}
