// Many processes on one pool: nothing lost, nothing doubled, even under kill -9.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { cli } from '../helpers/cli.js';
import { KILL_LOOP_MS, storeWorker } from '../helpers/workers.js';
import { testdir, waitFor } from '../helpers/testdir.js';
import { fillPool } from '../helpers/accounts.js';


async function newPool(shards: number): Promise<string> {
  const dir = join(await testdir(), 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', String(shards)])).code).toBe(0);
  return dir;
}

describe('store under concurrent processes', () => {
  it('eight processes adding 1,000 distinct accounts each at the same time: all 8,000 present', async () => {
    const dir = await newPool(16);
    const workers = Array.from({ length: 8 }, (_, w) => storeWorker(['add', dir, String(w * 1000), '1000', '100']));
    const codes = await Promise.all(workers.map((w) => w.done));
    expect(codes, workers.map((w) => w.errors()).join('\n')).toEqual(Array(8).fill(0));
    const snapshot = await (await Pool.open(dir)).read();
    expect(snapshot.size).toBe(8000);
    expect(snapshot.duplicates()).toEqual([]);
    const verify = await cli(['verify', '--pool', dir]);
    expect(verify.stdout).toContain('is sound: 8000 accounts');
  });

  it('a process killed with SIGKILL at random points of a 400-account transaction, 50 times: verify passes, the count never changes', async () => {
    const dir = await newPool(16);
    await fillPool(await Pool.open(dir), 2000);
    let killedMidCommit = 0;
    for (let round = 0; round < 50; round++) {
      const w = storeWorker(['churn', dir]);
      await waitFor(() => w.output().includes('ready'), { what: 'the worker to start' });
      // Random point: anywhere in the next few transactions (each takes a few tens of ms).
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      w.child.kill('SIGKILL');
      await w.done;
      const journal = await import('node:fs/promises').then((fs) => fs.access(join(dir, '.journal.json')).then(() => true, () => false));
      if (journal) killedMidCommit++;
      const verify = await cli(['verify', '--json', '--pool', dir]);
      expect(verify.stderr).not.toMatch(/accountpool verify:/);
      const report = JSON.parse(verify.stdout);
      expect(report.findings).toEqual([]);
      expect(report.accounts).toBe(2000);
      expect(verify.code).toBe(0);
    }
    // The kills really did land inside commits at least sometimes (otherwise this proves little).
    console.log(`kills that interrupted a commit: ${killedMidCommit} of 50`);
  }, KILL_LOOP_MS);
});
