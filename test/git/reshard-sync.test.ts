// Hosts sharing a pool through git when one of them reshards it (src/git/reshard-replay.ts): a
// host with nothing unpublished takes the new layout as it is; one with commits on the old layout
// reshards its own pool the same way and replays them; both end with every account once, in its
// home shard for the new count, with every host's holds.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { Pool } from '../../src/store/pool.js';
import { checkHistory, gitIn, heldBy, stateForFile, subjects, useGitEnv, usernames } from './helpers.js';
import { ACCOUNTS, allocate, expectResharded, reshard, sharedReshardPool } from './reshard-helpers.js';

beforeAll(useGitEnv);

/**
 * What three tests start from, made once for the file and copied for each (stop 50: each made it,
 * a reshard and a sync pushing 16 renamed shard files): three hosts, east's pool resharded to 16
 * and published, west and idle on the old layout with nothing of their own yet. What west does
 * before its own sync is local, so whether it came before east's reshard or after it is the same
 * to git.
 */
const eastResharded = stateForFile(async () => {
  const { base, clones } = await sharedReshardPool(3);
  await reshard(clones[0]!);
  const published = await cli(['sync', '--pool', clones[0]!]);
  expect(published.code, published.stderr).toBe(0);
  return base;
}, 300_000); // a bound on a hang: the worker's template may be made here, minutes under a load of 25

/** A copy of `eastResharded`: its folder, remote, and the hosts east (resharded, published), west and idle. */
async function afterEastResharded() {
  const base = await eastResharded();
  const [east, west, idle] = [0, 1, 2].map((i) => join(base, `host${i}`)) as [string, string, string];
  return { base, remote: join(base, 'remote.git'), east, west, idle };
}

describe('sync across a reshard', () => {
  it('a host with unpublished commits on the old layout replays them onto the resharded pool; every account once, every hold kept', async () => {
    // east resharded and published (afterEastResharded)
    const { base, remote, east, west, idle } = await afterEastResharded();
    // west works on the old layout and does not publish
    expect((await allocate(west, 'west', 6)).code).toBe(0);
    const extra = join(base, 'extra.txt');
    await writeFile(extra, 'westnew1:Pw-1\nwestnew2:Pw-2\n');
    expect((await cli(['import', extra, '--level', '31', '--pool', west])).code).toBe(0);
    // east allocates on the new layout
    expect((await allocate(east, 'east', 4)).code).toBe(0);
    expect((await cli(['sync', '--pool', east])).code).toBe(0);

    // idle has nothing of its own: it simply takes the new layout
    const plain = await cli(['sync', '--pool', idle]);
    expect(plain.code, plain.stderr).toBe(0);
    await expectResharded(idle, ACCOUNTS, 16);

    const folds = vi.spyOn(Pool.prototype, 'fold');
    const synced = await cli(['sync', '--pool', west]);
    // The replay's tree is west's own reshard (east's commit changed the layout only), read whole as
    // it was made: the sync after it does not read the pool again to fold nothing (stop 52: at
    // 1,000,000 accounts that read was the replay's peak). Only the first sync's fold ran.
    expect(folds).toHaveBeenCalledTimes(1);
    folds.mockRestore();
    expect(synced.stderr).toContain('the remote pool was resharded (4 -> 16 shards) while this host had 2 unpublished commits');
    await expectResharded(west, ACCOUNTS + 2, 16);
    expect((await subjects(west))[0]).toMatch(/^replay 2 commits made on the 4-shard layout onto the pool resharded to 16 shards/);
    // Plain allocate (no --sync) on two hosts may take the same accounts: the hand-out already on
    // the remote (east's) keeps them (docs/git.md); every other hold of west's is kept.
    const held = await heldBy(west);
    const eastFile = await usernames(join(base, 'east.csv'));
    // west is told what it lost in the replay's pick as in a plain rebase (until stop 48 not named), and the sync exits 4.
    const lost = (await usernames(join(base, 'west.csv'))).filter((u) => eastFile.includes(u)).sort();
    expect(lost.length).toBeGreaterThan(0);
    expect(synced.code, synced.stderr).toBe(4);
    expect(synced.stderr).toContain(`lost lease: instance west no longer holds ${lost.length} accounts another host handed out first (${lost.join(', ')})`);
    expect(held.get('east')!.sort()).toEqual(eastFile.sort());
    expect(held.get('west')!.sort()).toEqual((await usernames(join(base, 'west.csv'))).filter((u) => !eastFile.includes(u)).sort());

    // east takes west's replay: both hosts hold the same pool
    expect((await cli(['sync', '--pool', east])).code).toBe(0);
    await expectResharded(east, ACCOUNTS + 2, 16);
    const read = async (dir: string) => [...(await (await Pool.open(dir)).read()).accounts()].sort((a, b) => a.username.localeCompare(b.username));
    expect(await read(east)).toEqual(await read(west));
    expect(await gitIn(west, 'status', '--porcelain')).toBe('');
    await checkHistory(remote);
  }, 300_000); // ~50 s under a load of 10 on two cores, 190 s under 25 (a bound on a hang): git runs the merge driver once per shard changed on both sides

  it('a host that resharded and not yet published takes the commits others made on the old layout meanwhile, then reshards again', async () => {
    const { clones } = await sharedReshardPool(2);
    const [east, west] = clones as [string, string];
    await reshard(east);
    expect((await allocate(west, 'west', 5)).code).toBe(0);
    expect((await cli(['sync', '--pool', west])).code).toBe(0);
    const synced = await cli(['sync', '--pool', east]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toContain('other hosts published commits on the old layout since this host resharded it (4 -> 16 shards): took them, then resharded again on top');
    await expectResharded(east, ACCOUNTS, 16);
    expect((await heldBy(east)).get('west')).toHaveLength(5);
    expect(await gitIn(east, 'status', '--porcelain')).toBe('');
    expect((await cli(['sync', '--pool', west])).code).toBe(0);
    await expectResharded(west, ACCOUNTS, 16);
    expect((await heldBy(west)).get('west')).toHaveLength(5);
  }, 180_000); // ~30 s under a load of 10 on two cores

  it('both hosts resharded to the same count: this host\'s reshard gives way to the remote\'s, its work before it replayed', async () => {
    const { east, west } = await afterEastResharded(); // east resharded to 16 and published
    expect((await allocate(west, 'west', 5)).code).toBe(0);
    await reshard(west);
    const synced = await cli(['sync', '--pool', west]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toContain("this host's own reshard (4 -> 16 shards) gave way to the remote's");
    await expectResharded(west, ACCOUNTS, 16);
    expect((await heldBy(west)).get('west')).toHaveLength(5);
    expect(await gitIn(west, 'status', '--porcelain')).toBe('');
    expect((await cli(['sync', '--pool', east])).code).toBe(0);
    await expectResharded(east, ACCOUNTS, 16);
    expect((await heldBy(east)).get('west')).toHaveLength(5);
  }, 300_000);

  it('this host resharded too and leased after it: replayed onto the remote\'s count, the lease kept (refused until stop 48)', async () => {
    const { west } = await afterEastResharded(); // east resharded to 16 and published
    await reshard(west, 8);
    expect((await allocate(west, 'west', 5)).code).toBe(0);
    const synced = await cli(['sync', '--pool', west]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toContain("the remote pool was resharded (4 -> 16 shards) while this host had 2 unpublished commits and resharded it too (4 -> 8: gave way to the remote's)");
    await expectResharded(west, ACCOUNTS, 16);
    expect((await heldBy(west)).get('west')).toHaveLength(5);
    expect(await gitIn(west, 'status', '--porcelain')).toBe('');
  }, 180_000); // ~50 s under a load of 10 on two cores: git runs the merge driver once per shard changed on both sides
});
