// A shard's standings summary carried over a partial fold (src/store/summary-fold.ts): counts
// exactly what the summary made from the new file counts when the fold wrote what it says, and
// none at all otherwise, so that a stale summary is never saved under the new file's sha1; and
// the first status after an allocation that folded counts from the carried summaries, the same
// numbers as counting every account.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FoldedLines, foldedSummary } from '../../src/store/summary-fold.js';
import { summarize, type StandingSummary } from '../../src/store/standing-summary.js';
import { decodeShard, encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { ShardState } from '../../src/store/shard-state.js';
import { Pool } from '../../src/store/pool.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { groupedPoolStats, poolStats } from '../../src/pool-stats.js';
import { makeAccount } from '../helpers/accounts.js';
import type { Account } from '../../src/model.js';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { shardFile } from '../../src/store/layout.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';
import { fencesOf } from '../../src/store/shard-lookup.js';
import { foldedTimed, summarizeTimed, type TimedSummary } from '../../src/store/timed-summary.js';
import { countPool } from '../../src/stats/pool-counts.js';
import { seenViewFor } from '../../src/git/clock-sightings.js';
import { mkdir } from 'node:fs/promises';

const NAME = '1';
const NOW = new Date('2026-06-01T12:00:00.000Z');
const isStray = (key: string) => key.endsWith('7');

/** As status makes it from the file (pool-standings.ts `countShard`): its fences too, where its lines are sorted. */
function summaryOf(bytes: Buffer): StandingSummary {
  const decoded = decodeShard(NAME, 'shard', bytes.toString('utf8'));
  const summary = summarize(new ShardState(NAME, 'shard', decoded.lines, decoded.accounts), { sha1: shardHash(bytes), shards: 2, stamp: 'stamp', checkedAt: 0 }, isStray);
  return summary.sortedLines ? { ...summary, fences: fencesOf(bytes)! } : summary;
}

/** A summary's counts by tuple (its tuples' order is the order they were met in, which a carry does not keep). */
function byTuple(summary: StandingSummary) {
  const { tuples, counts, ...rest } = summary;
  return { ...rest, counts: Object.fromEntries(tuples.map((t, n) => [JSON.stringify(t), counts[n]])) };
}

describe('a standings summary carried over a fold', () => {
  it('counts what the summary made from the new file counts, for any lines replaced with any standings', () => {
    const change = fc.record({ line: fc.nat(11), level: fc.constantFrom(29, 30, 31), state: fc.constantFrom('ok' as const, 'perm_banned' as const, 'temp_banned' as const), holder: fc.option(fc.constant('east'), { nil: undefined }), password: fc.boolean() });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), (changes) => {
        const accounts = Array.from({ length: 12 }, (_, i) => makeAccount(i, { level: 30 + (i % 2) }));
        const before = Buffer.from(encodeShard(NAME, accounts.map(encodeAccountLine)));
        const replaced = new Map<number, string>();
        for (const c of changes) {
          const { password, ...rest } = accounts[c.line]!;
          const account = { ...rest, ...(c.password ? { password } : {}), level: c.level, state: c.state, ...(c.holder ? { holder: c.holder, held_until: '2026-06-02T00:00:00.000Z' } : {}) };
          replaced.set(c.line, encodeAccountLine(account));
        }
        const after = Buffer.from(encodeShard(NAME, accounts.map((a, i) => replaced.get(i) ?? encodeAccountLine(a))));
        const made = summaryOf(after);
        const carried = foldedSummary(summaryOf(before), new FoldedLines(NAME, before, after, replaced), { sha1: made.sha1, stamp: made.stamp, checkedAt: made.checkedAt });
        expect(carried && byTuple(carried)).toEqual(byTuple(made));
        expect(carried!.counts.every((n) => n > 0)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('carries the timed summary too: the same counts as the one made from the new file, for any holds and rests written', () => {
    const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
    const change = fc.record({
      line: fc.nat(11),
      level: fc.constantFrom(29, 30),
      state: fc.constantFrom('ok' as const, 'temp_banned' as const, 'warned' as const),
      hold: fc.option(fc.record({ holder: fc.constantFrom('east', 'reserved:west', 'w"e\\st'), allocated_at: fc.option(fc.constantFrom(at(-2), at(-1)), { nil: undefined }), held_until: fc.constantFrom(at(1), at(2)) }), { nil: undefined }),
      rest: fc.option(fc.record({ state_at: fc.option(fc.constantFrom(at(-3), at(-1)), { nil: undefined }), available_at: fc.constantFrom(at(5), at(9)) }), { nil: undefined }),
      password: fc.boolean(),
    });
    const timedOf = (bytes: Buffer): TimedSummary => {
      const decoded = decodeShard(NAME, 'shard', bytes.toString('utf8'));
      return summarizeTimed(new ShardState(NAME, 'shard', decoded.lines, decoded.accounts), { name: NAME, sha1: shardHash(bytes), shards: 2, stamp: 'stamp', checkedAt: 0 }, isStray);
    };
    const byTimedTuple = ({ tuples, counts, ...rest }: TimedSummary) => ({ ...rest, counts: Object.fromEntries(tuples.map((t, n) => [JSON.stringify(t), counts[n]])) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), (changes) => {
        // Some accounts held and resting before, so that a change also ends a hold or a rest.
        const accounts = Array.from({ length: 12 }, (_, i) => makeAccount(i, { level: 30, ...(i % 3 === 0 ? { holder: 'east', allocated_at: at(-4), held_until: at(3) } : {}), ...(i % 4 === 1 ? { state: 'temp_banned' as const, state_at: at(-6), available_at: at(4) } : {}) }));
        const before = Buffer.from(encodeShard(NAME, accounts.map(encodeAccountLine)));
        const replaced = new Map<number, string>();
        for (const c of changes) {
          const { password, holder: _h, allocated_at: _a, held_until: _u, state_at: _s, available_at: _v, ...rest } = accounts[c.line]!;
          replaced.set(c.line, encodeAccountLine({ ...rest, ...(c.password ? { password } : {}), level: c.level, state: c.state, ...(c.hold ?? {}), ...(c.rest ?? {}) } as Account));
        }
        const after = Buffer.from(encodeShard(NAME, accounts.map((a, i) => replaced.get(i) ?? encodeAccountLine(a))));
        const made = timedOf(after);
        // One FoldedLines for both summaries, as a fold carries them: its lines checked and parsed once.
        const folded = new FoldedLines(NAME, before, after, replaced);
        const carried = foldedTimed(timedOf(before), folded, { sha1: made.sha1, stamp: made.stamp, checkedAt: made.checkedAt });
        expect(carried && byTimedTuple(carried)).toEqual(byTimedTuple(made));
        expect(carried!.counts.every((n) => n > 0)).toBe(true);
        const standings = summaryOf(after);
        const both = foldedSummary(summaryOf(before), folded, { sha1: standings.sha1, stamp: standings.stamp, checkedAt: standings.checkedAt });
        expect(both && byTuple(both)).toEqual(byTuple(standings));
      }),
      { numRuns: 40 },
    );
    // None from a summary of other bytes, or for a file that is not the old one with those lines replaced.
    const accounts = Array.from({ length: 4 }, (_, i) => makeAccount(i));
    const before = Buffer.from(encodeShard(NAME, accounts.map(encodeAccountLine)));
    const replaced = new Map([[1, encodeAccountLine({ ...accounts[1]!, holder: 'east', held_until: at(1) })]]);
    const after = Buffer.from(encodeShard(NAME, accounts.map((a, i) => replaced.get(i) ?? encodeAccountLine(a))));
    const made = { sha1: shardHash(after), stamp: 's', checkedAt: 0 };
    expect(foldedTimed(timedOf(before), new FoldedLines(NAME, before, after, replaced), made)).toBeDefined();
    expect(foldedTimed({ ...timedOf(before), sha1: shardHash(after) }, new FoldedLines(NAME, before, after, replaced), made)).toBeUndefined();
    expect(foldedTimed(timedOf(before), new FoldedLines(NAME, before, Buffer.from(after.toString().replace('"level": 30', '"level": 31')), replaced), made)).toBeUndefined();
  });

  it('is none where the new file is not the old one with those lines replaced, or the summary is not of the old bytes', () => {
    const accounts = Array.from({ length: 6 }, (_, i) => makeAccount(i));
    const lines = accounts.map(encodeAccountLine);
    const before = Buffer.from(encodeShard(NAME, lines));
    const old = summaryOf(before);
    const replaced = new Map([[2, encodeAccountLine({ ...accounts[2]!, level: 31 })]]);
    const carry = (edit: (next: string[]) => void, from = old, map: ReadonlyMap<number, string> = replaced) => {
      const next = lines.map((line, i) => map.get(i) ?? line);
      edit(next);
      const after = Buffer.from(encodeShard(NAME, next));
      return foldedSummary(from, new FoldedLines(NAME, before, after, map), { sha1: shardHash(after), stamp: 's', checkedAt: 0 });
    };
    expect(carry(() => {})).toBeDefined();
    // A kept line that is not what it was (a hand edit meanwhile), same length included.
    expect(carry((next) => (next[4] = next[4]!.replace('"level": 30', '"level": 31')))).toBeUndefined();
    // A line more, a line fewer.
    expect(carry((next) => next.push(encodeAccountLine(makeAccount(9))))).toBeUndefined();
    expect(carry((next) => next.pop())).toBeUndefined();
    // The summary was made from other bytes than the fold started from.
    expect(carry(() => {}, { ...old, sha1: shardHash(Buffer.from('other')) })).toBeUndefined();
    // A replaced line with another account's key, or not in the canonical spelling.
    const otherKey = new Map([[2, encodeAccountLine({ ...accounts[3]!, level: 31 })]]);
    expect(carry(() => {}, old, otherKey)).toBeUndefined();
    const spaced = new Map([[2, encodeAccountLine({ ...accounts[2]!, level: 31 }).replace('"level": 31', '"level":  31')]]);
    expect(carry(() => {}, old, spaced)).toBeUndefined();
    // A line index the shard does not have.
    expect(carry(() => {}, old, new Map([[6, lines[0]!]]))).toBeUndefined();
  });
});

describe('status after an allocation that folded', () => {
  it('counts from the summaries the fold carried, the same numbers as counting every account', async () => {
    const dir = join(await testdir(), 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2'])).code).toBe(0);
    // A log of 2 records' capacity and a budget of one shard: each allocation folds a shard.
    const pool = await Pool.open(dir, { clock: () => NOW, folds: { capacity: 2, budget: 1 } });
    await pool.transaction((tx) => {
      for (let i = 0; i < 30; i++) tx.put(makeAccount(i, { level: 30 }));
    });
    const summariesDir = join(dir, '.cache', 'standings');
    const sha1s = async () => Object.fromEntries(await Promise.all((await readdir(summariesDir)).map(async (f) => [f, (await readSealed(join(summariesDir, f))).sha1])));
    const shardSha1 = async (file: string) => shardHash(await readFile(shardFile(pool.layout, file.replace(/\.json$/, ''))));
    const counts = async () => {
      const counted = await (await Pool.open(dir)).standingCounts();
      return { from: counted.from, ...groupedPoolStats(counted.groups, NOW, pool.config) };
    };
    await counts(); // status made the summaries
    let carried = 0;
    for (let round = 0; round < 4; round++) {
      const before = await sha1s();
      await allocate(pool, { count: 3, levels: { min: 30, max: 31 }, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
      // Each summary now names its shard's new bytes (carried by the fold), before any status ran.
      const now = await sha1s();
      for (const file of Object.keys(now)) if (now[file] !== before[file]) expect(now[file]).toBe(await shardSha1(file));
      carried += Object.keys(now).filter((file) => now[file] !== before[file]).length;
      const whole = poolStats((await (await Pool.open(dir)).read()).standings(), NOW, pool.config);
      const counted = await counts();
      expect(counted.from).toBe('summaries');
      expect({ shards: 2, ...counted, from: undefined }).toMatchObject({ ...whole });
    }
    expect(carried).toBeGreaterThan(0);
  });
});

describe("a git pool's status after an allocation that committed its shards", () => {
  it('counts from the timed summaries the commit carried, the same numbers as counting every account', async () => {
    const dir = join(await testdir(), 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '4'])).code).toBe(0);
    await mkdir(join(dir, '.git')); // shared through git: status counts by the clocks' seen ends
    const opened = async () => {
      const pool = await Pool.open(dir, { clock: () => NOW });
      pool.seenView = seenViewFor(dir, pool.config);
      // Each transaction commits into the shards it touched, as a `git.commit` pool's (no git run here).
      pool.afterCommit = async () => true;
      return pool;
    };
    const pool = await opened();
    await pool.transaction((tx) => {
      for (let i = 0; i < 40; i++) tx.put(makeAccount(i, { level: 30 }));
    });
    const timedDir = join(dir, '.cache', 'timed');
    const sha1s = async () => Object.fromEntries(await Promise.all((await readdir(timedDir)).map(async (f) => [f, (await readSealed(join(timedDir, f))).sha1])));
    const shardSha1 = async (file: string) => shardHash(await readFile(shardFile(pool.layout, file.replace(/\.json$/, ''))));
    const status = async () => {
      const counted = await countPool(await opened());
      expect(counted.snapshot).toBeUndefined(); // off the timed summaries, no account read whole
      return counted.stats;
    };
    await status(); // made the timed summaries
    let carried = 0;
    for (let round = 0; round < 2; round++) {
      const before = await sha1s();
      await allocate(pool, { count: 3, levels: { min: 30, max: 31 }, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
      // Each timed summary names its shard's new bytes before any status ran: carried by the commit.
      const now = await sha1s();
      for (const file of Object.keys(now)) expect(now[file], file).toBe(await shardSha1(file));
      carried += Object.keys(now).filter((file) => now[file] !== before[file]).length;
      const read = await (await opened()).read();
      const ends = await pool.seenView!((visit) => read.eachTimed(visit), NOW, false);
      expect(await status()).toEqual(poolStats(read.accounts(), NOW, pool.config, ends));
    }
    expect(carried).toBeGreaterThan(0);
  });
});
