// Patch commits: a transaction that changes accounts already in the pool commits by one change-log
// entry, with the files it writes outside the pool (allocate's accounts.csv) in the same journaled
// commit; the log is folded into the shards once it holds a share of the pool; a damaged shard
// stops a logged write as it stops a shard write.
import { describe, expect, it } from 'vitest';
import { appendFile, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool, LOG_MIN_RECORDS, logCapacity } from '../../src/store/pool.js';
import { encodeEntry, readLog } from '../../src/store/change-log.js';
import { shardFile } from '../../src/store/layout.js';
import { tempPathFor } from '../../src/store/atomic-write.js';
import { cli } from '../helpers/cli.js';
import { KILL_LOOP_MS, selfKilled, storeWorker } from '../helpers/workers.js';
import { openFilledPool } from '../helpers/pool.js';

const newPool = openFilledPool;

async function shardTexts(pool: Pool): Promise<string[]> {
  const names = (await readdir(pool.layout.shardsDir)).sort();
  return Promise.all(names.map((name) => readFile(join(pool.layout.shardsDir, name), 'utf8')));
}

const sizeOf = (file: string) => stat(file).then((s) => s.size, () => 0);

describe('patch commits', () => {
  it('allocate writes its accounts file and one log entry, and leaves the shards as they were', async () => {
    const pool = await newPool(4, 50);
    const before = await shardTexts(pool);
    const out = join(pool.layout.dir, '..', 'east.csv');
    const result = await cli(['allocate', '--count', '10', '--no-check', '--accountcsv', out, '--instance', 'east', '--pool', pool.layout.dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(await shardTexts(pool)).toEqual(before);
    const log = await readLog(pool.layout.changeLog);
    expect(log.entries).toBe(1);
    expect(log.records.map((a) => a.holder)).toEqual(Array(10).fill('east'));
    const listed = (await readFile(out, 'utf8')).split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]);
    expect(listed.sort()).toEqual(log.records.map((a) => a.username).sort());
    expect(await readdir(pool.layout.dir)).not.toContain('.journal.json');
    // verify --fix writes the log into the shards (before a hand edit, say).
    const fixed = await cli(['verify', '--fix', '--pool', pool.layout.dir]);
    expect(fixed.stderr).toContain('wrote the 10 changes of the change log into the shards');
    expect(await sizeOf(pool.layout.changeLog)).toBe(0);
    const held = (await shardTexts(pool)).join('').split('\n').filter((line) => line.includes('"holder": "east"'));
    expect(held).toHaveLength(10);
  });

  it(
    'a writer of accounts file and log entry SIGKILLed inside its commit, before its commit point and past it: after recovery the file and the pool are from the same commit',
    async () => {
      const pool = await newPool(8, 2000);
      const file = join(pool.layout.dir, '..', 'accounts.csv');
      let midCommit = 0;
      // Two kills, each the worker's own (store-worker.ts KILL_AT) in its 2nd commit, 0-3 ms after
      // its journal is written as prepared (the file's temp being written: rolled back) and as
      // committed (the rename and the log's append in flight: rolled forward). 10 until stop 51, at
      // random 0-80 ms after the first commit: no hand-made journal break was caught by them
      // (docs/scale-log.md, stop 50 (S6)). An append cut off past the commit point, made certain:
      // the next test; the roll-forward of a renamed file: store/pool.test.ts.
      for (const aimed of ['prepared:2', 'committed:2']) {
        const w = storeWorker(['allocate-like', pool.layout.dir, file], aimed);
        await selfKilled(w);
        if (await sizeOf(pool.layout.journal)) midCommit++;
        const fresh = await Pool.open(pool.layout.dir);
        await fresh.recoverInterrupted();
        const log = await readLog(pool.layout.changeLog);
        expect(log.validBytes).toBe(log.totalBytes); // recovery wrote the entry whole or cut it off
        const accounts = [...(await fresh.read()).accounts()] as { username: string; round?: number }[];
        const last = Math.max(...accounts.map((a) => a.round ?? 0));
        const [head, ...names] = (await readFile(file, 'utf8')).split('\n');
        expect(head).toBe(`round ${last}`);
        expect(names.sort()).toEqual(accounts.filter((a) => a.round === last).map((a) => a.username).sort());
        const acknowledged = [...w.output().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
        expect(Math.max(...acknowledged)).toBeLessThanOrEqual(last);
      }
      expect(midCommit, 'a kill left the journal').toBeGreaterThanOrEqual(1);
    },
    KILL_LOOP_MS,
  );

  it('a writer killed mid-append after its commit point: recovery writes the entry whole, never cuts it off as torn', async () => {
    const pool = await newPool(4, 20);
    await pool.transaction((tx) => tx.put({ ...tx.get('user000001')!, level: 7 }));
    const at = await sizeOf(pool.layout.changeLog);
    const entry = encodeEntry([{ ...(await pool.read()).get('user000002')!, level: 9 }], 'allocate 1 to east');
    const target = join(pool.layout.dir, '..', 'east.csv');
    const temp = tempPathFor(target, 'tx'); // as the writer names it (a journal naming another file is refused: forged-journal.test.ts)
    await writeFile(temp, 'round 1\nuser000002');
    // As a kill leaves it: the journal committed, the file not yet renamed, half the entry written.
    await appendFile(pool.layout.changeLog, entry.slice(0, entry.length >> 1));
    await writeFile(pool.layout.journal, JSON.stringify({ state: 'committed', moves: [{ temp, target }], removes: [], appends: [{ target: pool.layout.changeLog, at, text: entry }] }));
    const reader = await Pool.open(pool.layout.dir);
    expect((await readLog(pool.layout.changeLog)).entries).toBe(1); // the torn half is never read
    expect((await reader.read()).get('user000002')?.level).toBe(9); // a lock-free reader finishes it under the lock first
    const log = await readLog(pool.layout.changeLog);
    expect([log.entries, log.validBytes]).toEqual([2, log.totalBytes]);
    expect(await readFile(target, 'utf8')).toBe('round 1\nuser000002');
    await (await Pool.open(pool.layout.dir)).transaction((tx) => tx.put({ ...tx.get('user000003')!, level: 4 }));
    expect((await readLog(pool.layout.changeLog)).records.map((a) => [a.username, a.level])).toEqual([['user000001', 7], ['user000002', 9], ['user000003', 4]]);
  });

  it('past its share of the pool the log is folded into a few shards by the transaction itself; fold steps empty it, its history lines going into the month files', async () => {
    expect(logCapacity(1_000)).toBe(LOG_MIN_RECORDS);
    // Half the pool's accounts between 5,000 and 10,000, twice the floor from there to where a twentieth passes it.
    expect([7_000, 10_000, 30_000, 100_000, 200_000].map(logCapacity)).toEqual([3_500, 5_000, 5_000, 5_000, 10_000]);
    expect(logCapacity(1_000_000)).toBeGreaterThan(LOG_MIN_RECORDS);
    expect(logCapacity(2_000_000)).toBe(2 * logCapacity(1_000_000));
    const pool = await newPool(4, 500);
    const change = (level: number) =>
      pool.transaction((tx) => {
        for (const account of [...tx.accounts()]) tx.put({ ...account, level });
        tx.record(`2026-11-01T00:00:00.000Z level {"n":${level}}`);
      });
    const before = await shardTexts(pool);
    const full = LOG_MIN_RECORDS / 500;
    for (let level = 1; level <= full; level++) await change(level);
    expect(pool.loggedRecords).toBe(LOG_MIN_RECORDS);
    expect(await shardTexts(pool)).toEqual(before);
    // One more: the least recently folded shard (the first) takes its records, and only it.
    await change(full + 1);
    const after = await shardTexts(pool);
    // (The record of the shards first, unchanged: no account came or went.)
    expect(after.map((text, i) => text !== before[i])).toEqual([false, true, false, false, false]);
    expect(pool.loggedRecords).toBeLessThanOrEqual(LOG_MIN_RECORDS);
    expect(after[1]!.split('\n').filter((line) => line.includes(`"level": ${full + 1},`))).toHaveLength(after[1]!.split('\n').length - 2);
    const fresh = await Pool.open(pool.layout.dir);
    expect([...(await fresh.read()).accounts()].every((a) => a.level === full + 1)).toBe(true);
    while (pool.loggedRecords > 0) await pool.foldStep();
    expect(await sizeOf(pool.layout.changeLog)).toBe(0);
    // The log is gone, so these come from the month files: the folds moved its lines there.
    expect(await (await Pool.open(pool.layout.dir)).readHistory()).toHaveLength(full + 1);
    expect([...(await fresh.read()).accounts()].every((a) => a.level === full + 1)).toBe(true);
    expect((await cli(['verify', '--pool', pool.layout.dir])).code).toBe(0);
  });

  it('a shard that is not valid YAML, cut short or missing stops a logged write: nothing is appended', async () => {
    const pool = await newPool(4, 40);
    await pool.transaction((tx) => tx.put({ ...tx.get('user000001')!, level: 7 }));
    const logged = await readFile(pool.layout.changeLog);
    const file = shardFile(pool.layout, pool.shardNameOf('user000002'));
    const good = await readFile(file, 'utf8');
    const lines = good.split('\n');
    const damages: [string, string | undefined, RegExp][] = [
      ['not valid YAML', `${lines.slice(0, 3).join('\n')}\n"user000099": {"password": "x", "level": [\n`, new RegExp(`${file}:\\d+`)],
      ['cut short', `${lines.slice(0, 3).join('\n')}\n`, /fewer than/],
      ['missing', undefined, /missing/],
    ];
    for (const [what, text, error] of damages) {
      if (text === undefined) await unlink(file);
      else await writeFile(file, text);
      // The process that wrote the log (its view current) and a fresh one alike.
      for (const writer of [pool, await Pool.open(pool.layout.dir)]) {
        await expect(writer.transaction((tx) => tx.put({ ...tx.get('user000003')!, level: 8 })), what).rejects.toThrow(error);
        const marked = await cli(['mark', 'user000003', '--verdict', 'blind', '--pool', pool.layout.dir]);
        expect(marked.code, what).toBe(1);
      }
      expect(await readFile(pool.layout.changeLog), what).toEqual(logged);
      await writeFile(file, good);
    }
    await pool.transaction((tx) => tx.put({ ...tx.get('user000003')!, level: 8 }));
    expect((await readLog(pool.layout.changeLog)).entries).toBe(2);
  });
});
