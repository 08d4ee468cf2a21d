// allocate chooses from the shards' derived circle indexes (src/store/circle-index.ts,
// circle-view.ts) with the change log and its own changes over them, reading only the lines of
// the accounts it takes. Whatever happened to the shards, the log or the indexes themselves
// (hand edits, exotic times, whole and partial folds, lost or garbled index files, indexes trusted by stamp), it
// must choose exactly what parsing every account whole and sorting by compareLru chooses, count
// the same exclusions, find the same holdings, and hand out those accounts.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { candidatesIn, compareLru, isOwnHold, ownHolds, type Exclusions } from '../../src/allocate/select.js';
import { allocate } from '../../src/allocate/allocate.js';
import { createNoneChecker } from '../../src/checker/none.js';
import { availabilityOf } from '../../src/availability.js';
import { STATES, type Account } from '../../src/model.js';
import { Pool } from '../../src/store/pool.js';
import { readLog } from '../../src/store/change-log.js';
import { LogDigests } from '../../src/store/log-digest.js';
import { RACY_MS } from '../../src/store/pool-standings.js';
import type { Sighting } from '../../src/store/circle-index.js';
import { circleOf } from '../../src/store/circle-build.js';
import { LazyAccount } from '../../src/store/lazy-account.js';
import { shardHash } from '../../src/store/shard-codec.js';
import { stampOf } from '../../src/store/file-stamp.js';
import { changedNs } from '../../src/store/fs-clock.js';
import { makeAccount } from '../helpers/accounts.js';
import { editLine, makePool, shardLine } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const LEVELS = { min: 30, max: 31 };
// Canonical times, and times a hand edit may leave (read as the strings they are: compared as such by compareLru).
// The shapes a shard may hold (account-times.ts: since stop 52 a date alone or an offset, which
// ordered wrongly as text, is refused on every read), a time without its fraction among them.
const times = ['2026-05-31T00:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T12:00:00.000Z', '2026-06-02T00:00:00.000Z', '2026-06-01T12:00:00Z', '2026-06-01T12:00:00.5Z'];
const circleDir = (dir: string) => join(dir, '.cache', 'circle');
const name = (i: number) => `user${String(i).padStart(6, '0')}`;

const fields = fc.record({
  level: fc.constantFrom(29, 30, 31),
  state: fc.constantFrom('ok' as const, 'ok' as const, ...STATES),
  allocated_at: fc.option(fc.constantFrom(...times), { nil: undefined }),
  available_at: fc.option(fc.constantFrom(...times), { nil: undefined }),
  holder: fc.option(fc.constantFrom('east', 'west', 'east (checking)'), { nil: undefined }),
  held_until: fc.constantFrom(...times),
  seq: fc.integer({ min: 1, max: 4 }), // ties on seq are ordered by key
  password: fc.option(fc.constant('pw'), { nil: undefined }),
});

function withFields(account: Account, f: typeof fields extends fc.Arbitrary<infer F> ? F : never): Account {
  const { holder, held_until, ...rest } = f;
  const next: Account = { ...account, ...rest };
  for (const field of ['allocated_at', 'available_at', 'password', 'holder', 'held_until'] as const) if (next[field] === undefined) delete next[field];
  if (holder) Object.assign(next, { holder, held_until });
  return next;
}

/** What the whole parse says: candidates sorted by compareLru, exclusions, own holdings. */
function expected(accounts: Account[], pool: Pool) {
  const excluded: Exclusions = { wrongLevel: 0, cooling: 0, held: 0, retired: 0 };
  const list: Account[] = [];
  for (const a of accounts) {
    if (a.level < LEVELS.min || a.level > LEVELS.max) {
      excluded.wrongLevel++;
      continue;
    }
    const verdict = availabilityOf(a.holder !== undefined && isOwnHold(a.holder, 'east') ? { ...a, holder: undefined } : a, NOW.toISOString(), pool.config);
    if (verdict === 'available') list.push(a);
    else excluded[verdict]++;
  }
  const own = accounts.filter((a) => a.holder !== undefined && isOwnHold(a.holder, 'east')).map((a) => a.username);
  return { list: list.sort(compareLru), available: list.length, excluded, own: own.sort() };
}

async function chosen(pool: Pool) {
  return pool.transaction(
    (tx) => {
      const c = candidatesIn(tx, pool.config, LEVELS, 'east');
      return {
        indexed: tx.circleView !== undefined,
        list: [...c.list].map((lazy) => lazy.account()),
        available: c.available,
        excluded: c.excluded,
        own: ownHolds(tx, 'east').map((lazy) => lazy.account().username).sort(),
      };
    },
    { lean: true },
  );
}

/** As if every saved index had last been checked long after its shard last changed: trusted by stamp from now on. */
async function settle(dir: string) {
  for (const file of await readdir(circleDir(dir)).catch(() => [])) {
    if (!file.endsWith('.json')) continue; // the sightings; the columns (.idx) stay as made
    const path = join(circleDir(dir), file);
    let index;
    try {
      index = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      continue; // garbled, and not made again yet: a process that keeps its view (serve) has no need to
    }
    await writeFile(path, JSON.stringify({ ...index, checkedAt: Date.now() + RACY_MS + 1000 }));
  }
}

/**
 * The hints of where the log's records are in their shards' indexes (`.cache/log/<inode>.lines`,
 * log-digest.ts `LogPlaces`) made wrong: each line moved by `shift` (0: every hint the first
 * line), the file cut by `cut` bytes (a torn append).
 */
async function misplace(dir: string, shift: number, cut: number) {
  const logDir = join(dir, '.cache', 'log');
  for (const file of await readdir(logDir).catch(() => [])) {
    if (!file.endsWith('.lines')) continue;
    const bytes = await readFile(join(logDir, file));
    const lines = new Int32Array(bytes.length >> 2);
    Buffer.from(lines.buffer).set(bytes.subarray(0, 4 * lines.length));
    const moved = lines.map((line) => (shift === 0 ? 0 : line + shift));
    await writeFile(join(logDir, file), Buffer.from(moved.buffer).subarray(0, Math.max(0, moved.byteLength - cut)));
  }
}

/** Whether the change log holds a fold entry or a previous segment (partial folds, src/store/change-log.ts). */
async function partlyFolded(dir: string): Promise<boolean> {
  const text = async (file: string) => readFile(join(dir, file), 'utf8').catch(() => '');
  return (await text('.changes.log')).includes('#fold ') || (await text('.changes.old.log')) !== '';
}

async function filledPool(accounts: number, shards: number, folds?: { capacity: number; budget: number }): Promise<Pool> {
  // The empty pool `init` makes, copied from the run's template (makePool): the property below
  // starts ~26 pools, and an init is a file and a folder fsync a shard.
  const { dir } = await makePool(shards);
  const pool = await Pool.open(dir, { clock: () => NOW, folds });
  await pool.transaction((tx) => {
    for (let i = 0; i < accounts; i++) tx.put(makeAccount(i, { username: name(i), level: 30, seq: i % 3 }));
  });
  return pool;
}

describe('allocate chooses from the circle indexes', () => {
  it('chooses, counts and finds holdings exactly as the whole parse sorted by compareLru, over any run of logged changes, folds, hand edits and lost or trusted indexes', async () => {
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('log' as const), i: fc.nat(19), fields }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fold' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('step' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), i: fc.nat(19), at: fc.constantFrom(...times) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('garble' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('misplace' as const), shift: fc.integer({ min: -2, max: 2 }), cut: fc.nat(3) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('allocate' as const), count: fc.integer({ min: 1, max: 4 }) }) },
    );
    let indexed = 0;
    let indexedOverFolds = 0;
    await fc.assert(
      // `partial`: a log of 2 records' capacity and a budget of one shard, so that writes and
      // allocations fold a shard at a time, the log holds fold entries and starts new segments.
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), async (steps, shards, partial) => {
        const pool = await filledPool(20, shards, partial ? { capacity: 2, budget: 1 } : undefined);
        const dir = pool.layout.dir;
        for (const s of steps) {
          if (s.kind === 'log') await pool.transaction((tx) => tx.put(withFields(tx.get(name(s.i))!, s.fields)));
          else if (s.kind === 'fold') await pool.fold();
          else if (s.kind === 'step') await pool.foldStep();
          else if (s.kind === 'edit') await editLine(dir, name(s.i), (line) => (line.includes(`"allocated_at": "${s.at}"`) || !line.includes('"allocated_at"') ? line.replace(/"level": (\d+)/, (_, n) => `"level": ${Number(n) + 1}`) : line.replace(/"allocated_at": "[^"]*"/, `"allocated_at": "${s.at}"`)));
          else if (s.kind === 'forget') await rm(circleDir(dir), { recursive: true, force: true });
          else if (s.kind === 'garble') for (const file of await readdir(circleDir(dir)).catch(() => [])) await writeFile(join(circleDir(dir), file), file.endsWith('.idx') ? '\u0010\u0000\u0000\u0000{"version":2,"size":9' : '{"version":2,');
          else if (s.kind === 'misplace') {
            // Wrong hints cost a search, never a wrong line nor the indexes' choosing (the whole read).
            await misplace(dir, s.shift, s.cut);
            const misled = await chosen(await Pool.open(dir, { clock: () => NOW }));
            await rm(join(dir, '.cache', 'log'), { recursive: true, force: true });
            expect(misled).toEqual(await chosen(await Pool.open(dir, { clock: () => NOW })));
          }
          else if (s.kind === 'settle') await settle(dir);
          else {
            // The real thing: what it hands out is the front of the circle as the whole parse sees it.
            const before = expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
            const outcome = await allocate(pool, { count: s.count, levels: LEVELS, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
            expect(outcome.allocated.map((a) => a.username)).toEqual(before.list.slice(0, s.count).map((a) => a.username));
            expect(outcome.available).toBe(before.available);
            const after = [...(await (await Pool.open(dir)).read()).accounts()];
            expect(after.filter((a) => a.holder === 'east').map((a) => a.username).sort()).toEqual(outcome.allocated.map((a) => a.username).sort());
          }
          const got = await chosen(pool);
          const whole = expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
          expect(got.list).toEqual(whole.list);
          expect({ available: got.available, excluded: got.excluded, own: got.own }).toEqual({ available: whole.available, excluded: whole.excluded, own: whole.own });
          if (got.indexed) indexed++;
          if (got.indexed && (await partlyFolded(dir))) indexedOverFolds++;
        }
      }),
      {
        numRuns: 25,
        // One run that surely reaches a log with fold entries while the indexes choose (random
        // runs mostly do, but not always: CI once drew 25 without one).
        examples: [[[{ kind: 'allocate', count: 4 }, { kind: 'allocate', count: 4 }, { kind: 'allocate', count: 4 }, { kind: 'settle' }, { kind: 'allocate', count: 1 }, { kind: 'allocate', count: 1 }], 2, true]],
      },
    );
    // The indexes did the choosing in most of the runs (a hand edit under a logged record, or an
    // exotic spelling, leaves it to the whole read, as it must).
    expect(indexed).toBeGreaterThan(20);
    // ... a log with fold entries or a previous segment among them (5-15 of ~150 steps in the
    // runs seen: most random runs have no partial fold yet; the next test makes one on purpose).
    expect(indexedOverFolds).toBeGreaterThan(0);
  });

  it('takes a logged record\'s line from the last reader\'s hint only where the index holds its key there: wrong or torn hints cost a search', async () => {
    const pool = await filledPool(20, 2);
    const dir = pool.layout.dir;
    await pool.transaction((tx) => {
      for (let i = 0; i < 20; i += 2) tx.put({ ...tx.get(name(i))!, level: 31, allocated_at: times[i % 3] });
    });
    // Each a new process's read (a pool keeps the log it read while it is unchanged).
    const fresh = async () => chosen(await Pool.open(dir, { clock: () => NOW }));
    const first = await fresh();
    expect(first.indexed).toBe(true);
    expect((await readdir(join(dir, '.cache', 'log'))).some((file) => file.endsWith('.lines'))).toBe(true);
    for (const [shift, cut] of [[1, 0], [-1, 0], [0, 0], [2, 3]] as const) {
      await misplace(dir, shift, cut);
      expect(await fresh()).toEqual(first);
    }
  });

  it('never applies a record a partial fold already wrote into its shard: a hand edit made there since stays, as the whole read keeps it', async () => {
    // A log of 5 records' capacity and a budget of one shard: the write below (20 records) folds one of the two shards.
    const pool = await filledPool(20, 2, { capacity: 5, budget: 1 });
    const dir = pool.layout.dir;
    await pool.transaction((tx) => {
      for (let i = 0; i < 20; i++) tx.put({ ...tx.get(name(i))!, level: 31 });
    });
    expect(await partlyFolded(dir)).toBe(true);
    // The accounts whose shard was folded hold level 31 in the file: edited by hand to a level allocate leaves out.
    let edited = 0;
    for (let i = 0; i < 20; i++) {
      if (!(await shardLine(dir, name(i))).line.includes('"level": 31')) continue;
      await editLine(dir, name(i), (line) => line.replace('"level": 31', '"level": 29'));
      edited++;
    }
    expect(edited).toBeGreaterThan(0);
    expect(edited).toBeLessThan(20);
    const got = await chosen(pool);
    const whole = expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
    expect(whole.excluded.wrongLevel).toBe(edited);
    expect(got.indexed).toBe(true);
    expect(got.list).toEqual(whole.list);
    expect({ available: got.available, excluded: got.excluded }).toEqual({ available: whole.available, excluded: whole.excluded });
  });

  it('a fold over the indexes leaves each shard it wrote indexed: the index saved is the one made from the new file, byte for byte, and trusted by its stamp at once', async () => {
    // A log of 5 records' capacity and a budget of one shard: each allocation below folds a shard.
    const pool = await filledPool(40, 4, { capacity: 5, budget: 1 });
    const dir = pool.layout.dir;
    const shardsDir = join(dir, 'shards');
    const files = async () => new Map(await Promise.all((await readdir(shardsDir)).filter((f) => f.endsWith('.yaml')).map(async (f) => [f.slice(0, -5), await readFile(join(shardsDir, f))] as const)));
    expect((await chosen(pool)).indexed).toBe(true); // every shard indexed
    let folded = 0;
    for (let round = 0; round < 3; round++) {
      const before = await files();
      await allocate(pool, { count: 4, levels: LEVELS, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
      for (const [name, bytes] of await files()) {
        if (bytes.equals(before.get(name)!)) continue;
        folded++;
        const sighting = JSON.parse(await readFile(join(circleDir(dir), `${name}.json`), 'utf8')) as Sighting;
        expect(sighting.sha1).toBe(shardHash(bytes));
        // With the file system's clock read after the fold's renames: once it is past the shard's
        // times (unless the clock's tick ties them), the next process trusts the index by the
        // stamp, without reading and hashing the shard the fold has just written.
        const info = await stat(join(shardsDir, `${name}.yaml`), { bigint: true });
        expect(sighting.stamp).toBe(stampOf(info));
        const [dev, ns] = (sighting.clock ?? '').split(':');
        expect(dev).toBe(String(info.dev));
        expect(BigInt(ns || -1) >= changedNs(info)).toBe(true);
        const made = circleOf(await pool.readShard(name), bytes, sighting, (key) => pool.shardNameOf(key) !== name);
        expect((await readFile(join(circleDir(dir), `${name}.idx`))).equals(made.encoded)).toBe(true);
      }
    }
    expect(folded).toBeGreaterThan(1);
    // ... and allocate still chooses from them exactly as the whole parse does.
    const got = await chosen(pool);
    const whole = expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
    expect(got.indexed).toBe(true);
    expect(got.list).toEqual(whole.list);
  });

  it('takes what the last reader judged of a pending record (.cache/log/<inode>.judged) only while the record and its shard are as they were: another log\'s rows, a hand edit of the shard or a torn file are looked up again', async () => {
    const pool = await filledPool(20, 2);
    const dir = pool.layout.dir;
    // A copy of the pool (its own inodes) whose log holds other records on the same rows.
    const other = join(await testdir(), 'other');
    await cp(dir, other, { recursive: true });
    const log = async (at: string, from: number) =>
      (await Pool.open(at, { clock: () => NOW })).transaction((tx) => {
        for (let i = from; i < 20; i += 2) tx.put({ ...tx.get(name(i))!, level: 31, allocated_at: times[i % 3] });
      });
    await log(dir, 0);
    await log(other, 1);
    const fresh = async (at: string) => chosen(await Pool.open(at, { clock: () => NOW }));
    const whole = async (at: string) => expected([...(await (await Pool.open(at, { clock: () => NOW })).read()).accounts()], pool);
    const judgedFile = async (at: string) => join(at, '.cache', 'log', `${(await stat(join(at, '.changes.log'))).ino}.judged`);
    const first = await fresh(dir);
    expect(first.indexed).toBe(true);
    // The next reader takes every pending record as judged.
    const read = await readLog(pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
    expect(read.keys).toHaveLength(10);
    expect(read.keys.every((_, i) => read.judgedOf(i) >= 0)).toBe(true);
    expect(await fresh(dir)).toEqual(first);

    // Another log's judged rows, under this log's name: each row is held against the record now at that row.
    await mkdir(join(other, '.cache', 'log'), { recursive: true });
    await writeFile(await judgedFile(other), await readFile(await judgedFile(dir)));
    const foreign = await fresh(other);
    expect(foreign.indexed).toBe(true);
    expect(foreign.list).toEqual((await whole(other)).list);

    // Torn: the rows of the chunk cut short are looked up again.
    const bytes = await readFile(await judgedFile(dir));
    await writeFile(await judgedFile(dir), bytes.subarray(0, bytes.length - 5));
    expect(await fresh(dir)).toEqual(first);

    // An allocation over the indexes keeps what it knows of the records it appends: the next reader looks up none of them, and chooses as the whole read.
    await allocate(await Pool.open(dir, { clock: () => NOW }), { count: 3, levels: LEVELS, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    const allocated = await readLog(pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
    expect(allocated.keys.length).toBeGreaterThan(10);
    expect(allocated.keys.every((_, i) => allocated.judgedOf(i) >= 0)).toBe(true);
    const next = await fresh(dir);
    const wholeNext = await whole(dir);
    expect(next.indexed).toBe(true);
    expect(next.list).toEqual(wholeNext.list);
    expect({ available: next.available, excluded: next.excluded, own: next.own }).toEqual({ available: wholeNext.available, excluded: wholeNext.excluded, own: wholeNext.own });

    // A shard edited by hand under the logged records: its rows are looked up again (or the whole read chooses).
    await editLine(dir, name(4), (line) => line.replace(/"level": \d+/, '"level": 29'));
    await editLine(dir, name(7), (line) => line.replace(/"level": \d+/, '"level": 29'));
    const edited = await fresh(dir);
    const after = await whole(dir);
    expect(edited.list).toEqual(after.list);
    expect({ available: edited.available, excluded: edited.excluded, own: edited.own }).toEqual({ available: after.available, excluded: after.excluded, own: after.own });
  });

  it('an allocation appends the rows it judged to the judged file, after what was there; rows after a chunk garbled inside are never taken: chosen as the whole read', async () => {
    const pool = await filledPool(20, 2);
    const dir = pool.layout.dir;
    await pool.transaction((tx) => {
      for (let i = 0; i < 20; i += 2) tx.put({ ...tx.get(name(i))!, level: 31, allocated_at: times[i % 3] });
    });
    const fresh = async () => chosen(await Pool.open(dir, { clock: () => NOW }));
    const whole = async () => expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
    const judgedFile = async () => join(dir, '.cache', 'log', `${(await stat(join(dir, '.changes.log'))).ino}.judged`);
    const allocateSome = async () => allocate(await Pool.open(dir, { clock: () => NOW }), { count: 2, levels: LEVELS, instance: 'east', checker: createNoneChecker(), concurrency: 1, allowPartial: true });
    await fresh(); // judges the 10 pending records and saves them
    const before = await readFile(await judgedFile());
    expect(before.length).toBeGreaterThan(0);
    await allocateSome();
    const after = await readFile(await judgedFile());
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const read = await readLog(pool.layout.changeLog, new LogDigests(pool.layout.logDigestDir));
    expect(read.keys.every((_, i) => read.judgedOf(i) >= 0)).toBe(true);

    // A byte of the first chunk's rows changed (its head intact): the next allocation still appends
    // by the heads, and no row at or after that chunk is taken.
    const garbled = await readFile(await judgedFile());
    garbled[20 + 4 * 3] = garbled[20 + 4 * 3]! ^ 0xff; // the first row's line
    await writeFile(await judgedFile(), garbled);
    await allocateSome();
    const next = await fresh();
    const wholeNext = await whole();
    expect(next.indexed).toBe(true);
    expect(next.list).toEqual(wholeNext.list);
    expect({ available: next.available, excluded: next.excluded, own: next.own }).toEqual({ available: wholeNext.available, excluded: wholeNext.excluded, own: wholeNext.own });
  });

  it('makes the log\'s pending records into accounts only as far as the circle and the holdings reach them, in the order the whole parse sorts them (the earliest years too)', async () => {
    const pool = await filledPool(1200, 2);
    const dir = pool.layout.dir;
    // Far but storable times: `allocated_at` compares as text, year 0000 first.
    const when = ['2026-05-31T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z', '0999-01-01T00:00:00.000Z', undefined];
    await pool.transaction((tx) => {
      for (let i = 0; i < 1000; i++) {
        const account: Account = { ...tx.get(name(i))!, level: 30 + (i % 2), seq: i % 3 };
        const at = when[i % when.length];
        if (at === undefined) delete account.allocated_at;
        else account.allocated_at = at;
        // A tenth held by the instance allocating, a tenth by another: the holdings list the first only.
        if (i % 10 === 1 || i % 10 === 2) Object.assign(account, { holder: i % 10 === 1 ? 'east' : 'west', held_until: '2026-06-02T00:00:00.000Z' });
        tx.put(account);
      }
    });
    const whole = expected([...(await (await Pool.open(dir, { clock: () => NOW })).read()).accounts()], pool);
    const logged = new Set(Array.from({ length: 1000 }, (_, i) => name(i).toLowerCase()));
    const made = vi.spyOn(LazyAccount, 'reading');
    try {
      const got = await (await Pool.open(dir, { clock: () => NOW })).transaction(
        (tx) => {
          const c = candidatesIn(tx, pool.config, LEVELS, 'east');
          const list = c.list[Symbol.iterator]();
          const first: string[] = [];
          for (let k = 0; k < 450; k++) first.push(list.next().value!.account().username);
          return { indexed: tx.circleView !== undefined, first, available: c.available, excluded: c.excluded, own: ownHolds(tx, 'east').map((lazy) => lazy.account().username).sort() };
        },
        { lean: true },
      );
      expect(got.indexed).toBe(true);
      // Past the never-used (~400) into the exotic years.
      expect(got.first).toEqual(whole.list.slice(0, 450).map((a) => a.username));
      expect(whole.list.slice(400, 450).every((a) => a.allocated_at === '0000-01-01T00:00:00.000Z')).toBe(true);
      expect({ available: got.available, excluded: got.excluded, own: got.own }).toEqual({ available: whole.available, excluded: whole.excluded, own: whole.own });
      expect(got.own).toHaveLength(100);
      // The 100 held by east and those of the 450 taken (~300 of them), not all 1,000.
      const fromLog = made.mock.calls.filter(([, key]) => logged.has(key)).length;
      expect(fromLog).toBeGreaterThanOrEqual(100);
      expect(fromLog).toBeLessThan(500);
    } finally {
      made.mockRestore();
    }
  });
});
