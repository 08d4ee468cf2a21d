// An export reads a large pool paged, without the lock (Pool.readIntact({ paged: true })): each
// shard's bytes let go once read, its lines read again, as written out, from the file held open as
// read. A commit meanwhile (a rename over the path) leaves the export as it was read; a hand edit in
// place is refused, naming the file, before anything takes the output's name.
import { openSync, closeSync, readSync, writeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { circleRows } from '../../src/export/circle-rows.js';
import { Pool } from '../../src/store/pool.js';
import { checkedPieces } from '../../src/commands/export.js';

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

  // To stdout nothing can be taken back: each piece (10,000 accounts) is checked once its lines are
  // read, before it is printed. An edit before the first piece prints nothing; one after it stops
  // before the second, the first (read before the edit) printed as it was.
  it('to stdout: an edit in place refuses the export before a piece read after it is printed', async () => {
    const pool = await makePool(4);
    await fillPool(await pool.open(), 10_001);
    const name = readdirSync(join(pool.dir, 'shards')).find((f) => f.endsWith('.yaml'))!;
    // Its first byte written again in place: the same bytes, a new time (an editor's save in place).
    const editInPlace = () => {
      const fd = openSync(join(pool.dir, 'shards', name), 'r+');
      const first = Buffer.alloc(1);
      readSync(fd, first, 0, 1, 0);
      writeSync(fd, first, 0, 1, 0);
      closeSync(fd);
    };
    for (const editAfter of [0, 1]) {
      const reader = await Pool.open(pool.dir, { pageAbove: 0 });
      const rows = circleRows(await reader.readIntact({ paged: true }), () => true);
      const printed: string[] = [];
      if (editAfter === 0) editInPlace();
      expect(() => {
        for (const piece of checkedPieces(reader, 'json', rows, { write: () => {} }, { written: 0 })) {
          printed.push(piece);
          if (printed.length === editAfter) editInPlace();
        }
      }).toThrow(`${name} changed while this command read it`);
      reader.closeHeld();
      expect(printed).toHaveLength(editAfter);
      if (editAfter === 1) expect(printed[0]!.split('\n').filter(Boolean)).toHaveLength(10_000);
    }
  });
});
