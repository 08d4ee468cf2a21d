// The fold's share of the cycle (src/store/fold-plan.ts `cycleShare`): allocations walk the pool
// shard by shard (never-used accounts go in import order), so folding back to the log's capacity
// alone folded the walk's shard and nothing else, while a few old records sat in every shard ahead
// of it. The log never turned over and filled, and the transaction that found it full wrote every
// shard at once (docs/scale-log.md, stop 64 S: 15.8 MB at 100,000 accounts). Here the same walk, in
// a small pool with a small capacity and budget (the test knobs), as allocations run it: a pool
// opened per transaction, over the circle indexes.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool, LOG_LIMIT } from '../../src/store/pool.js';
import { previousSegmentOf, readLog } from '../../src/store/change-log.js';
import { shardFile, shardIndexOf } from '../../src/store/layout.js';
import { openFilledPool } from '../helpers/pool.js';

async function shardBytes(dir: string): Promise<Map<string, Buffer>> {
  const shards = join(dir, 'shards');
  const names = (await readdir(shards)).filter((n) => n.endsWith('.yaml')).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(shards, name))] as const)));
}

const inodeOf = (file: string) => stat(file).then((s) => s.ino, () => undefined);

describe('the fold cycle under a walk shard by shard', () => {
  it('a pool opened per transaction, walking shard by shard after a change spread over every shard, turns its log over or folds it away within its budget, again and again; none finds the log full (whose drain wrote every shard)', async () => {
    // 17 transactions, each a pool opened anew (~2-3 s of CPU in all, most of it those opens): the
    // log must outlast LOG_LIMIT's 12 transactions for the old plan to fail here.
    // The walk moves on to the next shard with every transaction, as the bench's allocations at 100,000 accounts do (~1.3 of them a shard).
    const shards = 16;
    const size = 480;
    const filled = await openFilledPool(shards, size);
    const dir = filled.layout.dir;
    const capacity = 120;
    const folds: { capacity: number; budget?: number } = { capacity };
    const options = { folds };
    // The accounts of each shard, in order: the walk takes them shard by shard, as an allocation's never-used accounts come.
    const byShard = Array.from({ length: shards }, () => [] as string[]);
    for (let i = 0; i < size; i++) {
      const username = `user${String(i).padStart(6, '0')}`;
      byShard[shardIndexOf(username, shards)]!.push(username);
    }
    const walk = byShard.flat();
    const model = new Map<string, number>();
    const change = async (usernames: readonly string[], level: number) => {
      const pool = await Pool.open(dir, options);
      await pool.transaction((tx) => {
        for (const username of usernames) {
          tx.put({ ...tx.get(username)!, level });
          model.set(username, level);
        }
      }, { lean: true });
    };
    // The setup: a change of one account in every shard (the bench's `mark`s of spread accounts), twice.
    for (let round = 0; round < 2; round++) await change(byShard.map((names) => names[names.length - 1 - round]!), 40 + round);
    // Four shards a fold: a fold over the indexes counts each shard's file and circle index
    // (made by the setup), and lines change length by a digit or two. The walk passes 16 shards in
    // 16 transactions and the log fills (LOG_LIMIT) in 12: one shard a fold is not enough for any order.
    const one = (await stat(shardFile(filled.layout, '00'))).size + (await stat(join(dir, '.cache', 'circle', '00.idx'))).size;
    const budget = 4 * one + 400;
    folds.budget = budget;
    // The walk: 30 accounts taken a transaction, the 30 before given back (changed again).
    const per = 30;
    let before = await shardBytes(dir);
    let turns = 0;
    let previous = await inodeOf(previousSegmentOf(join(dir, '.changes.log')));
    let most = 0;
    let lines = 0;
    const rounds = walk.length / per;
    for (let round = 1; round < rounds; round++) {
      await change([...walk.slice((round - 1) * per, round * per), ...walk.slice(round * per, (round + 1) * per)], 1 + (round % 30));
      const after = await shardBytes(dir);
      const written = [...after].filter(([name, bytes]) => !bytes.equals(before.get(name)!));
      before = after;
      // Within the budget every time: the transaction that found the log full wrote all 16 shards.
      expect(written.reduce((n, [, bytes]) => n + bytes.length, 0), `round ${round}`).toBeLessThanOrEqual(budget);
      // Never full: the next transaction would go past LOG_LIMIT.
      const log = await readLog(join(dir, '.changes.log'));
      expect(log.recordCount + 2 * per, `round ${round}`).toBeLessThanOrEqual(LOG_LIMIT * capacity);
      most = Math.max(most, log.recordCount);
      // A cycle ends where the log turns over, or where a fold within the budget left nothing pending (the log goes).
      const inode = await inodeOf(previousSegmentOf(join(dir, '.changes.log')));
      if ((inode !== undefined && inode !== previous) || (log.recordCount === 0 && lines > 0)) turns++;
      previous = inode;
      lines = log.recordCount;
    }
    // Cycles ended again and again: a walk of the whole pool is ~8 capacities of records, and the log fills at 6.
    expect(turns).toBeGreaterThanOrEqual(2);
    const read = await (await Pool.open(dir)).read();
    for (const [username, level] of model) expect(read.get(username)?.level, username).toBe(level);
    console.log(`record lines in the log at most ${most} (capacity ${capacity}, ${2 * per} a transaction), ${turns} cycles over ${rounds - 1} transactions`);
  });
});
