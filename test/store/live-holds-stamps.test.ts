// The shards' stamps the record of live holds keeps after a transaction (src/store/pool.ts
// `stampsAfter`, stop 61 A2): only the shard files the transaction wrote are stat'ed again, every
// other keeps the stamp taken under the lock before anything was read. Two promises: a copy put
// back by hand while a transaction ran (a shard it did not write) is still looked at by the next
// one, and after every commit path the record has each shard file's own stamp, so an unchanged
// pool's next transaction looks nothing up.
import { describe, expect, it } from 'vitest';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filledPoolOnce, type TestPool } from '../helpers/pool.js';
import { fillPool } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';
import { loadLiveHolds } from '../../src/store/live-holds.js';
import { statStamp } from '../../src/store/file-stamp.js';

const COUNT = 40;
const HOUR = 3_600_000;

const filled = filledPoolOnce(4, async (pool) => fillPool(await pool.open(), COUNT));

const user = (i: number) => `user${String(i).padStart(6, '0')}`;

/** Holds accounts `names` for `holder`, an hour from the transaction's now. */
const hold = (names: number[], holder: string) => (tx: Transaction) => {
  const until = new Date(tx.now.getTime() + HOUR).toISOString();
  for (const i of names) tx.put({ ...tx.get(user(i))!, holder, held_until: until, allocated_at: tx.now.toISOString() });
};

/** Each shard file's stamp now, by shard name. */
async function fileStamps(pool: TestPool): Promise<Record<string, string>> {
  const dir = join(pool.dir, 'shards');
  const stamps: Record<string, string> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()) stamps[file.slice(0, -5)] = await statStamp(join(dir, file));
  return stamps;
}

async function recordStamps(pool: TestPool): Promise<Record<string, string> | undefined> {
  return (await loadLiveHolds(join(pool.dir, '.cache')))?.record.stamps;
}

describe('the record of live holds after a transaction: the shards it wrote stat\'ed again, the others as found', () => {
  it('an older shard copied back by hand while a transaction that did not write it ran: the next transaction finds its holds gone', async () => {
    const pool = await filled();
    const open = () => Pool.open(pool.dir);
    const shards = join(pool.dir, 'shards');
    const backup = join(pool.base, 'backup');
    await cp(shards, backup, { recursive: true });
    await (await open()).transaction(hold([1, 2, 3, 4, 5, 6, 7, 8], 'east'), { via: 'shards' });
    // The shard holding user000001's hold, and the other accounts held there.
    let shard = '';
    for (const file of (await readdir(shards)).filter((f) => f.endsWith('.yaml'))) if ((await readFile(join(shards, file), 'utf8')).includes(`"${user(1)}"`)) shard = file;
    const text = await readFile(join(shards, shard), 'utf8');
    const heldThere = [1, 2, 3, 4, 5, 6, 7, 8].map(user).filter((name) => text.includes(`"${name}"`));
    expect(heldThere.length).toBeGreaterThan(0);

    // A transaction that writes nothing, during which the old copy is put back (by hand, without the lock).
    await (await open()).transaction(async () => {
      await cp(join(backup, shard), join(shards, shard));
    });
    // Until stop 61 the transaction's end stat'ed every shard and recorded the copy's stamp as its
    // own write's: the next transaction looked nothing up and handed those accounts out again.
    const { holds } = await (await open()).holdsGoneBack();
    expect(holds.map((h) => h.username).sort()).toEqual(heldThere.sort());
  });

  it('after every commit path the record has each shard file\'s own stamp: the log, a fold with the entry, the shards, a reshard', async () => {
    const pool = await filled();
    // A log of 3 records' capacity: the second transaction over the indexes commits a fold with its entry.
    const open = () => Pool.open(pool.dir, { folds: { capacity: 3, budget: 1 } });
    await (await open()).transaction(hold([1, 2], 'a'), { lean: true });
    expect(await recordStamps(pool)).toEqual(await fileStamps(pool));
    const before = await fileStamps(pool);
    await (await open()).transaction(hold([3, 4, 5, 6, 7], 'b'), { lean: true });
    const folded = await fileStamps(pool);
    expect(folded).not.toEqual(before); // a fold wrote shards: their new stamps recorded
    expect(await recordStamps(pool)).toEqual(folded);
    await (await open()).transaction(hold([8, 9], 'c'), { via: 'shards' });
    expect(await recordStamps(pool)).toEqual(await fileStamps(pool));
    const store = await open();
    await store.reshard(2);
    await store.transaction(hold([10], 'd'), { via: 'shards' });
    expect(Object.keys((await recordStamps(pool))!)).toHaveLength(2);
    expect(await recordStamps(pool)).toEqual(await fileStamps(pool));
    // So an unchanged pool's next check is the stats alone: every hold where it was.
    expect((await (await open()).holdsGoneBack()).holds).toEqual([]);
  });
});
