// ShuckleTools' MySQL `account` table (billyj85/ShuckleTools `database_scripts.md`), dumped by
// mysqldump, read by the pgpool-dump reader (src/formats/databases/pgpool-row.ts): its verdicts are DATETIME
// columns, NULL when not given (accountdbsql_statements.py sql_set_perm_banned, sql_set_temp_banned,
// sql_set_blinded, sql_set_warned: datetime.now()), so a set one is the account's verdict, given at
// that time; `provider` is the account's provider; `model`, `iOS`, `device_id` its device; `allocated`
// the time it was last handed out, `system_id` until `allocation_end` a hold, `rest_until` a cool-down's
// end (sql_find_allocatable, sql_update_account). The same table as `mysql -B` prints it too, and
// without its column names (`mysql -B -N`, `mysqldump --no-create-info`), known by the row's shape
// (src/formats/databases/shuckletools-columns.ts). The fixtures are made by the real MariaDB client and
// mysqldump (test/fixtures/generators/make-shuckletools-fixtures.sh).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { readDump } from '../../src/formats/index.js';
import { fixture, FIXTURES, input } from '../formats/helpers.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const FILE = 'shuckletools-account.sql';
const FORMS = [FILE, 'shuckletools-accounts.tsv', 'shuckletools-accounts-noheader.tsv', 'shuckletools-account-data-only.sql'];
const byName = <T extends { username: string }>(accounts: T[]): T[] => [...accounts].sort((a, b) => a.username.localeCompare(b.username));
/** A MySQL DATETIME is the server's local time, as pgpool-row.ts mysqlDatetime reads it. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi, 0).toISOString();
const DAY = 86_400_000;

describe("ShuckleTools' account table", () => {
  it.each(FORMS)('%s: a set verdict datetime is the verdict and its time: perm_banned over all, else the latest', async (file) => {
    const r = await readDump(fixture(file));
    expect(byName(r.accounts).map((a) => [a.username, a.provider, a.level, a.state, a.stateAt])).toEqual(byName([
      { username: 'shk_clean01', x: ['ptc', 30, undefined, undefined] },
      { username: 'shk_perm02', x: ['ptc', 28, 'perm_banned', local(2017, 10, 19, 11, 30)] }, // temp banned before, perm banned after
      { username: 'shk_temp03', x: ['ptc', 24, 'temp_banned', local(2017, 10, 21, 7, 15)] },
      { username: 'shk_blind04', x: ['ptc', 31, 'blind', local(2017, 10, 22, 16, 20)] }, // temp banned in September, blinded in October
      { username: 'shk_warn05', x: ['ptc', 27, 'warned', local(2017, 10, 24, 18, 0)] },
      { username: 'shk.misty06@gmail.com', x: ['google', 29, undefined, undefined] },
      { username: 'shk_rest07', x: ['ptc', 22, undefined, undefined] },
    ]).map((a) => [a.username, ...a.x]));
  });

  it.each(FORMS)('%s: a NULL password is refused by its line, never read as the text NULL', async (file) => {
    const r = await readDump(fixture(file));
    const line = fixture(file).text.split('\n').findIndex((l) => l.includes("shk_nopass08")) + 1;
    expect(r.rejected).toEqual([{ line, reason: 'missing password' }]);
    expect(r.accounts.map((a) => a.password)).not.toContain('NULL');
  });

  it('a NULL password spelled \\N (as INTO OUTFILE writes NULL) is refused by its line too', async () => {
    const text = fixture('shuckletools-accounts.tsv').text.replace('shk_nopass08\tNULL\t', 'shk_nopass08\t\\N\t');
    expect(text).toContain('shk_nopass08\t\\N\t');
    const r = await readDump(input('accounts.tsv', text));
    expect(r.rejected).toEqual([{ line: text.split('\n').findIndex((l) => l.startsWith('shk_nopass08')) + 1, reason: 'missing password' }]);
    expect(r.accounts).toHaveLength(7);
  });

  it('without column names, a row whose provider is NULL (its DEFAULT) is read by the shape the file\'s other rows show', async () => {
    const text = fixture('shuckletools-accounts-noheader.tsv').text.replace('shk_temp03\tT3mp!ban\tptc\t', 'shk_temp03\tT3mp!ban\tNULL\t');
    expect(text).toContain('\tNULL\tNULL\tNULL\tNULL\tNULL\t24\t');
    const r = await readDump(input('accounts.tsv', text));
    expect(r.format).toBe('pgpool-tsv');
    expect(r.accounts.find((a) => a.username === 'shk_temp03')).toMatchObject({ provider: 'ptc', level: 24, state: 'temp_banned' });
    expect(r.accounts).toHaveLength(7);
  });

  it("a 19-cell row in another column order (a table upgraded by database_scripts.md's ALTERs: added columns last) is never read by shape", async () => {
    // `alter table account add column perm_banned datetime null` and the like append: the DATETIMEs
    // come where the old table had its own columns, so the row fits no shape and nothing is taken.
    const moved = fixture('shuckletools-accounts-noheader.tsv').text.trimEnd().split('\n').map((line) => {
      const cells = line.split('\t');
      return [...cells.slice(0, 7), ...cells.slice(8, 15), cells[7], ...cells.slice(15)].join('\t');
    }).join('\n') + '\n';
    const refused = readDump(input('accounts.tsv', moved));
    await expect(refused).rejects.toThrow(/no accounts found/);
    // The way through named: the same export with its header, whose names the reader goes by.
    await expect(refused).rejects.toThrow(/mysql client's batch output without its header \(mysql -B -N: rows of 19 tab-separated cells, NULL among them\).*export it again with the header \(mysql -B, without -N\)/);
    await expect(refused).rejects.not.toThrow(/Cl3an|P3rm/);
  });

  it.each(FORMS)('%s: model, iOS and device_id are the device; allocated, the hold till allocation_end and rest_until are what they mean', async (file) => {
    const accounts = (await readDump(fixture(file))).accounts;
    const clean = accounts.find((a) => a.username === 'shk_clean01')!;
    expect(clean.device).toEqual({ model: 'iPhone9,3', ios: '11.1.0', id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
    expect(clean.history).toMatchObject({ served_to: 'hamburg', holder: 'hamburg', held_until: local(2017, 10, 30, 9, 0), allocated_at: local(2017, 10, 20, 9, 0), behaviour: 'lure', lures: 12, eggs: 3 });
    for (const plain of ['device_id', 'allocated', 'allocation_end', 'rest_until']) expect(clean.history).not.toHaveProperty(plain);
    // Without allocation_end ShuckleTools set no end to the system's claim: kept as served_to, never a hold without an end.
    const rest = accounts.find((a) => a.username === 'shk_rest07')!;
    expect(rest.history).toMatchObject({ served_to: 'hamburg', allocated_at: local(2017, 10, 25, 8, 0), available_at: local(2017, 10, 26, 8, 5) });
    expect(rest.history).not.toHaveProperty('holder');
  });

  it('imported, banned accounts are not healthy: each verdict counts from its own time, never overruling a later one', async () => {
    const pool = await makePool(4);
    const dump = join(FIXTURES, FILE);
    // 1, not 0: shk_nopass08's NULL password is refused by its line (a rejected line exits 1 since
    // stop 44); every other account is imported, as the checks below show.
    expect((await cli(['import', dump, ...pool.args])).code).toBe(1);
    let accounts = await (await pool.open()).read();
    const temp = accounts.get('shk_temp03')!;
    expect([temp.state, temp.state_at, temp.available_at]).toEqual(['temp_banned', local(2017, 10, 21, 7, 15), new Date(Date.parse(local(2017, 10, 21, 7, 15)) + 10 * DAY).toISOString()]);
    expect(accounts.get('shk_perm02')).toMatchObject({ state: 'perm_banned', state_at: local(2017, 10, 19, 11, 30) });
    expect(accounts.get('shk_perm02')).not.toHaveProperty('available_at'); // retired
    expect(accounts.get('shk_blind04')!.state).toBe('blind');
    expect(accounts.get('shk_warn05')!.state).toBe('warned');
    expect(accounts.get('shk_clean01')).toMatchObject({ state: 'ok', device: { model: 'iPhone9,3' } });
    expect(accounts.get('shk.misty06@gmail.com')!.provider).toBe('google');
    expect(accounts.get('shk_rest07')).toMatchObject({ state: 'ok', available_at: local(2017, 10, 26, 8, 5), allocated_at: local(2017, 10, 25, 8, 0) });
    expect(accounts.get('shk_clean01')).toMatchObject({ holder: 'hamburg', held_until: local(2017, 10, 30, 9, 0) });
    expect(accounts.get('shk_nopass08')).toBeUndefined();

    // The same dump again changes nothing; a verdict older than the pool's own overrules nothing.
    const again = await cli(['import', dump, ...pool.args]);
    expect(again.code).toBe(1); // shk_nopass08 again, still refused by its line
    expect(again.stderr).toMatch(/shuckletools-account\.sql:\d+: rejected: missing password/);
    const older = join(pool.base, 'older.sql');
    await writeFile(older, "INSERT INTO `account` (`username`,`password`,`provider`,`level`,`temp_banned`,`perm_banned`) VALUES ('shk_warn05','W4rn!ed','ptc',27,'2017-10-01 00:00:00',NULL);\n");
    expect((await cli(['import', older, ...pool.args])).code).toBe(0);
    accounts = await (await pool.open()).read();
    expect(accounts.get('shk_warn05')).toMatchObject({ state: 'warned', state_at: local(2017, 10, 24, 18, 0) });
    expect(accounts.get('shk_temp03')!.available_at).toBe(temp.available_at);
  });
});
