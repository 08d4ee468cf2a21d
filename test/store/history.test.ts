// The pool's history files: a transaction's lines are in the history exactly when its changes are
// in the pool, on both commit paths (shards through the journal, the change log), across a fold,
// and across SIGKILL at any moment.
import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { KILL_LOOP_MS, storeWorker } from '../helpers/workers.js';
import { waitFor } from '../helpers/testdir.js';
import { fillPool } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';

async function newPool(accounts: number, clock?: () => Date): Promise<Pool> {
  const { dir } = await makePool(8); // what init leaves, copied from the run's template
  await fillPool(await Pool.open(dir), accounts);
  return Pool.open(dir, { clock });
}

describe('history files', () => {
  it('lines go into the month file of their transaction; through the change log they are read from the log until a fold appends them', async () => {
    let now = new Date('2026-11-30T23:59:00.000Z');
    const pool = await newPool(20, () => now);
    await pool.transaction((tx) => {
      tx.put({ ...tx.get('user000001')!, level: 31 });
      tx.record('2026-11-30T23:59:00.000Z one {}');
    }, { via: 'shards' });
    const november = join(pool.layout.historyDir, '2026-11.txt');
    expect(await readFile(november, 'utf8')).toBe('2026-11-30T23:59:00.000Z one {}\n');

    now = new Date('2026-12-01T00:01:00.000Z');
    await pool.transaction((tx) => {
      tx.put({ ...tx.get('user000002')!, level: 31 });
      tx.record('2026-12-01T00:01:00.000Z two {}');
    }, { via: 'log' });
    expect(await readdir(pool.layout.historyDir)).toEqual(['2026-11.txt']); // not yet in a file...
    expect(await pool.readHistory()).toEqual(['2026-11-30T23:59:00.000Z one {}', '2026-12-01T00:01:00.000Z two {}']); // ...but read
    expect(await (await Pool.open(pool.layout.dir)).readHistory('2026-12')).toEqual(['2026-12-01T00:01:00.000Z two {}']);

    await pool.fold(); // a fold: the log goes into the shards, its lines into December
    expect(await readFile(join(pool.layout.historyDir, '2026-12.txt'), 'utf8')).toBe('2026-12-01T00:01:00.000Z two {}\n');
    expect(await pool.readHistory()).toEqual(['2026-11-30T23:59:00.000Z one {}', '2026-12-01T00:01:00.000Z two {}']);
    expect(await readFile(november, 'utf8')).toBe('2026-11-30T23:59:00.000Z one {}\n'); // appended to, never rewritten
  });

  it('a month file cut by hand mid-line gets a line break before the next line; a transaction that fails records nothing', async () => {
    const pool = await newPool(5, () => new Date('2026-11-02T00:00:00.000Z'));
    await mkdir(pool.layout.historyDir, { recursive: true });
    await writeFile(join(pool.layout.historyDir, '2026-11.txt'), '2026-11-01T00:00:00.000Z cut {"a":');
    await pool.transaction((tx) => tx.record('2026-11-02T00:00:00.000Z next {}'), { via: 'shards' });
    await expect(
      pool.transaction((tx) => {
        tx.record('2026-11-02T00:00:00.000Z never {}');
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await readFile(join(pool.layout.historyDir, '2026-11.txt'), 'utf8')).toBe('2026-11-01T00:00:00.000Z cut {"a":\n2026-11-02T00:00:00.000Z next {}\n');
    await pool.transaction((tx) => expect(() => tx.record('two\nlines')).toThrow(/one non-empty line/));
  });

  it('a writer killed with SIGKILL 10 times while logging, folding and writing shards: the history holds exactly the rounds the pool holds', async () => {
    const pool = await newPool(200);
    for (let kill = 0; kill < 10; kill++) {
      const w = storeWorker(['history', pool.layout.dir]);
      await waitFor(() => w.output().includes('committed'), { what: 'the worker to commit' });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
      w.child.kill('SIGKILL');
      await w.done;
      const fresh = await Pool.open(pool.layout.dir);
      const lastInPool = Math.max(...[...(await fresh.read()).accounts()].map((a) => Number(a.round ?? 0)));
      const rounds = (await fresh.readHistory()).map((line) => Number(/round \{"n":(\d+)\}$/.exec(line)![1]));
      // Every round whose accounts are in the pool has its line, once; no round beyond them has one.
      expect(rounds).toEqual(Array.from({ length: lastInPool }, (_, i) => i + 1));
      const acknowledged = [...w.output().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      expect(Math.max(...acknowledged)).toBeLessThanOrEqual(lastInPool);
    }
  }, KILL_LOOP_MS);
});
