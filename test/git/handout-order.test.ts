// Two hosts hand out the same account before either synced: the hand-out already on the remote
// keeps it, whichever clock is ahead, and the host whose later sync replays its own hand-out
// learns that it lost it (src/account-merge.ts, src/git/lost-holds.ts).
//
// Until stop 48 the merge kept the newer `allocated_at`: a host whose clock ran a few minutes
// ahead (under the 5 minutes at which hosts name a clock) won with a plain `allocate` made a
// minute before the other host's `allocate --sync` lease, and dropped that lease from the pool
// while the other host's scanner used the account: two scanners, one recorded holder.
// Clocks are injected (the CLI's clock) in this process: git's commit dates stay true, as they
// do for a clock a few minutes off.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { waitFor } from '../helpers/testdir.js';
import { underPoolLock } from '../../src/git/pool-lock.js';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { execFileVia } from '../helpers/spawner.js';
import { Pool } from '../../src/store/pool.js';
import { GIT_ENV, checkHistory, copyOfState, gitIn, keepState, openCommitting, sharedPool, useGitEnv, usernames } from './helpers.js';
import { shared } from './clock-helpers.js';
import { editLine } from '../helpers/pool.js';
import { shellWord } from '../../src/shell-word.js';

beforeAll(useGitEnv);

const MINUTE = 60_000;
/**
 * Two shards, not the git files' usual four: git runs the merge driver (a node process) once per
 * shard changed on both sides of every commit a rebase, pull or cherry-pick replays, and the
 * hand-outs here touch every shard (with the history file, five drivers a replayed commit in four
 * shards, three in two: ~0.4 s of CPU less for each of the file's ~12). Two, not one: the accounts
 * both hosts handed out then lie in both shards, so the lost leases a hand-run git's hook records
 * come from two drivers' lines (asserted where the hooks are tested).
 */
const SHARDS = 2;
/** Under the 5 minutes at which the hosts' syncs name a clock: nothing warns of it. */
const AHEAD = 3;

/**
 * What three tests start from, made once for the file (two allocates, one a sync: ~20 git
 * processes, seconds at load 20) and copied for each: host b's clock AHEAD minutes ahead, its
 * plain allocate of 8 a minute before host a's `allocate --sync` of 5 in true time. The copy is
 * the whole folder (both hosts, the remote, the accounts files): the hosts reach the remote by a
 * relative path (test/git/helpers.ts).
 */
/** `made`: the folder the hand-outs were made in (the copies' hosts recorded its accounts files' paths). */
let handedOut: { dir: string; start: number; made: string } | undefined;
beforeAll(async () => {
  const { base, clones } = await sharedPool(2, 30, SHARDS);
  const [a, b] = clones as [string, string];
  const start = Date.now();
  const at = (minutes: number) => () => new Date(start + minutes * MINUTE);
  const plain = await cli(['allocate', '--count', '8', '--no-check', '--accountcsv', join(base, 'b.csv'), '--instance', 'b', '--pool', b], { clock: at(AHEAD - 1) });
  expect(plain.code, plain.stderr).toBe(0);
  const synced = await cli(['allocate', '--sync', '--count', '5', '--no-check', '--accountcsv', join(base, 'a.csv'), '--instance', 'a', '--pool', a], { clock: at(0) });
  expect(synced.code, synced.stderr).toBe(0);
  handedOut = { dir: await keepState(base), start, made: base };
  // Then b's sync a minute later (AHEAD + 1 by its clock), which loses the 5: two tests go on from there.
  const lost = await cli(['sync', '--pool', b], { clock: at(AHEAD + 1) });
  expect(lost.code, lost.stderr).toBe(4);
  bSynced = { dir: await keepState(base), stderr: lost.stderr, stdout: lost.stdout };
}, 120_000); // a bound on a hang

/** `handedOut` after b's sync (exit 4, made in `handedOut.made`): the folder kept, and what the sync said. */
let bSynced: { dir: string; stderr: string; stdout: string } | undefined;

/** A copy of `handedOut` (or of `bSynced`) for one test: its folder, hosts a and b, and the clock's start. */
async function afterHandOut(synced = false): Promise<{ base: string; a: string; b: string; remote: string; start: number; made: string }> {
  const base = await copyOfState(synced ? bSynced!.dir : handedOut!.dir);
  return { base, a: join(base, 'host0'), b: join(base, 'host1'), remote: join(base, 'remote.git'), start: handedOut!.start, made: handedOut!.made };
}

async function holdersOn(dir: string, names: readonly string[]): Promise<(string | undefined)[]> {
  const snapshot = await (await Pool.open(dir)).read();
  return names.map((name) => snapshot.get(name)?.holder);
}

// Both orders of sync and both clocks ahead (the clones are alike: a first with a ahead is b first with b ahead).
describe.each([
  { first: 'a', ahead: 'b' },
  { first: 'b', ahead: 'b' },
])('host $first publishes its hand-out first, host $ahead\'s clock is 3 minutes ahead', ({ first, ahead }) => {
  it('keeps the published lease on both hosts; the other host\'s sync names the instance and accounts it lost; one holder each in the remote\'s history', async () => {
    // a first with b ahead is the file's hand-out, b's sync made (afterHandOut(true)); the other case makes its own
    const handed = first === 'a' ? await afterHandOut(true) : undefined;
    const { base, remote, clones } = handed ? { base: handed.base, remote: handed.remote, clones: [handed.a, handed.b] } : await sharedPool(2, 30, SHARDS);
    const dirs = { a: clones[0]!, b: clones[1]! };
    const second = first === 'a' ? 'b' : 'a';
    const start = handed?.start ?? Date.now();
    const clock = (host: string, minutes: number) => () => new Date(start + (minutes + (host === ahead ? AHEAD : 0)) * MINUTE);
    const run = async (host: string, minutes: number, ...args: string[]) => {
      const result = await cli([...args, '--pool', dirs[host as 'a' | 'b']], { clock: clock(host, minutes) });
      // A sync that took leases exits 4 (a cron job sees it); every other run here succeeds.
      expect(result.code, result.stderr).toBe(args[0] === 'sync' && host === second ? 4 : 0);
      return result;
    };
    const file = (host: string) => join(base, `${host}.csv`);

    // The second host's plain allocate comes a minute before the first host's allocate --sync, in true time.
    if (!handed) {
      await run(second, -1, 'allocate', '--count', '8', '--no-check', '--accountcsv', file(second), '--instance', second);
      await run(first, 0, 'allocate', '--sync', '--count', '5', '--no-check', '--accountcsv', file(first), '--instance', first);
    }
    const [mine, theirs] = [await usernames(file(second)), await usernames(file(first))];
    const both = shared(mine, theirs);
    expect(both).toHaveLength(5);

    // b's sync at minute 1 + AHEAD by its clock: the file's (bSynced), or made here
    const synced = handed ? bSynced! : await run(second, 1, 'sync');
    await run(first, 2, 'sync');

    for (const dir of Object.values(dirs)) {
      expect(await holdersOn(dir, both)).toEqual(both.map(() => first));
      // the second host's other accounts are still its own
      expect(await holdersOn(dir, mine.filter((u) => !both.includes(u)))).toEqual([second, second, second]);
    }
    // No account ever passed from one holder straight to another on the remote.
    await checkHistory(remote);
    // The loser is told, by instance and username only.
    expect(synced.stderr).toContain(`lost lease: instance ${second} no longer holds ${both.length} accounts another host handed out first (${[...both].sort().join(', ')})`);
    // The accounts file a plain allocate wrote still lists them: the exact command to refresh it,
    // from this host's record of that allocate (the file it was given, its count and options).
    const written = join(handed?.made ?? base, `${second}.csv`);
    // (the file's sync ran in handedOut.made, where the copies were taken: its pool is that folder's b)
    const syncedPool = handed ? join(handed.made, 'host1') : dirs[second as 'a' | 'b'];
    expect(synced.stderr).toContain(`its accounts file ${written} (its last allocate here) still lists them: refresh it with \`accountpool allocate --sync --instance ${second} --accountcsv ${shellWord(written)} --count 8 --no-check --pool ${shellWord(syncedPool)}\`, then restart the scanner`);
    expect(synced.stderr + synced.stdout).not.toMatch(/Secret-/);
  }, 90_000); // a bound on a hang
});

describe('allocate --sync on the host that lost a lease', () => {
  it('writes an accounts file without the lost accounts, replacing them, and names them', async () => {
    // b's clock ahead: its plain allocate (8) looks newer than a's published lease (5 of the same accounts).
    const { base, a, b, start } = await afterHandOut();
    const at = (minutes: number) => () => new Date(start + minutes * MINUTE);
    const [fileA, fileB] = [join(base, 'a.csv'), join(base, 'b.csv')];
    const lost = shared(await usernames(fileB), await usernames(fileA));
    expect(lost).toHaveLength(5);

    const again = await cli(['allocate', '--sync', '--count', '8', '--no-check', '--accountcsv', fileB, '--instance', 'b', '--pool', b], { clock: at(AHEAD + 1) });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`lost lease: instance b no longer holds 5 accounts another host handed out first (${[...lost].sort().join(', ')})`);
    const now = await usernames(fileB);
    expect(now).toHaveLength(8);
    expect(shared(now, await usernames(fileA))).toEqual([]);
    expect(await holdersOn(b, lost)).toEqual(lost.map(() => 'a'));
    // its file written anew, the instance's lost leases are over: status names none
    expect((await cli(['status', '--pool', b], { clock: at(AHEAD + 1) })).stdout).not.toContain('lost lease');
  }, 90_000); // a bound on a hang
});

describe('status on the host whose sync lost leases', () => {
  it('names the instance and the accounts it lost, with the exact command, after the sync and until the operator acts (--ack-lost, release)', async () => {
    const { base, a, b, start, made } = await afterHandOut(true); // b's sync made, exit 4
    const at = () => new Date(start + (AHEAD + 1) * MINUTE);
    const lost = shared(await usernames(join(base, 'b.csv')), await usernames(join(base, 'a.csv'))).sort();
    expect(lost).toHaveLength(5);

    const refresh = `accountpool allocate --sync --instance b --accountcsv ${shellWord(join(made, 'b.csv'))} --count 8 --no-check --pool ${shellWord(b)}`;
    const status = await cli(['status', '--pool', b], { clock: at });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`lost lease: instance b no longer holds 5 accounts another host handed out first (${lost.join(', ')}): `);
    expect(status.stdout).toContain(`refresh it with \`${refresh}\``);
    expect(status.stdout).toContain(`\`accountpool status --ack-lost b --pool ${shellWord(b)}\` clears this line`);
    const json = await cli(['status', '--json', '--pool', b], { clock: at });
    expect(status.stdout).toContain(`Seen by the sync of ${at().toISOString()}; `);
    expect(JSON.parse(json.stdout).lostLeases).toEqual([{ instance: 'b', usernames: lost, since: at().toISOString(), seenBy: 'sync', accountsFile: join(made, 'b.csv'), refresh }]);
    expect(status.stdout + json.stdout + status.stderr).not.toMatch(/Secret-/);
    // the host that kept them lost nothing
    expect((await cli(['status', '--pool', a], { clock: at })).stdout).not.toContain('lost lease');

    // What a sync notes is checked against the pool: a hold the pool still has (a sync undone) was not lost.
    const { noteLostLeases } = await import('../../src/git/lost-lease-record.js');
    const pool = await openCommitting(b, { clock: at });
    const kept = [...(await pool.read()).accounts()].find((x) => x.holder === 'b')!;
    await noteLostLeases(pool, [{ instance: 'b', username: kept.username, holder: 'a', allocated_at: kept.allocated_at }]);
    expect(JSON.parse((await cli(['status', '--json', '--pool', b], { clock: at })).stdout).lostLeases[0].usernames).toEqual(lost);

    const ack = await cli(['status', '--ack-lost', 'b', '--pool', b], { clock: at });
    expect(ack.stderr).toContain('no longer naming the 5 accounts instance b lost');
    expect(ack.stdout).not.toContain('lost lease');
    // noted again (as a sync would), then the instance released: its scanner stopped, nothing to name
    await noteLostLeases(pool, lost.map((username) => ({ instance: 'b', username, holder: 'a', allocated_at: 'a hand-out the pool no longer has' })));
    expect((await cli(['status', '--pool', b], { clock: at })).stdout).toContain('lost lease: instance b');
    expect((await cli(['release', '--instance', 'b', '--pool', b], { clock: at })).code).toBe(0);
    expect((await cli(['status', '--pool', b], { clock: at })).stdout).not.toContain('lost lease');
  }, 90_000); // a bound on a hang
});

/**
 * A pre-receive hook in the bare `remote` that lets the first push through and then runs `then`
 * (exit 1: the push refused). On the remote's side: no hook of the pushing host runs under the
 * pool's own git (run-git.ts NO_HOOKS; until stop 59 these were b's pre-push hooks). `then` runs
 * outside the remote's repository (the variables git sets for a hook removed).
 */
async function preReceive(remote: string, marker: string, then: string): Promise<void> {
  await writeFile(join(remote, 'hooks', 'pre-receive'), `#!/bin/sh\n[ -e '${marker}' ] || { touch '${marker}'; exit 0; }\nunset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES\n${then}\n`, { mode: 0o755 });
}

describe('the records after a sync or allocate --sync that failed once it had changed the pool', () => {
  it('a sync that rebased, then found the remote moved again and gave up: its lost leases are recorded for status', async () => {
    // The race lost at the push (src/git/sync.ts): b's rebase took a's published holds over b's,
    // then a's host moved the remote again before b's push (b's pre-push hook, as a peer racing),
    // and the last attempt failed. The pool as it stands has a's holds: b's leases are lost.
    const { base, a, b, remote, start } = await afterHandOut();
    const at = () => new Date(start + (AHEAD + 1) * MINUTE);
    const lost = shared(await usernames(join(base, 'b.csv')), await usernames(join(base, 'a.csv'))).sort();
    // b's push received, its ref not yet moved: a's host pushes meanwhile (the marker lets a's own push through).
    const marker = join(base, 'peer-moved');
    await writeFile(join(remote, 'hooks', 'pre-receive'), `#!/bin/sh\n[ -e '${marker}' ] && exit 0\ntouch '${marker}'\nunset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES\ngit -C '${a}' commit --quiet --allow-empty -m 'the peer moves again' && git -C '${a}' push --quiet\n`, { mode: 0o755 });
    const { sync } = await import('../../src/git/sync.js');
    await expect(sync(await openCommitting(b, { clock: at }), { attempts: 1 })).rejects.toThrow(/another host pushed first 1 time in a row/);
    const { lostLeases } = await import('../../src/git/lost-lease-record.js');
    expect((await lostLeases(b)).map((l) => `${l.instance} ${l.username} ${l.holder}`).sort()).toEqual(lost.map((u) => `b ${u} a`));
    expect(await holdersOn(b, lost)).toEqual(lost.map(() => 'a'));
    expect((await cli(['status', '--pool', b], { clock: at })).stdout).toContain(`lost lease: instance b no longer holds 5 accounts another host handed out first (${lost.join(', ')})`);
  }, 90_000); // a bound on a hang

  it('an allocate --sync that wrote the accounts file and could not publish it (exit 1): the records say what the file lists', async () => {
    // b's first sync (pushed) loses the 5 accounts a published first and records them; the
    // allocation then writes b's file anew without them, and its push is refused. The file the
    // scanner would read lists none of the 5: status names none, and b's last allocate is recorded.
    const { base, b, remote, start } = await afterHandOut();
    const at = () => new Date(start + (AHEAD + 1) * MINUTE);
    const fileB = join(base, 'b.csv');
    // The remote then gone for good (moved away as it refuses): no other host's race to retry, the sync stops at once.
    await preReceive(remote, join(base, 'pushed-once'), `mv '${remote}' '${remote}.gone'; echo 'refused by the remote' >&2; exit 1`);
    const result = await cli(['allocate', '--sync', '--count', '6', '--no-check', '--accountcsv', fileB, '--instance', 'b', '--pool', b], { clock: at });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`the allocation is saved here (${fileB} written) but could not be published`);
    expect(result.stderr).toContain('lost lease: instance b no longer holds 5 accounts');
    expect(await usernames(fileB)).toHaveLength(6);
    expect((await cli(['status', '--pool', b], { clock: at })).stdout).not.toContain('lost lease');
    const { lastAllocations } = await import('../../src/git/last-allocations.js');
    expect((await lastAllocations(b)).get('b')).toMatchObject({ file: fileB, count: 6, checker: 'none' });
  }, 90_000); // a bound on a hang
});

describe('a published lease over for more than two days when the sync merges', () => {
  it('gives way to this host\'s live hand-out of the account: no lost lease, exit 0, the hand-out published', async () => {
    // Host a's allocate --sync now; host b, offline since, hands out the same accounts 3 days
    // later (its clock, injected: the sync hands it to the merge driver) and then syncs. a's
    // lease (12 h) ended 2.5 days before: over on every clock within the two days holds are timed for.
    const { base, clones } = await sharedPool(2, 30, SHARDS);
    const [a, b] = clones as [string, string];
    const later = () => new Date(Date.now() + 72 * 60 * MINUTE);
    const synced = await cli(['allocate', '--sync', '--count', '5', '--no-check', '--accountcsv', join(base, 'a.csv'), '--instance', 'a', '--pool', a]);
    expect(synced.code, synced.stderr).toBe(0);
    const plain = await cli(['allocate', '--count', '8', '--no-check', '--accountcsv', join(base, 'b.csv'), '--instance', 'b', '--pool', b], { clock: later });
    expect(plain.code, plain.stderr).toBe(0);
    const both = shared(await usernames(join(base, 'b.csv')), await usernames(join(base, 'a.csv')));
    expect(both).toHaveLength(5);

    const sync = await cli(['sync', '--pool', b], { clock: later });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).not.toContain('lost lease');
    expect(sync.stdout).toContain('1 commit pulled, 1 pushed');
    expect(await holdersOn(b, both)).toEqual(both.map(() => 'b'));
    // and that is what b pushed: the remote's branch is b's HEAD
    expect(await gitIn(b, 'rev-parse', 'HEAD')).toBe(await gitIn(join(base, 'remote.git'), 'rev-parse', 'main'));
  }, 90_000); // a bound on a hang
});

/** A hand-run git in `cwd` (started by the worker's spawner, as gitIn's): its stderr, where git passes the merge driver's lines on. */
function gitStderr(cwd: string, ...args: string[]): Promise<string> {
  return gitStderrWith({}, cwd, ...args);
}

/** gitStderr with `env` added: the operator's git at a time of its own (ACCOUNTPOOL_MERGE_NOW, the driver's clock). */
function gitStderrWith(env: Record<string, string>, cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFileVia('git', args, { cwd, env: { ...process.env, ...GIT_ENV, ...env } }, (error, _stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stderr))),
  );
}

describe('a hand-run git pull on the host that handed out second', () => {
  it('keeps the remote\'s lease merging (theirs is the remote) and rebasing (ours is): the driver names the lease lost either way; the merging pull\'s post-merge hook, run while a command holds the pool lock, waits for it, then records', async () => {
    // b's clock ahead, its hand-out a minute before a's in true time: the 5 accounts both handed out
    const { base, b, made } = await afterHandOut();
    const names = shared(await usernames(join(base, 'b.csv')), await usernames(join(base, 'a.csv')));
    expect(names).toHaveLength(5);
    // in both shards: each pull's and pick's lost leases come from two merge drivers, recorded as one
    const bPool = await Pool.open(b);
    expect(new Set(names.map((u) => bPool.shardNameOf(u))).size).toBe(SHARDS);
    const mine = await gitIn(b, 'rev-parse', 'HEAD');
    for (const [pull, hook, words] of [
      [['pull', '--no-rebase', '--no-edit'], 'post-merge', 'after a hand-run git pull or merge (recorded by its post-merge hook)'],
      [['pull', '--rebase'], 'post-rewrite', 'after a hand-run git rebase or pull --rebase (recorded by its post-rewrite hook)'],
    ] as const) {
      await gitIn(b, 'reset', '--quiet', '--hard', mine.trim());
      // The merging pull runs while an accountpool command holds the pool lock: its hook waits.
      const told = hook === 'post-merge' ? await pullUnderPoolLock(b, pull) : await gitStderr(b, ...pull);
      expect(await holdersOn(b, names), pull.join(' ')).toEqual(names.map(() => 'a'));
      for (const username of names) expect(told).toContain(`accountpool merge-driver: lost lease: {"instance":"b","username":"${username}","holder":"a",`);
      // The hook init --git installed (post-merge; post-rewrite for the rebase: src/git/git-hooks.ts)
      // recorded them once git was done, as sync does: status names them until the operator acts,
      // with the command that refreshes b's file (its last allocate here), and nothing is left pending.
      expect(told, pull.join(' ')).toContain(`accountpool: warning: lost lease: instance b no longer holds 5 accounts another host handed out first (${[...names].sort().join(', ')}): its scanner may still be using them, and its accounts file ${join(made, 'b.csv')} (its last allocate here) still lists them`);
      const status = await cli(['status', '--json', '--pool', b]);
      expect(JSON.parse(status.stdout).lostLeases, pull.join(' ')).toMatchObject([{ instance: 'b', usernames: [...names].sort(), seenBy: hook, accountsFile: join(made, 'b.csv') }]);
      // Worded as what ran (until stop 52 "Seen by the sync of", where no sync ran).
      expect((await cli(['status', '--pool', b])).stdout, pull.join(' ')).toMatch(new RegExp(`Seen at \\S+Z, ${words.replace(/[()]/g, '\\$&')}; `));
      await expect(stat(join(b, '.git', 'accountpool-lost-pending.log'))).rejects.toThrow();
      expect((await cli(['status', '--ack-lost', 'b', '--pool', b])).code).toBe(0); // the next pull records them anew
    }
    // A hand-run cherry-pick either way round (git sets no GIT_REFLOG_ACTION for it): b's own
    // commit onto the remote's branch (ours published), and a's commit onto b's unpublished work
    // (theirs published: until stop 48 taken as ours, b's hand-out kept over a's published lease).
    // git runs neither hook for a cherry-pick: its lines wait in .git until a later git or sync
    // records them. Each pick's are recorded one way (until stop 54 a third pick made the first's
    // again: each pick is a commit replayed through two shards' drivers and the history's).
    const theirs = (await gitIn(b, 'rev-parse', '@{u}')).trim();
    const pending = join(b, '.git', 'accountpool-lost-pending.log');
    const pick = async (at: string, commit: string) => {
      await gitIn(b, 'reset', '--quiet', '--hard', at);
      const told = await gitStderr(b, 'cherry-pick', commit);
      expect(await holdersOn(b, names), `cherry-pick onto ${at === theirs ? 'the remote' : 'b'}`).toEqual(names.map(() => 'a'));
      expect(told).toContain('accountpool merge-driver: lost lease: {"instance":"b"');
      await stat(pending);
    };
    await pick(theirs, mine.trim());
    // Recorded by the next hand-run git whose hook runs (a fast-forward merge here): its ORIG_HEAD
    // has the accounts held by a already, lost by the cherry-pick before it (until stop 51 R left
    // out as given back: no hold of b's there), and so recorded.
    await gitIn(b, 'reset', '--quiet', '--hard', theirs);
    await gitIn(b, 'commit', '--quiet', '--allow-empty', '-m', 'later');
    const later = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
    await gitIn(b, 'reset', '--quiet', '--hard', theirs);
    expect(await gitStderr(b, 'merge', '--ff-only', later)).toContain('accountpool: warning: lost lease: instance b no longer holds 5 accounts');
    expect(JSON.parse((await cli(['status', '--json', '--pool', b])).stdout).lostLeases).toMatchObject([{ instance: 'b', usernames: [...names].sort() }]);
    await expect(stat(pending)).rejects.toThrow();
    // The reset to the remote's commit threw away b's own unpublished hand-out: of its 8 accounts,
    // the 3 a never took read free again while b's scanner uses them, named as holds gone back
    // (src/store/live-holds.ts; exit 1), beside the 5 lost leases the ack clears.
    const ack = await cli(['status', '--ack-lost', 'b', '--pool', b]);
    expect(ack.stderr).toContain('no longer naming the 5 accounts instance b lost');
    expect([...ack.stderr.matchAll(/(\d+) live holds? (?:is|are) gone/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(3);
    // Or by the next sync (here one with nothing to pull or push, on the remote's pool, where a holds them).
    await pick(mine.trim(), theirs);
    await gitIn(b, 'reset', '--quiet', '--hard', theirs);
    // The same 3 thrown away again by this reset, scaffolding here: the record of them (derived) let go.
    await rm(join(b, '.cache', 'live-holds.json'));
    expect((await cli(['sync', '--pool', b])).code).toBe(0);
    expect(JSON.parse((await cli(['status', '--json', '--pool', b])).stdout).lostLeases).toMatchObject([{ instance: 'b', usernames: [...names].sort(), seenBy: 'pending' }]);
    expect((await cli(['status', '--pool', b])).stdout).toMatch(/Seen at \S+Z by a hand-run git that ran no hook \(a cherry-pick, or a merge finished by git commit\), recorded by a later sync/);
    await expect(stat(pending)).rejects.toThrow();
  }, 90_000); // a bound on a hang
});

describe('sync on a clone set up before init --git installed the hooks (stop 51)', () => {
  it('installs them as init --git would; a hook of the operator\'s own is left alone and named by the first sync only', async () => {
    const { a } = await afterHandOut();
    const hooks = join(a, '.git', 'hooks');
    const own = '#!/bin/sh\necho my own post-merge\n';
    await rm(join(hooks, 'post-rewrite'));
    await writeFile(join(hooks, 'post-merge'), own, { mode: 0o755 });
    const first = await cli(['sync', '--pool', a]);
    expect(first.code, first.stderr).toBe(0);
    const said = first.stdout + first.stderr;
    expect(said).toContain('installed the post-rewrite hook');
    expect(await readFile(join(hooks, 'post-rewrite'), 'utf8')).toContain('git-hook post-rewrite --pool . "$@"');
    expect(said).toMatch(/left your own .*post-merge as it is: add `.* git-hook post-merge --pool \. "\$@"` to it/);
    expect(await readFile(join(hooks, 'post-merge'), 'utf8')).toBe(own);
    const second = await cli(['sync', '--pool', a]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).not.toContain('hook');
  }, 60_000); // a bound on a hang
});

/** Whether a process runs `accountpool git-hook HOOK` (the hook git started) in `dir`. */
async function hookRunning(dir: string, hook: string): Promise<boolean> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (args.includes('git-hook') && args.includes(hook) && (await readlink(`/proc/${pid}/cwd`).catch(() => '')) === dir) return true;
  }
  return false;
}

/**
 * A hand-run git pull (`args`) in `b` while an accountpool command holds the pool lock (until stop
 * 59 a test of its own, on a copy of its own; now the merging pull of the hand-run pull test): its
 * post-merge hook starts once git's merge is done and, the lock held, records nothing until it is
 * let go. Its stderr, once git ends.
 */
async function pullUnderPoolLock(b: string, args: readonly string[]): Promise<string> {
  const pool = await Pool.open(b);
  let pulled: Promise<string> | undefined;
  await underPoolLock(pool, async () => {
    pulled = gitStderr(b, ...args);
    // The drivers' pending lines first (a stat a poll), then the hook among the processes: a look
    // through /proc costs ~50 ms of CPU (191 processes), and git's merge and its drivers take
    // seconds under load before the hook can start.
    const pending = join(b, '.git', 'accountpool-lost-pending.log');
    await waitFor(() => stat(pending).then(() => true, () => false), { timeoutMs: 60_000, what: 'the merge drivers\' pending lost leases' });
    // The hook started (git's merge done) and, the lock held here, has recorded nothing yet.
    await waitFor(() => hookRunning(b, 'post-merge'), { timeoutMs: 60_000, what: 'the post-merge hook to start' });
    await stat(pending);
    expect(JSON.parse((await cli(['status', '--json', '--pool', b])).stdout).lostLeases ?? []).toEqual([]);
  });
  // Let go: it records them and git ends (what it said and recorded: the caller's assertions).
  return pulled!;
}

/**
 * Host b's pool with a's hand-out fetched, b on a commit of its own over its hand-out and `other` on
 * one over a's: each changes NOTES (a file the operator keeps beside the pool), so a merge of
 * `other` stops on it (MERGE_HEAD stays) after the driver settled the shards and left their lost
 * leases pending.
 */
async function notesApart(b: string): Promise<string> {
  const mine = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
  await gitIn(b, 'fetch', '--quiet');
  const theirs = (await gitIn(b, 'rev-parse', '@{u}')).trim();
  // A file the operator keeps beside the pool, changed on both sides: git stops the merge on it
  // (MERGE_HEAD stays) after the driver settled the shards and left their lost leases pending.
  const onTop = async (at: string, text: string) => {
    await gitIn(b, 'checkout', '--quiet', '--detach', at);
    await writeFile(join(b, 'NOTES'), text);
    await gitIn(b, 'add', 'NOTES');
    await gitIn(b, 'commit', '--quiet', '-m', text);
    return (await gitIn(b, 'rev-parse', 'HEAD')).trim();
  };
  const other = await onTop(theirs, 'theirs\n');
  await gitIn(b, 'checkout', '--quiet', '-B', 'main', await onTop(mine, 'ours\n'));
  await gitIn(b, 'branch', '--quiet', '--set-upstream-to', 'origin/main');
  return other;
}

describe('a hand-run git merge stopped on a conflict and left open', () => {
  it('no command writes the pool and sync records none of its pending lost leases while it is under way: aborted, it lost nothing; finished by git commit later, its losses are dated at the merge', async () => {
    const { base, b } = await afterHandOut();
    const names = shared(await usernames(join(base, 'b.csv')), await usernames(join(base, 'a.csv')));
    const other = await notesApart(b);
    await expect(gitStderr(b, 'merge', '--no-edit', other)).rejects.toThrow(/lost lease/);
    await stat(join(b, '.git', 'MERGE_HEAD'));
    // No hand-out meanwhile: the work tree holds the merge half-made, and `git merge --abort` below
    // resets it (until stop 53 an allocate here wrote, and the abort gave its accounts out again).
    const refused = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(base, 'c.csv'), '--instance', 'c', '--pool', b]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`a hand-run git merge (or pull) is under way in ${b}`);
    expect(refused.stderr).toContain(`finish it (\`git -C ${b} commit\`) or abort it (\`git -C ${b} merge --abort\`), then run this command again`);
    await expect(stat(join(base, 'c.csv'))).rejects.toThrow();
    const pending = join(b, '.git', 'accountpool-lost-pending.log');
    await stat(pending);
    const synced = await cli(['sync', '--pool', b]);
    // Refused, not half-run (until stop 52 git's own "cannot do a partial commit during a merge").
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain(`a hand-run git merge (or pull) is under way in ${b} (stopped for you: a conflict, or an edit or break step)`);
    expect(synced.stderr).toContain(`finish it (\`git -C ${b} commit\`) or abort it (\`git -C ${b} merge --abort\`), then run this command again`);
    expect(synced.stdout + synced.stderr).toContain('recorded once it ends (it is still under way');
    await stat(pending); // kept for the merge's end
    expect(JSON.parse((await cli(['status', '--json', '--pool', b])).stdout).lostLeases ?? []).toEqual([]);
    // Aborted: b holds them again, nothing was lost (until stop 52 the sync beside the open merge
    // recorded them, read off the work tree the driver had written, and status named them).
    await gitIn(b, 'merge', '--abort');
    expect(await holdersOn(b, names)).toEqual(names.map(() => 'b'));
    // The same merge again, by the operator at start + 10 minutes (the driver's clock), stopped,
    // then finished by hand with `git commit` (git runs no post-merge hook for that): the sync that
    // records its pending lines at start + 90 says it was lost at the merge (until stop 53 at the
    // sync: status said the lease was lost 80 minutes late).
    const { start } = handedOut!;
    const merged = new Date(start + 10 * MINUTE);
    await expect(gitStderrWith({ ACCOUNTPOOL_MERGE_NOW: merged.toISOString() }, b, 'merge', '--no-edit', other)).rejects.toThrow(/lost lease/);
    await writeFile(join(b, 'NOTES'), 'both\n');
    await gitIn(b, 'add', 'NOTES');
    await gitIn(b, 'commit', '--quiet', '--no-edit');
    const later = await cli(['sync', '--pool', b], { clock: () => new Date(start + 90 * MINUTE) });
    expect(later.code, later.stderr).toBe(0);
    expect(JSON.parse((await cli(['status', '--json', '--pool', b])).stdout).lostLeases).toMatchObject([{ instance: 'b', usernames: [...names].sort(), since: merged.toISOString(), seenBy: 'pending' }]);
    expect((await cli(['status', '--pool', b])).stdout).toContain(`Seen at ${merged.toISOString()} by a hand-run git that ran no hook`);
    await expect(stat(pending)).rejects.toThrow();
  }, 90_000); // a bound on a hang
});

describe('a hand-run git rebase stopped for the operator (an edit step)', () => {
  it('no command writes the pool nor aborts or continues it; once it ends allocate runs; a killed sync\'s own rebase is aborted by the next sync', async () => {
    const { base, b } = await afterHandOut();
    await gitIn(b, 'fetch', '--quiet');
    // b's own hand-out replayed onto a's (the driver gives a's lease the 5 accounts), stopped after it.
    await gitStderr(b, '-c', 'sequence.editor=sed -i -e 1s/^pick/edit/', 'rebase', '-i', '@{u}');
    await stat(join(b, '.git', 'rebase-merge'));
    const stopped = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
    const refusals = [
      ['allocate', '--count', '2', '--no-check', '--accountcsv', join(base, 'c.csv'), '--instance', 'c', '--pool', b],
      ['sync', '--pool', b],
      ['allocate', '--sync', '--count', '2', '--no-check', '--accountcsv', join(base, 'c.csv'), '--instance', 'c', '--pool', b],
    ];
    for (const args of refusals) {
      const refused = await cli(args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr, args.join(' ')).toContain(`a hand-run git rebase (or pull --rebase) is under way in ${b} (stopped for you: a conflict, or an edit or break step)`);
      expect(refused.stderr, args.join(' ')).toContain(`finish it (\`git -C ${b} rebase --continue\`) or abort it (\`git -C ${b} rebase --abort\`)`);
    }
    // The operator's rebase as it was (until stop 53 sync aborted it): still under way, HEAD where it stopped, nothing written.
    await stat(join(b, '.git', 'rebase-merge'));
    expect((await gitIn(b, 'rev-parse', 'HEAD')).trim()).toBe(stopped);
    expect(await gitIn(b, 'status', '--porcelain', '--', 'shards', 'history')).toBe('');
    await expect(stat(join(base, 'c.csv'))).rejects.toThrow();
    // Its end: the post-rewrite hook records the losses; the pool is written again.
    expect(await gitStderr(b, 'rebase', '--continue')).toContain('lost lease: instance b no longer holds 5 accounts');
    const after = await cli(refusals[0]!);
    expect(after.code, after.stderr).toBe(0);
    // A detached HEAD (a checkout of an older commit): its files lack the hand-out just made.
    await gitIn(b, 'checkout', '--quiet', '--detach', 'HEAD~1');
    const detached = await cli(refusals[0]!);
    expect(detached.code).toBe(1);
    expect(detached.stderr).toContain(`the pool repository ${b} is not on a branch (detached HEAD: a git checkout of one commit?)`);
    await gitIn(b, 'checkout', '--quiet', 'main');
    // A rebase a sync began and was killed in (its mark names the rebase's start, git's orig-head):
    // plain commands say to sync, and the next sync aborts it and syncs.
    await gitStderr(b, '-c', 'sequence.editor=sed -i -e 1s/^pick/edit/', 'rebase', '-i', 'HEAD~1');
    await writeFile(join(b, '.git', 'accountpool-sync-rebase'), await readFile(join(b, '.git', 'rebase-merge', 'orig-head'), 'utf8'));
    expect((await cli(refusals[0]!)).stderr).toContain(`an accountpool sync was interrupted in the middle of its rebase in ${b}: run \`accountpool sync --pool ${b}\``);
    const synced = await cli(['sync', '--pool', b]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout + synced.stderr).toContain(`aborted a rebase an interrupted sync left in ${b}`);
    await expect(stat(join(b, '.git', 'rebase-merge'))).rejects.toThrow();
    await expect(stat(join(b, '.git', 'accountpool-sync-rebase'))).rejects.toThrow();
  }, 90_000); // a bound on a hang
});

describe('the lost lease advice', () => {
  it('names the accounts file of an instance named by its path (allocate without --instance), quoted for the shell, with the exact command', async () => {
    const { lostHoldAdvice } = await import('../../src/git/lost-holds.js');
    expect(lostHoldAdvice('/srv/mon west/accounts.csv')).toContain("its accounts file /srv/mon west/accounts.csv still lists them: refresh it with `accountpool allocate --sync --accountcsv '/srv/mon west/accounts.csv' --count N`");
  });
});

// Until stop 57 the record of live holds (src/store/live-holds.ts) knew only the holds this host
// made: after a pull brought a peer's, `git checkout <older> -- shards` freed them unseen (status
// exit 0, "held: none") and the next allocate handed them to a second scanner. They are now learned
// from HEAD (src/git/published-holds.ts), also where the record is gone with `.cache`.
// Until stop 57 (H) a learned hold stayed in the record after the peer released it by hand removing
// `allocated_at` too: pulled, it read as an older shard put back (every writer refused until
// `verify --fix --accept-loss`). HEAD showing the account free now ends it; a copy put back in the
// working tree, or HEAD moved back by a reset, still names the holds HEAD had.
describe('a peer\'s holds pulled, then an older copy of the shards put back on this host', () => {
  it('are named and handed to no one: after a hand-run git pull (a fast-forward: no merge driver), a forced push that dropped them, and with .cache removed; verify --fix gives them back to the peer; one the peer released by hand, allocated_at removed, is no alarm', async () => {
    const { base, clones } = await sharedPool(2, 30, SHARDS);
    const [a, b] = clones as [string, string];
    const lent = await cli(['allocate', '--sync', '--count', '5', '--no-check', '--instance', 'a', '--accountcsv', join(base, 'a.csv'), '--pool', a]);
    expect(lent.code, lent.stderr).toBe(0);
    const names = await usernames(join(base, 'a.csv'));
    const before = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
    await gitIn(b, 'pull', '--quiet', '--ff-only');
    expect(await holdersOn(b, names)).toEqual(names.map(() => 'a'));
    const learned = await cli(['status', '--pool', b]); // learns a's 5 holds from HEAD, and keeps the record
    expect(learned.code, learned.stderr).toBe(0);
    // On a, by hand: holder, end and time removed from one account's line, committed and pushed.
    const [freed, ...held] = names as [string, ...string[]];
    for (const name of await readdir(join(a, 'shards'))) {
      if (!name.endsWith('.yaml')) continue;
      const file = join(a, 'shards', name);
      const text = await readFile(file, 'utf8');
      const next = text
        .split('\n')
        .map((line) => (line.startsWith(`"${freed}"`) ? line.replace(/, "(holder|held_until|allocated_at)": "[^"]*"/g, '') : line))
        .join('\n');
      if (next !== text) await writeFile(file, next);
    }
    expect(await holdersOn(a, [freed])).toEqual([undefined]);
    await gitIn(a, 'commit', '--quiet', '-am', 'released by hand');
    await gitIn(a, 'push', '--quiet');
    await gitIn(b, 'pull', '--quiet', '--ff-only');
    const status = await cli(['status', '--pool', b]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).not.toContain('gone from');
    const head = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
    // A forced push drops a's commits from the remote (a host's old clone pushed with --force),
    // and b takes it with a hand-run `git pull --rebase` (its fork point drops them here too): HEAD
    // moves on, not back, and shows a's accounts free. Until stop 58 that read as a's release, and
    // the allocate below handed a's 4 held accounts to b's scanner. (A reset moving HEAD back to
    // before a's hand-out takes the same way: HEAD keeps neither the commit the holds were learned
    // at, nor any that held them.) 4, not 5: the `status` above kept the release it learned (until
    // stop 58 a reader kept nothing, and the record of the first pull named all 5).
    await gitIn(a, 'checkout', '--quiet', '-b', 'forced', before);
    await gitIn(a, 'commit', '--quiet', '--allow-empty', '-m', 'an old clone, pushed by force');
    await gitIn(a, 'push', '--quiet', '--force', 'origin', 'forced:main');
    await gitIn(b, 'pull', '--quiet', '--rebase');
    expect((await gitIn(b, 'merge-base', '--is-ancestor', head, 'HEAD').then(() => 'kept', () => 'dropped'))).toBe('dropped');
    const allocateB = () => cli(['allocate', '--count', '25', '--no-check', '--instance', 'b', '--accountcsv', join(base, 'b.csv'), '--pool', b]);
    const forced = await allocateB();
    expect(forced.code, forced.stdout).toBe(1);
    expect(forced.stderr).toMatch(/4 live holds are gone from .*Nothing was written/);
    await gitIn(b, 'reset', '--quiet', '--hard', head);
    // The shards of before the pulls put back in the working tree: a's other 4 holds.
    await gitIn(b, 'checkout', before, '--', 'shards');
    const refused = await allocateB();
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/4 live holds are gone from .*: an older copy of the shards? was put back.*Nothing was written/);
    // The record made again from HEAD's holds where .cache is gone (a fresh clone has none either).
    await rm(join(b, '.cache'), { recursive: true, force: true });
    const gone = await cli(['status', '--pool', b]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/4 live holds are gone from/);
    expect(gone.stderr).not.toContain('Secret-');
    const fix = await cli(['verify', '--fix', '--pool', b]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(await holdersOn(b, held)).toEqual(held.map(() => 'a'));
    const next = await allocateB();
    expect(next.code, next.stderr).toBe(0);
    const got = await usernames(join(base, 'b.csv'));
    expect(got).toContain(freed);
    expect(shared(got, held)).toEqual([]);
  }, 90_000); // a bound on a hang

  // The commit a hold was learned at, this host's own, rebased away by a hand-run `git pull
  // --rebase` and pruned (`git gc --prune=now` after the reflog expired): until stop 59 the peer's
  // later hand release (allocated_at removed too) read as a forced push's drop, and every writer
  // refused until `verify --fix --accept-loss`. HEAD's own history holding the hold and then not is the proof of a release.
  it('a peer\'s release is no alarm where the commit its hold was learned at was rebased away and pruned', async () => {
    const { base, clones } = await sharedPool(2, 30, SHARDS);
    const [a, b] = clones as [string, string];
    const before = (await gitIn(a, 'rev-parse', 'HEAD')).trim();
    expect((await cli(['allocate', '--sync', '--count', '5', '--no-check', '--instance', 'a', '--accountcsv', join(base, 'a.csv'), '--pool', a])).code).toBe(0);
    const [freed] = (await usernames(join(base, 'a.csv'))) as [string];
    expect((await cli(['mark', 'acc29', '--verdict', 'blind', '--pool', b])).code).toBe(0); // b's own commit, not pushed
    await gitIn(b, 'pull', '--quiet', '--rebase');
    const learnedAt = (await gitIn(b, 'rev-parse', 'HEAD')).trim();
    expect((await cli(['status', '--pool', b])).code).toBe(0); // learns a's 5 holds at learnedAt
    await editLine(a, freed, (line) => line.replace(/, "(holder|held_until|allocated_at)": "[^"]*"/g, ''));
    await gitIn(a, 'commit', '--quiet', '-am', 'released by hand');
    await gitIn(a, 'push', '--quiet');
    await gitIn(b, 'pull', '--quiet', '--rebase');
    await gitIn(b, 'reflog', 'expire', '--expire=now', '--all');
    await gitIn(b, 'gc', '--quiet', '--prune=now');
    expect(await gitIn(b, 'cat-file', '-e', `${learnedAt}^{commit}`).then(() => 'kept', () => 'pruned')).toBe('pruned');
    const status = await cli(['status', '--pool', b]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).not.toContain('gone from');
    // Then a forced push drops a's hand-out, b takes it (`git reset --hard origin/main`), and the
    // commit a's other 4 holds were last seen held at goes the same way: HEAD's history never held
    // them, so they stay named, and what the search found is kept for that HEAD
    // (dropped-holds-cache.ts): the next command asks git nothing of it (until stop 60 every
    // refused `allocate` ran the same `git log -G -p` until `verify --fix`).
    await gitIn(a, 'checkout', '--quiet', '-b', 'forced', before);
    await gitIn(a, 'commit', '--quiet', '--allow-empty', '-m', 'an old clone, pushed by force');
    await gitIn(a, 'push', '--quiet', '--force', 'origin', 'forced:main');
    await gitIn(b, 'fetch', '--quiet');
    await gitIn(b, 'reset', '--quiet', '--hard', 'origin/main');
    await gitIn(b, 'reflog', 'expire', '--expire=now', '--all');
    await gitIn(b, 'gc', '--quiet', '--prune=now');
    const trace = join(base, 'git-trace');
    const searches = async () => (await readFile(trace, 'utf8').catch(() => '')).split('\n').filter((line) => /built-in: git log .*-G/.test(line)).length;
    vi.stubEnv('GIT_TRACE', trace);
    try {
      // Writers refuse and keep nothing they learned: each asked git again until stop 60.
      for (const expected of [1, 1]) {
        const dropped = await cli(['allocate', '--count', '2', '--no-check', '--instance', 'b', '--accountcsv', join(base, 'b.csv'), '--pool', b]);
        expect(dropped.code).toBe(1);
        expect(dropped.stderr).toMatch(/4 live holds are gone from/);
        expect(await searches()).toBe(expected);
      }
    } finally {
      vi.unstubAllEnvs();
    }
  }, 90_000); // a bound on a hang
});
