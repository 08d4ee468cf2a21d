// The lines an allocation over the circle indexes read of the accounts it handed out
// (.cache/handed-lines.json, src/store/handed-lines.ts) are derived and git-ignored: the status
// right after the allocation takes each account's standing off them instead of looking it up in
// its shard. Only where the note is sealed (src/cache-seal.ts), names the shard's bytes as they
// are now (their sha1) and the record's base line (its hash, from the log): a note edited by hand,
// cut short by a crash, or of a shard edited since, is not believed, and status looks up as before.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';
import { status, type Counted } from '../helpers/status-counts.js';
import { readSealed } from '../helpers/sealed-cache.js';

const noteOf = (pool: TestPool) => join(pool.dir, '.cache', 'handed-lines.json');

interface Note {
  keys: string[];
  tuples: unknown[][];
  hashes: string[];
}

/** A pool of 40 accounts, counted once (summaries and indexes made), then 10 handed out to `east`. */
async function allocated(): Promise<TestPool> {
  const pool = await poolWithAccounts(40);
  expect((await status(pool)).total).toBe(40);
  expect((await cli(['allocate', '--count', '10', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
  return pool;
}

function expectTrue(counted: Counted): void {
  expect(counted.total).toBe(40);
  expect(counted.byAvailability).toMatchObject({ available: 30, held: 10 });
  expect(counted.holders).toEqual([expect.objectContaining({ instance: 'east', accounts: 10 })]);
}

describe('the lines an allocation noted for status', () => {
  it('are written by the allocation, one per account handed out, and status counts with them as without them', async () => {
    const pool = await allocated();
    const note = await readSealed<Note>(noteOf(pool));
    expect(note.keys).toHaveLength(10);
    // Each noted as it was read: available, no holder (the tuple's holder is '').
    expect(note.tuples.every((tuple) => tuple[4] === '')).toBe(true);
    const withNote = await status(pool);
    expectTrue(withNote);
    // The same pool counted again without the note and the file of what status found: every account looked up.
    const copy = await allocated();
    await rm(noteOf(copy));
    const without = await status(copy);
    const comparable = ({ pool: _, holders, ...counted }: Counted & { pool?: string }) => ({ ...counted, holders: holders.map((h) => h.accounts) });
    expect(comparable(without)).toEqual(comparable(withNote));
  });

  it('edited by hand, its seal line kept (its accounts noted as held already): status counts the shards', async () => {
    const pool = await allocated();
    const text = await readFile(noteOf(pool), 'utf8');
    const note = JSON.parse(text.slice(text.indexOf('\n') + 1)) as Note;
    note.tuples = note.tuples.map((tuple) => [...tuple.slice(0, 4), 'east', '2099-01-01T00:00:00.000Z']);
    await writeFile(noteOf(pool), `${text.slice(0, text.indexOf('\n'))}\n${JSON.stringify(note)}\n`);
    for (let run = 0; run < 2; run++) expectTrue(await status(pool));
  });

  it('cut short (a crash while it was written): status counts the shards', async () => {
    const pool = await allocated();
    const size = (await readFile(noteOf(pool))).length;
    await truncate(noteOf(pool), Math.floor(size / 2));
    for (let run = 0; run < 2; run++) expectTrue(await status(pool));
  });

  it('of a shard edited by hand since: status counts the edit, not the line noted', async () => {
    const pool = await allocated();
    const note = await readSealed<Note>(noteOf(pool));
    expect(note.keys.length).toBe(10);
    // Every shard's file rewritten with one more comment line: other bytes, the same accounts.
    const shards = join(pool.dir, 'shards');
    for (const name of (await readdir(shards)).filter((f) => f.endsWith('.yaml'))) {
      const file = join(shards, name);
      await writeFile(file, `${await readFile(file, 'utf8')}# edited by hand\n`);
    }
    for (let run = 0; run < 2; run++) expectTrue(await status(pool));
  });
});
