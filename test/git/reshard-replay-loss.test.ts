// A sync across a reshard never drops an account either host added (src/git/reshard-replay.ts).
// Stop 46 found the loss: the replay gave this host's resharded pool the remote's reshard commit
// as its parent with this host's tree, so whatever that commit changed besides the layout (an
// import made with the reshard: `git.commit` off, or a reshard committed with the work before it)
// was taken back by the replay; and a reshard of this host's own, dropped to take the peers'
// commits and made again, dropped what it carried besides the layout too.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { Pool } from '../../src/store/pool.js';
import { checkHistory, gitIn, heldBy, stateForFile, useGitEnv } from './helpers.js';
import { ACCOUNTS, allocate, expectResharded, reshard, sharedReshardPool } from './reshard-helpers.js';

beforeAll(useGitEnv);

/** A bound on a hang, not a measure: a test is ~40 s of git and merge-driver processes, minutes under a load of 25 on two cores. */
const HANG_BOUND = 300_000;

/** Imports `names` (level 31) into `dir`; `uncommitted`: the import's commit taken back, its files kept, as with `git.commit: false`. */
async function importNames(dir: string, names: string[], uncommitted = false): Promise<void> {
  const file = join(dir, '..', `${names[0]}.txt`);
  await writeFile(file, names.map((n) => `${n}:Pw-${n}`).join('\n'));
  const imported = await cli(['import', file, '--level', '31', '--pool', dir]);
  expect(imported.code, imported.stderr).toBe(0);
  if (uncommitted) await gitIn(dir, 'reset', '--quiet', '--soft', 'HEAD~1');
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Every name in `expected` is in `dir`'s pool once, with the password it was imported with. */
async function expectHolds(dir: string, expected: string[]): Promise<void> {
  const snapshot = await (await Pool.open(dir)).read();
  const byName = new Map([...snapshot.accounts()].map((a) => [a.username, a]));
  const missing = expected.filter((n) => byName.get(n)?.password !== `Pw-${n}`);
  expect(missing, `accounts lost from ${dir}`).toEqual([]);
}

/** `dir`'s pool holds `expected` besides the ACCOUNTS every host began with, each once, in its home among 16 shards. */
async function expectWhole(dir: string, expected: string[]): Promise<void> {
  await expectHolds(dir, expected);
  await expectResharded(dir, ACCOUNTS + expected.length, 16);
}

/** The other host syncs, takes the replay and holds the same accounts; the remote's history never overwrote a hold. */
async function expectTaken(dir: string, expected: string[], remote: string): Promise<void> {
  const synced = await cli(['sync', '--pool', dir]);
  expect(synced.code, synced.stderr).toBe(0);
  await expectWhole(dir, expected);
  await checkHistory(remote);
}

/** What east imported and published in `eastPublished`: before its reshard, and with it (in its commit). */
const EAST_ADDED = [...names('before', 3), ...names('withreshard', 4)];

/**
 * What two tests start from, made once for the file and copied for each (until stop 52 each made
 * it: two imports, a reshard and a sync pushing 16 renamed shard files): east imported 3 accounts
 * and committed them, imported 4 more with `git.commit` off, resharded 4 -> 16 (the reshard's
 * commit carries those 4) and published; west on the old layout with nothing of its own yet. What
 * west does before its own sync is local, so whether it came before east's work or after it is the
 * same to git (reshard-sync.test.ts's state likewise).
 */
const eastPublished = stateForFile(async () => {
  const { base, clones } = await sharedReshardPool(2);
  const east = clones[0]!;
  await importNames(east, names('before', 3));
  await importNames(east, names('withreshard', 4), true);
  await reshard(east);
  const published = await cli(['sync', '--pool', east]);
  expect(published.code, published.stderr).toBe(0);
  return base;
}, HANG_BOUND);

/** A copy of `eastPublished`: its remote, east (resharded with its imports, published) and west (old layout). */
async function afterEastPublished() {
  const base = await eastPublished();
  return { remote: join(base, 'remote.git'), east: join(base, 'host0'), west: join(base, 'host1') };
}

describe('a sync across a reshard keeps every account either host added', () => {
  // The SIGKILL case shares this test's start (until stop 59 a test of its own: a second copy, allocate,
  // import and a whole replay more): the killed sync is west's first, the one that then takes the replay whole.
  it('the remote reshard commit also imported accounts (committed with it), and commits around it imported more; a sync SIGKILLed while it builds the replay leaves the pool as before, and the next replays it whole', async () => {
    // east: an import before, one committed with the reshard, published (eastPublished); one after
    const { remote, east, west } = await afterEastPublished();
    // west works on the old layout and does not publish
    expect((await allocate(west, 'west', 6)).code).toBe(0);
    await importNames(west, names('westnew', 2));
    await importNames(east, names('after', 2));
    expect((await allocate(east, 'east', 4)).code).toBe(0);
    expect((await cli(['sync', '--pool', east])).code).toBe(0);
    // the reshard and the import are one commit on the remote: its parent holds none of the import
    const touching = await gitIn(remote, 'log', '--format=%H', 'main', '--', 'accountpool.yaml');
    const reshardCommit = touching.split('\n')[0]!;
    const holds = (commit: string) => gitIn(remote, 'grep', '-q', '"withreshard0"', commit, '--', 'shards').then(() => true, () => false);
    expect([await holds(`${reshardCommit}^`), await holds(reshardCommit)]).toEqual([false, true]);

    // Killed the moment the worktree the replay is built in appears (reshard-scratch.ts).
    const scratch = join(west, '.git', 'accountpool-replay');
    const running = startCli(['sync', '--pool', west]);
    await waitFor(() => existsSync(scratch), { timeoutMs: 120_000, intervalMs: 5, what: 'the replay to begin' });
    running.kill('SIGKILL');
    expect((await running.closed).signal).toBe('SIGKILL');
    // The pool's own folder still on the old layout with this host's work (its commits rebased or not yet).
    expect(await gitIn(west, 'status', '--porcelain', '--', 'shards', 'accountpool.yaml')).toBe('');
    expect((await Pool.open(west)).config.shards).toBe(4);
    await expectHolds(west, names('westnew', 2));
    expect((await heldBy(west)).get('west')).toHaveLength(6);

    // The next sync replays it whole.
    const folds = vi.spyOn(Pool.prototype, 'fold');
    const synced = await cli(['sync', '--pool', west]);
    // The replay was picked onto east's reshard commit, whose accounts no reshard here read: the
    // sync after it reads the pool whole in its fold (the skip is for a replay that is this host's own reshard).
    expect(folds).toHaveBeenCalledTimes(2);
    folds.mockRestore();
    // east's 4 hand-outs were published first: west is told it lost them (exit 4, stop 48), the sync made all the same
    expect(synced.code, synced.stderr).toBe(4);
    expect(synced.stderr).toContain('lost lease: instance west no longer holds 4 accounts another host handed out first');
    const added = [...names('westnew', 2), ...EAST_ADDED, ...names('after', 2)];
    await expectWhole(west, added);
    const held = await heldBy(west);
    expect(held.get('west')?.length ?? 0).toBeGreaterThan(0);
    expect([...(held.get('west') ?? []), ...(held.get('east') ?? [])]).toHaveLength(new Set([...(held.get('west') ?? []), ...(held.get('east') ?? [])]).size);
    expect(held.get('east')).toHaveLength(4);
    // of west's 6, the 4 east handed out first are east's: west keeps the other 2
    expect(held.get('west')).toHaveLength(2);
    expect(existsSync(scratch)).toBe(false);
    expect(await gitIn(west, 'worktree', 'list')).not.toContain('accountpool-replay');
    expect(await gitIn(west, 'status', '--porcelain')).toBe('');
    await expectTaken(east, added, remote); // checkHistory(remote) too
  }, HANG_BOUND);

  it("this host's own unpublished reshard carried an import: made again on top of the peers' commits, the import kept", async () => {
    const { remote, clones } = await sharedReshardPool(2);
    const [east, west] = clones as [string, string];
    await importNames(east, names('withreshard', 4), true);
    await reshard(east); // both committed as one by east's next sync, which finds the peers' commits
    await importNames(west, names('westnew', 3));
    expect((await allocate(west, 'west', 5)).code).toBe(0);
    expect((await cli(['sync', '--pool', west])).code).toBe(0);

    const synced = await cli(['sync', '--pool', east]);
    expect(synced.code, synced.stderr).toBe(0);
    const added = [...names('withreshard', 4), ...names('westnew', 3)];
    await expectWhole(east, added);
    expect((await heldBy(east)).get('west')).toHaveLength(5);
    expect(await gitIn(east, 'status', '--porcelain')).toBe('');
    await expectTaken(west, added, remote);
  }, HANG_BOUND);

  it('both hosts resharded, to different counts, each reshard committed with an import: the remote\'s count kept, every account of both', async () => {
    const { remote, east, west } = await afterEastPublished(); // east's reshard to 16 carried an import, published
    expect((await allocate(west, 'west', 3)).code).toBe(0);
    await importNames(west, names('westwith', 3), true);
    await reshard(west, 8);
    const synced = await cli(['sync', '--pool', west]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toContain("this host's own reshard (4 -> 8 shards) gave way to the remote's");
    const added = [...EAST_ADDED, ...names('westwith', 3)];
    await expectWhole(west, added);
    expect((await heldBy(west)).get('west')).toHaveLength(3);
    await expectTaken(east, added, remote);
  }, HANG_BOUND);
});
