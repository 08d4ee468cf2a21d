// A peer's damage taken across a reshard (src/git/sync.ts, taken-check.ts). The after-pull check
// covered only the rebase onto the commit before the remote's reshard: a peer's account copied
// into a second shard on the old layout, taken while this host's own unpublished reshard was set
// aside, reached HEAD unchecked, and the reshard made again on top refused ("Nothing was
// written"), leaving every write here refusing the pool. After the remote's reshard, the second
// sync that takes the rest refused it but kept the replay: "nothing was synced or changed here"
// while the host stood resharded on another HEAD. Now both are refused and the host is back at
// the HEAD and layout it began with, its own commits as they were. Since stop 48 this host's own
// reshard is made again in a scratch worktree (src/git/reshard-across.ts): the peer's pool that
// the store refuses to reshard is named as any pull's damage.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { Pool } from '../../src/store/pool.js';
import { copyOfState, gitIn, heldBy, keepState, openCommitting, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/** Copies an account's line into another shard file of `dir`'s pool (an account held twice, as a hand or a bad merge leaves it); its name. */
async function copyIntoSecondShard(dir: string): Promise<string> {
  const shards = join(dir, 'shards');
  const names = (await readdir(shards)).filter((f) => f.endsWith('.yaml')).sort();
  for (const name of names) {
    const line = (await readFile(join(shards, name), 'utf8')).split('\n').find((l) => l.startsWith('"acc'));
    if (!line) continue;
    await appendFile(join(shards, names.find((n) => n !== name)!), `${line}\n`);
    await gitIn(dir, 'commit', '-qam', 'an account copied into a second shard');
    await gitIn(dir, 'push', '-q', 'origin', 'HEAD');
    return line.slice(1, line.indexOf('"', 1));
  }
  throw new Error(`no account in ${shards}`);
}

const allocate = (dir: string, count: number) => cli(['allocate', '--count', String(count), '--no-check', '--accountcsv', join(dir, '..', 'host.csv'), '--instance', 'host', '--pool', dir]);
const shardFiles = async (dir: string) => (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml')).length;

/** sync refused naming the account twice and the pull undone; HEAD, layout and holds as before; the pool still writes. */
async function expectRefusedAsBefore(host: string, head: string, shards: number, twice: string): Promise<void> {
  const synced = await cli(['sync', '--pool', host]);
  expect(synced.code, synced.stderr).toBe(1);
  expect(synced.stderr).toContain(`account ${twice} is in`);
  expect(synced.stderr).toContain('The pull was undone');
  expect(synced.stderr).not.toContain('Secret-');
  expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(head);
  expect(await gitIn(host, 'status', '--porcelain')).toBe('');
  expect(await shardFiles(host)).toBe(shards);
  const verify = await cli(['verify', '--pool', host]);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toContain('is sound: 30 accounts');
}

// 30 accounts (60 until stop 47, 40 until stop 50): the number most git files ask for, so a worker
// that ran one of them copies its template instead of making one (test/git/helpers.ts); any number
// shows the copy.
/**
 * What the first two tests start from, made once for the file and copied whole for each (until stop
 * 49 each made it): the peer resharded (4 -> 8), synced, then pushed an account copied into a
 * second shard; the host has not synced since. The host's own commit the second test makes after
 * it is local: it comes before any fetch of the peer's work as it did when made first.
 */
let damaged: { dir: string; twice: string } | undefined;
beforeAll(async () => {
  const { base, clones } = await sharedPool(2, 30);
  const peer = clones[0]!;
  await (await openCommitting(peer)).reshard(8);
  expect((await cli(['sync', '--pool', peer])).code).toBe(0);
  const twice = await copyIntoSecondShard(peer);
  damaged = { dir: await keepState(base), twice };
}, 240_000); // a bound on a hang

describe("a peer's damage across a reshard", () => {
  for (const unpublished of [0, 1]) {
    it(`after the remote's reshard, refused with ${unpublished} unpublished commits here: back at the HEAD and layout the sync began with`, async () => {
      const host = join(await copyOfState(damaged!.dir), 'host1');
      const { twice } = damaged!;
      if (unpublished) expect((await allocate(host, 5)).code).toBe(0);
      const head = (await gitIn(host, 'rev-parse', 'HEAD')).trim();
      await expectRefusedAsBefore(host, head, 4, twice);
      if (unpublished) expect((await heldBy(host)).get('host')).toHaveLength(5);
      expect((await allocate(host, 3)).code).toBe(0);
    }, 240_000); // ~20 s under a load of 25 on two cores
  }

  it("taken while this host's own unpublished reshard is made again on the peers' commits: refused, the reshard kept", async () => {
    const { clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    await (await openCommitting(host)).reshard(8);
    const twice = await copyIntoSecondShard(peer);
    const head = (await gitIn(host, 'rev-parse', 'HEAD')).trim();
    await expectRefusedAsBefore(host, head, 8, twice);
    expect((await allocate(host, 3)).code).toBe(0);
  }, 240_000);
});
