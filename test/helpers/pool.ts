// A fresh pool in a temp folder, made by the real `init`, with helpers to read it back.
import { expect, inject } from 'vitest';
import { join } from 'node:path';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Pool } from '../../src/store/pool.js';
import { placeFile } from '../../src/store/pool-place.js';
import { cli } from './cli.js';
import { testdir } from './testdir.js';
import { madeOnce } from './made-once.js';
import { fillPool } from './accounts.js';

export interface TestPool {
  base: string;
  dir: string;
  args: string[];
  open(): Promise<Pool>;
  /** Replaces `key: ...` lines of accountpool.yaml (top-level or indented). */
  configure(settings: Record<string, string>): Promise<void>;
}

/**
 * What `init --shards N` leaves (pool/ and inbox/ beside it), made once per run and number of
 * shards in the run's folder (test/helpers/global-setup.ts removes it after the run) and copied for
 * every pool a test asks for. `init` writes each shard and the manifest atomically, a file and a
 * folder fsync each (~20 fsyncs for 8 shards: 230-260 ms of wall a pool at load 25, a copy 10-40
 * ms), and ~450 tests start from an empty pool. init itself is tested by the tests that call it.
 * The copy's only difference is no one's concern: new inodes and times (the caches are keyed by
 * the host's seal and by content, not by where the pool lies; config.json's cache comes along).
 */
const templates = new Map<number, Promise<string>>();
let templateRun: string | undefined;

function emptyPool(shards: number): Promise<string> {
  // A rerun in watch mode gives another folder (the sources may have changed): make them again.
  const run = inject('poolTemplates');
  if (run !== templateRun) {
    templates.clear();
    templateRun = run;
  }
  let made = templates.get(shards);
  if (!made) {
    // Made by the first worker of the run to ask, read by all (stop 60: made-once.ts).
    made = madeOnce(join(run, `empty-${shards}`), async (into) => {
      const result = await cli(['init', '--pool', join(into, 'pool'), '--shards', String(shards)]);
      expect(result.code, result.stderr).toBe(0);
    });
    templates.set(shards, made);
    // One that failed is not kept: the next test to ask makes it again.
    made.catch(() => templates.get(shards) === made && templates.delete(shards));
  }
  return made;
}

export async function makePool(shards = 8): Promise<TestPool> {
  const base = await testdir();
  await cp(await emptyPool(shards), base, { recursive: true });
  return poolAt(base);
}

/**
 * A pool that `fill` fills the first time one is asked for (imports, settings), copied for every
 * test after that: for a file whose tests each start from the same filled pool, what `fill` costs
 * (an import of the sample dumps: mail parsing, a transaction's fsyncs) once per file instead of
 * once per test. The filled pool lies in the run's folder beside the empty templates; each test
 * gets its own copy in its own temp folder, as makePool's.
 */
export function filledPoolOnce(shards: number, fill: (pool: TestPool) => Promise<void>): () => Promise<TestPool> {
  let made: Promise<string> | undefined;
  const template = () => {
    if (made) return made;
    const making = (async () => {
      const base = await mkdtemp(join(inject('poolTemplates'), `${process.pid}-filled-`));
      await cp(await emptyPool(shards), base, { recursive: true });
      await fill(poolAt(base));
      return base;
    })();
    // One that failed is not kept: the next test to ask makes it again.
    making.catch(() => made === making && (made = undefined));
    return (made = making);
  };
  return async () => {
    const from = await template();
    const base = await testdir();
    await cp(from, base, { recursive: true });
    // A copy of the filled template is a new pool of the test's, not a copy beside the template (pool-place.ts).
    await forgetPlace(join(base, 'pool'));
    return poolAt(base);
  };
}

/** Forgets where a copied pool was recorded to live, so the copy is a pool of its own (src/store/pool-place.ts). */
export const forgetPlace = (dir: string) => rm(placeFile(dir), { force: true });

function poolAt(base: string): TestPool {
  const dir = join(base, 'pool');
  const config = join(dir, 'accountpool.yaml');
  return {
    base,
    dir,
    args: ['--pool', dir],
    open: () => Pool.open(dir),
    async configure(settings) {
      let text = await readFile(config, 'utf8');
      for (const [key, value] of Object.entries(settings)) {
        const pattern = new RegExp(`^(\\s*)${key}:.*$`, 'm');
        if (!pattern.test(text)) throw new Error(`no setting ${key} in accountpool.yaml`);
        text = text.replace(pattern, `$1${key}: ${value}`);
      }
      await writeFile(config, text);
    },
  };
}

/** A pool of 4 shards holding `accounts` accounts imported at level 30: `acc0` with password `secret-0`, ... */
export async function poolWithAccounts(accounts: number): Promise<TestPool> {
  const pool = await makePool(4);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, Array.from({ length: accounts }, (_, i) => `acc${i}:secret-${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  return pool;
}

/** A pool made by `init` with `shards` shards, opened in this process and filled with `accounts` accounts (user000000, ...). */
export async function openFilledPool(shards: number, accounts: number): Promise<Pool> {
  const pool = await Pool.open((await makePool(shards)).dir);
  await fillPool(pool, accounts);
  return pool;
}

/** The shard file holding `username`'s line, and that line. */
export async function shardLine(dir: string, username: string): Promise<{ file: string; line: string }> {
  const shards = join(dir, 'shards');
  for (const name of await readdir(shards)) {
    const file = join(shards, name);
    const line = (await readFile(file, 'utf8')).split('\n').find((l) => l.startsWith(`"${username}":`));
    if (line) return { file, line };
  }
  throw new Error(`no shard holds ${username}`);
}

/** What the operator does: one line of a shard file changed in an editor. */
export async function editLine(dir: string, username: string, edit: (line: string) => string): Promise<void> {
  const { file, line } = await shardLine(dir, username);
  const text = await readFile(file, 'utf8');
  const edited = edit(line);
  expect(edited).not.toBe(line);
  await writeFile(file, text.replace(line, edited));
}
