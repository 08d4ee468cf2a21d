// NecroBot2's accounts.db copied into the inbox while NecroBot runs, with the accounts.db-wal
// (and accounts.db-shm) beside it: the watcher reads the -wal with the database, as `import`
// does (src/commands/import.ts withWal), and files the three together, into imported/ or, when
// the database is refused, into failed/ beside its note. Fixtures: the real SQLite's
// (test/fixtures/generators/make-necrobot-wal.py, see test/formats/sqlite-wal.test.ts).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { fixtureBytes } from '../formats/helpers.js';
import { drop, failedNames, importedNames, makeInboxPool, waiting } from './helpers.js';

const DB = 'necrobot2-accounts-running.db';
/** SQLite's shared-memory index: never read, only filed with its database. */
const SHM = Buffer.alloc(32768);

describe("a SQLite database's -wal dropped into the inbox with it", () => {
  it('is read with the database: what NecroBot wrote since its last checkpoint is imported; the files are filed together, under one name', async () => {
    const pool = await makeInboxPool(4);
    for (const round of [0, 1]) {
      await drop(pool.inbox, 'level-30/accounts.db', fixtureBytes(DB));
      await drop(pool.inbox, 'level-30/accounts.db-wal', fixtureBytes(`${DB}-wal`));
      await drop(pool.inbox, 'level-30/accounts.db-shm', SHM);
      const run = await cli(['watch', '--once', ...pool.args]);
      expect(run.stderr).not.toContain('failed');
      expect(await waiting(pool.inbox)).toEqual([]);
      expect(await failedNames(pool.inbox)).toEqual([]);
      if (round === 0) expect(run.stdout).toMatch(/imported level-30\/accounts\.db: 6 added/);
    }
    // The second pair is filed under the next free name, each -wal beside its own database.
    expect(await importedNames(pool.inbox)).toEqual(['accounts (1).db', 'accounts (1).db-shm', 'accounts (1).db-wal', 'accounts.db', 'accounts.db-shm', 'accounts.db-wal']);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('necro2_wal06')).toBeDefined(); // only in the -wal
    expect(accounts.get('necro2_misty02')!.state).toBe('temp_banned'); // its ban only in the -wal
  });

  it('a database refused for its -wal is set aside with it, nothing of either in the pool', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/accounts.db', fixtureBytes(DB));
    await drop(pool.inbox, 'level-30/accounts.db-wal', fixtureBytes(`${DB}-wal`).subarray(0, 20)); // cut short
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.stderr).toContain('failed level-30/accounts.db');
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual(['accounts.db', 'accounts.db-wal', 'accounts.db.error.txt']);
    expect(await readFile(join(pool.inbox, 'failed', 'accounts.db.error.txt'), 'utf8')).toContain('-wal');
    expect((await (await pool.open()).read()).size).toBe(0);
  });

  it('a -wal dropped after its database was taken is read with the database as filed, and filed beside it: nothing NecroBot wrote is lost', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/accounts.db', fixtureBytes(DB));
    const first = await cli(['watch', '--once', ...pool.args]);
    expect(first.stdout).toMatch(/imported level-30\/accounts\.db: \d+ added/);
    // The watcher says what `import` says of a database in WAL mode read alone.
    expect(first.stderr).toMatch(/level-30\/accounts\.db: the database is in WAL mode and no accounts\.db-wal was beside it.*drop it into the same folder/);
    expect((await (await pool.open()).read()).get('necro2_wal06')).toBeUndefined();

    await drop(pool.inbox, 'level-30/accounts.db-wal', fixtureBytes(`${DB}-wal`));
    const late = await cli(['watch', '--once', ...pool.args]);
    expect(late.code).toBe(0);
    expect(late.stdout).toMatch(/imported level-30\/accounts\.db-wal: 1 added/);
    expect(late.stderr).toMatch(/came after its database was taken, so it was read with imported\/\d{4}-\d\d-\d\d\/accounts\.db as filed/);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(['accounts.db', 'accounts.db-wal']);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('necro2_wal06')).toBeDefined(); // only in the -wal
    expect(accounts.get('necro2_misty02')!.state).toBe('temp_banned'); // its ban only in the -wal
    expect(late.stderr + late.stdout).not.toMatch(/password/i);
  });

  it('a -wal whose database was never taken still goes to failed/ naming the database to import with it', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/accounts.db-wal', fixtureBytes(`${DB}-wal`));
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.stderr).toMatch(/failed level-30\/accounts\.db-wal: .*write-ahead log.*import the database with it beside it/);
    expect(await failedNames(pool.inbox)).toEqual(['accounts.db-wal', 'accounts.db-wal.error.txt']);
  });

  it('a -shm dropped alone is set aside as the index it is, not read as a text file of NUL bytes', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/accounts.db-shm', SHM);
    const run = await cli(['watch', '--once', ...pool.args]);
    expect(run.stderr).toMatch(/failed level-30\/accounts\.db-shm: is a SQLite shared-memory index .*accounts\.db.*holds no accounts/);
    expect(run.stderr).not.toMatch(/NUL|UTF-16/);
    expect(await failedNames(pool.inbox)).toEqual(['accounts.db-shm', 'accounts.db-shm.error.txt']);
  });
});

