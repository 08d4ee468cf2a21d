// Which accounts may be handed out, in which order, and why the others may not.
import { keyOf, reservationOf, type Account, type CircleStanding, type TimedStanding } from '../model.js';
import type { Config } from '../config.js';
import { availabilityOf, type SeenEnds } from '../availability.js';
import type { LazyAccount } from '../store/lazy-account.js';
import type { Transaction } from '../store/transaction.js';
import { ascending } from '../ascending.js';
import { byKey, circleOrder } from '../circle-order.js';

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

/** The circle's order of two accounts (see circleOrder). */
export function compareLru(a: Account, b: Account): number {
  return circleOrder(a, b) || byKey(keyOf(a.username), keyOf(b.username));
}

export function isOwnHold(holder: string, instance: string): boolean {
  return holder === instance || holder === reservationOf(instance);
}

type Verdict = 'available' | keyof Exclusions;

/** Whether `instance` may take an account of this standing now, or why not. */
function judgeFor(now: Date, config: Config, levels: LevelRange, instance: string, ends?: SeenEnds<TimedStanding>): (standing: CircleStanding | TimedStanding) => Verdict {
  const nowIso = now.toISOString();
  return (standing) => {
    if (standing.level < levels.min || standing.level > levels.max) return 'wrongLevel';
    // Its own holdings (and reservations left by its own crashed run) are judged as if free.
    const own = standing.holder !== undefined && isOwnHold(standing.holder, instance);
    return availabilityOf(own ? { ...standing, holder: undefined } : standing, nowIso, config, ends);
  };
}

/**
 * Accounts `instance` may take now, in LRU order (`available` of them). Its own current holdings count as available
 * (they come last, having just been used); anyone else's unexpired hold does not (`ends`: when
 * other hosts' holds end as this host sees them). Judged by each account's standing, so only the
 * accounts taken from the list are ever parsed whole; where other hosts' clocks are in play
 * (`ends`), their rule reads each account's timed standing (LazyAccount.timed), off its line too.
 */
export function candidates(accounts: readonly LazyAccount[], now: Date, config: Config, levels: LevelRange, instance: string, ends?: SeenEnds<TimedStanding>): { list: Iterable<LazyAccount>; available: number; excluded: Exclusions } {
  const judge = judgeFor(now, config, levels, instance, ends);
  const excluded: Exclusions = { wrongLevel: 0, cooling: 0, held: 0, retired: 0 };
  const list: LazyAccount[] = [];
  for (const lazy of accounts) {
    const verdict = judge(ends ? lazy.timed() : lazy.standing);
    if (verdict === 'available') list.push(lazy);
    else excluded[verdict]++;
  }
  // In order only as far as the caller takes them (ascending.ts).
  return { list: ascending(list, (a, b) => circleOrder(a, b) || byKey(a.key, b.key)), available: list.length, excluded };
}

/**
 * `candidates` among the accounts of `tx` (its changes so far applied): from its circle view where
 * it has one (circle-view.ts: only the accounts taken are read), else from every account.
 *
 * Over the view with other hosts' holds and rests timed on this host's clock (`tx.seenEnds`), the
 * standings are judged as written, then each account listed judged again, whole, by `ends` as the
 * caller takes it (the caller reads each one whole anyway). A hold or rest seen here never ends
 * before its written end (clock-sightings.ts `endFrom`), so an account the standings exclude is
 * excluded by `ends` too: the list is the whole read's, in the same order. The counts are the
 * whole read's once the caller went through the list (every account it excludes is met there);
 * before, `available` may count accounts `ends` holds longer. They are read off the returned
 * object, kept up to date as the list is taken.
 */
export function candidatesIn(tx: Transaction, config: Config, levels: LevelRange, instance: string): { list: Iterable<LazyAccount>; available: number; excluded: Exclusions } {
  const view = tx.circleView;
  if (!view) return candidates(tx.lazyAccounts(), tx.now, config, levels, instance, tx.seenEnds);
  const { tally, list } = view.circle(judgeFor(tx.now, config, levels, instance), 'available', tx.changes);
  const n = (verdict: Verdict) => tally.get(verdict) ?? 0;
  const found = { list, available: n('available'), excluded: { wrongLevel: n('wrongLevel'), cooling: n('cooling'), held: n('held'), retired: n('retired') } };
  const ends = tx.seenEnds;
  if (!ends) return found;
  const exact = judgeFor(tx.now, config, levels, instance, ends);
  found.list = {
    *[Symbol.iterator]() {
      for (const lazy of list) {
        const verdict = exact(lazy.account());
        if (verdict === 'available') {
          yield lazy;
          continue;
        }
        found.available--;
        found.excluded[verdict]++;
      }
    },
  };
  return found;
}

/** The accounts of `tx` (its changes so far applied) that `instance` holds or has reserved. */
export function ownHolds(tx: Transaction, instance: string): LazyAccount[] {
  const own = (holder: string) => isOwnHold(holder, instance);
  if (tx.circleView) return tx.circleView.heldBy(own, tx.changes);
  // The holder alone decides: no account's time read for it (lazyAccounts' timed read).
  return tx.lazyAccounts(false).filter((lazy) => lazy.standing.holder !== undefined && own(lazy.standing.holder));
}
