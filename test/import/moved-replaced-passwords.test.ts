// A pool moved by `export` then `import` keeps what it knows of replaced passwords (stop 66 X).
// Until stop 66 the field (`passwords_replaced`, src/replaced-passwords.ts) was written by the JSON
// export and dropped by the import (its name holds "passw", withheld): in the new pool the delivery
// list re-dropped gave ash_02 its first password back, which the game no longer takes. Our export
// (jsonl, the one format that carries a pool's own fields) now brings the fingerprints along, to a
// new account and to one the other pool already holds; a file that is not our export never does.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

async function file(pool: TestPool, name: string, text: string): Promise<string> {
  const path = join(pool.base, name);
  await writeFile(path, text);
  return path;
}

const importing = (pool: TestPool, ...args: string[]) => cli(['import', ...args, ...pool.args]);
const record = async (pool: TestPool, username: string) => (await (await pool.open()).read()).get(username);

/** A pool whose ash_02 went Old!Pass22 -> Fresh!Pass42, and the delivery list that holds the first. */
async function fixedPool(): Promise<{ pool: TestPool; list: string }> {
  const pool = await makePool();
  const list = await file(pool, 'list.txt', 'ash_01:Old!Pass11\nash_02:Old!Pass22\n');
  expect((await importing(pool, list, '--level', '30')).code).toBe(0);
  expect((await importing(pool, await file(pool, 'fix.txt', 'the password for ash_02 is now Fresh!Pass42\n'))).code).toBe(0);
  return { pool, list };
}

async function exported(pool: TestPool): Promise<string> {
  const out = join(pool.base, 'moved.json');
  const r = await cli(['export', '--out', out, ...pool.args]);
  expect(r.code).toBe(0);
  return out;
}

describe('a pool moved by export + import keeps its replaced passwords', () => {
  it('into a new pool: the list re-dropped there gives no password back', async () => {
    const { pool, list } = await fixedPool();
    const moved = await exported(pool);
    const other = await makePool();
    const r = await importing(other, moved);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('passwords_replaced');
    expect((await record(other, 'ash_02'))!.passwords_replaced).toEqual((await record(pool, 'ash_02'))!.passwords_replaced);

    const again = await importing(other, list);
    expect(again.stdout).toContain('1 older password not taken back: line 2 gives ash_02');
    expect((await record(other, 'ash_02'))!.password).toBe('Fresh!Pass42');
    expect((await record(other, 'ash_01'))!.password).toBe('Old!Pass11');
  });

  it('into a pool that holds the account with the older password: the newer taken, both pools\' replaced ones kept', async () => {
    const { pool, list } = await fixedPool();
    const moved = await exported(pool);
    const other = await makePool();
    // This pool had ash_02 from the same list, and a password of its own before that (another seller's).
    expect((await importing(other, await file(other, 'own.txt', 'ash_02:Own!Pass77\n'), '--level', '30')).code).toBe(0);
    expect((await importing(other, list, '--level', '30')).code).toBe(0);
    const r = await importing(other, moved);
    expect(r.code).toBe(0);
    expect((await record(other, 'ash_02'))!.password).toBe('Fresh!Pass42');
    expect((await record(other, 'ash_02'))!.passwords_replaced).toHaveLength(2);
    for (const old of ['ash_02:Old!Pass22\n', 'ash_02:Own!Pass77\n']) {
      const again = await importing(other, await file(other, 'again.txt', old));
      expect(again.stdout).toContain('1 older password not taken back');
      expect((await record(other, 'ash_02'))!.password).toBe('Fresh!Pass42');
    }
  });

  it('into a pool with the same password but no memory of the older one: it learns it, an import that changes only that', async () => {
    const { pool, list } = await fixedPool();
    const moved = await exported(pool);
    const other = await makePool();
    expect((await importing(other, await file(other, 'same.txt', 'ash_02:Fresh!Pass42\n'), '--level', '30')).code).toBe(0);
    const r = await importing(other, moved);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/moved\.json: 1 added, 1 updated, 0 rejected; changed: 1 replaced passwords/);
    expect((await importing(other, list)).stdout).toContain('line 2 gives ash_02 a password the pool replaced since');
    // The same export again changes nothing.
    expect((await importing(other, moved)).stdout).toMatch(/moved\.json: 0 added, 0 updated, 2 unchanged, 0 rejected/);
  });

  it('back into the pool it came from: nothing changes', async () => {
    const { pool } = await fixedPool();
    const moved = await exported(pool);
    const before = await record(pool, 'ash_02');
    expect((await importing(pool, moved)).stdout).toMatch(/moved\.json: 0 added, 0 updated, 2 unchanged, 0 rejected/);
    expect(await record(pool, 'ash_02')).toEqual(before);
  });

  it('a file that is not our export, or a list that holds no fingerprints, brings none', async () => {
    const { pool } = await fixedPool();
    const lines = (await readFile(await exported(pool), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const fingerprints = lines[1]!.passwords_replaced as string[];
    const other = await makePool();
    // Without `seq` and `added_at` it is another tool's JSON lines: the field stays out, named.
    const foreign = await file(other, 'foreign.json', JSON.stringify({ username: 'ash_03', password: 'Some!Pass1', level: 30, passwords_replaced: fingerprints }) + '\n');
    const f = await importing(other, foreign);
    expect(f.stdout + f.stderr).toContain('not kept: passwords_replaced');
    expect((await record(other, 'ash_03'))!.passwords_replaced).toBeUndefined();
    // Our export's shape, but the list holds a password, not fingerprints: left out, the password not shown.
    const forged = await file(other, 'forged.json', JSON.stringify({ ...lines[0], username: 'ash_04', passwords_replaced: ['Secret!Pass9'] }) + '\n');
    const g = await importing(other, forged);
    expect(g.code).toBe(0);
    expect(g.stdout + g.stderr).toContain('not kept: passwords_replaced');
    expect(g.stdout + g.stderr).not.toContain('Secret!Pass9');
    expect((await record(other, 'ash_04'))!.passwords_replaced).toBeUndefined();
  });
});
