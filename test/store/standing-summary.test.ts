// `status` counts the pool from a summary of each shard's standings (src/store/standing-summary.ts)
// with the change log's records put over them (src/store/pool-standings.ts). The summaries are
// derived: whatever happened to the shards, the log or the summaries themselves, the numbers must
// be the ones counting every account as read gives (poolStats over Snapshot.standings).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { STATES, type Account } from '../../src/model.js';
import { groupedPoolStats, poolStats } from '../../src/pool-stats.js';
import { RACY_MS } from '../../src/store/pool-standings.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { bisectLines, bytesChunks, fencesOf } from '../../src/store/shard-lookup.js';
import { encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { makeAccount } from '../helpers/accounts.js';
import { cli } from '../helpers/cli.js';
import { editLine, openFilledPool, poolWithAccounts, shardLine } from '../helpers/pool.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const summaries = (dir: string) => join(dir, '.cache', 'standings');

/** What status counts (and how), and what counting every account as read gives. */
async function bothCounts(dir: string) {
  const pool = await Pool.open(dir);
  const counted = await pool.standingCounts();
  const snapshot = await (await Pool.open(dir)).read();
  return {
    from: counted.from,
    counted: { shards: counted.shards, ...groupedPoolStats(counted.groups, NOW, pool.config) },
    whole: { shards: snapshot.shards.length, ...poolStats(snapshot.standings(), NOW, pool.config) },
  };
}

async function expectSameCounts(dir: string, from?: 'summaries' | 'accounts') {
  const { counted, whole, from: how } = await bothCounts(dir);
  expect(counted).toEqual(whole);
  if (from) expect(how).toBe(from);
  return counted;
}

/** As if every saved summary had last been checked long after its shard last changed: trusted by stamp from now on. */
async function settle(dir: string) {
  for (const file of await readdir(summaries(dir)).catch(() => [])) {
    const path = join(summaries(dir), file);
    const summary = await readSealed(path);
    await writeSealed(path, { ...summary, checkedAt: Date.now() + RACY_MS + 1000 });
  }
}

async function logged(pool: Pool, i: number, change: Partial<Account>) {
  await pool.transaction((tx) => {
    const username = `user${String(i).padStart(6, '0')}`;
    const account = { ...tx.get(username)! };
    for (const field of ['holder', 'held_until', 'available_at'] as const) delete account[field];
    tx.put({ ...account, ...change });
  });
}

describe('status counts from the shards\' summaries', () => {
  it('equals counting every account, with allocations, verdicts and releases in the change log and after the fold', async () => {
    const pool = await poolWithAccounts(40);
    const held = join(pool.base, 'east.csv');
    expect((await cli(['allocate', '--count', '12', '--no-check', '--accountcsv', held, '--instance', 'east', ...pool.args])).code).toBe(0);
    expect((await cli(['mark', 'acc3', 'acc7', '--verdict', 'temp_banned', ...pool.args])).code).toBe(0);
    expect((await cli(['mark', 'acc9', '--verdict', 'perm_banned', ...pool.args])).code).toBe(0);
    expect((await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', join(pool.base, 'west.csv'), '--instance', 'west', ...pool.args])).code).toBe(0);
    expect((await cli(['release', '--instance', 'west', ...pool.args])).code).toBe(0);
    expect((await readFile(join(pool.dir, '.changes.log'), 'utf8')).length).toBeGreaterThan(0);
    const counted = await expectSameCounts(pool.dir, 'summaries');
    expect(counted.holders).toMatchObject([{ instance: 'east', accounts: expect.any(Number) }]);
    // The summaries are there, one a shard, and hold no password.
    const files = await readdir(summaries(pool.dir));
    expect(files.sort()).toEqual(['0.json', '1.json', '2.json', '3.json']);
    for (const file of files) expect(await readFile(join(summaries(pool.dir), file), 'utf8')).not.toMatch(/secret-/);
    // Read again from the saved summaries, hashed and then trusted by stamp; then after the fold (verify --fix writes the shards).
    await expectSameCounts(pool.dir, 'summaries');
    await settle(pool.dir);
    await expectSameCounts(pool.dir, 'summaries');
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    expect(await expectSameCounts(pool.dir, 'summaries')).toEqual(counted);
  });

  it('a shard edited by hand, a garbled or a missing summary: made again from the shard', async () => {
    const pool = await poolWithAccounts(20);
    expect((await expectSameCounts(pool.dir, 'summaries')).levels).toEqual([expect.objectContaining({ level: 30, total: 20 })]);
    await editLine(pool.dir, 'acc4', (line) => line.replace('"level": 30', '"level": 35'));
    expect((await expectSameCounts(pool.dir, 'summaries')).levels).toEqual([expect.objectContaining({ level: 30, total: 19 }), expect.objectContaining({ level: 35, total: 1 })]);
    const { file } = await shardLine(pool.dir, 'acc4');
    const summary = join(summaries(pool.dir), file.split('/').pop()!.replace('.yaml', '.json'));
    // The same sha1, other counts: still refused, the file being garbled.
    const saved = await readSealed(summary);
    await writeSealed(summary, { ...saved, counts: saved.counts.map(() => 0) });
    await expectSameCounts(pool.dir, 'summaries');
    await writeFile(summary, '{"name": "garbled');
    await expectSameCounts(pool.dir, 'summaries');
    expect(await readSealed(summary)).toEqual({ ...saved, checkedAt: expect.any(Number) });
    await rm(summaries(pool.dir), { recursive: true });
    await expectSameCounts(pool.dir, 'summaries');
  });

  it('trusts a summary by its shard\'s stat stamp only when the shard\'s times were settled before the summary was checked (git\'s racy-clean rule)', async () => {
    const pool = await poolWithAccounts(20);
    await expectSameCounts(pool.dir, 'summaries');
    const { file } = await shardLine(pool.dir, 'acc4');
    const summary = join(summaries(pool.dir), file.split('/').pop()!.replace('.yaml', '.json'));
    const saved = await readSealed(summary);
    const info = await stat(file, { bigint: true });
    expect(saved.stamp).toBe(stampOf(info));
    const changedAt = Number(info.ctimeNs / 1_000_000n);
    // A summary that no longer matches its shard's bytes (as if the shard changed within the same
    // timestamp tick as the last check) and claims the same stamp: while that stamp is racy (checked
    // within RACY_MS of the shard's last change) the bytes are hashed, and the summary made again.
    // Its standings say level 31 (its total still the one shards/.manifest records: see below).
    const stale = { ...saved, sha1: '0'.repeat(40), tuples: saved.tuples.map((t: unknown[]) => [t[0], 31, ...t.slice(2)]) };
    await writeSealed(summary, { ...stale, checkedAt: changedAt + RACY_MS - 500 });
    expect((await expectSameCounts(pool.dir, 'summaries')).total).toBe(20);
    // Checked long after the shard's last change, the same stamp is trusted without reading the shard.
    await writeSealed(summary, { ...stale, checkedAt: changedAt + RACY_MS + 500 });
    expect((await bothCounts(pool.dir)).counted.levels.map((l) => l.level)).toContain(31);
    // Unless its total disagrees with the record of the shards each commit writes: made again from the shard.
    await writeSealed(summary, { ...saved, counts: saved.counts.map((n: number) => n + 100), checkedAt: changedAt + RACY_MS + 500 });
    expect((await expectSameCounts(pool.dir, 'summaries')).total).toBe(20);
    // An edit in place of the same size with its mtime set back still moves the ctime: a new stamp, hashed, made again.
    await writeSealed(summary, { ...saved, checkedAt: changedAt + RACY_MS + 500 });
    await editLine(pool.dir, 'acc4', (line) => line.replace('"level": 30', '"level": 35'));
    await utimes(file, info.atime, info.mtime);
    expect((await expectSameCounts(pool.dir, 'summaries')).levels).toEqual([expect.objectContaining({ level: 30, total: 19 }), expect.objectContaining({ level: 35, total: 1 })]);
  });

  it('a logged account whose line was edited by hand since is counted as the merge of the two, by reading every account', async () => {
    const pool = await poolWithAccounts(12);
    expect((await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', join(pool.base, 'e.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    const name = (await readFile(join(pool.base, 'e.csv'), 'utf8')).split('\n')[1]!.split(',')[0]!;
    await editLine(pool.dir, name, (line) => line.replace('"level": 30', '"level": 33'));
    const counted = await expectSameCounts(pool.dir, 'accounts');
    expect(counted.levels.find((l) => l.level === 33)).toMatchObject({ total: 1, held: 1 });
  });

  it('a logged account moved by hand into another shard, and a shard not in the canonical spelling, are found where they are', async () => {
    const pool = await poolWithAccounts(16);
    expect((await cli(['mark', 'acc1', 'acc2', 'acc5', 'acc6', '--verdict', 'warned', ...pool.args])).code).toBe(0);
    // acc1's line, unchanged, moved to the end of another shard file (unsorted there).
    const { file, line } = await shardLine(pool.dir, 'acc1');
    const other = join(pool.dir, 'shards', (await readdir(join(pool.dir, 'shards'))).find((f) => f.endsWith('.yaml') && join(pool.dir, 'shards', f) !== file)!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(`${line}\n`, ''));
    await writeFile(other, `${await readFile(other, 'utf8')}${line}\n`);
    // acc5's shard in another spelling of the same account (two spaces): no longer canonical.
    await editLine(pool.dir, 'acc5', (l) => l.replace('"level": 30', '"level":  30'));
    await expectSameCounts(pool.dir, 'summaries');
    await settle(pool.dir);
    await expectSameCounts(pool.dir, 'summaries');
  });

  it('equals counting every account over any run of logged changes, folds, hand edits, lost summaries and summaries trusted by stamp', async () => {
    const change = fc.record({
      holder: fc.constantFrom(undefined, 'east', 'west', 'east~reserved'),
      held_until: fc.constantFrom(undefined, '2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'),
      available_at: fc.constantFrom(undefined, '2026-05-31T00:00:00.000Z', '2026-06-02T00:00:00.000Z'),
      state: fc.constantFrom(...STATES),
      level: fc.integer({ min: 29, max: 31 }),
    });
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('log' as const), i: fc.nat(23), change }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fold' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), i: fc.nat(23) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const pool = await openFilledPool(4, 24);
        for (const s of steps) {
          if (s.kind === 'log') await logged(pool, s.i, s.change);
          else if (s.kind === 'fold') await pool.transaction((tx) => tx.put(tx.get('user000000')!), { via: 'shards' });
          else if (s.kind === 'edit') await editLine(pool.layout.dir, `user${String(s.i).padStart(6, '0')}`, (line) => line.replace(/"level": (\d+)/, (_, n) => `"level": ${Number(n) + 10}`));
          else if (s.kind === 'settle') await settle(pool.layout.dir);
          else await rm(summaries(pool.layout.dir), { recursive: true, force: true });
          await expectSameCounts(pool.layout.dir);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('finds any account\'s line in a canonical shard by bisection, and no line for a name it does not hold', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z0-9_]{1,12}$/), { minLength: 0, maxLength: 60 });
    fc.assert(
      fc.property(names, fc.stringMatching(/^[a-z0-9_]{1,12}$/), fc.nat(3), (keys, missing, padding) => {
        const sorted = [...keys].sort();
        // Some lines long (a source note of up to ~3 KB), as extras may make them.
        const lines = sorted.map((username, i) => encodeAccountLine(makeAccount(i, { username, source: 'x'.repeat(((i * 7) % 4) * padding * 250) })));
        const bytes = Buffer.from(encodeShard('00', lines));
        sorted.forEach((key, i) => expect(bisectLines(bytesChunks(bytes), bytes.length, key)).toBe(lines[i]));
        if (!sorted.includes(missing)) expect(bisectLines(bytesChunks(bytes), bytes.length, missing)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("fences that are not the file's (stale, shifted): counted exactly, and made again from the file once it is read", async () => {
    // A summary's fences (shard-lookup.ts `fencesOf`) are derived: one carried over a fold by an
    // older accountpool keeps them while the offsets move. Each lookup checks them against the file.
    const pool = await openFilledPool(2, 1200); // ~90 KB shards: fences every 32 KB
    const dir = pool.layout.dir;
    for (let i = 0; i < 40; i++) await logged(pool, i * 29, { holder: 'east', held_until: '2026-06-02T00:00:00.000Z', level: 31 });
    await expectSameCounts(dir, 'summaries');
    const files = (await readdir(summaries(dir))).map((name) => join(summaries(dir), name));
    const shardOf = (file: string) => join(dir, 'shards', file.split('/').pop()!.replace('.json', '.yaml'));
    for (const file of files) expect((await readSealed(file)).fences).toEqual(fencesOf(await readFile(shardOf(file))));
    expect((await readSealed(files[0]!)).fences.length).toBeGreaterThan(0);
    const stale = async (checkedAt: number) => {
      for (const file of files) {
        const saved = await readSealed(file);
        const fences = saved.fences as [string, number][]; // moved as a replaced line of another length moves them
        await writeSealed(file, { ...saved, checkedAt, fences: fences.map(([key, at]) => [key, at + 9]) });
      }
    };
    await rm(join(dir, '.cache', 'pending-records.json'), { force: true }); // every pending record looked up again
    // Trusted by stamp (the shard not read): the stale fences are used, each lookup bisects the file.
    await stale(Date.now() + RACY_MS + 1000);
    await expectSameCounts(dir, 'summaries');
    // Racily clean (the shard read and hashed): the fences are made again from its bytes.
    await stale(0);
    await rm(join(dir, '.cache', 'pending-records.json'), { force: true });
    await expectSameCounts(dir, 'summaries');
    for (const file of files) expect((await readSealed(file)).fences).toEqual(fencesOf(await readFile(shardOf(file))));
  });
});
