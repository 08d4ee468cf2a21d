// Map-A-Droid's `settings_pogoauth` table (MAD 1, 2020-2021, and MAD 2, 2022-2023) as mysqldump and
// `mysql -B` write it. The fixtures are those tools' own output of the table MAD's own statements
// build (test/fixtures/generators/make-mad-fixtures.sh, mad-pogoauth.sql, mad-pogoauth-v2.sql;
// Map-A-Droid/MAD `mapadroid/patcher/madrom_autoconfig.py`, `move_ptc_accounts.py`,
// `alembic/versions/a2e69d3ecf7c_add_keyblobs_for_pogoauth.py`, `mapadroid/account_handler/AccountHandler.py`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';

const essentials = (accounts: DumpAccount[]) => accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state, a.stateAt]);

const MAD1 = [
  ['madptc01', 'M4d,Pass;1', 'ptc', undefined, undefined, undefined],
  ['madptc02', "p w'2\\t", 'ptc', undefined, undefined, undefined], // a backslash and t, never a tab
  ['madatv.one@gmail.com', 'G00gle!pw', 'google', undefined, undefined, undefined], // login_type google
  ['madspare03', 'Sp4re#pw', 'ptc', undefined, undefined, undefined],
];

const MAD2 = [
  ['madptc01', 'M4d,Pass;1', 'ptc', 34, undefined, undefined],
  ['madptc02', "p w'2\\t", 'ptc', 0, undefined, undefined],
  ['madatv.one@gmail.com', 'G00gle!pw', 'google', 0, undefined, undefined],
  ['madspare03', 'Sp4re#pw', 'ptc', 0, undefined, undefined],
  ['madbanned04', 'B4n!pw', 'ptc', 31, 'perm_banned', '2022-03-02T10:00:00.000Z'], // last_burn_type ban, last_burn in UTC
  ['madsusp05', 'Susp,pw5', 'ptc', 30, 'temp_banned', '2022-03-03T11:00:00.000Z'], // suspended
  ['madmaint06', 'Maint;pw6', 'ptc', 12, undefined, undefined], // maintenance: no verdict on the account
];

describe("Map-A-Droid's settings_pogoauth table", () => {
  it.each([
    ['mad-pogoauth.sql', MAD1],
    ['mad-pogoauth-v2.sql', MAD2],
    ['mad-pogoauth-v2.tsv', MAD2],
  ])('%s: every account with its provider, level and burn, exactly', async (file, expected) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(expected);
  });

  it('a whole database dump whose settings_pogoauth starts megabytes in, after the map\'s tables (mysqldump sorts them by name), is read without --format', async () => {
    // MAD's gym table (mapadroid/db/model.py Gym, gym_id to last_scanned) as mysqldump writes it,
    // 2 MB of rows put where mysqldump puts the table, before settings_pogoauth.
    const dump = fixture('mad-pogoauth-v2.sql').text;
    const at = dump.indexOf('--\n-- Table structure for table `settings_pogoauth`');
    const rows = Array.from({ length: 30_000 }, (_, n) => `('gym${n}',1,3000,1,1,0,0,51.5,-0.1,0,'2022-03-01 00:00:00','2022-03-01 00:00:00',0,0)`).join(',');
    const gym = `--\n-- Table structure for table \`gym\`\n--\n\nCREATE TABLE \`gym\` (\n  \`gym_id\` varchar(50) NOT NULL,\n  \`team_id\` smallint(6) NOT NULL,\n  \`guard_pokemon_id\` smallint(6) NOT NULL,\n  \`slots_available\` smallint(6) NOT NULL,\n  \`enabled\` tinyint(1) NOT NULL,\n  \`is_ex_raid_eligible\` tinyint(1) NOT NULL,\n  \`is_in_battle\` tinyint(1) NOT NULL,\n  \`latitude\` double NOT NULL,\n  \`longitude\` double NOT NULL,\n  \`total_cp\` smallint(6) NOT NULL,\n  \`last_modified\` datetime NOT NULL,\n  \`last_scanned\` datetime NOT NULL,\n  \`weather_boosted_condition\` smallint(6) DEFAULT NULL,\n  \`is_ar_scan_eligible\` tinyint(1) NOT NULL,\n  PRIMARY KEY (\`gym_id\`)\n);\n\nINSERT INTO \`gym\` VALUES ${rows};\n\n`;
    const whole = dump.slice(0, at) + gym + dump.slice(at);
    expect(whole.indexOf('INSERT INTO `settings_pogoauth`')).toBeGreaterThan(2_000_000);
    const r = await readDump(input('maddb.sql', whole));
    expect(r.format).toBe('pgpool-dump');
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(MAD2);
  });

  it("keeps MAD's device number as mad_device_id, never as the account's device, and leaves its binary columns out", async () => {
    for (const file of ['mad-pogoauth-v2.sql', 'mad-pogoauth-v2.tsv']) {
      const [first] = (await readDump(fixture(file))).accounts;
      expect(first!.device).toBeUndefined();
      expect(first!.history).toMatchObject({ mad_device_id: 1, instance_id: 1, account_id: 1, last_softban_action: '2022-03-01 09:30:00' });
      expect(first!.history).not.toHaveProperty('last_softban_action_location');
      expect(first!.history).not.toHaveProperty('key_blob');
      expect(first!.history).not.toHaveProperty('device_id');
    }
  });
});

describe("Map-A-Droid's ptc_backup.json (mapadroid/patcher/move_ptc_accounts.py)", () => {
  it('every login of every device, split as MAD splits them: the password is all after the first comma', async () => {
    const r = await readDump(fixture('mad-ptc-backup.json'));
    expect(r.format).toBe('json');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.password, a.provider, a.history])).toEqual([
      ['madold01', 'Old!pass1', 'ptc', { mad_device_id: 1 }],
      ['madold02', 'Pw,with,commas', 'ptc', { mad_device_id: 1 }],
      ['madold03', 'P3#x y', 'ptc', { mad_device_id: 3 }],
    ]);
  });

  it('a login without a comma is rejected by its line, as MAD skips it; the others import', async () => {
    const r = await readDump(input('ptc_backup.json', '[{"device_id": 1, "ptc_login": "madold01,Old!pass1|brokenlogin"}]'));
    expect(r.accounts.map((a) => a.username)).toEqual(['madold01']);
    expect(r.rejected).toEqual([{ line: 1, reason: 'a MAD ptc_login without a comma between login and password (MAD skips it too)' }]);
  });
});

describe("Map-A-Droid's configs/mappings.json (MAD 0.x: each device's and pool's ptc_login)", () => {
  it("every device's and pool's logins, split as MAD's screenPath.py splits them (blanks removed); madmin's own `auth` logins never", async () => {
    // Stop 55's survey: a filled mappings.json was refused as "code or data", its logins lost.
    const r = await readDump(fixture('mad-mappings.json'));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider ?? 'ptc'])).toEqual([
      [108, 'kalos_ash1', 'Qw8!rtyA', 'ptc'],
      [108, 'kalos_ash2', 'Zx7#vbnB', 'ptc'],
      [150, 'kalos_pool1', 'Lp6$mkoC', 'ptc'],
    ]);
    expect(JSON.stringify(r)).not.toContain('madphone');
    // As MAD publishes it (configs/mappings_example.json): the placeholders, refused by their line.
    const example = fixture('mad-mappings.json');
    let n = 0;
    const text = example.text.replace(/"ptc_login": "[^"]*"/g, () => (n++ === 0 ? '"ptc_login": "PTC_1,PTC_PASS_1|PTC_2,PTC_PASS_2"' : '"ptc_login": ""'));
    const refused = await readDump(input('mappings.json', text)).then(() => '', (e: Error) => e.message);
    expect(refused).toMatch(/line 108: the example's placeholder/);
  });
});
