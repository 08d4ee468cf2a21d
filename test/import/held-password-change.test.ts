// An import that changes the password of an account a scanner holds (a seller's loose fix.txt, a
// list with the new password, through `import` or the watcher) changes the pool, never the
// scanner's accounts file: the scanner runs on with the old password until it is allocated again.
// Until stop 63 the import said only `changed: 1 password`, and the operator had no way to know a
// running scanner was logging in with a password the seller had just changed. Now the summary
// names the account and its holder, never a password; the hold is kept (ending it would hand the
// account to a second scanner while the first still uses it).
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

describe('a password change of an account a scanner holds', () => {
  it('is applied, keeps the hold and names the account and its holder, in import and watch', async () => {
    const pool = await makePool(2);
    const list = join(pool.base, 'd.txt');
    await writeFile(list, 'ash01x:Pika1234!\nash02x:Pika5678!\n');
    expect((await cli(['import', list, '--level', '30', ...pool.args])).code).toBe(0);
    const csv = join(pool.base, 'acc.csv');
    expect((await cli(['allocate', '--count', '1', '--accountcsv', csv, '--no-check', '--instance', 'scan1', '--format', 'rocketmap', ...pool.args])).code).toBe(0);
    expect(await readFile(csv, 'utf8')).toContain('ash01x');

    // The loose correction of the held account, and a list changing the free one's: only the held one named.
    const fix = join(pool.base, 'fix.txt');
    await writeFile(fix, 'sorry, the password for ash01x is now Fresh1234!\n');
    const r = await cli(['import', fix, ...pool.args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ash01x.*held by scan1/);
    expect(r.stdout).toMatch(/next allocat/);
    expect(r.stdout + r.stderr).not.toMatch(/Fresh1234|Pika1234/);
    const snap = await (await pool.open()).read();
    expect(snap.get('ash01x')).toMatchObject({ password: 'Fresh1234!', holder: 'scan1' });

    await mkdir(join(pool.base, 'inbox', 'level-30'), { recursive: true });
    await writeFile(join(pool.base, 'inbox', 'level-30', 'new.txt'), 'ash01x:Newer1234!\nash02x:Newer5678!\n');
    const w = await cli(['watch', '--once', ...pool.args]);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/1 password of an account held by a scanner: ash01x \(held by scan1\)/);
    expect(w.stdout).not.toMatch(/ash02x \(held/);
    expect(w.stdout + w.stderr).not.toMatch(/Newer/);

    // Nothing changed for a held account: nothing said.
    await writeFile(list, 'ash01x:Newer1234!\n');
    const again = await cli(['import', list, ...pool.args]);
    expect(again.stdout).not.toMatch(/held by/);
  });
});
