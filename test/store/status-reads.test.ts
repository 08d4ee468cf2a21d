// What `status` reads of the shard files to put the change log's pending records over the shards'
// summaries (pool-standings.ts): at most each shard's size, however many records are pending.
// Counted by wrapping node:fs's reads of shard files (bytes returned), never by timing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';
import { carryNote } from '../helpers/log-note.js';
import * as codec from '../../src/store/shard-codec.js';
import { Pool } from '../../src/store/pool.js';
import { RACY_MS } from '../../src/store/pool-standings.js';
import { poolStats, groupedPoolStats } from '../../src/pool-stats.js';
import { openFilledPool, editLine } from '../helpers/pool.js';

// Spies, not vi.mock: the file runs in the workers' shared module graph (vitest.config.ts). node:fs's
// reads are watched on the builtin's own object, its ESM exports (which src/ imports) made to follow
// (`syncBuiltinESMExports`); shard-codec's export on its namespace (vitest's transform reads an
// import at each call). Set for each test, put back after it.
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const reads = { on: false, bytes: 0, paths: new Map<number, string>() };
// Account lines parsed whole (shard-codec.ts parseTrustedLines), counted.
const parsed = { on: false, lines: 0 };
beforeEach(() => {
  const { openSync, readSync, readFileSync } = fs;
  const shard = (path: unknown) => typeof path === 'string' && path.includes('/shards/');
  reads.paths.clear();
  vi.spyOn(fs, 'openSync').mockImplementation(((...args: Parameters<typeof openSync>) => {
    const fd = openSync(...args);
    if (shard(args[0])) reads.paths.set(fd, String(args[0]));
    else reads.paths.delete(fd);
    return fd;
  }) as typeof openSync);
  vi.spyOn(fs, 'readSync').mockImplementation(((...args: unknown[]) => {
    const n = (readSync as (...a: unknown[]) => number)(...args);
    if (reads.on && reads.paths.has(args[0] as number)) reads.bytes += n;
    return n;
  }) as typeof readSync);
  vi.spyOn(fs, 'readFileSync').mockImplementation(((...args: unknown[]) => {
    const out = (readFileSync as (...a: unknown[]) => string | Buffer)(...args);
    if (reads.on && (shard(args[0]) || reads.paths.has(args[0] as number))) reads.bytes += out.length; // a shard read whole through its descriptor (shard-open.ts)
    return out;
  }) as typeof readFileSync);
  syncBuiltinESMExports();
  const { parseTrustedLines } = codec;
  vi.spyOn(codec, 'parseTrustedLines').mockImplementation((lines, name, file) => {
    if (parsed.on) parsed.lines += lines.length;
    return parseTrustedLines(lines, name, file);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('status mid-cycle', () => {
  it('reads no more of the shard files than their size, with a thousand records pending in the change log', async () => {
    const pool = await openFilledPool(2, 4000);
    const dir = pool.layout.dir;
    // A first status makes the summaries; then they are settled, as a minute later.
    await (await Pool.open(dir)).standingCounts();
    // A thousand accounts held in the change log, not yet folded into their shards.
    await pool.transaction((tx) => {
      for (let i = 0; i < 4000; i += 4) {
        const username = `user${String(i).padStart(6, '0')}`;
        tx.put({ ...tx.get(username)!, holder: 'east', allocated_at: '2026-06-01T11:00:00.000Z', held_until: '2026-06-01T23:00:00.000Z' });
      }
    });
    const summaries = join(dir, '.cache', 'standings');
    for (const file of await readdir(summaries)) {
      const summary = await readSealed(join(summaries, file));
      await writeSealed(join(summaries, file), { ...summary, checkedAt: Date.now() + RACY_MS + 1000 });
    }
    let shardBytes = 0;
    for (const file of await readdir(join(dir, 'shards'))) if (file.endsWith('.yaml')) shardBytes += (await stat(join(dir, 'shards', file))).size;

    const counting = await Pool.open(dir);
    reads.on = parsed.on = true;
    reads.bytes = parsed.lines = 0;
    const counted = await counting.standingCounts();
    reads.on = parsed.on = false;
    const [countedBytes, countedLines] = [reads.bytes, parsed.lines];
    expect(counted.from).toBe('summaries');
    // The parse counter counts (else `countedLines` below would be 0 of a spy that never fires; the
    // read spies are shown to fire by `countedBytes`): the whole read's accounts are parsed through it.
    const whole = await (await Pool.open(dir)).read();
    parsed.on = true;
    parsed.lines = 0;
    expect([...whole.accounts()]).toHaveLength(4000);
    parsed.on = false;
    expect(parsed.lines).toBeGreaterThan(0);
    const stats = groupedPoolStats(counted.groups, NOW, counting.config);
    expect(stats).toEqual(poolStats(whole.standings(), NOW, counting.config));
    expect(stats.holders).toMatchObject([{ instance: 'east', accounts: 1000 }]);
    // Bisecting a thousand lines one by one read ~13 windows of 4 KB each (~50 MB here).
    expect(countedBytes).toBeGreaterThan(0);
    expect(countedBytes).toBeLessThanOrEqual(shardBytes);
    // The pending records' standings come off the log's digest: none is parsed whole (a thousand were).
    expect(countedLines).toBe(0);
  });

  it('counts the pending records of an entry as one group per standing, whichever shard each is in', async () => {
    const pool = await openFilledPool(2, 4000);
    const dir = pool.layout.dir;
    await (await Pool.open(dir)).standingCounts();
    // Two allocations' worth of records pending, each entry's in both shards: status takes them
    // shard by shard, so the records of one entry are not asked for one after the other.
    for (const [first, until] of [[0, '2026-06-01T23:00:00.000Z'], [2, '2026-06-02T23:00:00.000Z']] as const) {
      await pool.transaction((tx) => {
        for (let i = first; i < 4000; i += 4) {
          const username = `user${String(i).padStart(6, '0')}`;
          tx.put({ ...tx.get(username)!, holder: 'east', allocated_at: '2026-06-01T11:00:00.000Z', held_until: until });
        }
      });
    }
    const summaries = join(dir, '.cache', 'standings');
    for (const file of await readdir(summaries)) {
      const summary = await readSealed(join(summaries, file));
      await writeSealed(join(summaries, file), { ...summary, checkedAt: Date.now() + RACY_MS + 1000 });
    }
    const counting = await Pool.open(dir);
    const counted = await counting.standingCounts();
    expect(counted.from).toBe('summaries');
    const whole = await (await Pool.open(dir)).read();
    expect(groupedPoolStats(counted.groups, NOW, counting.config)).toEqual(poolStats(whole.standings(), NOW, counting.config));
    // One group per entry's standing (2,000 records), where there was one per record.
    const held = counted.groups.filter(([standing]) => standing.holder === 'east');
    expect(held.map(([standing, n]) => [standing.held_until, n]).sort()).toEqual([
      ['2026-06-01T23:00:00.000Z', 1000],
      ['2026-06-02T23:00:00.000Z', 1000],
    ]);
  });

  it('a second status reads no shard for the records the first judged; a shard or the log edited by hand since is counted exactly', async () => {
    const pool = await openFilledPool(2, 4000);
    const dir = pool.layout.dir;
    await (await Pool.open(dir)).standingCounts();
    const hold = async (holder: string, from: number) =>
      pool.transaction((tx) => {
        for (let i = from; i < 4000; i += 4) {
          const username = `user${String(i).padStart(6, '0')}`;
          tx.put({ ...tx.get(username)!, holder, allocated_at: '2026-06-01T11:00:00.000Z', held_until: '2026-06-01T23:00:00.000Z' });
        }
      });
    await hold('east', 0);
    const settle = async () => {
      const summaries = join(dir, '.cache', 'standings');
      for (const file of await readdir(summaries)) {
        if (!file.endsWith('.json')) continue;
        const summary = await readSealed(join(summaries, file));
        await writeSealed(join(summaries, file), { ...summary, checkedAt: Date.now() + RACY_MS + 1000 });
      }
    };
    await settle();
    /** A status in a fresh process's Pool: the bytes of shard files it read, and that its counts are the whole read's. */
    const status = async () => {
      const counting = await Pool.open(dir);
      reads.on = true;
      reads.bytes = 0;
      const counted = await counting.standingCounts();
      reads.on = false;
      const whole = await (await Pool.open(dir)).read();
      expect(groupedPoolStats(counted.groups, NOW, counting.config)).toEqual(poolStats(whole.standings(), NOW, counting.config));
      return { bytes: reads.bytes, from: counted.from, holders: groupedPoolStats(counted.groups, NOW, counting.config).holders };
    };
    expect(await status()).toMatchObject({ from: 'summaries', holders: [{ instance: 'east', accounts: 1000 }] });
    // The thousand records judged by the first: none looked up again.
    expect((await status()).bytes).toBe(0);

    // Another allocation appended: only its records are looked up.
    await hold('west', 1);
    await settle();
    const appended = await status();
    expect(appended).toMatchObject({ from: 'summaries', holders: [{ instance: 'east', accounts: 1000 }, { instance: 'west', accounts: 1000 }] });
    expect(appended.bytes).toBeGreaterThan(0);
    expect((await status()).bytes).toBe(0);
    // The same accounts again (as an allocation releases what it handed out before): a new record of
    // each over the same base line, so what was found of the previous ones holds and no shard is read.
    await pool.transaction((tx) => {
      for (let i = 1; i < 400; i += 4) {
        const username = `user${String(i).padStart(6, '0')}`;
        tx.put({ ...tx.get(username)!, holder: 'south', allocated_at: '2026-06-01T12:00:00.000Z', held_until: '2026-06-01T23:00:00.000Z' });
      }
    });
    expect(await carryNote(dir)).toBe(true); // the file taken, not the log read
    await settle();
    expect(await status()).toMatchObject({ bytes: 0, holders: [{ instance: 'east', accounts: 1000 }, { instance: 'south', accounts: 100 }, { instance: 'west', accounts: 900 }] });
    // Its entry cut off again by hand, so the steps below find the log as they did.
    const cut = await readFile(join(dir, '.changes.log'), 'latin1');
    await truncate(join(dir, '.changes.log'), cut.lastIndexOf('#tx '));

    // A line no record is pending for edited by hand: its shard's records are looked up again, still exact.
    await editLine(dir, 'user000002', (line) => line.replace('"level": ', '"level": 1'));
    await settle();
    const edited = await status();
    expect(edited.from).toBe('summaries');
    expect(edited.bytes).toBeGreaterThan(0);
    // A pending account's line edited by hand (its standing the same): merged with its record, counted by the whole read, exact.
    await editLine(dir, 'user000000', (line) => line.replace('"password": "', '"password": "x'));
    await settle();
    expect((await status()).from).toBe('accounts');

    // The log's last entry cut off by hand, then another written at its place: exact each time.
    const log = join(dir, '.changes.log');
    const text = await readFile(log, 'latin1');
    await truncate(log, text.lastIndexOf('#tx '));
    expect((await status()).holders).toMatchObject([{ instance: 'east', accounts: 1000 }]);
    await hold('north', 1);
    expect((await status()).holders).toMatchObject([{ instance: 'east', accounts: 1000 }, { instance: 'north', accounts: 1000 }]);
    // The judged rows garbled: looked up again, exact.
    await writeFile(join(dir, '.cache', 'pending-records.judged'), '{"version": 2, "rows": [');
    expect((await status()).holders).toMatchObject([{ instance: 'east', accounts: 1000 }, { instance: 'north', accounts: 1000 }]);

  });
});
