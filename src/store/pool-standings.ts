// The pool's standings counted for `status` from each shard's summary (standing-summary.ts) with
// the change log's records put over them: a status reads the shards' bytes and hashes them, but
// decodes only the shards whose summary is missing or stale.
//
// The log's records are counted as LogView applies them (log-view.ts, hand-edits.ts): each record
// replaces the line of its account where the shards hold one (found by key at home, else among the
// strays), and is added otherwise. That line is found by bisecting the shard's bytes (its lines
// are canonical and sorted by key), or in the decoded shard when they are not. Where a record
// carries a base line (the shard line when it was first logged) that line must still be the
// shard's, or the record is merged with a hand edit: that, a key on two lines of a shard, or a
// summary that disagrees with its shard, is left to the whole read (undefined).
import { keyOf, type Standing } from '../model.js';
import type { LoggedChanges } from './change-log.js';
import { standingOf, summarize, tupleId, type StandingSummary, type SummaryStore } from './standing-summary.js';
import { shardHash, trustedLineKey } from './shard-codec.js';
import { ShardState } from './shard-state.js';
import { Snapshot } from './snapshot.js';
import { lineOf } from './hand-edits.js';

export interface StandingCounts {
  /** Shard files (absent ones recorded or configured included), as `read` lists them. */
  shards: number;
  /** Distinct standings with how many accounts have each. */
  groups: [Standing, number][];
  /** Counted over the shards' summaries, or by reading every account (see the header). */
  from: 'summaries' | 'accounts';
}

/** What counting needs of the pool (pool.ts). */
export interface StandingSource {
  names: string[];
  shardCount: number;
  summaries: SummaryStore;
  shardNameOf(username: string): string;
  /** The shard's bytes, undefined where there is no such file. */
  bytesOf(name: string): Promise<Buffer | undefined>;
  /** The shard read from `bytes` whose sha1 is `sha1` (the whole decode, as `read` does it). */
  stateOf(name: string, bytes: Buffer, sha1: string): ShardState;
  readLog(): Promise<LoggedChanges | undefined>;
}

interface Counted {
  summary: StandingSummary;
  bytes: Buffer | undefined;
  counts: number[];
  /** Tuple index by tupleId, built when the log needs it. */
  ids?: Map<string, number>;
  /** The shard decoded, where its lines cannot be bisected. */
  decoded?: Snapshot;
}

/** An account's line as the shard holds it, and its standing. */
interface Held {
  line: string;
  standing: Standing;
}

async function countShard(source: StandingSource, name: string): Promise<Counted> {
  const bytes = await source.bytesOf(name);
  const isStray = (key: string) => source.shardNameOf(key) !== name;
  if (!bytes) return { summary: summarize(new ShardState(name, '', []), '', source.shardCount, isStray), bytes, counts: [] };
  const sha1 = shardHash(bytes);
  let summary = await source.summaries.load(name, sha1, source.shardCount);
  if (!summary) {
    summary = summarize(source.stateOf(name, bytes, sha1), sha1, source.shardCount, isStray);
    await source.summaries.save(summary);
  }
  return { summary, bytes, counts: summary.counts.slice() };
}

/**
 * The line holding `key` in a canonical shard's bytes, whose lines are sorted by key: bisected by
 * byte offset (the line around the middle), so a lookup reads ~11 lines of 1,600, not all.
 */
function bisect(bytes: Buffer, key: string): string | undefined {
  let lo = bytes.indexOf(10) + 1; // the header is one line; lo and hi are always line starts
  let hi = bytes.length;
  while (lo < hi) {
    const start = Math.max(lo, bytes.lastIndexOf(10, ((lo + hi) >>> 1) - 1) + 1);
    const end = bytes.indexOf(10, start);
    const line = bytes.toString('utf8', start, end);
    const at = trustedLineKey(line);
    if (at === key) return line;
    if (at < key) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

function heldIn(source: StandingSource, shard: Counted, key: string, index?: number): Held | undefined {
  const { name, sha1, sortedLines } = shard.summary;
  if (!shard.bytes) return undefined;
  if (sortedLines && index === undefined) {
    const line = bisect(shard.bytes, key);
    return line === undefined ? undefined : { line, standing: new ShardState(name, '', [line]).standingAt(0) };
  }
  shard.decoded ??= new Snapshot([source.stateOf(name, shard.bytes, sha1)], () => 0);
  const state = shard.decoded.shards[0]!;
  const i = index ?? shard.decoded.locate(key)?.index;
  return i === undefined ? undefined : { line: lineOf(shard.decoded, state.keyAt(i)) ?? '', standing: state.standingAt(i) };
}

/** Undefined: only the whole read can count this pool (see the header). */
export async function countStandings(source: StandingSource): Promise<StandingCounts | undefined> {
  const shards = await Promise.all(source.names.map((name) => countShard(source, name)));
  const log = await source.readLog();
  const extra: Standing[] = [];
  if (log && log.records.length > 0) {
    if (shards.some((s) => !s.summary.unique)) return undefined;
    const byName = new Map(source.names.map((name, s) => [name, s]));
    for (const record of log.records) {
      const key = keyOf(record.username);
      let s = byName.get(source.shardNameOf(key))!;
      let held = heldIn(source, shards[s]!, key);
      // Else moved by hand to another shard (the last one listing it, as Snapshot.locate finds it).
      for (let t = shards.length - 1; t >= 0 && !held; t--) {
        for (const [stray, i] of shards[t]!.summary.strays) if (stray === key) [s, held] = [t, heldIn(source, shards[t]!, key, i)];
      }
      const base = log.bases.get(key);
      if (base !== undefined && held?.line !== base) return undefined;
      if (held) {
        const shard = shards[s]!;
        shard.ids ??= new Map(shard.summary.tuples.map((tuple, n) => [JSON.stringify(tuple), n]));
        const n = shard.ids.get(tupleId(held.standing));
        if (n === undefined || shard.counts[n]! <= 0) return undefined;
        shard.counts[n]!--;
      }
      extra.push(record);
    }
  }
  const groups: [Standing, number][] = [];
  for (const { summary, counts } of shards) summary.tuples.forEach((tuple, n) => counts[n]! > 0 && groups.push([standingOf(tuple), counts[n]!]));
  for (const record of extra) groups.push([record, 1]);
  return { shards: shards.length, groups, from: 'summaries' };
}
