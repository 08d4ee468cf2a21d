// The same checker verdict file imported twice changes nothing the second time: `import` run again,
// the same file under two names (two copies in one folder), hard links of one file dropped twice in
// the inbox. The verdict files are PGNumbra's (rakuuhwa/PGNumbra `shadowcheck.py`: accounts-error.csv
// for a failed check, accounts-blind.csv, accounts-banned.csv), read by src/formats/tools/verdict-files.ts.
import { describe, expect, it } from 'vitest';
import { link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

const T0 = Date.parse('2026-06-01T10:00:00Z');
const at = (minutes: number) => () => new Date(T0 + minutes * 60_000);

async function put(path: string, text: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

async function shards(pool: TestPool): Promise<string[]> {
  const dir = join(pool.dir, 'shards');
  return Promise.all((await readdir(dir)).sort().map((f) => readFile(join(dir, f), 'utf8')));
}

async function account(pool: TestPool, name: string) {
  return (await (await pool.open()).read()).get(name);
}

async function verdictRows(pool: TestPool): Promise<string[]> {
  return (await (await pool.open()).readHistory()).filter((line) => line.includes('"verdict"'));
}

/** A pool holding a1..a3 at level 30, imported at T0. */
async function filled(): Promise<TestPool> {
  const pool = await makePool(4);
  const all = await put(join(pool.base, 'all.txt'), 'a1:x\na2:y\na3:z\n');
  expect((await cli(['import', all, '--level', '30', ...pool.args], { clock: at(0) })).code).toBe(0);
  return pool;
}

describe('the same verdict file imported twice', () => {
  for (const [file, lines] of [
    ['accounts-error.csv', 'ptc,a1,x\nptc,a2,y\nptc,new1,n\n'],
    ['accounts-blind.csv', 'ptc,a1,x\nptc,new1,n\n'],
    ['accounts-banned.csv', 'ptc,a2,y\nptc,new1,n\n'],
  ] as const) {
    it(`import run twice on ${file}: the second changes nothing (cool-down, state, history rows)`, async () => {
      const pool = await filled();
      const path = await put(join(pool.base, 'checked', file), lines);
      const first = await cli(['import', path, '--level', '30', ...pool.args], { clock: at(5) });
      expect(first.code).toBe(0);
      const before = await shards(pool);
      const rows = await verdictRows(pool);
      const second = await cli(['import', path, '--level', '30', ...pool.args], { clock: at(20) });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/: 0 added, 0 updated, \d+ unchanged, 0 rejected\n$/);
      expect(await shards(pool)).toEqual(before);
      expect(await verdictRows(pool)).toEqual(rows);
    });
  }

  it('a failed check retired by config (check_error: retired) is one verdict row, not one per import', async () => {
    const pool = await filled();
    await pool.configure({ check_error: 'retired' });
    const path = await put(join(pool.base, 'accounts-error.csv'), 'ptc,a1,x\n');
    await cli(['import', path, ...pool.args], { clock: at(5) });
    expect(await account(pool, 'a1')).toMatchObject({ state: 'invalid', state_at: new Date(T0 + 5 * 60_000).toISOString() });
    const again = await cli(['import', path, ...pool.args], { clock: at(20) });
    expect(again.stdout).toContain('0 updated, 1 unchanged');
    expect(await account(pool, 'a1')).toMatchObject({ state: 'invalid', state_at: new Date(T0 + 5 * 60_000).toISOString() });
    expect((await verdictRows(pool)).filter((r) => r.includes('"a1"'))).toHaveLength(1);
  });

  it('the same file under two names (two copies in one folder) counts once', async () => {
    const pool = await filled();
    const dir = join(pool.base, 'results');
    await put(join(dir, 'run-1', 'accounts-error.csv'), 'ptc,a1,x\nptc,a2,y\n');
    await put(join(dir, 'run-1-copy', 'accounts-error.csv'), 'ptc,a1,x\nptc,a2,y\n');
    const result = await cli(['import', dir, ...pool.args], { clock: at(5) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`imported ${join(dir, 'run-1/accounts-error.csv')}: 0 added, 2 updated`);
    expect(result.stdout).toContain(`imported ${join(dir, 'run-1-copy/accounts-error.csv')}: 0 added, 0 updated, 2 unchanged`);
    expect((await account(pool, 'a1'))!.available_at).toBe(new Date(T0 + 65 * 60_000).toISOString()); // 5 min + check_error's 1h
  });

  it('a failed check never shortens a longer rest the account already has (a temp ban)', async () => {
    const pool = await filled();
    await cli(['mark', 'a1', '--verdict', 'temp_banned', ...pool.args], { clock: at(1) });
    const banned = (await account(pool, 'a1'))!;
    expect(Date.parse(banned.available_at!)).toBeGreaterThan(T0 + 2 * 3600_000);
    const path = await put(join(pool.base, 'accounts-error.csv'), 'ptc,a1,x\n');
    const result = await cli(['import', path, ...pool.args], { clock: at(5) });
    expect(result.stdout).toContain('0 updated, 1 unchanged');
    expect(await account(pool, 'a1')).toEqual(banned);
  });

  it('hard links of one verdict file dropped twice in the inbox count once', async () => {
    const pool = await filled();
    const inbox = join(pool.base, 'inbox');
    const first = await put(join(inbox, 'accounts-error.csv'), 'ptc,a1,x\nptc,a2,y\n');
    await mkdir(join(inbox, 'again'), { recursive: true });
    await link(first, join(inbox, 'again', 'accounts-error.csv'));
    const run = await cli(['watch', '--once', ...pool.args], { clock: at(5) });
    expect(run.code).toBe(0);
    // The watcher's order of the two names is the folder's: whichever comes second changes nothing.
    const imports = run.stdout.split('\n').filter((line) => /^imported (?:again\/)?accounts-error\.csv: /.test(line));
    expect(imports).toHaveLength(2);
    expect(imports.filter((line) => line.includes(': 0 added, 2 updated, 0 rejected; changed: 2 check error'))).toHaveLength(1);
    expect(imports.filter((line) => line.includes(': 0 added, 0 updated, 2 unchanged, 0 rejected'))).toHaveLength(1);
    expect((await account(pool, 'a1'))!.available_at).toBe(new Date(T0 + 65 * 60_000).toISOString());
    expect((await account(pool, 'a2'))!.available_at).toBe(new Date(T0 + 65 * 60_000).toISOString());
    const after = await shards(pool);
    // And the same content dropped again later under another name: still nothing new.
    await put(join(inbox, 'later', 'accounts-error.csv'), 'ptc,a1,x\nptc,a2,y\n');
    const later = await cli(['watch', '--once', ...pool.args], { clock: at(30) });
    expect(later.stdout).toContain('imported later/accounts-error.csv: 0 added, 0 updated, 2 unchanged, 0 rejected');
    expect(await shards(pool)).toEqual(after);
  });
});
