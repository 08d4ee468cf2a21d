// The events of one transaction, found by comparing each account it changed with the account as
// it was (the snapshot). One rule for every command that changes what the pool can give — import,
// the watcher, allocate, mark, release, serve — so none can forget an event or count it twice:
//
//   an account the pool did not have        → import (counted per source)
//   a new verdict (state_at moved)          → verdict (one per account)
//   a new allocation (allocated_at moved)   → allocate (counted per holder, with its level range)
//   a live hold ended or moved elsewhere    → release (counted per former holder)
//   a hold that had run out, ended or taken → expired (counted per former holder)
//
// allocate's "(checking)" reservations are neither allocations nor releases: a check is not a use.
// A passed check of a healthy account changes no state, so it makes no verdict event either.
import { isReservation, type Account } from '../model.js';
import type { Config } from '../config.js';
import type { Transaction } from '../store/transaction.js';
import type { LevelRange } from '../allocate/select.js';
import { isHeld } from '../availability.js';
import { rangeLabel } from '../level-range.js';
import { daysBetween, formatEvent, type ByLevel, type HistoryEvent } from './events.js';

export interface HistoryContext {
  /** The level range each holder asked for in this transaction (allocate's flags, serve's query). */
  ranges?: ReadonlyMap<string, LevelRange>;
}

function count(map: Map<string, { count: number; by_level: ByLevel }>, key: string, level: number): void {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = { count: 0, by_level: {} }));
  entry.count++;
  entry.by_level[level] = (entry.by_level[level] ?? 0) + 1;
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The range an allocation without a known request covers: the levels it handed out. */
function rangeOf(byLevel: ByLevel): string {
  const levels = Object.keys(byLevel).map(Number);
  return rangeLabel({ min: Math.min(...levels), max: Math.max(...levels) });
}

function verdictEvent(before: Account | undefined, after: Account, at: string): HistoryEvent {
  return {
    at,
    kind: 'verdict',
    username: after.username,
    verdict: after.state,
    level: after.level,
    source: after.source ?? null,
    days_since_import: daysBetween(after.added_at, at),
    days_since_allocation: daysBetween(before?.allocated_at, at),
  };
}

/** The events of `tx`'s changes so far. */
export function eventsOf(tx: Transaction, context: HistoryContext = {}): HistoryEvent[] {
  const at = tx.now.toISOString();
  const verdicts: HistoryEvent[] = [];
  const imports = new Map<string, { count: number; by_level: ByLevel }>();
  const allocations = new Map<string, { count: number; by_level: ByLevel }>();
  const releases = new Map<string, number>();
  const expired = new Map<string, number>();
  let n = 0;
  // The accounts an import added as columns are counted from them (after those put, in the order
  // `tx.changes` would give them): they are new, with the import's source, unless their own fields say another and a verdict.
  const fresh = tx.freshAccounts;
  for (const [key, after] of tx.putChanges) {
    const before = tx.before(key, n++);
    if (!before) count(imports, after.source ?? 'unknown', after.level);
    if (after.state_at !== undefined && after.state_at !== before?.state_at) verdicts.push(verdictEvent(before, after, at));
    const formerHolder = before?.holder;
    if (formerHolder !== undefined && !isReservation(formerHolder) && after.holder !== formerHolder) {
      add(isHeld(before!, at) ? releases : expired, formerHolder);
    }
    if (after.holder !== undefined && !isReservation(after.holder) && after.allocated_at !== undefined && after.allocated_at !== before?.allocated_at) {
      count(allocations, after.holder, after.level);
    }
  }
  // A moved account's own fields may be its source and verdict (fresh-accounts.ts CARRIED): it is
  // counted as the Account put it was before (first, in the order put), the others after.
  const carried = new Uint8Array(fresh?.size ?? 0);
  for (let i = 0; i < (fresh?.size ?? 0); i++) {
    if (!fresh!.hasExtras(i)) continue;
    const after = fresh!.account(i);
    if (after.state_at === undefined && after.source === fresh!.source && after.added_at === fresh!.addedAt) continue;
    carried[i] = 1;
    count(imports, after.source ?? 'unknown', after.level);
    if (after.state_at !== undefined) verdicts.push(verdictEvent(undefined, after, at));
  }
  for (let i = 0; i < (fresh?.size ?? 0); i++) if (carried[i] === 0) count(imports, fresh!.source, fresh!.level(i));
  return [
    ...[...imports].map(([source, e]): HistoryEvent => ({ at, kind: 'import', source, added: e.count, by_level: e.by_level })),
    ...[...expired].map(([instance, n]): HistoryEvent => ({ at, kind: 'expired', instance, count: n })),
    ...[...releases].map(([instance, n]): HistoryEvent => ({ at, kind: 'release', instance, count: n })),
    ...verdicts,
    ...[...allocations].map(([instance, e]): HistoryEvent => {
      const range = context.ranges?.get(instance);
      return { at, kind: 'allocate', instance, levels: range ? rangeLabel(range) : rangeOf(e.by_level), count: e.count, by_level: e.by_level };
    }),
  ];
}

/** Records the events of `tx` in its history lines (nothing when the config turns history off). */
export function recordHistory(tx: Transaction, config: Config, context: HistoryContext = {}): void {
  if (!config.history) return;
  for (const event of eventsOf(tx, context)) tx.record(formatEvent(event));
}
