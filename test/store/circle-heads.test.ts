// The heads file (.cache/circle/heads.json, src/store/circle-heads.ts): every shard's circle index
// header in one derived file, so an allocation reads only the indexes its choice reaches. It is
// never the only record: missing, garbled, stale (left from before the shards changed) or naming
// an index that is not there, the allocation hands out exactly what the whole parse chooses, and
// the file is made again; a process killed between saving an index and the heads file leaves a
// pool whose next allocations still hand out the least recently used accounts, none twice.
import { describe, expect, it } from 'vitest';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allocate } from '../../src/allocate/allocate.js';
import { candidatesIn } from '../../src/allocate/select.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { Pool } from '../../src/store/pool.js';
import { headsFile, readHeads } from '../../src/store/circle-heads.js';
import { makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { KILL_LOOP_MS, selfKilled, storeWorker } from '../helpers/workers.js';

const LEVELS = { min: 30, max: 31 };
const SHARDS = 4;
const name = (i: number) => `user${String(i).padStart(6, '0')}`;
/** A log of 5 records and a budget of one shard: nearly every allocation folds a shard and saves its index. */
const FOLDS = { capacity: 5, budget: 1 };

async function filledPool(accounts: number): Promise<string> {
  const { dir } = await makePool(SHARDS);
  const pool = await Pool.open(dir);
  await pool.transaction((tx) => {
    for (let i = 0; i < accounts; i++) tx.put(makeAccount(i, { username: name(i), level: 30, seq: i % 3 }));
  });
  return dir;
}

/** The candidates in order, over the indexes (a fresh process's view: heads file as it is) and by the whole parse. */
async function choices(dir: string): Promise<{ indexed: boolean; lean: string[]; whole: string[] }> {
  const list = async (lean: boolean) => {
    const pool = await Pool.open(dir);
    return pool.transaction((tx) => ({ indexed: tx.circleView !== undefined, names: [...candidatesIn(tx, pool.config, LEVELS, 'east').list].map((lazy) => lazy.key) }), { lean });
  };
  const lean = await list(true);
  const whole = await list(false);
  return { indexed: lean.indexed, lean: lean.names, whole: whole.names };
}

async function allocateOnce(dir: string): Promise<string[]> {
  const pool = await Pool.open(dir, { folds: FOLDS });
  const outcome = await allocate(pool, { count: 4, levels: LEVELS, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
  return outcome.allocated.map((a) => a.username);
}

describe('the circle indexes\' heads file', () => {
  it('missing, garbled, stale or naming an index that is gone: allocations hand out what the whole parse chooses, and the file is made again', async () => {
    const dir = await filledPool(40);
    await allocateOnce(dir); // indexes and heads made
    const early = await readFile(headsFile(join(dir, '.cache', 'circle')));
    const heads = () => readHeads(join(dir, '.cache', 'circle'), SHARDS);
    const spoil: [string, () => Promise<void>][] = [
      ['kept', async () => {}],
      ['missing', () => rm(headsFile(join(dir, '.cache', 'circle')), { force: true })],
      ['garbled', () => writeFile(headsFile(join(dir, '.cache', 'circle')), '{"version":1,"shards":4,"entries":{"0":{"head":')],
      // Made before the folds since: its entries name stamps the folded shards no longer have.
      ['stale', () => writeFile(headsFile(join(dir, '.cache', 'circle')), early)],
      // Current, but the indexes it names deleted: StaleCircle, the whole read, the file dropped.
      ['index gone', async () => {
        for (const file of await readdir(join(dir, '.cache', 'circle'))) if (file.endsWith('.idx')) await rm(join(dir, '.cache', 'circle', file));
      }],
    ];
    // Each case a few real allocations (each one a transaction, most of them folding a shard): ~2-5 s under load.
    for (const [what, change] of spoil) {
      expect((await heads()).size, `${what}: the last allocation left a whole heads file`).toBe(SHARDS);
      await change();
      const seen = await choices(dir);
      expect(seen.lean, what).toEqual(seen.whole);
      if (what !== 'index gone') expect(seen.indexed, what).toBe(true); // that one the whole read chose
      expect(await allocateOnce(dir), what).toEqual(seen.whole.slice(0, 4));
    }
    // Made again after each: the next transaction over the indexes rewrote it whole.
    await choices(dir);
    expect((await heads()).size).toBe(SHARDS);
  });

  it(
    'an allocation killed with SIGKILL after saving a circle index and before the heads file: the next ones hand out the least recently used accounts, none twice',
    async () => {
      const dir = await filledPool(40);
      await allocateOnce(dir);
      const handed: string[][] = [];
      // Killed at its 1st, then its 2nd index saved (a round may save one or none). A worker's
      // start and the whole reads that check it: ~10 s under load, as the other kill loops.
      for (const nth of [1, 2]) {
        const w = storeWorker(['allocate-loop', dir, String(FOLDS.capacity), String(FOLDS.budget)], `indexed:${nth}`);
        await selfKilled(w);
        const pool = await Pool.open(dir);
        await pool.recoverInterrupted();
        // What the indexes and the heads file as the kill left them choose is the whole parse's order.
        const seen = await choices(dir);
        expect(seen.indexed).toBe(true);
        expect(seen.lean).toEqual(seen.whole);
        const got = await allocateOnce(dir);
        expect(got).toEqual(seen.whole.slice(0, 4));
        handed.push(got);
        // East holds exactly what it was last handed: nothing handed twice, nothing kept from before.
        const held = [...(await (await Pool.open(dir)).read()).accounts()].filter((a) => a.holder === 'east').map((a) => a.username);
        expect(held.sort()).toEqual([...got].sort());
      }
      expect(new Set(handed.flat()).size).toBe(8); // two allocations, 40 accounts: no account twice
      await (await Pool.open(dir)).readIntact();
    },
    KILL_LOOP_MS,
  );
});
