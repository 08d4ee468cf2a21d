// RealDeviceMap's `account` table (2018-2023: the iOS scanners' account store) as mysqldump,
// `mysql -B` and `mysql -t` write it. The fixtures are those tools' own output of the table RDM's
// migrations build, filled as RDM's code leaves rows (test/fixtures/generators/make-rdm-fixtures.sh,
// rdm-account.sql; RealDeviceMap/RealDeviceMap `resources/migrations/*.sql`,
// `Sources/RealDeviceMapLib/Modell/Account.swift`, `Webhook/WebHookRequestHandler.swift`).
// RDM states its verdict in `failed` with its time in `failed_timestamp` (Unix seconds).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';

const FORMS = ['rdm-account.sql', 'rdm-accounts.tsv', 'rdm-accounts-table.txt'];

const at = (unix: number) => new Date(unix * 1000).toISOString();
const essentials = (accounts: DumpAccount[]) => accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state, a.stateAt]);

const EXPECTED = [
  ['rdmbanned', 'BanPass1', 'ptc', 30, 'perm_banned', at(1546300200)], // the device's account_banned
  ['rdmfresh01', 'Fr3sh,Pass!', 'ptc', 0, undefined, undefined], // the dashboard's Add Accounts, level 0
  ['rdmfresh02', 'p@ss word#2', 'ptc', 0, undefined, undefined],
  ['rdmgprban', 'GprBan1', 'ptc', 30, 'perm_banned', at(1546300300)], // the game's banned flag: GPR_BANNED
  ['rdminvalid', 'WrongPass1', 'ptc', 0, 'invalid', at(1546300400)], // invalid_credentials
  ['rdmlvl30a', "Lvl30;Pass'a", 'ptc', 31, undefined, undefined],
  ['rdmlvl30b', 'L30b\\tail', 'ptc', 30, undefined, undefined], // a backslash and t, never a tab
  ['rdmsuspend', 'SuspPass1', 'ptc', 30, 'temp_banned', at(1546300100)], // suspended: RDM rests it 30 days
  ['rdmwarned', 'WarnPass1', 'ptc', 30, 'warned', at(1546300000)], // GPR_RED_WARNING
];

describe("RealDeviceMap's account table", () => {
  it.each(FORMS)('%s: password, level, and the verdict of `failed` at its failed_timestamp, for every row', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(EXPECTED);
  });

  it("keeps RDM's last hand-out as the account's and its other columns as fields", async () => {
    const r = await readDump(fixture('rdm-account.sql'));
    const used = r.accounts.find((a) => a.username === 'rdmlvl30a')!;
    expect(used.history).toMatchObject({
      allocated_at: at(1546300900),
      last_used_timestamp: 1546300900,
      spins: 412,
      last_encounter_lat: 40.7128,
      creation_timestamp: 1514764800,
      group: 'quest',
    });
    const banned = r.accounts.find((a) => a.username === 'rdmgprban')!;
    expect(banned.history).toMatchObject({ failed: 'GPR_BANNED', failed_timestamp: 1546300300 });
  });
});

describe("versx/NodeController's account table: RDM's with the devices' PTC login token (`ptcToken text`, with `tutorial`, `last_uuid`, `last_instance`)", () => {
  // Its `sql/schema.sql` (a MariaDB 10.4 dump, beside its `gather_token` instance type): 21 columns.
  // The fixtures are the real mysqldump, mysql -B and mysql -B -N of that table
  // (test/fixtures/generators/make-nodecontroller-fixtures.sh, nodecontroller-account.sql).
  it.each(['nodecontroller-account.sql', 'nodecontroller-accounts.tsv'])('%s: every account, its verdict and fields, never a token', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual([
      ['ncbanned', 'B4n#ned', 'ptc', 30, 'perm_banned', at(1546300300)],
      ['ncfresh01', 'Fr3sh,Pass!', 'ptc', 0, undefined, undefined],
      ['nctoken30', "T0k;en'30", 'ptc', 30, undefined, undefined],
      ['ncwarned', 'W4rn:ed pw', 'ptc', 30, 'warned', at(1546300000)],
    ]);
    expect(r.accounts.find((a) => a.username === 'nctoken30')!.history).toMatchObject({ tutorial: 1, spins: 412, last_uuid: 'iphone-01', last_instance: 'quest-east' });
    expect(JSON.stringify(r)).not.toMatch(/TOKEN-BODY|ptcToken/);
  });

  it('nodecontroller-accounts-noheader.tsv (mysql -B -N): refused, naming the table and the way through', async () => {
    const refused = await readDump(fixture('nodecontroller-accounts-noheader.tsv')).catch((e: Error) => e);
    const message = (refused as Error).message;
    expect(message).toContain("(mysql -B -N: rows of 21 tab-separated cells) of RealDeviceMap's `account` table");
    expect(message).toContain('export it again with the header (mysql -B, without -N)');
    expect(message).not.toMatch(/TOKEN-BODY|Fr3sh|B4n#ned/);
  });
});
