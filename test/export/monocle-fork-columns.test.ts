// Monocle forks keep their accounts in a database table of 32-character columns
// (RaizeTheLimit/Monocle, RobTwoThree/Monocle-Level30, xLeevo/Monocle: `monocle/accounts.py`,
// class Account, `username = Column(String(32), nullable=False)`, `password = Column(String(32),
// nullable=False)`), filled from our file by `scripts/import_accounts.py`: a longer login is cut to
// 32 (another name) or the import fails under MySQL's strict mode. Noctem's Monocle reads the same
// file whole, so the file keeps every account and stderr names the long ones (never a password).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { scannerRead } from '../helpers/scanner-read.js';
import { testdir } from '../helpers/testdir.js';
import { writeFile } from 'node:fs/promises';

const LONG_LOGIN = 'professor.willow.research.team@gmail.com'; // 40 characters
const LONG_PASSWORD = 'Pw-'.padEnd(40, 'x'); // 40 characters
const EXACT_LOGIN = 'a'.repeat(22) + '@gmail.com'; // 32 characters: fits

async function poolWithLongNames() {
  const pool = await makePool(4);
  const opened = await pool.open();
  await opened.transaction((tx) => {
    tx.put(makeAccount(0, { username: LONG_LOGIN, provider: 'google', password: 'pw-short' }));
    tx.put(makeAccount(1, { username: 'ash_ketchum01', password: LONG_PASSWORD }));
    tx.put(makeAccount(2, { username: EXACT_LOGIN, provider: 'google', password: 'pw-exact' }));
    tx.put(makeAccount(3, { username: 'misty02', password: 'pw-misty' }));
  });
  return pool;
}

describe("Monocle forks' 32-character columns", () => {
  it('allocate --format monocle writes every account and names those over 32 characters', async () => {
    const pool = await poolWithLongNames();
    const out = join(pool.base, 'accounts.csv');
    const r = await cli(['allocate', '--count', '4', '--no-check', '--format', 'monocle', '--accountcsv', out, ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    const csv = await readFile(out, 'utf8');
    for (const name of [LONG_LOGIN, 'ash_ketchum01', EXACT_LOGIN, 'misty02']) expect(csv).toContain(`${name},`);
    expect(csv).toContain(LONG_PASSWORD);
    expect(r.stderr).toContain("warning: 2 accounts in the Monocle file have a login or password over the 32 characters a Monocle fork's database holds");
    expect(r.stderr).toContain(`${LONG_LOGIN} (login 40 characters)`);
    expect(r.stderr).toContain('ash_ketchum01 (password 40 characters)');
    expect(r.stderr).not.toContain(EXACT_LOGIN);
    expect(r.stdout + r.stderr).not.toMatch(/Pw-x|pw-/);
  });

  it('export --format monocle names them too; rocketmap, which has no such table, does not', async () => {
    const pool = await poolWithLongNames();
    const monocle = await cli(['export', '--format', 'monocle', ...pool.args]);
    expect(monocle.code, monocle.stderr).toBe(0);
    expect(monocle.stdout).toContain(`${LONG_LOGIN},`);
    expect(monocle.stderr).toMatch(/warning: 2 accounts in the Monocle file .*professor\.willow\.research\.team@gmail\.com \(login 40 characters\)/);
    expect(monocle.stderr).not.toMatch(/Pw-x|pw-/);
    const rocketmap = await cli(['export', '--format', 'rocketmap', ...pool.args]);
    expect(rocketmap.code, rocketmap.stderr).toBe(0);
    expect(rocketmap.stderr).not.toContain('warning');
  });

  it("export --format monocle: an account without a device gets one from Monocle, and the fork's re-import that would empty its device is warned of", async () => {
    // Noctem/Monocle monocle/utils.py (accounts_from_csv, get_device_info) and RaizeTheLimit/Monocle
    // monocle/accounts.py (Account.import_file, from_account_dict), read in test/helpers/scanner_read.py.
    const pool = await makePool(2);
    const opened = await pool.open();
    const device = { model: 'iPhone9,3', ios: '10.3.3', id: 'a'.repeat(32) };
    await opened.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash01', password: 'pw-ash' }));
      tx.put(makeAccount(1, { username: 'misty02', password: 'pw-misty', device }));
    });
    const r = await cli(['export', '--format', 'monocle', ...pool.args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning: 1 account in the Monocle file has no device yet (never allocated): Monocle makes one, but a Monocle fork's scripts/import_accounts.py");
    const file = join(await testdir(), 'accounts.csv');
    await writeFile(file, r.stdout);
    const [[noctem], [fork]] = await Promise.all([scannerRead('monocle-device', [file]), scannerRead('monocle-import-existing', [file])]);
    const byName = (rows: Record<string, string>[]) => new Map(rows.map((row) => [row.username, row]));
    const ash = byName(noctem!.accounts!).get('ash01')!;
    // Empty columns: a whole device on a first start and once a pickle exists, never an empty id sent.
    for (const [model, id] of [[ash.model, ash.id], [ash.pickled_model, ash.pickled_id]]) {
      expect(model).toMatch(/^iPhone\d+,\d+$/);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(byName(noctem!.accounts!).get('misty02')).toMatchObject({ model: device.model, iOS: device.ios, id: device.id, pickled_id: device.id });
    // A fork importing the file again over its database: the empty columns replace the device it gave ash01.
    expect(byName(fork!.accounts!).get('ash01')).toMatchObject({ model: '', iOS: '', id: '' });
    expect(byName(fork!.accounts!).get('misty02')).toMatchObject({ model: device.model, id: device.id });
  });
});
