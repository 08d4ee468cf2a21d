// A process that keeps its pool open (serve, the watcher) keeps each shard it read or wrote,
// parsed, while the shard file's stamp (inode, size, times) is unchanged (src/store/pool.ts
// `readShard`). A fold remembers the shard it wrote by a stat taken after the rename: a hand edit in
// place between the rename and that stat (or within one tick of the file system's clock after it)
// left a stamp that never changed again, and the process read and wrote its old copy ever after:
// the edit (a password fixed, a line's hold) was lost at its next fold. Until stop 62 (K); now a
// stamp not yet older than the file system's clock is checked against the bytes' hash once.
import { describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, watch, writeSync } from 'node:fs';
import { join } from 'node:path';
import { filledPoolOnce } from '../helpers/pool.js';
import { fillPool } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';

const HOUR = 3_600_000;
const user = (i: number) => `user${String(i).padStart(6, '0')}`;
const filled = filledPoolOnce(4, async (pool) => fillPool(await pool.open(), 40));

const hold = (names: number[], holder: string) => (tx: Transaction) => {
  const until = new Date(tx.now.getTime() + HOUR).toISOString();
  for (const i of names) tx.put({ ...tx.get(user(i))!, holder, held_until: until, allocated_at: tx.now.toISOString() });
};

/** Changes the first `"pw-` of `file` to `"PW-` in place (same size, same inode); the username it belongs to. */
function editInPlace(file: string): string | undefined {
  const text = readFileSync(file, 'latin1');
  const at = text.indexOf('"password": "pw-');
  if (at < 0) return undefined;
  const name = /user\d{6}/.exec(text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at)))?.[0];
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from('PW'), 0, 2, at + '"password": "'.length);
  } finally {
    closeSync(fd);
  }
  return name;
}

describe('a shard edited by hand in place as a long-running process folds it', () => {
  it('is read as edited by that process, and its next fold keeps the edit', async () => {
    const pool = await filled();
    const shards = join(pool.dir, 'shards');
    // One Pool for every transaction, as serve keeps one; a log of 3 records: the second transaction folds.
    const store = await Pool.open(pool.dir, { folds: { capacity: 3, budget: 1 } });
    await store.transaction(hold([1, 2], 'a'));
    let edited: { file: string; name: string | undefined } | undefined;
    // The moment a fold renames a shard into place, before the fold looks at it: an edit by hand.
    const watcher = watch(shards, (event, entry) => {
      if (edited || event !== 'rename' || !entry?.endsWith('.yaml') || entry.startsWith('.')) return;
      const file = join(shards, entry);
      try {
        edited = { file, name: editInPlace(file) };
      } catch {
        // The old file's name going away, before the new one is there: the next event.
      }
    });
    try {
      await store.transaction(hold([3, 4, 5, 6, 7], 'b'));
    } finally {
      watcher.close();
    }
    // Where the event came after the fold's look (a slow machine): the edit after it, which must read as well.
    for (const entry of ['0.yaml', '1.yaml', '2.yaml', '3.yaml']) if (!edited?.name) edited = { file: join(shards, entry), name: editInPlace(join(shards, entry)) };
    expect(edited?.name).toMatch(/^user\d{6}$/);
    const name = edited!.name!;
    const wanted = readFileSync(edited!.file, 'utf8');
    expect(wanted).toMatch(/"password": "PW-/);
    // The same process reads the edit (before the fix: its own copy, "pw-")...
    expect((await store.read()).get(name)?.password).toMatch(/^PW-/);
    // ...and its next write of that shard keeps it.
    await store.transaction(hold([8, 9, 10, 11, 12, 13, 14], 'c'));
    await store.fold();
    expect((await (await Pool.open(pool.dir)).read()).get(name)?.password).toMatch(/^PW-/);
  });
});
