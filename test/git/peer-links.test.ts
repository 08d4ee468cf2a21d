// A peer of a shared pool commits a shard as a symbolic link to a file of its choosing (git
// stores a link as a blob of its target with mode 120000, git's Documentation/git-ls-tree.txt),
// or a submodule (mode 160000, Documentation/gitsubmodules.txt). Taken by a sync, the link was
// read through: another pool's accounts and passwords counted as this pool's, folded into a
// real shard and pushed to every host. sync now refuses such a remote before anything reaches
// the work tree, naming the path, the target and the commit. Two real clones and a bare remote.
import { lstat, mkdir, readFile, readdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

/** Another pool's shard on the peer's and this host's disks: the accounts the link would smuggle in. */
async function otherShard(base: string): Promise<string> {
  const folder = join(base, 'other-pool', 'shards');
  await mkdir(folder, { recursive: true });
  const file = join(folder, '2.yaml');
  await writeFile(file, '# accountpool shard 2: accounts by username\nsmuggled1: {password: "Other-Secret-1", provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 1}\n');
  return file;
}

describe('a peer commits a link or a submodule into the pool', () => {
  const cases: { name: string; plant: (peer: string, target: string) => Promise<string> }[] = [
    {
      name: 'a shard replaced by a symbolic link to another pool\'s shard',
      plant: async (peer, target) => {
        const shard = (await readdir(join(peer, 'shards'))).find((n) => n.endsWith('.yaml'))!;
        await gitIn(peer, 'rm', '-q', `shards/${shard}`);
        // `ln -s` then `git add`, as the peer would; the link's target is an absolute path on the peer's disk.
        await symlink(target, join(peer, 'shards', shard));
        await gitIn(peer, 'add', `shards/${shard}`);
        return `shards/${shard}`;
      },
    },
    {
      name: 'accountpool.yaml replaced by a symbolic link',
      plant: async (peer, target) => {
        await gitIn(peer, 'rm', '-q', 'accountpool.yaml');
        await symlink(target, join(peer, 'accountpool.yaml'));
        await gitIn(peer, 'add', 'accountpool.yaml');
        return 'accountpool.yaml';
      },
    },
    {
      name: 'a submodule (gitlink) as a new shard',
      plant: async (peer) => {
        const head = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
        await gitIn(peer, 'update-index', '--add', '--cacheinfo', `160000,${head},shards/9.yaml`);
        return 'shards/9.yaml';
      },
    },
  ];

  for (const { name, plant } of cases) {
    it(`${name}: sync refuses the remote naming path and commit; nothing merged, nothing read, nothing pushed`, async () => {
      const { base, remote, clones } = await sharedPool(2, 30);
      const [host, peer] = clones as [string, string];
      const target = await otherShard(base);
      const path = await plant(peer, target);
      await gitIn(peer, 'commit', '-q', '-m', 'peer: a link');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
      const branch = (await gitIn(peer, 'rev-parse', '--abbrev-ref', 'HEAD')).trim();
      const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
      expect((await gitIn(remote, 'rev-parse', branch)).trim()).toBe(pushed);
      // This host has a change of its own to publish: the refusal must not push it over the peer's commit either.
      const dump = join(base, 'more.txt');
      await writeFile(dump, 'hostuser1:Host-Secret-1\n');
      expect((await cli(['import', dump, '--level', '30', '--pool', host])).code).toBe(0);
      const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

      const sync = await cli(['sync', '--pool', host]);
      expect(sync.code, sync.stdout + sync.stderr).toBe(1);
      expect(sync.stderr).toContain(path);
      expect(sync.stderr).toContain(pushed.slice(0, 12));
      expect(sync.stderr).toContain('Nothing was synced or changed here');
      if (path !== 'shards/9.yaml') expect(sync.stderr).toContain(`a symbolic link to ${JSON.stringify(target)}`);
      expect(sync.stderr).not.toContain('Other-Secret-1');

      expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore); // nothing merged
      expect((await gitIn(remote, 'rev-parse', branch)).trim()).toBe(pushed); // nothing pushed
      expect((await lstat(join(host, path)).catch(() => undefined))?.isSymbolicLink() ?? false).toBe(false);
      const status = await cli(['status', '--pool', host]);
      expect(status.code, status.stderr).toBe(0);
      const exported = join(base, 'all.txt');
      expect((await cli(['export', '--out', exported, '--pool', host])).code).toBe(0);
      expect(await readFile(exported, 'utf8')).not.toContain('smuggled1');
    });
  }

  it("this host's own shard linked to another disk is never published as the link", async () => {
    const { base, remote, clones } = await sharedPool(1, 30);
    const [host] = clones as [string];
    const branch = (await gitIn(host, 'rev-parse', '--abbrev-ref', 'HEAD')).trim();
    const remoteBefore = (await gitIn(remote, 'rev-parse', branch)).trim();
    const dump = join(base, 'more.txt');
    await writeFile(dump, Array.from({ length: 20 }, (_, i) => `hostuser${i}:Host-Secret-${i}`).join('\n') + '\n');
    expect((await cli(['import', dump, '--level', '30', '--pool', host])).code).toBe(0);
    // Then the operator moves a shard to another disk and links it (dangling-shard-link.test.ts's setup): the sync's commit of what is left out of git takes the link.
    const names = (await readdir(join(host, 'shards'))).filter((n) => n.endsWith('.yaml'));
    const moved = join(base, 'other-disk.yaml');
    await rename(join(host, 'shards', names[0]!), moved);
    await symlink(moved, join(host, 'shards', names[0]!));

    const sync = await cli(['sync', '--pool', host]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(1);
    // Refused as every command refuses a linked shard (test/security/linked-shards.test.ts), before git is asked anything.
    expect(sync.stderr).toContain(`shards/${names[0]}: the shard is a symbolic link to ${moved}, not the pool's own file`);
    expect((await gitIn(remote, 'rev-parse', branch)).trim()).toBe(remoteBefore);
  });
});
