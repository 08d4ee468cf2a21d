// A peer's commit of very many small files, or of many files each just under the per-file bound:
// every host that synced listed the whole tree into memory and checked every file out (inodes and
// disk), where the per-file bound (peer-file-size.ts) saw nothing wrong. Now the tree's file count,
// its bytes in all and the length of its listing are bounded off `ls-tree` (peer-tree-size.ts),
// before the rebase checks anything out. The trees are made with git's own plumbing
// (`update-index --index-info`: one blob named many times), as a hostile peer would.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GIT_ENV, gitIn, sharedPool, useGitEnv } from './helpers.js';
import { FILES_FLOOR, TREE_BYTES_FLOOR } from '../../src/git/peer-tree-size.js';

beforeAll(useGitEnv);

function gitInput(cwd: string, input: string | Buffer, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd, input, env: { ...process.env, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.toString('utf8').trim();
}

/** Pushes, from `peer`, a commit on its HEAD whose tree is HEAD's plus `count` files named by `name`, each the blob of `bytes`. */
async function pushFiles(peer: string, count: number, name: (i: number) => string, bytes: Buffer): Promise<string> {
  const blob = gitInput(peer, bytes, 'hash-object', '-w', '--stdin');
  const index = join(peer, '.git', 'hostile-index');
  const env = { ...process.env, ...GIT_ENV, GIT_INDEX_FILE: index };
  spawnSync('git', ['read-tree', 'HEAD'], { cwd: peer, env });
  const lines = Array.from({ length: count }, (_, i) => `100644 ${blob}\t${name(i)}\n`).join('');
  const added = spawnSync('git', ['update-index', '--index-info'], { cwd: peer, env, input: lines });
  expect(added.status, added.stderr.toString()).toBe(0);
  const tree = spawnSync('git', ['write-tree'], { cwd: peer, env }).stdout.toString().trim();
  const commit = gitInput(peer, 'peer: many files\n', 'commit-tree', tree, '-p', 'HEAD');
  await gitIn(peer, 'push', '-q', '--force', 'origin', `${commit}:refs/heads/${(await gitIn(peer, 'rev-parse', '--abbrev-ref', 'HEAD')).trim()}`);
  return commit;
}

describe("a peer's commit of very many files", () => {
  it('more files than any pool holds (in the tip or a commit before it), more bytes in all, or a listing of huge names: refused naming the commit, nothing checked out', async () => {
    const { clones } = await sharedPool(2, 30); // the 30-account template most git files use: how many accounts is not the point
    const [host, peer] = clones as [string, string];
    const headBefore = (await gitIn(host, 'rev-parse', 'HEAD')).trim();
    const filesBefore = await readdir(host);
    const sync = async () => {
      const run = await runCli(['sync', '--pool', host]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('Nothing was synced or changed here');
      expect((await gitIn(host, 'rev-parse', 'HEAD')).trim()).toBe(headBefore);
      expect(await readdir(host)).toEqual(filesBefore);
      expect((await gitIn(host, 'status', '--porcelain')).trim()).toBe('');
      return run.stderr;
    };

    // 25,000 files of one line each (the per-file bound never sees them).
    const many = await pushFiles(peer, FILES_FLOOR + 5000, (i) => `junk/${i}.txt`, Buffer.from('x\n'));
    expect(await sync()).toContain(`(commit ${many.slice(0, 12)}) holds ${FILES_FLOOR + 5000 + (await gitIn(peer, 'ls-tree', '-r', '--name-only', 'HEAD')).split('\n').filter(Boolean).length} files, far more than any pool holds (the bound is ${FILES_FLOOR} files`);

    // 19,500 files of 56 KB (under the file count's bound, each far under the file bound): 1,066 MB to check out.
    const heavy = await pushFiles(peer, 19_500, (i) => `junk/${i}.bin`, Buffer.alloc(56 * 1024));
    expect(await sync()).toMatch(new RegExp(`\\(commit ${heavy.slice(0, 12)}\\) holds 1066\\.\\d MB in \\d+ files, far more than any pool holds \\(the bound is ${TREE_BYTES_FLOOR / 1024 / 1024}\\.0 MB`));

    // 3,000 files named by 4,000-byte paths: a listing of 12 MB, refused as it is read.
    const long = await pushFiles(peer, 3000, (i) => `${'d'.repeat(200)}/`.repeat(19) + `${i}`, Buffer.from('x\n'));
    expect(await sync()).toContain(`(commit ${long.slice(0, 12)}) lists more than`);

    // 25,000 files in a commit before the tip, taken out again by the tip (whose tree is this pool's
    // own): counted commit by commit off their adds and deletes (fetched-trees.ts).
    const branch = (await gitIn(peer, 'rev-parse', '--abbrev-ref', 'HEAD')).trim();
    const hidden = await pushFiles(peer, FILES_FLOOR + 5000, (i) => `hidden/${i}.txt`, Buffer.from('y\n'));
    const takenOut = gitInput(peer, 'peer: taken out again\n', 'commit-tree', `${headBefore}^{tree}`, '-p', hidden);
    await gitIn(peer, 'push', '-q', '--force', 'origin', `${takenOut}:refs/heads/${branch}`);
    const ownFiles = (await gitIn(peer, 'ls-tree', '-r', '--name-only', headBefore)).split('\n').filter(Boolean).length;
    expect(await sync()).toContain(`(commit ${hidden.slice(0, 12)}, before the last one fetched) holds ${FILES_FLOOR + 5000 + ownFiles} files, far more than any pool holds`);

    // The peer takes them back: the pool syncs again.
    await gitIn(peer, 'push', '-q', '--force', 'origin', `${headBefore}:refs/heads/${(await gitIn(peer, 'rev-parse', '--abbrev-ref', 'HEAD')).trim()}`);
    const again = await runCli(['sync', '--pool', host]);
    expect(again.code, again.stderr).toBe(0);
  }, 180_000);
});
