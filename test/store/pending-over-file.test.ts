// An allocation over the circle indexes takes the change log's pending records off the
// pending-records file and reads the active segment only past what its note vouches for
// (change-log.ts `readLogOver`, pending-selection.ts; design-scale.md §3.2). The file is derived:
// kept, stale (an earlier one put back), forged (a byte changed: its seal fails; or rows changed
// and sealed again: they no longer match the log's digest) or deleted, every allocation hands out
// the same accounts and leaves the same bytes in the shards, the log and the accounts file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { readLogOver } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { PendingRecords } from '../../src/store/pending-records.js';
import { selectionOfRows } from '../../src/store/pending-selection.js';
import { changedNs, readFsClock } from '../../src/store/fs-clock.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir, waitFor } from '../helpers/testdir.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';
import { pendingRecordsFile } from '../helpers/log-note.js';

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
  const rows = await new PendingRecords(join(dir, '.cache'), pool.layout.changeLog, digests).rows(names, (key) => pool.shardNameOf(key));
  if (!rows) return false;
  const log = await readLogOver(pool.layout.changeLog, digests, (records, bases, text, from, home) => selectionOfRows(rows, records, bases, text, from, home));
  log?.close?.();
  return log !== undefined && log.totalBytes === rows.length;
}

type Treat = 'keep' | 'delete' | 'stale' | 'garble' | 'reseal';

/** Does to `dir`'s pending-records file what `treat` says (`earlier`: a copy saved at an earlier step). */
async function treatFile(dir: string, treat: Treat, earlier: string | undefined): Promise<void> {
  const file = pendingRecordsFile(dir);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined || treat === 'keep') return;
  if (treat === 'delete') return rm(file);
  if (treat === 'stale') return earlier === undefined ? undefined : writeFile(file, earlier);
  if (treat === 'garble') return writeFile(file, text.replace(/"positions":\[(\d)/, (_, d: string) => `"positions":[${(Number(d) + 1) % 10}`));
  // Sealed again, as a process with the key would: rows that no longer match the log.
  const saved = await readSealed(file);
  if (saved.keys.length >= 2) [saved.keys[0], saved.keys[1]] = [saved.keys[1], saved.keys[0]];
  else saved.bases = saved.bases.map(() => '00');
  await writeSealed(file, saved);
}

describe('allocate over the pending-records file', () => {
  it('hands out the same accounts and writes the same bytes with the file kept, stale, forged or deleted, and reads over it where it holds', async () => {
    const made = await openFilledPool(4, 160);
    // Every account given its device (allocate makes one, at random, for an account without): the two pools' bytes can be the same.
    await allocate(await Pool.open(made.layout.dir, { clock: () => new Date(NOW - 10 * 86_400_000) }), { count: 160, levels: LEVELS, instance: 'setup', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    const root = await testdir();
    let run = 0;
    let over = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ count: fc.integer({ min: 1, max: 12 }), hours: fc.integer({ min: 0, max: 30 }), treat: fc.constantFrom<Treat>('keep', 'delete', 'stale', 'garble', 'reseal') }), { minLength: 3, maxLength: 7 }), async (steps) => {
        const kept = join(root, `kept-${run}`);
        const treated = join(root, `treated-${run++}`);
        await cp(made.layout.dir, kept, { recursive: true });
        await cp(made.layout.dir, treated, { recursive: true });
        let earlier: string | undefined;
        let now = NOW;
        for (const [i, { count, hours, treat }] of steps.entries()) {
          now += hours * 3_600_000;
          const clock = () => new Date(now);
          for (const dir of [kept, treated]) await settleLog(dir);
          if (await readsOverFile(kept)) over++;
          await treatFile(treated, treat, earlier);
          earlier = await readFile(pendingRecordsFile(treated), 'utf8').catch(() => earlier);
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
});
