// The lines an allocation takes, read ahead where they come in file order (src/store/circle-view.ts
// Shard `textAt`): a pool whose never-used accounts are numbered in their shards' line order (as an
// import numbers them) hands them out in that order, and each shard's lines are then read 32 KB at a
// time, not one read a line. Every account read that way must be the one its line holds, across the
// reads' edges and up to the file's end, and the transaction must stay over the indexes: a line cut
// wrong there fails its hash check, and the transaction would go to the whole read (StaleCircle),
// which still gives the right accounts, so the test asks which read gave them.
import { describe, expect, it } from 'vitest';
import { candidatesIn } from '../../src/allocate/select.js';
import { Pool } from '../../src/store/pool.js';
import type { Account } from '../../src/model.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';

const LEVELS = { min: 30, max: 31 };

/** Every candidate, in the order handed out, read whole; and whether the last run of the work was over the indexes. */
async function candidates(dir: string, lean: boolean): Promise<{ indexed: boolean; accounts: Account[] }> {
  const pool = await Pool.open(dir);
  let indexed = false;
  const accounts = await pool.transaction(
    (tx) => {
      indexed = tx.circleView !== undefined; // the last run's: a StaleCircle runs the work again over the whole read
      return [...candidatesIn(tx, pool.config, LEVELS, 'east').list].map((lazy) => lazy.account());
    },
    { lean },
  );
  return { indexed, accounts };
}

describe('lines taken in file order, read ahead', () => {
  it('gives every account as its line holds it, across the reads\' edges and to the end of each shard, over the indexes', async () => {
    const { dir } = await makePool(2);
    // ~200-byte lines, ~300 a shard: each shard's lines span two 32 KB reads and the file's end.
    // Longer passwords now and then move where the reads' edges fall within a line.
    await fillPool(await Pool.open(dir), 600, 0, (i) => (i % 37 === 5 ? { password: `pw-${i}-${'x'.repeat(900)}` } : {}));
    // A few accounts handed out once: taken again later, out of file order (read alone).
    await (await Pool.open(dir)).transaction((tx) => {
      for (const i of [3, 301, 598]) tx.put({ ...makeAccount(i), allocated_at: '2026-06-01T00:00:00.000Z' });
    });
    await candidates(dir, true); // the indexes made
    const over = await candidates(dir, true);
    const whole = await candidates(dir, false);
    expect(whole.indexed).toBe(false);
    expect(over.indexed).toBe(true);
    expect(over.accounts).toHaveLength(600);
    expect(over.accounts.map((a) => a.username)).toEqual(whole.accounts.map((a) => a.username));
    expect(over.accounts).toEqual(whole.accounts);
    // The last three are the ones handed out before, the first the lowest numbered never used.
    expect(over.accounts.slice(-3).map((a) => a.username)).toEqual(['user000003', 'user000301', 'user000598']);
    expect(over.accounts[0]!.username).toBe('user000000');
  });
});
