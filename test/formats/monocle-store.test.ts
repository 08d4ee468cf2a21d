// Monocle's own account store, as the pickle Monocle writes and as the text print_accounts.py
// prints from it: the same accounts, with everything an operator leaving Monocle needs kept.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { DumpError, type DumpAccount } from '../../src/formats/types.js';
import { fixture, fixtureBytes, input } from './helpers.js';

/** What must survive, whichever way the store was read (print_accounts.py drops fractions of seconds). */
function kept(a: DumpAccount) {
  return { username: a.username, password: a.password, provider: a.provider, level: a.level, device: a.device, state: a.state, captcha: a.history?.captcha, used: (a.history?.allocated_at as string | undefined)?.slice(0, 19) };
}

/** Without the last use: the printed time is the printing machine's local time, the pickle's is absolute. */
const byName = (accounts: DumpAccount[]) => [...accounts].sort((a, b) => a.username.localeCompare(b.username)).map((a) => ({ ...kept(a), used: undefined }));

describe("Monocle's accounts.pickle", () => {
  it('keeps password, provider, level, device, the ban and the captcha, and when each was last used', async () => {
    const r = await readDump(fixture('monocle-accounts.pickle'));
    expect(r.rejected).toEqual([]);
    const at = (name: string) => kept(r.accounts.find((a) => a.username === name)!);
    expect(at('mon_ash01')).toEqual({ username: 'mon_ash01', password: 'Pik4chu!Volt', provider: 'ptc', level: 31, device: { model: 'iPhone9,3', ios: '10.3.2', id: '2fcfb8c40e244be284aa42313c1d8dee' }, state: undefined, captcha: undefined, used: '2017-07-22T14:23:11' });
    expect(at('mon_misty02')).toMatchObject({ password: 'Star\\mie\'s "9"', provider: 'ptc', level: 30, captcha: true, state: undefined });
    expect(at('mon.brock03@gmail.com')).toMatchObject({ provider: 'google', level: 25, state: 'temp_banned' });
    // never used: time 0, no level yet, the device Monocle generated
    expect(at('mon_fresh04')).toEqual({ username: 'mon_fresh04', password: 'Pokédex★151', provider: 'ptc', level: undefined, device: { model: 'iPhone8,1', ios: '9.3.5', id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }, state: undefined, captcha: undefined, used: undefined });
  });

  it("the 2016 store (Noctem/Monocle 23f9e41, worker.py's ACCOUNTS: no username inside, no device, no level) keeps each account, its provider, verdict and last visit", async () => {
    const r = await readDump(fixture('monocle-accounts-2016.pickle'));
    expect(r.format).toBe('monocle-pickle');
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts)).toEqual([
      { username: 'old_ash01', password: 'Pik4chu!2016', provider: 'ptc', level: undefined, device: undefined, state: undefined, captcha: undefined, used: undefined },
      { username: 'old_brock03', password: 'Onix#2016', provider: 'ptc', level: undefined, device: undefined, state: 'temp_banned', captcha: undefined, used: undefined },
      { username: 'old.misty02@gmail.com', password: 'Star,mie 2016', provider: 'google', level: undefined, device: undefined, state: undefined, captcha: true, used: undefined },
    ]);
    expect(kept(r.accounts.find((a) => a.username === 'old_ash01')!).used).toBe('2016-11-26T22:40:00');
  });

  it('protocol 5 (Monocle on Python 3.8 or later), with a datetime, a set and bytes beside the account: every account as in protocol 4', async () => {
    const r = await readDump(fixture('monocle-accounts-p5.pickle'));
    expect(r.format).toBe('monocle-pickle');
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts)).toEqual([
      { username: 'p5_ash01', password: 'Pik4chu!Volt', provider: 'ptc', level: 31, device: { model: 'iPhone9,3', ios: '11.0.3', id: '2fcfb8c40e244be284aa42313c1d8dee' }, state: undefined, captcha: undefined, used: undefined },
      { username: 'p5_fresh02', password: 'Pokédex★151', provider: 'ptc', level: undefined, device: { model: 'iPhone8,1', ios: '10.3.3', id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }, state: undefined, captcha: undefined, used: undefined },
    ]);
    expect(JSON.stringify(r)).not.toContain('sso-bytes');
  });

  it('never keeps the login token', async () => {
    expect(JSON.stringify(await readDump(fixture('monocle-accounts.pickle')))).not.toContain('TGT-');
  });

  it("another of Monocle's pickles is refused as not the account store", async () => {
    await expect(readDump(fixture('monocle-spawns.pickle'))).rejects.toThrow("monocle-spawns.pickle: is a Python pickle, but not Monocle's account store");
  });

  it('a pickle cut short is a damaged pickle, and the error quotes nothing from it', async () => {
    const bytes = fixtureBytes('monocle-accounts.pickle');
    const err = await readDump(toDumpInput('accounts.pickle', bytes.subarray(0, bytes.length - 40))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DumpError);
    expect((err as Error).message).toBe('accounts.pickle: is a damaged Python pickle (it ends or breaks before its last opcode)');
  });
});

describe("print_accounts.py's output", () => {
  it('reads the same accounts as the pickle it was printed from', async () => {
    const printed = await readDump(fixture('monocle-print_accounts.txt'));
    const pickled = await readDump(fixture('monocle-accounts.pickle'));
    expect(printed.rejected).toEqual([]);
    expect(byName(printed.accounts)).toEqual(byName(pickled.accounts));
    // `'time': '07/22/17 14:23:11'`, printed in the local time of the machine (the fixture's was UTC)
    expect(printed.accounts.find((a) => a.username === 'mon_ash01')!.history?.allocated_at).toBe(new Date(2017, 6, 22, 14, 23, 11).toISOString());
    // `'time': '01/01/70 00:00:00'`: Monocle's 0, never used
    expect(printed.accounts.find((a) => a.username === 'mon_fresh04')!.history).toBeUndefined();
  });

  it('as first published (times as epoch seconds, January 2017): the same accounts, with each last use exact', async () => {
    const printed = await readDump(fixture('monocle-print_accounts-raw.txt'));
    const pickled = await readDump(fixture('monocle-accounts.pickle'));
    expect(printed.rejected).toEqual([]);
    expect([...printed.accounts].sort((a, b) => a.username.localeCompare(b.username)).map(kept)).toEqual([...pickled.accounts].sort((a, b) => a.username.localeCompare(b.username)).map(kept));
    expect(JSON.stringify(printed)).not.toContain('TGT-');
  });

  it("joins the pieces pprint cuts a long string into, and undoes Python's escapes", async () => {
    const r = await readDump(fixture('monocle-print_accounts.txt'));
    expect(r.accounts.find((a) => a.username === 'mon_erika05')!.password).toBe('correct horse battery staple and a long tail of words 42');
    expect(r.accounts.find((a) => a.username === 'mon_misty02')!.password).toBe('Star\\mie\'s "9"');
  });

  it('a username such as __proto__ is just a name', async () => {
    const r = await readDump(input('print.txt', "{'__proto__': {'password': 'x1', 'provider': 'ptc', 'banned': False}}\n"));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['__proto__', 'x1']]);
  });

  it('a record that is not an account is rejected with its line; broken Python is an error with its line', async () => {
    const r = await readDump(input('print.txt', "{   'ok1': {'password': 'p', 'provider': 'ptc'},\n    'bad': {'password': None, 'provider': 'ptc'},\n    'odd': 3}\n"));
    expect(r.accounts.map((a) => a.username)).toEqual(['ok1']);
    expect(r.rejected).toEqual([{ line: 2, reason: 'missing password' }, { line: 3, reason: 'not a username with its account dict' }]);
    await expect(readDump(input('print.txt', "{'a': {'password': 'p', 'provider': 'ptc',\n 'level': }}\n"))).rejects.toThrow('print.txt:2: is not a Python dict as print_accounts.py prints it (syntax error)');
  });
});

describe("export_accounts_csv.py's two files", () => {
  it('accounts.csv gives the store\'s accounts not banned, with their devices', async () => {
    const r = await readDump(fixture('monocle-export-accounts.csv'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.device?.model, a.state])).toEqual([
      [2, 'mon_ash01', 'Pik4chu!Volt', 'ptc', 'iPhone9,3', undefined],
      [3, 'mon_misty02', 'Star\\mie\'s "9"', 'ptc', 'iPhone8,4', undefined],
      [4, 'mon_fresh04', 'Pokédex★151', 'ptc', 'iPhone8,1', undefined],
      [5, 'mon_erika05', 'correct horse battery staple and a long tail of words 42', 'ptc', 'iPhone9,2', undefined],
    ]);
  });

  it('banned.csv (two runs appended, CRLF) gives its accounts banned as the store had them, with level and last use, whatever the file is called', async () => {
    for (const name of ['monocle-export-banned.csv', 'banned.csv', 'old accounts.csv']) {
      const r = await readDump(toDumpInput(name, fixtureBytes('monocle-export-banned.csv')));
      expect(r.rejected).toEqual([]);
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level, a.state, a.history?.allocated_at !== undefined])).toEqual([
        [2, 'mon.brock03@gmail.com', 'Onix,Geodude', 'google', 25, 'temp_banned', true],
        // never used: Monocle's time 0 is no last use
        [3, 'mon_fresh04', 'Pokédex★151', 'ptc', undefined, 'temp_banned', false],
      ]);
    }
  });
});

describe("forks' print_accounts.py", () => {
  it('RobTwoThree/Monocle-Level30: two stores printed one after the other, every account of both read', async () => {
    const r = await readDump(fixture('monocle-print_accounts-two-stores.txt'));
    const pickled = await readDump(fixture('monocle-accounts.pickle'));
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts.slice(0, 5))).toEqual(byName(pickled.accounts));
    expect(r.accounts.slice(5).map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [75, 'mon30_gary06', 'Eevee:Vapor 6', 30, undefined],
      [91, 'mon30_sabrina07', "Kadabra 'Alakazam' 7", 32, 'temp_banned'],
    ]);
  });

  it('walaoaaa1234/Monocle: a time of 0 printed as 0 is never used', async () => {
    const r = await readDump(fixture('monocle-print_accounts-nonzero.txt'));
    expect(r.rejected).toEqual([]);
    expect(byName(r.accounts)).toEqual(byName((await readDump(fixture('monocle-accounts.pickle'))).accounts));
    expect(r.accounts.find((a) => a.username === 'mon_fresh04')!.history).toBeUndefined();
  });
});

describe("the accounts table of Monocle's forks, in a SQLite database (RobTwoThree/Monocle-Level30 monocle/accounts.py)", () => {
  it('every account exact: device, level, provider; a benched account\'s reason as its verdict; the captcha; the rest as fields', async () => {
    const r = await readDump(fixture('monocle-accounts.sqlite'));
    expect(r.format).toBe('monocle-db');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level, a.state])).toEqual([
      [1, 'mdb_ash01', 'Pik4chu!Volt', 'ptc', 31, undefined],
      [2, 'mdb.misty02@gmail.com', 'Star mie "2"', 'google', 24, 'blind'], // sbanned
      [3, 'mdb_brock03', 'Onix,Geodude', 'ptc', 12, 'temp_banned'],
      [4, 'mdb_erika04', 'Tangela|4', 'ptc', 8, 'invalid'], // credentials
      // swapped back in: hibernated cleared, the old reason left; no verdict in force
      [5, 'mdb_surge05', 'Zap Zap 5', 'ptc', 20, undefined],
      [6, 'mdb_fresh06', 'Fr3sh!new', 'ptc', 1, undefined],
    ]);
    const [ash, , brock] = r.accounts;
    expect(ash!.device).toEqual({ model: 'iPhone9,3', ios: '11.1.0', id: '2fcfb8c40e244be284aa42313c1d8dee' });
    expect(ash!.history).toEqual({ instance: 'a3f9c2e1b4d5', reserve_type: 1, remove: false, created: 1512000000, binded: 1512380000, updated: 1512381000 });
    expect(brock!.history).toMatchObject({ captcha: true, reason: 'banned', hibernated: 1512310000 });
    expect(r.accounts[4]!.history).toMatchObject({ reason: 'warn' });
  });

  it('a row whose provider is neither ptc nor google is rejected at its row, quoting nothing', async () => {
    const bytes = Buffer.from(fixtureBytes('monocle-accounts.sqlite'));
    // The same number of bytes in place of 'google', so the record stays whole.
    const at = bytes.indexOf(Buffer.from('google'));
    bytes.write('gooble', at, 'latin1');
    const r = await readDump(toDumpInput('db.sqlite', bytes));
    expect(r.rejected).toEqual([{ line: 2, reason: 'provider is neither ptc nor google' }]);
    expect(r.accounts).toHaveLength(5);
  });
});
