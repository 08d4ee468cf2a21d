// A SQLite file is read by SQLite itself (sql.js), and SQLite computes some values its schema
// describes instead of reading them from the file: a column declared `AS (expression)` (a generated
// column, evaluated on every read and by quick_check), a CHECK constraint (evaluated by quick_check),
// and a column added by ALTER TABLE with a DEFAULT, given to every older row that does not store it.
// A file of a few kilobytes so became gigabytes: a 16 KB NecroBot accounts.db whose extra column is
// `printf('%.*c', 50000000, 'x')` took 4.4 GB and aborted `import` out of memory; a 1.4 MB one whose
// added column's DEFAULT is a 200 KB text did the same; a CHECK with such an expression cost seconds
// a row. Schema format: https://www.sqlite.org/gencol.html, https://www.sqlite.org/lang_altertable.html.
// Files made by the real sqlite3 (Debian's sqlite3 package), read by the real CLI under a 300 MB heap
// (the memory goal), with a deadline that only bounds a hang.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

/** NecroBot2's table as its first version made it (Model/Account.cs), with `rows` accounts. */
const necrobot = (extra: string, rows: number, after = '') => `
  CREATE TABLE Account(Id INTEGER PRIMARY KEY, Username TEXT, Password TEXT, AuthType INTEGER, Level INTEGER${extra});
  PRAGMA ignore_check_constraints = ON;
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
  INSERT INTO Account(Username, Password, AuthType, Level) SELECT 'hostile' || i, 'Hostile pw ' || i, 1, 30 FROM n;
  ${after}`;

async function importOf(sql: string) {
  const pool = await makePool(2);
  const dir = await testdir();
  const file = join(dir, 'accounts.db');
  execFileSync('sqlite3', [file], { input: sql });
  const run = await cliWithin(['import', ...pool.args, '--dry-run', file], 60_000, { env: { NODE_OPTIONS: '--max-old-space-size=300' } });
  return { run, file };
}

describe('a SQLite file whose schema makes up values', () => {
  it('a generated column of 50 MB a row: refused naming the file and the column, nothing evaluated', async () => {
    const { run, file } = await importOf(necrobot(", Note TEXT AS (printf('%.*c', 50000000, 'x')) VIRTUAL", 200));
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('"Note"');
    expect(run.stderr).toContain('computes');
    expect(run.stderr + run.stdout).not.toContain('Hostile pw');
  });

  it('a DEFAULT of 200 KB given to 50,000 rows that do not store it: refused naming the file, never read to gigabytes', async () => {
    const big = 'x'.repeat(200_000);
    const { run, file } = await importOf(necrobot('', 50_000, `ALTER TABLE Account ADD COLUMN Note TEXT DEFAULT '${big}';`));
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('more than the file holds');
    expect(run.stderr + run.stdout).not.toContain('Hostile pw');
  });

  it('a CHECK constraint that costs a tenth of a second a row (100 s a file) is never evaluated: the accounts are read at once', async () => {
    const { run } = await importOf(necrobot(" CHECK (length(printf('%.*c', 100000000, 'x')) > 0)", 1000));
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1000');
  });

  it('a small DEFAULT on a column added later (a migration) still reads', async () => {
    const { run } = await importOf(necrobot('', 2000, "ALTER TABLE Account ADD COLUMN Nickname TEXT DEFAULT 'none';"));
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2000');
  });
});
