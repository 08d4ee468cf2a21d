// Noctem's Monocle keeps pickles/accounts.pickle whole when accounts.csv names exactly the accounts
// it names (Noctem/Monocle f6855e9, monocle/utils.py load_accounts: `set(pickled_accounts) ==
// set(accounts)`), so a password the pool changed reaches Monocle only with another set. The
// restart is replayed by test/helpers/scanner_read.py (`monocle-restart`, the same functions
// ported); allocate warns when it writes the same accounts with another password, naming them,
// never the passwords.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptPickleWarning, monocleFilePasswords } from '../../src/formats/tools/monocle-kept-pickle.js';
import { writeMonocle } from '../../src/formats/tools/monocle.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { scannerRead } from '../helpers/scanner-read.js';

const WARNING = /Monocle file names the same (\d+ accounts|account) as before, and (one password has|\d+ passwords have) changed since \(([^)]*)\): Noctem's Monocle then takes pickles\/accounts\.pickle whole/;

describe("allocate --format monocle and Noctem's Monocle's pickle", () => {
  it('the same accounts with a changed password: Monocle would log in with the old one, and allocate says which account; another set takes the new password', async () => {
    const pool = await makePool(2);
    const store = await pool.open();
    const three = ['ash01', 'ash02', 'ash03'].map((username, i) => makeAccount(i, { username, password: `pw-${username}`, level: 30 }));
    await store.transaction((tx) => three.forEach((account) => tx.put(account)));
    const file = join(pool.base, 'accounts.csv');
    const earlier = join(pool.base, 'earlier.csv');
    const allocate = (count: number) => cli(['allocate', '--count', `${count}`, '--no-check', '--accountcsv', file, '--instance', 'monocle-east', ...pool.args]);
    // The file an earlier allocation wrote, which Monocle read and pickled.
    await writeFile(file, writeMonocle(three));
    await copyFile(file, earlier);

    // A seller's fix changes ash02's password (as `import fix.txt` stores it); the small pool gives the instance the same three.
    await store.transaction((tx) => tx.put({ ...three[1]!, password: 'pw-fixed' }));
    const same = await allocate(3);
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(WARNING);
    expect(same.stderr.match(WARNING)!.slice(1)).toEqual(['3 accounts', 'one password has', 'ash02']);
    expect(same.stderr).not.toContain('pw-fixed');
    expect(same.stderr).not.toContain('pw-ash02');
    expect(await readFile(file, 'utf8')).toContain('ash02,pw-fixed,');
    const sameFile = join(pool.base, 'same.csv');
    await copyFile(file, sameFile);

    // A fourth account makes another set: Monocle merges, the file's password wins, and allocate says nothing.
    await store.transaction((tx) => tx.put(makeAccount(3, { username: 'ash04', password: 'pw-ash04', level: 30 })));
    const grown = await allocate(4);
    expect(grown.code).toBe(0);
    expect(grown.stderr).not.toMatch(WARNING);
    // What Monocle does with each on its next start: the pickle's old password, as the warning says; then the file's.
    const [kept, merged] = await scannerRead('monocle-restart', [earlier, sameFile, earlier, file]);
    expect(kept!.accounts!.find((a) => a.username === 'ash02')!.password).toBe('pw-ash02');
    expect(merged!.accounts!.map((a) => [a.username, a.password]).sort()).toEqual([['ash01', 'pw-ash01'], ['ash02', 'pw-fixed'], ['ash03', 'pw-ash03'], ['ash04', 'pw-ash04']]);
  });

  it("reads the previous file as Monocle's csv.DictReader does: quoted passwords, line ends inside them, a column order of its own", () => {
    const accounts = [makeAccount(0, { username: 'a', password: 'x,"y"\nz' }), makeAccount(1, { username: 'b', password: '#b;' })];
    const previous = writeMonocle(accounts);
    expect(monocleFilePasswords(previous)).toEqual(new Map([['a', 'x,"y"\nz'], ['b', '#b;']]));
    expect(keptPickleWarning(previous, accounts)).toBeUndefined();
    expect(keptPickleWarning(previous, [accounts[0]!, { ...accounts[1]!, password: 'b2' }])).toMatch(WARNING);
    // Another header order (a hand-made file) is read by its names.
    expect(monocleFilePasswords('provider,password,username\nptc,p1,u1\n')).toEqual(new Map([['u1', 'p1']]));
    // No previous file, or one that is no Monocle file: nothing to compare.
    expect(keptPickleWarning(undefined, accounts)).toBeUndefined();
    expect(keptPickleWarning('ptc,a,x\nptc,b,y\n', accounts)).toBeUndefined();
    // Fewer or other accounts than before: Monocle merges, the new passwords win.
    expect(keptPickleWarning(previous, [{ ...accounts[0]!, password: 'new' }])).toBeUndefined();
  });
});
