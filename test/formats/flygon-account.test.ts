// Flygon's `account` table (UnownHash/Flygon, 2023, Dragonite's open predecessor) as mysqldump and
// `mysql -B` write it. The fixtures are those tools' own output of the table Flygon's
// `sql/01_init.up.sql` makes, filled by the statements of its `db/account.go`
// (test/fixtures/generators/make-flygon-fixtures.sh, flygon-account.sql).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { fixture } from './helpers.js';

const at = (unix: number) => new Date(unix * 1000).toISOString();
const essentials = (accounts: DumpAccount[]) => accounts.map((a) => [a.username, a.password, a.level, a.state, a.stateAt]);

const EXPECTED = [
  ['flybanned03', 'B4n!pw3', 30, 'perm_banned', at(1680010800)], // MarkBanned: never handed out again
  ['flyfresh01', 'Fly,Pass;1', 0, undefined, undefined],
  ['flyinvalid06', 'Wrong!pw6', 0, 'invalid', undefined], // MarkInvalid sets no time
  ['flylvl02', "p w'2\\t", 31, undefined, undefined], // a backslash and t, never a tab
  ['flysusp04', 'Susp#pw4', 30, 'temp_banned', at(1680014400)], // MarkSuspended
  ['flywarn05', 'W4rn:pw5', 30, 'warned', undefined],
];

describe("Flygon's account table", () => {
  it.each(['flygon-account.sql', 'flygon-accounts.tsv'])('%s: password, level, and the verdict of banned, invalid, suspended or warn at its time', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(essentials(r.accounts)).toEqual(EXPECTED);
  });

  it('keeps its last hand-out (last_selected) as the account\'s and its other columns as fields', async () => {
    const r = await readDump(fixture('flygon-account.sql'));
    const used = r.accounts.find((a) => a.username === 'flylvl02')!;
    expect(used.history).toMatchObject({ allocated_at: at(1680003600), last_selected: 1680003600, last_released: 1680007200 });
  });
});
