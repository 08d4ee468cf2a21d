// A rejected line is an account the operator meant to load and did not get: every command that
// reads input exits 1 for it, so `import x && rm x` or a cron job keeps the file and notices,
// while the file's other accounts are still in the pool (nothing lost). Lines that hold no account
// (a seller's greeting skipped as prose) and duplicates are no loss: exit 0.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { drop, failedNames, importedNames, makeInboxPool } from '../watch/helpers.js';

async function write(pool: TestPool, name: string, text: string): Promise<string> {
  const path = join(pool.base, name);
  await writeFile(path, text);
  return path;
}

/** Which of the dumps' logins the pool holds. */
async function names(pool: TestPool): Promise<string[]> {
  const accounts = await (await pool.open()).read();
  return ['ash01', 'brock03', 'gary04', 'misty02', '=cmd|x'].filter((n) => accounts.get(n) !== undefined);
}

// `=cmd|x` is a spreadsheet formula where a login goes: always refused by its line (merge.ts).
const ONE_BAD = 'ash01:Pika!123\n=cmd|x:Pw-bad-1\nmisty02:Star$456\n';

describe('a rejected line means exit 1, the good accounts still imported', () => {
  it('one file: exit 1, the summary names the line, the other accounts are in the pool', async () => {
    const pool = await makePool(4);
    const file = await write(pool, 'd.txt', ONE_BAD);
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe(`imported ${file}: 2 added, 0 updated, 1 rejected (line 2)\n`);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: rejected: \\S`, 'm'));
    expect(r.stdout + r.stderr).not.toMatch(/Pika|Star\$|Pw-bad/);
    expect(await names(pool)).toEqual(['ash01', 'misty02']);
  });

  it('lines skipped as prose (a greeting around the accounts) and duplicates: exit 0', async () => {
    const pool = await makePool(4);
    const file = await write(pool, 'mail.txt', 'Hello, thanks for your order!\n\nash01:Pika!123\nmisty02:Star$456\nash01:Pika!123\n\nEnjoy your accounts.\n');
    const r = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('2 added, 0 updated, 1 duplicate, 0 rejected');
    expect(await names(pool)).toEqual(['ash01', 'misty02']);
  });

  it('several files and a folder: exit 1, each file reported, a last line counting the rejected lines', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'dumps');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), ONE_BAD);
    await writeFile(join(dir, 'b.txt'), 'brock03:Onix!789\n');
    const r = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('accountpool import: 2 files, 2 imported, 0 refused; 1 line rejected in 1 of them\n');
    expect(await names(pool)).toEqual(['ash01', 'brock03', 'misty02']);
    // Only clean files: the last line says nothing more, and the exit is 0.
    const clean = await cli(['import', join(dir, 'b.txt'), await write(pool, 'c.txt', 'gary04:Eevee!012\n'), '--level', '30', ...pool.args]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('accountpool import: 2 files, 2 imported, 0 refused\n');
  });

  it('--dry-run and --json say the same exit as the import would, and write nothing', async () => {
    const pool = await makePool(4);
    const file = await write(pool, 'd.txt', ONE_BAD);
    const dry = await cli(['import', file, '--level', '30', '--dry-run', ...pool.args]);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain(`would import ${file}: 2 added, 0 updated, 1 rejected (line 2)`);
    expect(await names(pool)).toEqual([]);
    const json = await cli(['import', file, '--level', '30', '--json', ...pool.args]);
    expect(json.code, json.stderr).toBe(1);
    expect(JSON.parse(json.stdout).rejected).toHaveLength(1);
    expect(await names(pool)).toEqual(['ash01', 'misty02']);
  });

  it('standard input (-): exit 1, the good accounts in', async () => {
    const pool = await makePool(4);
    const r = await cli(['import', '-', '--level', '30', ...pool.args], { stdin: ONE_BAD });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('imported stdin: 2 added, 0 updated, 1 rejected (line 2)');
    expect(await names(pool)).toEqual(['ash01', 'misty02']);
  });

  it('watch --once: the file is filed in imported/ as before, its accounts in, and the exit is 1', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/d.txt', ONE_BAD);
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('imported level-30/d.txt: 2 added, 0 updated, 1 rejected (line 2)');
    expect(await importedNames(pool.inbox)).toEqual(['d.txt']);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await names(pool)).toEqual(['ash01', 'misty02']);
    // Nothing left to do, nothing rejected: 0 again.
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
  });
});
