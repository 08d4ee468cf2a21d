// TransactionOptions.afterPlan: a commit through the shards calls it once, after their new states
// are planned and before any of their files is made or written. An import of a large dump
// collects the plan's garbage there (import-dump.ts), under the commit's peak (scale-log.md,
// stop 36); here, the moment it is called at and that the commit goes on whole after it.
// TransactionOptions.afterLogRead likewise: called once a whole read applied the change log,
// before `work`, where the import lets the log's bytes go (stop 53 I).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

  it('calls afterLogRead once a whole read (or a rehearsal) applied the change log, before work; never where no log was read', async () => {
    const { dir } = await makePool(4);
    const pool = await Pool.open(dir);
    await fillPool(pool, 40);
    const calls: string[] = [];
    await pool.transaction(() => void calls.push('work'), { via: 'shards', afterLogRead: () => void calls.push('afterLogRead') });
    expect(calls).toEqual(['work']);
    // A change to a known account commits through the log.
    const known = makeAccount(3);
    await pool.transaction((tx) => tx.put({ ...tx.get(known.username)!, level: 41 }));
    expect(existsSync(join(dir, '.changes.log'))).toBe(true);
    calls.length = 0;
    // A rehearsal (`import --dry-run`) reads the pool as a whole transaction does: the same moment.
    await pool.rehearse((tx) => void calls.push(`rehearsal sees level ${tx.get(known.username)?.level}`), undefined, { afterLogRead: () => void calls.push('afterLogRead') });
    expect(calls).toEqual(['afterLogRead', 'rehearsal sees level 41']);
    calls.length = 0;
    await pool.transaction(
      (tx) => {
        calls.push(`work sees level ${tx.get(known.username)?.level}`);
        tx.put(makeAccount(40));
      },
      { via: 'shards', afterLogRead: () => void calls.push('afterLogRead') },
    );
    expect(calls).toEqual(['afterLogRead', 'work sees level 41']);
    const accounts = [...(await (await Pool.open(dir)).read()).accounts()];
    expect(accounts).toHaveLength(41);
    expect(accounts.find((a) => a.username === known.username)?.level).toBe(41);
  });
});
