// A fresh pool in a temp folder, made by the real `init`, with helpers to read it back.
import { expect } from 'vitest';
import { join } from 'node:path';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Pool } from '../../src/store/pool.js';
import { cli } from './cli.js';
import { testdir } from './testdir.js';
import { fillPool } from './accounts.js';

export interface TestPool {
  base: string;
  dir: string;
  args: string[];
  open(): Promise<Pool>;
  /** Replaces `key: ...` lines of accountpool.yaml (top-level or indented). */
  configure(settings: Record<string, string>): Promise<void>;
}

export async function makePool(shards = 8): Promise<TestPool> {
  const base = await testdir();
  const dir = join(base, 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', String(shards)])).code).toBe(0);
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
  const dir = join(await testdir(), 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', String(shards)])).code).toBe(0);
  const pool = await Pool.open(dir);
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
