// Two or three hosts sharing a 4-shard pool through a bare remote, for the tests of a sync across a
// reshard (test/git/reshard-*.test.ts): real git and the CLI in temp folders.
import { expect } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { Pool } from '../../src/store/pool.js';
import { shardIndexOf, shardName } from '../../src/store/layout.js';
import { openCommitting, sharedPool } from './helpers.js';

/**
 * The git files' most used template (test/git/helpers.ts), so a worker that ran one of them copies it
 * (until stop 49 these files had a 600-account 1-shard template of their own, made once per worker).
 */
export const ACCOUNTS = 30;
/** The shard count the hosts begin with: sharedPool's. */
export const SHARDS_BEFORE = 4;
/**
 * 4 -> 16 shards: every file name changes (`0.yaml` -> `00.yaml`...), so git sees the old files
 * deleted, the case no merge driver is asked about. (A reshard that keeps a name, 4 -> 8, is
 * what the tests of both hosts resharding give the host that gives way.) Resharded through the
 * store: the rule's 8,000 accounts a shard would make this test slow, and which count does not
 * matter to git.
 */
export const reshard = async (dir: string, count = 16) => (await openCommitting(dir)).reshard(count);

/**
 * A bare remote holding a SHARDS_BEFORE-shard pool of ACCOUNTS accounts, and `hosts` clones set up
 * with init --git: copies of the worker's template (test/git/helpers.ts), made once per worker.
 * Until stop 48 every test built its remote, seed and clones from scratch (an init, an import, a
 * sync and an init --git a host: ~12 s of a test's wall at load 20).
 */
export const sharedReshardPool = (hosts: number) => sharedPool(hosts, ACCOUNTS, SHARDS_BEFORE);

/** Every account once, in its home shard for the pool's count; the shard files are exactly that count's. */
export async function expectResharded(dir: string, accounts: number, shards: number): Promise<void> {
  const pool = await Pool.open(dir);
  expect(pool.config.shards).toBe(shards);
  expect((await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml'))).toHaveLength(shards);
  const snapshot = await pool.read();
  expect(snapshot.size).toBe(accounts);
  expect(snapshot.duplicates()).toEqual([]);
  for (const shard of snapshot.shards) for (let i = 0; i < shard.size; i++) expect(shard.name).toBe(shardName(shardIndexOf(shard.keyAt(i), shards), shards));
  const verify = await cli(['verify', '--pool', dir]);
  expect(verify.stdout, verify.stdout).toContain(`is sound: ${accounts} accounts`);
}

export const allocate = (dir: string, instance: string, count: number) =>
  cli(['allocate', '--count', String(count), '--no-check', '--accountcsv', join(dir, '..', `${instance}.csv`), '--instance', instance, '--pool', dir]);
