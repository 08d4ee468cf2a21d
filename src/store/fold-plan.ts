// Which shards a transaction folds (writes the change log's records into), and when: the partial,
// round-robin folds of docs/scale-log.md ("Partial folds").
//
// Why partial: folding the whole log rewrites every shard the log touches, which for allocations
// spread by username hash is the whole pool (17 MB at 100,000 accounts, 160 MB at 1,000,000) in one
// command, and in git that many megabytes of new objects. Folding a few shards per transaction, the
// least recently folded first, spreads the same work evenly: no transaction writes more than the
// budget, whatever the pool's size.
//
// When: once the records not yet in their shards pass the log's capacity, a transaction folds
// shards until they are back at it (a `step` folds toward none: serve's idle moments). The oldest
// fold comes first, so every shard is folded once per cycle, which is what lets the log's previous
// segment go (pool.ts).
//
// The cycle's share: folding only until the records are back at the capacity does not make every
// shard come round. Allocations walk the pool shard by shard (never-used accounts go in import
// order), so the walk's shard alone holds the records a transaction must fold, while a few old
// records (a `mark` of accounts spread over every shard) sit in every shard ahead of it, never
// folded: the segment could not turn, the log filled after ~36 allocations at 100,000 accounts and
// that allocation wrote 15.8 MB (docs/scale-log.md, stop 64 S). So each fold also takes its share of
// the shards not folded since the current segment began (those that hold the log's floor), enough
// that all are folded by the time the segment holds CYCLE_CAPACITIES capacities of record lines.
import type { FoldState } from './log-view.js';

/**
 * Bytes one transaction may write by folding (at least one shard is folded when any is due): the
 * shard files, and for a fold over the circle indexes the index of each shard folded (pool.ts
 * `leanFold`, about a third more). An allocation of 400 writes ~0.8 MB of its own (its log
 * entry, the accounts file, the caches): with this it stays under issue 16's 4 MB.
 */
export const FOLD_BUDGET_BYTES = 2.5 * 1024 * 1024;

export interface FoldPlan {
  /** Every shard the fold entry names: those written, and those with nothing pending (a mark only). */
  names: string[];
  /** Indexes (in the fold state's shards) of the shards to write. */
  write: number[];
  /** Whether no record is left pending after it: the log can go. */
  drained: boolean;
}

/** The bytes a shard's file has, as read (estimated from its lines where its bytes were not kept). */
export function shardFileBytes(state: FoldState['bases'][number]): number {
  const length = state.fileLength; // not state.bytes: that joins pieces, or reads a paged file again
  if (length !== undefined) return length;
  let n = 0;
  for (const line of state.lines) n += (line?.length ?? 200) + 1;
  return n;
}

/**
 * Record lines, in log capacities, the current segment may hold before every shard with a record
 * in it has been folded since it began (and so it turns): the previous segment and the current
 * one then hold ~2 x 2.5 capacities at most, under LOG_LIMIT (6, pool.ts), and a reader reads
 * about one cycle past the floor. Where accounts are spread over the shards by hash, folding back
 * to the capacity alone goes round in ~2 capacities: this share then adds no shard (less than 2.5
 * would: its rounding up takes one shard more than the capacity needs, ~15 % more bytes).
 */
export const CYCLE_CAPACITIES = 2.5;

/** Where the log is in its cycle: what a fold's share of the cycle is worked out from. */
export interface FoldCycle {
  /** The current segment's first position: a shard last folded before it was not folded this cycle. */
  start: number;
  /** Record lines in the current segment, this transaction's included. */
  since: number;
  /** Record lines this transaction adds (at least 1). */
  adding: number;
  /** Record lines the segment may hold before the cycle is done (CYCLE_CAPACITIES capacities). */
  length: number;
}

/** What choosing the shards to fold needs: the shards' names and file sizes, what is pending in each, where each was last folded, where the log is in its cycle (none: the capacity alone). */
export interface FoldChoice {
  names: readonly string[];
  bytesOf(s: number): number;
  pending: ReadonlyMap<string, number>;
  records: number;
  marks: ReadonlyMap<string, number>;
  cycle?: FoldCycle;
}

/** The cycle of a log whose current segment begins at `start` and holds `since` record lines (this transaction's `adding` among them), for a log of `capacity` records. */
export function cycleOf(start: number, since: number, adding: number, capacity: number): FoldCycle {
  return { start, since, adding: Math.max(1, adding), length: Math.ceil(CYCLE_CAPACITIES * capacity) };
}

/** A fold state as a fold choice (the whole read's: pool.ts `foldAfterLog`); `adding`: the record lines the transaction just appended. */
export function choiceOf(state: FoldState, capacity: number, adding: number): FoldChoice {
  return {
    names: state.bases.map((b) => b.name),
    bytesOf: (s) => shardFileBytes(state.bases[s]!),
    pending: state.pending,
    records: state.records,
    marks: state.marks,
    cycle: cycleOf(state.currentStart, state.lines - state.previousLines, adding, capacity),
  };
}

/**
 * How many of the shards not folded since the current segment began (with a record pending) this
 * fold takes: its share, so that they are all folded by the time the segment holds the cycle's
 * length of record lines; all of them once it does.
 */
export function cycleShare(state: FoldChoice): number {
  const { cycle } = state;
  if (!cycle) return 0;
  let behind = 0;
  for (const name of state.names) if ((state.pending.get(name) ?? 0) > 0 && (state.marks.get(name) ?? -1) < cycle.start) behind++;
  const room = cycle.length - cycle.since;
  return room <= cycle.adding ? behind : Math.ceil((behind * cycle.adding) / room);
}

/**
 * Whether `planFold` may find a fold due: past the target, or with the segment holding more record
 * lines than it (the cycle's share). The callers' cheap test before the shards are looked at.
 */
export function mayBeDue(records: number, cycle: FoldCycle | undefined, target: number): boolean {
  return records > target || (cycle !== undefined && cycle.since > target);
}

/**
 * The shards to fold so that at most `target` records stay pending and the cycle's share is
 * folded (`cycleShare`), least recently folded first (then those with the most pending, then by
 * name), within `budget` bytes (but at least one shard). Undefined when none is due.
 */
export function planFold(state: FoldChoice, target: number, budget = FOLD_BUDGET_BYTES): FoldPlan | undefined {
  // Due past the capacity; and, once the segment holds more record lines than that, for the
  // cycle's share alone: a fold of several shards takes the records well under the capacity, and
  // the transactions after it folded nothing, so the cycle fell behind (at 100,000 accounts the
  // segment turned after 4 capacities, not 2.5). A log short of the capacity never folds.
  let share = cycleShare(state);
  if (state.records <= target && !(share > 0 && state.cycle!.since > target)) return undefined;
  const markOf = (s: number) => state.marks.get(state.names[s]!) ?? -1;
  const pendingOf = (s: number) => state.pending.get(state.names[s]!) ?? 0;
  // Among shards folded at the same place (never, at first), the one with the most pending first:
  // it brings the records back to the target soonest, so the cycle's share goes further.
  const order = state.names.map((_, s) => s).sort((a, b) => markOf(a) - markOf(b) || pendingOf(b) - pendingOf(a) || (state.names[a]! < state.names[b]! ? -1 : 1));
  // The shards not folded this cycle come first in that order (their marks are older): the share is taken from the front.
  const names: string[] = [];
  const write: number[] = [];
  let bytes = 0;
  let full = false;
  let remaining = state.records;
  for (const s of order) {
    const name = state.names[s]!;
    const pending = pendingOf(s);
    if (pending === 0) {
      // Nothing of the log is for it: marked folded for nothing, so the cycle goes on past it.
      names.push(name);
      continue;
    }
    if ((remaining <= target && share <= 0) || full) continue;
    const size = state.bytesOf(s);
    // In order or not at all: the least recently folded waits for the next transaction, first.
    if (write.length > 0 && bytes + size > budget) {
      full = true;
      continue;
    }
    names.push(name);
    write.push(s);
    bytes += size;
    remaining -= pending;
    if (state.cycle && markOf(s) < state.cycle.start) share--;
  }
  return { names, write, drained: remaining === 0 };
}

/** Whether every shard was folded since the current segment began: the previous one holds nothing pending any more. */
export function cycleDone(state: { names: readonly string[]; marks: ReadonlyMap<string, number>; currentStart: number }): boolean {
  return state.names.every((name) => (state.marks.get(name) ?? -1) >= state.currentStart);
}
