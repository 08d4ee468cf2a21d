// The account tables of the 2019-2023 scanners (RealDeviceMap, Flygon, Map-A-Droid) and of pogoAccountServer (a pool for MAD devices), mysqldump'ed
// (and neskk/RocketMap's, RocketMap with its accounts in MySQL) and imported through the real CLI into a real pool: each verdict they state lands on the
// account with its own time (a perm ban retired, a temp ban's cool-down counted from when the
// scanner saw it), the last hand-out kept, and no password or verdict lost. The readers' own
// tests are test/formats/rdm-account.test.ts, flygon-account.test.ts and mad-pogoauth.test.ts.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES } from '../formats/helpers.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const at = (unix: number) => new Date(unix * 1000).toISOString();

describe('scanner account tables imported into a pool', () => {
  it("RealDeviceMap's, Flygon's and MAD 2's mysqldump: verdicts at their own times, exact passwords", async () => {
    const pool = await makePool(4);
    for (const dump of ['rdm-account.sql', 'flygon-account.sql', 'mad-pogoauth-v2.sql']) {
      const r = await cli(['import', join(FIXTURES, dump), '--level', '1', ...pool.args]);
      expect(r.code, r.stderr).toBe(0);
    }
    const accounts = await (await pool.open()).read();
    expect(accounts.get('rdmgprban')).toMatchObject({ state: 'perm_banned', state_at: at(1546300300) });
    expect(accounts.get('rdmgprban')).not.toHaveProperty('available_at'); // retired
    expect(accounts.get('rdmsuspend')).toMatchObject({ state: 'temp_banned', state_at: at(1546300100) });
    expect(accounts.get('rdminvalid')!.state).toBe('invalid');
    expect(accounts.get('rdmlvl30a')).toMatchObject({ state: 'ok', level: 31, allocated_at: at(1546300900), password: "Lvl30;Pass'a" });
    expect(accounts.get('rdmlvl30b')!.password).toBe('L30b\\tail');
    expect(accounts.get('flybanned03')).toMatchObject({ state: 'perm_banned', state_at: at(1680010800) });
    expect(accounts.get('flysusp04')).toMatchObject({ state: 'temp_banned', state_at: at(1680014400) });
    expect(accounts.get('flyinvalid06')!.state).toBe('invalid');
    expect(accounts.get('madbanned04')).toMatchObject({ state: 'perm_banned', state_at: '2022-03-02T10:00:00.000Z', level: 31 });
    expect(accounts.get('madsusp05')).toMatchObject({ state: 'temp_banned', state_at: '2022-03-03T11:00:00.000Z' });
    expect(accounts.get('madatv.one@gmail.com')).toMatchObject({ provider: 'google', state: 'ok' });
    expect(accounts.get('madptc02')!.password).toBe("p w'2\\t");
  });

  it("neskk/RocketMap's mysqldump (RocketMap with its accounts in MySQL): its numbered bans at last_modified (UTC), never PGPool's `banned`", async () => {
    const pool = await makePool(4);
    const r = await cli(['import', join(FIXTURES, 'rocketmap-neskk-account.sql'), '--level', '1', ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('nkperm07')).toMatchObject({ state: 'perm_banned', state_at: '2018-03-05T06:00:00.000Z', password: 'P3rm pw7' });
    expect(accounts.get('nktemp06')).toMatchObject({ state: 'temp_banned', state_at: '2018-03-04T07:00:00.000Z', level: 17 });
    expect(accounts.get('nkshadow05')).toMatchObject({ state: 'blind', state_at: '2018-03-03T08:05:00.000Z' });
    expect(accounts.get('nkwarn08')).toMatchObject({ state: 'warned', state_at: '2018-03-06T05:10:00.000Z', password: 'W4rn"pw8' });
    expect(accounts.get('nkscan04')).toMatchObject({ state: 'ok', level: 23, allocated_at: '2018-03-02T09:30:00.000Z', password: 'Sc4n\\tpw' });
    expect(accounts.get('nkgoogle@gmail.com')).toMatchObject({ provider: 'google', password: 'G00 gle#pw' });
  });

  it("pogoAccountServer's mysql -B output: each account with its level and exact password, no verdict invented", async () => {
    const pool = await makePool(4);
    // Three rows hold the table's DEFAULT 30 (sql/002_level.sql), no device's report: no level known.
    const unsure = await cli(['import', join(FIXTURES, 'pogoaccountserver-accounts.tsv'), ...pool.args]);
    expect(unsure.code).not.toBe(0);
    expect(unsure.stderr).toContain('no level known for 3 accounts');
    expect((await (await pool.open()).read()).size).toBe(0);
    // The operator who knows they are level 30 says so; the levels devices reported stay.
    const r = await cli(['import', join(FIXTURES, 'pogoaccountserver-accounts.tsv'), '--level', '30', ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    const accounts = await (await pool.open()).read();
    expect(accounts.size).toBe(5);
    for (const name of ['pasburn03', 'pasfresh01', 'pasheld05']) expect(accounts.get(name)).toMatchObject({ level: 30 });
    expect(accounts.get('pasused02')).toMatchObject({ state: 'ok', level: 34, password: "p w'2\\t;#" });
    expect(accounts.get('paslow04')).toMatchObject({ state: 'ok', level: 14 });
    expect(accounts.get('pasburn03')!.state).toBe('ok'); // `maintenance` rests an account; it is no ban
  });
});
