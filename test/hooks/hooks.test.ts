// The pre-start hooks as a launch script runs them: real bash, real node processes, from a
// scanner's folder far from the checkout, through symlinks, with flags and environment variables.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { filledPoolOnce, makePool, type TestPool } from '../helpers/pool.js';

const HOOKS = join(ROOT, 'hooks');
const EXAMPLES = join(ROOT, 'examples');

interface HookResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a hook file itself (its shebang: bash), in `cwd`, with only the ACCOUNTPOOL_* variables given. */
function runHook(hook: string, args: string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }): Promise<HookResult> {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ACCOUNTPOOL_')) base[key] = value;
  // The node running the tests is the node on PATH, as on a scanner host.
  base.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  return new Promise((resolve, reject) => {
    execFile(hook, args, { cwd, env: { ...base, ...env } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/**
 * A pool holding the four sample dumps: the plain list at level 1, the others at level 30. Imported
 * once per file (a seller's mail parsed, four transactions) and copied for each test.
 */
const sampleDumps = filledPoolOnce(4, async (pool) => {
  const at30 = ['seller-order-30218.eml', 'monocle-accounts.csv', 'rocketmap-accounts.csv'].map((f) => join(EXAMPLES, f));
  expect((await cli(['import', ...at30, '--level', '30', ...pool.args])).code).toBe(0);
  expect((await cli(['import', join(EXAMPLES, 'plain-list.txt'), '--level', '1', ...pool.args])).code).toBe(0);
});

async function samplePool(): Promise<TestPool & { scanner: string }> {
  const pool = await sampleDumps();
  const scanner = join(pool.base, 'opt', 'scanner');
  await mkdir(scanner, { recursive: true });
  return { ...pool, scanner };
}

function rows(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true, comment: '#' }) as string[][];
}

async function levelsOf(pool: TestPool, usernames: string[]): Promise<number[]> {
  const snapshot = await (await pool.open()).read();
  const byName = new Map([...snapshot.accounts()].map((a) => [a.username, a.level]));
  return usernames.map((u) => byName.get(u)!);
}

describe('hooks/pre-start', () => {
  it('runs through a symlink from a scanner folder: summary on stdout, accounts file written, exit 0', async () => {
    const pool = await samplePool();
    const link = join(pool.base, 'opt', 'bin', 'accountpool-pre-start');
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(HOOKS, 'pre-start'), link);
    const r = await runHook(link, ['--format', 'monocle', '--count', '6', '--min-level', '30', '--max-level', '31', '--accountcsv', 'accounts.csv', '--instance', 'monocle-east'], {
      cwd: pool.scanner,
      env: { ACCOUNTPOOL_DIR: pool.dir },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^allocated 6 accounts to monocle-east \(level 30-31\)/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // stdout is the summary only
    const file = rows(await readFile(join(pool.scanner, 'accounts.csv'), 'utf8'));
    expect(file[0]).toEqual(['username', 'password', 'provider', 'model', 'iOS', 'id']);
    expect(file).toHaveLength(7);
    expect(await levelsOf(pool, file.slice(1).map((row) => row[0]!))).toEqual(Array(6).fill(30));
  });

  it('monocle and rocketmap wrappers: their defaults, through a symlink and from another folder', async () => {
    const pool = await samplePool();
    const link = join(pool.scanner, 'pre-start.sh');
    await symlink(join(HOOKS, 'monocle-pre-start.sh'), link);
    const env = { ACCOUNTPOOL_DIR: pool.dir, ACCOUNTPOOL_COUNT: '5' };

    const monocle = await runHook(link, [], { cwd: pool.scanner, env });
    expect(monocle.code, monocle.stderr).toBe(0);
    expect(monocle.stdout).toMatch(/^allocated 5 accounts to .*accounts\.csv \(level 30-50\)/);
    const mon = rows(await readFile(join(pool.scanner, 'accounts.csv'), 'utf8'));
    expect(mon[0]![0]).toBe('username');
    expect(await levelsOf(pool, mon.slice(1).map((row) => row[0]!))).toEqual(Array(5).fill(30));

    const rmDir = join(pool.base, 'RocketMap');
    await mkdir(rmDir);
    const rocketmap = await runHook(join(HOOKS, 'rocketmap-pre-start.sh'), ['--max-level', '29'], { cwd: rmDir, env });
    expect(rocketmap.code, rocketmap.stderr).toBe(0);
    const rm = rows(await readFile(join(rmDir, 'accounts.csv'), 'utf8'));
    expect(rm).toHaveLength(5);
    for (const row of rm) expect(row).toHaveLength(3);
    expect(rm.map((row) => row[0])).toEqual(Array(5).fill('ptc'));
    expect(await levelsOf(pool, rm.map((row) => row[1]!))).toEqual(Array(5).fill(1));
  });

  it('exits 3 and writes no file when the pool is dry; an existing file is left as it was', async () => {
    const pool = await samplePool();
    const r = await runHook(join(HOOKS, 'pre-start'), ['--count', '500', '--accountcsv', 'accounts.csv'], { cwd: pool.scanner, env: { ACCOUNTPOOL_DIR: pool.dir } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/only \d+ of 500 accounts could be allocated/);
    expect(r.stderr).toContain('pre-start: the pool cannot give the accounts asked for');
    expect(existsSync(join(pool.scanner, 'accounts.csv'))).toBe(false);

    await writeFile(join(pool.scanner, 'accounts.csv'), 'old,file\n');
    const again = await runHook(join(HOOKS, 'rocketmap-pre-start.sh'), ['--count', '500'], { cwd: pool.scanner, env: { ACCOUNTPOOL_DIR: pool.dir } });
    expect(again.code).toBe(3);
    expect(await readFile(join(pool.scanner, 'accounts.csv'), 'utf8')).toBe('old,file\n');
  });

  it('environment variables give defaults and flags win over them', async () => {
    const pool = await samplePool();
    const env = {
      ACCOUNTPOOL_DIR: join(pool.base, 'no-such-pool'), // --pool wins
      ACCOUNTPOOL_FORMAT: 'rocketmap',
      ACCOUNTPOOL_COUNT: '4',
      ACCOUNTPOOL_MIN_LEVEL: '30',
      ACCOUNTPOOL_MAX_LEVEL: '30',
      ACCOUNTPOOL_ACCOUNTCSV: 'from-env.csv',
      ACCOUNTPOOL_INSTANCE: 'env-instance',
      ACCOUNTPOOL_CHECKER: 'simulated',
    };
    const hook = join(HOOKS, 'pre-start');

    // Variables only (the pool by flag): rocketmap lines, 4 level-30 accounts, checked, held by env-instance.
    const fromEnv = await runHook(hook, ['--pool', pool.dir], { cwd: pool.scanner, env });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toMatch(/^allocated 4 accounts to env-instance \(level 30\): checked \d+/);
    const rm = rows(await readFile(join(pool.scanner, 'from-env.csv'), 'utf8'));
    expect(rm).toHaveLength(4);
    expect(await levelsOf(pool, rm.map((row) => row[1]!))).toEqual(Array(4).fill(30));

    // Flags win, in both spellings: --flag VALUE and --flag=VALUE; --no-check beats ACCOUNTPOOL_CHECKER.
    const flags = await runHook(hook, ['--pool', pool.dir, '--format=monocle', '--count', '2', '--min-level', '1', '--max-level=1', '--accountcsv', 'from-flags.csv', '--instance', 'flag-instance', '--no-check'], {
      cwd: pool.scanner,
      env,
    });
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stdout).toMatch(/^allocated 2 accounts to flag-instance \(level 1\): not checked/);
    const mon = rows(await readFile(join(pool.scanner, 'from-flags.csv'), 'utf8'));
    expect(mon[0]![0]).toBe('username');
    expect(await levelsOf(pool, mon.slice(1).map((row) => row[0]!))).toEqual([1, 1]);

    // No count from either: a usage error before anything runs.
    const noCount = await runHook(hook, ['--accountcsv', 'x.csv'], { cwd: pool.scanner, env: { ACCOUNTPOOL_DIR: pool.dir } });
    expect(noCount.code).toBe(2);
    expect(noCount.stderr).toContain('ACCOUNTPOOL_COUNT');
    expect(existsSync(join(pool.scanner, 'x.csv'))).toBe(false);

    const help = await runHook(hook, ['--help'], { cwd: pool.scanner });
    expect(help.code).toBe(0);
    for (const name of ['ACCOUNTPOOL_DIR', 'ACCOUNTPOOL_FORMAT', 'ACCOUNTPOOL_COUNT', 'ACCOUNTPOOL_MIN_LEVEL', 'ACCOUNTPOOL_MAX_LEVEL', 'ACCOUNTPOOL_ACCOUNTCSV', 'ACCOUNTPOOL_INSTANCE', 'ACCOUNTPOOL_CHECKER']) {
      expect(help.stdout).toContain(name);
    }
  });

  it('imports the inbox first; a file that fails to import is reported and the scanner still gets its accounts', async () => {
    const pool = await makePool(4); // empty: every account must come from the inbox
    const scanner = join(pool.base, 'scanner');
    await mkdir(scanner);
    const inbox = join(pool.base, 'inbox'); // the default inbox, beside the pool
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    await copyFile(join(EXAMPLES, 'plain-list.txt'), join(inbox, 'level-30', 'plain-list.txt'));
    await writeFile(join(inbox, 'no-level.txt'), 'someone:FAKE-no-level-given\n'); // no level anywhere: fails

    const r = await runHook(join(HOOKS, 'monocle-pre-start.sh'), ['--pool', pool.dir], { cwd: scanner, env: { ACCOUNTPOOL_COUNT: '8' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^allocated 8 accounts/);
    expect(r.stderr).toMatch(/plain-list\.txt/); // watch's line about the imported file
    expect(r.stderr).toMatch(/failed no-level\.txt: .*no level/);
    expect(r.stderr).toContain('pre-start: the inbox was not fully imported');
    expect(rows(await readFile(join(scanner, 'accounts.csv'), 'utf8'))).toHaveLength(9);
    expect(await readdir(join(inbox, 'level-30'))).not.toContain('plain-list.txt'); // moved away once imported
    expect(existsSync(join(inbox, 'no-level.txt'))).toBe(false); // set aside in failed/
  });

  it('a dump in the inbox with a rejected line (watch --once exits 1): the hook still allocates, exit 0', async () => {
    const pool = await makePool(4);
    const scanner = join(pool.base, 'scanner');
    await mkdir(scanner);
    const inbox = join(pool.base, 'inbox');
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    await copyFile(join(EXAMPLES, 'plain-list.txt'), join(inbox, 'level-30', 'plain-list.txt'));
    await writeFile(join(inbox, 'level-30', 'more.txt'), 'hookuser01:FAKE-pw-hook1\n=cmd|x:FAKE-pw-formula\n');
    const r = await runHook(join(HOOKS, 'monocle-pre-start.sh'), ['--pool', pool.dir], { cwd: scanner, env: { ACCOUNTPOOL_COUNT: '8' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/more\.txt:2: rejected: /);
    expect(r.stderr).toContain('pre-start: the inbox was not fully imported (watch --once exit code 1');
    expect(r.stdout).toMatch(/^allocated 8 accounts/);
    expect(r.stdout + r.stderr).not.toContain('FAKE-pw-formula');
  });

  it('a watcher already running on the inbox is no failure: it imports, the hook allocates', async () => {
    const pool = await samplePool();
    const watcher = startCli(['watch', ...pool.args]);
    try {
      let output = '';
      watcher.stdout!.on('data', (d) => (output += d));
      watcher.stderr!.on('data', (d) => (output += d));
      await waitFor(() => output.includes('watching'), { what: 'the watcher to start' });
      const r = await runHook(join(HOOKS, 'pre-start'), ['--count', '3', '--accountcsv', 'accounts.csv'], { cwd: pool.scanner, env: { ACCOUNTPOOL_DIR: pool.dir } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('pre-start: a watcher is running on the inbox');
      expect(r.stderr).not.toMatch(/not fully imported|stop it first/);
      expect(r.stdout).toMatch(/^allocated 3 accounts/);
    } finally {
      watcher.kill('SIGTERM');
      await watcher.closed;
    }
  });

  it('ACCOUNTPOOL_INSTANCE goes through the instance name rule: a name with ESC stops the hook with exit 2', async () => {
    const pool = await samplePool();
    const r = await runHook(join(HOOKS, 'pre-start'), ['--count', '1', '--accountcsv', 'accounts.csv'], { cwd: pool.scanner, env: { ACCOUNTPOOL_DIR: pool.dir, ACCOUNTPOOL_INSTANCE: 'east\u001b[31m' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--instance must be printable/);
    expect(r.stderr).not.toContain('\u001b');
    expect(existsSync(join(pool.scanner, 'accounts.csv'))).toBe(false);
  });
});
