// The pending-records file (src/store/pending-records.ts): derived from the change log, so deleting
// it changes no count `status` gives, whatever ran before (records logged, partial folds, the log
// turned or folded away, hand edits of shards); a status with it reads only what was appended to
// the log since it was made; edited or not vouched for by the log, it is no file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { groupedPoolStats, poolStats } from '../../src/pool-stats.js';
import { RACY_MS } from '../../src/store/pool-standings.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { changedNs, clockText, readFsClock } from '../../src/store/fs-clock.js';
import { editLine, openFilledPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';
import { carryNote, pendingRecordsFile as fileOf } from '../helpers/log-note.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const SIZE = 160;
const exists = (file: string) => stat(file).then(() => true, () => false);

/** Status's numbers from a fresh process's view. */
async function counts(dir: string) {
  const pool = await Pool.open(dir);
  const counted = await pool.standingCounts();
  return { shards: counted.shards, ...groupedPoolStats(counted.groups, NOW, pool.config) };
}

/** Counting every account as read. */
async function whole(dir: string) {
  const pool = await Pool.open(dir);
  const snapshot = await pool.read();
  return { shards: snapshot.shards.length, ...poolStats(snapshot.standings(), NOW, pool.config) };
}

/** As if every saved summary had last been checked long after its shard last changed (standing-summary.test.ts). */
async function settle(dir: string) {
  const summaries = join(dir, '.cache', 'standings');
  for (const file of await readdir(summaries).catch(() => [])) {
    const summary = await readSealed(join(summaries, file));
    await writeSealed(join(summaries, file), { ...summary, checkedAt: Date.now() + RACY_MS + 1000 });
  }
}

/** Hands `count` accounts from `from` on to `holder` (or takes them back), with `level`, through the change log. */
async function hold(pool: Pool, from: number, count: number, holder: string | undefined, level: number) {
  await pool.transaction((tx) => {
    for (let n = 0; n < count; n++) {
      const account = { ...tx.get(`user${String((from + n * 7) % SIZE).padStart(6, '0')}`)! };
      delete account.holder;
      delete account.held_until;
      tx.put({ ...account, level, ...(holder ? { holder, held_until: '2026-06-02T00:00:00.000Z', allocated_at: '2026-06-01T11:00:00.000Z' } : {}) });
    }
  });
}

describe('the pending-records file', () => {
  it('deleting it changes no count, over any run of logged changes, partial folds, whole folds, hand edits and settled summaries', async () => {
    const step = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('log' as const), from: fc.nat(SIZE - 1), count: fc.integer({ min: 1, max: 30 }), holder: fc.constantFrom(undefined, 'east', 'west'), level: fc.integer({ min: 29, max: 31 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), i: fc.nat(SIZE - 1) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 8 }), async (steps) => {
        const filled = await openFilledPool(8, SIZE);
        const dir = filled.layout.dir;
        // A small log capacity: most transactions fold a shard or two (fold entries among the appended ones).
        const pool = await Pool.open(dir, { folds: { capacity: 40, budget: 3000 } });
        for (const s of steps) {
          if (s.kind === 'log') {
            await hold(pool, s.from, s.count, s.holder, s.level);
            // Half the time the writer's note is carried (status reads only the appended entries, fold entries among them), half not (status reads the log).
            if (s.count % 2 === 0) await carryNote(dir);
          } else if (s.kind === 'whole') await pool.transaction((tx) => tx.put(tx.get('user000000')!), { via: 'shards' });
          else if (s.kind === 'edit') await editLine(dir, `user${String(s.i).padStart(6, '0')}`, (line) => line.replace(/"level": (\d+)/, (_, n) => `"level": ${Number(n) + 10}`));
          else await settle(dir);
          // Counted first: a whole read reads the log and notes its whole length, where the carried note was.
          const kept = await counts(dir); // with the file as the steps before left it
          const truth = await whole(dir);
          expect(kept).toEqual(truth);
          // Its rows as extended (in place, pending-records.ts `extend`): one per account, each
          // with its account's home shard, which status takes from the file without hashing the key.
          if (await exists(fileOf(dir))) {
            const rows = await readSealed(fileOf(dir));
            expect(new Set(rows.keys).size).toBe(rows.keys.length);
            expect(rows.homes.map((h: number) => rows.names[h])).toEqual(rows.keys.map((key: string) => pool.shardNameOf(key)));
          }
          await rm(fileOf(dir), { force: true });
          expect(await counts(dir)).toEqual(truth); // made again from the log
        }
      }),
      { numRuns: 12 },
    );
  });

  it('a status after an append reads only the entries appended: the segment\'s digest is not made again', async () => {
    const dir = (await openFilledPool(4, SIZE)).layout.dir;
    const pool = await Pool.open(dir);
    await hold(pool, 0, 40, 'east', 30);
    await counts(dir); // makes the file from the whole log
    expect(await exists(fileOf(dir))).toBe(true);
    const before = await readSealed(fileOf(dir));
    await hold(pool, 3, 20, 'west', 31);
    expect(await carryNote(dir)).toBe(true);
    const logDir = join(dir, '.cache', 'log');
    // The digests gone (the notes kept): a status that read the log from its start would make them again.
    for (const name of await readdir(logDir)) if (name.endsWith('.digest')) await rm(join(logDir, name));
    const counted = await counts(dir);
    expect((await readdir(logDir)).filter((name) => name.endsWith('.digest'))).toEqual([]);
    expect(counted).toEqual(await whole(dir));
    const after = await readSealed(fileOf(dir));
    expect(after.segments[1].length).toBe((await stat(join(dir, '.changes.log'))).size);
    expect(after.segments[1].length).toBeGreaterThan(before.segments[1].length);
    expect(after.nextPosition).toBe(before.nextPosition + 1);
  });

  it('the pending records of one standing are counted as one group, from the log, from the file and from the file extended', async () => {
    // groupedPoolStats' cost is per group: ~26,000 pending records at 1,000,000 accounts were as
    // many groups when each row made a standing of its own (scale-log.md, stop 44).
    const dir = (await openFilledPool(4, SIZE)).layout.dir;
    const pool = await Pool.open(dir);
    await hold(pool, 0, 40, 'east', 30);
    const groupsOf = async (holder: string) => (await (await Pool.open(dir)).standingCounts()).groups.filter(([standing]) => standing.holder === holder);
    expect(await groupsOf('east')).toEqual([[expect.objectContaining({ holder: 'east', level: 30 }), 40]]); // read off the log, the file made
    expect(await exists(fileOf(dir))).toBe(true);
    expect(await groupsOf('east')).toEqual([[expect.objectContaining({ holder: 'east', level: 30 }), 40]]); // off the file
    await hold(pool, 3, 20, 'west', 31);
    expect(await carryNote(dir)).toBe(true);
    const extended = await (await Pool.open(dir)).standingCounts(); // off the file and the entry appended
    expect(extended.groups.filter(([standing]) => standing.holder === 'west')).toEqual([[expect.objectContaining({ holder: 'west', level: 31 }), 20]]);
    expect((await readSealed(fileOf(dir))).nextPosition).toBeGreaterThan(0);
    expect(await counts(dir)).toEqual(await whole(dir));
  });

  it('garbled, edited by hand, or not matching the log: no file, counted from the log and made again', async () => {
    const dir = (await openFilledPool(4, SIZE)).layout.dir;
    const pool = await Pool.open(dir);
    await hold(pool, 0, 40, 'east', 30);
    await counts(dir);
    const saved = await readSealed(fileOf(dir));
    const truth = await whole(dir);
    // A row's standing edited (its holder dropped) without the seal: no file.
    const text = await readFile(fileOf(dir), 'utf8');
    await writeFile(fileOf(dir), text.replaceAll('"east"', '""'));
    expect(await counts(dir)).toEqual(truth);
    const made = await readSealed(fileOf(dir));
    expect({ ...made, segments: made.segments.map((c: { stamp: string } | null) => c && { ...c, stamp: '', clock: '' }) }).toEqual({ ...saved, segments: saved.segments.map((c: { stamp: string } | null) => c && { ...c, stamp: '', clock: '' }) });
    // Sealed again, but naming a longer covered log than the segment has: no file.
    await writeSealed(fileOf(dir), { ...saved, tuples: saved.tuples.map((t: unknown[]) => [t[0], t[1], t[2], t[3], '', '']), segments: [saved.segments[0], { ...saved.segments[1], length: saved.segments[1].length + 1 }] });
    expect(await counts(dir)).toEqual(truth);
    // Sealed again, the same length and hash but the segment edited since (its stamp moved, no note for it): no file.
    await writeSealed(fileOf(dir), { ...saved, tuples: saved.tuples.map((t: unknown[]) => [t[0], t[1], t[2], t[3], '', '']) });
    await appendFile(join(dir, '.changes.log'), 'torn');
    expect(await counts(dir)).toEqual(truth);
    await writeFile(fileOf(dir), 'garbled');
    expect(await counts(dir)).toEqual(truth);
  });
});
