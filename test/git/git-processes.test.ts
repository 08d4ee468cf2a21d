// How many git processes a typical sync starts. Each costs a fork and exec and git's own start
// (a few ms of CPU): they were most of what a sync that finds nothing to do cost, and of the git
// tests' time. Counted through a `git` first on PATH that logs its arguments and runs the real
// one, so a change that asks git again for what the sync already knows shows up here.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessSync, constants, readFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

const realGit = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'git')).find((path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

const originalPath = process.env.PATH;
const originalTrace = process.env.GIT_TRACE;
afterEach(() => {
  process.env.PATH = originalPath;
});

/**
 * Runs the CLI in this process with a logging git first on PATH; returns its result, each git's
 * arguments, and the processes those gits started themselves (`run_command:` lines of GIT_TRACE,
 * git's run-command.c: a git runs its helpers by their full path, never through PATH).
 */
async function counted(args: string[]): Promise<{ code: number; stderr: string; gits: string[]; started: string[] }> {
  const bin = await testdir();
  const log = join(bin, 'git.log');
  const trace = join(bin, 'git-trace.log');
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  await writeFile(log, '');
  await writeFile(trace, '');
  process.env.PATH = `${bin}${delimiter}${originalPath}`;
  process.env.GIT_TRACE = trace;
  try {
    const result = await cli(args);
    const started = (await readFile(trace, 'utf8')).split('\n').filter((line) => line.includes('trace: run_command: '));
    return { code: result.code, stderr: result.stderr, gits: (await readFile(log, 'utf8')).split('\n').filter(Boolean), started: started.map((line) => line.slice(line.indexOf('run_command: ') + 13)) };
  } finally {
    process.env.PATH = originalPath;
    if (originalTrace === undefined) delete process.env.GIT_TRACE;
    else process.env.GIT_TRACE = originalTrace;
  }
}

describe('git processes of a sync', () => {
  it('a sync with nothing to do starts 9 (11 as a clone\'s first command), one that pulls a commit and pushes one 21 and runs no hook, and reads the config once', async () => {
    expect(realGit).toBeDefined();
    const { base, clones } = await sharedPool(2, 30);
    const [a, b] = clones as [string, string];

    const idle = await counted(['sync', '--pool', b]);
    expect(idle.code, idle.stderr).toBe(0);
    // config, status, ls-tree -r HEAD (read by both checks below: tree-listing.ts), read-tree and
    // check-attr --cached into a scratch index (every pool file merged by accountpool's driver,
    // merge-attributes.ts; no link published, tree-kinds.ts: no git of its own), fetch, cat-file
    // --batch-check (the remote's head, the host files HEAD and it track), log (the clocks), rev-list --left-right;
    // and, as the first command on a clone (no record of live holds yet), rev-parse of HEAD and a
    // grep of its shards' held lines: the record made from the holds published (published-holds.ts), once.
    expect(idle.gits, idle.gits.join('\n')).toHaveLength(11);
    expect(idle.gits.filter((args) => args.startsWith('grep ')), idle.gits.join('\n')).toHaveLength(1);

    expect((await cli(['mark', 'acc1', '--verdict', 'blind', '--pool', a])).code).toBe(0);
    expect((await cli(['sync', '--pool', a])).code).toBe(0);
    expect((await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', join(base, 'b.csv'), '--instance', 'b', '--pool', b])).code).toBe(0);
    // The operator's own hooks, each hanging: none runs under the sync's rebase, commits and push,
    // all made under the pool lock (run-git.ts NO_HOOKS; until stop 59 a pre-rebase, a
    // prepare-commit-msg or a pre-push that hung held the lock as long: every command "pool is busy").
    const hooks = ['pre-rebase', 'pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout', 'reference-transaction', 'pre-push', 'pre-auto-gc', 'pre-merge-commit'];
    for (const hook of hooks) await writeFile(join(b, '.git', 'hooks', hook), `#!/bin/sh\necho ${hook} >> "${join(base, 'hooks-ran')}"\nsleep 60\n`, { mode: 0o755 });
    let deadline: NodeJS.Timeout | undefined;
    const both = await Promise.race([
      counted(['sync', '--pool', b]),
      new Promise<never>((_, reject) => (deadline = setTimeout(() => reject(new Error(`a hook ran: ${readFileSync(join(base, 'hooks-ran'), 'utf8')}`)), 30_000))),
    ]).finally(() => clearTimeout(deadline));
    expect(both.code, both.stderr).toBe(0);
    expect(await readFile(join(base, 'hooks-ran'), 'utf8').catch(() => 'none')).toBe('none');
    expect(both.started.filter((command) => command.includes('hooks/')), both.started.join('\n')).toEqual([]);
    // and ls-tree -r of the remote's head, read-tree and check-attr of it (no link taken, no pool file
    // merged by another driver), rev-list --objects of every commit taken (no huge file before the tip: fetched-blobs.ts), rev-list of accountpool.yaml (a reshard?), rebase, rev-list --count after it, push;
    // log --raw of every commit taken (the file count of each, not only the tip's: fetched-trees.ts);
    // rev-parse of HEAD before the rebase; then what the rebase changed, asked once for both of its
    // readers (pulled-shards.ts): diff --name-status of the shards it changed and cat-file of HEAD's
    // copy of each (one here), which the check of what the pull took reads (taken-check.ts: a peer's
    // cut or unparseable shard is undone, the accounts HEAD held there must still be somewhere) and the
    // clock sightings read with it (clock-sightings.ts: which holds were this host's own). Until stop 49
    // the sightings asked again: rev-parse of HEAD before and after, diff --name-only, cat-file (25).
    expect(both.gits, both.gits.join('\n')).toHaveLength(21);
    for (const { gits } of [idle, both]) expect(gits.filter((args) => args.startsWith('config ')), gits.join('\n')).toEqual(['config --list -z']);
  });

  it('a transaction commits with two git processes when it adds no file; allocate --sync reads the config once', async () => {
    const { base, clones } = await sharedPool(1, 30);
    const [a] = clones as [string];
    const allocated = await counted(['allocate', '--count', '5', '--no-check', '--accountcsv', join(base, 'a.csv'), '--instance', 'a', '--pool', a]);
    expect(allocated.code, allocated.stderr).toBe(0);
    // The clone's first command: the record of live holds made from HEAD's (rev-parse, grep: published-holds.ts), once;
    // then status, commit: no `git add` of shards git already tracks
    expect(allocated.gits.map((args) => args.replace(/^(-c \S+ )+/, '').split(' ')[0]), allocated.gits.join('\n')).toEqual(['rev-parse', 'grep', 'status', 'commit']);
    // and the commit starts no git of its own: the host's trailer is a paragraph of the message, not
    // `--trailer` (a `git interpret-trailers` each commit). (The tests' git config turns off git's
    // `maintenance run --auto` after a commit, tests.gitconfig.)
    expect(allocated.started).toEqual([]);
    expect(await gitIn(a, 'log', '-1', '--format=%(trailers:key=Accountpool-Host,valueonly)')).toMatch(/^\S+-[0-9a-f]{6}\n/);

    // allocate --sync: its two syncs (before and to publish) read git config once between them
    const synced = await counted(['allocate', '--sync', '--count', '5', '--no-check', '--accountcsv', join(base, 'a.csv'), '--instance', 'a', '--pool', a]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.gits.filter((args) => args.startsWith('config ')), synced.gits.join('\n')).toEqual(['config --list -z']);
  });
});
