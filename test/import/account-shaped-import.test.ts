// The real import's summary of a list with a short `user pass` line among `user:pass` and
// `user;pass` lines (issue 14): the line is named as rejected, never left out of the count.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('an account-shaped line in the real import', () => {
  it('is named by its line in the summary and on standard error, the other accounts imported, no password shown', async () => {
    const pool = await makePool(4);
    const file = join(pool.base, 'mixed.txt');
    await writeFile(file, 'ash01x:Pw1!a\nash02x Pw2!b\nash03x;Pw3!c\n');
    const result = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(result.stdout).toContain('2 added, 0 updated, 1 rejected (line 2)');
    expect(result.stderr).toMatch(/mixed\.txt:2: rejected: a login and a short password/);
    expect(result.stdout + result.stderr).not.toContain('Pw2!b');
    const accounts = await (await pool.open()).read();
    expect(accounts.get('ash01x')?.password).toBe('Pw1!a');
    expect(accounts.get('ash02x')).toBeUndefined();
  });
});
