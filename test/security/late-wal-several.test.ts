// A -wal dropped into the inbox after its database was taken is read with that database as filed
// (src/watch/late-wal.ts). Every NecroBot's file is `config/accounts.db`: an operator with two bots
// drops both databases (filed as `accounts.db` and `accounts (1).db`), then one bot's -wal. The
// watcher took the newest, the other bot's: a -wal holds pages, not rows, so the first bot's pages
// were read over the second's database and the -wal filed beside the wrong one (where a later read
// of that pair gets the first bot's accounts for the second's), or the pair read as a damaged
// database with the advice to copy it again. With several waiting, none is guessed: the -wal goes
// to failed/ naming them, and the way through it gives imports what the -wal holds.
// Fixtures: NecroBot2's database and -wal as the real SQLite wrote them
// (test/fixtures/generators/make-necrobot-wal.py); the second bot's database is made here by the
// real sqlite3 with the first one's schema.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { fixtureBytes } from '../formats/helpers.js';
import { drop, failedNames, importedNames, makeInboxPool, waiting } from '../watch/helpers.js';

const DB = 'necrobot2-accounts-running.db';

/** A second bot's accounts.db: the same schema in WAL mode, two accounts of its own. */
async function secondBot(): Promise<Buffer> {
  const dir = await testdir();
  const first = join(dir, 'first.db');
  await writeFile(first, fixtureBytes(DB)); // alone: its -wal is not beside it, so reading it changes nothing
  const schema = execFileSync('sqlite3', [first, '.schema'], { encoding: 'utf8' })
    .split(';')
    .filter((s) => s.trim() && !s.includes('sqlite_sequence('))
    .join(';');
  const second = join(dir, 'second.db');
  const rows = ['bot2_user0', 'bot2_user1'].map((u, i) => `(1,0,0,1,0,'Success',30,'bot2-pw-${i}',0,0,'${u}')`).join(',');
  execFileSync('sqlite3', [second], {
    input: `PRAGMA journal_mode=WAL;\n${schema};\nINSERT INTO "Account" ("AccountActive","AccountLatitude","AccountLongitude","AuthType","AutoExitBotIfAccountFlagged","LastLogin","Level","Password","RunEnd","RunStart","Username") VALUES ${rows};\n`,
  });
  return readFile(second);
}

describe("a late -wal where two bots' databases of its name wait for one", () => {
  it('is set aside naming both, never read over the newest; put beside its own database, import reads what it holds', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/accounts.db', fixtureBytes(DB));
    expect((await cli(['watch', '--once', ...pool.args])).stdout).toMatch(/imported level-30\/accounts\.db: 5 added/);
    await drop(pool.inbox, 'level-30/accounts.db', await secondBot());
    expect((await cli(['watch', '--once', ...pool.args])).stdout).toMatch(/imported level-30\/accounts\.db: 2 added/);

    await drop(pool.inbox, 'level-30/accounts.db-wal', fixtureBytes(`${DB}-wal`));
    const late = await cli(['watch', '--once', ...pool.args]);
    expect(late.stderr).toMatch(/failed level-30\/accounts\.db-wal: came after its database was taken, but 2 databases of that name wait for their -wal \(imported\/[\d-]+\/accounts\.db, imported\/[\d-]+\/accounts \(1\)\.db\)/);
    expect(late.stderr).not.toMatch(/pw/);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await failedNames(pool.inbox)).toEqual(['accounts.db-wal', 'accounts.db-wal.error.txt']);
    expect(await importedNames(pool.inbox)).toEqual(['accounts (1).db', 'accounts.db']);
    expect((await (await pool.open()).read()).get('necro2_wal06')).toBeUndefined();

    // The way through the message gives: the -wal beside its own database, imported by hand.
    const [day] = await readdir(join(pool.inbox, 'imported'));
    const own = join(pool.inbox, 'imported', day!, 'accounts.db');
    await copyFile(join(pool.inbox, 'failed', 'accounts.db-wal'), `${own}-wal`);
    const byHand = await cli(['import', own, '--level', '30', ...pool.args]);
    expect(byHand.code, byHand.stderr).toBe(0);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('necro2_wal06')).toBeDefined(); // only in the -wal
    expect(accounts.get('necro2_misty02')!.state).toBe('temp_banned');
    expect(accounts.get('bot2_user0')!.password).toBe('bot2-pw-0');
  }, 60_000);
});
