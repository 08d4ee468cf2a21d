// An allocation over the circle indexes takes the change log's pending records off the appended
// pending-rows file (pending-rows-file.ts) and reads the active segment only past what its note
// vouches for (change-log.ts `readLogOver`, pending-selection.ts; design-scale.md §3.2). The file
// is derived: kept, stale (an earlier one put back), torn (its last chunk cut part way, as a
// writer killed mid-append leaves it), forged (a byte changed: its seal fails; or rows changed and
// sealed again: they no longer match the log's digest) or deleted, every allocation hands out the
// same accounts (the slow path's choice: the log read whole) and leaves the same bytes in the
// shards and the log.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { readLogOver } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { currentRows, PendingRowsFile } from '../../src/store/pending-rows-file.js';
import { selectionOfRows } from '../../src/store/pending-selection.js';
import { changedNs, readFsClock } from '../../src/store/fs-clock.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir, waitFor } from '../helpers/testdir.js';

const rowsFile = (dir: string) => join(dir, '.cache', 'pending-rows.bin');

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const LEVELS = { min: 1, max: 40 };
const FOLDS = { capacity: 30, budget: 4096 };

/** Every file of the pool that is truth (shards, log, record of the shards), by name. */
async function truth(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(join(dir, 'shards'))) files[`shards/${name}`] = await readFile(join(dir, 'shards', name), 'utf8');
  for (const name of await readdir(dir)) if (name.includes('changes')) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** Waits for the file system's clock to pass the log's last change, so that the note the last writer carried is settled (a deadline-poll). */
async function settleLog(dir: string): Promise<void> {
  const log = join(dir, '.changes.log');
  const info = await stat(log, { bigint: true }).catch(() => undefined);
  if (!info) return;
  await waitFor(() => (readFsClock(join(dir, '.cache', 'probe'))?.ns ?? 0n) > changedNs(info), { what: 'the file system clock' });
}

/** Whether the pool's log can be read over its pending-records file now (the path an allocation takes). */
async function readsOverFile(dir: string): Promise<boolean> {
  const pool = await Pool.open(dir);
  const names = await pool.shardNames();
  const digests = new LogDigests(pool.layout.logDigestDir);
  const file = await new PendingRowsFile(join(dir, '.cache'), pool.layout.changeLog, digests).load(names);
  if (!file) return false;
  const rows = currentRows(file, names);
  const log = await readLogOver(pool.layout.changeLog, digests, (records, bases, text, from, home) => selectionOfRows(rows, records, bases, text, from, home));
  log?.close?.();
  return log !== undefined && log.totalBytes === rows.length;
}

type Treat = 'keep' | 'delete' | 'stale' | 'garble' | 'torn' | 'reseal';

/** Does to `dir`'s pending-rows file what `treat` says (`earlier`: a copy saved at an earlier step; `cut`: where in its last part a torn file ends). */
async function treatFile(dir: string, treat: Treat, earlier: Buffer | undefined, cut: number): Promise<void> {
  const file = rowsFile(dir);
  const bytes = await readFile(file).catch(() => undefined);
  if (bytes === undefined || treat === 'keep') return;
  if (treat === 'delete') return rm(file);
  if (treat === 'stale') return earlier === undefined ? undefined : writeFile(file, earlier);
  if (treat === 'garble') {
    const garbled = Buffer.from(bytes);
    const at = Math.floor(cut * garbled.length);
    garbled[at] = garbled[at]! ^ 0x01;
    return writeFile(file, garbled);
  }
  // A kill mid-append: the file ends somewhere in its last 200 bytes (inside its last chunk or its seal).
  if (treat === 'torn') return writeFile(file, bytes.subarray(0, Math.max(1, bytes.length - 1 - Math.floor(cut * Math.min(200, bytes.length - 1)))));
  // Sealed again, as a process with the key would: rows that no longer match the log.
  const pool = await Pool.open(dir);
  const names = await pool.shardNames();
  const store = new PendingRowsFile(join(dir, '.cache'), pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
  const loaded = await store.load(names);
  if (!loaded) return;
  if (loaded.keys.length >= 2) [loaded.keys[0], loaded.keys[1]] = [loaded.keys[1]!, loaded.keys[0]!];
  else loaded.bases = loaded.bases.map(() => '0000000000000000');
  await store.writeBase(loaded);
}

describe('allocate over the pending-rows file', () => {
  it('hands out the same accounts and writes the same bytes with the file kept, stale, forged or deleted, and reads over it where it holds', async () => {
    const made = await openFilledPool(4, 160);
    // Every account given its device (allocate makes one, at random, for an account without): the two pools' bytes can be the same.
    await allocate(await Pool.open(made.layout.dir, { clock: () => new Date(NOW - 10 * 86_400_000) }), { count: 160, levels: LEVELS, instance: 'setup', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    const root = await testdir();
    let run = 0;
    let over = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ count: fc.integer({ min: 1, max: 12 }), hours: fc.integer({ min: 0, max: 30 }), treat: fc.constantFrom<Treat>('keep', 'delete', 'stale', 'garble', 'torn', 'reseal'), cut: fc.double({ min: 0, max: 0.999, noNaN: true }) }), { minLength: 3, maxLength: 7 }), async (steps) => {
        const kept = join(root, `kept-${run}`);
        const treated = join(root, `treated-${run++}`);
        await cp(made.layout.dir, kept, { recursive: true });
        await cp(made.layout.dir, treated, { recursive: true });
        let earlier: Buffer | undefined;
        let now = NOW;
        for (const [i, { count, hours, treat, cut }] of steps.entries()) {
          now += hours * 3_600_000;
          const clock = () => new Date(now);
          for (const dir of [kept, treated]) await settleLog(dir);
          if (await readsOverFile(kept)) over++;
          await treatFile(treated, treat, earlier, cut);
          earlier = await readFile(rowsFile(treated)).catch(() => earlier);
          const results = [];
          for (const dir of [kept, treated]) {
            const outcome = await allocate(await Pool.open(dir, { clock, folds: FOLDS }), { count, levels: LEVELS, instance: `east${i % 2}`, checker: createNoneChecker(), concurrency: 1, allowPartial: true });
            results.push({ allocated: outcome.allocated.map((a) => a.username), truth: await truth(dir) });
          }
          expect(results[1], `step ${i}: ${treat}`).toEqual(results[0]);
        }
      }),
      { numRuns: 6 },
    );
    // Not a property that holds vacuously: the allocations did read over the file.
    expect(over).toBeGreaterThan(0);
  });

  it('is appended to by each allocation (the next one reads no tail), and a chunk cut part way is never taken, but made again', async () => {
    const made = await openFilledPool(4, 160);
    await allocate(await Pool.open(made.layout.dir, { clock: () => new Date(NOW - 10 * 86_400_000) }), { count: 160, levels: LEVELS, instance: 'setup', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    const dir = made.layout.dir;
    const folds = { capacity: 1000, budget: 4096 }; // no fold: the log grows, the file is appended to
    const run = async (i: number) => allocate(await Pool.open(dir, { clock: () => new Date(NOW + i * 3_600_000), folds }), { count: 5, levels: LEVELS, instance: `east${i % 2}`, checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    await settleLog(dir);
    await run(0); // the file made from the whole read, then the commit's chunk appended
    const lengths: number[] = [];
    const inodes: bigint[] = [];
    for (let i = 1; i <= 3; i++) {
      await settleLog(dir);
      expect(await readsOverFile(dir), `allocation ${i}`).toBe(true);
      await run(i);
      const info = await stat(rowsFile(dir), { bigint: true });
      lengths.push(Number(info.size));
      inodes.push(info.ino);
    }
    // Appended in place, never written whole again: the same file, growing.
    expect(new Set(inodes).size).toBe(1);
    expect(lengths[1]).toBeGreaterThan(lengths[0]!);
    expect(lengths[2]).toBeGreaterThan(lengths[1]!);
    // Covers the log exactly: the next reader has nothing to extend (its load is the file as it is).
    await settleLog(dir);
    const pool = await Pool.open(dir);
    const names = await pool.shardNames();
    const store = new PendingRowsFile(join(dir, '.cache'), pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
    const loaded = (await store.load(names))!;
    expect(loaded.head.segments[1]!.length).toBe(Number((await stat(pool.layout.changeLog)).size));
    // Cut anywhere in its last chunk (a writer killed mid-append): never taken.
    const whole = await readFile(rowsFile(dir));
    for (let cut = whole.length - 1; cut > whole.length - 200; cut -= 7) {
      await writeFile(rowsFile(dir), whole.subarray(0, cut));
      expect(await store.load(names), `cut at ${cut}`).toBeUndefined();
    }
    // ... and the next allocation reads the log whole and makes it again.
    await run(4);
    await settleLog(dir);
    expect(await readsOverFile(dir)).toBe(true);
  });
});

