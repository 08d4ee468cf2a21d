// An export reads a large pool paged, without the lock (Pool.readIntact({ paged: true })): each
// shard's bytes let go once read, its lines read again, as written out, from the file held open as
// read. A commit meanwhile (a rename over the path) leaves the export as it was read; a hand edit in
// place is refused, naming the file, before anything takes the output's name.
import { openSync, closeSync, writeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { circleRows } from '../../src/export/circle-rows.js';
import { Pool } from '../../src/store/pool.js';

async function filled() {
  const pool = await makePool(4);
  await (await pool.open()).transaction((tx) => {
    for (let i = 0; i < 400; i++) tx.put(makeAccount(i, { level: 20 }));
  });
  return pool;
}

describe('export over held shard files', () => {
  it('writes the pool as read when a commit replaces every shard meanwhile', async () => {
    const pool = await filled();
    const reader = await Pool.open(pool.dir, { pageAbove: 0 });
    const rows = circleRows(await reader.readIntact({ paged: true }), () => true);
    await (await pool.open()).transaction((tx) => {
      for (let i = 0; i < 400; i++) tx.put(makeAccount(i, { level: 35 }));
    }, { via: 'shards' });
    const levels = new Set(Array.from({ length: rows.length }, (_, k) => rows.accountAt(k).level));
    expect(rows.length).toBe(400);
    expect([...levels]).toEqual([20]);
    expect(() => reader.assertHeldUnchanged()).not.toThrow();
    reader.closeHeld();
  });

  it('refuses, naming the shard, one edited in place after it was read', async () => {
    const pool = await filled();
    const reader = await Pool.open(pool.dir, { pageAbove: 0 });
    const rows = circleRows(await reader.readIntact({ paged: true }), () => true);
    const name = readdirSync(join(pool.dir, 'shards')).find((f) => f.endsWith('.yaml'))!;
    const fd = openSync(join(pool.dir, 'shards', name), 'r+');
    writeSync(fd, Buffer.from(' '), 0, 1, 1_000_000); // grows it in place: the same file, a new size and time
    closeSync(fd);
    expect(rows.length).toBe(400);
    expect(() => reader.assertHeldUnchanged()).toThrow(name);
    reader.closeHeld();
  });
});
