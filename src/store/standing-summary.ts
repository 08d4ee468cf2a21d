// One shard's standings, summarised: every distinct standing (model.ts STANDING_FIELDS, with the
// password reduced to whether there is one) and how many accounts have it, so that `status` need
// not decode, split and read 100,000 lines (most of what it cost). Counted by standing, not by
// availability: availability depends on the clock and the config's cool-downs, which the counting
// applies at every call (pool-stats.ts).
//
// Derived, never the only record of anything: .cache/standings/<shard>.json, git-ignored, written
// without the lock or fsync. It names the sha1 of the shard bytes it was made from, their stat
// stamp, and the shard count (which decides the strays); a summary whose shard has other bytes,
// or that cannot be read, is made again from the shard (pool-standings.ts says how it is checked).
// Passwords never go into it.
import type { Standing } from '../model.js';
import type { ShardState } from './shard-state.js';
import { SummaryFiles, type SummaryHead } from './summary-files.js';
import type { Fence } from './shard-lookup.js';
import { TupleTally } from './tuple-tally.js';

/** [has a password (1/0), level, state, available_at, holder, held_until] ('' for an absent time or holder). */
type Tuple = [number, number, string, string, string, string];

export interface StandingSummary extends SummaryHead {
  /**
   * Every line is the canonical encoding of its account, and the lines are in strictly increasing
   * key order: an account's line is found in the bytes by bisection (pool-standings.ts).
   */
  sortedLines: boolean;
  /** No key is on two lines. */
  unique: boolean;
  tuples: Tuple[];
  /** Accounts per tuple. */
  counts: number[];
  /** Keys on lines whose name hashes to another shard (moved by hand), with their line index. */
  strays: [string, number][];
  /**
   * Where sortedLines: the key and byte offset of the first line at or after every FENCE bytes
   * (shard-lookup.ts `fencesOf`), so that a lookup reads one range of the file, not ~9 windows.
   * Checked against the file at each use (`fencedLine`); absent in older summaries.
   */
  fences?: Fence[];
}

/** A standing's tuple as a summary holds it. */
export function summaryTuple(s: Standing): Tuple {
  return [s.password === undefined ? 0 : 1, s.level, s.state, s.available_at ?? '', s.holder ?? '', s.held_until ?? ''];
}

/** What identifies a standing among a summary's tuples. */
export function tupleId(standing: Standing): string {
  return JSON.stringify(summaryTuple(standing));
}

/** The standing a tuple stands for (an empty password where there is one: only its presence counts). */
export function standingOf([password, level, state, available_at, holder, held_until]: Tuple): Standing {
  const s: Standing = { level, state: state as Standing['state'] };
  if (password) s.password = '';
  if (available_at) s.available_at = available_at;
  if (holder) s.holder = holder;
  if (held_until) s.held_until = held_until;
  return s;
}

/** The summary of `shard` as read from bytes whose sha1 is `sha1` (made in a pool of `shards`). */
export function summarize(shard: ShardState, made: Pick<StandingSummary, 'sha1' | 'shards' | 'stamp' | 'checkedAt'>, isStray: (key: string) => boolean): StandingSummary {
  const summary: StandingSummary = { name: shard.name, ...made, sortedLines: true, unique: true, tuples: [], counts: [], strays: [] };
  const tally = new TupleTally(summary.tuples, summary.counts);
  const seen = new Set<string>();
  let previous: string | undefined;
  for (let i = 0; i < shard.size; i++) {
    tally.add(summaryTuple(shard.standingAt(i)));
    const key = shard.keyAt(i);
    if (seen.has(key)) summary.unique = false;
    if (shard.lineAt(i) === undefined || (previous !== undefined && key <= previous)) summary.sortedLines = false;
    seen.add(key);
    previous = key;
    if (isStray(key)) summary.strays.push([key, i]);
  }
  return summary;
}

/** Fences as `fencesOf` makes them: [key, offset] pairs, offsets increasing, keys not decreasing. */
function wellFenced(fences: unknown): boolean {
  if (!Array.isArray(fences)) return false;
  return fences.every((f: unknown, i) => {
    if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== 'string' || !Number.isSafeInteger(f[1]) || f[1] < 1) return false;
    const before = fences[i - 1] as Fence | undefined;
    return !before || (before[1] < f[1] && before[0] <= f[0]);
  });
}

/** Where the summaries live (.cache/standings), and how one is read and saved. */
export class SummaryStore extends SummaryFiles<StandingSummary> {
  constructor(dir: string) {
    super(dir, (summary) => {
      const { tuples, counts, strays } = summary;
      // Made by summarize from these very bytes: anything else is a garbled file, never counted.
      if (!Array.isArray(tuples) || !Array.isArray(counts) || tuples.length !== counts.length || !Array.isArray(strays)) return undefined;
      if (!tuples.every((t) => Array.isArray(t) && t.length === 6) || !counts.every((n) => Number.isInteger(n) && n > 0)) return undefined;
      // Fences out of order or of another shape are none: the lookups bisect the whole file.
      if (summary.fences !== undefined && !wellFenced(summary.fences)) delete summary.fences;
      return summary;
    });
  }
}
