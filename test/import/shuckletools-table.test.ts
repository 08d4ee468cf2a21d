// ShuckleTools' MySQL `account` table (billyj85/ShuckleTools `database_scripts.md`), dumped by
// mysqldump, read by the pgpool-dump reader (src/formats/pgpool-row.ts): its verdicts are DATETIME
// columns, NULL when not given (accountdbsql_statements.py sql_set_perm_banned, sql_set_temp_banned,
// sql_set_blinded, sql_set_warned: datetime.now()), so a set one is the account's verdict, given at
// that time; `provider` is the account's provider; `model`, `iOS`, `device_id` its device.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { readDump } from '../../src/formats/index.js';
import { fixture, FIXTURES } from '../formats/helpers.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const FILE = 'shuckletools-account.sql';
/** A MySQL DATETIME is the server's local time, as pgpool-row.ts mysqlDatetime reads it. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi, 0).toISOString();
const DAY = 86_400_000;

describe("ShuckleTools' account table", () => {
  it('a set verdict datetime is the verdict and its time: perm_banned over all, else the latest', async () => {
    const r = await readDump(fixture(FILE));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.provider, a.level, a.state, a.stateAt])).toEqual([
      ['shk_clean01', 'ptc', 30, undefined, undefined],
      ['shk_perm02', 'ptc', 28, 'perm_banned', local(2017, 10, 19, 11, 30)], // temp banned before, perm banned after
      ['shk_temp03', 'ptc', 24, 'temp_banned', local(2017, 10, 21, 7, 15)],
      ['shk_blind04', 'ptc', 31, 'blind', local(2017, 10, 22, 16, 20)], // temp banned in September, blinded in October
      ['shk_warn05', 'ptc', 27, 'warned', local(2017, 10, 24, 18, 0)],
      ['shk.misty06@gmail.com', 'google', 29, undefined, undefined],
    ]);
  });

  it('model, iOS and device_id are the device; the other columns are kept', async () => {
    const [clean] = (await readDump(fixture(FILE))).accounts;
    expect(clean!.device).toEqual({ model: 'iPhone9,3', ios: '11.1.0', id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
    expect(clean!.history).toMatchObject({ served_to: 'hamburg', behaviour: 'lure', allocated: '2017-10-20 09:00:00', lures: 12, eggs: 3 });
    expect(clean!.history).not.toHaveProperty('device_id');
  });

  it('imported, banned accounts are not healthy: each verdict counts from its own time, never overruling a later one', async () => {
    const pool = await makePool(4);
    const dump = join(FIXTURES, FILE);
    expect((await cli(['import', dump, ...pool.args])).code).toBe(0);
    let accounts = await (await pool.open()).read();
    const temp = accounts.get('shk_temp03')!;
    expect([temp.state, temp.state_at, temp.available_at]).toEqual(['temp_banned', local(2017, 10, 21, 7, 15), new Date(Date.parse(local(2017, 10, 21, 7, 15)) + 10 * DAY).toISOString()]);
    expect(accounts.get('shk_perm02')).toMatchObject({ state: 'perm_banned', state_at: local(2017, 10, 19, 11, 30) });
    expect(accounts.get('shk_perm02')).not.toHaveProperty('available_at'); // retired
    expect(accounts.get('shk_blind04')!.state).toBe('blind');
    expect(accounts.get('shk_warn05')!.state).toBe('warned');
    expect(accounts.get('shk_clean01')).toMatchObject({ state: 'ok', device: { model: 'iPhone9,3' } });
    expect(accounts.get('shk.misty06@gmail.com')!.provider).toBe('google');

    // The same dump again changes nothing; a verdict older than the pool's own overrules nothing.
    const again = await cli(['import', dump, ...pool.args]);
    expect(again.code).toBe(0);
    const older = join(pool.base, 'older.sql');
    await writeFile(older, "INSERT INTO `account` (`username`,`password`,`provider`,`level`,`temp_banned`,`perm_banned`) VALUES ('shk_warn05','W4rn!ed','ptc',27,'2017-10-01 00:00:00',NULL);\n");
    expect((await cli(['import', older, ...pool.args])).code).toBe(0);
    accounts = await (await pool.open()).read();
    expect(accounts.get('shk_warn05')).toMatchObject({ state: 'warned', state_at: local(2017, 10, 24, 18, 0) });
    expect(accounts.get('shk_temp03')!.available_at).toBe(temp.available_at);
  });
});
