// The merge driver: each rule of merge-accounts.ts on records, the shard texts it writes, and the
// real thing: git merging and rebasing shard files through `accountpool merge-driver`.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeAccount } from '../helpers/accounts.js';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { mergeAccounts, type MergeOptions } from '../../src/git/merge-accounts.js';
import { mergeShardTexts } from '../../src/git/merge-shard.js';
import { mergeHistoryTexts } from '../../src/git/merge-history.js';
import { decodeShard, encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { readConflicts } from '../../src/git/conflict-log.js';
import { FileError } from '../../src/errors.js';
import type { Account } from '../../src/model.js';
import { Pool } from '../../src/store/pool.js';
import { gitIn, makeGitPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

const NEWER: MergeOptions = { holds: 'newer' };
const T = (hour: number) => `2026-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`;

const base = makeAccount(1);
const held = (account: Account, holder: string, hour: number): Account => ({ ...account, holder, allocated_at: T(hour), held_until: T(hour + 12) });
const judged = (account: Account, state: Account['state'], hour: number): Account => ({ ...account, state, state_at: T(hour), available_at: T(hour + 1) });

function merge1(b: Account | undefined, o: Account | undefined, t: Account | undefined, options = NEWER) {
  const r = mergeAccounts(b ? [b] : [], o ? [o] : [], t ? [t] : [], options);
  return { account: r.accounts[0], count: r.accounts.length, conflicts: r.conflicts };
}

describe('merge rules, account by account', () => {
  it('keeps an account added on one side, on either side, and one added on both', () => {
    const a = makeAccount(2);
    const b = makeAccount(3);
    const r = mergeAccounts([base], [base, a], [base, b], NEWER);
    expect(r.accounts.map((x) => x.username)).toEqual([base.username, a.username, b.username]);
    expect(mergeAccounts([], [a], [a], NEWER).accounts).toEqual([a]);
  });

  it('takes a change made on one side only, whatever it is', () => {
    const theirs = { ...judged(base, 'blind', 9), level: 31 };
    expect(merge1(base, base, theirs).account).toEqual(theirs);
    expect(merge1(base, theirs, base).account).toEqual(theirs);
  });

  it('applies a hold from one side and a verdict from the other to the same account', () => {
    const { account } = merge1(base, held(base, 'east', 10), judged(base, 'temp_banned', 11));
    expect(account).toMatchObject({ holder: 'east', allocated_at: T(10), held_until: T(22), state: 'temp_banned', state_at: T(11), available_at: T(12) });
  });

  it('gives the hold (holder, held_until, allocated_at) to the newer allocation, as a whole', () => {
    const ours = held(base, 'east', 10);
    const theirs = { ...held(base, 'west', 11), held_until: T(12) };
    expect(merge1(base, ours, theirs).account).toMatchObject({ holder: 'west', allocated_at: T(11), held_until: T(12) });
    expect(merge1(base, theirs, ours).account).toMatchObject({ holder: 'west', allocated_at: T(11), held_until: T(12) });
    // a release (holder gone, allocated_at kept) against a newer allocation: the allocation wins
    const releasedOurs = { ...held(base, 'east', 8) };
    const b2 = held(base, 'east', 8);
    const { holder: _h, held_until: _u, ...released } = releasedOurs;
    expect(merge1(b2, released as Account, held(base, 'west', 9)).account).toMatchObject({ holder: 'west', allocated_at: T(9) });
  });

  it('gives the state to the newer verdict; the rest the older one began, unseen by the newer, still runs to its end (stop 67)', () => {
    const ours = judged(base, 'temp_banned', 10);
    const theirs = { ...judged(base, 'ok', 11) };
    delete theirs.available_at;
    const { account } = merge1(base, ours, theirs);
    expect(account).toMatchObject({ state: 'ok', state_at: T(11), available_at: T(11) });
    expect(merge1(base, theirs, ours).account).toMatchObject({ state: 'ok', state_at: T(11), available_at: T(11) });
    // A newer rest that ends later is the newer verdict's, whole.
    expect(merge1(base, ours, judged(base, 'warned', 12)).account).toMatchObject({ state: 'warned', state_at: T(12), available_at: T(13) });
  });

  it('judges hold and verdict separately: the newer allocation from one side, the newer verdict from the other', () => {
    const ours = judged(held(base, 'east', 10), 'blind', 9);
    const theirs = judged(held(base, 'west', 8), 'perm_banned', 11);
    expect(merge1(base, ours, theirs).account).toMatchObject({ holder: 'east', allocated_at: T(10), state: 'perm_banned', state_at: T(11) });
  });

  it('takes a password changed on one side only, even from the older record', () => {
    const ours = judged(held(base, 'east', 10), 'ok', 10);
    const theirs = { ...base, password: 'new-password' };
    const { account, conflicts } = merge1(base, ours, theirs);
    expect(account).toMatchObject({ password: 'new-password', holder: 'east' });
    expect(conflicts).toEqual([]);
  });

  it('keeps the newer record\'s password when both sides set different ones, and reports the other', () => {
    const ours = { ...held(base, 'east', 10), password: 'ours-pw' };
    const theirs = { ...judged(base, 'blind', 11), password: 'theirs-pw' };
    const r = merge1(base, ours, theirs);
    expect(r.account!.password).toBe('theirs-pw');
    expect(r.conflicts).toEqual([{ username: base.username, kept: 'theirs', other: 'ours-pw' }]);
    const swapped = merge1(base, theirs, ours);
    expect(swapped.account!.password).toBe('theirs-pw');
    expect(swapped.conflicts).toEqual([{ username: base.username, kept: 'ours', other: 'ours-pw' }]);
    // the same new password on both sides is no conflict
    expect(merge1(base, { ...ours, password: 'same' }, { ...theirs, password: 'same' }).conflicts).toEqual([]);
  });

  it('settles other fields changed on both sides from the newer record (the level: the higher, merge-fields.test.ts), and a one-sided one from its side', () => {
    const ours = { ...held(base, 'east', 10), provider: 'google' as const, level: 32 };
    const theirs = { ...judged(base, 'ok', 11), provider: 'ptc' as const, level: 31, note: 'hand-written' };
    expect(merge1({ ...base, provider: 'ptc', level: 30 }, ours, { ...theirs, provider: 'google', note: 'x' }).account).toMatchObject({ level: 32, provider: 'google', note: 'x', holder: 'east' });
    expect(merge1({ ...base, note: 'old' }, { ...ours, note: 'mine' }, theirs).account).toMatchObject({ level: 32, note: 'hand-written', holder: 'east' });
  });

  it('drops an account removed on one side and untouched on the other; keeps one that the other side changed', () => {
    expect(merge1(base, undefined, base).count).toBe(0);
    expect(merge1(base, base, undefined).count).toBe(0);
    const changed = held(base, 'east', 10);
    expect(merge1(base, undefined, changed).account).toEqual(changed);
  });

  it('of two hand-outs on two hosts keeps the published one, whichever is newer and whichever way git calls the driver, and names the other as lost', () => {
    const published = held(base, 'east', 10);
    const mine = held(base, 'west', 11); // dated later: a clock ahead, or a hand-out made later
    // a rebase: ours is the remote's; a merge (git pull): theirs is
    const rebased = mergeAccounts([base], [published], [mine], { holds: 'newer', published: 'ours' });
    const merged = mergeAccounts([base], [mine], [published], { holds: 'newer', published: 'theirs' });
    for (const r of [rebased, merged]) {
      expect(r.accounts[0]).toMatchObject({ holder: 'east', allocated_at: T(10), held_until: T(22) });
      expect(r.lost).toEqual([{ instance: 'west', username: base.username, holder: 'east', allocated_at: T(11) }]);
    }
    // a lease kept alive on one side (serve's update moves held_until) against a hand-out on the other
    const kept = held(base, 'east', 8);
    const runOn = { ...kept, held_until: T(30) };
    expect(mergeAccounts([kept], [runOn], [mine], { holds: 'newer', published: 'ours' })).toMatchObject({ accounts: [{ holder: 'east', held_until: T(30) }], lost: [{ instance: 'west' }] });
    expect(mergeAccounts([kept], [mine], [runOn], { holds: 'newer', published: 'ours' })).toMatchObject({ accounts: [{ holder: 'west' }], lost: [{ instance: 'east', holder: 'west' }] });
    // one hold run on by both sides is no loss: the later end
    expect(mergeAccounts([kept], [{ ...kept, held_until: T(25) }], [runOn], { holds: 'newer', published: 'ours' })).toMatchObject({ accounts: [{ holder: 'east', held_until: T(30) }], lost: [] });
    // a reservation for checking is no scanner's: not named
    expect(mergeAccounts([base], [published], [held(base, 'west (checking)', 11)], { holds: 'newer', published: 'ours' }).lost).toEqual([]);
    // a release still ends only the hold it saw, and keeps one the other side took since, published or not
    const { holder: _h, held_until: _u, ...released } = { ...kept, allocated_at: T(12) };
    expect(mergeAccounts([kept], [released as Account], [mine], { holds: 'newer', published: 'ours' }).accounts[0]).toMatchObject({ holder: 'west' });
  });

  it('keeps this host\'s live hand-out over a published lease that ended more than two days (the widest clock difference) before the merge; one that ended less long ago still stands', () => {
    const HOUR = 3_600_000;
    const published = held(base, 'east', 10); // ends T(22)
    const apart = 48 * HOUR;
    const at = (hoursAfterEnd: number) => ({ now: Date.parse(T(22)) + hoursAfterEnd * HOUR, apart });
    // mine: handed out 60 hours after the published lease began, a 12-hour lease, still running at the merge
    const mine = { ...base, holder: 'west', allocated_at: new Date(Date.parse(T(10)) + 60 * HOUR).toISOString(), held_until: new Date(Date.parse(T(10)) + 72 * HOUR).toISOString() };
    for (const published_ of ['ours', 'theirs'] as const) {
      const [o, t] = published_ === 'ours' ? [published, mine] : [mine, published];
      const merge = (hours: number) => mergeAccounts([base], [o], [t], { holds: 'newer', published: published_, clock: at(hours) });
      // 49 hours over: free on every host, whatever the clocks; mine stands and is no loss
      expect(merge(49), published_).toMatchObject({ accounts: [{ holder: 'west', allocated_at: mine.allocated_at }], lost: [] });
      // 47 hours over: a clock here up to two days ahead may judge it so while east's scanner uses it
      expect(merge(47), published_).toMatchObject({ accounts: [{ holder: 'east' }], lost: [{ instance: 'west', holder: 'east' }] });
      // mine over too at the merge: the published stands as ever
      expect(mergeAccounts([base], [o], [t], { holds: 'newer', published: published_, clock: { now: Date.parse(mine.held_until) + 1, apart } }).accounts[0]).toMatchObject({ holder: 'east' });
      // no clock given (a caller that does not time holds): the published stands
      expect(mergeAccounts([base], [o], [t], { holds: 'newer', published: published_ }).accounts[0]).toMatchObject({ holder: 'east' });
    }
  });

  it('with holds "ours" (a rebase after a lost push race) keeps the published hold even when it is older', () => {
    const published = held(base, 'east', 10);
    const mine = held(base, 'west', 11);
    expect(merge1(base, published, mine, { holds: 'ours' }).account).toMatchObject({ holder: 'east', allocated_at: T(10) });
    // ...and only the hold: the verdict still goes to the newer one
    expect(merge1(base, published, judged(mine, 'blind', 12), { holds: 'ours' }).account).toMatchObject({ holder: 'east', state: 'blind' });
  });
});

describe('merged shard text', () => {
  const line = (a: Account) => encodeAccountLine(a);
  const shard = (...accounts: Account[]) => encodeShard('3', accounts.map(line));

  it('is canonical, sorted, and has no conflict markers', () => {
    const a = makeAccount(5);
    const b = makeAccount(2);
    const c = makeAccount(9);
    const { text } = mergeShardTexts('3', 'shards/3.yaml', { base: shard(a), ours: shard(b, held(a, 'east', 10)), theirs: shard(judged(a, 'blind', 11), c) }, NEWER);
    const decoded = decodeShard('3', 'x', text);
    expect(decoded.canonical).toBe(true);
    expect(decoded.accounts.map((x) => x.username)).toEqual([b.username, a.username, c.username]);
    expect(decoded.accounts[1]).toMatchObject({ holder: 'east', state: 'blind' });
    expect(text).not.toMatch(/^(<{7}|={7}|>{7})/m);
  });

  it('reads a hand-edited (non-canonical YAML) version and writes canonical form', () => {
    const a = makeAccount(1);
    const handEdited = `${a.username}:\n  password: '${a.password.replace(/'/g, "''")}'\n  provider: ptc\n  level: 33\n  state: ok\n  added_at: '${a.added_at}'\n  seq: ${a.seq}\n  source: test.txt\n`;
    const { text } = mergeShardTexts('3', 'shards/3.yaml', { base: shard(a), ours: handEdited, theirs: shard(held(a, 'east', 10)) }, NEWER);
    expect(decodeShard('3', 'x', text).canonical).toBe(true);
    expect(decodeShard('3', 'x', text).accounts[0]).toMatchObject({ level: 33, holder: 'east' });
  });

  it('refuses a version that is not valid YAML, naming it (git then reports the file, no markers)', () => {
    expect(() => mergeShardTexts('3', 'shards/3.yaml', { base: '', ours: 'a: [unclosed\n', theirs: '' }, NEWER)).toThrow(FileError);
    expect(() => mergeShardTexts('3', 'shards/3.yaml', { base: '', ours: 'a: [unclosed\n', theirs: '' }, NEWER)).toThrow(/shards\/3\.yaml \(ours version\)/);
  });
});

describe('merged history text', () => {
  const line = (hour: number, what: string) => `${T(hour)} ${what} {}`;
  const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

  it('keeps the common lines once and every line each side appended, in time order, the same bytes whichever side is ours', () => {
    const base = text(line(1, 'import'), line(2, 'allocate'));
    const ours = text(line(1, 'import'), line(2, 'allocate'), line(3, 'verdict'), line(5, 'release'));
    const theirs = text(line(1, 'import'), line(2, 'allocate'), line(4, 'allocate'), line(5, 'expired'));
    const merged = mergeHistoryTexts({ base, ours, theirs });
    expect(merged).toBe(text(line(1, 'import'), line(2, 'allocate'), line(3, 'verdict'), line(4, 'allocate'), line(5, 'expired'), line(5, 'release')));
    expect(mergeHistoryTexts({ base, ours: theirs, theirs: ours })).toBe(merged);
  });

  it('counts lines: the same event appended on both sides stays twice; a line one side removed is kept; a file new on both sides is their union', () => {
    const same = line(3, 'allocate');
    expect(mergeHistoryTexts({ base: text(line(1, 'a')), ours: text(line(1, 'a'), same), theirs: text(line(1, 'a'), same) })).toBe(text(line(1, 'a'), same, same));
    expect(mergeHistoryTexts({ base: text(line(1, 'a'), line(2, 'b')), ours: text(line(2, 'b')), theirs: text(line(1, 'a'), line(2, 'b'), line(3, 'c')) })).toBe(
      text(line(1, 'a'), line(2, 'b'), line(3, 'c')),
    );
    expect(mergeHistoryTexts({ base: '', ours: text(line(2, 'x')), theirs: text(line(1, 'y')) })).toBe(text(line(1, 'y'), line(2, 'x')));
  });
});

describe('accountpool merge-driver under git', () => {
  /** verify's findings, except file modes: raw git checks files out with the umask's mode (accountpool sync tightens them). */
  async function soundButForModes(args: string[]): Promise<string[]> {
    const report = JSON.parse((await cli(['verify', '--json', ...args])).stdout) as { findings: { problem: string }[] };
    return report.findings.map((f) => f.problem).filter((p) => !p.includes('mode'));
  }

  /** Two branches of one git pool, each changing the same accounts; returns the pool and its shard of user000001. */
  async function diverged() {
    const pool = await makeGitPool(2);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 20 }, (_, i) => `user${i}:pw-${i}`).join('\n'));
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    await gitIn(pool.dir, 'checkout', '-q', '-b', 'other');
    return pool;
  }

  it('merges a shard changed on both branches: both changes kept, no markers, canonical', async () => {
    const pool = await diverged();
    expect((await cli(['mark', 'user1', 'user2', '--verdict', 'temp_banned', ...pool.args])).code).toBe(0);
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    expect((await cli(['allocate', '--count', '20', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    await gitIn(pool.dir, 'merge', '-q', '--no-edit', 'other');
    expect(await soundButForModes(pool.args)).toEqual([]);
    const snapshot = await (await Pool.open(pool.dir)).read();
    expect(snapshot.get('user1')).toMatchObject({ state: 'temp_banned', holder: 'east' });
    expect(snapshot.get('user3')).toMatchObject({ state: 'ok', holder: 'east' });
    for (const file of ['0.yaml', '1.yaml']) expect(await readFile(join(pool.dir, 'shards', file), 'utf8')).not.toMatch(/^(<{7}|={7}|>{7})/m);
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toBe('');
    // Both branches appended to the month's history file: the merge holds both sides' events, in time order.
    const history = (await (await Pool.open(pool.dir)).readHistory()).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(history.map((l) => l.split(' ')[1])).toEqual(['import', 'verdict', 'verdict', 'allocate']);
    expect([...history].sort()).toEqual(history);
  });

  it('records different passwords set on both branches in .git, never in its output', async () => {
    const pool = await diverged();
    const dump = (name: string, password: string) => {
      const file = join(pool.base, name);
      return writeFile(file, `user4:${password}\n`).then(() => file);
    };
    expect((await cli(['import', await dump('a.txt', 'Branch-Other-Secret'), ...pool.args])).code).toBe(0);
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    expect((await cli(['import', await dump('b.txt', 'Branch-Main-Secret'), ...pool.args])).code).toBe(0);
    const out = await new Promise<string>((resolve) =>
      // through the real driver process: its stderr is in git's
      import('node:child_process').then(({ execFile }) =>
        execFile('git', ['merge', '--no-edit', 'other'], { cwd: pool.dir, env: process.env }, (_e, stdout, stderr) => resolve(stdout + stderr)),
      ),
    );
    expect(out).toContain('different passwords were set on both sides for user4');
    expect(out).not.toContain('Secret');
    const conflicts = await readConflicts(pool.dir);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ username: 'user4', file: expect.stringMatching(/^shards\/\d\.yaml$/) });
    const password = (await (await Pool.open(pool.dir)).read()).get('user4')!.password;
    expect([password, conflicts[0]!.other_password].sort()).toEqual(['Branch-Main-Secret', 'Branch-Other-Secret']);
    expect(await soundButForModes(pool.args)).toEqual([]);
  });

  it('leaves a shard that is not valid YAML to git as a conflict, without writing markers into it', async () => {
    const pool = await diverged();
    const shard = join(pool.dir, 'shards', '0.yaml');
    await writeFile(shard, 'broken: [unclosed\n');
    await gitIn(pool.dir, 'commit', '-qam', 'break shard 0');
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    expect((await cli(['allocate', '--count', '20', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    await expect(gitIn(pool.dir, 'merge', '--no-edit', 'other')).rejects.toThrow(/merge-driver: shards\/0\.yaml \(theirs version\):2/);
    expect(await gitIn(pool.dir, 'diff', '--name-only', '--diff-filter=U')).toBe('shards/0.yaml\n');
    expect(await readFile(shard, 'utf8')).not.toMatch(/^(<{7}|={7}|>{7})/m);
  });

  it('merges the record of the shards line by line: both branches import into the same shards, no conflict, the next write counts again', async () => {
    const pool = await diverged();
    const imported = async (name: string, prefix: string, count: number) => {
      const file = join(pool.base, name);
      await writeFile(file, Array.from({ length: count }, (_, i) => `${prefix}${i}:pw-${prefix}${i}`).join('\n'));
      expect((await cli(['import', file, '--level', '30', ...pool.args])).code).toBe(0);
    };
    await imported('other.txt', 'oth', 6);
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    await imported('main.txt', 'mai', 9);
    await gitIn(pool.dir, 'merge', '-q', '--no-edit', 'other');
    const manifest = await readFile(join(pool.dir, 'shards', '.manifest'), 'utf8');
    expect(manifest).not.toMatch(/^(<{7}|={7}|>{7})/m);
    expect(manifest).toMatch(/^\d \?$/m); // both branches added to some shard: counted again by the next write
    expect(await soundButForModes(pool.args)).toEqual([]);
    expect((await cli(['mark', 'user1', '--verdict', 'blind', ...pool.args])).code).toBe(0);
    expect(await readFile(join(pool.dir, 'shards', '.manifest'), 'utf8')).not.toMatch(/^\d \?$/m);
    expect(await soundButForModes(pool.args)).toEqual([]);
    expect((await (await Pool.open(pool.dir)).read()).size).toBe(35);
  });

  it('does not merge a version holding one account under two spellings: git reports the file as conflicted', async () => {
    const pool = await diverged();
    const shard = join(pool.dir, 'shards', '0.yaml');
    const first = (await readFile(shard, 'utf8')).split('\n')[1]!;
    const username = JSON.parse(first.split(': {')[0]!) as string;
    await writeFile(shard, `${await readFile(shard, 'utf8')}${first.replace(`"${username}"`, `"${username.toUpperCase()}"`)}\n`);
    await gitIn(pool.dir, 'commit', '-qam', 'a case variant by hand');
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    expect((await cli(['allocate', '--count', '20', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    await expect(gitIn(pool.dir, 'merge', '--no-edit', 'other')).rejects.toThrow(/shards\/0\.yaml \(theirs version\):\d+: the account of line 2 again/);
    expect(await gitIn(pool.dir, 'diff', '--name-only', '--diff-filter=U')).toBe('shards/0.yaml\n');
  });

  it('tells, naming the merged lines, of a second spelling and a look-alike name the merge brought in; keeps every line', async () => {
    const pool = await makeGitPool(1); // one shard: both branches change it, so git runs the driver
    const importOne = async (line: string) => {
      const file = join(pool.base, 'one.csv');
      await writeFile(file, `${line}\n`);
      expect((await cli(['import', file, '--level', '30', ...pool.args])).code).toBe(0);
    };
    await importOne('ptc,ash01,pw-a');
    await gitIn(pool.dir, 'checkout', '-q', '-b', 'other');
    await importOne('google,John.Doe@gmail.com,pw-other');
    // A name with a Cyrillic а, written as another host's older version would have: the import refuses it.
    const shard = join(pool.dir, 'shards', '0.yaml');
    const ash = (await readFile(shard, 'utf8')).split('\n').find((l) => l.startsWith('"ash01"'))!;
    await writeFile(shard, `${await readFile(shard, 'utf8')}${ash.replace('"ash01"', '"b\u0430sh02"')}\n`);
    await gitIn(pool.dir, 'commit', '-qam', 'by hand');
    await gitIn(pool.dir, 'checkout', '-q', 'main');
    await importOne('google,johndoe@gmail.com,pw-main');
    const out = await new Promise<string>((resolve) =>
      import('node:child_process').then(({ execFile }) => execFile('git', ['merge', '--no-edit', 'other'], { cwd: pool.dir, env: process.env }, (_e, stdout, stderr) => resolve(stdout + stderr))),
    );
    const lines = (await readFile(shard, 'utf8')).split('\n');
    const lineOf = (name: string) => lines.findIndex((l) => l.startsWith(`"${name}"`)) + 1;
    expect(lineOf('John.Doe@gmail.com') * lineOf('johndoe@gmail.com') * lineOf('b\u0430sh02')).toBeGreaterThan(0); // every line kept
    expect(out).toContain(`warning: shards/0.yaml:${lineOf('John.Doe@gmail.com')}: account John.Doe@gmail.com is another spelling of johndoe@gmail.com on line ${lineOf('johndoe@gmail.com')} (one account: Gmail reads dots`);
    expect(out).toMatch(new RegExp(`warning: shards/0\\.yaml:${lineOf('b\u0430sh02')}: account b\u0430sh02: .*U\\+0430`));
    expect(out).not.toMatch(/pw-/);
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toBe('');
  });

  it('is a usage error without three files', async () => {
    const dir = await testdir();
    expect((await cli(['merge-driver', 'a', 'b'], { cwd: dir })).code).toBe(2);
  });
});

describe("the driver's pending lost leases (src/git/hand-run-losses.ts)", () => {
  it('a line a hand-run git appends while they are recorded is recorded too (then or by the next recording), never removed unread', async () => {
    const { makePool } = await import('../helpers/pool.js');
    const { mkdir } = await import('node:fs/promises');
    const { appendPendingLosses } = await import('../../src/git/pending-losses.js');
    const { recordPendingLosses } = await import('../../src/git/hand-run-losses.js');
    const { lostHoldLine } = await import('../../src/git/lost-holds.js');
    const pool = await makePool(2);
    await mkdir(join(pool.dir, '.git'), { mode: 0o700 });
    const line = (username: string) => lostHoldLine({ instance: 'b', username, holder: 'a', allocated_at: T(1) });
    await appendPendingLosses(pool.dir, [line('first01')]);
    const opened = await pool.open();
    // The recording looks its accounts up (Pool.lookUp, a paged read: stop 53 Y2), no whole read.
    const lookUp = opened.lookUp.bind(opened);
    let appended = false;
    // A merge driver of an operator's git pull appends while the recording reads the pool.
    opened.lookUp = (async (...args: Parameters<typeof lookUp>) => {
      if (!appended) await appendPendingLosses(pool.dir, [line('second02')]);
      appended = true;
      return lookUp(...args);
    }) as typeof lookUp;
    // Each recorded once, by this recording or the next (until stop 51 R the second was removed unread).
    const recorded = [...(await recordPendingLosses(opened, 'pending', undefined)), ...(await recordPendingLosses(opened, 'pending', undefined))];
    expect(appended).toBe(true);
    expect(recorded.map((l) => l.username)).toEqual(['first01', 'second02']);
    expect(await recordPendingLosses(opened, 'pending', undefined)).toEqual([]);
  });
});
