// Account generators' outputs, each as the generator writes it (see test/fixtures/README.md for
// the source file each fixture follows): what is an account, what is an attempt, and which
// reader must never take a generator's file.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const pairs = async (name: string, text?: string) => (await readDump(text === undefined ? fixture(name) : input(name, text))).accounts.map((a) => [a.username, a.password]);

describe('KinanCity result.csv', () => {
  it('reads OK lines of every run appended, today and before May 2017, and skips ERROR lines and comments', async () => {
    expect(await pairs('kinancity-result.csv')).toEqual([
      ['kinold001', 'Old!pass01'],
      ['kinan0101', 'Kc!pass01'],
      ['kinan0102', 'Kc;pass;02'],
      ['kinan0104', 'Kc!pass04'],
      ['kinan0106', 'Kc pass 06'],
    ]);
  });

  it('keeps an e-mail-looking password whole: the columns are counted from the end', async () => {
    expect(await pairs('result.csv', 'kin1;a;b@c.de;kin1@mail.example;1980-01-01;US;OK;\n')).toEqual([['kin1', 'a;b@c.de']]);
  });

  it('is known by its result lines whatever comments surround them: the ERROR lines are never imported', async () => {
    // The batch lines cut off, and the operator's own notes in their place.
    const text = '#bought from kanto-shop, 2017-08\nkin1;Kc!pass01;kin1@mail.example;1985-04-12;US;OK;\nkin2;Kc!pass02;kin2@mail.example;1979-11-02;US;ERROR;\n# second run\nkin3;Kc!pass03;kin3@mail.example;1990-01-30;US;OK;\n';
    expect(detectFormat(input('result.csv', text))?.name).toBe('kinancity');
    expect(await pairs('result.csv', text)).toEqual([
      ['kin1', 'Kc!pass01'],
      ['kin3', 'Kc!pass03'],
    ]);
  });

  it('rejects an OK line without an e-mail column, naming the line', async () => {
    const r = await readDump(input('result.csv', 'kin1;p1;kin1@mail.example;1980-01-01;US;OK;\nkin2;p2;x;OK;\n'));
    expect(r.rejected).toEqual([{ line: 2, reason: 'no e-mail column after the password' }]);
  });
});

describe('KinanCity console and KinanCityCore.log', () => {
  it('takes the RocketMap block only, never the "Create account" attempts around it', async () => {
    expect(await pairs('kinancity-console.log')).toEqual([
      ['kcon0001', 'Kc!con01'],
      ['kcon0002', 'Kc,con;02'],
      ['kcon0004', 'Kc con 04'], // kcon0003 was attempted, and failed
    ]);
  });

  it('reads every block of an appended log, with either logback pattern, and a block quoted in a reply', async () => {
    const log = [
      '08-14 21:05:02 [Kinan City] Here are your accounts in RocketMapFormat : ',
      'ptc,run1user,pw1',
      '',
      '2017-08-15 08:01:12 [Kinan City] INFO  c.kinancity.core.PtcAccountCreator - Here are your accounts in RocketMapFormat : ',
      'ptc,run2user,pw2',
      '2017-08-15 08:01:12 [Misty] INFO  c.k.core.worker.AccountCreationWorker - End of account creation queue reached. Stop worker',
      '> 08-16 10:00:00 [Kinan City] Here are your accounts in RocketMapFormat : ',
      '> ptc,run3user,pw3',
    ].join('\n');
    expect(await pairs('KinanCityCore.log', log)).toEqual([
      ['run1user', 'pw1'],
      ['run2user', 'pw2'],
      ['run3user', 'pw3'],
    ]);
  });

  it('a batch that created nothing imports nothing, and says so', async () => {
    const log = '08-14 21:03:11 [Brock] Create account : AccountData [username=k1, password=p1]\n08-14 21:05:02 [Kinan City] Here are your accounts in RocketMapFormat : \n\n';
    await expect(readDump(input('console.txt', log))).rejects.toThrow(/no accounts found; read as kinancity-console/);
  });

  it('the sentence inside prose is not a log line, and a short pasted block is still KinanCity\'s, not RocketMap\'s', () => {
    expect(detectFormat(input('notes.txt', 'I saw "Here are your accounts in RocketMapFormat" in the log\nptc,a,b\n'))?.name).not.toBe('kinancity-console');
    expect(detectFormat(input('paste.txt', 'Here are your accounts in RocketMapFormat : \nptc,a,b\nptc,c,d\n'))?.name).toBe('kinancity-console');
  });
});

describe('Pikaptcha usernames.txt', () => {
  it('compact runs with an auto-verify header line: the header is no account', async () => {
    expect((await readDump(fixture('pikaptcha-usernames.txt'))).rejected).toEqual([]);
    expect(await pairs('pikaptcha-usernames.txt')).toHaveLength(4);
  });

  it('pkgo: accounts one after another on a line, a password may start with "-u"', async () => {
    expect(await pairs('pikaptcha-pkgo.txt')).toEqual([
      ['blafitstrung', 'aQ7#bXz9Kp(Lm2W'],
      ['drimosnek', 'Zx)4rTq8Yw!uBn3v'],
      ['praskimflund', 'kP`3Ra9^mHq2ZtW'],
      ['grotbeskmum', 'Yh8>Lp+2nQw7cXt'],
      ['smevtrankgolp', '-u8Qm<Tz3Wr$pLk'],
    ]);
  });

  it('one file with every output format a user switched between', async () => {
    const text = 'The following accounts use the email address: a@gmail.com\nc1:p:1\n\n -u k1 -p p2\nptc,r1,p,3\n\n';
    expect(await pairs('usernames.txt', text)).toEqual([['c1', 'p:1'], ['k1', 'p2'], ['r1', 'p,3']]);
  });

  it('a compact file without a header is an ordinary list, read the same by the plain reader', async () => {
    const text = 'blafitstrung:aQ7#bXz9Kp(Lm2W\ndrimosnek:Zx)4rTq8Yw!uBn3v\n';
    expect(detectFormat(input('usernames.txt', text))?.name).toBe('plain');
    expect(await pairs('usernames.txt', text)).toEqual([['blafitstrung', 'aQ7#bXz9Kp(Lm2W'], ['drimosnek', 'Zx)4rTq8Yw!uBn3v']]);
  });
});

describe('PalletTown', () => {
  it('PokeAlert format: a password with blanks runs to the provider', async () => {
    expect(await pairs('pallettown-pokealert.txt')).toContainEqual(['palletuser7', 'my own pass 7']);
    const google = await readDump(input('out.txt', 'g1@gmail.com Pw!1 GOOGLE None\n'));
    expect(google.accounts[0]).toMatchObject({ username: 'g1@gmail.com', password: 'Pw!1', provider: 'google' });
  });

  it('RocketMap and Standard formats are read by the readers for their shape, exactly', async () => {
    expect(await pairs('pallettown-rocketmap.csv')).toEqual([['blumfrangtesk', 'Sl4mbr@ndtr'], ['chedvostplung', 'gR0v#tesk'], ['palletuser8', 'comma,in,pass8']]);
    expect(await pairs('pallettown-standard.csv')).toEqual([['blumfrangtesk', 'Sl4mbr@ndtr'], ['chedvostplung', 'gR0v#tesk'], ['palletuser9', 'Pa:ss;9']]);
  });
});

describe('ptc-acc-gen', () => {
  it('keeps the location out of the password, even a password with commas', async () => {
    expect(await pairs('accounts.csv', 'ptc,gen1,a,b,c,40.71,-74.00,gen1\r\n')).toEqual([['gen1', 'a,b,c']]);
  });

  // The file's reader: interbiznw/PogoPlayer `pogo.js` (`split("\n").map(x=>x.split(","))`: a[0] `ptc`
  // or else Google, a[1] the login, a[2] the password, a[3], a[4] the location, a[5] the trainer name it
  // claims) and its `accounts.csv.example` (`ptc,username1,password1,00.00,00.00,dovahkiin1`).
  it("PogoPlayer's own example rows: the trainer name last is no login, the location no password", async () => {
    const r = await readDump(input('PogoPlayer/accounts.csv', 'ptc,pogoplayer1,Passw0rd1,00.00,00.00,dovahkiin1\nptc,pogoplayer2,Pass,w0rd2,00.00,00.00,dovahkiin2'));
    expect(r.format).toBe('ptc-acc-gen');
    expect(r.accounts.map((a) => [a.provider, a.username, a.password])).toEqual([
      ['ptc', 'pogoplayer1', 'Passw0rd1'],
      ['ptc', 'pogoplayer2', 'Pass,w0rd2'],
    ]);
  });

  // PogoPlayer logs a row in with Google unless its first field is `ptc`: an operator's Google rows
  // in the same file (stop 58's survey). Read as RocketMap rows, each password took the location and the name.
  it("PogoPlayer's file with Google rows beside ptc-acc-gen's: each provider its own, the location and name never in a password", async () => {
    const r = await readDump(fixture('pogoplayer-accounts-google.csv'));
    expect(r.format).toBe('ptc-acc-gen');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [1, 'ptc', 'kantowalk31', 'Kw7#ferns'],
      [2, 'google', 'johto.roamer@gmail.com', 'Jr4!maple'],
      [3, 'ptc', 'hoennpath08', 'Hp2%tides'],
    ]);
    // A Google row without coordinates where they go is no such row: RocketMap's reader keeps it as written.
    expect(detectFormat(input('accounts.csv', 'ptc,gen1,pw1,1.5,2.5,gen1\ngoogle,a@gmail.com,pw,1,2,other\n'))?.name).toBe('rocketmap');
  });

  // PogoPlayer's console (`pogo.js`: `Auth service: ${a[0]}, Username: ${a[1]}, Password: ${a[2]}, Location: ${a[3]},${a[4]}`
  // per row, after Node's inspection of the rows): a two-word label, a comma inside the last value.
  it("PogoPlayer's console records: each labelled field its own, the provider stated, a missing row's `undefined` no account", async () => {
    const text = fixture('pogoplayer-console.txt').text;
    const records = text.split('\n').filter((l) => l.startsWith('Auth service:')).join('\n');
    const want = [[1, 'ptc', 'kantowalk31', 'Kw7#ferns'], [2, 'google', 'johto.roamer@gmail.com', 'Jr4!maple'], [3, 'ptc', 'hoennpath08', 'Hp2%tides']];
    const r = await readDump(input('console.txt', records));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual(want);
    expect(r.rejected.map((x) => x.line)).toEqual([4]);
    // The whole console: Node's inspected arrays before them are the records' echo (inspected-echo.ts), never code.
    const whole = await readDump(fixture('pogoplayer-console.txt'));
    expect(whole.accounts.map((a) => [a.line - 19, a.provider, a.username, a.password])).toEqual(want);
    expect(whole.rejected.map((x) => x.line)).toEqual([23]);
    const forced = await readDump(fixture('pogoplayer-console.txt'), { format: 'email-text' });
    expect(forced.accounts.map((a) => [a.line - 19, a.provider, a.username, a.password])).toEqual(want);
    // A printed row holding no account read below it is no echo: unsure, as any code beside accounts.
    await expect(readDump(input('console.txt', text.replace("'hoennpath08',\n    'Hp2%tides'", "'sinnohstep4',\n    'Ss5!leaves'")))).rejects.toThrow(/unsure .* --format email-text/);
  });

  // Onigam/PoGoBotFarm `start-all-bot.sh` then `start-bot.sh` (`echo USER = ${USER}`, `echo PASSWORD = ${PASSWORD}`)
  // among git's, wget's, make's and pip's lines of the same run (variable-echo-console.ts).
  it("PoGoBotFarm's console: each `USER = ` / `PASSWORD = ` block an account, the run's lines around them prose", async () => {
    const r = await readDump(fixture('pogobotfarm-console.log'));
    expect(r.format).toBe('variable-echo-console');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [41, 'ptc', 'farmwalk01', 'Fw1#genf'],
      [47, 'ptc', 'farmwalk02', 'Fw2!newyork'],
      [53, 'ptc', 'farmwalk03', 'Fw3%bern'],
    ]);
    expect(r.rejected).toEqual([]);
    // Settings of `KEY = value` lines alone, or beside a host, are no console: never this reader's.
    for (const text of ['# bot\nUSER = ashbot01\nPASSWORD = Secr3t!x\n', '[mysql]\nUSER = root\nPASSWORD = Db!pass99\nhello\n', 'Starting\nHOST = db.local\nUSER = root\nPASSWORD = Db!pass99\nDone\n']) {
      expect(detectFormat(input('run.log', text))?.name).not.toBe('variable-echo-console');
    }
  });

  it('a RocketMap row whose last field is not the username again is not ptc-acc-gen\'s', () => {
    expect(detectFormat(input('accounts.csv', 'ptc,gen1,pw,1,2,other\nptc,gen2,pw,1,2,other\n'))?.name).toBe('rocketmap');
  });

  // jeffersoncarpenter/ptc-acc-gen `PogoPlayer/accounts.csv.old` (a user's real file) and that fork's
  // `index.js` (`outputFormat.replace('%NICK%', _nick)`: the first `%NICK%` only, no `\r\n` once edited out).
  it("an edited format's rows read row by row: another name last, and rows glued after a `%NICK%` left as written", async () => {
    const r = await readDump(fixture('ptc-acc-gen-edited-format.csv'));
    expect(r.format).toBe('ptc-acc-gen');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [1, 'ptc', 'kantoscan100', 'Sc4nP4ss'],
      [2, 'ptc', 'kantoscan101', 'Sc4nP4ss'],
      [3, 'ptc', 'kantonick41', 'Sc4nP4ss'],
      [4, 'ptc', 'kantoscan118', 'Sc4nP4ss'],
      [6, 'ptc', 'kantoscan208', 'kantoscan'],
      [6, 'ptc', 'kantoscan210', 'kantoscan'],
      [6, 'ptc', 'kantoscan211', 'kantoscan'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it("the config's own `LATITUDE`/`LONGITUDE` left in, another name last: still the generator's row, the location never in the password", async () => {
    const r = await readDump(input('accounts.csv', 'ptc,gen1,pw1,LATITUDE,LONGITUDE,nick1\r\nptc,gen2,p,w2,LATITUDE,LONGITUDE,nick2\r\n'));
    expect(r.format).toBe('ptc-acc-gen');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['gen1', 'pw1'], ['gen2', 'p,w2']]);
  });

  it('its older output and the other creators\' `user:pass` files read as plain lists, exactly', async () => {
    expect(await pairs('ptc-acc-gen-accounts.txt')).toEqual([['kantogen7', 'p9x2la551!#?ABC'], ['kantogen8', 'vq7rd0812$^+ABC']]);
    expect(await pairs('ptcaccount2-accounts.txt')).toEqual([['Xk29fLmQ0aZ7bPw', 'Tr4inerPass1'], ['q8JdN2vLs0eRt6Y', 'c0mpact:colon'], ['Hb5mW1yUo9Ki3Ga', 'Ivys4ur!']]);
    expect(await pairs('goman-export.txt')).toEqual([['gomanpika01', 'Pik4!GoMan'], ['gomanpika02', 'Ch4r;man,der']]);
  });

  it("Klinklang's accounts file (`{email}, {username}, {password}, {dob}`) and its README's `username, password` export read exactly: never the e-mail or the date", async () => {
    expect(await pairs('klinklang-accounts.txt')).toEqual([['SunnyFox4821', 'Kq7#vLm2pX9!'], ['BraveLynx0913', 'Zt4$wN8c,Rb1'], ['QuietOwl7730', 'Hy2@sD6f:Jp3']]);
    expect(await pairs('klinklang-rdm-accounts.txt')).toEqual([['SunnyFox4821', 'MYFancyPassword99#'], ['BraveLynx0913', 'MYFancyPassword99#'], ['QuietOwl7730', 'MYFancyPassword99#']]);
  });
});

describe('other creators\' outputs', () => {
  it('ptc-account-generator\'s accounts.txt (a JSON object per run, appended after two line breaks): the account, never the mailbox beside it', async () => {
    const r = await readDump(fixture('ptc-account-generator-accounts.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'ElnoraKub4821', 'PElnoraKub4821'],
      [5, 'MargarettKihn77', 'PMargarettKihn77'],
      [7, 'Ottis_Bayer0309', 'POttis_Bayer0309'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('PTCAccount\'s console output of several runs appended (`Created new account:` blocks, failures between): each block\'s username and password', async () => {
    const r = await readDump(fixture('ptcaccount-console.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [2, 'Xk3f9QmZp2LwR7a', '7hTq2NbVx9KdW4e'],
      [6, 'ashtrainer07', 'Rk82mQpL0vWz5Ty'],
      [12, 'p9LmN2bV4cX6zQ1', 'pikapika151'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it("Pikaptcha's console output: the accounts it made, never an attempt (`Attempting to create user NAME:PASSWORD.`) nor the retry's failed name; its progress lines, balance and verification keys read past", async () => {
    const r = await readDump(fixture('pikaptcha-console.txt'));
    expect(r.format).toBe('creator-console');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [13, 'blafitstrung', 'aQ7#bXz9Kp(Lm2W', 'ptc'],
      [36, 'praskimflund', 'Zx)4rTq8Yw!uBn3v', 'ptc'],
      [61, 'smevtrankgolp', '-u8Qm<Tz3Wr$pLk', 'ptc'], // grotbeskmum (line 44) was attempted and failed
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.skipped?.map((k) => k.line)).toContain(18); // `Verified email and trashing Email with key: ...`
  });

  it("PTCAccount2's console output with --compact: the `user:pass` lines it printed once each account was made (and again in its summary), never the attempts, the retried name or the one that failed after a captcha timeout", async () => {
    const r = await readDump(fixture('ptcaccount2-console.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [14, 'q8JdN2vLs0eRt6Y', 'Tr4inerPass1'],
      [22, 'Hb5mW1yUo9Ki3Ga', 'Tr4inerPass1'],
      [37, 'q8JdN2vLs0eRt6Y', 'Tr4inerPass1'], // the summary: the import reports them as duplicates
      [38, 'Hb5mW1yUo9Ki3Ga', 'Tr4inerPass1'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a block cut short (the password line missing) is rejected with its line; indented labels without the tools\' `Email   :` are a mail\'s', async () => {
    const cut = '  Username:  ashtrainer07\n  Password:  Rk82mQpL0vWz5Ty\n  Email   :  a@b.example\nCreated new account:\n  Username:  mistyw02\n';
    const r = await readDump(input('run.log', cut));
    expect(r.accounts.map((a) => a.username)).toEqual(['ashtrainer07']);
    expect(r.rejected).toEqual([{ line: 5, reason: 'missing password' }]);
    const mail = await readDump(input('order.txt', 'Your order:\n  Username:  ashtrainer07\n  Password:  Rk82mQpL0vWz5Ty\n  Level: 30\n'));
    expect(mail.format).toBe('email-text');
    expect(mail.accounts.map((a) => [a.username, a.level])).toEqual([['ashtrainer07', 30]]);
  });
});

describe('PalletTown console and pallettown.log', () => {
  it('takes the accounts made, never the Username/Password block printed before each attempt, nor a failed one', async () => {
    expect(await pairs('pallettown-console.txt')).toEqual([
      ['palletash102', 'P4llet!Town'],
      ['palletash103', 'P4llet!Town'], // palletash101 was attempted, and timed out
    ]);
    expect(await pairs('pallettown.log')).toEqual([
      ['palletash202', 'P4llet!Town'],
      ['palletash203', 'My own: pass 3'], // a password given by hand keeps its `:` and blanks
    ]);
  });

  it('reads past the debug copy of the script\'s lines: each account once', async () => {
    const text = '[14:22:47]     [DEBUG]:[Worker 1]: Attempting to create user pt01:Pw!one1. Opening browser...\n[14:22:47]     [DEBUG]:[Worker 1]: Account pt01:Pw!one1 successfully created.\n[14:22:47]     [DEBUG]: \n[14:22:47] [Worker 1]: Account pt01:Pw!one1 successfully created.\n[14:22:47] Account 1 created succesfully\n';
    const r = await readDump(input('console.txt', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[4, 'pt01', 'Pw!one1']]);
  });
});

describe("Pikaptcha's mono output (the walaoaaa1234 fork)", () => {
  it('`user,pass,ptc,,,` under its auto-verify lines: the password runs to `,ptc,,,`, a `:` or `,` in it kept', async () => {
    expect(await pairs('pikaptcha-mono.txt')).toEqual([
      ['pikamono01', 'aQ7#bXz9Kp(Lm2W'],
      ['pikamono02', 'Zx)4rT:q8,Yw!uBn3v'],
      ['pikamono03', 'kP`3Ra9^mHq2ZtW'],
    ]);
  });
});

describe("a ptc-acc-gen fork's accounts.csv", () => {
  it('`ptc,user,pass,user` (no location): the repeated login is no part of the password', async () => {
    expect(await pairs('ptc-acc-gen-fork-accounts.csv')).toEqual([
      ['habakuk1', 'k2x9qa418&(<ABC'],
      ['habakuk2', '0f3kz1907%-]ABC'],
      ['habakuk3', 'a81mq0233*`>ABC'],
    ]);
  });
});

describe("pikapy's console (Pikaptcha's forerunner)", () => {
  it("reads its block under its own misspelt label `  Passwrd:  `, never a failed attempt", async () => {
    expect(await pairs('pikapy-console.txt')).toEqual([
      ['pikapy4kq9x2mw', 'Qx7!mK2pLw9z'],
      ['pikapy8hz3n1rt', 'Vb3#nR8sTq1y'],
    ]);
  });
});

describe("anonymous_scripter's accounts.txt", () => {
  it('`user:pass - email - First Last - dob - country`: the account, never the e-mail, name or country in its password', async () => {
    expect(await pairs('anonymous-scripter-accounts.txt')).toEqual([
      ['pogoscan042', 'Sn0wF4ll!x'],
      ['pogoscan317', 'Sn0wF4ll!x'],
      ['pogoscan555', 'Sn0wF4ll!x'],
    ]);
  });
});

describe("anonymous_scripter's console", () => {
  it('the login `email prefix is` names, with its password, only for the attempts that printed `Worked!`', async () => {
    const r = await readDump(fixture('anonymous-scripter-console.txt'));
    expect(r.format).toBe('anonymous-scripter-console');
    // anonptc317 got no mail, anonptc611 was not activated, anonptc774's second step failed.
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [2, 'anonptc042', 'Pik4 - chu!:1', 'ptc'],
      [29, 'anonptc508', 'Pik4 - chu!:1', 'ptc'],
      [68, 'anonptc903', 'Pik4 - chu!:1', 'ptc'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a run cut before `Worked!` gives no account, and never the e-mail as a login', async () => {
    const text = 'email prefix is anonptc042\nanonptc042@sharklasers.com : Pik4!chu1 - Oliver Smith - 1987-03-12 - United Kingdom\nFirst request...\nSecond request...\n';
    await expect(readDump(input('run.txt', text))).rejects.toThrow(/no accounts found; read as anonymous-scripter-console/);
  });
});

// The creators found in the stop-43 sweep (issue 14); each fixture's source is in test/fixtures/README.md.
describe("Pokemon-Go-Account-Creator-Bot's PokemonAccounts.txt", () => {
  it('`user:pass` lines with CRLF, two runs appended: passwords of symbols read whole, one starting with `#` no comment', async () => {
    expect(await pairs('account-creator-bot-pokemonaccounts.txt')).toEqual([
      ['wildtiger417', '&Hw3rd&k'],
      ['purplegoose802', 'pVmvNeKm'],
      ['bluepanda331', 'u7$C!xQa'],
      ['redbutterfly115', '#G9*aTYm'],
      ['tinywolf640', '*5ohDP-0'],
      ['orangeduck212', '6B#(ejWC'],
      ['lazyrabbit559', 'rOb4^2fJ'],
    ]);
  });
});

describe("Pikaptcha's pkgocsv output", () => {
  it('`ptc,user,pass` under its auto-verify line, a blank line after each run: a password with `,` and `:` kept whole', async () => {
    const r = await readDump(fixture('pikaptcha-pkgocsv.txt'));
    expect(r.format).toBe('pikaptcha');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([
      ['pkcsv0001', 'Xq7vB2mLp0', 'ptc'],
      ['pkcsv0002', 'Rt5nW8kZc3', 'ptc'],
      ['pkcsv0003', 'Pika,chu:1', 'ptc'],
      ['pkcsv0004', 'Pika,chu:1', 'ptc'],
    ]);
    expect(r.rejected).toEqual([]);
  });
});

describe("PtcAccMaker's accounts.csv and logs_file", () => {
  it('its `ptc,user,Passw0rd!` lines are RocketMap\'s rows', async () => {
    const r = await readDump(fixture('ptcaccmaker-accounts.csv'));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([
      ['h8fjq2', 'Passw0rd!', 'ptc'],
      ['0x9mkd', 'Passw0rd!', 'ptc'],
      ['r4tz7a', 'Passw0rd!', 'ptc'],
    ]);
  });

  it('its log names only the mailboxes it waited on: refused as a log, no login made of an address', async () => {
    await expect(readDump(fixture('ptcaccmaker-logs_file'))).rejects.toThrow(/no accounts found; .*it looks like a log file/);
  });
});

describe("a PTCAccount2 fork's supervisor.txt (RocketMap's options alone, an account a line)", () => {
  it('`-a "ptc" -u "user" -p "pass"`: each line its own account, a quoted blank kept, a password holding `"` refused by its line', async () => {
    const r = await readDump(fixture('ptcaccount2-supervisor.txt'));
    expect(r.format).toBe('rocketmap-command');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [1, 'aldptc01', 'Fz8KqM2xPw', 'ptc'],
      [2, 'aldptc02', 'Jm3RtY9vNc', 'ptc'],
      [3, 'aldptc03', 'my pass 3', 'ptc'],
    ]);
    expect(r.rejected).toEqual([{ line: 4, reason: expect.stringMatching(/quotes leave the values unsure/) }]);
  });

  it('the class: any order, long options, unquoted, Google accounts; a quote glued inside a value is refused, never split', async () => {
    const text = [
      '-u ash1 -p Pik4chu! -a ptc',
      '--auth-service google --username=misty@gmail.com --password="St4r mie"',
      "-a ptc -u brock1 -p 'On1x;x'",
      '-a "ptc" -u "brock2" -p "a"b"c"',
      '-a "ptc" -u "brock3" -p "ab"c',
    ].join('\n');
    const r = await readDump(input('args.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([
      ['ash1', 'Pik4chu!', 'ptc'],
      ['misty@gmail.com', 'St4r mie', 'google'],
      ['brock1', 'On1x;x', 'ptc'],
    ]);
    expect(r.rejected.map((x) => x.line)).toEqual([4, 5]);
  });

  it('a line of usernames alone is still no account (pikapy\'s `-u` list), nor a sentence starting with an option', async () => {
    await expect(readDump(input('args.txt', ' -u trainer1 -u trainer2 -u trainer3'))).rejects.toThrow(/no accounts found/);
    await expect(readDump(input('notes.txt', '-u is the login option, -p the password option\n'))).rejects.toThrow(/no accounts found/);
  });
});

// Command lines holding several accounts (rocketmap-command.ts): Ra5tko/Pokemon-Go-Ban-Check's POGOBan
// (`POGOBan/Options.cs`: `-t`, `-u`, `-p` OptionArrays, `-a` a flag), Snake4life/PHP-PokemonGO_AccountCreator's
// `cli/generatePogoMapCmd.php` (`-u NAME -p PASS` appended with nothing between accounts), shell variables.
describe('command lines holding several accounts', () => {
  const read = async (name: string, text?: string) => {
    const r = await readDump(text === undefined ? fixture(name) : input(name, text));
    return { accounts: r.accounts.map((a) => [a.line, a.provider, a.username, a.password]), rejected: r.rejected.map((x) => [x.line, x.reason]) };
  };
  const refusal = (name: string, text: string) => readDump(input(name, text)).then(() => '', (e: unknown) => (e as Error).message);

  it("POGOBan's `-t Google PTC -u a b -p x y`: lists paired one to one, `-a` the flag it is, a batch file's `%%` one `%`", async () => {
    expect(await read('pogoban-check.bat')).toEqual({
      accounts: [
        [4, 'google', 'kanto.walker@gmail.com', 'Kw7#ferns'],
        [4, 'ptc', 'johtoroam22', 'Jr4!maple'],
        [4, 'ptc', 'hoennpath08', 'Hp2%tides'],
        [5, 'ptc', 'sinnohstep4', 'Ss5!leaves'],
        [5, 'ptc', 'unovarun19', 'Ur8$waves'],
      ],
      rejected: [],
    });
    // Counts that disagree: refused by the line, never one password for all.
    const uneven = await refusal('check.bat', 'POGOBan.exe -t PTC PTC -u ana1x bob2x cid3x -p Pw1!x Pw2!x Pw3!x\nPOGOBan.exe -t PTC -u dan4x eve5x -p Pw4!x\n');
    expect(uneven).toMatch(/line 1: 3 usernames, 3 passwords and 2 providers .* unsure; line 2: 2 usernames, 1 password .* unsure/);
    // cmd.exe's `^` outside quotes escapes the next character (`Pa^&ss` is `Pa&ss`, `^^` one `^`); inside them it is a `^`.
    expect((await read('check.bat', 'POGOBan.exe -t PTC -u ana1x bob2x -p Pa^&ss1 "Pa^&ss2"\nPOGOBan.exe -t PTC -u cid3x -p Pw^^3%%x\n')).accounts).toEqual([
      [1, 'ptc', 'ana1x', 'Pa&ss1'],
      [1, 'ptc', 'bob2x', 'Pa^&ss2'],
      [2, 'ptc', 'cid3x', 'Pw^3%x'],
    ]);
  });

  it("generatePogoMapCmd.php's glued `USER1=\"-u a -p x-u b -p y\"`: each account exact, a password ending in `-u` last kept", async () => {
    expect(await read('generatepogomapcmd-output.txt')).toEqual({
      accounts: [
        [1, 'ptc', 'kalosrun01', 'Kr1ferns22'],
        [1, 'ptc', 'kalosrun03', 'Kr3maple9'],
        [1, 'ptc', 'kalosrun05', 'Kr5tides1'],
        [2, 'ptc', 'kalosrun02', 'Kr2waves5'],
        [2, 'ptc', 'kalosrun04', 'Kr4-u'],
      ],
      rejected: [],
    });
  });

  it('a variable named in the command is read there, its provider the command\'s; a proxy, database or hash key option never', async () => {
    const sh = ['#!/bin/sh', 'ACCOUNTS="-u misty.cerulean@gmail.com -p St4r!mie -u brock.pewter@gmail.com -p On1x!rock"', 'python runserver.py -a google $ACCOUNTS -l "Pewter City" -st 5 -hk 0A1B2C3D4E5F6A7B --db-pass Db!pass99 -pk 5 --proxy http://px1:Px!pw@10.0.0.1:8080 >> map.log 2>&1'].join('\n');
    const r = await read('start.sh', sh);
    expect(r.accounts).toEqual([
      [2, 'google', 'misty.cerulean@gmail.com', 'St4r!mie'],
      [2, 'google', 'brock.pewter@gmail.com', 'On1x!rock'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Db!pass99|Px!pw|0A1B2C3D/);
    // cmd.exe's `set`, named as `%ACCOUNTS%`; RocketMap's own `-u a b -p x y` pairs the same way.
    expect((await read('start.bat', 'set ACCOUNTS=-u ash01x -p Pw1!x\npython runserver.py -a ptc %ACCOUNTS% -l Geneva\n')).accounts).toEqual([[1, 'ptc', 'ash01x', 'Pw1!x']]);
    expect((await read('start.bat', 'python runserver.py -a ptc -u ash01x ash02x -p Pw1!x Pw2!x -l Geneva\n')).accounts).toEqual([[1, 'ptc', 'ash01x', 'Pw1!x'], [1, 'ptc', 'ash02x', 'Pw2!x']]);
    // A variable set to one value, named as the option's (stop 60's survey: a `.bat` of `set USER1=`,
    // `set PASS1=` and `start python runserver.py -u %USER1% -p %PASS1%` lines, refused as placeholders):
    // its value there, in cmd.exe's CRLF file and a shell script's quotes alike; one of two words is no value.
    const bat = '@echo off\r\nset USER1=bat_worker01\r\nset PASS1=Batch!Pw001\r\nset USER2=bat_worker02\r\nset PASS2=Batch Pw002\r\nstart python runserver.py -ns -a ptc -u %USER1% -p %PASS1% -st 5\r\nstart python runserver.py -ns -a ptc -u %USER2% -p %PASS2% -st 5\r\n';
    const batRead = await readDump(input('start-workers.bat', bat));
    expect(batRead.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[6, 'bat_worker01', 'Batch!Pw001']]);
    expect(batRead.rejected.map((l) => l.line)).toEqual([7]);
    expect((await read('run.sh', "U1=ash01x\nP1='Pw1!x y'\nP2='Pw2!x'\npython runserver.py -a ptc -u $U1 -p ${P2} -l Geneva\n")).accounts).toEqual([[4, 'ptc', 'ash01x', 'Pw2!x']]);
    // A variable the file never sets is the shell's at run time, never an account (stop 60: a PowerShell
    // loop's `-u $u -p $p` over its array was imported as the account `$u` / `$p`; so was `%PTCUSER%`).
    for (const [name, text] of [['start.ps1', 'foreach ($acc in $accounts) {\n  $u, $p = $acc.Split(":")\n  Start-Process python -ArgumentList "runserver.py -ns -a ptc -u $u -p $p -st 5"\n}\n'], ['start.bat', 'python runserver.py -a ptc -u %PTCUSER% -p %PTCPASS% -l Paris\n'], ['run.sh', 'python runserver.py -a ptc -u $u -p $p\n']]) {
      expect(await refusal(name!, text!), name).toMatch(/a variable \((?:\$u|%PTCUSER%)\) this file does not set/);
    }
    // A PowerShell loop over the script's own array (`"user:pass"` strings split into `$u, $p`, or hashtables
    // passing `$c.Username`): one run of the command an item, each item's account (stop 60 G2: refused before).
    const ps = await readDump(fixture('rocketmap-launcher.ps1'));
    expect(ps.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [2, 'ptc', 'ashk01', 'Pika!1234'],
      [2, 'ptc', 'misty02', 'Star#5678'],
      [10, 'ptc', 'brock03', 'Onix&Rock9'],
      [11, 'ptc', 'misty04', "It's#5678"],
    ]);
    // A PowerShell loop over hashtables the file does not hold passes `$c.Username` / `$($c.Pass)`: read when it runs, never the account
    // `$c.Username` / `$c.Password` (stop 60 G2: imported as one).
    for (const [arg, shown] of [['-u $c.Username -p $c.Password', '$c.Username'], ['-u $($c.User) -p $($c.Pass) -l x', '$($c.User)']]) {
      const ps1 = `foreach ($c in $Credentials) {\n    & python runserver.py -a ptc ${arg}\n}\n`;
      expect(await refusal('start.ps1', ps1)).toContain(`a variable (${shown}) this file does not set`);
    }
  });

  it("a launcher's console quoting each command it runs (`executing 'python runserver.py ...'`): every account, its provider; a quoted example never", async () => {
    // Stop 60's survey: the spiral launcher over `config/acc.csv` prints each command before it runs it;
    // the quote made the whole command one word, and the file "a letter without accounts".
    const r = await readDump(fixture('spiral-launcher-console.txt'));
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [1, 'ptc', 'marowak_dus1', 'Bone!Club71'],
      [2, 'ptc', 'cubone_dus2', 'Bone#Rang52'],
      [3, 'google', 'spearow.dus3@gmail.com', 'Peck$Drill33'],
    ]);
    expect(await refusal('readme.txt', "Example usage: 'python runserver.py -a ptc -u thunderfox01 -p Thunder!01 -l Paris'\n")).toMatch(/document's example/);
  });

  it("a PowerShell launcher's pipeline, `+=` array and here-string: one command an item; an item PowerShell would pass otherwise refused by its line", async () => {
    // `$accounts | ForEach-Object { ... $($_.Username) ... }` inside `-ArgumentList "... \`"...\`" ..."` (backtick-escaped
    // quotes): the string is the command cmd.exe runs, so a password holding a quote or blank is split again there: refused.
    expect(await read('rocketmap-launcher-pipeline.ps1')).toEqual({
      accounts: [
        [3, 'ptc', 'garylaunch01', 'Eevee!G01'],
        [5, 'ptc', 'garylaunch03', 'Eevee#G03'],
      ],
      rejected: [[4, expect.stringMatching(/blank or a quote into \$\(\$_\.Password\) of a command written as one string/)]],
    });
    // `+=` appends; `-split ':'` without a limit makes `$p` an array where the item holds a second `:` (about_Split).
    expect(await read('rocketmap-launcher-append.ps1')).toEqual({
      accounts: [
        [3, 'ptc', 'ericalaunch01', 'Gloom!E01'],
        [4, 'ptc', 'ericalaunch02', 'Gloom&E02'],
        [6, 'ptc', 'ericalaunch04', 'Gloom E04'],
      ],
      rejected: [[5, expect.stringMatching(/no plain value for \$p \(a second `:` in the item makes \$p an array/)]],
    });
    // A single-quoted here-string split at its newlines, each line trimmed (a CRLF script's `\r` too) and split once; an empty line is no run.
    expect((await read('rocketmap-launcher-herestring.ps1')).accounts).toEqual([
      [2, 'ptc', 'sabrinalaunch01', 'Abra!S01'],
      [3, 'ptc', 'sabrinalaunch02', 'Abra$S02'],
      [5, 'ptc', 'sabrinalaunch03', 'Abra:S03'],
    ]);
    // A double-quoted here-string expands `$`: that line is refused, the others read.
    const expanding = '$list = @"\nash1x:Pw!1\nash2x:Pw$x\n"@\nforeach ($line in $list -split "`n") {\n  $u, $p = $line.Split(":", 2)\n  python runserver.py -a ptc -u $u -p $p\n}\n';
    expect(await read('start.ps1', expanding)).toEqual({ accounts: [[2, 'ptc', 'ash1x', 'Pw!1']], rejected: [[3, expect.stringMatching(/no plain value for \$u/)]] });
    // Each item split into an array the command indexes (`$parts[0]`, `$w.Split(':')[0]`, `($w -split ':')[1]`):
    // on stop 62's main refused as "no plain value for $parts[0]"; an item with a second `:` gives the program a part of its password: refused.
    expect(await read('rocketmap-launcher-split-index.ps1')).toEqual({
      accounts: [
        [2, 'ptc', 'mistylaunch01', 'Staryu!M01'],
        [2, 'ptc', 'mistylaunch02', 'Staryu&M02'],
        [10, 'ptc', 'brocklaunch01', 'Onix!B01'],
      ],
      rejected: [[3, expect.stringMatching(/no plain value for \$\(\$parts\[1\]\) \(a second `:` in the item/)]],
    });
    // Start-Process's `-ArgumentList` as an array (`"runserver.py","-u",$u,...`, `@(...)`, single-quoted items): PowerShell joins
    // the items with blanks into one command line (PowerShell/PowerShell Process.cs: `string.Join(' ', ArgumentList)`), so it is
    // read as the one-string form is, a value with a blank refused; another program's array is no account (stop 63 L: no account read).
    expect(await read('rocketmap-launcher-argument-list.ps1')).toEqual({
      accounts: [
        [2, 'ptc', 'ashargs01', 'Pika!A01'],
        [2, 'ptc', 'ashargs02', 'Pika#A02'],
        [9, 'ptc', 'brockargs04', 'Onix&A04'],
        [15, 'ptc', 'mistyargs05', 'Star!A05'],
      ],
      rejected: [[2, expect.stringMatching(/puts a blank or a quote into \$p of a command written as one string/)]],
    });
    // The array over several lines (one item or a few a line, a `#` comment, a backtick at a line's end): in `@( )` a new line
    // ends an item as a comma does (PowerShell about_Arrays); on stop 64's main its items below the opening line were never
    // read (one refused as a login missing its password). Read as the one-line array; another program's array stays no account.
    const laidOut = '$accounts = @("ashz01:PikaZ!01", "ashz02:PikaZ!02")\nforeach ($acc in $accounts) {\n  $u, $p = $acc.Split(":")\n  Start-Process python -ArgumentList @(\n    "runserver.py",   # RocketMap\n    "-a", "ptc",\n    "-u", $u,\n    "-p", $p `\n  ) -NoNewWindow\n}\n';
    expect(await read('start.ps1', laidOut)).toEqual({ accounts: [[1, 'ptc', 'ashz01', 'PikaZ!01'], [1, 'ptc', 'ashz02', 'PikaZ!02']], rejected: [] });
    expect(await read('start.ps1', "Start-Process python -ArgumentList @(\n  'runserver.py'\n  '-u'\n  'ashz03'\n  # the password\n  '-p'\n  'PikaZ#03'\n)\n")).toEqual({ accounts: [[1, 'ptc', 'ashz03', 'PikaZ#03']], rejected: [] });
    expect(await refusal('start.ps1', 'Start-Process python -ArgumentList @(\n  "runserver.py", "-u", "ashz04",\n  "-p", "Pika Z04"\n)\n')).toMatch(/line 1: an -ArgumentList item holds a blank/);
    expect(await refusal('start.ps1', 'Start-Process mysql -ArgumentList @(\n  "-u", "root",\n  "-p", "Secret1"\n)\n')).toMatch(/no accounts found/);
    // An item written with a blank or an escaped quote is split again by the program: refused by its line, never read as written.
    expect(await refusal('start.ps1', 'Start-Process python -ArgumentList "runserver.py","-u","ashz01","-p","Pika Z01"\n')).toMatch(/line 1: an -ArgumentList item holds a blank, a quote or a backtick escape/);
    // An array no command is given (`$accounts` a Windows script's own logins, as often as a scanner's): no account.
    expect(await refusal('start.ps1', '$accounts=@("ash1x:Pika!1x","ash2x:Pika!2x")\nWrite-Host "starting"\npython runserver.py -l Paris\n')).toMatch(/no accounts found/);
    // A pipeline over a file the script does not hold stays the shell's at run time: the file is named.
    expect(await refusal('start.ps1', 'Import-Csv accounts.csv | ForEach-Object {\n  & python runserver.py -a ptc -u $_.Username -p $_.Password\n}\n')).toMatch(/a variable \(\$_\.Username\) the loop reads from accounts\.csv/);
    expect(await refusal('start.ps1', 'Import-Csv accounts.csv | ForEach-Object {\n  Start-Process python -ArgumentList "runserver.py","-u",$_.Username,"-p",$_.Password\n}\n')).toMatch(/a variable \(\$_\.Username\) the loop reads from accounts\.csv/);
  });

  it('a bash launcher walking its own arrays or here-document: one command an item, each value as bash passes it; an item bash expands refused by its line', async () => {
    // Parallel arrays walked by index (`"${!USERS[@]}"`, `${USERS[$i]}`): a quoted `:` and blank are the
    // password's; `"Pika$L04"` is what bash expands, refused by its item's line (stop 61: `${USERS[$i]}` imported as a login).
    const reason = (r: { rejected: unknown[][] }) => r.rejected.map(([line, why]) => [line, String(why).replace(/ \(.*\)/, '')]);
    const arrays = await read('rocketmap-launch-arrays.sh');
    expect(arrays.accounts).toEqual([
      [4, 'ptc', 'ashlaunch01', 'Pika!L01'],
      [4, 'ptc', 'ashlaunch02', 'Pika:L02'],
      [4, 'ptc', 'ashlaunch03', 'Pika L03'],
    ]);
    expect(reason(arrays)).toEqual([[5, "the loop's item gives no plain value for ${PASSES[$i]}: fix the item by hand"]]);
    // `user:pass` items split by `IFS=: read -r user pass <<< "$acc"` (the last name takes the rest, `:` and all);
    // an unquoted `*` is a file pattern bash matches against the folder it runs in: refused.
    const items = await read('rocketmap-launch-accounts-loop.sh');
    expect(items.accounts).toEqual([
      [4, 'ptc', 'brocklaunch01', 'Onix!R01'],
      [5, 'ptc', 'brocklaunch02', 'Onix:R02'],
    ]);
    expect(items.rejected).toEqual([[6, expect.stringMatching(/no plain value for \$user \(its item holds .*file pattern/)]]);
    // A quoted here-document is read as written (`Star$M02` a password); `read` over it, one command a line.
    expect((await read('rocketmap-launch-heredoc.sh')).accounts).toEqual([
      [6, 'ptc', 'mistylaunch01', 'Star!M01'],
      [7, 'ptc', 'mistylaunch02', 'Star$M02'],
      [8, 'ptc', 'mistylaunch03', 'Star M03'],
    ]);
    // An unquoted here-document expands `$`; a value used unquoted is split at its blank; an index past an array's end is empty.
    const heredoc = 'while IFS=: read -r u p; do\n  python runserver.py -a ptc -u "$u" -p "$p"\ndone <<EOF\nash1x:Pw!1\nash2x:Pw$2\nEOF\n';
    expect(await read('start.sh', heredoc)).toEqual({ accounts: [[4, 'ptc', 'ash1x', 'Pw!1']], rejected: [[5, expect.stringMatching(/no plain value for \$u \(its item holds a `\$`/)]] });
    const unquoted = 'for acc in ash1x:Pw1 "ash2x:Pw 2"; do\n  u=${acc%%:*}\n  p=${acc#*:}\n  python runserver.py -a ptc -u $u -p $p &\ndone\n';
    expect(await read('start.sh', unquoted)).toEqual({ accounts: [[1, 'ptc', 'ash1x', 'Pw1']], rejected: [[1, expect.stringMatching(/no plain value for \$p \(the command uses it unquoted/)]] });
    const short = 'USERS=(ash1x ash2x)\nPASSES=(Pw1)\nfor ((i=0; i<${#USERS[@]}; i++)); do\n  python runserver.py -a ptc -u "${USERS[i]}" -p "${PASSES[i]}"\ndone\n';
    expect(await read('start.sh', short)).toEqual({ accounts: [[1, 'ptc', 'ash1x', 'Pw1']], rejected: [[1, expect.stringMatching(/PASSES has no item 1/)]] });
    // What the script does not hold is the shell's at run time, never an account: a file's lines, a command's
    // output, the script's arguments, an array it never sets, a variable inside a value.
    for (const text of [
      'python runserver.py -a ptc -u "${USERS[$i]}" -p "${PASSES[$i]}"\n',
      'python runserver.py -a ptc -u $1 -p $2\n',
      'for u in ash1x ash2x; do\n  python runserver.py -a ptc -u $u -p "Pw-$SUFFIX"\ndone\n',
    ]) expect(await refusal('start.sh', text), text).toMatch(/no accounts found.*(?:this file does not set|no plain value)/s);
  });

  it("a loop over a file's lines: the refusal names the file the loop reads, to import it itself", async () => {
    // bash's `done < FILE` (3.6.1 Redirecting Input), `cat FILE | while` (3.2.3 Pipelines), `$(cat FILE)`; PowerShell's Get-Content / Import-Csv piped to ForEach-Object.
    const cases: [string, string, string][] = [
      ['start.sh', 'while IFS=: read -r u p; do\n  python runserver.py -a ptc -u "$u" -p "$p" &\ndone < "my accounts.txt"\n', 'my accounts.txt'],
      ['start.sh', 'cat accounts.csv | while IFS=, read -r u p; do\n  python runserver.py -a ptc -u "$u" -p "$p" &\ndone\n', 'accounts.csv'],
      ['start.sh', 'for u in $(cat users.txt); do\n  python runserver.py -a ptc -u "$u" -p Pw1\ndone\n', 'users.txt'],
      ['start.ps1', 'Get-Content .\\accounts.txt | ForEach-Object {\n  $u, $p = $_ -split ":", 2\n  & python runserver.py -a ptc -u $u -p $p\n}\n', '.\\accounts.txt'],
      ['start.ps1', 'Import-Csv accounts.csv | ForEach-Object {\n  & python runserver.py -a ptc -u $_.Username -p $_.Password\n}\n', 'accounts.csv'],
    ];
    for (const [name, text, file] of cases) expect(await refusal(name, text), text).toContain(`the loop reads from ${file}, which this file does not hold: import ${file} itself`);
    // cmd.exe's `for /f` over a file's lines (Microsoft's `for /?`: `%%variable` in a batch program, `tokens=`, `delims=`,
    // `usebackq` for a quoted file name): each token is the loop's at run time. Stop 64 L: `-u %%a -p %%b` was imported as the account `%a` / `%b`.
    const batch: [string, string][] = [
      ['@echo off\r\nfor /f "tokens=1,2 delims=:" %%a in (accounts.txt) do (\r\n  start "" python runserver.py -a ptc -u %%a -p %%b -st 5\r\n)\r\n', 'accounts.txt'],
      ['for /f "usebackq tokens=1,2 delims=," %%U in ("my accounts.csv") do start "RM %%U" python runserver.py -a ptc -u %%U -p %%V\r\n', 'my accounts.csv'],
      ['FOR /F "tokens=1* delims=:" %%i IN (ptc.txt) DO python runserver.py -u %%~i -p "%%j"\r\n', 'ptc.txt'],
    ];
    for (const [text, file] of batch) expect(await refusal('start.bat', text), text).toMatch(new RegExp(`no accounts found.*the loop reads from ${file}, which this file does not hold: import ${file} itself`, 's'));
    // Over a command's output (`in ('type x')`): no file to name, refused all the same.
    expect(await refusal('start.bat', 'for /f "tokens=1,2 delims=:" %%a in (\'type accounts.txt\') do python runserver.py -u %%a -p %%b\r\n')).toMatch(/variable \(%%a\) this file does not set/);
    // A file named by a variable is the shell's at run time: no name to give.
    expect(await refusal('start.sh', 'while IFS=: read -r u p; do\n  python runserver.py -a ptc -u "$u" -p "$p"\ndone < "$HOME/accounts.txt"\n')).toMatch(/this file does not set: the shell fills it in/);
  });

  it('a crontab entry, a supervisord program, a tmux or screen launcher: each command as cron, supervisord or the shell hands it on', async () => {
    // cron (cronie do_command.c): an unescaped `%` ends the command, `\%` is a `%`; a `%` after the options is their input, no harm.
    expect(await read('rocketmap-crontab.txt')).toEqual({
      accounts: [
        [3, 'ptc', 'ashcron01', 'Pika!C01'],
        [4, 'ptc', 'ashcron02', 'Pika%C02'],
        [6, 'ptc', 'ashcron04', 'Pika~C04'],
      ],
      rejected: [[5, expect.stringMatching(/^cron ends the command at a `%`/)]],
    });
    // supervisord (supervisor/options.py): `%%` a `%`, ` ;` a comment; ` #` a comment only since supervisor 4 (here it opens a
    // quote it leaves unclosed); `%(ENV_X)s` is supervisord's environment. shlex splits the rest.
    expect(await read('rocketmap-supervisord.conf')).toEqual({
      accounts: [
        [6, 'ptc', 'ashsup01', 'Pika%S01'],
        [6, 'ptc', 'ashsup02', 'Pika%S01'],
        [20, 'ptc', 'ashsup05', 'Pika S05'],
      ],
      rejected: [
        [12, expect.stringMatching(/supervisor 4 reads ` #`/)],
        [16, expect.stringMatching(/supervisord's %\(ENV_PTC_PASSWORD\)s/)],
      ],
    });
    expect(await refusal('supervisord.conf', '[program:w1]\ncommand=python runserver.py -a ptc -u ash1x -p Pika%S01\n')).toMatch(/no such format: it refuses to start the program/);
    // tmux runs a one-word command with `sh -c`: a double-quoted string is the script's shell's first; typed keys meet an interactive bash's `!`.
    expect(await read('rocketmap-tmux-launch.sh')).toEqual({
      accounts: [
        [4, 'ptc', 'ashtmux01', 'Pika T01'],
        [5, 'ptc', 'ashtmux02', 'Pika!T02'],
        [9, 'ptc', 'ashtmux05', 'Pika&T05'],
      ],
      rejected: [
        [6, expect.stringMatching(/runs in a shell, which expands a `\$`/)],
        [8, expect.stringMatching(/typed into an interactive bash/)],
      ],
    });
    expect(await refusal('start.sh', 'screen -S rm -X stuff "python runserver.py -a ptc -u ash1x -p Pika!x^M"\n')).toMatch(/typed into an interactive bash/);
  });

  it("`docker run -e USERNAME=... -e PASSWORD=...` of rgeyer's image, whose boot.sh maps them into -u and -p; the bare tag another image shares refused", async () => {
    // rgeyer/docker-pokemongo-map data/boot.sh: `-a ${AUTHSERVICE:-ptc} -u "$USERNAME" -p "$PASSWORD"`.
    expect(await read('pokemongo-map-boot-env.sh')).toEqual({
      accounts: [
        [2, 'ptc', 'ashdock01', 'Pika D01'],
        [4, 'google', 'ashdock02', 'Pika$D02'],
      ],
      rejected: [
        [5, expect.stringMatching(/the image pokemongo-map is the tag rgeyer's README builds .* which image ran is unknown here/)],
        [6, expect.stringMatching(/which image ran is unknown here/)],
      ],
    });
    expect(await refusal('run.sh', 'docker run -d -e USERNAME=ashdock05 -e PASSWORD rgeyer/docker-pokemongo-map\n')).toMatch(/passed from the shell running docker/);
    // Another image's USERNAME (a database's, a web app's) is no scanner's account.
    expect(await refusal('run.sh', 'docker run -d -e USERNAME=admin -e PASSWORD=Secret1 postgres:13\n')).toMatch(/no accounts found/);
  });

  it("a batch file with delayed expansion on: a `!` in an account's value is not what cmd.exe passes, refused by its line", async () => {
    // cmd /? and setlocal /?: with EnableDelayedExpansion `!X!` is a variable, a lone `!` dropped (the program got `PikaB01`).
    expect(await read('rocketmap-delayed-expansion.bat')).toEqual({ accounts: [[5, 'ptc', 'ashbat02', 'Pika#B02']], rejected: [[4, expect.stringMatching(/delayed expansion on/)]] });
    // Before the setlocal line, or without it, the `!` is the password's own.
    expect((await read('start.bat', '@echo off\r\nstart python runserver.py -a ptc -u ashbat01 -p Pika!B01\r\nsetlocal EnableDelayedExpansion\r\n')).accounts).toEqual([[2, 'ptc', 'ashbat01', 'Pika!B01']]);
  });

  it("a PM2 ecosystem file's apps: the script and its args as PM2 passes them, no shell; a computed or unsure args refused by its line", async () => {
    // Unitech/pm2 lib/tools/Config.js: an args string split by PM2 itself (quotes around a whole word dropped), an array passed as it is.
    expect(await read('rocketmap-pm2.config.js')).toEqual({
      accounts: [
        [9, 'ptc', 'ashpm01', 'Pika!P01'],
        [17, 'ptc', 'ashpm02', 'Pika P02'],
        [23, 'ptc', 'ashpm03', 'Pika P03'],
      ],
      rejected: [
        [27, expect.stringMatching(/a template filled in when PM2 loads the file/)],
        [33, expect.stringMatching(/PM2 before and since 2026 split this args string into other words/)],
      ],
    });
    // The JSON form, `exec` for `script`; `--password="x"` is passed with its quotes; another program's app is not RocketMap's.
    const json = '{"apps": [{"name": "w1", "exec": "runserver.py", "interpreter": "python", "args": "-a ptc -u ash1x -p Pw!1"},\n{"name": "w2", "script": "runserver.py", "args": "-a ptc --username=ash2x --password=\\"Pw 2\\""}]}\n';
    expect(await read('process.json', json)).toEqual({ accounts: [[1, 'ptc', 'ash1x', 'Pw!1']], rejected: [[2, expect.stringMatching(/with the quotes written around it/)]] });
    expect(await refusal('ecosystem.config.js', "module.exports = { apps: [{ name: 'web', script: 'server.js', args: '-u admin -p Secret1 --port 8080' }] };\n")).toMatch(/no accounts found/);
  });

  it("a readme's example of a tool's command, another program's `-u`/`-p`: no account; a hint's placeholder never a login", async () => {
    // interbiznw/PogoPlayer readme.md; its pogo.js's hint (`node name.js ... -u TRAINER-NAME`, `-u` given twice).
    expect(await refusal('readme.md', 'Example usage: \n\n`node pogo.js -a ptc -u MRokas -p over9001 -l 13.37 -90.01 -n MRokas`\n')).toMatch(/no accounts found/);
    expect(await refusal('readme.txt', 'Example usage:\nnode pogo.js -a ptc -u MRokas -p over9001 -l 13.37 -90.01 -n MRokas\n')).toMatch(/document's example/);
    // Its hint's second `-u` is where name.js takes `-n`, the nickname's placeholder: the account it prints is read, the placeholder never a login.
    expect(await read('run.log', 'Run this to try different name!:\nnode name.js -a ptc -u kantowalk31 -p Kw7#ferns -l 37.79038,-122.240701 -u TRAINER-NAME\n')).toEqual({ accounts: [[2, 'ptc', 'kantowalk31', 'Kw7#ferns']], rejected: [] });
    expect(await refusal('run.log', 'node name.js -a ptc -u TRAINER-NAME -p Kw7#ferns\n')).toMatch(/placeholder/);
    for (const text of ['mysql -u root -p scannerdb < dump.sql\n', 'python server.py -u admin -p 8080\n', 'node app.js -p 8080 -u http://maps.example.com/x -a all\n']) expect(await refusal('run.sh', text)).toMatch(/no accounts found|no reader recognises/);
  });
});

describe('PokemonGo-Account-Generator and PokemonGo-Account-Creator', () => {
  it("dannybess's accounts.txt (`json.dump(username)` after each sign-up, no separator, the password never written) is refused", async () => {
    await expect(readDump(fixture('pokemongo-account-generator-usernames.txt'))).rejects.toThrow(/no reader recognises this content/);
  });

  // coldcue/poketerkep-user-config-creator `index.js`: `console.log(JSON.stringify(users))` of
  // `{userName, usedBy: null, isBanned: false}` before uploading them to its DynamoDB table.
  it("poketerkep's user list (logins, `usedBy`, `isBanned`, no password) is refused, each row named", async () => {
    await expect(readDump(fixture('poketerkep-users.json'))).rejects.toThrow(/no accounts found; read as json.*missing password/);
  });

  it("yannbertrand's input accounts.txt (`username:password:email`, split on `:`): the account, never the alias address", async () => {
    expect(await pairs('pokemongo-account-creator-input.txt')).toEqual([
      ['pogoalias01', 'Sq!rtle01'],
      ['pogoalias02', 'Bulb4saur'],
    ]);
  });
});

describe("PTC-Creator's `<domain>.txt`", () => {
  it('one file for both its formats: a run with "RocketMap format" ticked appends `ptc,user,pass` under the `user:pass` lines; refused as unsure, naming the way through, which reads it exactly', async () => {
    await expect(readDump(fixture('ptc-creator-mail.example.txt'))).rejects.toThrow(/unsure what this is: .*choose with --format rocketmap or --format plain/);
    const r = await readDump(fixture('ptc-creator-mail.example.txt'), { format: 'plain' });
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['JaSmiNe9482716', 'qwzKRT482$?%'],
      ['mArCuS32817465', 'bnyHAQ907{}/'],
      ['EvELyN59302148', 'xcaMPL316*-+'],
      ['oScaR908126345', 'hjtUWE554_&='],
    ]);
    expect(r.rejected).toEqual([]);
  });
});

describe("KinanCity-Resend's accounts without an activation mail (`username;email;password`)", () => {
  // Kneckter/KinanCity-Resend `resender.py` prints `username+";"+email+";"+password` (its own heading
  // says `#username;password;email`). Stop 62's survey (G): the password was read as `email;password`.
  it('reads the password after the login\'s own address (`x+login@`, `login@`), in a `;`, `,`, `|` or `:` list', async () => {
    expect(await pairs('kinancity-resend-missing.txt')).toEqual([
      ['kinanre901', 'Tt7$uu8v'],
      ['kinanre902', 'Ww9%xx0y'],
    ]);
    for (const sep of [',', '|', ':']) {
      expect(await pairs('missing.txt', `kin1${sep}kin1@mail.example${sep}Kc!pass01\nkin2${sep}me+kin2@gmail.com${sep}Kc!pass02\n`), sep).toEqual([
        ['kin1', 'Kc!pass01'],
        ['kin2', 'Kc!pass02'],
      ]);
    }
  });

  it('an address not made of the first field leaves the login unsure: refused by its line, never `address;password` as the password', async () => {
    const read = readDump(input('missing.txt', 'Wren;robin_m01@mail.example;Sk7!lark11\nkin2;me+kin2@gmail.com;Kc!pass02\n'));
    const r = await read;
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['kin2', 'Kc!pass02']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[1, expect.stringMatching(/opens with an e-mail address and `;`.*--columns user,email,pass/)]]);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Sk7/);
  });

  it('its whole console (stop 63 L): the lines under its heading, the password everything after the second `;`; its counts, tqdm\'s bar and a 403 read past', async () => {
    // Stop 62 (G) left it refused whole ("unsure this is an account dump": its counts read as statistics).
    const r = await readDump(fixture('kinancity-resend-console.txt'));
    expect(r.format).toBe('kinancity-console');
    expect(r.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [4, 'ptc', 'kinanre903', 'Qq3#rr4s'],
      [5, 'ptc', 'kinanre904', 'Zz5;aa6b'],
    ]);
    expect(r.rejected).toEqual([]);
    // `Lines in return data: 3` over two lines: one lost in the copy: none imported, the count named.
    const text = fixture('kinancity-resend-console.txt').text.replace('Lines in return data: 2', 'Lines in return data: 3');
    await expect(readDump(input('resend.txt', text))).rejects.toThrow(/resender\.py says 3 accounts were not found in links \(line 6\), 2 lines stand under its heading/);
    // A line it never prints among them: refused by its line, naming it; the others read.
    const odd = await readDump(input('resend.txt', text.replace('Lines in return data: 3', 'Lines in return data: 2').replace('Lines in links data: 3\n', 'Lines in links data: 3\nsee below\n')));
    expect(odd.accounts.map((a) => a.username)).toEqual(['kinanre903', 'kinanre904']);
    expect(odd.rejected.map((x) => [x.line, x.reason])).toEqual([[3, expect.stringMatching(/does not print/)]]);
    expect(JSON.stringify(odd.rejected)).not.toMatch(/Qq3|Zz5/);
  });
});
