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

/** What choosing the shards to fold needs: the shards' names and file sizes, what is pending in each, where each was last folded. */
export interface FoldChoice {
  names: readonly string[];
  bytesOf(s: number): number;
  pending: ReadonlyMap<string, number>;
  records: number;
  marks: ReadonlyMap<string, number>;
}

/** A fold state as a fold choice (the whole read's: pool.ts `foldAfterLog`). */
export function choiceOf(state: FoldState): FoldChoice {
  return { names: state.bases.map((b) => b.name), bytesOf: (s) => shardFileBytes(state.bases[s]!), pending: state.pending, records: state.records, marks: state.marks };
}

/**
 * The shards to fold so that at most `target` records stay pending, least recently folded first
 * (then by name), within `budget` bytes (but at least one shard). Undefined when none is due.
 */
export function planFold(state: FoldChoice, target: number, budget = FOLD_BUDGET_BYTES): FoldPlan | undefined {
  if (state.records <= target) return undefined;
  const markOf = (s: number) => state.marks.get(state.names[s]!) ?? -1;
  const order = state.names.map((_, s) => s).sort((a, b) => markOf(a) - markOf(b) || (state.names[a]! < state.names[b]! ? -1 : 1));
  const names: string[] = [];
  const write: number[] = [];
  let bytes = 0;
  let full = false;
  let remaining = state.records;
  for (const s of order) {
    const name = state.names[s]!;
    const pending = state.pending.get(name) ?? 0;
    if (pending === 0) {
      // Nothing of the log is for it: marked folded for nothing, so the cycle goes on past it.
      names.push(name);
      continue;
    }
    if (remaining <= target || full) continue;
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
  }
  return { names, write, drained: remaining === 0 };
}

/** Whether every shard was folded since the current segment began: the previous one holds nothing pending any more. */
export function cycleDone(state: { names: readonly string[]; marks: ReadonlyMap<string, number>; currentStart: number }): boolean {
  return state.names.every((name) => (state.marks.get(name) ?? -1) >= state.currentStart);
}
