// An older copy of a shard put back (a backup of shards/ copied over the pool after a fold, `git
// checkout HEAD~1 -- shards/`) must never free the holds made since (src/store/live-holds.ts):
// every writer refuses, status and verify name the shards and counts, `verify --fix` puts the
// holds back and `--accept-loss` records them ended. And the pool's own ways of ending or moving a
// hold (release, expiry, a hand edit, a hand release, a reshard) are no alarm.
// Until stop 56 such a copy left the account counts as recorded: `verify` sound, `status` "held:
// none", and the next allocate handed the held accounts to a second scanner (scale-log stop 55 R).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { filledPoolOnce, type TestPool } from '../helpers/pool.js';
import { fillPool } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';
import { learnHolds, loadLiveHolds, saveLiveHolds, type LiveHold, type LiveHolds } from '../../src/store/live-holds.js';
import { testdir } from '../helpers/testdir.js';
import { appendFile } from 'node:fs/promises';

const COUNT = 40;
const HOUR = 3_600_000;

const filled = filledPoolOnce(4, async (pool) => fillPool(await pool.open(), COUNT));

async function allocate(pool: TestPool, instance: string, count = 10, clock?: () => Date) {
  const file = join(pool.base, `${instance}.csv`);
  const result = await cli(['allocate', '--count', String(count), '--no-check', '--instance', instance, '--accountcsv', file, ...pool.args], { clock });
  const names = result.code === 0 ? (await readFile(file, 'utf8')).split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]!) : [];
  return { ...result, names };
}

async function shardFiles(pool: TestPool): Promise<Map<string, Buffer>> {
  const dir = join(pool.dir, 'shards');
  return new Map(await Promise.all((await readdir(dir)).map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

/** The pool's accounts held now, by instance, as the whole read sees them. */
async function holders(pool: TestPool): Promise<Map<string, string>> {
  const snapshot = await (await pool.open()).read();
  const held = new Map<string, string>();
  for (const account of snapshot.accounts()) if (account.holder !== undefined) held.set(account.username, account.holder);
  return held;
}

/** status and allocate pass on the pool as it is (no alarm); returns the accounts allocated. */
async function noAlarm(pool: TestPool, instance: string, clock?: () => Date): Promise<string[]> {
  const status = await cli(['status', ...pool.args], { clock });
  expect(status.code, status.stderr).toBe(0);
  expect(status.stderr).not.toContain('live hold');
  const next = await allocate(pool, instance, 2, clock);
  expect(next.code, next.stderr).toBe(0);
  return next.names;
}

describe('an older shard put back', () => {
  it('a pool holding no hold whose record is gone keeps the record it makes again, so the next command reads no shard for it', async () => {
    const pool = await filled();
    for (const file of ['live-holds.json', 'live-holds.log', 'live-holds.checked']) await rm(join(pool.dir, '.cache', file), { force: true });
    // status's check (a reader): before stop 58's end an empty result was not kept, and every
    // status read every shard file again (~0.3 s at 1,000,000 accounts).
    expect((await (await pool.open()).holdsGoneBackReport()).holds).toBe(0);
    const kept = await loadLiveHolds(join(pool.dir, '.cache'));
    expect(kept?.record.holds.size).toBe(0);
  });

  it('a backup of shards/ copied back after a fold (and after .cache was removed): every writer refuses naming shards and counts, verify --fix puts the holds back', async () => {
    const pool = await filled();
    const backup = join(pool.base, 'backup');
    await cp(join(pool.dir, 'shards'), backup, { recursive: true });
    const first = await allocate(pool, 'east');
    expect(first.names).toHaveLength(10);
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0); // the fold: the holds are in the shards, the log gone
    // Three holds only the change log has (serve's path), kept when .cache is lost: the record made
    // again reads them too, so the fold below that moves them into the shards leaves them checked
    // (until stop 59 only the shards were read: the copy put back freed these three unseen).
    const logged = Array.from({ length: COUNT }, (_, i) => `user${String(i + 1).padStart(6, '0')}`).filter((name) => !first.names.includes(name)).slice(0, 3);
    const at = new Date().toISOString();
    await (await pool.open()).transaction(
      (tx) => {
        for (const name of logged) tx.put({ ...tx.get(name)!, holder: 'south', allocated_at: at, held_until: new Date(Date.now() + HOUR).toISOString() });
      },
      { via: 'log' },
    );
    expect(await readdir(pool.dir)).toContain('.changes.log');
    // The record lost (`rm -rf .cache` by hand; only its files here, the other caches' rebuild is
    // not what is tested): the next command makes it again from the holds the shard files hold
    // (until stop 58 a pool not shared through git checked only holds made after).
    for (const file of ['live-holds.json', 'live-holds.log', 'live-holds.checked']) await rm(join(pool.dir, '.cache', file), { force: true });
    // A shard written again with the same bytes (a new stamp): status looks the holds up, finds each
    // where it was and notes so; the copy put back after it is still seen.
    const same = join(pool.dir, 'shards', '0.yaml');
    await writeFile(same, await readFile(same));
    expect((await cli(['status', ...pool.args])).code).toBe(0);
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0); // the log's holds folded into the shards
    await cp(backup, join(pool.dir, 'shards'), { recursive: true });

    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(1);
    // Said once, however many shards: the count, the shard files (three named, "and N more"), what happened.
    expect(status.stderr.match(/live hold/g)).toHaveLength(1);
    expect(status.stderr).toMatch(/13 live holds are gone from (\d) shard files \(\S+shards\/\d\.yaml, \S+shards\/\d\.yaml, \S+shards\/\d\.yaml( and 1 more)?\): an older copy of the shards was put back/);
    expect(status.stderr).toContain('accountpool verify --fix');
    expect(status.stderr).not.toMatch(/pw-/);
    const before = await shardFiles(pool);
    const second = await allocate(pool, 'west');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/live holds? (is|are) gone.*Nothing was written/);
    // serve's path (a transaction through the change log) refuses too
    const store = await pool.open();
    await expect(store.transaction((tx) => tx.put({ ...tx.get('user000001')!, level: 31 }), { via: 'log' })).rejects.toThrow(/live holds? (is|are) gone/);
    expect(await shardFiles(pool)).toEqual(before);
    const verify = await cli(['verify', '--json', ...pool.args]);
    expect(verify.code).toBe(1);
    const findings = (JSON.parse(verify.stdout).findings as { file: string; problem: string }[]).filter((f) => /live hold/.test(f.problem));
    expect(findings).toEqual([{ file: join(pool.dir, 'shards'), problem: expect.stringMatching(/^13 live holds are gone from \d shard files .*verify --fix/), fixable: true, loss: true }]);

    const fix = await cli(['verify', '--fix', ...pool.args]);
    expect(fix.code, fix.stderr).toBe(0);
    const held = await holders(pool);
    expect(first.names.map((name) => held.get(name))).toEqual(first.names.map(() => 'east'));
    expect(logged.map((name) => held.get(name))).toEqual(logged.map(() => 'south'));
    const again = await allocate(pool, 'west');
    expect(again.code, again.stderr).toBe(0);
    expect(again.names.filter((name) => first.names.includes(name) || logged.includes(name))).toEqual([]);
  });

  it('git checkout HEAD~1 -- shards after an allocate: refused; verify --fix --accept-loss records the holds ended', async () => {
    const pool = await filled();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: pool.dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'shards');
    git('commit', '-qm', 'pool');
    const first = await allocate(pool, 'east');
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    git('add', 'shards');
    git('commit', '-qm', 'allocate');
    git('checkout', 'HEAD~1', '--', 'shards');

    const refused = await allocate(pool, 'west');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/live holds? (is|are) gone/);
    const accept = await cli(['verify', '--fix', '--accept-loss', ...pool.args]);
    expect(accept.code, accept.stderr).toBe(0);
    expect(await noAlarm(pool, 'west')).toHaveLength(2);
    expect(first.names).toHaveLength(10);
  });

  it('no alarm for what ends or moves a hold: a hand edit of its level, a hand release, release --instance, expiry, a reshard', async () => {
    const pool = await filled();
    const start = Date.now();
    const at = (ms: number) => () => new Date(start + ms);
    const first = await allocate(pool, 'east', 10, at(0));
    expect((await cli(['verify', '--fix', ...pool.args], { clock: at(1000) })).code).toBe(0);
    // A hand edit of a held account's level, and a hand release (holder and end removed, the time kept).
    const [edited, released] = first.names as [string, string];
    for (const name of await readdir(join(pool.dir, 'shards'))) {
      if (!name.endsWith('.yaml')) continue;
      const file = join(pool.dir, 'shards', name);
      const text = await readFile(file, 'utf8');
      const next = text
        .split('\n')
        .map((line) => (line.startsWith(`"${edited}"`) ? line.replace('"level": 30', '"level": 31') : line.startsWith(`"${released}"`) ? line.replace(/, "holder": "[^"]*", "held_until": "[^"]*"/, '') : line))
        .join('\n');
      if (next !== text) await writeFile(file, next);
    }
    expect((await holders(pool)).has(released)).toBe(false);
    await noAlarm(pool, 'north', at(2000));
    expect((await cli(['release', '--instance', 'east', ...pool.args], { clock: at(3000) })).code).toBe(0);
    expect((await cli(['verify', '--fix', ...pool.args], { clock: at(4000) })).code).toBe(0);
    await noAlarm(pool, 'south', at(5000));
    // A reshard: new shard files, the holds found by name.
    const store = await pool.open();
    await store.reshard(2);
    await noAlarm(pool, 'up', at(6000));
    // Expiry: the holds made so far over (a lease of 12 hours), the shards put back to none of them.
    await rm(join(pool.dir, '.changes.log'), { force: true });
    await noAlarm(pool, 'down', at(13 * HOUR));
  });

  it('every commit path notes its holds: the log, a fold committed with the entry over the indexes, the shards', async () => {
    const pool = await filled();
    const backup = join(pool.base, 'backup');
    await cp(join(pool.dir, 'shards'), backup, { recursive: true });
    // A log of 3 records' capacity: the second transaction over the indexes takes it past that and
    // commits a fold with its entry (commitWithFold), the path a 3,000-account allocate at 100,000
    // took, whose holds went unnoted (scale-log stop 56 H2).
    // Each transaction in a pool opened afresh, as each CLI command is (a view kept from the last one takes another path).
    const open = () => Pool.open(pool.dir, { folds: { capacity: 3, budget: 1 } });
    const hold = (names: number[], holder: string) => (tx: Transaction) => {
      const until = new Date(tx.now.getTime() + HOUR).toISOString();
      for (const i of names) {
        const username = `user${String(i).padStart(6, '0')}`;
        tx.put({ ...tx.get(username)!, holder, held_until: until, allocated_at: tx.now.toISOString() });
      }
    };
    await (await open()).transaction(hold([1, 2], 'a'), { lean: true });
    await (await open()).transaction(hold([3, 4, 5, 6, 7], 'b'), { lean: true });
    const store = await open();
    await store.transaction(hold([8, 9], 'c'), { via: 'shards' });
    await store.fold();
    // The later transactions appended their holds to the record's log (not the whole record again): a fresh reader replays it.
    expect((await readFile(join(pool.dir, '.cache', 'live-holds.log'), 'utf8')).split('\n').length).toBeGreaterThan(2);
    await cp(backup, join(pool.dir, 'shards'), { recursive: true });
    const { holds } = await (await open()).holdsGoneBack();
    expect(holds.map((h) => `${h.username} ${h.holder}`).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `user${String(i).padStart(6, '0')} ${i < 3 ? 'a' : i < 8 ? 'b' : 'c'}`));
  });

  it('the record read back from its appended log: a torn last line and a log left beside a newer record are no part of it', async () => {
    const cache = await testdir();
    const hold = (n: number, holder = 'east'): LiveHold => ({ username: `User${n}`, holder, at: '2026-01-01T00:00:00.000Z', until: '2999-01-01T00:00:00.000Z', prev: null });
    const record: LiveHolds = { stamps: { '0': 'a', '1': 'b' }, holds: new Map([['user1', hold(1)], ['user2', hold(2)]]) };
    const whole = await saveLiveHolds(cache, record);
    record.holds.set('user3', hold(3, 'west'));
    record.holds.delete('user1');
    const appended = await saveLiveHolds(cache, record, { stamps: { '1': 'c' }, all: false, set: [hold(3, 'west')], forget: ['user1'] }, whole);
    expect(appended!.seal).toBe(whole!.seal); // appended, not written whole
    await appendFile(join(cache, 'live-holds.log'), '0'.repeat(64) + ' {"h": [["User9"'); // a torn line
    const read = await loadLiveHolds(cache);
    expect([...read!.record.holds.keys()].sort()).toEqual(['user2', 'user3']);
    expect(read!.record.stamps).toEqual({ '0': 'a', '1': 'c' });
    expect(read!.clean).toBe(false);
    // The log of the record replaced: its lines sealed over the old record's seal are ignored.
    const log = await readFile(join(cache, 'live-holds.log'));
    // (with the commit its published holds were learned from: a git pool's HEAD, published-holds.ts)
    await saveLiveHolds(cache, { stamps: {}, holds: new Map([['user7', hold(7)]]), source: 'c0ffee' });
    await writeFile(join(cache, 'live-holds.log'), log);
    expect([...(await loadLiveHolds(cache))!.record.holds.keys()]).toEqual(['user7']);
    expect((await loadLiveHolds(cache))!.record.source).toBe('c0ffee');
  });

  it('a peer\'s hold learned before, free where HEAD\'s shards were read again, is ended; this host\'s own and the unread shards\' are kept', async () => {
    const hold = (name: string, holder: string): LiveHold => ({ username: name, holder, at: '2026-01-01T00:00:00.000Z', until: '2999-01-01T00:00:00.000Z', prev: null });
    const shardOf = (username: string) => username.slice(0, 1); // 'p…' read again, 'q…' not
    const first = learnHolds(undefined, [hold('pFreed', 'a'), hold('pKept', 'a'), hold('qOther', 'a')], 'c1').record;
    first.holds.set('pown', hold('pOwn', 'b')); // made here: maybe not committed yet, never ended by what HEAD shows
    // The flag that a hold was learned survives the record written and read back.
    const cache = await testdir();
    await saveLiveHolds(cache, first);
    const read = (await loadLiveHolds(cache))!.record;
    const { record } = learnHolds(read, [hold('pKept', 'a')], 'c2', ['p'], shardOf);
    expect([...record.holds.keys()].sort()).toEqual(['pkept', 'pown', 'qother']);
    // Not where HEAD dropped the commit that published it (a reset, a forced push): the caller keeps it.
    expect(learnHolds(read, [hold('pKept', 'a')], 'c2', ['p'], shardOf, new Set(['pfreed'])).record.holds.has('pfreed')).toBe(true);
    // Each learned hold keeps the source it was learned at, written and read back: a release is judged against it.
    expect(read.holds.get('pfreed')!.from).toBe('c1');
    expect(record.holds.get('pkept')!.from).toBe('c2'); // seen held again there
    // Every shard read (no commit learned from before): only the holds HEAD still has stay learned.
    expect([...learnHolds(read, [], 'c3').record.holds.keys()]).toEqual(['pown']);
  });
});
