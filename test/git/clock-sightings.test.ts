// When holds and rests another host wrote end here (src/git/clock-sightings.ts). A verdict's rest
// (the cool-down, `available_at`) is timed like a hold (clocks.test.ts), from when this host first
// saw it, so a clock behind (or ahead) never ends a banned account's rest early elsewhere; and
// neither is moved more than two days past the time written, so a fresh clone does not keep the
// accounts of holds long over from the circle.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { fillPool } from '../helpers/accounts.js';
import { gitIn, heldBy, sharedPool, useGitEnv, usernames } from './helpers.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { CLOCKS_APART_MAX_MS, seenEndsFrom, seenViewFor } from '../../src/git/clock-sightings.js';
import { TIMED_FIELDS, keyOf, reservationOf, type Account, type TimedStanding } from '../../src/model.js';
import { Pool } from '../../src/store/pool.js';
import { decodeShard } from '../../src/store/shard-codec.js';
import { LazyAccount } from '../../src/store/lazy-account.js';
import { poolStats, poolStatsEach } from '../../src/pool-stats.js';
import { candidates } from '../../src/allocate/select.js';
import { countPool } from '../../src/stats/pool-counts.js';
import { readSealed, writeSealed } from '../helpers/sealed-cache.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BANNED = ['acc0', 'acc1', 'acc2', 'acc3', 'acc4'];

describe('a rest written by a clock 3 hours behind (injected clocks)', () => {
  it('lasts its whole cool-down from when another host first saw it', async () => {
    useGitEnv();
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const start = Date.now();
    const at = (ms: number) => ({ clock: () => new Date(start + ms) });
    expect((await cli(['mark', ...BANNED, '--verdict', 'temp_banned', '--pool', a], at(-3 * HOUR))).code).toBe(0);
    expect((await cli(['sync', '--pool', a], at(-3 * HOUR))).code).toBe(0);
    expect((await cli(['sync', '--pool', c], at(0))).code).toBe(0);

    // temp_banned rests 10 days: by c's clock a's rests end two hours before that.
    const cooling = async (ms: number) => JSON.parse((await cli(['status', '--json', '--pool', c], at(ms))).stdout).byAvailability.cooling as number;
    expect(await cooling(10 * DAY - 2 * HOUR)).toBe(5);
    const file = join(base, 'c.csv');
    // Every account asked for: the 25 not banned, and none of the 5 (the pool's 30-account template).
    const taken = await cli(['allocate', '--count', '30', '--no-check', '--allow-partial', '--accountcsv', file, '--instance', 'c', '--pool', c], at(10 * DAY - HOUR));
    expect(taken.code, taken.stderr).toBe(0);
    expect(await usernames(file)).toHaveLength(25);
    expect((await usernames(file)).filter((u) => BANNED.includes(u))).toEqual([]);
    expect(await cooling(10 * DAY + 60_000)).toBe(0);
  }, 60_000);
});

describe('seenEndsFrom: when a hold or a rest first seen at some moment ends', () => {
  const seenAt = '2026-12-01T12:00:00.000Z';
  const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  const account = (fields: Partial<Account>): Account => ({ username: 'u', password: 'p', level: 30, state: 'temp_banned', ...fields }) as Account;
  const restEnd = (a: Account) => seenEndsFrom({}, seenAt, DEFAULT_CONFIG).rest(a);

  it("a verdict's rest runs its cool-down (state_at to available_at, one clock) from first sight", () => {
    const verdictAt = plus(seenAt, -5 * HOUR); // written by a clock 5 hours behind, just now
    expect(restEnd(account({ state_at: verdictAt, available_at: plus(verdictAt, 10 * HOUR) }))).toBe(plus(seenAt, 10 * HOUR));
  });

  it("a check error's wait (it keeps the old state_at) runs the check-error cool-down, not the time since the verdict", () => {
    const checkError = DEFAULT_CONFIG.cooldowns.check_error as number;
    const written = plus(seenAt, -3 * HOUR);
    const a = account({ state: 'ok', state_at: plus(seenAt, -40 * DAY), available_at: plus(written, checkError) });
    expect(restEnd(a)).toBe(plus(seenAt, checkError));
    expect(restEnd(account({ state_at: plus(seenAt, -40 * DAY), available_at: plus(written, checkError) }))).toBe(plus(seenAt, checkError));
  });

  it('moves a rest at most two days past its available_at (a late sighting costs at most that)', () => {
    const available = plus(seenAt, -9 * DAY);
    expect(restEnd(account({ state_at: plus(available, -10 * DAY), available_at: available }))).toBe(plus(available, CLOCKS_APART_MAX_MS));
  });

  it('never ends a rest before its available_at', () => {
    const available = plus(seenAt, 10 * DAY);
    expect(restEnd(account({ state_at: plus(seenAt, 9 * HOUR), available_at: available }))).toBe(available);
  });

  it('a hold runs its length (allocated_at to held_until) from first sight, moved at most two days past held_until', () => {
    const holdEnd = (a: Account) => seenEndsFrom({}, seenAt, DEFAULT_CONFIG).hold(a);
    const allocated = plus(seenAt, -13 * HOUR); // a clock 13 hours behind, just now
    expect(holdEnd(account({ holder: 'x', allocated_at: allocated, held_until: plus(allocated, 12 * HOUR) }))).toBe(plus(seenAt, 12 * HOUR));
    const old = plus(seenAt, -55 * HOUR); // its end, two days on, comes before a lease from first sight
    expect(holdEnd(account({ holder: 'x', allocated_at: old, held_until: plus(old, 12 * HOUR) }))).toBe(plus(old, 12 * HOUR + CLOCKS_APART_MAX_MS));
  });
});

describe('a fresh clone of a pool whose holds are long over', () => {
  it('hands those accounts out at once: only holds that may still run (by any clock two days off) wait for a lease', async () => {
    useGitEnv();
    const { base, remote, clones } = await sharedPool(1, 30);
    const a = clones[0]!;
    const start = Date.now();
    const at = (ms: number) => ({ clock: () => new Date(start + ms) });
    const take = (dir: string, instance: string, count: number, ms: number) =>
      cli(['allocate', '--sync', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', join(base, `${instance}.csv`), '--instance', instance, '--pool', dir], at(ms));
    // Every account of the pool's 30 held: 26 leases over 2.5 days ago, 4 over an hour ago.
    expect((await take(a, 'old', 26, -3 * DAY)).code).toBe(0);
    expect((await take(a, 'recent', 4, -13 * HOUR)).code).toBe(0);
    const b = join(base, 'fresh');
    await gitIn(base, 'clone', '--quiet', remote, b);
    expect((await cli(['init', '--git', '--pool', b], at(0))).code).toBe(0);
    const given = await take(b, 'b', 30, 0);
    expect(given.code, given.stderr).toBe(0);
    expect((await usernames(join(base, 'b.csv'))).sort()).toEqual((await usernames(join(base, 'old.csv'))).sort());
  }, 60_000);
});

describe("a pull that changes none of the shards a recorded hold is in (sync reads only the shards a pull changed)", () => {
  it("keeps that hold's whole lease from first sight: its accounts stay out of the circle", async () => {
    useGitEnv();
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const start = Date.now();
    const at = (ms: number) => ({ clock: () => new Date(start + ms) });
    // a's clock is 3 hours behind: its 12-hour lease ends 9 hours from now by c's clock, 12 by first sight.
    const held = join(base, 'a.csv');
    expect((await cli(['allocate', '--sync', '--count', '2', '--no-check', '--accountcsv', held, '--instance', 'a', '--pool', a], at(-3 * HOUR))).code).toBe(0);
    expect((await cli(['sync', '--pool', c], at(0))).code).toBe(0);
    // Then a changes an account in a shard that holds none of the two: c's next pull leaves their shards alone.
    const first = await usernames(held);
    const pool = await Pool.open(a);
    const theirs = new Set(first.map((u) => pool.shardNameOf(u)));
    const other = Array.from({ length: 30 }, (_, i) => `acc${i}`).find((u) => !theirs.has(pool.shardNameOf(u)))!;
    expect(other).toBeDefined();
    expect((await cli(['mark', other, '--verdict', 'temp_banned', '--pool', a], at(-3 * HOUR + 60_000))).code).toBe(0);
    expect((await cli(['sync', '--pool', a], at(-3 * HOUR + 60_000))).code).toBe(0);
    expect((await cli(['sync', '--pool', c], at(HOUR))).code).toBe(0);

    const file = join(base, 'c.csv');
    const taken = await cli(['allocate', '--count', '30', '--no-check', '--allow-partial', '--accountcsv', file, '--instance', 'c', '--pool', c], at(10 * HOUR));
    expect(taken.code, taken.stderr).toBe(0);
    const given = await usernames(file);
    expect(given.filter((u) => first.includes(u) || u === other)).toEqual([]);
    expect(given).toHaveLength(27); // all 30 but a's 2 and the one resting
  }, 60_000);
});

describe('a git.commit host that chose over its circle indexes, then pulls another host\'s hand-outs', () => {
  it('hands out the next least-recently-used accounts, none the other host holds: the indexes of the shards the pull rewrote are made again', async () => {
    useGitEnv();
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const file = (instance: string) => join(base, `${instance}.csv`);
    const take = (dir: string, instance: string, count: number, sync: string[] = []) => cli(['allocate', ...sync, '--count', String(count), '--no-check', '--accountcsv', file(instance), '--instance', instance, '--pool', dir]);
    const accs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `acc${from + i}`);
    // c's first hand-out settles its record of sightings (the whole read), its second chooses over the indexes it makes.
    expect((await take(c, 'c1', 3)).code).toBe(0);
    expect((await take(c, 'c2', 2)).code).toBe(0);
    expect(await readdir(join(c, '.cache', 'circle'))).not.toEqual([]);
    expect((await cli(['sync', '--pool', c])).code).toBe(0);
    expect((await take(a, 'a', 5, ['--sync'])).code).toBe(0);
    expect(await usernames(file('a'))).toEqual(accs(5, 5));
    // The pull rewrites shards under c's indexes; c's next choice is the whole read's.
    expect((await cli(['sync', '--pool', c])).code).toBe(0);
    const given = await take(c, 'c3', 10);
    expect(given.code, given.stderr).toBe(0);
    expect(await usernames(file('c3'))).toEqual(accs(10, 10));
    expect(await gitIn(c, 'status', '--porcelain')).toBe('');
    const held = await heldBy(c);
    expect([...held.get('a')!].sort()).toEqual(accs(5, 5).sort());
    expect(held.get('c3')).toHaveLength(10);
  }, 60_000);
});

describe('a pool shared through git counted and judged off its lines (timed standings, Snapshot.eachTimed)', () => {
  it('gives the full parse\'s verdicts byte for byte: the record of sightings, the counts, the accounts allocate may take, over canonical, quoted, hand-edited, commented and CRLF lines', async () => {
    const test = await makePool(4);
    await mkdir(join(test.dir, '.git'));
    const NOW = new Date('2026-06-01T12:00:00.000Z');
    const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();
    // Every kind of hold and rest the seen ends time, in each shard: a lease in force and one over, a
    // verdict's rest, a check error's wait, a reservation without allocated_at, a holder whose name
    // needs escapes, and a user's mapping (no line reader reads past it: the account is parsed).
    const kinds: ((i: number) => Partial<Account>)[] = [
      () => ({ holder: 'a', allocated_at: at(-2), held_until: at(10) }),
      () => ({ holder: 'a', allocated_at: at(-30), held_until: at(-18) }),
      () => ({ state: 'temp_banned', state_at: at(-1), available_at: at(10 * 24 - 1) }),
      () => ({ state_at: at(-50), available_at: at(0.5) }),
      () => ({ holder: reservationOf('b'), held_until: at(0.2), level: 12 }),
      (i) => ({ holder: `in"st\\${i} ü`, allocated_at: at(-1), held_until: at(11), device: { model: 'iPhone9,3', ios: '10.3.3', id: 'f'.repeat(32) } }),
      () => ({ holder: 'c', allocated_at: at(-1), held_until: at(11), notes: { state_at: 'x', held_until: 'y' } }),
      () => ({}),
    ];
    const pool = await test.open();
    await fillPool(pool, 64, 0, (i) => kinds[i % kinds.length]!(i));
    const shards = join(test.dir, 'shards');
    const files = (await readdir(shards)).filter((f) => f.endsWith('.yaml')).sort();
    // One shard hand-edited whole in block style, with comments and CRLF line ends; one with a line retyped.
    const first = join(shards, files[0]!);
    const accounts = decodeShard(files[0]!.slice(0, -5), first, await readFile(first, 'utf8')).accounts;
    const block = (value: unknown, indent: string): string =>
      value !== null && typeof value === 'object' ? Object.entries(value).map(([k, v]) => `\r\n${indent}${k}:${block(v, `${indent}  `)}`).join('') : ` ${JSON.stringify(value)}  # by hand`;
    await writeFile(first, `# edited by hand\r\n${accounts.map(({ username, ...rest }) => `${JSON.stringify(username)}:${block(rest, '  ')}`).join('\r\n')}\r\n`);
    const second = await readFile(join(shards, files[1]!), 'utf8');
    await writeFile(join(shards, files[1]!), second.replace(/"held_until": "([^"]*)"/, "'held_until': '$1'"));

    const snapshot = await (await Pool.open(test.dir)).read();
    expect(snapshot.shards.filter((s) => s.canonical).length).toBe(2);
    const config = pool.config;
    const timed: TimedStanding[] = [];
    snapshot.eachTimed((t) => timed.push(t));
    const pick = (a: Account) => Object.fromEntries(TIMED_FIELDS.filter((f) => a[f] !== undefined).map((f) => [f, a[f]]));
    expect(timed.map((t) => pick(t as Account))).toEqual([...snapshot.accounts()].map(pick));

    // The record a transaction settles (no record yet: every hold and rest first seen now), read both ways.
    const whole = (visit: (a: TimedStanding) => void) => { for (const a of snapshot.accounts()) visit(a); };
    const record = join(test.dir, '.git', 'accountpool-holds-seen.json');
    await seenViewFor(test.dir, config)(whole, NOW, true);
    const fromAccounts = await readFile(record, 'utf8');
    await rm(record);
    const ends = (await seenViewFor(test.dir, config)((visit) => snapshot.eachTimed(visit), NOW, true))!;
    expect(await readFile(record, 'utf8')).toBe(fromAccounts);
    expect(Object.keys(JSON.parse(fromAccounts).seen).length).toBeGreaterThan(10);
    // And as a transaction over the circle indexes settles it, shard file by shard file: with the
    // canonical cache, and without it (a fresh clone: each shard proven, then read off its lines).
    for (const cache of ['kept', 'deleted']) {
      await rm(record);
      if (cache === 'deleted') await rm(join(test.dir, '.cache', 'canonical.json'));
      const lean = await Pool.open(test.dir, { clock: () => NOW });
      lean.seenView = seenViewFor(test.dir, config);
      await lean.transaction(() => undefined, { lean: true });
      expect(await readFile(record, 'utf8'), cache).toBe(fromAccounts);
    }

    // Counted and judged an hour on, by those ends and by those of a clone with no record (each first seen now).
    const later = new Date(NOW.getTime() + HOUR);
    for (const seen of [ends, seenEndsFrom({}, NOW.toISOString(), config)]) {
      expect(poolStatsEach((visit) => snapshot.eachTimed(visit), later, config, seen)).toEqual(poolStats(snapshot.accounts(), later, config, seen));
      const judged = (lazies: LazyAccount[]) => {
        const { list, available, excluded } = candidates(lazies, later, config, { min: 0, max: 50 }, 'b', seen);
        return { order: [...list].map((l) => l.key), available, excluded };
      };
      const offLines = judged(snapshot.lazyAccounts(true));
      expect(offLines).toEqual(judged([...snapshot.accounts()].map((a) => LazyAccount.of(a, keyOf(a.username)))));
      expect(offLines.available).toBeGreaterThan(10);
      expect(offLines.excluded.held + offLines.excluded.cooling).toBeGreaterThan(10);
    }

    // status's count (stats/pool-counts.ts) off the shards' timed summaries, against the whole read's:
    // made, then taken as saved, after a hand edit in place, and with .cache deleted (derived, never the only record).
    const counting = await Pool.open(test.dir, { clock: () => later });
    counting.seenView = seenViewFor(test.dir, config);
    const status = async () => {
      const counted = await countPool(counting);
      expect(counted.snapshot).toBeUndefined(); // no account read whole
      return counted.stats;
    };
    const wholeCount = async () => poolStats((await (await Pool.open(test.dir)).read()).accounts(), later, config, ends);
    expect(await status()).toEqual(await wholeCount());
    const timedFiles = (await readdir(join(test.dir, '.cache', 'timed'))).map((f) => join(test.dir, '.cache', 'timed', f));
    expect(timedFiles.length).toBe(files.length);
    expect(await status()).toEqual(await wholeCount());
    // Forged (held accounts relabelled free with the seal line kept; counts times ten sealed again): no summary, made again.
    for (const [n, file] of timedFiles.entries()) {
      const summary = await readSealed<{ tuples: string[][]; counts: number[] }>(file);
      if (n % 2 === 0) {
        const text = await readFile(file, 'utf8');
        for (const tuple of summary.tuples) [tuple[6], tuple[7]] = ['', ''];
        await writeFile(file, `${text.slice(0, text.indexOf('\n'))}\n${JSON.stringify(summary)}\n`);
      } else await writeSealed(file, { ...summary, counts: summary.counts.map((c) => c * 10) });
    }
    expect(await status()).toEqual(await wholeCount());
    const third = join(shards, files[2]!);
    await writeFile(third, (await readFile(third, 'utf8')).replace('"holder": "a", "held_until"', '"holder": "z", "held_until"'));
    const edited = await wholeCount();
    expect(edited.holders.map((h) => h.instance)).toContain('z');
    expect(await status()).toEqual(edited);
    await rm(join(test.dir, '.cache'), { recursive: true });
    expect(await status()).toEqual(edited);

    // A change log over the shards (a git pool without git.commit): the shards its records change
    // are counted with the records over their lines, the others off their summaries; no account read whole.
    const inShard = async (n: number) => decodeShard(files[n]!.slice(0, -5), 'shard', await readFile(join(shards, files[n]!), 'utf8')).accounts;
    const logged = [...(await inShard(2)).slice(0, 3), ...(await inShard(3)).slice(0, 2)];
    const logging = await Pool.open(test.dir, { clock: () => later });
    await logging.transaction((tx) => {
      for (const a of logged) tx.put({ ...a, holder: 'd', allocated_at: at(0.5), held_until: at(12) });
    });
    expect(await readdir(test.dir)).toContain('.changes.log');
    const withLog = await wholeCount();
    expect(withLog.holders.find((h) => h.instance === 'd')?.accounts).toBe(5);
    expect(await status()).toEqual(withLog);
    expect(await status()).toEqual(withLog);
    await rm(join(test.dir, '.cache'), { recursive: true });
    expect(await status()).toEqual(withLog);
    // A hand edit of a line a record is pending over: only the whole read merges the two, and says the same as it.
    const fourth = join(shards, files[3]!);
    const lines = (await readFile(fourth, 'utf8')).split('\n');
    const at3 = lines.findIndex((line) => line.startsWith(JSON.stringify(logged[3]!.username)));
    lines[at3] = lines[at3]!.replace('"level": ', '"level": 1');
    await writeFile(fourth, lines.join('\n'));
    const handEdited = await wholeCount();
    const counted = await countPool(counting);
    expect(counted.stats).toEqual(handEdited);
  });
});
