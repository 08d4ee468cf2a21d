// One shard's timed standings (model.ts TIMED_FIELDS), summarised: every distinct one and how many
// accounts have it, so that `status` on a pool shared through git, which counts every account by
// the clocks' seen ends (src/git/clock-sightings.ts), need not read, hash and split every shard
// (~3 s of CPU at 1,000,000 accounts: docs/scale-log.md, stop 56 Y). The counting applies the
// clock, the cool-downs and the seen ends at every call, as standing-summary.ts's counts are.
//
// Only what the counts and the seen ends read of a standing is kept: `state_at` where there is an
// `available_at` (a rest's key and length), `allocated_at` where there is a hold (holder and
// held_until: a hold's key and length), the password as whether there is one. So accounts checked
// one at a time (each its own state_at) still share a value while they rest no more.
//
// Derived, never the only record of anything: .cache/timed/<shard>.json, git-ignored, sealed
// (cache-seal.ts), written without the lock or fsync. It is checked as pool-standings.ts checks a
// standing summary: by the shard's stat stamp when that is settled (git's racy-clean rule), else by
// the sha1 of its bytes, and its total against the record of the shards (summary-files.ts
// `current`, the one choice for both kinds); any other is made again from the shard. Passwords never go into it.
import type { TimedStanding } from '../model.js';
import type { ShardOnDisk } from './manifest.js';
import { ShardState } from './shard-state.js';
import { shardHash } from './shard-codec.js';
import type { ShardFiles } from './pool-standings.js';
import { SummaryFiles, type SummaryHead } from './summary-files.js';
import { foldedCounts, type FoldedLines } from './summary-fold.js';
import { TupleTally } from './tuple-tally.js';

/** [has a password (1/0), level, state, state_at, available_at, allocated_at, holder, held_until] ('' for absent). */
type Tuple = [number, number, string, string, string, string, string, string];

/** The shard count in its head decides the strays. */
export interface TimedSummary extends SummaryHead {
  /** Whether a key is on two lines, and how many lines hold a name that hashes to another shard (moved by hand). */
  twice: boolean;
  strays: number;
  tuples: Tuple[];
  /** Accounts per tuple. */
  counts: number[];
}

/** A timed standing's tuple as a summary holds it. */
export function tupleOf(s: TimedStanding): Tuple {
  const rests = s.available_at !== undefined;
  const holds = s.holder !== undefined && s.held_until !== undefined;
  return [s.password === undefined ? 0 : 1, s.level, s.state, (rests && s.state_at) || '', s.available_at ?? '', (holds && s.allocated_at) || '', s.holder ?? '', s.held_until ?? ''];
}

function standingOf([password, level, state, state_at, available_at, allocated_at, holder, held_until]: Tuple): TimedStanding {
  const s: TimedStanding = { level, state: state as TimedStanding['state'] };
  if (password) s.password = '';
  if (state_at) s.state_at = state_at;
  if (available_at) s.available_at = available_at;
  if (allocated_at) s.allocated_at = allocated_at;
  if (holder) s.holder = holder;
  if (held_until) s.held_until = held_until;
  return s;
}

export function summarizeTimed(shard: ShardState, made: Pick<TimedSummary, 'name' | 'sha1' | 'shards' | 'stamp' | 'checkedAt'>, isStray: (key: string) => boolean): TimedSummary {
  const summary: TimedSummary = { ...made, twice: false, strays: 0, tuples: [], counts: [] };
  const tally = new TupleTally(summary.tuples, summary.counts);
  // Keys in strictly increasing order are each there once (every shard our writers make): a set only for another.
  let previous: string | undefined;
  let keys: Set<string> | undefined;
  for (let i = 0; i < shard.size; i++) {
    tally.add(tupleOf(shard.timedAt(i)));
    const key = shard.keyAt(i);
    if (!keys && previous !== undefined && key <= previous) {
      keys = new Set();
      for (let j = 0; j < i; j++) keys.add(shard.keyAt(j));
    }
    if (keys) {
      if (keys.has(key)) summary.twice = true;
      keys.add(key);
    }
    previous = key;
    if (isStray(key)) summary.strays++;
  }
  return summary;
}

function sizeOf(summary: TimedSummary): number {
  return summary.counts.reduce((a, b) => a + b, 0);
}

/** Where the summaries live (.cache/timed), and how one is read and saved. */
export class TimedSummaryStore extends SummaryFiles<TimedSummary> {
  constructor(dir: string) {
    super(dir, (s) => {
      if (typeof s.twice !== 'boolean' || !Number.isInteger(s.strays) || !Array.isArray(s.tuples) || !Array.isArray(s.counts) || s.tuples.length !== s.counts.length) return undefined;
      const text8 = (t: unknown[]) => t.slice(2).every((v) => typeof v === 'string');
      if (!s.tuples.every((t) => Array.isArray(t) && t.length === 8 && (t[0] === 0 || t[0] === 1) && Number.isInteger(t[1]) && text8(t))) return undefined;
      if (!s.counts.every((n) => Number.isInteger(n) && n > 0)) return undefined;
      return s;
    });
  }
}

/**
 * The timed summary of `folded.after`, the file a commit made from `folded.before` (the bytes
 * `old` was made from) by writing `folded.replaced` over its lines, with `made`'s sha1 (of
 * `after`), stamp and sighting: summary-fold.ts's check and carry (shared with the standings
 * summary's through `folded`). Each replaced line
 * keeps its key, so the keys on two lines and the strays stay as counted. Undefined where the
 * carry cannot be shown: the next `status` makes it again from the file.
 */
export function foldedTimed(old: TimedSummary, folded: FoldedLines, made: Pick<TimedSummary, 'sha1' | 'stamp' | 'checkedAt'>): TimedSummary | undefined {
  if (old.sha1 !== folded.sha1Before()) return undefined;
  const carried = foldedCounts(old, folded, tupleOf);
  return carried && { ...old, ...made, ...carried };
}

/**
 * Saves the timed summary of shard `name`'s new file carried from its saved one (foldedTimed),
 * where there is a saved one (a git pool's status made it): the first `status` after an
 * allocation need not read, hash and summarise again every shard that allocation wrote.
 */
export async function carryTimed(summaries: TimedSummaryStore, shards: number, folded: FoldedLines, made: Pick<TimedSummary, 'sha1' | 'stamp' | 'checkedAt'>): Promise<void> {
  const old = await summaries.load(folded.name, shards);
  const carried = old && foldedTimed(old, folded, made);
  if (carried) await summaries.save(carried);
}

/** The change log's pending records over the shards (pool.ts reads them), for a pool that logs its changes. */
export interface TimedPending {
  /** The records pending in each shard (indexes into the log's records): the others' shards count off their summaries. */
  byShard: ReadonlyMap<string, readonly number[]>;
  keyOf(r: number): string;
  /** Record `r`'s timed standing. */
  timedOf(r: number): TimedStanding;
  /** Whether `line` (the account's line in shard `shard`, undefined: none) is still record `r`'s base: false where it was edited by hand since. */
  baseHolds(r: number, shard: string, line: string | undefined): boolean;
}

/** What counting needs of the pool (pool.ts). */
export interface TimedSource extends ShardFiles {
  names: readonly string[];
  shardCount: number;
  summaries: TimedSummaryStore;
  /** How many accounts the record of the shards gives shard `name`; undefined: unknown. */
  recordedSize?(name: string): number | undefined;
  pending?: TimedPending;
}

/**
 * Shard `name`'s timed standings with its pending records put over its lines, counted by tuple: a
 * record replaces its account's line, or is added where the shard has none. Undefined where only
 * the whole read can say: a line not in accountpool's own spelling, a record whose base line is
 * not the shard's (a hand edit since it was logged: the whole read merges them).
 */
function countOverLog(state: ShardState, pending: TimedPending, records: readonly number[]): { tuples: Tuple[]; counts: number[] } | undefined {
  const byKey = new Map(records.map((r) => [pending.keyOf(r), r]));
  const tally = new TupleTally<Tuple>();
  const add = (timed: TimedStanding) => tally.add(tupleOf(timed));
  for (let i = 0; i < state.size; i++) {
    const key = state.keyAt(i);
    const r = byKey.get(key);
    if (r === undefined) {
      add(state.timedAt(i));
      continue;
    }
    const line = state.lineAt(i);
    if (line === undefined || !pending.baseHolds(r, state.name, line)) return undefined;
    byKey.delete(key);
    add(pending.timedOf(r));
  }
  for (const r of byKey.values()) {
    if (!pending.baseHolds(r, state.name, undefined)) return undefined;
    add(pending.timedOf(r));
  }
  return { tuples: tally.tuples, counts: tally.counts };
}

export interface TimedCounts {
  /** Distinct timed standings with how many accounts have each. */
  groups: [TimedStanding, number][];
  /** Each shard file and how many accounts it holds (undefined: no such file). */
  onDisk: ShardOnDisk[];
}

/**
 * Every account's timed standing counted by value, one shard after the other off its summary
 * (made again where it does not hold). Undefined where only the whole read can count: a key on two
 * lines or a name moved by hand to another shard (the whole read names an account held twice), a
 * shard gone since its stat (the caller's `consistently` reads again).
 */
export async function countTimed(source: TimedSource): Promise<TimedCounts | undefined> {
  const groups: [TimedStanding, number][] = [];
  const onDisk: ShardOnDisk[] = [];
  for (const name of source.names) {
    const file = source.fileOf(name);
    const checkedAt = Date.now(); // before the stat: a change after it has a later ctime
    const info = await source.statOf(name);
    const records = source.pending?.byShard.get(name);
    if (!info) {
      onDisk.push({ name, file, size: undefined });
      // Accounts logged into a shard file that is not there (lost, or never written yet).
      if (records) {
        const over = countOverLog(new ShardState(name, file, []), source.pending!, records);
        if (!over) return undefined;
        over.tuples.forEach((tuple, n) => groups.push([standingOf(tuple), over.counts[n]!]));
      }
      continue;
    }
    const found = await source.summaries.current(name, source.shardCount, info, checkedAt, {
      recorded: source.recordedSize?.(name),
      size: sizeOf,
      bytesOf: () => source.bytesOf(name),
      make: (bytes, made) => summarizeTimed(source.stateOf(name, bytes, made.sha1), made, (key) => source.shardNameOf(key) !== name),
    });
    if (!found) return undefined;
    const { summary } = found;
    if (summary.twice || summary.strays > 0) return undefined;
    onDisk.push({ name, file, size: sizeOf(summary) });
    if (records) {
      // Its lines read with the records over them (a shard the log changes, one at a time).
      const bytes = found.bytes ?? (await source.bytesOf(name));
      if (!bytes) return undefined;
      const sha1 = found.bytes ? summary.sha1 : shardHash(bytes);
      if (sha1 !== summary.sha1) return undefined; // changed since its summary was taken: left to the whole read
      const over = countOverLog(source.stateOf(name, bytes, sha1), source.pending!, records);
      if (!over) return undefined;
      over.tuples.forEach((tuple, n) => groups.push([standingOf(tuple), over.counts[n]!]));
      continue;
    }
    summary.tuples.forEach((tuple, n) => groups.push([standingOf(tuple), summary.counts[n]!]));
  }
  return { groups, onDisk };
}
