// Stop 52's held-out day: files committed to public repositories (the rows of test/fixtures/README.md
// name each repository, path and commit), imported blind as a new user would. Each of these was
// a miss: templates' placeholders and a geofence template imported as accounts, a generated
// blank-separated list losing its digitless lines.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

/** The error a read ends in, or the accounts it gave. */
const outcome = (file: string, text?: string) =>
  readDump(text === undefined ? fixture(file) : input(file, text)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), message: '' }),
    (e: unknown) => ({ accounts: [], message: (e as Error).message }),
  );

describe("templates' placeholders are never accounts, whichever reader reads them", () => {
  it.each([
    // RocketMap `accounts/accounts.csv.example` (dummy-102/RocketMap-May2017): read by the rocketmap reader.
    ['rocketmap-accounts.csv.example', [1, 2]],
    // PokemonGo-Map `config/config.example.yml` (DeirhX/PokemonGo-Map): read by the openpogobot reader.
    ['pokemongo-map-config.example.yml', [2]],
    // Ashex/pokemongo-map-docker README.md: `UserName`/`Password`, `${UserName}`, `[user1, user2]` (rocketmap-command).
    ['pokemongo-map-docker-README.md', []],
    // giubil/Pokemongo-bot-scripts `pokemongobot-multi/config.json.templ.map` (stop 53): its script puts each account in place of `TEMPL_USERNAME`.
    ['pokemongo-bot-config.json.templ.map', [3]],
  ] as const)('%s: no accounts, the placeholders refused by their lines', async (file, lines) => {
    const { accounts, message } = await outcome(file);
    expect(accounts).toEqual([]);
    expect(message).toContain('no accounts found');
    expect(message).toContain("the example's placeholder, not an account");
    for (const line of lines) expect(message).toMatch(new RegExp(`line ${line}: the example's placeholder`));
    expect(message).not.toMatch(/MySuperStrongPassword|password1|Password\b(?!s)/);
  });

  it('the same rows in a plain list, a blank list and a shell line: refused there too; a real login like them is read', async () => {
    // The plain list's one-scan road (plain-pairs.ts) must not take what the store's rule refuses.
    // ultrafunkamsterdam/PokeLevel README.md's accountsfile.csv rows: the template's login at a mail host too.
    // Aery9527/d2r-multiboxing accounts.csv, byte-exact: a header, then the template's `your-account1@example.com,your-password-here`.
    const D2R = 'Email,Password,DisplayName\nyour-account1@example.com,your-password-here,主帳號-法師\nyour-account2@example.com,your-password-here,副帳號-野蠻人\n';
    const pokeLevel = 'ptc,username,password,Y\nptc,username2,password,Y\ngoogle,username@gmail.com,password,Y\n';
    for (const [name, text] of [['a.txt', 'username1:password1\nusername2:password2\n'], ['b.txt', 'user1 pass1\nuser2 pass2\n'], ['c.sh', 'python runserver.py -a ptc -u ${PTC_USER} -p ${PTC_PASS}\n'], ['accountsfile.csv', pokeLevel], ['d2r.csv', D2R]]) {
      const { accounts, message } = await outcome(name!, text);
      expect(accounts, name).toEqual([]);
      // A shell's variable the file never sets (stop 60): refused as one, whatever its name.
      expect(message, name).toContain(name === 'c.sh' ? 'is a variable (${PTC_USER}) this file does not set' : "the example's placeholder, not an account");
    }
    // Logins that only start like them, and `$` inside a real password, stay accounts.
    const { accounts } = await outcome('d.txt', 'username1x:password1\nuser2:Pw$ecret9\nlogin7:${notavar\nyourfriend99:yourpass77\n');
    expect(accounts).toEqual([[1, 'username1x', 'password1'], [2, 'user2', 'Pw$ecret9'], [3, 'login7', '${notavar'], [4, 'yourfriend99', 'yourpass77']]);
  });

  it("a script's substitution tokens (`TEMPL_USERNAME`, `%Password%`, `$1`) are refused by every road; real logins with `_`, `$` or capitals stay", async () => {
    // Stop 53's survey: giubil's template imported `TEMPL_USERNAME` as an account; a batch file's
    // `%Username%`, a shell's `$1` and `$PTC_PASS` name the field, never hold its value. Each row alone,
    // and rows a list's one-scan road (plain-pairs.ts) takes: a digit in both fields.
    const rows = ['TEMPL_USERNAME:TEMPL_PASSWORD', 'PTC_USER1:PTC_PASS1', '%Username%:%Password%', 'ash01:%Password%', 'ash77:$1', 'ash77:$PTC_PASS'];
    for (const row of rows) {
      const { accounts, message } = await outcome('t.txt', `${row}\n`);
      expect(accounts, row).toEqual([]);
      expect(message, row).toContain("the example's placeholder, not an account");
    }
    const { accounts } = await outcome('real.txt', 'ash_k3tch01:Pika_chu1\nash77:$Money1\nMr_Smith99:SUPER_DUPER1\nmisty02:Pw%25ok\n');
    expect(accounts).toEqual([[1, 'ash_k3tch01', 'Pika_chu1'], [2, 'ash77', '$Money1'], [3, 'Mr_Smith99', 'SUPER_DUPER1'], [4, 'misty02', 'Pw%25ok']]);
  });
});

describe('a geofence template (RocketMap geofences/*.txt.example)', () => {
  it('is refused as a geofence file, its `lat11, lng11` corners never accounts', async () => {
    const { accounts, message } = await outcome('rocketmap-geofences.txt.example');
    expect(accounts).toEqual([]);
    expect(message).toContain('it looks like a geofence file (area names and their coordinates)');
  });

  it('a list whose lines only look so is still read: `lat11,lng11` lines without an area name are no template', async () => {
    const { accounts } = await outcome('pairs.csv', 'lat11,Lng11pw!\nlat12,Lng12pw!\n');
    expect(accounts).toEqual([[1, 'lat11', 'Lng11pw!'], [2, 'lat12', 'Lng12pw!']]);
  });
});

describe("a blank-separated list (DeirhX/PokemonGo-Map accounts.txt, its logins_to_db.py's `line.split(' ')`)", () => {
  it('imports every line, the digitless pairs too, with the right passwords', async () => {
    const text = fixture('pokemongo-map-accounts.txt').text;
    const expected = text.trimEnd().split('\n').map((l, i) => [i + 1, ...l.split(' ')]);
    const { accounts, message } = await outcome('pokemongo-map-accounts.txt');
    expect(message).toBe('');
    expect(accounts).toEqual(expected);
    expect(accounts.filter((a) => !/\d/.test(`${a[1]}${a[2]}`)).length).toBe(5);
  });

  it('a sentence under such a list stays prose, and two digitless lines alone are still no list', async () => {
    const list = fixture('pokemongo-map-accounts.txt').text;
    const { accounts, message } = await outcome('signed.txt', `${list}Thanks everyone!\n`);
    expect(message).toBe('');
    expect(accounts.length).toBe(24);
    const few = await outcome('note.txt', 'see attached\nbest regards\n');
    expect(few.accounts).toEqual([]);
  });
});

describe("PokemonGo-Map's first config.ini (AHAAAAAAA/PokemonGo-Map, July 2016; stop 53)", () => {
  it('the file as published, Username and Password empty, is refused as holding no account; a database section is never an account', async () => {
    const template = fixture('pokemongo-map-config-2016-07.ini').text.replace('kantoscan07', '').replace('Pidg3y!Fly ;my scan login', '');
    const empty = await outcome('config.ini', template);
    expect(empty.accounts).toEqual([]);
    expect(empty.message).toContain('Username and Password empty, as published: no account');
    // ServePeak/PokemonGo-Map's later config.ini: no [Authentication], a [MySQL] login among API keys.
    const db = await outcome('config.ini', '[Web]\nHost: 0.0.0.0\n\n[MySQL]\nDatabase: nyc\nUsername: root\nPassword: Db0nly!pw\nHost: localhost\n\n[API_Keys]\ngoogle: AIzaSyDummyDummyDummyDummyDummyDummy12\n');
    expect(db.accounts).toEqual([]);
    expect(db.message).not.toContain('Db0nly');
  });

  it("a `;` in a value is cut as Python 2's ConfigParser cuts it: only the first one, only after a blank", async () => {
    const ini = (password: string) => `[Authentication]\nService: ptc\nUsername: kantoscan08\nPassword: ${password}\n`;
    expect((await outcome('config.ini', ini('Pid;g3y ;Fly'))).accounts).toEqual([[3, 'kantoscan08', 'Pid;g3y ;Fly']]);
    expect((await outcome('config.ini', ini('Pidg3y!Fly ;my scan login'))).accounts).toEqual([[3, 'kantoscan08', 'Pidg3y!Fly']]);
  });
});

describe("a pasted config's login blanked out or named by its field (stop 54's survey: configs operators pasted into issues)", () => {
  // Each was imported as an account before: `xx`, `xx@gmail.com`, `test@gmail.com` over `password`,
  // `sample` over `password`, `ptc-account` over `ptc-password`, `google.user1` over `pass1`.
  it.each([
    // PokemonGoF/PokemonGo-Bot#784 and #1398: the config.json as pasted, login and password overwritten with `xx`.
    ['config.json', '{\n    "auth_service": "ptc",\n    "username": "xx",\n    "password": "xx",\n    "location": "Canada, Montreal",\n    "gmapkey": "AGMAPAPIKEY",\n    "max_steps": 5\n}\n'],
    ['config-account.json', '{\n    "auth_service": "google",\n    "username": "xx@gmail.com",\n    "password": "xx",\n    "location": "xx",\n    "gmapkey": "xx",\n    "max_steps": 5\n}\n'],
    // BoBeR182/PoGoBoWo#72: the accounts list of its config.json, `test@gmail.com` / `password` and `username` / `pass`.
    ['pogobowo.json', '{"accounts" :\n    [{\n        "auth_service": "google",\n        "username": "test@gmail.com",\n        "password": "password",\n        "location": "Irvine, CA"\n    },\n    {  "auth_service": "ptc",\n        "username": "username",\n        "password": "pass",\n        "location": "Central Park, NY"\n    }]\n}\n'],
    // vincent815/pokemogobotbot `Config/auth.json`: NecroBot's auth file with `sample` / `password`.
    ['auth.json', '{\n  "AuthType": "google",\n  "GoogleRefreshToken": "",\n  "GoogleUsername": "sample",\n  "GooglePassword": "password",\n  "PtcUsername": null,\n  "PtcPassword": null\n}\n'],
    // ahmed-machine/PokemonGo-Map#3078: a config.ini asked about, each value the field's name.
    ['config.ini', '# Google\nauth-service=google\nusername=google-account@gmail.com\npassword=google-password\n# Pokemon Trainer Club\nauth-service=ptc\nusername=ptc-account\npassword=ptc-password\n'],
    // RocketMap/RocketMap#1284: the accounts.csv pasted, `google.user1` (a `.` typed for the `,`) over `pass1`.
    ['accounts.csv', 'google.user1,pass1\ngoogle,user2,pass2\ngoogle,user3,pass3\n'],
    // Stop 57's survey. RocketMap/RocketMap#381: the config.ini lines shown, `foo1`...`foo10` over `foobar`, in both forms.
    ['381.ini', '#auth-service:          # ptc (default) or google\nusername: [foo1, foo2, foo3, foo4, foo5, foo6, foo7, foo8, foo9, foo10]\npassword: foobar\n'],
    ['381-lists.ini', 'auth-service: [ptc, ptc, ptc]\nusername: [foo1, foo2, foo3]\npassword: [foobar, foobar, foobar]\n'],
    // ahmed-machine/PokemonGo-Map#3175: the account.csv an answer shows, its second row ending with the `,` typed after it.
    ['account.csv', 'username1,password1\nusername2,password2,\n'],
    // A shop bot's README showing its delivery message's template (written by us in that shape): `{username}`, `{password}`.
    ['README.md', '# AutoDeliver bot\n\nDelivery message template (`delivery.txt`):\n\n```\nThank you for your order {order_id}!\nUsername: {username}\nPassword: {password}\nLevel: {level}\n```\n'],
  ] as const)('%s: no account, the stand-in refused on its line', async (file, text) => {
    const { accounts, message } = await outcome(file, text);
    expect(accounts).toEqual([]);
    expect(message).toContain("the example's placeholder, not an account");
  });

  it('the same stand-ins in a plain list are refused by its one-scan road too; logins that only start like them are read', async () => {
    // favll/pogom#135: a template's numbered rows typed glued on one line (`Username1:password1Username2:password2...`).
    for (const row of ['test1:password1', 'sample2:pass2', 'my-user1:my-pass1', 'demo3:pw3', 'ash01:xxxx', 'ash01:ptc-password1', 'Username1:password1Username2:password2...', 'user1:pass1user2:pass2user3:pass3', 'Username1,password1Username2,password2', 'foo1:foobar1', 'bar2:baz2', 'hoge1:piyo1', 'user3:foobar', 'ash01:{password}', 'ash01:<password>', 'ash01:{{ password }}']) {
      const { accounts, message } = await outcome('t.txt', `${row}\n`);
      expect(accounts, row).toEqual([]);
      expect(message, row).toContain("the example's placeholder, not an account");
    }
    const { accounts } = await outcome('real.txt', 'testarossa77:Secret1\nxander01:xx9Pw\ndemo_lover9:Pw1q\nmy_pika01:Pw9q\nsampler5:Pass-2wd\nash02:new-pw\ntest.user@gmail.com:Xk39fj!aQ\nptc_user42:Zq8!rT5w\ndemo.login@gmail.com:Pz93!kdW\nacc1:pw-acc1\nuser7:pass1Quartz\nuser8:pass1user2:Secret9\nfoo7:Zq8!rT5w\nfootball12:foobar12\nbarry01:foobar\n');
    expect(accounts).toEqual([[1, 'testarossa77', 'Secret1'], [2, 'xander01', 'xx9Pw'], [3, 'demo_lover9', 'Pw1q'], [4, 'my_pika01', 'Pw9q'], [5, 'sampler5', 'Pass-2wd'], [6, 'ash02', 'new-pw'], [7, 'test.user@gmail.com', 'Xk39fj!aQ'], [8, 'ptc_user42', 'Zq8!rT5w'], [9, 'demo.login@gmail.com', 'Pz93!kdW'], [10, 'acc1', 'pw-acc1'], [11, 'user7', 'pass1Quartz'], [12, 'user8', 'pass1user2:Secret9'], [13, 'foo7', 'Zq8!rT5w'], [14, 'football12', 'foobar12'], [15, 'barry01', 'foobar']]);
  });
});

describe("RocketMap's docs/extras/multi-account.md (in every RocketMap fork: voxx/PokemonGo-Map 9712ef1; stop 54)", () => {
  it("its `Example:` commands are a document's, no account; no other reader is offered for its config.ini and CSV blocks", async () => {
    const page = [
      '# Using Multiple Accounts', '', '## Using Command Line Arguments:', '',
      'Example: `python runserver.py -a ptc -u thunderfox01 -u thunderfox02 -p thunderfox01 -p thunderfox02`', '',
      'Example: `python runserver.py -a ptc -a ptc -a google -u thunderfox01 -u thunderfox02 -u thunderfox03@gmail.com -p thunderfox01 -p thunderfox02 -p thunderfox03`', '',
      '## Using config.ini', '', 'Example: ', '```', 'auth-service: ptc', 'username: [thunderfox01, thunderfox02]', 'password: [password01, password02]', '```', '',
      'CSV File Example:', '```', 'ptc,thunderfox01,password01', 'google,thunderfox02@gmail.com,password02', '```', '',
    ].join('\n');
    const { accounts, message } = await outcome('multi-account.md', page);
    expect(accounts).toEqual([]);
    expect(message).toMatch(/line 5: a document's example of the command/);
    expect(message).not.toContain('--format');
  });

  it("an operator's own start line is read, whatever its folder is called", async () => {
    for (const line of ['my start line: python runserver.py -a ptc -u ash01 -p Secret1 -l "NYC"', 'cd /opt/example && python runserver.py -a ptc -u ash01 -p Secret1']) {
      const { accounts } = await outcome('start.sh', `${line}\n`);
      expect(accounts, line).toEqual([[1, 'ash01', 'Secret1']]);
    }
  });
});

describe("a config's logins its reader does not read are read as the fork reads them, or named (stop 54's survey: estebanstateside/PokemonGo-Map's config.ini)", () => {
  it("the fork's `Locations : {JSON}` logins are read as its runserver.py reads them, each at its line; web-map users and an empty database login never", async () => {
    const r = await readDump(fixture('pokemongo-map-fork-locations.ini'));
    const text = fixture('pokemongo-map-fork-locations.ini').text.split('\n');
    const expected = [[6, 'kantomain01', 'Main!Scan01'], ...text.flatMap((l, i) => (/"username"/.test(l) ? [[i + 1, /: "(.*)"/.exec(l)![1], /: "(.*)"/.exec(text[i + 1]!)![1]]] : []))];
    expect(expected.length).toBe(8);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual(expected);
    expect(r.accounts.every((a) => a.provider === 'ptc')).toBe(true);
    expect(r.notes ?? []).toEqual([]);
    // [Authentication] left empty beside Locations (the fork's threads log in with Locations' logins): the 7 are read, no "as published".
    const blank = fixture('pokemongo-map-fork-locations.ini').text.replace('Username: kantomain01', 'Username:').replace('Password: Main!Scan01', 'Password:');
    expect((await outcome('config.ini', blank)).accounts.map((a) => a[1])).toEqual(expected.slice(1).map((a) => a[1]));
    // A Locations value json.loads would fail on: refused by its line, the [Authentication] login still read.
    const broken = await outcome('config.ini', fixture('pokemongo-map-fork-locations.ini').text.replace('"location" : "40.7001,-74.0122"}', '"location" : "40.7001,-74.0122"},,'));
    expect(broken.accounts).toEqual([[6, 'kantomain01', 'Main!Scan01']]);
  });

  it.each([
    // A second block beside the one the program reads, in each config reader's own syntax.
    ['config.ini', '[Authentication]\nService: ptc\nUsername: kantoscan08\nPassword: Pidg3y!Fly\n\n[Spare]\nUsername: kantoscan09\nPassword: Spare!Pw09\n\n[MySQL]\nUsername: root\nPassword: Db0nly!pw\n', 'kantoscan08', 'lines 7-8', 'Spare!Pw09'],
    ['config.json', '{\n  "auth_service": "ptc",\n  "username": "ashbot01",\n  "password": "Pika!Pw01",\n  "location": "40.7,-74.0",\n  "gmapkey": "AIzaSyDummy",\n  "backup": {\n    "username": "ashbot02",\n    "password": "Pika!Pw02"\n  },\n  "proxy_settings": {\n    "username": "proxyuser7",\n    "password": "Squid!Pass7"\n  }\n}\n', 'ashbot01', 'lines 8-9', 'Pika!Pw02'],
    ['config.properties', 'username=ashjab01\npassword=Jab!Pw01\nlatitude=40.7\nlongitude=-74.0\nspare_username=ashjab02\nspare_password=Jab!Pw02\ndb_user=root\ndb_pass=Db0nly!pw\n', 'ashjab01', 'lines 5-6', 'Jab!Pw02'],
    ['auth.json', '{\n  "AuthType": "ptc",\n  "PtcUsername": "necro01",\n  "PtcPassword": "Necro!Pw1",\n  "GoogleUsername": "necro02@gmail.com",\n  "GooglePassword": "Necro!Pw2"\n}\n', 'necro01', 'lines 5-6', 'Necro!Pw2'],
  ] as const)('%s: a login/password pair its reader leaves is named by its lines and keys, its password never; a database or proxy login is not', async (file, text, read, lines, password) => {
    const r = await readDump(input(file, text));
    expect(r.accounts.map((a) => a.username)).toEqual([read]);
    expect(r.notes?.length).toBe(1);
    expect(r.notes![0]).toMatch(new RegExp(`^not read: 1 login/password pair \\(\\w+/\\w+\\) outside what ${r.format} reads, ${lines}:`));
    expect(r.notes![0]).not.toContain(password);
  });

  it('a config whose one login is refused names the pairs it left in its refusal', async () => {
    const { accounts, message } = await outcome('config.ini', '[Authentication]\nService: ptc\nUsername: kantoscan08\nPassword:\n\n[Spare]\nUsername: kantoscan09\nPassword: Spare!Pw09\n');
    expect(accounts).toEqual([]);
    expect(message).toContain('no accounts found');
    expect(message).toContain('not read: 1 login/password pair (Username/Password) outside what pokemongo-map-ini reads, lines 7-8');
    expect(message).not.toContain('Spare!Pw09');
  });

  // One list of services' words with the letters' headings (src/formats/other-services.ts, stop 55): a
  // host's, a panel's or a database's login in a bot's settings is left unsaid, never offered as an account.
  it('a pair under a hosting, panel, remote-desktop or database key the headings knew is not named as an account left', async () => {
    for (const word of ['mariadb', 'mssql', 'sqlite', 'phpmyadmin', 'adminer', 'sftp', 'ftps', 'rdp', 'vnc', 'vps', 'cpanel', 'plesk', 'whm', 'webmin', 'directadmin', 'wordpress', 'wp', 'hosting', 'webhost', 'proxies']) {
      const r = await readDump(input('config.properties', `username=ashjab01\npassword=Jab!Pw01\nlatitude=40.7\nlongitude=-74.0\n${word}_user=svcuser\n${word}_pass=Svc!Pw99\n`));
      expect(r.accounts.map((a) => a.username), word).toEqual(['ashjab01']);
      expect(r.notes ?? [], word).toEqual([]);
    }
  });
});
