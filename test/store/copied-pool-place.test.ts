// A pool folder copied whole (`cp -a`, rsync, a snapshot) beside the pool in use: both would hand
// out the same accounts to two scanners (stop 67 X, docs/scale-log.md). Every write in the copy is
// refused, naming both places, until `verify --fix --adopt-copy`; a moved pool (`mv`, or a copy
// whose original is gone) works as before. src/store/pool-place.ts.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cli, runCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { gitIn, sharedPool, useGitEnv } from '../git/helpers.js';

const run = promisify(execFile);
const names = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(',')[1]);
const args = (dir: string, csv: string, instance: string) => ['allocate', '--count', '5', '--no-check', '--format', 'rocketmap', '--accountcsv', csv, '--instance', instance, '--pool', dir];
// Real processes where the copy and the original hand out; the setup in this process (fast).
const allocate = (dir: string, csv: string, instance: string) => runCli(args(dir, csv, instance));
const allocateHere = (dir: string, csv: string, instance: string) => cli(args(dir, csv, instance));

describe('a pool copied beside itself', () => {
  it('refuses every hand-out in a `cp -a` copy, naming both places, until adopted; no account is then held twice', async () => {
    const pool = await poolWithAccounts(12);
    const first = await allocateHere(pool.dir, join(pool.base, 'east.csv'), 'east');
    expect(first.code, first.stderr).toBe(0);
    const copy = join(pool.base, 'copy');
    await run('cp', ['-a', pool.dir, copy]);
    const refused = await allocate(copy, join(pool.base, 'west.csv'), 'west');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`copy of the pool at ${pool.dir}`);
    expect(refused.stderr).toContain(copy);
    expect(refused.stderr).toContain('accountpool verify --fix --adopt-copy');
    expect(refused.stderr).not.toContain('secret-');
    const status = await cli(['status', '--pool', copy]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`copy of the pool at ${pool.dir}`);
    expect((await cli(['status', '--pool', pool.dir])).code).toBe(0);
    // The original hands out as before.
    const second = await allocateHere(pool.dir, join(pool.base, 'north.csv'), 'north');
    expect(second.code, second.stderr).toBe(0);
    const adopted = await cli(['verify', '--fix', '--adopt-copy', '--pool', copy]);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stderr).toContain(`adopted this copy of ${pool.dir}`);
    const third = await allocate(copy, join(pool.base, 'west.csv'), 'west');
    expect(third.code, third.stderr).toBe(0);
    // What the original held when it was copied is still held in the copy.
    const west = await names(join(pool.base, 'west.csv'));
    expect(west).toHaveLength(5);
    for (const name of await names(join(pool.base, 'east.csv'))) expect(west).not.toContain(name);
    // The original is still its own pool, untouched by the adoption.
    expect((await allocateHere(pool.dir, join(pool.base, 'north.csv'), 'north')).code).toBe(0);
    expect((await cli(['status', '--pool', copy])).code).toBe(0);
  });

  it('hands out as before after `mv` on one disk, and after a copy whose original was removed (a move to another disk), with one note', async () => {
    const pool = await poolWithAccounts(20);
    expect((await allocateHere(pool.dir, join(pool.base, 'east.csv'), 'east')).code).toBe(0);
    const renamed = join(pool.base, 'renamed');
    await rename(pool.dir, renamed);
    const afterMv = await allocateHere(renamed, join(pool.base, 'west.csv'), 'west');
    expect(afterMv.code, afterMv.stderr).toBe(0);
    expect(afterMv.stderr).not.toContain('moved');
    const moved = join(pool.base, 'moved');
    await run('cp', ['-a', renamed, moved]);
    await rm(renamed, { recursive: true });
    const afterMove = await allocate(moved, join(pool.base, 'north.csv'), 'north');
    expect(afterMove.code, afterMove.stderr).toBe(0);
    expect(afterMove.stderr).toContain(`moved here from ${renamed}`);
    const again = await allocateHere(moved, join(pool.base, 'south.csv'), 'south');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('moved');
    const all = (await Promise.all(['east', 'west', 'north', 'south'].map((n) => names(join(pool.base, `${n}.csv`))))).flat();
    expect(new Set(all).size).toBe(20);
  });

  it('never takes the pool for its own copy when it was recorded through a link and is restored in place (new inode)', async () => {
    const pool = await poolWithAccounts(12);
    const link = join(pool.base, 'link');
    await symlink(pool.dir, link);
    // Recorded under the link's spelling of the folder.
    expect((await allocateHere(link, join(pool.base, 'east.csv'), 'east')).code).toBe(0);
    // Restored in place: the same path, a new folder (another inode), the link still pointing at it.
    const aside = join(pool.base, 'aside');
    await run('cp', ['-a', pool.dir, aside]);
    await rm(pool.dir, { recursive: true });
    await rename(aside, pool.dir);
    const after = await allocateHere(pool.dir, join(pool.base, 'west.csv'), 'west');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toContain('copy');
    const all = (await Promise.all(['east', 'west'].map((n) => names(join(pool.base, `${n}.csv`))))).flat();
    expect(new Set(all).size).toBe(10);
  });

  it('takes a git clone of a pool for a pool of its own (its own host): both hand out', async () => {
    useGitEnv();
    const { base, seed } = await sharedPool(0);
    expect((await allocateHere(seed, join(base, 'east.csv'), 'east')).code).toBe(0);
    const clone = join(base, 'clone');
    await gitIn(base, 'clone', '--quiet', seed, clone);
    expect((await cli(['init', '--git', '--pool', clone])).code).toBe(0);
    const there = await allocateHere(clone, join(base, 'west.csv'), 'west');
    expect(there.code, there.stderr).toBe(0);
    expect(there.stderr).not.toContain('copy');
    expect((await allocateHere(seed, join(base, 'north.csv'), 'north')).code).toBe(0);
  });
});
