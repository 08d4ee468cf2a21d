// verify keeps no map of every key (at 1,000,000 accounts it was ~90 MB, verify --fix's peak): a
// copy of an account is looked for in its own shard, and a copy outside its home shard or under
// another spelling (account-spelling.ts) in the home of its key, read again. These pin both orders
// of reading: the far copy in a shard read before the home's, and in one read after it.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { Pool } from '../../src/store/pool.js';

const SHARDS = ['0', '1', '2', '3'];

/** Appends a hand-written line for `username` to `file`; its line number. */
async function addLine(file: string, username: string, provider = 'ptc'): Promise<number> {
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text}"${username}": {password: other-pw, provider: ${provider}, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 99}\n`);
  return text.split('\n').length;
}

async function lineOf(file: string, username: string): Promise<number> {
  return (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.startsWith(`"${username}"`)) + 1;
}

describe('verify finds a copy of an account in another shard, read before or after its home', () => {
  it('a misplaced copy (moved by hand): both lines named, in either order', async () => {
    const pool = await makePool(4);
    const store = await Pool.open(pool.dir);
    // An account whose home is neither the first nor the last shard read: copies on both sides.
    const username = Array.from({ length: 40 }, (_, i) => `trainer${i}`).find((u) => !['0', '3'].includes(store.shardNameOf(u)))!;
    const home = store.shardNameOf(username);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, `${username}:pw-a1\nbrock:pw-b2\n`);
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const homeFile = join(pool.dir, 'shards', `${home}.yaml`);
    const first = await lineOf(homeFile, username);
    for (const name of SHARDS.filter((n) => n !== home)) {
      const file = join(pool.dir, 'shards', `${name}.yaml`);
      const before = await readFile(file, 'utf8');
      const line = await addLine(file, username.toUpperCase());
      const verify = await cli(['verify', ...pool.args]);
      expect(verify.code).toBe(1);
      const [later, earlier] = name > home ? [`${file}:${line}`, `${homeFile}:${first}`] : [`${homeFile}:${first}`, `${file}:${line}`];
      expect(verify.stdout).toContain(`${later}: account `);
      expect(verify.stdout).toContain(`is also in ${earlier}`);
      expect(verify.stdout).toContain(`belongs in shard ${home}`);
      expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(1);
      expect(await readFile(file, 'utf8')).toBe(before + `"${username.toUpperCase()}": {password: other-pw, provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 99}\n`);
      await writeFile(file, before);
    }
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it('another spelling of a Gmail address in a shard read before or after the address: both named', async () => {
    const pool = await makePool(4);
    const store = await Pool.open(pool.dir);
    const plain = 'ashketchum@gmail.com';
    const home = store.shardNameOf(plain);
    // Spellings of it (other dots, a +tag) whose own shards are read before and after its home.
    const spellings = ['a.shketchum', 'as.hketchum', 'ash.ketchum', 'ashk.etchum', 'ashke.tchum', 'ashketchum+a', 'ashketchum+b', 'ashketchum+c', 'a.s.h.ketchum'].map((s) => `${s}@gmail.com`);
    const earlier = spellings.find((s) => store.shardNameOf(s) < home);
    const later = spellings.find((s) => store.shardNameOf(s) > home);
    expect([earlier, later].every((s) => s !== undefined)).toBe(true);
    const dump = join(pool.base, 'dump.txt');
    await writeFile(dump, `${plain}:pw-a\n`);
    expect((await cli(['import', dump, '--level', '30', '--provider', 'google', ...pool.args])).code).toBe(0);
    const homeFile = join(pool.dir, 'shards', `${home}.yaml`);
    const first = await lineOf(homeFile, plain);
    for (const spelling of [earlier, later] as string[]) {
      const file = join(pool.dir, 'shards', `${store.shardNameOf(spelling)}.yaml`);
      const before = await readFile(file, 'utf8');
      const line = await addLine(file, spelling, 'google');
      const verify = await cli(['verify', ...pool.args]);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain(`${file}:${line}: account ${spelling} is another spelling of ${plain} in ${homeFile}:${first}`);
      await writeFile(file, before);
    }
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });
});
