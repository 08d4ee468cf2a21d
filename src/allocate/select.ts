// Which accounts may be handed out, in which order, and why the others may not.
import { keyOf, reservationOf, type Account, type CircleStanding } from '../model.js';
import type { Config } from '../config.js';
import { availabilityOf, type SeenEnds } from '../availability.js';
import type { LazyAccount } from '../store/lazy-account.js';
import { ascending } from './ascending.js';

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

/** What the circle's order reads of an account (a LazyAccount reads `seq` off its line only when asked). */
interface InCircle {
  readonly allocated_at?: string;
  readonly seq: number;
}

/**
 * The circle: never-used accounts first in import order, then the least recently allocated;
 * 0 for a tie, which the callers break by key (the lower-cased usernames), so the same pool
 * always gives the same answer. The keys are made only for a tie: serve compares every account
 * of the pool with the worst of its best k on every batch, and lower-casing two usernames per
 * comparison there cost a third more CPU per request.
 */
function circleOrder(a: InCircle, b: InCircle): number {
  if (a.allocated_at === undefined || b.allocated_at === undefined) {
    if (a.allocated_at !== b.allocated_at) return a.allocated_at === undefined ? -1 : 1;
    return a.seq - b.seq;
  }
  return a.allocated_at === b.allocated_at ? 0 : a.allocated_at < b.allocated_at ? -1 : 1;
}

function byKey(ka: string, kb: string): number {
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The circle's order of two accounts (see circleOrder). */
export function compareLru(a: Account, b: Account): number {
  return circleOrder(a, b) || byKey(keyOf(a.username), keyOf(b.username));
}

export function isOwnHold(holder: string, instance: string): boolean {
  return holder === instance || holder === reservationOf(instance);
}

/**
 * Accounts `instance` may take now, in LRU order (`available` of them). Its own current holdings count as available
 * (they come last, having just been used); anyone else's unexpired hold does not (`ends`: when
 * other hosts' holds end as this host sees them). Judged by each account's standing, so only the
 * accounts taken from the list are ever parsed whole; where other hosts' clocks are in play
 * (`ends`), their rule reads whole accounts.
 */
export function candidates(accounts: readonly LazyAccount[], now: Date, config: Config, levels: LevelRange, instance: string, ends?: SeenEnds): { list: Iterable<LazyAccount>; available: number; excluded: Exclusions } {
  const nowIso = now.toISOString();
  const excluded: Exclusions = { wrongLevel: 0, cooling: 0, held: 0, retired: 0 };
  const list: LazyAccount[] = [];
  for (const lazy of accounts) {
    const standing: CircleStanding = ends ? lazy.account() : lazy.standing;
    if (standing.level < levels.min || standing.level > levels.max) {
      excluded.wrongLevel++;
      continue;
    }
    // Its own holdings (and reservations left by its own crashed run) are judged as if free.
    const own = standing.holder !== undefined && isOwnHold(standing.holder, instance);
    const availability = availabilityOf(own ? { ...standing, holder: undefined } : standing, nowIso, config, ends);
    if (availability === 'available') list.push(lazy);
    else excluded[availability]++;
  }
  // In order only as far as the caller takes them (ascending.ts).
  return { list: ascending(list, (a, b) => circleOrder(a, b) || byKey(a.key, b.key)), available: list.length, excluded };
}
