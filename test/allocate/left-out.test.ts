// allocate --format rocketmap leaves out the accounts RocketMap, PGScout or PGNumbra cannot read
// back (they split each line on commas and strip the fields), takes the next candidates instead, and names them in
// its report and --json, never with their passwords. Monocle files take those Monocle and its forks read whole.
import { LeftOutGroups } from '../../src/commands/left-out-groups.js';
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { scannerRead } from '../helpers/scanner-read.js';

const PASSWORDS: Record<string, string> = {
  alpha: 'ok-1',
  bravo: 'has,comma',
  charlie: ' lead',
  delta: `it's "fine" #;日本🔑`,
  echo: 'trail\u00a0',
  // PGScout's codecs reader (tomballgithub/PGScout-1) ends a line at U+2028; RocketMap would read it whole.
  golf: 'mid\u2028dle',
  foxtrot: 'plain 6',
};
// Noctem/Monocle's IPHONES table (monocle/utils.py): a model outside it is replaced by a random device.
const NOCTEM_IPHONES = ['5,1', '5,2', '5,3', '5,4', '6,1', '6,2', '7,1', '7,2', '8,1', '8,2', '8,4', '9,1', '9,2', '9,3', '9,4'].map((m) => `iPhone${m}`);

async function poolWithPasswords() {
  const pool = await makePool(4);
  const store = await pool.open();
  await store.transaction((tx) => {
    Object.entries(PASSWORDS).forEach(([username, password], i) => tx.put(makeAccount(i, { username, password })));
  });
  return pool;
}

describe('allocate and the accounts a scanner file cannot carry', () => {
  it('rocketmap: left out, replaced by the next candidates, named without their passwords; RocketMap reads the file exactly', async () => {
    const pool = await poolWithPasswords();
    const rm = join(pool.base, 'rm.csv');
    const result = await cli(['allocate', '--count', '3', '--no-check', '--format', 'rocketmap', '--accountcsv', rm, '--instance', 'rm', '--json', ...pool.args]);
    // Left out but --count written: exit 0, so a pre-start hook (`hook && scanner`) starts the
    // scanner on a full file; the accounts are named for the operator (docs/commands.md).
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.allocated).toEqual(['alpha', 'delta', 'foxtrot']);
    expect(outcome.leftOut).toEqual([
      { username: 'bravo', reason: 'its password contains a comma' },
      { username: 'charlie', reason: 'its password starts or ends with a blank' },
      { username: 'echo', reason: 'its password starts or ends with a blank' },
      { username: 'golf', reason: 'its password contains a line break' },
    ]);
    for (const name of ['bravo', 'charlie', 'echo', 'golf']) expect(result.stdout + result.stderr).not.toContain(PASSWORDS[name]!.trim());
    for (const mode of ['rocketmap-ac', 'rocketmap-hlvl', 'pgscout-utf8', 'python2-bytes'] as const) {
      expect((await scannerRead(mode, [rm]))[0]).toEqual({ accounts: ['alpha', 'delta', 'foxtrot'].map((username) => ({ provider: 'ptc', username, password: PASSWORDS[username] })) });
    }
    // The left-out accounts were neither held nor touched: a Monocle file takes those Monocle reads whole
    // (a comma inside, a line break of PGScout's); a blank at an end Monocle's forks' import_accounts.py
    // strips (Hydro74000/Monocle monocle/accounts.py), so the monocle file leaves those out too.
    const mono = join(pool.base, 'accounts.csv');
    const monocle = await cli(['allocate', '--count', '2', '--no-check', '--format', 'monocle', '--accountcsv', mono, '--instance', 'mono', '--json', ...pool.args]);
    expect(monocle.code, monocle.stderr).toBe(0);
    expect(JSON.parse(monocle.stdout).leftOut).toEqual([
      { username: 'charlie', reason: 'its password starts or ends with a blank or a comma' },
      { username: 'echo', reason: 'its password starts or ends with a blank or a comma' },
    ]);
    for (const mode of ['monocle', 'monocle-import'] as const) {
      const [read] = await scannerRead(mode, [mono]);
      expect(read!.accounts!.map((a) => [a.username, a.password])).toEqual(['bravo', 'golf'].map((u) => [u, PASSWORDS[u]]));
      for (const a of read!.accounts!) {
        expect(NOCTEM_IPHONES, `${a.username}'s device`).toContain(a.model);
        expect(a.id).toMatch(/^[0-9a-f]{32}$/);
      }
    }
  });

  it("rocketmap: every line holding both \"username\" and \"password\" is written, and jdggraaf's tools are named in a warning", async () => {
    // jdggraaf/RocketMap accounts.py load_accounts takes such a first line for a Monocle header
    // (test/formats/scanner-files.test.ts reads it as that code does); no order of these lines helps.
    const pool = await makePool(4);
    const store = await pool.open();
    await store.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash01', password: 'username-password1' }));
      tx.put(makeAccount(1, { username: 'misty02', password: 'mypassword-username' }));
    });
    const rm = join(pool.base, 'rm.csv');
    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--format', 'rocketmap', '--accountcsv', rm, '--instance', 'rm', ...pool.args]);
    expect(allocate.code, allocate.stderr).toBe(0);
    expect((await scannerRead('rocketmap-ac', [rm]))[0]!.accounts!.map((a) => a.username).sort()).toEqual(['ash01', 'misty02']);
    expect(allocate.stderr).toMatch(/warning: all 2 lines of the RocketMap file hold both "username" and "password" .*jdggraaf\/RocketMap's tools .*--format monocle/);
    const exported = await cli(['export', '--format', 'rocketmap', ...pool.args]);
    expect(exported.stderr).toContain("jdggraaf/RocketMap's tools");
    expect(allocate.stdout + allocate.stderr + exported.stderr).not.toMatch(/username-password1|mypassword-username/);
  });

  it('says so when the pool runs dry because of them, and leaves the file untouched', async () => {
    const pool = await poolWithPasswords();
    const rm = join(pool.base, 'rm.csv');
    const result = await cli(['allocate', '--count', '4', '--no-check', '--format', 'rocketmap', '--accountcsv', rm, ...pool.args]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('only 3 of 4 accounts could be allocated (level 0-50): 7 candidates, not checked; left out 4 accounts the rocketmap file cannot carry: bravo (its password contains a comma), charlie (its password starts or ends with a blank), echo (its password starts or ends with a blank), golf (its password contains a line break);');
    expect(result.stderr).toContain(`${rm} left untouched`);
  });

  it('a password holding half a surrogate pair (a JSON dump\'s "\\ud800"): left out of both scanner files, never written as U+FFFD', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'dump.json');
    await writeFile(dump, '[{"username":"kilo1","password":"half\\ud800pw"},{"username":"mike3","password":"low\\udc00pw"},{"username":"lima2","password":"whole\\ud83d\\udd11pw"}]');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    for (const format of ['rocketmap', 'monocle']) {
      const file = join(pool.base, `${format}.csv`);
      const result = await cli(['allocate', '--count', '1', '--no-check', '--format', format, '--accountcsv', file, '--instance', format, '--json', ...pool.args]);
      expect(result.code, result.stderr).toBe(0);
      const outcome = JSON.parse(result.stdout);
      expect(outcome.leftOut).toEqual([
        { username: 'kilo1', reason: 'its password is not valid Unicode (half of a surrogate pair)' },
        { username: 'mike3', reason: 'its password is not valid Unicode (half of a surrogate pair)' },
      ]);
      expect(outcome.allocated).toEqual(['lima2']);
      expect(await readFile(file, 'utf8')).not.toContain('\ufffd');
      expect((await cli(['release', '--instance', format, ...pool.args])).code).toBe(0);
    }
  });

  it("rdm, flygon, pogoaccountserver: what RDM's form, Flygon's body and pogoAccountServer's reader would misread is left out and named; a batch of several levels is warned about", async () => {
    const pool = await makePool(4);
    const store = await pool.open();
    await store.transaction((tx) => {
      tx.put(makeAccount(0, { username: 'ash01', password: 'semi;colon' })); // RDM reads `;` as its separator
      tx.put(makeAccount(1, { username: 'misty02', password: 'plain-2', level: 31 }));
      tx.put(makeAccount(2, { username: 'gary@gmail.com', password: 'plain-3', provider: 'google' })); // PTC only
      tx.put(makeAccount(3, { username: 'brock03', password: 'has,comma' }));
      tx.put(makeAccount(4, { username: 'averyveryverylongname05', password: 'plain-5' })); // 23 characters: over pogoAccountServer's 20
    });
    const rdm = join(pool.base, 'rdm.txt');
    const allocated = await cli(['allocate', '--count', '2', '--no-check', '--format', 'rdm', '--accountcsv', rdm, '--instance', 'rdm', '--json', ...pool.args]);
    expect(allocated.code, allocated.stderr).toBe(0);
    expect(JSON.parse(allocated.stdout).leftOut.map((l: { username: string }) => l.username)).toEqual(['ash01', 'gary@gmail.com', 'brock03']);
    expect(await readFile(rdm, 'utf8')).toBe('misty02,plain-2\naveryveryverylongname05,plain-5\n');
    expect(allocated.stderr).toContain("warning: RealDeviceMap gives every account of a batch the one level its Add Accounts form's level field says, and these accounts are of several levels (1 of level 30, 1 of level 31)");
    // export streams its pieces; Flygon's body closes with the batch's lowest level.
    const body = await cli(['export', '--format', 'flygon', ...pool.args]);
    expect(body.code, body.stderr).toBe(0);
    const parsed = JSON.parse(body.stdout) as { accounts: { username: string; password: string }[]; default_level: number };
    expect(parsed.default_level).toBe(30);
    expect(parsed.accounts.sort((a, b) => a.username.localeCompare(b.username))).toEqual([
      { username: 'ash01', password: 'semi;colon' },
      { username: 'averyveryverylongname05', password: 'plain-5' },
      { username: 'brock03', password: 'has,comma' },
      { username: 'misty02', password: 'plain-2' },
    ]);
    expect(body.stderr).toContain('left out 1 account the flygon file cannot carry (it is a Google account, and this scanner logs in with PTC only): gary@gmail.com\n');
    expect(body.stderr).toContain('warning: Flygon gives every account of a batch the one level');
    const txt = await cli(['export', '--format', 'pogoaccountserver', ...pool.args]);
    expect(txt.stdout.split('\n').sort()).toEqual(['', 'ash01,semi;colon', 'misty02,plain-2']);
    expect(txt.stderr).toContain("left out 1 account the pogoaccountserver file cannot carry (its login is over the 20 characters pogoAccountServer's accounts table (varchar(20)) holds): averyveryverylongname05\n");
    expect(allocated.stderr + body.stderr + txt.stderr).not.toMatch(/semi;colon|has,comma|plain-/);
  });

  it('export says the accounts it leaves out once per reason, a few logins each: 10,000 left out stay a few lines', () => {
    const groups = new LeftOutGroups();
    for (let i = 0; i < 10_000; i++) groups.add(`g${i}@gmail.com`, 'it is a Google account');
    groups.add('semi01', 'its password holds `;`');
    expect(groups.lines('rdm')).toEqual([
      'left out 10000 accounts the rdm file cannot carry (it is a Google account): g0@gmail.com, g1@gmail.com, g2@gmail.com, g3@gmail.com, g4@gmail.com, and 9995 more',
      'left out 1 account the rdm file cannot carry (its password holds `;`): semi01',
    ]);
  });

  it('with a checker, never checks an account it cannot write', async () => {
    const pool = await poolWithPasswords();
    const rm = join(pool.base, 'rm.csv');
    const result = await cli(['allocate', '--count', '3', '--checker', 'simulated', '--format', 'rocketmap', '--accountcsv', rm, '--json', ...pool.args]);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.leftOut.map((l: { username: string }) => l.username)).toEqual(['bravo', 'charlie', 'echo', 'golf']);
    expect(outcome.checked).toBe(3); // alpha, delta, foxtrot only
  });
});
