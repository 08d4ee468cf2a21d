// A shard's standings summary (.cache/standings/NN.json, standing-summary.ts) and what status
// judged of the change log's pending records (.cache/pending-records.json's `judged` rows,
// pending-records.ts; .cache/pending-records.judged, pending-judged.ts, where the log is read) are derived and git-ignored: `status` counts from them while the shard keeps its stamp or its
// bytes' sha1. Edited by hand (by whoever can write the cache; the sha1 and stamp they name kept),
// they were believed: a summary's counts times ten gave ten times the pool; a summary whose
// held accounts were relabelled available, with the same total, showed them free; the judged
// rows turned to "no line in the shard" counted every pending account twice (50 of 40). Each
// summary's total is held against the record each commit writes of the shard's accounts
// (shards/.manifest), and every cache is sealed (src/cache-seal.ts): an edit reads as no cache,
// and status makes it again from the shards and the log.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';
import { status, type Counted } from '../helpers/status-counts.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';

/** A pool of 40 accounts, 10 of them held by `east`; with `fold`, the holds written into the shards. */
async function heldPool(fold: boolean): Promise<TestPool> {
  const pool = await poolWithAccounts(40);
  expect((await cli(['allocate', '--count', '10', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
  if (fold) expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
  const first = await status(pool);
  expect(first).toMatchObject({ total: 40, byAvailability: { available: 30, held: 10 } });
  return pool;
}

async function expectTrueCounts(pool: TestPool): Promise<void> {
  for (let run = 0; run < 2; run++) {
    const counted = await status(pool);
    expect(counted.total).toBe(40);
    expect(counted.byAvailability).toMatchObject({ available: 30, held: 10 });
    expect(counted.holders).toEqual([expect.objectContaining({ instance: 'east', accounts: 10 })]);
  }
}

const summaryFiles = async (pool: TestPool) => {
  const folder = join(pool.dir, '.cache', 'standings');
  const names = (await readdir(folder)).filter((f) => f.endsWith('.json'));
  expect(names.length).toBeGreaterThan(0);
  return names.map((name) => join(folder, name));
};

type Tuple = [number, number, string, string, string, string];

describe('a standings summary edited by hand', () => {
  it('with forged counts, even sealed again: status counts the shards, and the summary is made again', async () => {
    const pool = await poolWithAccounts(40);
    expect((await status(pool)).total).toBe(40);
    for (const file of await summaryFiles(pool)) {
      const summary = await readSealed<{ counts: number[] }>(file);
      summary.counts = summary.counts.map((n) => n * 10);
      await writeSealed(file, summary);
    }
    for (let run = 0; run < 2; run++) {
      const counted = await status(pool);
      expect(counted.total).toBe(40);
      expect(counted.byAvailability.available).toBe(40);
    }
  });

  for (const how of ['its seal line kept', 'without a seal, as an older version wrote it'] as const) {
    it(`with held accounts relabelled available, the same total (${how}): status still counts them held`, async () => {
      const pool = await heldPool(true);
      let relabelled = 0;
      for (const file of await summaryFiles(pool)) {
        const text = await readFile(file, 'utf8');
        const [seal, body] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
        const summary = JSON.parse(body) as { tuples: Tuple[] };
        for (const tuple of summary.tuples) {
          if (tuple[4] === 'east') {
            [tuple[4], tuple[5]] = ['', ''];
            relabelled++;
          }
        }
        const edited = JSON.stringify(summary);
        await writeFile(file, how === 'its seal line kept' ? `${seal}\n${edited}\n` : `${edited}\n`);
      }
      expect(relabelled).toBeGreaterThan(0); // the holds were in the shards, so in their summaries
      await expectTrueCounts(pool);
      // Made again from the shards: the holds are back in the summaries.
      const tuples = (await Promise.all((await summaryFiles(pool)).map((file) => readSealed<{ tuples: Tuple[] }>(file)))).flatMap((s) => s.tuples);
      expect(tuples.some((tuple) => tuple[4] === 'east')).toBe(true);
    });
  }
});

/** `file`'s JSON after its seal line, edited by `edit`, the seal line kept (cache-seal.ts). */
async function editKeepingSeal<T>(file: string, edit: (saved: T) => void): Promise<void> {
  const text = await readFile(file, 'utf8');
  const saved = JSON.parse(text.slice(text.indexOf('\n') + 1)) as T;
  edit(saved);
  await writeFile(file, `${text.slice(0, text.indexOf('\n'))}\n${JSON.stringify(saved)}\n`);
}

describe('what status judged of the pending records, edited by hand', () => {
  it('rows of the pending-records file turned to "no line in its shard": status counts each pending account once', async () => {
    const pool = await heldPool(false);
    await status(pool); // its rows judged, kept in the file (pending-records.ts `judged`)
    await editKeepingSeal<{ keys: string[]; judged: number[] }>(join(pool.dir, '.cache', 'pending-records.json'), (saved) => {
      expect(saved.keys.length).toBe(10);
      expect(saved.judged.every((tuple) => tuple >= 0)).toBe(true);
      saved.judged = saved.judged.map(() => -1);
    });
    await expectTrueCounts(pool);
  });

  it('rows turned to "no line in its shard" (pending-judged.ts, the log read): status counts each pending account once, never a second time', async () => {
    const pool = await heldPool(false);
    await rm(join(pool.dir, '.cache', 'pending-records.json')); // so the log is read, and the rows taken from this file
    await editKeepingSeal<{ keys: string[]; rows: number[] }>(join(pool.dir, '.cache', 'pending-records.judged'), (saved) => {
      expect(saved.keys.length).toBe(10);
      for (let i = 3; i < saved.rows.length; i += 4) saved.rows[i] = -1;
    });
    await expectTrueCounts(pool);
  });
});
