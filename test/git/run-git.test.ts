// Running git: never through a shell, errors that name the command, credentials blanked.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git, GitError, redact } from '../../src/git/run-git.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe('git runner', () => {
  it('passes arguments as they are: a commit message with shell syntax is only text', async () => {
    const dir = await testdir({ 'f.txt': 'x' });
    await gitIn(dir, 'init', '--quiet');
    await git(['add', 'f.txt'], { cwd: dir });
    const message = 'allocate 1 to $(touch pwned) `touch pwned2`; echo "x" > pwned3';
    await git(['commit', '--quiet', '-m', message], { cwd: dir });
    expect(await gitIn(dir, 'log', '-1', '--format=%s')).toBe(`${message}\n`);
    for (const file of ['pwned', 'pwned2', 'pwned3']) await expect(access(join(dir, file))).rejects.toThrow();
  });

  it('fails with a GitError naming the git command and quoting git', async () => {
    const dir = await testdir();
    const error = await git(['rev-parse', 'HEAD'], { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/^git rev-parse HEAD failed \(exit 128\): fatal: not a git repository/);
  });

  it("bounds git's delta base cache in every git it runs (a 1,000,000-account rebase held 96 MB of it), the caller's own GIT_CONFIG entries kept", async () => {
    const dir = await testdir();
    await gitIn(dir, 'init', '--quiet');
    await gitIn(dir, 'config', 'core.deltaBaseCacheLimit', '512m'); // the repository's own: outranked
    expect((await git(['config', '--get', 'core.deltaBaseCacheLimit'], { cwd: dir })).stdout.trim()).toBe('16m');
    // useGitEnv's GIT_CONFIG_COUNT entry (init.defaultBranch) still read, and passed on to what git runs in turn.
    expect((await git(['config', '--get', 'init.defaultBranch'], { cwd: dir })).stdout.trim()).toBe('main');
    expect((await git(['-c', 'alias.limit=!git config --get core.deltaBaseCacheLimit', 'limit'], { cwd: dir })).stdout.trim()).toBe('16m');
    // No hook of the operator's runs under any git of ours (NO_HOOKS), but where they are is still read as the operator set it.
    await gitIn(dir, 'config', 'core.hooksPath', '.githooks');
    expect((await git(['config', '--get', 'core.hooksPath'], { cwd: dir })).stdout.trim()).toBe('/dev/null');
    expect((await git(['config', '--get', 'core.hooksPath'], { cwd: dir, operatorHooks: true })).stdout.trim()).toBe('.githooks');
    // A git older than 2.31 (Debian 11's 2.30, Ubuntu 20.04's 2.25) does not read GIT_CONFIG_COUNT
    // and says nothing: played by a `git` first on PATH that drops it. A refusing pre-commit still never runs.
    await mkdir(join(dir, '.githooks'));
    await writeFile(join(dir, '.githooks', 'pre-commit'), `#!/bin/sh\ntouch '${join(dir, 'hook-ran')}'\nexit 1\n`, { mode: 0o755 });
    const bin = join(dir, 'old-git');
    await mkdir(bin);
    await writeFile(join(bin, 'git'), `#!/bin/sh\nunset GIT_CONFIG_COUNT\nPATH='${process.env.PATH}' exec git "$@"\n`, { mode: 0o755 });
    vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
    try {
      expect((await git(['config', '--get', 'core.deltaBaseCacheLimit'], { cwd: dir })).stdout.trim()).toBe('16m');
      await git(['commit', '--quiet', '--allow-empty', '-m', 'the pool commits'], { cwd: dir });
      await expect(access(join(dir, 'hook-ran'))).rejects.toThrow();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("never passes serve's token on to git, nor so to what git runs (hooks, ssh, credential helpers)", async () => {
    vi.stubEnv('ACCOUNTPOOL_TOKEN', 'tok-secret');
    try {
      const shown = await git(['-c', 'alias.token=!printf %s "${ACCOUNTPOOL_TOKEN:-no token}"', 'token'], { cwd: await testdir() });
      expect(shown.stdout).toBe('no token');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('blanks credentials in remote URLs, in messages and in git\'s own words', async () => {
    expect(redact('fatal: unable to access https://bob:hunter2@git.example.com/pool.git/')).toBe('fatal: unable to access https://bob:***@git.example.com/pool.git/');
    expect(redact('https://ghp_token123@github.com/x/y')).toBe('https://***@github.com/x/y');
    expect(redact('ssh://git@host/pool.git')).toBe('ssh://***@host/pool.git');
    const dir = await testdir();
    await gitIn(dir, 'init', '--quiet');
    await writeFile(join(dir, 'f'), 'x');
    const error = (await git(['push', 'https://bob:hunter2@127.0.0.1:9/pool.git', 'HEAD'], { cwd: dir, timeoutMs: 20_000 }).catch((e: unknown) => e)) as GitError;
    expect(error).toBeInstanceOf(GitError);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('bob:***@127.0.0.1');
  });
});
