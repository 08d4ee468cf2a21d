// An account moved by hand out of its home shard (a stray: the store reads it where it is) that a
// peer then puts in another shard, its home among them, while the stray stays in a shard the pull
// did not touch. The after-pull check read only the changed shards and their accounts' homes, so it
// took the pull, and every write here then refused the pool (the account held twice). It now asks
// the untouched shards' indexes for their strays (Pool.strayPlaces): the pull is undone, naming both
// places, and the pool here still writes.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/** Shard `name`'s line of `username` and the shard holding it. */
async function lineOf(dir: string, username: string): Promise<{ name: string; line: string }> {
  for (const name of (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml'))) {
    const line = (await readFile(join(dir, 'shards', name), 'utf8')).split('\n').find((l) => l.startsWith(`"${username}": `));
    if (line) return { name, line };
  }
  throw new Error(`${username} is in no shard`);
}

/** The record's count of these shards set to "count again" (store/manifest.ts `?`), as a hand edit that moves lines must. */
async function recount(dir: string, ...names: string[]): Promise<void> {
  const file = join(dir, 'shards', '.manifest');
  const shards = new Set(names.map((n) => n.replace(/\.yaml$/, '')));
  const text = (await readFile(file, 'utf8')).split('\n').map((l) => (shards.has(l.split(' ')[0]!) ? `${l.split(' ')[0]} ?` : l));
  await writeFile(file, text.join('\n'));
}

async function edit(file: string, change: (lines: string[]) => string[]): Promise<void> {
  await writeFile(file, change((await readFile(file, 'utf8')).split('\n')).join('\n'));
}

describe('an account held away from home, put back in its home by a peer', () => {
  it('sync and allocate --sync undo the pull naming both places; the pool still writes', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    const { name: home, line } = await lineOf(peer, 'acc7');
    const away = (await readdir(join(peer, 'shards'))).find((f) => f.endsWith('.yaml') && f !== home)!;
    // Moved by hand: out of its home, into another shard. Every write reads it there.
    await edit(join(peer, 'shards', home), (lines) => lines.filter((l) => l !== line));
    await edit(join(peer, 'shards', away), (lines) => [...lines.filter(Boolean), line, '']);
    await recount(peer, home, away);
    await gitIn(peer, 'commit', '-qam', 'acc7 moved by hand');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const moved = await cli(['sync', '--pool', host]);
    expect(moved.code, moved.stderr).toBe(0);
    expect((await lineOf(host, 'acc7')).name).toBe(away);
    // A write here reads the stray where it is (and makes the indexes).
    expect((await cli(['mark', 'acc1', '--verdict', 'blind', '--pool', host])).code).toBe(0);

    // The peer puts it back in its home and leaves the stray where it is.
    await gitIn(peer, 'pull', '-q', '--rebase');
    await edit(join(peer, 'shards', home), (lines) => [...lines.filter(Boolean), line, '']);
    await recount(peer, home);
    await gitIn(peer, 'commit', '-qam', 'acc7 back home, still away too');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code, synced.stderr).toBe(1);
    expect(synced.stderr).toContain(`commit ${pushed.slice(0, 12)}`);
    expect(synced.stderr).toMatch(new RegExp(`account acc7 is in ${join(host, 'shards')}/(${home}|${away}):\\d+ and in ${join(host, 'shards')}/(${home}|${away}):\\d+`));
    expect(synced.stderr).toContain('The pull was undone');
    expect(synced.stderr).not.toContain('Secret-7');
    expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
    expect((await lineOf(host, 'acc7')).name).toBe(away);

    const allocateSync = await cli(['allocate', '--sync', '--count', '5', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'sync.csv'), '--pool', host]);
    expect(allocateSync.code).toBe(1);
    expect(allocateSync.stderr).toContain('account acc7 is in');
    const plain = await cli(['allocate', '--count', '5', '--no-check', '--instance', 'east', '--accountcsv', join(base, 'plain.csv'), '--pool', host]);
    expect(plain.code, plain.stderr).toBe(0);
  }, 180_000);
});
