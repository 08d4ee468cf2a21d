// allocate takes which records are pending from the pending-records file (pool.ts `pendingGiven`,
// log-records.ts `selectGiven`): a derived file, so what allocate hands out and writes must not
// depend on it. The same allocations run on copies of one pool with the file kept, deleted, put
// back from an earlier step (stale), or edited without its seal (forged); every copy hands out the
// same accounts in the same order and leaves the same shards, change log and accounts file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { homesOf, readLog } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { PendingRecords } from '../../src/store/pending-records.js';
import { shardIndexOf, shardName } from '../../src/store/layout.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

const SIZE = 200;
const SHARDS = 4;
const START = Date.parse('2026-06-01T12:00:00.000Z');
const VARIANTS = ['kept', 'deleted', 'stale', 'forged'] as const;
const fileOf = (dir: string) => join(dir, '.cache', 'pending-records.json');

/**
 * Every file of the pool's truth (shards, change log) and the accounts file, by name; but for the
 * device each allocation draws at random for an account (and so its log entry's checksum).
 */
async function truth(dir: string, out: string): Promise<Record<string, string>> {
  const text = async (file: string) => (await readFile(file, 'utf8')).replace(/"device": \{[^}]*\}, /g, '').replace(/^#tx [0-9a-f]{16}/gm, '#tx');
  const files: Record<string, string> = { out: await text(out).catch(() => '') };
  for (const name of await readdir(join(dir, 'shards'))) files[`shards/${name}`] = await text(join(dir, 'shards', name));
  for (const name of await readdir(dir)) if (name.includes('changes')) files[name] = await text(join(dir, name));
  return files;
}

describe('allocate over the pending-records file', () => {
  it('hands out the same accounts and writes the same files with the file kept, deleted, stale or forged', async () => {
    const step = fc.record({ count: fc.integer({ min: 1, max: 25 }), instance: fc.constantFrom('east', 'west'), level: fc.constantFrom(30, 31), minutes: fc.integer({ min: 0, max: 600 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async (steps) => {
        const base = (await openFilledPool(SHARDS, SIZE)).layout.dir;
        const root = await testdir();
        const dirs = Object.fromEntries(await Promise.all(VARIANTS.map(async (v) => [v, await cp(base, join(root, v), { recursive: true }).then(() => join(root, v))])));
        let now = START;
        const earlier: Buffer[] = [];
        for (const s of steps) {
          now += s.minutes * 60_000;
          const results: Record<string, { handed: string[]; files: Record<string, string> }> = {};
          for (const v of VARIANTS) {
            const dir = dirs[v]!;
            if (v === 'deleted') await rm(fileOf(dir), { force: true });
            if (v === 'stale' && earlier.length > 1) await writeFile(fileOf(dir), earlier[0]!);
            if (v === 'forged') {
              const text = await readFile(fileOf(dir), 'utf8').catch(() => undefined);
              // A row's position moved by one, the seal left as it was.
              if (text) await writeFile(fileOf(dir), text.replace(/"positions":\[(\d+)/, (_, n) => `"positions":[${Number(n) + 1}`));
            }
            const clock = new Date(now);
            // A small log: most allocations fold a shard or two (fold entries among the records the file keeps).
            const pool = await Pool.open(dir, { clock: () => clock, folds: { capacity: 30, budget: 3000 } });
            const out = join(dir, 'out.txt');
            const outcome = await allocate(pool, {
              count: s.count,
              levels: { min: s.level, max: 31 },
              instance: s.instance,
              checker: createNoneChecker(),
              concurrency: 1,
              allowPartial: true,
              output: { path: out, render: (accounts) => accounts.map((a) => `${a.username} ${a.allocated_at}\n`).join('') },
            });
            results[v] = { handed: outcome.allocated.map((a) => a.username), files: await truth(dir, out) };
            if (v === 'kept') {
              const bytes = await readFile(fileOf(dir)).catch(() => undefined);
              if (bytes) earlier.push(bytes);
              if (earlier.length > 2) earlier.shift();
            }
          }
          for (const v of VARIANTS) expect(results[v]).toEqual(results.kept);
        }
      }),
      { numRuns: 6 },
    );
  });

  it("the file's rows are taken as the log's pending records only where each is that very record", async () => {
    const pool = await openFilledPool(SHARDS, SIZE);
    const dir = pool.layout.dir;
    for (let round = 0; round < 3; round++) {
      const clock = new Date(START + round * 3600_000);
      await allocate(await Pool.open(dir, { clock: () => clock }), { count: 20, levels: { min: 30, max: 31 }, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    }
    const names = Array.from({ length: SHARDS }, (_, s) => shardName(s, SHARDS));
    const homeOf = (key: string) => names[shardIndexOf(key, SHARDS)]!;
    const digests = new LogDigests(pool.layout.logDigestDir);
    const list = await new PendingRecords(join(dir, '.cache'), pool.layout.changeLog, digests).current(names, homeOf);
    expect(list).toBeDefined();
    const log = await readLog(pool.layout.changeLog, digests);
    const given = { keys: list!.keys, positions: list!.positions, starts: list!.keys.map((_, r) => list!.startOf(r)), counts: list!.homeCounts()! };
    const whole = log.pendingIn(homeOf, names, homesOf(SHARDS));
    const taken = log.pendingIn(homeOf, names, homesOf(SHARDS), given);
    expect(taken.fromGiven).toBe(true);
    expect(whole.fromGiven).toBe(false);
    expect(whole.keys.length).toBeGreaterThan(0);
    expect(taken.keys).toEqual(whole.keys);
    expect(taken.positions).toEqual(whole.positions);
    expect(taken.keys.map((_, i) => taken.lineAt(i))).toEqual(whole.keys.map((_, i) => whole.lineAt(i)));
    expect(taken.homeCounts(homeOf)).toEqual(whole.homeCounts(homeOf));
    // A row that is not the record it names (its line's offset, or its key, another): the whole selection.
    for (const wrong of [
      { ...given, starts: given.starts.map((start, r) => (r === 0 ? start + 1 : start)) },
      { ...given, keys: given.keys.map((key, r) => (r === 0 ? `${key}x` : key)) },
    ]) {
      const fallen = log.pendingIn(homeOf, names, homesOf(SHARDS), wrong);
      expect(fallen.keys).toEqual(whole.keys);
      expect(fallen.fromGiven).toBe(false);
    }
  });
});
