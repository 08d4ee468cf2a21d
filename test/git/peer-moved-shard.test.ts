// A peer's commit that takes a recorded shard out of `shards/` (renamed to another path with
// `git mv`, or deleted) while `shards/.manifest` still records its accounts, or that drops the
// record itself. Taken by a sync, every command after it refused the pool ("missing, it held N
// accounts at the last write") until a hand repaired it: one push stopped every host. sync now
// refuses such a remote before anything reaches the work tree, naming the shard, the commit and
// where the file went. Two real clones and a bare remote.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe("a peer's commit takes a recorded shard out of shards/", () => {
  const cases: { name: string; plant: (peer: string, shard: string) => Promise<string[]> }[] = [
    {
      name: 'a shard renamed out of shards/ (git mv)',
      plant: async (peer, shard) => {
        await gitIn(peer, 'mv', `shards/${shard}`, `moved-${shard}`);
        return [`shards/${shard}`, `moved-${shard}`];
      },
    },
    {
      name: 'a shard renamed inside shards/ to a name the record does not hold',
      plant: async (peer, shard) => {
        await gitIn(peer, 'mv', `shards/${shard}`, `shards/${shard}.bak`);
        return [`shards/${shard}`];
      },
    },
    {
      name: 'a shard deleted (git rm), its record kept',
      plant: async (peer, shard) => {
        await gitIn(peer, 'rm', '-q', `shards/${shard}`);
        return [`shards/${shard}`];
      },
    },
    {
      name: 'the record of the shards deleted',
      plant: async (peer) => {
        await gitIn(peer, 'rm', '-q', 'shards/.manifest');
        return ['shards/.manifest'];
      },
    },
  ];

  for (const { name, plant } of cases) {
    it(`${name}: sync and allocate --sync refuse the remote naming it; nothing merged, every command still works`, async () => {
      const { base, remote, clones } = await sharedPool(2, 30);
      const [host, peer] = clones as [string, string];
      const shard = (await readdir(join(peer, 'shards'))).filter((n) => n.endsWith('.yaml')).sort()[0]!;
      const named = await plant(peer, shard);
      await gitIn(peer, 'commit', '-q', '-m', 'peer: tidy up');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
      const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
      const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

      for (const args of [['sync'], ['allocate', '--sync', '--instance', 'w1', '--count', '2', '--no-check', '--accountcsv', join(base, 'w1.csv')]]) {
        const run = await cli([...args, '--pool', host]);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        for (const path of named) expect(run.stderr).toContain(path);
        expect(run.stderr).toContain(pushed.slice(0, 12));
        expect(run.stderr).toContain('Nothing was synced or changed here');
        expect(run.stderr).not.toContain('Secret-');
        expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
      }
      // The pool here is whole: it still writes (an allocation without sync) and reads.
      const allocate = await cli(['allocate', '--instance', 'w2', '--count', '3', '--no-check', '--accountcsv', join(base, 'w2.csv'), '--pool', host]);
      expect(allocate.code, allocate.stderr).toBe(0);
      const status = await cli(['status', '--pool', host]);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain(': 30 accounts in');
    });
  }
  // A peer's reshard (shards deleted with their record, in the same commit) is still taken: test/git/reshard-sync.test.ts.
});
