// The pool grows its shard count without the operator (src/cli/grow-shards.ts): an import that
// takes it past 8,000 accounts a shard reshards it; `status` says when it is due; `verify --fix`
// does it; a pool shared through git is only told what to run.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { fillPool } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { gitIn, makeGitPool, subjects, useGitEnv } from '../git/helpers.js';
import { Pool } from '../../src/store/pool.js';

const shardFiles = async (dir: string) => (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml')).sort();

async function dumpOf(base: string, from: number, count: number): Promise<string> {
  const dump = join(base, `dump-${from}.txt`);
  await writeFile(dump, Array.from({ length: count }, (_, i) => `grow${from + i}:Secret-${from + i}`).join('\n'));
  return dump;
}

describe('a pool that outgrows its shards', () => {
  it('is resharded x4 by the import that takes it past 8,000 accounts a shard, and not before', async () => {
    const p = await makePool(1);
    // 8,000 accounts, and lines the pool will not hold (a duplicate, a formula the reader or the
    // merge refuses): the count that decides a reshard before the import writes is the pool's after it.
    const dump = await dumpOf(p.base, 0, 8000);
    await writeFile(dump, `${await readFile(dump, 'utf8')}\ngrow7:Secret-7\ngrow12:Secret-12\n=HYPERLINK("http://x"):Secret-x\n`);
    const first = await cli(['import', dump, '--level', '30', ...p.args]);
    expect(first.code, first.stderr).toBe(1); // the rejected line
    expect(first.stdout).toContain('8000 added, 0 updated, 2 duplicates, 1 rejected');
    expect(first.stderr).not.toContain('reshard');
    expect(await shardFiles(p.dir)).toEqual(['0.yaml']);
    const second = await cli(['import', await dumpOf(p.base, 8000, 1), '--level', '30', ...p.args]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('resharded the pool: 1 -> 4 shards');
    expect(await shardFiles(p.dir)).toEqual(['0.yaml', '1.yaml', '2.yaml', '3.yaml']);
    expect(await readFile(join(p.dir, 'accountpool.yaml'), 'utf8')).toMatch(/^shards: 4 /m);
    const verify = await cli(['verify', ...p.args]);
    expect(verify.stdout).toContain('is sound: 8001 accounts');
    const status = await cli(['status', ...p.args]);
    expect(status.stdout).toContain('8001 accounts in 4 shards');
    expect(status.stdout).not.toContain('outgrown');
  });

  it('is named by status when a write that imports nothing left it outgrown, and verify --fix reshards it', async () => {
    const p = await makePool(1);
    await fillPool(await p.open(), 8001); // through the store: no command's end to reshard at
    const status = await cli(['status', ...p.args]);
    expect(status.stdout).toContain('the pool has outgrown its 1 shard (8,001 accounts each on average): the next import reshards it to 4, or run `accountpool verify --fix` now');
    expect(JSON.parse((await cli(['status', '--json', ...p.args])).stdout).reshardTo).toBe(4);
    const fix = await cli(['verify', '--fix', ...p.args]);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(fix.stderr).toContain('resharded the pool: 1 -> 4 shards');
    expect(fix.stdout).toContain('is sound: 8001 accounts');
    expect(await shardFiles(p.dir)).toHaveLength(4);
    expect((await cli(['status', ...p.args])).stdout).not.toContain('outgrown');
  });

  it('shared through git: the import only says what to run; verify --fix reshards in one git commit with accountpool.yaml', async () => {
    useGitEnv();
    const { base, dir, args } = await makeGitPool(1);
    const imported = await cli(['import', await dumpOf(base, 0, 8001), '--level', '30', ...args]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('run `accountpool verify --fix` on one host to reshard it to 4, then `accountpool sync` on every host');
    expect(await shardFiles(dir)).toEqual(['0.yaml']);
    expect((await cli(['status', ...args])).stdout).toContain('then `accountpool sync` on every host');
    const fix = await cli(['verify', '--fix', ...args]);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect((await subjects(dir))[0]).toBe('reshard the pool: 1 -> 4 shards (8001 accounts)');
    expect(await gitIn(dir, 'status', '--porcelain')).toBe('');
    expect((await gitIn(dir, 'show', '--name-status', '--format=', 'HEAD')).split('\n').filter(Boolean).sort()).toEqual([
      'M\tshards/0.yaml', // keeps its name (1 -> 4 shards: both one digit) and a quarter of its accounts
      'A\tshards/1.yaml',
      'A\tshards/2.yaml',
      'A\tshards/3.yaml',
      'M\taccountpool.yaml',
      'M\tshards/.manifest',
    ].sort());
    expect((await (await Pool.open(dir)).read()).size).toBe(8001);
  });
});
