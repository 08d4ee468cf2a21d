// A Monocle installation's two account files imported together: accounts.csv (the operator's, the
// passwords as they are now) and pickles/accounts.pickle (Monocle's state, with the passwords it
// copied from the CSV on its last run). Monocle's own rule, Noctem/Monocle monocle/utils.py
// accounts_from_csv: when the pickle's password differs from the CSV's, the pickle's is dropped and
// the CSV's kept; the pickle gives the rest (banned, captcha, level, time, device). Here that holds
// whichever file comes first: a folder (name order: accounts.csv before pickles/), a zip, the inbox
// taking one file on one pass and the other later. Accounts only in the pickle are kept (Monocle
// would drop them on its next start; the pool drops nothing).
// The pickle is written by python3's own pickle as Monocle's dump_pickle writes it
// (pickle.dump(accounts, f, pickle.HIGHEST_PROTOCOL)), the records as create_account_dict and
// worker.py's update_accounts_dict leave them; the CSV is accounts.example.csv's header.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { drop, makeInboxPool } from '../watch/helpers.js';
import { FIXTURES } from '../formats/helpers.js';
import { pythonPath, STDLIB_ONLY } from '../helpers/python.js';

const CSV = 'username,password,provider,model,iOS,id\nmono_ash,NewPw2!,ptc,"iPhone9,3",10.3.2,2fcfb8c40e244be284aa42313c1d8dee\nmono_misty,Csv0nly!,ptc,,,\n';

const PICKLE_SCRIPT = `
import pickle, sys
accounts = {
  'mono_ash': {'username': 'mono_ash', 'password': 'OldPw1!', 'provider': 'ptc', 'model': 'iPhone9,3', 'iOS': '10.3.2',
               'id': '2fcfb8c40e244be284aa42313c1d8dee', 'time': 1500733391.25, 'captcha': False, 'banned': True, 'level': 31},
  'mono_gary': {'username': 'mono_gary', 'password': 'Pickle0nly!', 'provider': 'ptc', 'model': 'iPhone8,1', 'iOS': '9.3.5',
                'id': '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'time': 0, 'captcha': True, 'banned': False, 'level': 12},
}
sys.stdout.buffer.write(pickle.dumps(accounts, pickle.HIGHEST_PROTOCOL))
`;

let pickled: Buffer | undefined;
/** Made once for the file: Python's pickle of the same dict is the same bytes every time. */
function monoclePickle(): Buffer {
  return (pickled ??= execFileSync(pythonPath(), [...STDLIB_ONLY, '-c', PICKLE_SCRIPT]));
}

/** A Monocle folder as it stands on disk: accounts.csv at the top, the pickle in pickles/. */
async function monocleFolder(base: string, csv = CSV): Promise<string> {
  const dir = join(base, 'Monocle');
  await mkdir(join(dir, 'pickles'), { recursive: true });
  await writeFile(join(dir, 'accounts.csv'), csv);
  await writeFile(join(dir, 'pickles', 'accounts.pickle'), monoclePickle());
  return dir;
}

/** The pool after both files: the CSV's passwords, the pickle's state, every account of either. */
async function expectMonocleRule(pool: TestPool): Promise<void> {
  const accounts = await (await pool.open()).read();
  const ash = accounts.get('mono_ash')!;
  expect(ash.password).toBe('NewPw2!');
  expect(ash.state).toBe('temp_banned');
  expect(ash.level).toBe(31);
  expect(accounts.get('mono_misty')!.password).toBe('Csv0nly!');
  const gary = accounts.get('mono_gary')!;
  expect(gary).toMatchObject({ password: 'Pickle0nly!', level: 12, captcha: true });
}

/** The folder zipped as an operator would: Monocle/accounts.csv and Monocle/pickles/accounts.pickle. */
function zipFolder(zip: string, dir: string): void {
  execFileSync(pythonPath(), [...STDLIB_ONLY, '-c', 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  z.write(sys.argv[2] + "/accounts.csv", "Monocle/accounts.csv")\n  z.write(sys.argv[2] + "/pickles/accounts.pickle", "Monocle/pickles/accounts.pickle")', zip, dir]);
}

const noPasswords = (text: string) => expect(text).not.toMatch(/NewPw2|OldPw1|Csv0nly|Pickle0nly|Pik4chu/);

describe("a Monocle folder's accounts.csv and pickles/accounts.pickle together", () => {
  it("import FOLDER: the CSV's password stays though the pickle comes after it, the pickle gives the ban and level, its own accounts are kept", async () => {
    const pool = await makePool(4);
    const dir = await monocleFolder(pool.base);
    const run = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`imported ${join(dir, 'accounts.csv')}: 2 added`);
    expect(run.stdout).toContain(`imported ${join(dir, 'pickles/accounts.pickle')}: 1 added, 1 updated, 0 rejected; changed: 1 level, 1 verdict; 1 password kept: Monocle's pickle holds an older copy`);
    expect(run.stdout).not.toContain('1 password;');
    await expectMonocleRule(pool);
    noPasswords(run.stdout + run.stderr);
  });

  it('--dry-run says the pickle adds its own accounts and keeps the CSV password, before anything is written', async () => {
    const pool = await makePool(4);
    await cli(['import', join(await monocleFolder(pool.base), 'accounts.csv'), '--level', '30', ...pool.args]);
    const run = await cli(['import', join(pool.base, 'Monocle', 'pickles', 'accounts.pickle'), '--dry-run', ...pool.args]);
    expect(run.stdout).toContain('would import');
    expect(run.stdout).toContain('1 added, 1 updated');
    expect(run.stdout).toContain('1 password kept');
    // Only in the pickle: a new account in the preview, not one left out.
    expect(run.stdout).toMatch(/^ {4}mono_gary {2}\*{8} {2}12 {2}ptc {2}captcha$/m);
    expect((await (await pool.open()).read()).get('mono_gary')).toBeUndefined();
    noPasswords(run.stdout + run.stderr);
  });

  it('the pickle first, the CSV later (two imports): the CSV password is taken, the ban stays', async () => {
    const pool = await makePool(4);
    const dir = await monocleFolder(pool.base);
    expect((await cli(['import', join(dir, 'pickles', 'accounts.pickle'), '--level', '30', ...pool.args])).code).toBe(0);
    const run = await cli(['import', join(dir, 'accounts.csv'), '--level', '30', ...pool.args]);
    expect(run.stdout).toContain('1 added, 1 updated, 0 rejected; changed: 1 password');
    await expectMonocleRule(pool);
  });

  it('a zip holding the folder (accounts.csv and pickles/accounts.pickle) follows the same rule in its one transaction', async () => {
    const pool = await makePool(4);
    const dir = await monocleFolder(pool.base);
    const zip = join(pool.base, 'monocle.zip');
    zipFolder(zip, dir);
    const run = await cli(['import', zip, '--level', '30', ...pool.args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 password kept');
    await expectMonocleRule(pool);
  });

  for (const first of ['pickle', 'csv'] as const) {
    it(`the inbox taking the ${first} on one pass and the other on the next: the same pool`, async () => {
      const pool = await makeInboxPool(4);
      const files = { csv: ['level-30/accounts.csv', CSV], pickle: ['level-30/pickles/accounts.pickle', monoclePickle()] } as const;
      const order = first === 'pickle' ? (['pickle', 'csv'] as const) : (['csv', 'pickle'] as const);
      let out = '';
      for (const kind of order) {
        await drop(pool.inbox, files[kind][0], files[kind][1]);
        const run = await cli(['watch', '--once', ...pool.args]);
        expect(run.stderr).not.toContain('failed');
        out += run.stdout + run.stderr;
      }
      await expectMonocleRule(pool);
      // The watcher's line says what it did not take, when the pickle came second.
      if (first === 'csv') expect(out).toContain("imported level-30/pickles/accounts.pickle: 1 added, 1 updated, 0 rejected; changed: 1 level, 1 verdict; 1 password kept");
      noPasswords(out);
    });
  }

  it("the text print_accounts.py prints from the pickle holds the same older copies: the CSV's password stays", async () => {
    const pool = await makePool(4);
    const csv = join(pool.base, 'accounts.csv');
    await writeFile(csv, 'username,password,provider,model,iOS,id\nmon_ash01,NewPw2!,ptc,,,\n');
    await cli(['import', csv, '--level', '30', ...pool.args]);
    const run = await cli(['import', FIXTURES + 'monocle-print_accounts.txt', '--level', '30', ...pool.args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 password kept');
    const accounts = await (await pool.open()).read();
    expect(accounts.get('mon_ash01')).toMatchObject({ password: 'NewPw2!', level: 31 });
    noPasswords(run.stdout + run.stderr);
  });
});

// accounts.csv with mono_ash's password cell empty (the operator blanked it, or a tool wrote no
// password). Monocle's own rule (Noctem/Monocle monocle/utils.py load_accounts and
// accounts_from_csv): the same usernames in both files → the pickle is used as it is, its password
// too; different usernames (as here) → the CSV's '' differs from the pickle's, so the pickle's is
// deleted and Monocle logs in with an empty password, which no login takes. The pool holds no
// empty password: the CSV's line is refused by its line, and the pickle's copy, the only password
// known for the account, is kept with its ban and level: in every order, nothing invented, nothing lost.
const CSV_EMPTY = CSV.replace('mono_ash,NewPw2!,', 'mono_ash,,');

async function expectEmptyRule(pool: TestPool): Promise<void> {
  const accounts = await (await pool.open()).read();
  expect(accounts.get('mono_ash')).toMatchObject({ password: 'OldPw1!', state: 'temp_banned', level: 31 });
  expect(accounts.get('mono_misty')!.password).toBe('Csv0nly!');
  expect(accounts.get('mono_gary')).toMatchObject({ password: 'Pickle0nly!', level: 12 });
  expect(accounts.size).toBe(3);
}

describe("accounts.csv with a password cell empty, beside Monocle's pickle", () => {
  it('import FOLDER: the CSV line is refused by its line, the pickle keeps the account with its own copy, ban and level', async () => {
    const pool = await makePool(4);
    const dir = await monocleFolder(pool.base, CSV_EMPTY);
    const run = await cli(['import', dir, '--level', '30', ...pool.args]);
    // 1, not 0: the CSV's line was rejected (the pickle's copy of the account is in; the CSV's word on it was not taken).
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'accounts.csv')}:2: rejected: missing password`);
    await expectEmptyRule(pool);
    noPasswords(run.stdout + run.stderr);
  });

  it('a zip of the folder: the same', async () => {
    const pool = await makePool(4);
    const zip = join(pool.base, 'monocle.zip');
    zipFolder(zip, await monocleFolder(pool.base, CSV_EMPTY));
    const run = await cli(['import', zip, '--level', '30', ...pool.args]);
    // 1, not 0: as loose, the CSV member's line rejected.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('accounts.csv:2: rejected: missing password');
    await expectEmptyRule(pool);
  });

  for (const first of ['pickle', 'csv'] as const) {
    it(`the inbox taking the ${first} first and the other on the next pass: the same pool`, async () => {
      const pool = await makeInboxPool(4);
      const files = { csv: ['level-30/accounts.csv', CSV_EMPTY], pickle: ['level-30/pickles/accounts.pickle', monoclePickle()] } as const;
      let out = '';
      for (const kind of first === 'pickle' ? (['pickle', 'csv'] as const) : (['csv', 'pickle'] as const)) {
        await drop(pool.inbox, files[kind][0], files[kind][1]);
        const run = await cli(['watch', '--once', ...pool.args]);
        out += run.stdout + run.stderr;
      }
      expect(out).toContain('accounts.csv:2: rejected: missing password');
      await expectEmptyRule(pool);
      noPasswords(out);
    });
  }

  it("the same usernames in both files, a password changed in the CSV since Monocle's last run: the CSV's is the pool's", async () => {
    // Monocle's load_accounts would take the pickle whole here and never see the edit (its
    // shortcut when the two name the same accounts); the CSV is the newer word, and the forks'
    // import_file takes it ("Allow password change", Hydro74000/Monocle monocle/accounts.py).
    const pool = await makePool(4);
    const dir = await monocleFolder(pool.base, 'username,password,provider,model,iOS,id\nmono_ash,NewPw2!,ptc,,,\nmono_gary,Pickle0nly!,ptc,,,\n');
    const run = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(run.code).toBe(0);
    const accounts = await (await pool.open()).read();
    expect(accounts.get('mono_ash')).toMatchObject({ password: 'NewPw2!', state: 'temp_banned', level: 31 });
    // Known from the CSV at --level 30: the pickle's 12 never lowers it (levels only rise).
    expect(accounts.get('mono_gary')).toMatchObject({ password: 'Pickle0nly!', level: 30 });
  });
});
