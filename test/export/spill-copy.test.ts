// A read without the lock (export) that cannot hold a shard file open copies its bytes to one
// spill file (spill-file.ts) and reads its lines from there: every shard forced so here
// (`holdAtMost: 0`, what `ulimit -n 64` does to a large pool). The rows must be every account once,
// as an unpaged read gives; a commit meanwhile must not change them; nothing may be left on disk.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { circleRows } from '../../src/export/circle-rows.js';
import { Pool } from '../../src/store/pool.js';
import type { Snapshot } from '../../src/store/snapshot.js';

const ACCOUNTS = 1_200;

async function filled() {
  const pool = await makePool(16);
  await (await pool.open()).transaction((tx) => {
    for (let i = 0; i < ACCOUNTS; i++) tx.put(makeAccount(i, { level: 20 }));
  });
  return pool;
}

/** Every row of an export of `snapshot`, in order: username, seq and level (the line was read, not only its key). */
function rowsOf(snapshot: Snapshot): string[] {
  const rows = circleRows(snapshot, () => true);
  return Array.from({ length: rows.length }, (_, k) => {
    const account = rows.accountAt(k);
    return `${account.username}:${account.seq}:${account.level}`;
  });
}

const spillFiles = (dir: string) => readdirSync(join(dir, '.cache')).filter((f) => f.startsWith('.spill-'));

describe('export with no shard file held open: the shards copied to a spill file', () => {
  it('gives every account once, as an unpaged read does, and leaves no file behind even while open', async () => {
    const pool = await filled();
    const expected = rowsOf(await (await pool.open()).readIntact());
    const reader = await Pool.open(pool.dir, { pageAbove: 0, holdAtMost: 0 });
    const snapshot = await reader.readIntact({ paged: true });
    // Paged (the bytes let go), and the copy unlinked already: a kill now leaves nothing in the pool.
    expect(snapshot.shards.every((s) => s.paged)).toBe(true);
    expect(spillFiles(pool.dir)).toEqual([]);
    const got = rowsOf(snapshot);
    expect(got).toHaveLength(ACCOUNTS);
    expect(new Set(got).size).toBe(ACCOUNTS);
    expect(got).toEqual(expected);
    reader.assertHeldUnchanged();
    reader.closeHeld();
  });

  it('writes the pool as read when a commit replaces every shard meanwhile', async () => {
    const pool = await filled();
    const reader = await Pool.open(pool.dir, { pageAbove: 0, holdAtMost: 0 });
    const snapshot = await reader.readIntact({ paged: true });
    await (await pool.open()).transaction((tx) => {
      for (let i = 0; i < ACCOUNTS; i++) tx.put(makeAccount(i, { level: 35 }));
    }, { via: 'shards' });
    const levels = new Set(rowsOf(snapshot).map((row) => row.split(':')[2]));
    expect([...levels]).toEqual(['20']);
    reader.closeHeld();
  });

  it('refuses to read a copy after the read was closed, rather than read the shard as it is now', async () => {
    const pool = await filled();
    const reader = await Pool.open(pool.dir, { pageAbove: 0, holdAtMost: 0 });
    const snapshot = await reader.readIntact({ paged: true });
    reader.closeHeld();
    expect(() => rowsOf(snapshot)).toThrow('after the read that copied them was closed');
  });

  it('removes a spill file a killed process left between its open and its unlink', async () => {
    const pool = await filled();
    // A pid no process has (above the kernel's pid_max of 2^22).
    const orphan = join(pool.dir, '.cache', `.spill-${2 ** 23}-0123456789ab`);
    writeFileSync(orphan, 'user1: {password: secret}\n', { mode: 0o600 });
    const mine = join(pool.dir, '.cache', `.spill-${process.pid}-0123456789ab`);
    writeFileSync(mine, '', { mode: 0o600 });
    const reader = await Pool.open(pool.dir, { pageAbove: 0, holdAtMost: 0 });
    await reader.readIntact({ paged: true });
    // The dead process's is gone; a running process's (here this one's, as a stand-in) is kept.
    expect(spillFiles(pool.dir)).toEqual([`.spill-${process.pid}-0123456789ab`]);
    reader.closeHeld();
  });
});
