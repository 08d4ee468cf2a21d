// Real git in temp folders for the git tests: a fixed identity and no user or system config, so
// the tests behave the same on every machine, and `main` as the default branch.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Host',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test Host',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  // -c init.defaultBranch=main for every git the code under test runs, too
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'init.defaultBranch',
  GIT_CONFIG_VALUE_0: 'main',
};

/** The code under test runs git with process.env: give this test file's process the test identity. */
export function useGitEnv(): void {
  Object.assign(process.env, GIT_ENV);
}

/** Runs git directly (for setting up and inspecting); rejects with git's stderr. */
export function gitIn(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** A new pool made by `init --git` in a temp folder. */
export async function makeGitPool(shards = 8): Promise<{ base: string; dir: string; args: string[] }> {
  const base = await testdir();
  const dir = join(base, 'pool');
  const result = await cli(['init', '--pool', dir, '--shards', String(shards), '--git']);
  expect(result.code, result.stderr).toBe(0);
  return { base, dir, args: ['--pool', dir] };
}

/** Commit subjects, newest first. */
export async function subjects(dir: string): Promise<string[]> {
  return (await gitIn(dir, 'log', '--format=%s')).split('\n').filter(Boolean);
}
