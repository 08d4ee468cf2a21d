// A checked allocation hands memory back (Pool.giveBack, collect-garbage.ts) at the two moments it
// let go of a read of the pool: once its reservation is committed (the checker then works), and
// when the fold due after its final transaction reads the log afresh. At 1,000,000 accounts each
// read's garbage lay under the next one: the command's peak (docs/scale-log.md, stop 32).
// What is asserted is where it is asked, and that the allocation and the fold happen as before.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocate } from '../../src/allocate/allocate.js';
import type { Checker } from '../../src/checker/types.js';
import { Pool } from '../../src/store/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');

/** A checker that passes every account at once. */
const passAll: Checker = {
  name: 'pass-all',
  check: async (requests) => requests.map((r) => ({ username: r.username, verdict: 'ok' as const })),
};

/** The change log's entries, oldest first (both segments): a transaction's message, or `#fold`. */
function entries(dir: string): string[] {
  const text = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return '';
    }
  };
  const lines = `${text('.changes.old.log')}${text('.changes.log')}`.split('\n');
  return lines.filter((l) => l.startsWith('#tx ') || l.startsWith('#fold ')).map((l) => (l.startsWith('#fold ') ? '#fold' : (JSON.parse(l.slice(l.indexOf('"'))) as string)));
}

/** The last transaction's message in `logged`, the fold entries after it left out. */
function lastTx(logged: string[]): string | undefined {
  return logged.filter((e) => e !== '#fold').at(-1);
}

describe('a checked allocation gives memory back', () => {
  it('after its reservation, and before the fold its final transaction leaves due reads the log afresh; the fold still commits', async () => {
    const dir = join(await testdir(), 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '4'])).code).toBe(0);
    // A log of 5 records' capacity and a budget of one shard: a final transaction, committed over
    // the view its reservation kept, takes the log past its capacity, and a fold is due after it.
    const pool = await Pool.open(dir, { clock: () => NOW, folds: { capacity: 5, budget: 1 } });
    await pool.transaction((tx) => {
      for (let i = 0; i < 40; i++) tx.put(makeAccount(i, { username: `acc${String(i).padStart(2, '0')}`, level: 30 }));
    });
    // The log as it is at each call (a call is synchronous: nothing commits meanwhile).
    const calls: string[][] = [];
    pool.giveBack = () => void calls.push(entries(dir));
    let beforeFold = 0;
    for (let round = 0; round < 4; round++) {
      const from = calls.length;
      const outcome = await allocate(pool, { count: 4, levels: { min: 30, max: 31 }, instance: 'east', checker: passAll, concurrency: 1, allowPartial: false });
      expect(outcome.allocated).toHaveLength(4);
      const mine = calls.slice(from);
      // Once the reservation is committed: the log's last transaction is it.
      expect(mine.map(lastTx)).toContain('reserve 4 accounts for east to check');
      for (const logged of mine) {
        if (!lastTx(logged)?.startsWith('allocate 4 to east')) continue;
        // Before the fold: the final transaction is committed, nothing folded after it yet ...
        expect(logged.at(-1)).not.toBe('#fold');
        beforeFold++;
        // ... and after the allocation, that fold is there (or it drained the log, which then is gone).
        const after = entries(dir);
        const final = after.lastIndexOf(lastTx(logged)!);
        expect(final < 0 || after.slice(final + 1).includes('#fold')).toBe(true);
      }
    }
    expect(beforeFold).toBeGreaterThan(0);
  });
});
