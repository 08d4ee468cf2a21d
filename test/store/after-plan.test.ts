// TransactionOptions.afterPlan: a commit through the shards calls it once, after their new states
// are planned and before any of their files is made or written. An import of a large dump
// collects the plan's garbage there (import-dump.ts), under the commit's peak (scale-log.md,
// stop 36); here, the moment it is called at and that the commit goes on whole after it.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { keyOf } from '../../src/model.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';

/** Every shard file's text, by name (read at once: afterPlan is synchronous). */
function shardTexts(dir: string): Map<string, string> {
  const shards = join(dir, 'shards');
  const names = readdirSync(shards).filter((f) => f.endsWith('.yaml'));
  return new Map(names.map((name) => [name, readFileSync(join(shards, name), 'utf8')] as const));
}

describe('a commit through the shards', () => {
  it('calls afterPlan once, before any shard file is written, then writes every shard', async () => {
    const { dir } = await makePool(4);
    const pool = await Pool.open(dir);
    await fillPool(pool, 40);
    const before = shardTexts(dir);
    const seen: Map<string, string>[] = [];
    await pool.transaction(
      (tx) => {
        for (let i = 40; i < 80; i++) tx.put(makeAccount(i));
      },
      { via: 'shards', afterPlan: () => void seen.push(shardTexts(dir)) },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(before);
    const files = shardTexts(dir);
    expect([...files.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, text] of files) expect(text, name).not.toBe(before.get(name));
    const keys = new Set([...(await (await Pool.open(dir)).read()).accounts()].map((a) => keyOf(a.username)));
    expect(keys.size).toBe(80);
    for (let i = 0; i < 80; i++) expect(keys.has(keyOf(makeAccount(i).username))).toBe(true);
  });

  it('has written nothing when afterPlan runs: a throw there leaves the pool as it was', async () => {
    const { dir } = await makePool(4);
    const pool = await Pool.open(dir);
    await fillPool(pool, 40);
    const before = shardTexts(dir);
    await expect(
      pool.transaction(
        (tx) => {
          for (let i = 40; i < 80; i++) tx.put(makeAccount(i));
        },
        {
          via: 'shards',
          afterPlan: () => {
            throw new Error('stop after the plan');
          },
        },
      ),
    ).rejects.toThrow('stop after the plan');
    expect(shardTexts(dir)).toEqual(before);
    expect([...(await (await Pool.open(dir)).read()).accounts()]).toHaveLength(40);
  });
});
