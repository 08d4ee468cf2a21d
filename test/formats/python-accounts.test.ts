// Accounts written as Python tuples: Monocle's (and pokeminer's) config.py before accounts.csv,
// and the lines a creator wrote to paste into it (sources: test/fixtures/README.md).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const exact = async (text: string, name = 'config.py') =>
  (await readDump(input(name, text))).accounts.map((a) => [a.line, a.username, a.password, a.provider, a.device?.model]);

describe("Monocle's config.py", () => {
  it('reads only the tuples of the ACCOUNTS list: never the Maps key, the database URL or the proxies', async () => {
    const r = await readDump(fixture('monocle-config.py'));
    expect(r.format).toBe('python-accounts');
    expect(r.accounts.map((a) => a.username)).toEqual(['slc_ash01', 'slc.misty02@gmail.com', 'slc_brock04', 'slc_erika05', 'slc_sabrina06']);
    const text = JSON.stringify(r);
    for (const secret of ['AIzaSy', 'Db!pass99', 'socks5', 'Banned!03']) expect(text).not.toContain(secret);
  });

  it("takes PASS and PROVIDER for the tuples that leave them out, as Monocle's create_account_dict does", async () => {
    expect((await readDump(fixture('monocle-config-defaults.py'))).accounts.map((a) => [a.username, a.password, a.provider, a.device?.id])).toEqual([
      ['slc_gary07', 'Sh4red!Pass', 'ptc', undefined],
      ['slc_gary08', 'Sh4red!Pass', 'ptc', '0f1e2d3c4b5a69788796a5b4c3d2e1f0'],
      ['slc_blaine09', 'Own!pass09', 'ptc', undefined],
      ['slc.koga10@gmail.com', 'Own!pass10', 'google', 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'],
    ]);
  });

  it('never guesses a password: a tuple without one, PASS unset (commented out), is rejected with its line', async () => {
    const r = await readDump(input('config.py', "#PASS = 'x'\nACCOUNTS = [\n    ('slc_gary07',),\n    ('slc_ash01', 'Pik4chu!Volt', 'ptc'),\n]\n"));
    expect(r.accounts.map((a) => a.username)).toEqual(['slc_ash01']);
    expect(r.rejected).toEqual([{ line: 3, reason: "no password: the tuple leaves it to the config's PASS and PROVIDER, which are not set" }]);
  });

  it('ALL_ACCOUNTS with devices, and the lists the config fills from it, give each account once', async () => {
    expect(await exact(fixture('monocle-config-devices.py').text)).toEqual([
      [33, 'slc_ash01', 'Pik4chu!Volt', 'ptc', 'iPhone6,1'],
      [34, 'slc.misty02@gmail.com', 'Star#mie9', 'google', 'iPhone5,4'],
      [35, 'slc_brock04', 'Onix,Geodude', 'ptc', 'iPhone8,2'],
      [36, 'slc_surge05', 'Rai(chu)5', 'ptc', 'iPhone7,2'],
    ]);
  });

  it('a tuple of another shape or of no account is rejected with its line, a list never closed is an error with its line', async () => {
    const r = await readDump(input('config.py', "ACCOUNTS = [\n    ('a1', 'b1'),\n    ('socks5://127.0.0.1:9050', '//user:pass@host', 'ptc'),\n    ('slc_ash01', 'Pik4chu!Volt', 'ptc'),\n    ('slc_x', 'y', 'myspace'),\n]\n"));
    expect(r.accounts.map((a) => a.username)).toEqual(['slc_ash01']);
    expect(r.rejected.map((j) => j.line)).toEqual([2, 3, 5]);
    await expect(readDump(input('config.py', "ACCOUNTS = [\n    ('slc_ash01', 'Pik4chu!Volt', 'ptc'),\n"))).rejects.toThrow(/config.py:1: the list ACCOUNTS is never closed/);
  });
});

describe("pokeminer's config.py (SkyronHGS/pokeminer `config.py.example`)", () => {
  it('reads ACCOUNTS and the fork\'s SUB_ACCOUNTS, each exact, and no key, URL or path beside them', async () => {
    const r = await readDump(fixture('pokeminer-config.py'));
    expect(r.format).toBe('python-accounts');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [18, 'wroclaw_scan01', 'Odra#Bridge1', 'ptc'],
      [19, 'wroclaw.scan02@gmail.com', "it's G00gle", 'google'],
      [20, 'wroclaw_scan03', 'Rynek, 3', 'ptc'],
      [23, 'wroclaw_sub01', 'Sub\\slash1', 'ptc'],
      [24, 'wroclaw.sub02@gmail.com', 'mammoth99', 'google'],
    ]);
    const text = JSON.stringify(r);
    for (const secret of ['AIzaSy', 'root:root', 'libencrypt', 'tile.osm']) expect(text).not.toContain(secret);
  });
});

describe("pokeminer's config.py with list rows (HaloZero/pokeminer `config.py`, stop 53)", () => {
  it('reads `[user, pass, service],` rows as tuples, each exact; a commented row and the settings never', async () => {
    const r = await readDump(fixture('pokeminer-config-lists.py'));
    expect(r.format).toBe('python-accounts');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [19, 'SoMaScan06', 'password1', 'ptc'],
      [20, 'SoMaScan07', 'password1', 'ptc'],
      [21, 'SoMaScan08', 'Tr0lley!08', 'ptc'],
      [22, 'soma.scan10@gmail.com', "it's G00gle", 'google'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/SoMaScan12|sqlite|DATABASE_URL/);
  });
});

describe("a creator's tuple lines", () => {
  it('`(user, pass, ptc),` a line, appended (ocjd/ptc-account-creator): every account, with Windows line ends too', async () => {
    const want = [
      [1, 'gNSWPHprVqsU', 'eQCtDRzzXhqo', 'ptc', undefined],
      [2, 'uwZqxZOOHjkJ', 'QQrkaPehMvbf', 'ptc', undefined],
      [3, 'rnyzLCMgPRhL', 'LOOxlgVFGRmr', 'ptc', undefined],
      [4, 'CNnFZsGqghfr', 'rhbkVAhRHLfB', 'ptc', undefined],
    ];
    const text = fixture('ptc-account-creator-tuples.txt').text;
    expect(await exact(text, 'accounts.txt')).toEqual(want);
    expect(await exact(text.replace(/\n/g, '\r\n'), 'accounts.txt')).toEqual(want);
  });
});

describe('tuple lines read without the parser and with it', () => {
  it('plain literals and escaped ones give the same exact passwords, with their lines', async () => {
    const plain = "('trainer01', \"it's!1\", 'ptc'),\n('trainer02', 'Pw#2', 'google'),  # two\n";
    const escaped = `${plain}('trainer03', 'a\\\\b\\'c3', 'ptc'),\n`;
    expect(await exact(plain, 'accounts.txt')).toEqual([
      [1, 'trainer01', "it's!1", 'ptc', undefined],
      [2, 'trainer02', 'Pw#2', 'google', undefined],
    ]);
    expect(await exact(escaped, 'accounts.txt')).toEqual([
      [1, 'trainer01', "it's!1", 'ptc', undefined],
      [2, 'trainer02', 'Pw#2', 'google', undefined],
      [3, 'trainer03', "a\\b'c3", 'ptc', undefined],
    ]);
  });
});

describe('Python tuples that hold no account', () => {
  it('pairs, proxies and paths in tuple lines give none', async () => {
    const text = "('auth', 'ptc'),\n('socks5://127.0.0.1:9050', '/usr/local/var/run/tor/control', 'ptc'),\n('C:\\\\Users\\\\ash', 'accounts.txt', 'ptc'),\n";
    await expect(readDump(input('pairs.txt', text))).rejects.toThrow(/no accounts found/);
  });
});

describe("a Monocle fork's config.py whose accounts are in ACCOUNTS_CSV", () => {
  const SECRETS = /S3cretDbPw|A1B2C3D4|PH7B03W1|1abc234de|Pr0xyPw|pik4chu|m3wtw0|o\.9187cb/;

  it('is refused naming the file that holds the accounts and its line, never a key or password of the config', async () => {
    const err = await readDump(fixture('monocle-config-accounts-csv.py')).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toBe("monocle-config-accounts-csv.py:18: is Monocle's config.py, which holds no accounts: Monocle reads them from the CSV file its ACCOUNTS_CSV names (accounts-slc.csv); import that file");
    expect(err?.message).not.toMatch(SECRETS);
  });

  it('names no path that is not a plain string (an expression, control characters)', async () => {
    const text = fixture('monocle-config-accounts-csv.py').text.replace("ACCOUNTS_CSV = 'accounts-slc.csv'", "ACCOUNTS_CSV = os.path.join(DIRECTORY, 'accounts.csv')");
    await expect(readDump(input('config.py', text))).rejects.toThrow(/its ACCOUNTS_CSV names; import that file$/);
  });

  it('with an ACCOUNTS list beside it, the list is read', async () => {
    const text = `${fixture('monocle-config-accounts-csv.py').text}ACCOUNTS = [\n    ('slc_ash01', 'Pik4chu!1', 'ptc'),\n]\n`;
    expect(await exact(text)).toEqual([[38, 'slc_ash01', 'Pik4chu!1', 'ptc', undefined]]);
  });

  it('a list of accounts with one such line among them is no config: its accounts are read', async () => {
    const text = "ash01:Pik4chu!1\nash02:Pik4chu!2\nash03:Pik4chu!3\nACCOUNTS_CSV = 'accounts.csv'\n";
    expect((await readDump(input('list.txt', text))).accounts.map((a) => a.username)).toEqual(['ash01', 'ash02', 'ash03']);
  });
});

// The Node scanners' and bots' config.js, read as a config.py is: literals only, nothing run
// (js-config.ts; ashleykleynhans/raid-scanner and CacaoRick/GoPatrol, test/fixtures/README.md).
describe('a JavaScript config', () => {
  const js = async (text: string) => (await readDump(input('config.js', text))).accounts.map((a) => [a.line, a.provider, a.username, a.password]);
  const refusal = (text: string) => readDump(input('config.js', text)).then(() => '', (e: unknown) => (e as Error).message);

  it("reads the game account of raid-scanner's config.js, never its hashing key or Telegram token", async () => {
    const r = await readDump(fixture('raid-scanner-config.js'));
    expect(r.format).toBe('js-config');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[4, 'ptc', 'raidwatch_gym07', 'Rw7,kyogre!q']]);
    for (const secret of ['H4SHK3Y', 'AAExample']) expect(JSON.stringify(r)).not.toContain(secret);
  });

  it("reads GoPatrol's account list: each provider its own, quotes, escapes and commas inside passwords", async () => {
    expect(await js(fixture('gopatrol-config.js').text)).toEqual([
      [10, 'google', 'patrol.taipei01@gmail.com', 'Tp1 "xinyi" 101'],
      [11, 'ptc', 'patroltpe02', "Tp2,da'an#"],
      [12, 'ptc', 'patroltpe03', 'Tp3\\beitou'],
    ]);
  });

  // hassoncs/pokemon-go-bot-isomorphic `env.sample.js`: `loginProvider` once beside the login; a
  // provider named once at the top holds for every user listed below it.
  it('a provider named once above the logins is each login\'s: a bot\'s `loginProvider`, a top-level `auth` over `users:`', async () => {
    const r = await readDump(fixture('bot-isomorphic-env.js'));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([[3, 'google', 'lapras.surfer@gmail.com', 'Ls4!waves,north']]);
    expect(JSON.stringify(r)).not.toContain('AIzaMadeUp');
    const users = "module.exports = {\n  provider: 'google',\n  users: [\n    { username: 'scan.one@outlook.com', password: 'G1!pw' },\n    { username: 'scantwo', password: 'G2!pw', provider: 'ptc' },\n  ],\n};\n";
    expect(await js(users)).toEqual([[4, 'google', 'scan.one@outlook.com', 'G1!pw'], [5, 'ptc', 'scantwo', 'G2!pw']]);
    expect(await js(users.replace("provider: 'google'", "auth: 'PTC'").replace('users:', 'accounts:'))).toEqual([[4, 'ptc', 'scan.one@outlook.com', 'G1!pw'], [5, 'ptc', 'scantwo', 'G2!pw']]);
    // Without it the list is no said game's: refused by its line, as before.
    expect(await refusal(users.replace("  provider: 'google',\n", '').replace(", provider: 'ptc'", ''))).toMatch(/line 3: a username and password under users/);
  });

  it('reads parallel lists when their counts agree, never a database login beside them', async () => {
    const text = "const config = {\n  mysql: { user: 'root', password: 'Db!pass99' },\n  accounts: {\n    usernames: ['scan01', 'scan02'],\n    passwords: ['P1!x', 'P2!y'],\n  },\n};\nmodule.exports = config;\n";
    expect(await js(text)).toEqual([[4, 'ptc', 'scan01', 'P1!x'], [4, 'ptc', 'scan02', 'P2!y']]);
    expect(await refusal(text.replace("'P2!y'", ''))).toMatch(/line 4: 2 logins but 1 passwords under accounts/);
  });

  it('refuses what it cannot be sure of, by its line: a computed password, a placeholder, a login of another service or of no said game', async () => {
    const r = await readDump(input('config.js', "export default {\n  accounts: [\n    { username: 'scan01', password: process.env.PW },\n    { username: 'scan02', password: 'Ok!pw2' },\n  ],\n};\n"));
    expect(r.accounts.map((a) => a.username)).toEqual(['scan02']);
    expect(r.rejected.map((x) => x.line)).toEqual([3]);
    const published = fixture('raid-scanner-config.js').text.replace("'raidwatch_gym07'", "'INSERT_USERNAME'").replace("'Rw7,kyogre!q'", "'INSERT_PASSWORD'");
    expect(await refusal(published)).toMatch(/line 4: the example's placeholder/);
    expect(await refusal("module.exports = {\n  db: { host: 'localhost', user: 'root', password: 'Db!pass99' },\n};\n")).toMatch(/line 2: the login under db is another service's/);
    expect(await refusal("module.exports = {\n  dashboard_login: { username: 'admin', password: 'Adm!n99' },\n};\n")).toMatch(/line 2: a username and password under dashboard_login, not said to be a game account/);
    const beside = await readDump(input('config.js', "module.exports = {\n  accounts: [{ username: 'scan03', password: 'Ok!pw3' }],\n  web: { login: { username: 'admin', password: 'Adm!n99' } },\n  panel: { username: 'op', password: 'Op!pw' },\n};\n"));
    expect(beside.accounts.map((a) => a.username)).toEqual(['scan03']);
    expect(beside.rejected.map((x) => x.line)).toEqual([4]);
    expect(await refusal("module.exports = {\n  accounts: [ { username: 'a1x' password: 'x' } ]\n};\n")).toMatch(/^config\.js:2: is not a JavaScript config/);
    for (const m of [published, "module.exports = { db: { user: 'root', password: 'Db!pass99' } };\n"].map(refusal)) expect(await m).not.toMatch(/Db!pass99|INSERT_PASSWORD/);
  });
});

describe("PTCAccount's random_account() tuples printed one a line (jepayne1138/PTCAccount README.rst, stop 65)", () => {
  it('reads (username, password, mail) as a PTC account, the mail never a provider; a Monocle tuple keeps its provider', async () => {
    const r = await readDump(fixture('ptcaccount-tuples.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [1, 'dGXJXnAzxqmjba9', 'yUbiAgcXhBrEwH4', 'ptc'],
      [2, 'kP3mWqZrTsVbNcX', 'Hq7LpR2sXvBn9Tm', 'ptc'],
      [3, 'Rt5YuIoP8aSdFgH', 'Zx2CvBnM4qWeRtY', 'ptc'],
    ]);
    expect(JSON.stringify(r)).not.toContain('6yxi6.com');
    expect(await exact("('tup_google1@gmail.com', 'G00gle!pw', 'google'),\n('tup_ptc02', 'Ptc!pw02', 'ptc'),\n", 'accounts.txt')).toEqual([
      [1, 'tup_google1@gmail.com', 'G00gle!pw', 'google', undefined],
      [2, 'tup_ptc02', 'Ptc!pw02', 'ptc', undefined],
    ]);
  });
});
