// The bulk commit makes each shard's new file just before writing its temp, a few at a time
// (journal.ts `writeTemps`), so an import into every shard of a large pool never holds all the
// new files. The guarantees stay: a kill before the commit point leaves the pool as it was, a
// kill after it leaves the whole import; and a failing temp leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { commit, type PendingWrite } from '../../src/store/journal.js';
import { keyOf } from '../../src/model.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { testdir } from '../helpers/testdir.js';
import { KILL_LOOP_MS, storeWorker } from '../helpers/workers.js';

const SHARDS = 64;
const KEPT = 6_400;
const ADDED = 1_280;
const SIZE = 64 * 1024;

/** The pool's account keys, read as a fresh process would (finishing what a killed one left). */
async function keysOf(dir: string): Promise<Set<string>> {
  const snapshot = await (await Pool.open(dir)).read();
  expect(snapshot.duplicates()).toEqual([]);
  return new Set([...snapshot.accounts()].map((a) => keyOf(a.username)));
}

const temps = async (dir: string) => (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.tmp'));
const journalState = async (dir: string) => (await readFile(join(dir, '.journal.json'), 'utf8').catch(() => '')).match(/"state":"(\w+)"/)?.[1];

describe('the streamed commit', () => {
  it('makes each new file just before its temp is written, never more than a few ahead of those written', async () => {
    const dir = await testdir();
    const journal = join(dir, '.journal.json');
    let made = 0;
    const ahead: number[] = [];
    const writes: PendingWrite[] = Array.from({ length: 24 }, (_, k) => ({
      target: join(dir, `file${k}`),
      temp: join(dir, `.file${k}.tmp`),
      mode: 0o600,
      data: () => {
        // Files made before this one and not yet whole on disk.
        let unfinished = 0;
        for (let j = 0; j < made; j++) if ((statSync(join(dir, `.file${j}.tmp`), { throwIfNoEntry: false })?.size ?? 0) < SIZE) unfinished++;
        ahead.push(unfinished);
        made++;
        return Buffer.alloc(SIZE, k);
      },
    }));
    await commit(journal, writes, () => {
      // Before the commit point, every temp is there and whole.
      for (let k = 0; k < 24; k++) expect(existsSync(join(dir, `.file${k}.tmp`))).toBe(true);
    });
    expect(made).toBe(24);
    for (let k = 0; k < 24; k++) expect((await readFile(join(dir, `file${k}`)))[0]).toBe(k);
    // Every file was made once all but the few being written beside it were whole on disk.
    expect(Math.max(...ahead)).toBeLessThan(4);
  });

  it('a file that cannot be made leaves no temp and no target: nothing of the commit', async () => {
    const dir = await testdir();
    await writeFile(join(dir, 'file3'), 'old');
    const writes: PendingWrite[] = Array.from({ length: 12 }, (_, k) => ({
      target: join(dir, `file${k}`),
      temp: join(dir, `.file${k}.tmp`),
      mode: 0o600,
      data: () => {
        if (k === 7) throw new Error('cannot make file7');
        return `new ${k}`;
      },
    }));
    await expect(commit(join(dir, '.journal.json'), writes, () => {})).rejects.toThrow(/file7/);
    expect((await readdir(dir)).sort()).toEqual(['file3']);
    expect(await readFile(join(dir, 'file3'), 'utf8')).toBe('old');
  });

  it(
    'an import killed with SIGKILL while its temps are written leaves the pool as before; killed past the commit point, the whole import',
    async () => {
      const p = await makePool(SHARDS);
      await fillPool(await p.open(), KEPT);
      let expected = await keysOf(p.dir);
      expect(expected.size).toBe(KEPT);
      let betweenTemps = 0;
      let pastCommit = 0;
      let rounds = 0;
      for (let from = KEPT; rounds < 60 && (betweenTemps < 3 || pastCommit < 1); rounds++, from += ADDED) {
        // Odd rounds wait for the commit point, even ones kill at the first temp written.
        const target = rounds % 2 === 0 ? 'prepared' : 'committed';
        const w = storeWorker(['add', p.dir, String(from), String(ADDED), String(ADDED)]);
        let exited = false;
        void w.done.then(() => (exited = true));
        while (!exited) {
          const state = await journalState(p.dir);
          const found = state === 'prepared' ? (await temps(p.dir)).length : 0;
          if ((target === 'prepared' && found > 0) || (target === 'committed' && state === 'committed')) {
            w.child.kill('SIGKILL');
            break;
          }
        }
        await w.done;
        // What the kill left on disk, before anything finishes it.
        const left = { state: await journalState(p.dir), temps: (await temps(p.dir)).length };
        const added = new Set(Array.from({ length: ADDED }, (_, i) => keyOf(`user${String(from + i).padStart(6, "0")}`)));
        const keys = await keysOf(p.dir);
        const withImport = new Set([...expected, ...added]);
        if (left.state === 'prepared') {
          // Between the temps and the commit point: as before, the temps gone.
          if (left.temps > 0 && left.temps < SHARDS) betweenTemps++;
          expect(keys).toEqual(expected);
        } else if (left.state === 'committed') {
          pastCommit++;
          expect(keys).toEqual(withImport);
        } else {
          // No journal: killed before it was written, or after the commit was done.
          expect([expected.size, withImport.size]).toContain(keys.size);
          expect(keys).toEqual(keys.size === expected.size ? expected : withImport);
        }
        expect(await temps(p.dir)).toEqual([]);
        expected = keys;
      }
      console.log(`streamed commit kills: ${betweenTemps} between the temps (some written, not all), ${pastCommit} past the commit point, in ${rounds} rounds`);
      expect(betweenTemps).toBeGreaterThanOrEqual(3);
      expect(pastCommit).toBeGreaterThanOrEqual(1);
    },
    KILL_LOOP_MS,
  );

  it('over shards paged (their bytes let go once read), an import with records pending writes the files the whole read writes', async () => {
    const p = await makePool(8);
    await fillPool(await p.open(), 3000);
    // Records pending in the change log, over lines of every shard.
    await (await p.open()).transaction((tx) => {
      for (let i = 0; i < 3000; i += 7) tx.put({ ...makeAccount(i), level: 31 });
    });
    const copy = join(p.base, 'copy');
    await cp(p.dir, copy, { recursive: true });
    const importInto = async (pool: Pool) =>
      pool.transaction((tx) => {
        for (let i = 2500; i < 4000; i++) tx.put({ ...makeAccount(i), level: 29 });
      });
    await importInto(await Pool.open(p.dir, { pageAbove: 0 }));
    await importInto(await Pool.open(copy, { pageAbove: Infinity }));
    const files = (await readdir(join(p.dir, 'shards'))).sort();
    expect(files).toEqual((await readdir(join(copy, 'shards'))).sort());
    for (const file of files) expect(await readFile(join(p.dir, 'shards', file)), file).toEqual(await readFile(join(copy, 'shards', file)));
    expect((await keysOf(p.dir)).size).toBe(4000);
  });

  it('over shards paged, a shard edited in place meanwhile stops the commit: nothing written, the edit kept', async () => {
    const p = await makePool(4);
    await fillPool(await p.open(), 2000);
    const pool = await Pool.open(p.dir, { pageAbove: 0 });
    const shard = join(p.dir, 'shards', (await readdir(join(p.dir, 'shards'))).find((f) => f.endsWith('.yaml'))!);
    const before = await readFile(shard, 'latin1');
    const edited = before.replace('"level": 30', '"level": 31');
    const others = async () => Promise.all((await readdir(join(p.dir, 'shards'))).filter((f) => join(p.dir, 'shards', f) !== shard).map((f) => readFile(join(p.dir, 'shards', f))));
    const untouched = await others();
    await expect(
      pool.transaction(async (tx) => {
        for (let i = 0; i < 2000; i += 3) tx.put({ ...tx.get(makeAccount(i).username)!, level: 20 });
        for (let i = 5000; i < 5100; i++) tx.put(makeAccount(i));
        await writeFile(shard, edited, 'latin1'); // in place: the same inode
      }),
    ).rejects.toThrow(/changed while this command read it.*nothing was written/);
    expect(await readFile(shard, 'latin1')).toBe(edited);
    expect(await others()).toEqual(untouched);
    expect(await temps(p.dir)).toEqual([]);
  });
});
