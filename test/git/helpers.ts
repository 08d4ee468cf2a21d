// Real git in temp folders for the git tests: a fixed identity and no user or system config, so
// the tests behave the same on every machine, and `main` as the default branch.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { cli } from '../helpers/cli.js';
import { execFileVia } from '../helpers/spawner.js';
import { testdir } from '../helpers/testdir.js';
import { copyTree } from '../helpers/copy-tree.js';
import { madeOnce } from '../helpers/made-once.js';
import { afterEveryFile } from '../helpers/cleanup.js';
import { Pool, type PoolOptions } from '../../src/store/pool.js';
import { commitAfterTransaction } from '../../src/git/commit.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';

export const GIT_ENV: Record<string, string> = {
  // No user config; git's automatic housekeeping off (the file says why).
  GIT_CONFIG_GLOBAL: fileURLToPath(new URL('tests.gitconfig', import.meta.url)),
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

// Put back after every file: the worker runs other files next (isolate: false), and a file that
// never asked for the test identity runs git as it would on its own.
const envBefore = Object.keys(GIT_ENV).map((key) => [key, process.env[key]] as const);
afterEveryFile(() => {
  for (const [key, value] of envBefore) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Runs git directly (for setting up and inspecting), started by the worker's spawner (test/helpers/spawner.ts); rejects with git's stderr. */
export function gitIn(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFileVia('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** A program at `base/name` that notes its pid in `base/name.pid` and waits (a link or a window that never answers); its path and pid file. */
export async function waitingProgram(base: string, name: string): Promise<{ path: string; pidFile: string }> {
  const path = join(base, name);
  const pidFile = `${path}.pid`;
  await writeFile(path, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 300\n`);
  await chmod(path, 0o755);
  return { path, pidFile };
}

/** The pool at `dir` given a remote on a host that does not exist, reached through the program `ssh`. */
export async function remoteThrough(dir: string, ssh: string): Promise<void> {
  await gitIn(dir, 'remote', 'add', 'origin', 'git@pool.invalid:pool.git');
  await gitIn(dir, 'config', 'core.sshCommand', ssh);
}

/**
 * What `init --pool pool --shards N --git` leaves, made once per run and number of shards in the
 * run's folder of templates (by the first worker to ask, test/helpers/made-once.ts), as
 * test/helpers/pool.ts does for `init` (stop 59: ~0.8 s of CPU and ten git processes an
 * `init --git`, a copy ~10 ms; test/git/commit.test.ts alone made 8).
 * The copy is the real init's work, nothing recorded in it names the folder (the driver's and the
 * hooks' commands name the installation, the hooks `--pool .`); the tests of init --git assert it
 * on the copy, and the tests that run `init --git` again run the real one.
 */
const gitPoolTemplates = new Map<string, Promise<string>>();

function gitPoolTemplate(shards: number): Promise<string> {
  const root = runTemplates(); // forgets an earlier run's templates (watch mode)
  const key = String(shards);
  let made = gitPoolTemplates.get(key);
  if (!made) {
    made = madeOnce(join(root, `git-pool-${shards}`), async (into) => {
      const result = await cli(['init', '--pool', join(into, 'pool'), '--shards', String(shards), '--git']);
      expect(result.code, result.stderr).toBe(0);
    });
    gitPoolTemplates.set(key, made);
    // One that failed is not kept: the next test to ask makes it again.
    made.catch(() => gitPoolTemplates.get(key) === made && gitPoolTemplates.delete(key));
  }
  return made;
}

/** A new pool made by `init --git` in a temp folder (a copy of the worker's, made once per number of shards). */
export async function makeGitPool(shards = 8): Promise<{ base: string; dir: string; args: string[] }> {
  const base = await testdir();
  const dir = join(base, 'pool');
  await copyTree(join(await gitPoolTemplate(shards), 'pool'), dir);
  return { base, dir, args: ['--pool', dir] };
}

/** Commit subjects, newest first. */
export async function subjects(dir: string): Promise<string[]> {
  return (await gitIn(dir, 'log', '--format=%s')).split('\n').filter(Boolean);
}

/** git runs the merge driver (one node process) per shard changed on both sides: few shards keep the race tests fast. */
const SHARDS = 4;

/**
 * The seed pool, bare remote and clones of `sharedPool`, made once per run and number of accounts
 * (init, import, first sync: seconds of the CLI and git under load) and copied for every test.
 * Clones are made as a test first asks for them: a run whose tests want two hosts never pays for a
 * third (a clone and its `init --git`, ~15 git processes).
 * Kept for the run, in the run's folder of templates (test/helpers/global-setup.ts removes it
 * after the run), each made by the first worker to ask and read by all (test/helpers/made-once.ts;
 * until stop 60 each worker made its own: on CI three times the same work). Until stop 47 every
 * git file made its own, 25 files of which 14 ask for 30 or 40 accounts (all of them 30 since
 * stop 50: each count is one template more, ~4 s of CPU with its clones).
 */
interface Template {
  remote: string;
  seed: string;
  base: string;
  /** Clone i, made once, when a test first asks for i + 1 hosts. */
  clones: Promise<string>[];
  /** Drops this worker's handle on the template (a clone of it failed): the next test to ask looks again. */
  forget: () => void;
}
/** Keyed by `${accounts}x${shards}`. */
const templates = new Map<string, Promise<Template>>();
/**
 * The seed's and the clones' origin, relative: git reads a local remote's path from the folder it
 * runs in, and the code under test runs git in the pool's folder (gitIn likewise), so the copies
 * made for a test (its remote.git beside them) reach that test's remote with no `git remote
 * set-url` each (one git process per host in every test before).
 */
const ORIGIN = '../remote.git';
/** The most clones a test asks for. */
const MAX_HOSTS = 3;
/** The run's folder of templates this worker last saw (a rerun in watch mode gives another: the sources may have changed). */
let templateRun: string | undefined;

/** The run's folder of templates; this worker's handles on an earlier run's templates forgotten. */
function runTemplates(): string {
  const run = inject('gitTemplates');
  if (templateRun !== run) {
    templates.clear();
    gitPoolTemplates.clear();
    templateRun = run;
  }
  return run;
}

function template(accounts: number, shards: number): Promise<Template> {
  const root = runTemplates();
  const key = `${accounts}x${shards}`;
  let made = templates.get(key);
  if (!made) {
    made = (async () => {
      const base = await madeOnce(join(root, key), async (into) => {
        const remote = join(into, 'remote.git');
        const seed = join(into, 'seed');
        await gitIn(into, 'init', '--quiet', '--bare', remote);
        expect((await cli(['init', '--pool', seed, '--shards', String(shards), '--git'])).code).toBe(0);
        const dump = join(into, 'dump.txt');
        await writeFile(dump, Array.from({ length: accounts }, (_, i) => `acc${i}:Secret-${i}`).join('\n'));
        expect((await cli(['import', dump, '--level', '30', '--pool', seed])).code).toBe(0);
        await gitIn(seed, 'remote', 'add', 'origin', ORIGIN);
        const first = await cli(['sync', '--pool', seed]);
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain('0 commits pulled, 2 pushed');
      });
      return { remote: join(base, 'remote.git'), seed: join(base, 'seed'), base, clones: [], forget: () => forget(key, made!) };
    })();
    templates.set(key, made);
    // A template that failed is not kept: the next to ask makes it again.
    made.catch(() => forget(key, made!));
  }
  return made;
}

function forget(key: string, made: Promise<Template>): void {
  if (templates.get(key) === made) templates.delete(key);
}

/** The template's first `hosts` clones, each cloned from the template's remote (never changed after the first sync) and set up with init --git. */
function templateClones(made: Template, hosts: number): Promise<string[]> {
  for (let i = made.clones.length; i < hosts; i++) {
    const before = made.clones[i - 1];
    made.clones.push(
      (async () => {
        await before; // one init --git at a time, as before
        return madeOnce(join(made.base, `host${i}`), async (into) => {
          await gitIn(made.base, 'clone', '--quiet', made.remote, into);
          await gitIn(into, 'remote', 'set-url', 'origin', ORIGIN); // git clone wrote the template's remote, absolute
          const joined = await cli(['init', '--git', '--pool', into]);
          expect(joined.code, joined.stderr).toBe(0);
        });
      })(),
    );
    made.clones.at(-1)!.catch(made.forget);
  }
  return Promise.all(made.clones.slice(0, hosts));
}

/**
 * A bare remote, seeded from a pool of `accounts` accounts (`acc0:Secret-0`, ...) in `shards`
 * shards, and `hosts` clones each set up with init --git (copies of the worker's template for
 * that number of accounts and shards).
 */
export async function sharedPool(hosts: number, accounts = 600, shards = SHARDS) {
  const base = await testdir();
  if (hosts > MAX_HOSTS) throw new Error(`sharedPool makes at most ${MAX_HOSTS} clones`);
  const made = await template(accounts, shards);
  const templateCopies = await templateClones(made, hosts);
  const remote = join(base, 'remote.git');
  const seed = join(base, 'seed');
  const copy = copyTree;
  const clones = templateCopies.map((_, i) => join(base, `host${i}`));
  await Promise.all([copy(made.remote, remote), copy(made.seed, seed), ...clones.map((dir, i) => copy(templateCopies[i]!, dir))]);
  // Each copy's origin (ORIGIN, relative) is this test's remote, never the template's: no git to set it.
  return { base, remote, seed, clones };
}

const keptStates: string[] = [];
afterEveryFile(async () => {
  for (const kept of keptStates.splice(0)) await rm(kept, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

/**
 * A state several tests of a file start from, made once in its `beforeAll` in a sharedPool folder
 * (hosts, remote, whatever files the test wrote beside them): kept for the file as a copy, removed
 * after it. Each test takes its own copy (`copyOfState`), whole: the hosts reach the remote by a
 * relative path. Until stop 49 handout-order kept its own; reshard-sync-damage builds one too.
 */
export async function keepState(base: string): Promise<string> {
  const kept = await mkdtemp(join(tmpdir(), 'accountpool-test-state-'));
  keptStates.push(kept);
  await copyTree(base, kept);
  return kept;
}

/** A copy of a kept state (`keepState`) for one test, in its own temp folder: that folder. */
export async function copyOfState(kept: string): Promise<string> {
  const base = await testdir();
  await copyTree(kept, base);
  return base;
}

/**
 * A state several tests of one file start from that no template of `sharedPool` gives (an
 * encrypted remote and its clones, say): `make` builds it once, in the file's `beforeAll`, in a
 * folder it returns, kept (`keepState`), and each test gets a copy of that whole folder
 * (`copyOfState`: the hosts must reach their remote by a relative path, as sharedPool's do).
 * Call at the top of a file.
 */
export function stateForFile(make: () => Promise<string>, timeoutMs = 120_000): () => Promise<string> {
  let kept: string | undefined;
  beforeAll(async () => {
    kept = await keepState(await make());
  }, timeoutMs); // a bound on a hang
  return () => copyOfState(kept!);
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

/**
 * A pool opened as a command opens it (src/cli/open-pool.ts): with `git.commit: true`, each
 * transaction is one git commit. Pool.open alone commits nothing (the store knows no git).
 */
export async function openCommitting(dir: string, options: PoolOptions = {}): Promise<Pool> {
  const pool = await Pool.open(dir, options);
  if (pool.config.git.commit) pool.afterCommit = commitAfterTransaction(dir);
  return pool;
}
