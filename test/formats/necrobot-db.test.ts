// NecroBot2's config/accounts.db, the SQLite file Entity Framework Core writes (Necrobot-Private/NecroBot
// PoGo.NecroBot.Logic/Model/AccountConfigContext.cs, Model/Account.cs; fixtures made with the real
// sqlite3 from test/fixtures/generators/necrobot2-accounts*.sql): read with SQLite itself (sql.js),
// every account exact with what NecroBot knew of it; any other SQLite file refused naming its
// tables, a damaged one refused naming the file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { DumpError } from '../../src/formats/types.js';
import { fixture, fixtureBytes } from './helpers.js';
import { testdir } from '../helpers/testdir.js';

const refusal = async (name: string, bytes: Buffer): Promise<string> => {
  const err = await readDump(toDumpInput(name, bytes)).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DumpError);
  return (err as Error).message;
};

/** A SQLite file made by the real sqlite3 from SQL text. */
async function sqliteFile(sql: string): Promise<Buffer> {
  const dir = await testdir();
  const path = join(dir, 'made.db');
  execFileSync('sqlite3', [path], { input: sql });
  return readFileSync(path);
}

const PASSWORDS = /Necr0|Onix Rock|wrong pass|Warn 5/;

describe("NecroBot2's accounts.db", () => {
  it('every account exact: provider from AuthType, level, the last login as a verdict, the block as a cool-down', async () => {
    const r = await readDump(fixture('necrobot2-accounts.db'));
    expect(r.format).toBe('necrobot-db');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level, a.state, a.checkError])).toEqual([
      [1, 'necro2_ash01', 'Necr0:pw,1', 'ptc', 23, undefined, undefined],
      // never run: NULL level, no last login
      [2, 'necro2_misty02', 'Necr0 pw "2"', 'ptc', undefined, undefined, undefined],
      // AuthType 0 is Google; "Banned" is the profile's banned flag
      [3, 'necro2.brock03@gmail.com', 'Onix Rock 3', 'google', 19, 'temp_banned', undefined],
      // "Failure": the login failed, no verdict; level 0 is no level
      [4, 'necro2_fail04', 'wrong pass 4', 'ptc', undefined, undefined, true],
      [5, 'necro2_warn05', 'Warn 5!', 'ptc', 12, 'warned', undefined],
    ]);
    // What NecroBot kept beside, by the column's name in snake case; the row's Id is NecroBot's own.
    expect(r.accounts[0]!.history).toEqual({
      account_active: true, account_latitude: 40.7128, account_longitude: -74.006, auto_exit_bot_if_account_flagged: false,
      current_xp: 412000, is_running: 1, last_login: 'Success', last_login_timestamp: 1500731591000, last_runtime_updated_at: 1500731591000,
      nickname: 'NecroAsh', run_end: 86400, run_start: 0, runtime_total: 95.5, stardust: 12500,
    });
    expect(r.accounts[3]!.history).toMatchObject({ account_active: false, last_login: 'Failure' });
    // ReleaseBlockTime: DateTime.Now.AddMinutes(60).ToUnixTime(), the local clock's milliseconds (2017-07-22 14:53:11)
    expect(r.accounts[4]!.history).toMatchObject({ available_at: new Date(2017, 6, 22, 14, 53, 11).toISOString(), release_block_time: 1500735191000 });
  });

  it('as first shipped (May 2017, fewer columns): read by name; a row with an empty password rejected, not quoted', async () => {
    const r = await readDump(fixture('necrobot2-accounts-2017-05.db'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level, a.history])).toEqual([
      [1, 'necro17_gary01', 'Eevee:Vapor 1', 'ptc', 18, { nickname: 'GaryOak', last_login: 'Success', is_running: 1 }],
      [2, 'necro17.erika02@gmail.com', 'Tangela 2', 'google', 16, { last_login: 'Success', is_running: 0 }],
    ]);
    expect(r.rejected).toEqual([{ line: 3, reason: 'missing password' }]);
  });

  it('reads the accounts the sqlite3 export of the same file gives', async () => {
    const db = await readDump(fixture('necrobot2-accounts.db'));
    const exported = await readDump(fixture('necrobot2-accounts-export.csv'));
    const pairs = (r: typeof db) => r.accounts.map((a) => [a.username, a.password, a.level ?? 0]);
    expect(pairs(db)).toEqual(pairs(exported));
  });

  it("another tool's SQLite file is refused naming its tables and the export, quoting no row", async () => {
    const bytes = await sqliteFile(
      "CREATE TABLE pokemon (encounter_id TEXT PRIMARY KEY, spawnpoint_id TEXT); CREATE TABLE workerstatus (username TEXT, message TEXT);" +
        "CREATE TABLE \"Account\" (\"Login\" TEXT, \"Secret\" TEXT); INSERT INTO workerstatus VALUES ('rm_ash01', 'Secr3tPw');",
    );
    const message = await refusal('pogom.db', bytes);
    expect(message).toMatch(/^pogom\.db: is a SQLite database holding the tables "pokemon", "workerstatus", "Account", not an account store accountpool knows \(NecroBot2's accounts\.db, Monocle's accounts table\)/);
    expect(message).toContain('sqlite3 -header -csv pogom.db "SELECT');
    expect(message).not.toMatch(/rm_ash01|Secr3tPw/);
    expect(await refusal('empty.db', await sqliteFile('PRAGMA user_version = 1; VACUUM;'))).toMatch(/^empty\.db: is a SQLite database holding no tables/);
  });

  it('a file cut short is refused naming it, before any row is read', async () => {
    const bytes = fixtureBytes('necrobot2-accounts.db');
    for (const cut of [50, 4096, bytes.length - 4096]) {
      const message = await refusal('accounts.db', bytes.subarray(0, cut));
      expect(message).toBe("accounts.db: is a damaged SQLite database (it is shorter than its header says: cut short); copy it again from the tool's folder while the tool is stopped");
    }
  });

  it('a file with a broken page is refused naming it, quoting nothing of it', async () => {
    const bytes = Buffer.from(fixtureBytes('necrobot2-accounts.db'));
    // The Account table's root page (page 2): its b-tree page header made nonsense.
    bytes[4096] = 0x0d;
    bytes[4096 + 3] = 0xff;
    bytes[4096 + 4] = 0x7f;
    const message = await refusal('accounts.db', bytes);
    expect(message).toBe("accounts.db: is a damaged SQLite database (SQLite finds its pages broken); copy it again from the tool's folder while the tool is stopped");
    expect(message).not.toMatch(PASSWORDS);
  });

  it('a broken page of a table no store reads does not stand in the way of the accounts', async () => {
    const bytes = Buffer.from(fixtureBytes('necrobot2-accounts.db'));
    // PokestopTimestamp's root page (page 5): its b-tree page header made nonsense, as for Account's above.
    bytes[4 * 4096] = 0x0d;
    bytes[4 * 4096 + 3] = 0xff;
    bytes[4 * 4096 + 4] = 0x7f;
    const r = await readDump(toDumpInput('accounts.db', bytes));
    expect(r.accounts.map((a) => a.username)).toEqual(['necro2_ash01', 'necro2_misty02', 'necro2.brock03@gmail.com', 'necro2_fail04', 'necro2_warn05']);
  });

  it('a LiteDB file is still refused naming it', async () => {
    const page = Buffer.alloc(4096);
    page.write('** This is a LiteDB file **', 25, 'latin1');
    expect(() => toDumpInput('accounts.db', page)).toThrow(/^accounts\.db: is a LiteDB database, which accountpool does not read/);
  });
});

describe('a large SQLite account table', () => {
  it('is read one row at a time, never as a list of every row before the first account', async () => {
    const { openSqlite } = await import('../../src/formats/databases/sqlite-file.js');
    const db = await openSqlite('accounts.db', fixtureBytes('necrobot2-accounts.db'));
    try {
      const rows = db.rows('Account');
      // A list of every row held at once was 2.4 GB for 1,700,000 rows (docs/scale-log.md, stop 36).
      expect(Array.isArray(rows)).toBe(false);
      expect([...rows].map((r) => r.get('Username'))).toEqual(['necro2_ash01', 'necro2_misty02', 'necro2.brock03@gmail.com', 'necro2_fail04', 'necro2_warn05']);
    } finally {
      db.close();
    }
  });

  it('of 2,000 columns is refused naming its width and the export, before a row becomes an account', async () => {
    const extra = Array.from({ length: 1997 }, (_, i) => `"C${i}" INTEGER`).join(', ');
    const bytes = await sqliteFile(`CREATE TABLE "Account" ("Username" TEXT, "Password" TEXT, "AuthType" INTEGER, ${extra}); INSERT INTO "Account" ("Username", "Password", "AuthType") VALUES ('wide_01', 'Wide Pass 1', 1);`);
    const message = await refusal('accounts.db', bytes);
    expect(message).toBe(
      'accounts.db: is a SQLite database whose table "Account" has 2000 columns, more than any tool\'s account store (at most 200); ' +
        'export its accounts as CSV and import that: sqlite3 -header -csv accounts.db "SELECT <login column> AS username, <password column> AS password FROM <table>" > accounts.csv',
    );
    expect(message).not.toMatch(/Wide Pass/);
  });
});
