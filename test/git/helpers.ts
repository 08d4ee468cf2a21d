// Real git in temp folders for the git tests: a fixed identity and no user or system config, so
// the tests behave the same on every machine, and `main` as the default branch.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { Pool } from '../../src/store/pool.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';

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

/** git runs the merge driver (one node process) per shard changed on both sides: few shards keep the race tests fast. */
const SHARDS = 4;

/** A bare remote, seeded from a pool of `accounts` accounts (`acc0:Secret-0`, ...), and `hosts` clones each set up with init --git. */
export async function sharedPool(hosts: number, accounts = 600) {
  const base = await testdir();
  const remote = join(base, 'remote.git');
  await gitIn(base, 'init', '--quiet', '--bare', remote);
  const seed = join(base, 'seed');
  expect((await cli(['init', '--pool', seed, '--shards', String(SHARDS), '--git'])).code).toBe(0);
  const dump = join(base, 'dump.txt');
  await writeFile(dump, Array.from({ length: accounts }, (_, i) => `acc${i}:Secret-${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', '--pool', seed])).code).toBe(0);
  await gitIn(seed, 'remote', 'add', 'origin', remote);
  const first = await cli(['sync', '--pool', seed]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain('0 commits pulled, 2 pushed');
  const clones: string[] = [];
  for (let i = 0; i < hosts; i++) {
    const dir = join(base, `host${i}`);
    await gitIn(base, 'clone', '--quiet', remote, dir);
    const joined = await cli(['init', '--git', '--pool', dir]);
    expect(joined.code, joined.stderr).toBe(0);
    clones.push(dir);
  }
  return { base, remote, seed, clones };
}

export async function usernames(file: string): Promise<string[]> {
  return (await readDump(toDumpInput(file, await readFile(file)))).accounts.map((a) => a.username);
}

export async function heldBy(dir: string): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  for (const a of (await (await Pool.open(dir)).read()).accounts()) if (a.holder) held.set(a.holder, [...(held.get(a.holder) ?? []), a.username]);
  return held;
}

/**
 * Walks the remote's whole history, commit by commit, through the shard lines each commit
 * changes: an account must never pass straight from one holder to another (someone's hold
 * overwritten) and no line may ever be a conflict marker.
 */
export async function checkHistory(remote: string): Promise<{ commits: number; accounts: number }> {
  const log = await gitIn(remote, 'log', '--reverse', '--first-parent', '-p', '--unified=0', '--format=@@@ %H %s', 'main', '--', 'shards');
  const holder = new Map<string, string | undefined>();
  let commits = 0;
  let subject = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('@@@ ')) {
      commits++;
      subject = line;
      continue;
    }
    expect(line, subject).not.toMatch(/^[+-]?(<{7}|={7}|>{7})/);
    if (!line.startsWith('+"')) continue;
    const record = JSON.parse(`{${line.slice(1)}}`) as Record<string, { holder?: string }>;
    for (const [username, account] of Object.entries(record)) {
      const before = holder.get(username);
      if (before !== undefined && account.holder !== undefined && before !== account.holder && `${account.holder} (checking)` !== before) {
        throw new Error(`${subject}: ${username} went from ${before} to ${account.holder} without being released`);
      }
      holder.set(username, account.holder);
    }
  }
  return { commits, accounts: holder.size };
}
