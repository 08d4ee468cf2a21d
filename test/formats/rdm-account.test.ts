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

describe("an RDM fork's account table with the devices' PTC login token (`ptcToken text`, with `tutorial`, `last_uuid`, `last_instance`)", () => {
  // The fork's CREATE TABLE (found in the code corpus beside its `gather_token` instance type) adds
  // the token its devices log in with; as mysql -B and mysqldump --complete-insert print a row.
  const columns = ['username', 'password', 'failed_timestamp', 'failed', 'level', 'tutorial', 'ptcToken', 'last_uuid', 'last_instance'];
  const row = ['rdmtok01', 'T0k!pass', 'NULL', 'NULL', '30', '1', 'eyJhbGciOiJSUzI1NiJ9.TOKEN-BODY', 'uuid-1', 'quest'];
  it.each([
    ['accounts.tsv', `${columns.join('\t')}\n${row.join('\t')}\n`],
    ['rdm.sql', `INSERT INTO \`account\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${row.map((v) => (v === 'NULL' || /^\d+$/.test(v) ? v : `'${v}'`)).join(',')});\n`],
  ])('%s: the account and its fields, never the token', async (name, text) => {
    const r = await readDump(input(name, text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['rdmtok01', 'T0k!pass', 30]]);
    expect(r.accounts[0]!.history).toMatchObject({ tutorial: 1, last_uuid: 'uuid-1', last_instance: 'quest' });
    expect(JSON.stringify(r)).not.toContain('TOKEN-BODY');
  });
});
