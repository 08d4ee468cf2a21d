// neskk/RocketMap's `account` table (RocketMap with its accounts in the database: branch
// pr-accounts-db, RocketMap/RocketMap pull request #2424) as mysqldump, `mysql -B` and `mysql --xml`
// write it. The fixtures are those tools' own output of the table peewee makes from the fork's
// `pogom/models.py` class Account, filled as its code leaves rows
// (test/fixtures/generators/make-rocketmap-neskk-fixtures.sh, rocketmap-neskk-account.sql;
// neskk/RocketMap `pogom/account.py` AccountBanned, check_login, rpc_login_sequence,
// `pogom/accountManager.py`, `runserver.py` Account.insert_new). Its `banned` is a number
// (0 clear, 1 shadow ban, 2 temporary, 3 permanent) and its times UTC: on main (stop 44) it was read
// as PGPool's table, a shadow ban taken for a temp ban and the other bans and warnings dropped.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';

const FORMS = ['rocketmap-neskk-account.sql', 'rocketmap-neskk-accounts.tsv', 'rocketmap-neskk-accounts.xml'];

const essentials = (accounts: DumpAccount[]) => accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state, a.stateAt]);

const EXPECTED = [
  ['nkfresh01', 'Fr3sh,Pass!', 'ptc', 0, undefined, undefined], // insert_new from `ptc,user,pass`: level 0, no verdict
  ['nkgoogle@gmail.com', 'G00 gle#pw', 'google', 12, undefined, undefined],
  ['nklvl30', "L30;pw'x", 'ptc', 30, undefined, undefined],
  ['nkperm07', 'P3rm pw7', 'ptc', 0, 'perm_banned', '2018-03-05T06:00:00.000Z'], // AccountBanned.Permanent, at last_modified (UTC)
  ['nkscan04', 'Sc4n\\tpw', 'ptc', 23, undefined, undefined], // a backslash and t, never a tab
  ['nkshadow05', 'Sh4dow!5', 'ptc', 21, 'blind', '2018-03-03T08:05:00.000Z'], // Shadowban: never PGPool's `banned` (a temp ban)
  ['nktemp06', 'T3mp:pw6', 'ptc', 17, 'temp_banned', '2018-03-04T07:00:00.000Z'],
  ['nkwarn08', 'W4rn"pw8', 'ptc', 29, 'warned', '2018-03-06T05:10:00.000Z'], // `warning`, GET_PLAYER's warn
];

describe("neskk/RocketMap's account table", () => {
  it.each(FORMS)('%s: password, provider, level, and the verdict of `banned` and `warning` at last_modified, for every row', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(EXPECTED);
  });

  it('keeps its last scan as the last hand-out (UTC), the instance, captcha and failure count as fields', async () => {
    const r = await readDump(fixture('rocketmap-neskk-account.sql'));
    const scanned = r.accounts.find((a) => a.username === 'nkscan04')!;
    expect(scanned.history).toMatchObject({ allocated_at: '2018-03-02T09:30:00.000Z', last_update: '2018-03-02T09:31:00.000Z', instance_id: 'a1b2c3d4e5f6', time_assets: 1519900000 });
    expect(r.accounts.find((a) => a.username === 'nkwarn08')!.history).toMatchObject({ captcha: true });
    expect(r.accounts.find((a) => a.username === 'nkperm07')!.history).toMatchObject({ failed: 3 });
    // No hold: the fork's `allocated` is a flag it drops a day later, not PGPool's system_id.
    expect(scanned.history).not.toHaveProperty('holder');
  });

  it('a `banned` the fork never writes refuses its row by its line, the others read', async () => {
    const header = 'username\tauth_service\tpassword\tinstance_id\tallocated\tlatitude\tlongitude\tfailed\tcaptcha\twarning\tbanned\tlevel\ttime_assets\ttime_templates\tlast_scan\tlast_modified';
    const row = (user: string, banned: string) => `${user}\tptc\tPw!${user}\tNULL\t0\tNULL\tNULL\t0\t0\t0\t${banned}\t30\t0\t0\tNULL\t2018-03-01 10:00:00`;
    const r = await readDump(input('accounts.tsv', [header, row('nkok01', '0'), row('nkodd02', '7'), row('nkban03', '3')].join('\n') + '\n'));
    expect(r.accounts.map((a) => [a.username, a.state])).toEqual([['nkok01', undefined], ['nkban03', 'perm_banned']]);
    expect(r.rejected.map((j) => j.line)).toEqual([3]);
    expect(r.rejected[0]!.reason).toContain("`banned` holds a value neskk/RocketMap's table of this version never writes (AccountBanned: 0 clear, 1 shadow ban, 2 temporary, 3 permanent)");
    expect(JSON.stringify(r.rejected)).not.toContain('Pw!');
  });

  it('its mysql -B -N output (no header) is refused naming the table and the way through, never a password', async () => {
    const text = fixture('rocketmap-neskk-accounts.tsv').text.split('\n').slice(1).join('\n');
    const refused = await readDump(input('accounts.tsv', text)).catch((e: Error) => e);
    expect((refused as Error).message).toContain("(mysql -B -N: rows of 16 tab-separated cells) of neskk/RocketMap's `account` table");
    expect((refused as Error).message).toContain('export it again with the header (mysql -B, without -N)');
    expect((refused as Error).message).not.toMatch(/Fr3sh|P3rm/);
  });

  // Its versions before AccountBanned (2018-01-07, 77125cc), told apart by their columns:
  // 2017-08 (6254fef) to 2017-12 (4cff023), `banned` a flag set by Account.set_banned ("Re-use
  // impossible") beside `shadowban` and `warn`; 2017-12-29 (0aa49b4) to 77125cc, `banned` a
  // number whose 1 is the temporary ban (account.py), beside `shadowban` and `warning`. Written
  // as `mysql -B` writes those tables (peewee's order: the primary key first).
  it.each([
    ['2017-08 flags', 'username\tauth_service\tpassword\tlevel\tin_use\tinstance_name\tlatitude\tlongitude\tcaptcha\tfail\tshadowban\twarn\tbanned\tlast_modified', (b: string, s: string, w: string) => `1\t0\tNULL\tNULL\tNULL\t0\t0\t${s}\t${w}\t${b}\t2017-12-30 10:00:00`, 'perm_banned'],
    ['2017-12 number', 'username\tauth_service\tpassword\tinstance_id\tallocated\tlatitude\tlongitude\tcaptcha\tfail\tshadowban\twarning\tbanned\tlevel\tlast_scan\tlast_modified', (b: string, s: string, w: string) => `NULL\t0\tNULL\tNULL\t0\t0\t${s}\t${w}\t${b}\t1\tNULL\t2017-12-30 10:00:00`, 'temp_banned'],
    // Alderon86/RocketMap, where the fork's table began: F-HealthyAccountDB (2017-06, no position;
    // set_banned: "for sure banned and will no longer be fetched") and accDB (2018-01: its columns in
    // another order; a 6-week reset of `banned` 1 beside `shadowban` 1, "temp-banned accounts").
    ['Alderon86 F-HealthyAccountDB', 'username\tauth_service\tpassword\tlevel\tin_use\tinstance_name\tcaptcha\tfail\tshadowban\twarn\tbanned\tlast_modified', (b: string, s: string, w: string) => `1\t0\tNULL\t0\t0\t${s}\t${w}\t${b}\t2017-12-30 10:00:00`, 'perm_banned'],
    ['Alderon86 accDB', 'username\tauth_service\tpassword\tlevel\tcaptcha\tlatitude\tlongitude\tallocated\tinstance_id\tfail\tlast_scan\tlast_modified\tshadowban\twarning\tbanned', (b: string, s: string, w: string) => `1\t0\tNULL\tNULL\t0\tNULL\t0\tNULL\t2017-12-30 10:00:00\t${s}\t${w}\t${b}`, 'temp_banned'],
  ])('%s: `banned` as that version wrote it, `shadowban` blind, the warning warned, any other `banned` refused', async (_v, header, cells, bannedIs) => {
    const row = (user: string, b: string, s: string, w: string) => `${user}\tptc\tPw!${user}\t${cells(b, s, w)}`;
    const text = [header, row('nkv01', '0', '0', '0'), row('nkv02', '1', '0', '0'), row('nkv03', '0', '1', '0'), row('nkv04', '0', '0', '1'), row('nkv05', '7', '0', '0')].join('\n') + '\n';
    const r = await readDump(input('accounts.tsv', text));
    expect(r.accounts.map((a) => [a.username, a.state, a.stateAt])).toEqual([
      ['nkv01', undefined, undefined],
      ['nkv02', bannedIs, '2017-12-30T10:00:00.000Z'],
      ['nkv03', 'blind', '2017-12-30T10:00:00.000Z'],
      ['nkv04', 'warned', '2017-12-30T10:00:00.000Z'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([6]);
  });

  // Alderon86/RocketMap accDB (e7178b4, pogom/account.py rpc_login_sequence): `account['banned'] = 2`
  // when the login's DOWNLOAD_REMOTE_CONFIG_VERSION answer holds no remote config, the step where
  // neskk's version (0aa49b4) writes 1 for "Account ... is temporarily banned".
  it('Alderon86 accDB: `banned` 2, a login answered without its remote config, is the temporary ban', async () => {
    const header = 'username\tauth_service\tpassword\tlevel\tcaptcha\tlatitude\tlongitude\tallocated\tinstance_id\tfail\tlast_scan\tlast_modified\tshadowban\twarning\tbanned';
    const row = (user: string, b: string) => `${user}\tptc\tPw!${user}\t27\t0\tNULL\tNULL\t0\tNULL\t0\tNULL\t2018-01-08 09:30:00\t0\t0\t${b}`;
    const r = await readDump(input('account.tsv', [header, row('alder01', '2'), row('alder02', '0'), row('alder03', '3')].join('\n') + '\n'));
    expect(r.accounts.map((a) => [a.username, a.level, a.state, a.stateAt])).toEqual([
      ['alder01', 27, 'temp_banned', '2018-01-08T09:30:00.000Z'],
      ['alder02', 27, undefined, undefined],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[4, expect.stringContaining("Alderon86's 2 for a login answered without its remote config")]]);
  });
});
