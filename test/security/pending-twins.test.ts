// Two spellings of one account made by a change still in the change log: `johndoe` of PTC beside
// `johndoe@gmail.com` are two accounts, until a `serve` post (or anything committed through the
// log) says `johndoe` is a Google account, which Google reads as johndoe@gmail.com. The twin check
// read each shard's circle index, made from the lines before that change, so the other spelling
// (`johndoe@gmail.com`, whose own line never changed) was handed out beside the changed one: one
// account in two scanners until the next fold. Real processes, real files.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runCli, startServe } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

async function pool(): Promise<TestPool> {
  const p = await makePool(4);
  const dump = join(p.base, 'd.csv');
  await writeFile(dump, 'ptc,johndoe,pw-j\ngoogle,johndoe@gmail.com,pw-g\nptc,ash01,pw-a\nptc,bob01,pw-b\n');
  // The pool made in this process (cli(), the same main without a node start): the processes the
  // test is about are serve and the allocate after another process's logged change.
  const r = await cli(['import', dump, '--level', '30', ...p.args]);
  expect(r.code, r.stderr).toBe(0);
  // The circle indexes made now, from these lines (allocate reads them from then on).
  const none = await cli(['allocate', '--count', '1', '--max-level', '29', '--accountcsv', join(p.base, 'none.csv'), '--no-check', ...p.args]);
  expect(none.code, none.stderr).toBe(3); // none of level 29 or less: nothing held
  return p;
}

async function allocateAll(p: TestPool, instance: string): Promise<string[]> {
  const file = join(p.base, `${instance}.csv`);
  const r = await runCli(['allocate', '--count', '5', '--accountcsv', file, '--instance', instance, '--no-check', '--allow-partial', ...p.args]);
  expect(r.code, r.stderr).toBe(0);
  return (await readFile(file, 'utf8')).split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]!).sort();
}

const providerPost = (url: string) => fetch(`${url}/account/update`, { method: 'POST', body: JSON.stringify([{ username: 'johndoe', auth_service: 'google', system_id: 'east' }]) });

describe('a change of provider still in the change log', () => {
  it('makes neither spelling handed out, by serve nor by allocate reading the log', async () => {
    const p = await pool();
    const serve = await startServe(p.args);
    let west: { username: string }[];
    try {
      expect(await (await providerPost(serve.url)).text()).toBe('ok');
      west = (await (await fetch(`${serve.url}/account/request?system_id=west&count=10`)).json()) as { username: string }[];
    } finally {
      await serve.stop();
    }
    expect(west.map((a) => a.username).sort()).toEqual(['ash01', 'bob01']);
    expect(serve.output()).not.toMatch(/pw-/);
  });

  it('allocate reads the pending change from the log written by another process', async () => {
    const p = await pool();
    // Committed through the change log by this process (as serve does), never folded: the shards' lines and indexes still say PTC.
    const opened = await p.open();
    await opened.transaction((tx) => {
      tx.put({ ...tx.get('johndoe')!, provider: 'google' });
    });
    expect(await readFile(join(p.dir, '.changes.log'), 'utf8')).toContain('johndoe');
    expect(await allocateAll(p, 'west')).toEqual(['ash01', 'bob01']);
  });
});
