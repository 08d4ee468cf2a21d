// A shard file that is a symbolic link. Two ways it comes: the operator moves a shard to another
// disk and links it, or a hand-run `git pull` checks out a link a peer committed (git stores a link
// as a blob of its target, mode 120000, and checks it out as the link: git's
// Documentation/git-ls-tree.txt; `accountpool sync` refuses such a commit, a hand-run pull does not).
// Followed, the first was read through and then replaced by a plain file at the next fold (every
// shard write is a rename), the other disk's file silently left behind with old accounts; the
// second had another pool's accounts and passwords taken as this pool's and handed out. Neither
// can be told from the other by the file system, so every command refuses a linked shard, naming
// it and where it points: nothing is read through it, nothing written over it.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readFile, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { gitIn, sharedPool, useGitEnv } from '../git/helpers.js';

describe('a shard that is a symbolic link', () => {
  it("the operator's shard linked to another disk is refused by every command, the link and the other file kept as they were; moved back, the pool is whole", async () => {
    const pool = await makePool(1);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 40 }, (_, i) => `diskuser${i}:Disk-Secret-${i}`).join('\n') + '\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const name = (await readdir(join(pool.dir, 'shards'))).find((n) => n.endsWith('.yaml'))!;
    const shard = join(pool.dir, 'shards', name);
    await mkdir(join(pool.base, 'disk2'));
    const away = join(pool.base, 'disk2', name);
    await rename(shard, away);
    await symlink(away, shard);
    const bytes = await readFile(away);

    const accounts = join(pool.base, 'accounts.csv');
    const more = join(pool.base, 'more.txt');
    await writeFile(more, 'newuser1:New-Secret-1\n');
    // verify --fix folded the change log into a new plain file in the link's place: the link gone, disk2's file left with old accounts.
    for (const args of [['allocate', '--count', '3', '--no-check', '--accountcsv', accounts], ['import', more, '--level', '30'], ['verify', '--fix'], ['verify'], ['status'], ['export', '--out', join(pool.base, 'all.txt')]]) {
      const result = await cli([...args, ...pool.args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stdout + result.stderr, args.join(' ')).toContain(`${shard}: the shard is a symbolic link to ${away}, not the pool's own file`);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(/Disk-Secret|missing|accept-loss/);
    }
    expect((await lstat(shard)).isSymbolicLink()).toBe(true);
    expect(await readlink(shard)).toBe(away);
    expect(await readFile(away)).toEqual(bytes);
    expect(await lstat(accounts).catch(() => undefined)).toBeUndefined(); // nothing handed out

    // As the message says: the link removed, the file moved back.
    await rm(shard);
    await rename(away, shard);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const allocate = await cli(['allocate', '--count', '3', '--no-check', '--accountcsv', accounts, ...pool.args]);
    expect(allocate.code, allocate.stderr).toBe(0);
    expect((await (await pool.open()).read()).size).toBe(40);
  });

  it("a peer's link brought by a hand-run `git pull` is refused by verify, status, show, allocate and export: nothing read through it", async () => {
    useGitEnv();
    const { base, clones } = await sharedPool(2, 30);
    const [host, peer] = clones as [string, string];
    const other = join(base, 'other-pool', 'shards', '2.yaml');
    await mkdir(join(base, 'other-pool', 'shards'), { recursive: true });
    await writeFile(other, '# accountpool shard 2: accounts by username\nsmuggled1: {password: "Other-Secret-1", provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 1}\n');
    const name = (await readdir(join(peer, 'shards'))).find((n) => n.endsWith('.yaml'))!;
    await gitIn(peer, 'rm', '-q', `shards/${name}`);
    await symlink(other, join(peer, 'shards', name));
    await gitIn(peer, 'add', `shards/${name}`);
    await gitIn(peer, 'commit', '-q', '-m', 'peer: a link');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    await gitIn(host, 'pull', '-q', '--no-rebase', 'origin', (await gitIn(peer, 'rev-parse', '--abbrev-ref', 'HEAD')).trim());
    const shard = join(host, 'shards', name);
    expect(await readlink(shard)).toBe(other); // git checked the link out as the link

    const accounts = join(base, 'accounts.csv');
    for (const args of [['verify'], ['status'], ['show', 'smuggled1'], ['allocate', '--count', '50', '--no-check', '--accountcsv', accounts], ['export', '--out', join(base, 'all.txt')]]) {
      const result = await cli([...args, '--pool', host]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stdout + result.stderr, args.join(' ')).toContain(`${shard}: the shard is a symbolic link to ${other}, not the pool's own file`);
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain('Other-Secret-1');
    }
    expect(await lstat(accounts).catch(() => undefined)).toBeUndefined();
    expect(await lstat(join(base, 'all.txt')).catch(() => undefined)).toBeUndefined();
    expect(await readlink(shard)).toBe(other);
  });
});
