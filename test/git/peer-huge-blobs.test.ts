// A peer's blob of a hundred megabytes where sync reads one through git: the record of the shards
// (`shards/.manifest`, tree-record.ts), read whole through a 256 MB buffer before its 4 MB limit
// was checked. A record that large is now refused off the tree's listing of sizes with any pool
// file (peer-file-size.ts, the shard test below); one over the record's own 4 MB bound and under
// that floor is refused off its listed size, and gitObject's read is bounded as git writes it
// (the last test: a blob over the bound refused on its header, never streamed).
// A peer's shard of a hundred megabytes was checked out (written whole), merged (read whole by the
// merge driver) and read again after the pull: it is now refused off the tree's listing of sizes
// (peer-file-size.ts) before the rebase checks anything out, and the driver refuses it too.
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn, sharedPool, stateForFile, useGitEnv } from './helpers.js';
import { gitObject, GitError } from '../../src/git/run-git.js';
import { FILE_FLOOR_BYTES } from '../../src/git/peer-file-size.js';

beforeAll(useGitEnv);

/** Appends `megabytes` MB of comment lines (the record's own `#` lines, compressed to almost nothing by git). */
async function grow(file: string, megabytes: number): Promise<void> {
  const handle = await open(file, 'a');
  const chunk = Buffer.from(`#${'x'.repeat(1022)}\n`.repeat(1024));
  for (let i = 0; i < megabytes; i++) await handle.write(chunk);
  await handle.close();
}

/**
 * Two hosts (the 30-account template) whose peer holds, unpublished, a shard of 65 MB (over the
 * 64 MB floor) committed on a branch `huge`, and on a branch `hidden` a commit after it putting the
 * shard back: made once for the file (the 65 MB written and hashed once; compressed, git keeps a few
 * KB of it) and copied for each test, the peer's work tree back on `main` (no 65 MB file to copy).
 * Until stop 50 the two tests made theirs, of 65 and 72 MB.
 */
const hugeShardCommitted = stateForFile(async () => {
  const { base, clones } = await sharedPool(2, 30);
  const peer = clones[1]!;
  const shard = join(peer, 'shards', '3.yaml');
  await gitIn(peer, 'checkout', '-q', '-b', 'huge');
  await grow(shard, 65);
  await gitIn(peer, 'commit', '-qam', 'peer: a huge shard');
  await gitIn(peer, 'checkout', '-q', 'main');
  const back = (await gitIn(peer, 'commit-tree', 'main^{tree}', '-p', 'huge', '-m', 'peer: the shard as it was')).trim();
  await gitIn(peer, 'branch', 'hidden', back);
  return base;
});

/** A copy of the file's state: this host and the peer. */
async function hostAndPeer(): Promise<[string, string]> {
  const base = await hugeShardCommitted();
  return [join(base, 'host0'), join(base, 'host1')];
}

describe("a peer's huge blob", () => {
  // 6 MB: over the record's 4 MB bound (tree-record.ts) and under the 64 MB floor of any file
  // (peer-file-size.ts), so only the record's own bound refuses it. Taken, its comment lines read
  // as a record: the sync would pass (160 MB until stop 46, refused by the floor before the record
  // was looked at, and ~40 % of this file's time in writing and hashing it).
  it('a record of the shards of 6 MB: sync refuses it naming commit and file, within a 64 MB heap; nothing changed', async () => {
    const { clones } = await sharedPool(2, 30);
    const [host, peer] = clones as [string, string];
    const record = join(peer, 'shards', '.manifest');
    await grow(record, 6);
    const size = (await stat(record)).size;
    await gitIn(peer, 'commit', '-qam', 'peer: a huge record');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    const pushed = (await gitIn(peer, 'rev-parse', 'HEAD')).trim();
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

    const run = await runCli(['sync', '--pool', host], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`(commit ${pushed.slice(0, 12)}): shards/.manifest is ${size} bytes, no record of shards a pool writes`);
    expect(run.stderr).toContain('Nothing was synced or changed here');
    expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
  }, 120_000);

  it('a shard of 65 MB (over the 64 MB floor): sync refuses it off its size before the rebase, within a 64 MB heap; nothing checked out or changed', async () => {
    const [host, peer] = await hostAndPeer();
    await gitIn(peer, 'push', '-q', 'origin', 'huge:main');
    const pushed = (await gitIn(peer, 'rev-parse', 'huge')).trim();
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();
    const shardBefore = await readFile(join(host, 'shards', '3.yaml'));

    const run = await runCli(['sync', '--pool', host], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`commit ${pushed.slice(0, 12)}) holds files far larger than any pool file here: shards/3.yaml is 65.0 MB`);
    expect(run.stderr).toContain('Nothing was synced or changed here');
    expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
    expect(await readFile(join(host, 'shards', '3.yaml'))).toEqual(shardBefore);
    expect((await gitIn(host, 'status', '--porcelain')).trim()).toBe('');
    // The pool still writes and syncs once the peer takes the commit out of the remote's history
    // (a revert would keep the blob in a commit before the tip, refused too: the next test).
    await gitIn(peer, 'push', '-q', '--force', 'origin', 'main:main');
    const again = await runCli(['sync', '--pool', host]);
    expect(again.code, again.stderr).toBe(0);
  }, 120_000);

  it('a 65 MB shard in a commit before the tip (added, then taken out): sync refuses the commits naming the file, commit, object and size; nothing changed', async () => {
    const [host, peer] = await hostAndPeer();
    const hidden = (await gitIn(peer, 'rev-parse', 'huge:shards/3.yaml')).trim();
    const bringing = (await gitIn(peer, 'rev-parse', 'huge')).trim();
    await gitIn(peer, 'push', '-q', 'origin', 'hidden:main');
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();

    const run = await runCli(['sync', '--pool', host]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`in a commit before the last one: shards/3.yaml (commit ${bringing.slice(0, 12)}, object ${hidden.slice(0, 12)}) is 65.0 MB`);
    expect(run.stderr).toContain('Nothing was synced or changed here');
    expect(run.stderr).toContain('gc --prune=now');
    expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
    expect((await gitIn(host, 'status', '--porcelain')).trim()).toBe('');
  }, 120_000);

  it('the merge driver refuses a version far larger than its own before reading it: exit 1, OURS untouched', async () => {
    const dir = await testdir({ 'base.yaml': 'accounts:\n', 'ours.yaml': 'accounts:\n' });
    await grow(join(dir, 'theirs.yaml'), FILE_FLOOR_BYTES / 1024 / 1024 + 1);
    const run = await cli(['merge-driver', 'base.yaml', 'ours.yaml', 'theirs.yaml', 'shards/3.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`merge-driver: shards/3.yaml: THEIRS is ${FILE_FLOOR_BYTES + 1024 * 1024} bytes, over the ${FILE_FLOOR_BYTES}`);
    expect(await readFile(join(dir, 'ours.yaml'), 'utf8')).toBe('accounts:\n');
  }, 60_000);

  it('gitObject reads a blob sizes first: over the bound refused on its header, never streamed; under it exact; a missing one undefined', async () => {
    const dir = await testdir();
    await gitIn(dir, 'init', '--quiet');
    // 96 MB: read whole it would add more than the 64 MB the rss may grow by.
    await grow(join(dir, 'big'), 96);
    await writeFile(join(dir, 'small'), 'a\nb\n');
    await gitIn(dir, 'add', 'big', 'small');
    await gitIn(dir, 'commit', '-qm', 'x');
    expect((await stat(join(dir, 'big'))).size).toBe(96 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const error = await gitObject('HEAD:big', { cwd: dir, maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).overLimit).toBe(true);
    expect((error as GitError).message).toContain(`the object is ${96 * 1024 * 1024} bytes, over 1048576: not read`);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect((await gitObject('HEAD:small', { cwd: dir, maxBytes: 4 }))?.toString()).toBe('a\nb\n');
    expect(await gitObject('HEAD:absent', { cwd: dir, maxBytes: 4 })).toBeUndefined();
    await expect(gitObject('HEAD:small\nHEAD:big', { cwd: dir, maxBytes: 4 })).rejects.toThrow(/line break/);
  }, 60_000);
});
