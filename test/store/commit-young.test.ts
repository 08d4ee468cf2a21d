// A commit through the shards collects the young generation every few new files it makes
// (pool.ts madeAsWritten): each file's old and new bytes are dead once written, and V8 left ~40 MB
// of them uncollected at the peak of a commit into every shard of a 1,000,000-account pool
// (scale-log.md, stop 36). Here: the collections are asked for as the files are made, and the
// commit is whole after them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as collect from '../../src/collect-garbage.js';
import { Pool } from '../../src/store/pool.js';
import { keyOf } from '../../src/model.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';

// A spy on the module's export (vitest's transform reads an import at each call; it calls the
// real one), not vi.mock: the file runs in the workers' shared module graph (vitest.config.ts), so
// it is put back after the test.
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a commit through the shards', () => {
  it('collects the young generation every 8 new files it makes, and writes every account', async () => {
    const { dir } = await makePool(32);
    const pool = await Pool.open(dir);
    await fillPool(pool, 320);
    const young = vi.spyOn(collect, 'collectYoung');
    // Accounts in every shard: all 32 files made again.
    await pool.transaction(
      (tx) => {
        for (let i = 320; i < 640; i++) tx.put(makeAccount(i));
      },
      { via: 'shards' },
    );
    expect(young).toHaveBeenCalledTimes(4);
    const keys = new Set([...(await (await Pool.open(dir)).read()).accounts()].map((a) => keyOf(a.username)));
    expect(keys.size).toBe(640);
    for (let i = 0; i < 640; i++) expect(keys.has(keyOf(makeAccount(i).username))).toBe(true);
  });
});
