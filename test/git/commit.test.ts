// One host: `init --git`, one commit per transaction with a message that says what happened,
// commits that touch only the accounts changed, and a failing git that never loses a change.
import { beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, ROOT_AS_ANY_USER, runCli, type CliResult } from '../helpers/cli.js';
import { Pool } from '../../src/store/pool.js';
import { commitPoolChanges } from '../../src/git/commit.js';
import { shardIndexOf, shardName } from '../../src/store/layout.js';
import { testdir } from '../helpers/testdir.js';
import { GIT_ENV, gitIn, makeGitPool, subjects, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

async function importAccounts(pool: { base: string; args: string[] }, count: number, level = (i: number) => 30 + (i % 2)): Promise<CliResult> {
  const dump = join(pool.base, 'dump.csv');
  await writeFile(dump, `username,password,level\n${Array.from({ length: count }, (_, i) => `acc${i},Secret-${i},${level(i)}`).join('\n')}\n`);
  const result = await cli(['import', dump, ...pool.args]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('init --git', () => {
  it('makes the pool a repository of its own with attributes, ignores, the driver, git.commit on and a first commit', async () => {
    const pool = await makeGitPool(4);
    expect(await readFile(join(pool.dir, '.gitattributes'), 'utf8')).toContain('shards/*.yaml merge=accountpool');
    expect(await readFile(join(pool.dir, '.gitattributes'), 'utf8')).toContain('shards/.manifest merge=accountpool');
    const ignored = await readFile(join(pool.dir, '.gitignore'), 'utf8');
    for (const pattern of ['.lock*', '.journal.json', '.cache/', '.inbox-receipts/', '*.tmp']) expect(ignored.split('\n')).toContain(pattern);
    expect(await gitIn(pool.dir, 'config', 'merge.accountpool.driver')).toMatch(/^'.+node[^']*' '.+\/bin\/accountpool\.js' merge-driver %O %A %B %P\n$/);
    expect(await gitIn(pool.dir, 'rev-parse', '--show-toplevel')).toBe(`${pool.dir}\n`);
    expect((await Pool.open(pool.dir)).config.git.commit).toBe(true);
    expect(await subjects(pool.dir)).toEqual(['accountpool init --git: the pool, versioned']);
    expect((await gitIn(pool.dir, 'ls-files')).split('\n').filter(Boolean).sort()).toEqual(['.gitattributes', '.gitignore', 'accountpool.yaml', 'shards/.manifest', 'shards/0.yaml', 'shards/1.yaml', 'shards/2.yaml', 'shards/3.yaml']);
    // the hooks that record what a hand-run git pull loses (src/git/git-hooks.ts): ours, executable
    for (const hook of ['post-merge', 'post-rewrite']) {
      const path = join(pool.dir, '.git', 'hooks', hook);
      expect((await readFile(path, 'utf8')).endsWith(`/bin/accountpool.js' git-hook ${hook} --pool . "$@"\n`)).toBe(true);
      expect((await stat(path)).mode & 0o111).toBe(0o111);
    }
    // again: nothing new, no new commit; a hook of the operator's own is left alone, and named
    const own = '#!/bin/sh\necho my own post-rewrite\n';
    await writeFile(join(pool.dir, '.git', 'hooks', 'post-rewrite'), own, { mode: 0o755 });
    const again = await cli(['init', '--git', ...pool.args]);
    expect(again.code).toBe(0);
    expect(await subjects(pool.dir)).toHaveLength(1);
    expect(await readFile(join(pool.dir, '.git', 'hooks', 'post-rewrite'), 'utf8')).toBe(own);
    expect(again.stdout).toMatch(/left your own .*post-rewrite as it is: add `.* git-hook post-rewrite --pool \. "\$@"` to it/);
    expect(again.stdout).not.toContain('installed the post-merge hook');
  });

  it('with a global core.hooksPath writes no hook in that shared folder and says what to do; with one inside the pool, installs there', async () => {
    const pool = await makeGitPool(2);
    const shared = join(pool.base, 'shared-hooks');
    const global = join(pool.base, 'global.gitconfig');
    // A user's ~/.gitconfig sending every repository's hooks to one folder (the test's config included).
    await writeFile(global, `[include]\n\tpath = ${GIT_ENV.GIT_CONFIG_GLOBAL}\n[core]\n\thooksPath = ${shared}\n`);
    process.env.GIT_CONFIG_GLOBAL = global;
    try {
      const again = await cli(['init', '--git', ...pool.args]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain(`not installed the post-merge and post-rewrite hooks: core.hooksPath (file:${global}) makes git run every hook from ${shared}, shared beyond this pool`);
      expect(again.stdout).toMatch(/add `.* git-hook post-merge --pool \. "\$@"` to .*shared-hooks\/post-merge/);
      expect(await readdir(shared).catch(() => [])).toEqual([]); // src/git/git-hooks.ts: until stop 52 ours landed here
      // The pool's own folder named by the repository's config: this repository's alone, so ours go there.
      await gitIn(pool.dir, 'config', 'core.hooksPath', '.git/pool-hooks');
      const own = await cli(['init', '--git', ...pool.args]);
      expect(own.stdout).toContain('installed the post-merge hook');
      expect(await readFile(join(pool.dir, '.git', 'pool-hooks', 'post-rewrite'), 'utf8')).toContain('git-hook post-rewrite --pool . "$@"');
    } finally {
      process.env.GIT_CONFIG_GLOBAL = GIT_ENV.GIT_CONFIG_GLOBAL;
    }
  });

  it('inside an outer repository, the pool is a repository of its own whose files the outer one never lists', async () => {
    const outer = await testdir({ 'README.txt': 'scanner setup\n' });
    await gitIn(outer, 'init', '--quiet');
    expect((await cli(['init', '--pool', join(outer, 'pool'), '--git'])).code).toBe(0);
    await importAccounts({ base: outer, args: ['--pool', join(outer, 'pool')] }, 5);
    expect(await gitIn(join(outer, 'pool'), 'rev-parse', '--show-toplevel')).toBe(`${join(outer, 'pool')}\n`);
    expect(await gitIn(outer, 'ls-files', '--others', '--exclude-standard')).toBe('README.txt\ndump.csv\npool/\n');
  });

  it('turns commits on in a settings file edited by hand: blank-only lines in the git section, `False` spelled as Python does', async () => {
    // The pattern that changes the one word once tried each such line in as many ways as it has
    // blanks, in every combination: ten lines of eight blanks took 75 s, twelve would take hours.
    const pool = await makeGitPool(2);
    await rm(join(pool.dir, '.git'), { recursive: true });
    const file = join(pool.dir, 'accountpool.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^git:\n(?:[ \t]+[^\n]*\n)*/m, `git:\n${'        \n'.repeat(12)}  commit: False\n`));
    const result = await cli(['init', '--git', ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    expect((await Pool.open(pool.dir)).config.git.commit).toBe(true);
  });

  it('turns an existing pool into a repository, keeping its accounts', async () => {
    const pool = await makeGitPool(4);
    await rm(join(pool.dir, '.git'), { recursive: true });
    // git.commit is on but there is no repository: a warning, and the import stands
    expect((await importAccounts(pool, 10)).stderr).toContain('is not a git repository of its own: run `accountpool init --git');
    // A hook every new repository gets (an organisation's init.templateDir: a secret scanner that
    // refuses the shards' passwords) never runs for init's commit (run-git.ts NO_HOOKS; until stop 59 it failed init).
    const template = join(pool.base, 'template');
    await mkdir(join(template, 'hooks'), { recursive: true });
    await writeFile(join(template, 'hooks', 'pre-commit'), `#!/bin/sh\necho pre-commit >> "${join(pool.base, 'hook-ran')}"\nexit 1\n`, { mode: 0o755 });
    process.env.GIT_TEMPLATE_DIR = template;
    try {
      const result = await cli(['init', '--git', ...pool.args]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('made it a git repository of its own');
    } finally {
      delete process.env.GIT_TEMPLATE_DIR;
    }
    expect(await readFile(join(pool.dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain('exit 1'); // the template's, in place
    expect(await readFile(join(pool.base, 'hook-ran'), 'utf8').catch(() => 'none')).toBe('none');
    expect(await gitIn(pool.dir, 'show', 'HEAD:shards/0.yaml')).toContain('"acc');
  });
});

describe('one commit per transaction', () => {
  it('says what the transaction did, and leaves a clean tree (locks, cache and journal ignored)', async () => {
    const pool = await makeGitPool(8);
    await importAccounts(pool, 50);
    // The operator's own hooks do not run for the pool's commits, made under its lock: until stop 58
    // one that hung held the lock as long (every other command "pool is busy"), one that refused
    // (a secret scanner finding the passwords) failed every commit.
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit']) await writeFile(join(pool.dir, '.git', 'hooks', hook), `#!/bin/sh\necho ${hook} >> "$GIT_DIR/../hook-ran"\nexit 1\n`, { mode: 0o755 });
    const marked = await cli(['mark', 'acc1', 'acc2', 'acc3', 'acc4', 'acc5', '--verdict', 'temp_banned', ...pool.args]);
    expect(marked.code).toBe(0);
    expect(marked.stderr).not.toContain('committing it to git failed');
    expect(await readFile(join(pool.dir, 'hook-ran'), 'utf8').catch(() => 'none')).toBe('none');
    expect((await subjects(pool.dir)).slice(0, 2)).toEqual(['mark 5 accounts temp_banned', 'import dump.csv: 50 added, 0 updated']);
    expect(await gitIn(pool.dir, 'status', '--porcelain', '--ignored=no')).toBe('');

    // Files past WHOLE_INDEX_ABOVE are added once and the index committed, only where it holds
    // nothing else: a file the operator staged is never in the pool's commit, and stays staged.
    const edit = async (shard: string) => writeFile(join(pool.dir, 'shards', shard), `${await readFile(join(pool.dir, 'shards', shard), 'utf8')}# by hand\n`);
    const committed = async () => (await gitIn(pool.dir, 'show', '--format=', '--name-only', 'HEAD')).split('\n').filter(Boolean);
    await writeFile(join(pool.dir, 'NOTES'), 'the operator\'s\n');
    await gitIn(pool.dir, 'add', 'NOTES');
    await edit('0.yaml');
    expect(await commitPoolChanges(pool.dir, 'by hand', [], 0)).toBe(true);
    expect(await committed()).toEqual(['shards/0.yaml']);
    expect((await gitIn(pool.dir, 'status', '--porcelain', '--ignored=no')).trim()).toBe('A  NOTES');
    await gitIn(pool.dir, 'reset', '--quiet', 'NOTES');
    await edit('1.yaml');
    expect(await commitPoolChanges(pool.dir, 'by hand', [], 0)).toBe(true);
    expect(await committed()).toEqual(['shards/1.yaml']);
    expect((await gitIn(pool.dir, 'status', '--porcelain', '--ignored=no')).trim()).toBe('?? NOTES');
  });

  it('after allocating 400 accounts, the commit touches only their shards and only their lines', async () => {
    const pool = await makeGitPool(256);
    await importAccounts(pool, 3000);
    const out = join(pool.base, 'accounts.csv');
    const result = await cli(['allocate', '--count', '400', '--min-level', '30', '--max-level', '31', '--no-check', '--accountcsv', out, '--instance', 'monocle-east', ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    expect((await subjects(pool.dir))[0]).toBe('allocate 400 to monocle-east (level 30-31; 0 failed checks)');
    const held = [...(await (await Pool.open(pool.dir)).read()).accounts()].filter((a) => a.holder === 'monocle-east').map((a) => a.username);
    expect(held).toHaveLength(400);
    const shards = new Set(held.map((u) => `shards/${shardName(shardIndexOf(u, 256), 256)}.yaml`));
    expect(shards.size).toBeLessThan(256); // the check below means something
    const stat = (await gitIn(pool.dir, 'show', '--format=', '--name-only', 'HEAD')).split('\n').filter(Boolean);
    // ...and the month's history file, which the allocation appended its events to
    const month = (await readdir(join(pool.dir, 'history')))[0];
    expect(new Set(stat)).toEqual(new Set([...shards, `history/${month}`]));
    const diff = (await gitIn(pool.dir, 'show', '--format=', 'HEAD')).split('\n');
    const changed = (sign: string) => diff.filter((l) => l.startsWith(`${sign}"`)).map((l) => JSON.parse(l.slice(1).split(': {')[0]!) as string).sort();
    expect(changed('-')).toEqual([...held].sort());
    expect(changed('+')).toEqual([...held].sort());
  });
});

describe('a failing git never loses the pool change', () => {
  it('with .git/index.lock present: the command succeeds, warns, keeps the change in the working tree; the next commit takes it', async () => {
    const pool = await makeGitPool(8);
    await importAccounts(pool, 20);
    const head = await gitIn(pool.dir, 'rev-parse', 'HEAD');
    await writeFile(join(pool.dir, '.git', 'index.lock'), '');
    const result = await runCli(['mark', 'acc1', '--verdict', 'blind', ...pool.args], { env: GIT_ENV });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the pool change (mark 1 account blind) is saved, but committing it to git failed');
    expect(result.stderr).toContain('index.lock');
    expect(result.stderr).toContain('stays in the working tree');
    expect(result.stderr).not.toContain('Secret-');
    expect((await (await Pool.open(pool.dir)).read()).get('acc1')?.state).toBe('blind');
    expect(await gitIn(pool.dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toMatch(/^ M history\/\d{4}-\d\d\.txt\n M shards\/\d\.yaml\n$/);

    await rm(join(pool.dir, '.git', 'index.lock'));
    // A command that changes nothing commits the change left behind, under its own words (until
    // stop 56 it waited in the working tree for the next change: no other host saw it).
    const shardOf = (u: string) => `shards/${shardName(shardIndexOf(u, 8), 8)}.yaml`;
    const months = (await readdir(join(pool.dir, 'history'))).map((m) => `history/${m}`);
    const committedLast = async () => ({
      message: await gitIn(pool.dir, 'log', '-1', '--format=%B'),
      files: new Set((await gitIn(pool.dir, 'show', '--format=', '--name-only', 'HEAD')).split('\n').filter(Boolean)),
    });
    expect((await cli(['release', '--instance', 'nobody', ...pool.args])).code).toBe(0);
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toBe('');
    let last = await committedLast();
    expect(last.message).toMatch(/^mark 1 account blind\n\nCommitted by a later command/);
    expect(last.files).toEqual(new Set([shardOf('acc1'), ...months]));
    expect(await gitIn(pool.dir, 'show', `HEAD:${shardOf('acc1')}`)).toMatch(/"acc1": \{[^}]*"state": "blind"/);

    // A process killed after its transaction and before its git commit (here its hook dies with
    // it): the next transaction commits that change first, then its own.
    const killed = await Pool.open(pool.dir);
    killed.afterCommit = async () => {
      throw new Error('killed before its git commit');
    };
    await expect(
      killed.transaction((tx) => {
        tx.put({ ...tx.get('acc3')!, state: 'blind' });
        tx.message = 'mark 1 account blind (killed)';
      }),
    ).rejects.toThrow('killed before');
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toContain(shardOf('acc3'));
    expect((await cli(['mark', 'acc2', '--verdict', 'warned', ...pool.args])).code).toBe(0);
    expect(await gitIn(pool.dir, 'status', '--porcelain')).toBe('');
    last = await committedLast();
    expect(last.message.startsWith('mark 1 account warned')).toBe(true);
    expect(last.files).toEqual(new Set([shardOf('acc2'), ...months]));
    expect(await subjects(pool.dir)).toContain('mark 1 account blind (killed)');
    expect(await gitIn(pool.dir, 'show', `HEAD~1:${shardOf('acc3')}`)).toMatch(/"acc3": \{[^}]*"state": "blind"/);
  });

  // Root writes into any folder: as root (CI) the command runs without root's capabilities.
  it('with a read-only .git: the same', async () => {
    const pool = await makeGitPool(4);
    await importAccounts(pool, 5);
    const dotgit = join(pool.dir, '.git');
    await chmod(dotgit, 0o500);
    try {
      const result = await runCli(['mark', 'acc1', '--verdict', 'blind', ...pool.args], { env: GIT_ENV, under: ROOT_AS_ANY_USER });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('stays in the working tree');
      expect((await (await Pool.open(pool.dir)).read()).get('acc1')?.state).toBe('blind');
    } finally {
      await chmod(dotgit, 0o700);
    }
  });
});
