// A whole session of commands with known passwords: none of them ever appears in any output,
// error, report or log line (only in the files a scanner reads, and with show --reveal).
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, type CliResult } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const PASSWORDS = ['Sup3rSecret!', 'hunter2:colon', 'pässwörd,comma', 'Zz9"quote'];

describe('passwords never appear in output', () => {
  it('across import, bad input, allocate, mark, status, show, verify, release and export --out', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'dump.txt');
    const bad = join(pool.base, 'bad.csv');
    await writeFile(dump, PASSWORDS.map((p, i) => `user${i}:${p}`).join('\n') + '\nbroken-user:\n');
    await writeFile(bad, `username,password\nuser9,"${PASSWORDS[0]}\n`); // unbalanced quote
    const outputs: CliResult[] = [];
    const run = async (...args: string[]) => {
      const result = await cli([...args, ...pool.args]);
      outputs.push(result);
      return result;
    };
    await run('import', dump, '--level', '30', '--json');
    await run('import', dump, '--level', '30');
    await run('import', dump);
    await run('import', bad, '--level', '30');
    await run('import', dump, '--level', '30', '--dry-run');
    await run('allocate', '--count', '2', '--checker', 'simulated', '--accountcsv', join(pool.base, 'a.csv'), '--json');
    await run('allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'b.csv'));
    await run('allocate', '--count', '50', '--no-check', '--accountcsv', join(pool.base, 'c.csv'));
    await run('mark', 'user0', 'nobody', '--verdict', 'blind');
    await run('status');
    await run('status', '--json');
    await run('show', 'user1');
    await run('show', 'user1', '--json');
    await run('verify');
    await run('release', '--instance', join(pool.base, 'b.csv'));
    await run('export', '--out', join(pool.base, 'export.jsonl'));
    expect(outputs.filter((o) => o.code !== 0).length).toBeGreaterThan(0); // the bad inputs were really exercised
    const everything = outputs.map((o) => o.stdout + o.stderr).join('\n');
    for (const password of PASSWORDS) expect(everything).not.toContain(password);
    // ...while the accounts really are there for those who ask.
    expect((await cli(['show', 'user1', '--reveal', '--json', ...pool.args])).stdout).toContain(JSON.stringify(PASSWORDS[1]));
  });
});
