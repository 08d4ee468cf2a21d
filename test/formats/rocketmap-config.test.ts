// A RocketMap config.ini read as RocketMap reads it (ConfigArgParse 0.10.0, pogom/utils.py):
// its accounts exactly, and nothing else from the file, least of all its keys and passwords
// for other things.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { keyMarkValue, rocketmapConfig } from '../../src/formats/tools/rocketmap-config.js';
import fc from 'fast-check';
import { fixture, input } from './helpers.js';

const read = async (text: string) => readDump(input('config.ini', text));
const triples = async (text: string) => (await read(text)).accounts.map((a) => [a.provider, a.username, a.password]);

describe('RocketMap config.ini', () => {
  it('pairs the username, password and auth-service lists; comments after a blank are not values', async () => {
    expect((await readDump(fixture('rocketmap-config.ini'))).accounts.map((a) => [a.provider, a.username, a.password])).toEqual([
      ['ptc', 'rmconf_a01', 'Sp4ce Bar!'],
      ['google', 'rmconf.b02@gmail.com', 'G00gle=pw'],
      ['ptc', 'rmconf_c03', 'tr@il1ng'], // `PTC`: RocketMap lower-cases the auth service
    ]);
  });

  it('never reads the Maps key, hash keys, database or status-page password as an account', async () => {
    const text = fixture('rocketmap-config.ini').text;
    const r = await readDump(fixture('rocketmap-config.ini'));
    const read = JSON.stringify(r);
    for (const secret of ['AIzaSyD4n0tAr3alK3yButL00ksL1keOne12', '7X3K9Q2M5V8B1N4C6Z0L', 'Db!Passw0rd', 'St4tusPagePw']) {
      expect(text).toContain(secret);
      expect(read).not.toContain(secret);
    }
  });

  it('single values, `key = value` and `--key value` spellings', async () => {
    expect((await readDump(fixture('rocketmap-config-single.ini'))).accounts.map((a) => [a.provider, a.username, a.password])).toEqual([['google', 'rmsolo01@gmail.com', 'S0lo:pass,one']]);
    expect(await triples('--username rm1\n--password Pw1\nlocation: x\n')).toEqual([['ptc', 'rm1', 'Pw1']]);
  });

  it('one password and one auth service for every username, as RocketMap fills them in', async () => {
    expect(await triples('username: [a1, a2]\npassword: Shared!1\nauth-service: google\n')).toEqual([
      ['google', 'a1', 'Shared!1'],
      ['google', 'a2', 'Shared!1'],
    ]);
  });

  it('quotes are kept as written: ConfigArgParse 0.10 does not strip them, so RocketMap logs in with them', async () => {
    expect(await triples('username: q1\npassword: "quoted"\nstep-limit: 3\n')).toEqual([['ptc', 'q1', '"quoted"']]);
  });

  it('a `#` or `;` inside a value with no blank before it is the value\'s own (a fork on ConfigArgParse 0.11+); a blank then `#` still starts a comment', async () => {
    const r = await readDump(fixture('rocketmap-config-marks-inside.ini'));
    expect(r.format).toBe('rocketmap-config');
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([
      ['ptc', 'tvscan0412', 'Kx#4rtPa'],
      ['ptc', 'tvscan0413', 'Mn9#wq!e'],
      ['ptc', 'tvscan0414', 'Zp3&#Lq'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Db#Pass2017|K7H2J9F4D1S8A6G3L5Q0|7f3c2a1b9e8d7c6b5a4f3e2d1c0b9a88/);
    expect(await triples('username = a1\npassword = Pw;1 ; comment\nlocation: x\n')).toEqual([['ptc', 'a1', 'Pw;1']]);
    // A value beginning with the mark is none, as 0.10.0 reads it: RocketMap would stop there.
    expect(() => rocketmapConfig.parse(input('config.ini', 'username: a1\npassword: #Pw1\nlocation: x\n'))).toThrow(/RocketMap would stop at line 2/);
  });

  it('a JSON list `["a", "b"]` (a fork on ConfigArgParse 1.3+) is read as JSON: no quotes on the passwords, a comma inside one kept; a list that is not JSON keeps them', async () => {
    const r = await readDump(fixture('rocketmap-config-json.ini'));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [8, 'ptc', 'jigglypuff_j1', 'Sing, Pound1'],
      [8, 'ptc', 'wigglytuff_j2', 'Dou"ble Slap2'],
      [8, 'ptc', 'clefairy_j3', 'M\u00e9tronome3'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSyJsonListMapsKey|9J4S0N1L2I3S4T5K|JsonDbSecret7/);
    expect(await triples('username: [q1, q2]\npassword: ["x", y]\nstep-limit: 3\n')).toEqual([
      ['ptc', 'q1', '"x"'],
      ['ptc', 'q2', 'y'],
    ]);
  });

  it('counts that do not pair up are refused for every account, naming the lines', async () => {
    const dump = input('config.ini', 'username: [a1, a2, a3]\npassword: [p1, p2]\nlocation: x\n');
    const r = await rocketmapConfig.parse(dump);
    expect(r.accounts).toEqual([]);
    expect(r.rejected.map((x) => x.line)).toEqual([1, 1, 1]);
    expect(r.rejected[0]!.reason).toBe('account 1: 2 passwords for 3 usernames (line 2)');
    expect(JSON.stringify(r.rejected)).not.toMatch(/p1|p2/);
    // With no account left, the import refuses the file and says why.
    const refused = await readDump(dump).catch((e: Error) => e);
    expect(String(refused)).toMatch(/no accounts found; read as rocketmap-config .*line 1: account 1: 2 passwords for 3 usernames \(line 2\)/);
    expect(String(refused)).not.toMatch(/p1|p2/);
  });

  it('a config whose accounts live in an account CSV says which file to import', async () => {
    await expect(read('location: x\nstep-limit: 3\naccountcsv: rm-accounts.csv\n')).rejects.toThrow(
      'config.ini: a RocketMap config whose accounts are in another file: rm-accounts.csv (accountcsv, line 3): import that file too',
    );
    // -hlvl's file is RocketMap's level-30 list (pogom/utils.py get_args accounts_L30): its accounts keep that level.
    await expect(read('location: x\nstep-limit: 3\nhigh-lvl-accounts: l30.csv\n')).rejects.toThrow('l30.csv (high-lvl-accounts, line 3): RocketMap\'s level-30 accounts, import that file with --level 30');
    // `ac:` and `hi:` are --accountcsv and --high-lvl-accounts to every RocketMap with accounts (rocketmap-option-beginnings.json).
    await expect(read('location: x\nac: a.csv\nhi: b.csv\n')).rejects.toThrow('a.csv (accountcsv, line 2): import that file too; b.csv (high-lvl-accounts, line 3)');
  });

  it('a config with accounts of its own and account files: its accounts read, each file named in a note; no key, database password or url an account', async () => {
    const r = await readDump(input('config.ini', 'username: [ash01, ash02]\npassword: Pik4chu\naccountcsv: /opt/rm/accounts.csv\n--high-lvl-accounts: /opt/rm/l30.csv\nhlvl: 25\nhash-key: [HK1, HK2]\ngmaps-key: AIzaKEY\ndb-pass: dbsecret\npgpool-url: http://127.0.0.1:4242\ncaptcha-key: 2captcha\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pik4chu'], ['ash02', 'Pik4chu']]);
    expect(r.notes).toEqual([
      'RocketMap also loads accounts from another file: /opt/rm/accounts.csv (accountcsv, line 3): import that file too',
      "RocketMap also loads accounts from another file: /opt/rm/l30.csv (high-lvl-accounts, line 4): RocketMap's level-30 accounts, import that file with --level 30",
      'RocketMap starts with these accounts only if every line of /opt/rm/accounts.csv (accountcsv, line 3) is <username> (pogom/utils.py get_args pairs the file\'s accounts with the config\'s)',
    ]);
    expect(JSON.stringify(r)).not.toMatch(/HK1|AIzaKEY|dbsecret|2captcha|4242/);
    // `hlvl:` is `--hlvl`, which argparse takes for --hlvl-kph (the level-30 accounts' speed), no file of accounts.
    expect((await read('username: ash01\npassword: Pik4chu\nlocation: x\nhlvl: l30.csv\n')).notes).toBeUndefined();
  });

  // RocketMap/RocketMap pogom/utils.py get_args: each accountcsv line appends its username (and
  // password, and auth service: `<username>`, `<username>,<password>`, `<ptc/google>,<username>,<password>`)
  // to the config's lists; then more than one password or auth service not one per username stops RocketMap.
  it('a config whose counts pair with no accountcsv that adds accounts: every account of it refused by its line', async () => {
    const outcome = await read('location: x\nusername: [ash01, ash02]\npassword: Pik4chu\nauth-service: [ptc, google]\naccountcsv: more.csv\n').then((r) => `read: ${JSON.stringify(r)}`, (e: Error) => e.message);
    expect(outcome).toContain("line 2: account 1: RocketMap stops whatever accounts accountcsv (line 5) adds: 1 password(s) and 2 auth service(s) for 2 usernames then no longer pair up");
    expect(outcome).toContain('line 2: account 2: RocketMap stops');
    expect(outcome).not.toMatch(/^read|Pik4chu/);
    // Without accountcsv the same accounts pair up (one password for all, one auth service each).
    expect((await read('location: x\nusername: [ash01, ash02]\npassword: Pik4chu\nauth-service: [ptc, google]\n')).accounts).toHaveLength(2);
  });

  it('a config that pairs only with some accountcsv forms: its accounts read, the note names the forms', async () => {
    const r = await read('location: x\nusername: [ash01, ash02]\npassword: [Pik4chu, Onix]\nauth-service: [ptc, google]\nac: more.csv\n');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['ash01', 'Pik4chu', 'ptc'], ['ash02', 'Onix', 'google']]);
    expect(r.notes).toContain("RocketMap starts with these accounts only if every line of more.csv (accountcsv, line 5) is <ptc/google>,<username>,<password> (pogom/utils.py get_args pairs the file's accounts with the config's)");
    // One username with its password and auth service pairs with every form: no such note.
    expect((await read('location: x\nusername: ash01\npassword: Pik4chu\nauth-service: ptc\naccountcsv: more.csv\n')).notes).toEqual(['RocketMap also loads accounts from another file: more.csv (accountcsv, line 5): import that file too']);
  });

  it('is claimed only with evidence: a seller\'s `username:` / `password:` lines stay a mail\'s', () => {
    expect(detectFormat(input('mail.txt', 'Hi!\nHere is your account.\nusername: ash\npassword: pika\nThanks for your order\n'))?.name).not.toBe('rocketmap-config');
    expect(detectFormat(input('config.ini', 'username: ash\npassword: pika\nlocation: Seattle\n'))?.name).toBe('rocketmap-config');
  });

  it('RocketMap started from a start.bat or a shell script with `-a`/`-u`/`-p` (continued lines, quotes, `--username=x`, one password for all): those accounts, never the keys or database password beside them', async () => {
    const bat = await readDump(fixture('rocketmap-start.bat'));
    expect(bat.format).toBe('rocketmap-command');
    expect(bat.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [4, 'chansey_h1', 'Soft!Boiled1', 'ptc'],
      [5, 'kanga.h2@gmail.com', 'Comet Punch2', 'google'],
    ]);
    const sh = await readDump(fixture('rocketmap-start.sh'));
    expect(sh.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [4, 'pidgey_e1', 'Sam3Pass!', 'ptc'],
      [4, 'pidgey_e2', 'Sam3Pass!', 'ptc'],
    ]);
    await expect(readDump(input('start.sh', 'python runserver.py -u a1b2c3 -u d4e5f6 -p One1 -p Two2 -p Three3\n'))).rejects.toThrow(/no accounts found.*3 passwords for 2 usernames/);
  });

  // RocketMap/RocketMap pogom/utils.py get_args: `-ac/--accountcsv` appends its file's usernames,
  // passwords and auth services to the command's before the counts are paired (one for all or one
  // each, else RocketMap stops); `-hlvl/--high-lvl-accounts` is its level-30 list. The same rule
  // as a config.ini's (above), on the command line.
  it('a start script naming account files with -ac/--accountcsv/-hlvl: each command paired with what its file may add, each file named', async () => {
    const r = await readDump(fixture('rocketmap-start-accountcsv.sh'));
    expect(r.format).toBe('rocketmap-command');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [4, 'geodude_n1', 'R0ck!Solid', 'ptc'],
      [4, 'geodude_n2', 'R0ck!Solid', 'ptc'],
      [7, 'onix_s1', 'B0ulder1', 'ptc'],
      [7, 'onix_s2', 'B0ulder2', 'google'],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason.split(':')[0]])).toEqual([
      [10, 'account 1'],
      [10, 'account 2'],
    ]);
    expect(r.rejected[0]!.reason).toContain('RocketMap stops whatever accounts accountcsv (line 10) adds: 1 password(s) and 2 auth service(s) for 2 usernames');
    expect(r.notes).toEqual([
      'RocketMap also loads accounts from another file: accounts-north.csv (accountcsv, line 5): import that file too',
      "RocketMap also loads accounts from another file: level30.csv (high-lvl-accounts, line 5): RocketMap's level-30 accounts, import that file with --level 30",
      "RocketMap starts with these accounts only if every line of accounts-north.csv (accountcsv, line 5) is <username> (pogom/utils.py get_args pairs the file's accounts with the command's)",
      'RocketMap also loads accounts from another file: accounts-south.csv (accountcsv, line 8): import that file too',
      "RocketMap starts with these accounts only if every line of accounts-south.csv (accountcsv, line 8) is <ptc/google>,<username>,<password> (pogom/utils.py get_args pairs the file's accounts with the command's)",
      'RocketMap also loads accounts from another file: accounts-west.csv (accountcsv, line 10): import that file too',
      'RocketMap also loads accounts from another file: accounts-east.csv (accountcsv, line 12): import that file too',
    ]);
  });

  it('a command whose accounts are all in its -ac file: refused naming the file, never an empty import', async () => {
    const sh = 'python runserver.py -l "NY" -ac accounts.csv --high-lvl-accounts=l30.csv -hk KEY\n';
    await expect(readDump(input('start.sh', sh))).rejects.toThrow("a RocketMap command whose accounts are in another file: accounts.csv (accountcsv, line 1): import that file too; l30.csv (high-lvl-accounts, line 1): RocketMap's level-30 accounts, import that file with --level 30");
  });

  it('argparse beginnings of the long names (--user, --pass, --acc) are those options, as in a config', async () => {
    const r = await readDump(input('start.sh', 'python runserver.py --user ash01 --user misty02 --pass Pika1! --acc more.csv\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01', 'Pika1!'], ['misty02', 'Pika1!']]);
    expect(r.notes?.[0]).toBe('RocketMap also loads accounts from another file: more.csv (accountcsv, line 1): import that file too');
  });
});

describe('a config line of `key: value`', () => {
  // ConfigArgParse 0.10.0's own pattern (configargparse.py, ConfigFileParser.parse), in the shape
  // this reader used before: the answer to hold the linear reading to.
  const KEY = String.raw`(?:--)?([^:=;#\s]+?)`;
  const COMMENT = String.raw`\s*(?:\s[;#].*)?`;
  const PATTERN = new RegExp(String.raw`^${KEY}\s*[:=]\s*([^;#]+?)${COMMENT}$`);

  it('is read as ConfigArgParse reads it, on any line of keys, marks, blanks and comments', () => {
    const piece = fc.constantFrom('a', 'B', '-', ':', '=', ' ', '\t', ';', '#', 'x y', '[', ',', '--');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const s = pieces.join('');
        const m = PATTERN.exec(s);
        expect(keyMarkValue(s)).toEqual(m ? { key: m[1], value: m[2] } : undefined);
      }),
      { numRuns: 20_000 },
    );
  });

  // 0.11.0's value (DefaultConfigFileParser, `(?P<value>.+?)`), for the `inside` reading: a `#` or
  // `;` no blank stands before is the value's own; a value beginning with one is still none.
  const LATER = new RegExp(String.raw`^${KEY}\s*[:=]\s*(.+?)${COMMENT}$`);

  it('with `inside`, is read as ConfigArgParse 0.11.0 and later read it, on any such line', () => {
    const piece = fc.constantFrom('a', 'B', '-', ':', '=', ' ', '\t', ';', '#', 'x y', '[', ',', '--');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const s = pieces.join('');
        const m = LATER.exec(s);
        expect(keyMarkValue(s, true)).toEqual(m && !/^[;#]/.test(m[2]!) ? { key: m[1], value: m[2] } : undefined);
      }),
      { numRuns: 5_000 },
    );
    expect(keyMarkValue('password: [Kx#4, Mn;9]   # three workers', true)?.value).toBe('[Kx#4, Mn;9]');
    expect(keyMarkValue('password: [Kx#4, Mn;9]   # three workers')).toBeUndefined();
  });

  it('takes no longer on a hostile line of a megabyte of blanks than on a short one', async () => {
    // Before, a value of 40,000 blanks took 8-15 s: the pattern tried the run from each blank.
    const hostile = `username: a${' '.repeat(1_000_000)}b\npassword: ${'\t '.repeat(500_000)}#\nusername: ok1\npassword: pw1\n`;
    const r = await read(hostile);
    expect(r.accounts.map((a) => a.username)).toContain('ok1');
  });

  it('a list of 130,000 usernames on one line is read whole: every account, at its line', async () => {
    // Before, `username: [u, u, ...]` past ~120,000 elements failed with a bare RangeError naming no
    // file or line (the elements spread into push()'s arguments, src/formats/long-arrays.ts).
    const names = Array.from({ length: 130_000 }, (_, i) => `u${i % 10}`);
    const r = await read(`location: x\nstep-limit: 5\nusername: [${names.join(', ')}]\npassword: Pw1!abc\n`);
    expect(r.format).toBe('rocketmap-config');
    expect(r.accounts).toHaveLength(130_000);
    expect(r.accounts.every((a) => a.line === 3 && a.password === 'Pw1!abc')).toBe(true);
  });
});
