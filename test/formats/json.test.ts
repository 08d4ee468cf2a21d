import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { fixture, input } from './helpers.js';
import { PYTHON_MAX_CHARS, pythonMembers } from '../../src/formats/login-map-python.js';

describe('json documents', () => {
  it('reads a pretty-printed list of account objects, each with the line it starts on', async () => {
    const text = `[
  {
    "username": "sinnoh_dawn",
    "password": "p{i[p\\"l}up]",
    "level": 30,
    "provider": "ptc"
  },
  { "username": "sinnoh_barry", "level": 31 },
  {
    "username": "sinnoh_lucas",
    "password": "Turtw1g"
  }
]
`;
    expect(detectFormat(input('generated.json', text))?.name).toBe('json');
    const r = await readDump(input('generated.json', text));
    expect(r.format).toBe('json');
    expect(r.accounts).toEqual([
      { username: 'sinnoh_dawn', password: 'p{i[p"l}up]', line: 2, level: 30, provider: 'ptc' },
      { username: 'sinnoh_lucas', password: 'Turtw1g', line: 9 },
    ]);
    expect(r.rejected).toEqual([{ line: 8, reason: 'missing password' }]);
  });

  it('reads the one list of accounts inside an object, beside other fields', async () => {
    const text = JSON.stringify({ generator: 'PTC creator', created: '2026-11-02', accounts: [{ username: 'unova_hilda', password: 'Sn1vy!' }] }, null, 2);
    const r = await readDump(input('batch.json', text));
    expect(r.accounts).toEqual([{ username: 'unova_hilda', password: 'Sn1vy!', line: 5 }]);
  });

  it("a program's settings with its `Accounts` a section in (an ASP.NET Core appsettings.json): those accounts, their `AuthType`, no database's login", async () => {
    // Stop 55's survey: refused as "holds no list of account objects", three accounts lost. The
    // `Database` section's `Accounts` is another service's and never read; a second list of
    // scanner accounts elsewhere would make the file unsure (refused, as two lists at the top are).
    const r = await readDump(fixture('dotnet-appsettings-accounts.json'));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider ?? 'ptc'])).toEqual([
      [19, 'galar_hop01', 'Wool00!x', 'ptc'],
      [20, 'galar_hop02', 'Scorb!n2', 'ptc'],
      [21, 'galar.hop03@gmail.com', 'Sobble#3', 'google'],
    ]);
    const two = JSON.stringify({ Scanner: { Accounts: [{ Username: 'ash_a1', Password: 'Pw!a1' }] }, Workers: { Accounts: [{ Username: 'ash_b1', Password: 'Pw!b1' }] } });
    await expect(readDump(input('two.json', two))).rejects.toThrow();
    // Under a section naming no game, only objects naming a game provider are accounts.
    const provider = JSON.stringify({ Settings: { Accounts: [{ AuthType: 'Ptc', Username: 'ash_c1', Password: 'Pw!c1xx' }] } });
    expect((await readDump(input('provider.json', provider))).accounts.map((a) => a.username)).toEqual(['ash_c1']);
  });

  it("another program's `Accounts` a section or two in (a Steam trade bot's, a chat bot's, a mail server's) is no game account", async () => {
    // Stop 55's review: each was imported as game accounts, junk in the pool.
    const files = {
      'steam.json': { Logging: { Level: 'Info' }, SteamBot: { Accounts: [{ Username: 'tradebot01', Password: 'Hunter2!x', SharedSecret: 'abc=' }] } },
      'chatbot.json': { Bot: { Prefix: '!', Accounts: [{ Username: 'modbot', Password: 'Secr3t!aa' }] } },
      'mailserver.json': { Server: { Hostname: 'mx.example.org', Mailboxes: { Accounts: [{ Username: 'info@example.org', Password: 'Mailpw!23' }] } } },
      'identity.json': { Identity: { Users: { Accounts: [{ Username: 'alice', Password: 'Alice!pw1', Role: 'Admin' }] } } },
      'database.json': { Scanner: { Database: { Accounts: [{ Username: 'sa_reader', Password: 'DbRead!9' }] } } },
    };
    for (const [name, value] of Object.entries(files)) {
      const read = await readDump(input(name, JSON.stringify(value, null, 2))).catch((e: unknown) => e);
      expect(read instanceof DumpError ? [] : (read as { accounts: unknown[] }).accounts, name).toEqual([]);
    }
  });

  // Stop 55 G2: the same class in YAML and PHP, refused before ("refusals, not junk", stop 55 G).
  // An Ansible vars file's `rocketmap_workers[].accounts[]` and a PHP panel's `'accounts' => [[...]]`
  // are read by each mapping's username line; a value the file does not hold (a vault's `{{ }}`,
  // `getenv()`) is refused by its line; lists under another service's key (`mysql_accounts`,
  // `'mail' => ['accounts' => ...]`) never. Junk side: a web server's `accounts:` users and an
  // API's test logins in a Laravel route, both naming no game, stay refused.
  it("an account list inside another program's settings (Ansible vars, a PHP array): read where the game is named, another service's never", async () => {
    const yml = await readDump(fixture('ansible-rocketmap-group-vars.yml'));
    expect(yml.format).toBe('settings-accounts');
    expect(yml.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [12, 'ptc', 'ansi_pt01', 'Tr4!nerA'],
      [13, 'ptc', 'ansi_pt02', "Tr4!ner'B"],
      [18, 'google', 'ansi.g03@gmail.com', 'G00g!eC'],
    ]);
    expect(yml.rejected.map((r) => [r.line, r.reason])).toEqual([[21, expect.stringContaining('a vault or a template expression')]]);
    const php = await readDump(fixture('php-map-config.php'));
    expect(php.accounts.map((a) => [a.line, a.provider, a.username, a.password])).toEqual([
      [11, 'ptc', 'php_ptc01', 'Ph!p4ss1'],
      [12, 'ptc', 'php_ptc02', 'Ph!p4ss$2'],
      [13, 'google', 'php.g03@gmail.com', "It's3!g"],
    ]);
    expect(php.rejected.map((r) => [r.line, r.reason])).toEqual([[14, expect.stringContaining('a PHP expression')]]);
    expect(JSON.stringify([yml, php])).not.toMatch(/Dbp4ss|Db!p4ss|M4il|pokeadmin/);
    for (const junk of ['ansible-server-accounts.yml', 'php-test-accounts-route.php']) {
      const error = await readDump(fixture(junk)).then((r) => r.accounts.map((a) => a.username).join(), (e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).not.toMatch(/Depl0y|B4ckup|Secr3t|password123/);
    }
  });

  it('refuses broken JSON naming the line, never quoting it', async () => {
    const text = '[\n  {"username": "kalos_serena", "password": "Fenn3kin"},\n  {"username": "kalos_calem", "password": "Froak1e"\n]\n';
    const error = await readDump(input('broken.json', text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DumpError);
    // The line and column, what is wrong there, and the way through (json-error.ts), quoting nothing.
    expect((error as DumpError).message).toBe('broken.json:4: is not valid JSON at column 1: a `,` or `}` expected after a member (fix it there)');
    expect((error as DumpError).line).toBe(4);
    expect(String((error as DumpError).message)).not.toMatch(/Froak1e|Fenn3kin/);
    // Node 20's message for a trailing comma gives no position at all: the scan finds it.
    const trailing = '{\n  "accounts": [\n    {"username": "kalos_serena", "password": "Fenn3kin"},\n  ]\n}\n';
    await expect(readDump(input('trailing.json', trailing))).rejects.toThrow(/^trailing\.json:4: is not valid JSON at column 3: a comma before `\]`: JSON allows none after the last item \(fix it there\)$/);
    // A file opening as JSON that no JSON reader claims (its keys no account's, its first line no `{` alone):
    // read as lines and refused as code or data, now with where it breaks as JSON.
    // (Its last key bare: no Python either, whose dict is named so below.)
    const unclaimed = "{\"accounts\": [\n    {'login': 'kalos_calem', 'pass': 'Froak1e'}\n], port: 5000}\n";
    const said = await readDump(input('unclaimed.json', unclaimed)).catch((e: Error) => e.message);
    expect(said).toMatch(/it looks like code or data \(Python, JSON\).*; as JSON it breaks at line 2, column 6: a key in single quotes: JSON writes keys in double quotes \(fix it there\)/);
    expect(said).not.toMatch(/Froak1e|kalos_calem/);
    // Stop 58 (B): a text Python reads whole (a settings dict, a printed one) is no JSON broken at a line to
    // fix: the refusal names it Python, its lines and the line where it parts from JSON, unforced or as .json.
    const settings = "{\n    'username': 'kalos_calem',\n    'password': 'Froak1e',\n    'gmaps_key': 'AIzaXYZ',\n    'debug': True,\n}\n";
    for (const [name, text, says] of [
      ['settings.txt', settings, /; it is a Python dict \(lines 1-6\), as a settings file or print\(\) writes it, not JSON \(line 2: a key in single quotes\)$/],
      ['unclaimed.txt', unclaimed.replace('port', "'port'"), /; it is a Python dict \(lines 1-3\), .* \(line 2: a key in single quotes\)$/],
      ['settings.txt', '{"username": "kalos_calem",\n "debug": True}\n', /it is a Python dict \(lines 1-2\), .* \(line 2: `True`, Python's word\)$/],
      // Taken by the json reader (its first key in JSON's quotes), refused by it as Python, not as JSON to fix.
      ['settings.json', '{\n    "username": "kalos_calem",\n    \'password\': \'Froak1e\',\n    "debug": True\n}\n', /^settings\.json:1: is a Python dict \(lines 1-5\), as a settings file or print\(\) writes it, not JSON/],
    ] as const) {
      const message = await readDump(input(name, text)).catch((e: Error) => e.message);
      expect(message, name).toMatch(says);
      expect(message, name).not.toMatch(/Froak1e|kalos_calem|valid JSON/);
    }
  });

  it('leaves JSON lines (our export) to the JSON-lines reader', () => {
    expect(detectFormat(input('export.jsonl', '{"username":"a","password":"b"}\n{"username":"c","password":"d"}\n'))?.name).toBe('jsonl');
    expect(detectFormat(input('one.jsonl', '{"username":"a","password":"b"}\n'))?.name).toBe('jsonl');
  });

  it('a generator\'s own field names (pGo-create: `Username`, `Password`, `Email`, `Date created`): exact, and the e-mail is not kept as a field', async () => {
    const r = await readDump(fixture('pgo-create-accounts.json'));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[2, 'XF00N8B', 'viET3Nhuv'], [10, '1T0DAV7', '77nU14y5O']]);
    expect(JSON.stringify(r.accounts)).not.toContain('anonbox');
    const bot = await readDump(input('accounts.json', '[{"auth_service": "google", "username": "misty.w@gmail.com", "password": "Star!mie2", "Level": "30"}]'));
    expect(bot.accounts.map((a) => [a.username, a.provider, a.level])).toEqual([['misty.w@gmail.com', 'google', 30]]);
  });

  it("POGOLib's multi-account demo's accounts.json (`login_provider`, `username`, `password`): each account's provider as written", async () => {
    // AeonLucid/POGOLib `demo/POGOLib.Official.Demo.ConsoleApp.Multiple/Account.cs`: `[JsonProperty("login_provider")]`,
    // `"google"` or `"ptc"` (`Program.cs` refuses any other); the operator writes the file (`.gitignore` keeps it out).
    const r = await readDump(fixture('pogolib-accounts.json'));
    expect(r.format).toBe('json');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([
      [2, 'thunderfox01', 'Abr4cadabra!', 'ptc'],
      [7, 'thunderfox.two@gmail.com', 'G00gle pass,2', 'google'],
    ]);
    // The same column in a list's header: `login_provider,username,password`.
    const csv = await readDump(input('accounts.csv', 'login_provider,username,password\ngoogle,misty.w@gmail.com,Star!mie2\nptc,brock_r0ck,Onix#R0ck5\n'));
    expect(csv.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['misty.w@gmail.com', 'Star!mie2', 'google'], ['brock_r0ck', 'Onix#R0ck5', 'ptc']]);
  });

  it("an account manager's export with each login one object in (`auth`, `credentials`): every account, its level from `stats`; a proxy's or a mail transport's login never", async () => {
    // Stop 59's survey: two such exports refused as "code or data", five accounts lost.
    const r = await readDump(fixture('account-manager-nested-auth.json'));
    expect(r.format).toBe('json');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.provider])).toEqual([
      [5, 'kanto_nest01', 'N3st!pw,1', 30, 'ptc'],
      [12, 'kanto.nest02@gmail.com', 'G00 gle:2', 31, 'google'],
      [19, 'kanto_nest03', 'Cr3d"pw', 32, undefined],
    ]);
    // The nested login is never kept beside the account as a field of its history (objects such as
    // `proxy` are left there for the import's field rules, which never write one to the pool).
    expect(JSON.stringify(r.accounts.map((a) => a.history ?? {}))).not.toMatch(/N3st|G00 gle|Cr3d|"auth"|"credentials"/);
    // The key names the provider; two nested logins, or one beside a `host`, are no account's.
    const keyed = await readDump(input('a.json', JSON.stringify([{ google: { username: 'ash.k@gmail.com', password: 'Pw!k1' } }])));
    expect(keyed.accounts.map((a) => [a.username, a.provider])).toEqual([['ash.k@gmail.com', 'google']]);
    const smtp = JSON.stringify([{ host: 'smtp.example.com', port: 587, auth: { user: 'a@example.com', pass: 'Smtp1pw' } }, { host: 'smtp.example.org', port: 25, auth: { user: 'b@example.org', pass: 'Smtp2pw' } }]);
    await expect(readDump(input('mail.json', smtp))).rejects.toThrow(/no accounts found/);
    // Nothing naming the game (a provider, a level): an MQTT client's or a web portal's login.
    const portal = JSON.stringify([{ name: 'school', credentials: { username: 'pupil01', password: 'Secret01' } }]);
    await expect(readDump(input('portal.json', portal))).rejects.toThrow(/no accounts found/);
    const two = JSON.stringify([{ level: 30, auth: { username: 'a1', password: 'p1' }, credentials: { username: 'a2', password: 'p2' } }]);
    await expect(readDump(input('two.json', two))).rejects.toThrow(/no accounts found/);
  });

  it('documents appended one after another (auto_ptc\'s accounts.txt): every account; a broken or mixed file is still a JSON error', async () => {
    const r = await readDump(fixture('auto-ptc-accounts.txt'));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[3, 'ashpre48213'], [8, 'ashpre90175'], [13, 'mistyp31752']]);
    const withList = await readDump(input('a.txt', '{\n  "username": "a1",\n  "password": "p1"\n}\n[\n  {"username": "a2", "password": "p2"}\n]\n'));
    expect(withList.accounts.map((a) => [a.username, a.password])).toEqual([['a1', 'p1'], ['a2', 'p2']]);
    await expect(readDump(input('a.txt', '{\n  "username": "a1",\n  "password": "p1"\n}\nsold\n{\n  "username": "a2",\n  "password": "p2"\n}\n'))).rejects.toThrow(/^a\.txt:5: is not valid JSON at column 1: a value expected/);
    await expect(readDump(input('a.txt', '{\n  "username": "a1",\n  "password": "p1"\n}\n{\n  "username": "a2",\n  "password": "p2"\n'))).rejects.toThrow(/is not valid JSON/);
  });

  it("one account alone, pretty-printed (auto_ptc's file after its first account, `jq .`'s element): read as a list's element, another service's login never", async () => {
    // Stop 56 B2: valid JSON no JSON reader claimed (a list wanted; JSON lines want an object on line 1),
    // refused as "code or data". auto_ptc appends `JSON.stringify(account, null, 2)`: one account made, one object.
    const first = fixture('auto-ptc-accounts.txt').text.split('\n\n{').slice(0, 2).join('\n\n{');
    const one = await readDump(input('accounts.txt', first));
    expect(one.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[3, 'ashpre48213', 'Auto"Ptc\\1:x']]);
    const own = await readDump(input('kanto_red01.json', '{\n  "Username": "kanto_red01",\n  "Password": "Ch4rm!nder",\n  "Level": 30\n}\n'));
    expect(own.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([[1, 'kanto_red01', 'Ch4rm!nder', 30]]);
    // `jq .` of a list prints its elements one after another with no blank between.
    const jq = await readDump(input('jq.json', '{\n  "username": "kanto_red01",\n  "password": "Ch4rm!nder"\n}\n{\n  "username": "kanto_blue02",\n  "password": "None"\n}\n'));
    expect(jq.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'kanto_red01']]);
    expect(jq.rejected.map((r) => [r.line, r.reason])).toEqual([[5, expect.stringMatching(/^missing password/)]]);
    // The same refusals as a list's element: a template's values; and never claimed where a key or a
    // `service` names another service, or a host says where the login connects.
    const template = await readDump(input('t.json', '{\n  "username": "YOUR_USERNAME",\n  "password": "YOUR_PASSWORD"\n}\n')).then((r) => r.accounts, () => []);
    expect(template).toEqual([]);
    for (const other of [
      { ftp_user: 'deploy', ftp_password: 'Ch4rm!nder' },
      { service: 'MySQL', username: 'root', password: 'Ch4rm!nder' },
      { username: 'root', password: 'Ch4rm!nder', host: 'localhost' },
      { SteamLogin: 'trader', SteamPassword: 'Ch4rm!nder' },
      // Alone, any key an account does not hold makes it a program's settings (lead's review, stop 56).
      { username: 'mybot', password: 'Secret123', token: 'NzkyNzE1NDU0MTk2MDg4ODQy.X-hvzA', prefix: '!' },
      { login: 'root', password: 'toor1234', port: 22 },
      { username: 'pgadmin', password: 'pgpass99', dbname: 'monocle' },
    ]) {
      const read = await readDump(input('creds.json', JSON.stringify(other, null, 2))).then((r) => r.accounts, () => []);
      expect(read, JSON.stringify(Object.keys(other))).toEqual([]);
    }
  });

  it("an object's members pasted without its braces (a bot's auth.json quoted in an issue): read as that object, the same refusals", async () => {
    // Stop 60's survey: NecronomiconCoding/NecroBot#4810's answer and #1877 quote auth.json's member lines
    // alone (a `,` after the last, or the password first): "code or data" before, the account lost.
    const necro = await readDump(fixture('necrobot-auth-fragment.txt'));
    expect(necro.accounts.map((a) => [a.line, a.username, a.password, a.provider])).toEqual([[4, 'darkrai_necro1', 'Dark!Void491', 'ptc']]);
    const reversed = await readDump(input('paste.txt', '"PtcPassword": "Donib!Pw69",\n  "PtcUsername": "donib_necro69"\n'));
    expect(reversed.accounts.map((a) => [a.username, a.password])).toEqual([['donib_necro69', 'Donib!Pw69']]);
    // A template's members, another service's, a paste that is no object once braced: refused as before.
    for (const text of ['"username": "YOUR_USERNAME",\n"password": "YOUR_PASSWORD"\n', '"host": "127.0.0.1",\n"port": 3306,\n"user": "root",\n"password": "Db!pass9"\n', '"username": "ash_k1",\n"password": "Pika!1234",\n]\n']) {
      await expect(readDump(input('paste.txt', text)), text).rejects.toThrow(/no accounts found|no reader recognises/);
    }
  });
});

describe('logins mapped to passwords (`--format login-map`, stop 57)', () => {
  // A script's dictionary saved (`accounts[username] = password`, then `json.dump` or `JSON.stringify`):
  // no game tool was found writing it and a dictionary of two strings is any program's settings, so only
  // `--format login-map` reads it. Made up here, in the shapes json.dump and a hand copy leave.
  it('reads each member exact, by its line, in every shape: an object, a list of them, an object a line, the members alone', async () => {
    const shapes: [name: string, text: string, lines: number[]][] = [
      ['accounts.json', '{"lavaCave01": "Magmar!126a", "misty_k2": "St\\"ar,#5678", "123456": "Onix 9999"}', [1, 1, 1]],
      ['accounts.json', '{\n    "lavaCave01": "Magmar!126a",\n    "misty_k2": "St\\"ar,#5678",\n    "123456": "Onix 9999"\n}\n', [2, 3, 4]],
      ['accounts.json', '[{"lavaCave01": "Magmar!126a"}, {"misty_k2": "St\\"ar,#5678"},\n {"123456": "Onix 9999"}]', [1, 1, 2]],
      ['accounts.jsonl', '{"lavaCave01": "Magmar!126a"}\n{"misty_k2": "St\\"ar,#5678"}\n{"123456": "Onix 9999"}\n', [1, 2, 3]],
      ['pairs.txt', '"lavaCave01":"Magmar!126a"\n"misty_k2" : "St\\"ar,#5678",\n\n"123456": "Onix 9999"\r\n', [1, 2, 4]],
      // A dictionary's body with the comma json.dump never leaves after its last member: not JSON, read by its lines.
      ['pairs.txt', '{\n"lavaCave01": "Magmar!126a",\n"misty_k2": "St\\"ar,#5678",\n"123456": "Onix 9999",\n}\n', [2, 3, 4]],
    ];
    for (const [name, text, lines] of shapes) {
      const r = await readDump(input(name, text), { format: 'login-map' });
      // The digits' key stays where it was written (JSON.parse puts such keys first).
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), text).toEqual([[lines[0], 'lavaCave01', 'Magmar!126a'], [lines[1], 'misty_k2', 'St"ar,#5678'], [lines[2], '123456', 'Onix 9999']]);
      expect(r.rejected, text).toEqual([]);
      expect(r.why).toBe('--format login-map');
    }
  });

  it('refuses by its line every member that is no account, the others read', async () => {
    const text = [
      '{',
      '  "lavaCave01": "Magmar!126a",',
      '  "host": "localhost",',
      '  "port": 5432,',
      '  "api_token": "Zx81QpLm4NvB7cXa",',
      '  "ash_k3": null,',
      '  "servers": {"a": "b"},',
      '  "brock07": ["Onix!9999"],',
      '  "webhook1": "https://discord.example/api/webhooks/1/x",',
      '  "gymleader": "$2y$10$abcdefghijklmnopqrstuuO5sYb8Zx2v4Q1wE9rT6yU7iO0pA3sD5",',
      '  "misty_k2": "None",',
      '  "proxy01": "10.0.0.8:3128",',
      '  "debug": true,',
      '  "misty_k4": "Star#5678"',
      '}',
    ].join('\n');
    const r = await readDump(input('accounts.json', text), { format: 'login-map' });
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[2, 'lavaCave01', 'Magmar!126a'], [14, 'misty_k4', 'Star#5678']]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [3, expect.stringContaining('names a setting (`host`)')],
      [4, expect.stringContaining('a number where a password goes')],
      [5, expect.stringContaining('names a setting (`api_token`)')],
      [6, expect.stringMatching(/^missing password/)],
      [7, expect.stringContaining('a nested object')],
      [8, expect.stringContaining('a nested list')],
      [9, expect.stringContaining('a URL')],
      [10, expect.stringContaining("a password's hash")],
      [11, expect.stringMatching(/^missing password/)],
      [12, expect.stringContaining('a proxy')],
      [13, expect.stringContaining('flag')],
    ]);
    // The members alone: a line that is no pair is refused by its line, never read past.
    const lines = await readDump(input('pairs.txt', '"lavaCave01": "Magmar!126a"\nmisty_k2: Star#5678\n"brock07" "Onix!9999"\n"ash_k3": "Pika!1", "x"\n'), { format: 'login-map' });
    expect(lines.accounts.map((a) => a.username)).toEqual(['lavaCave01']);
    expect(lines.rejected.map((x) => [x.line, x.kind])).toEqual([[2, 'code'], [3, 'code'], [4, 'code']]);
    // Passwords mapped to logins the wrong way round: a digit-less password taken for a setting's name is not quoted.
    const reversed = await readDump(input('reversed.json', '{"lavaCave01": "Magmar!126a", "secretsauce": "misty_k2"}'), { format: 'login-map' });
    expect(reversed.rejected.map((x) => x.reason)).toEqual([expect.stringContaining("names a setting (a credential's")]);
    expect(JSON.stringify(reversed.rejected)).not.toContain('secretsauce');
    // A database's connection settings give none, and say so.
    await expect(readDump(input('db.json', '{"username": "pgpool", "password": "Db!pass99", "host": "localhost", "database": "pgpool"}'), { format: 'login-map' })).rejects.toThrow(/no accounts found; read as login-map/);
  });

  it('walks as a document only what JSON.parse accepts (never parsed whole), and reads a large map into columns under --format', async () => {
    // Stop 58 (M): the document is walked member by member, never parsed whole, so the walk itself
    // must refuse what JSON does: a number with a leading zero, a broken nested value, list items
    // without their comma. Such a text is read by its lines (its brackets' lines skipped).
    const member = (line: number, username: string, password: string) => [line, username, password];
    const broken: [text: string, skipped: number[]][] = [
      ['{\n  "lavaCave01": "Magmar!126a",\n  "port": 01,\n  "misty_k2": "Star#5678"\n}\n', [1, 5]],
      ['{\n  "lavaCave01": "Magmar!126a",\n  "servers": [1,,2],\n  "misty_k2": "Star#5678"\n}\n', [1, 5]],
      ['[\n  {"lavaCave01": "Magmar!126a"}\n  {"misty_k2": "Star#5678"}\n]\n', [1, 4]],
    ];
    for (const [text, skipped] of broken) {
      const r = await readDump(input('accounts.json', text), { format: 'login-map' });
      expect(r.skipped?.map((s) => s.line), text).toEqual(skipped);
      expect(r.accounts.map((a) => a.username), text).toEqual(['lavaCave01', 'misty_k2']);
    }
    // Valid JSON, a nested value deep inside: one document, its members by their lines.
    const nested = await readDump(input('accounts.json', '{\n  "lavaCave01": "Magmar!126a",\n  "servers": {"a": [1, {"b": -2.5e5}], "c": null},\n  "misty_k2": "Star#5678"\n}\n'), { format: 'login-map' });
    expect(nested.skipped).toBeUndefined();
    expect(nested.accounts.map((a) => [a.line, a.username, a.password])).toEqual([member(2, 'lavaCave01', 'Magmar!126a'), member(4, 'misty_k2', 'Star#5678')]);
    expect(nested.rejected.map((x) => [x.line, x.reason])).toEqual([[3, expect.stringContaining('a nested object')]]);
    // An import's read of a map of `columnsFrom` members or more: columns, as an unforced reader's,
    // giving back the same accounts by their lines (a 1,000,000-member map was held as records).
    const text = `{\n${Array.from({ length: 6 }, (_, i) => `  "lava${i}x": "Magmar!${i}a",\n`).join('')}  "host": "localhost"\n}\n`;
    const records = await readDump(input('accounts.json', text), { format: 'login-map' });
    const columns = await readDump(input('accounts.json', text), { format: 'login-map', columnsFrom: 4 });
    expect(records.columns).toBeUndefined();
    expect(columns.accounts).toEqual([]);
    expect(columns.columns?.records()).toEqual(records.accounts);
    expect(records.accounts.map((a) => [a.line, a.username])).toEqual(Array.from({ length: 6 }, (_, i) => [i + 2, `lava${i}x`]));
    expect(columns.rejected).toEqual(records.rejected);
  });

  it('reads a dictionary as Python prints it (`print`, `repr`, `pprint`, Python 2), each member exact by its line, refusing what JSON\'s refuses', async () => {
    // Printed by python3 3.12 (print(d), pprint.pprint(d), pprint.pprint(d, width=50)); the Python 2
    // lines as 2.7's repr writes them (CPython Objects/stringobject.c: a str's bytes past ASCII as
    // `\xhh`, a unicode string `u'...'`). Stop 57 Q left them refused: login-map read JSON alone.
    const four: [string, string][] = [['lavaCave01', 'Magmar!126a'], ['misty_k2', "St'ar,#5678"], ['123456', 'On"ix\\ 9999'], ['gary_o4', 'It\'s "Eevee" 1']];
    const shapes: [text: string, lines: number[], expected: [string, string][]][] = [
      [String.raw`{'lavaCave01': 'Magmar!126a', 'misty_k2': "St'ar,#5678", '123456': 'On"ix\\ 9999', 'gary_o4': 'It\'s "Eevee" 1'}` + '\n', [1, 1, 1, 1], four],
      [String.raw`{'123456': 'On"ix\\ 9999',
 'gary_o4': 'It\'s "Eevee" 1',
 'lavaCave01': 'Magmar!126a',
 'misty_k2': "St'ar,#5678"}`, [1, 2, 3, 4], [four[2]!, four[3]!, four[0]!, four[1]!]],
      // pprint cuts a long string into pieces Python joins again.
      ["{'ash_k9': 'a long pass phrase with spaces that '\n           'pprint must wrap 12345',\n 'lavaCave01': 'Magmar!126a'}\n", [1, 3], [['ash_k9', 'a long pass phrase with spaces that pprint must wrap 12345'], four[0]!]],
      // A list of dicts, and dicts printed one a line by a loop.
      ["[{'lavaCave01': 'Magmar!126a'},\n {'misty_k2': \"St'ar,#5678\"}]\n{'gary_o4': 'Pika1'}\n", [1, 2, 3], [four[0]!, four[1]!, ['gary_o4', 'Pika1']]],
      // Python 2: the UTF-8 bytes of `Päss1` escaped in a str, the same text in a unicode string.
      [String.raw`{u'lavaCave01': u'P\xe4ss1', 'misty_k2': 'P\xc3\xa4ss1', 'brock07': b'Onix\x219'}`, [1, 1, 1], [['lavaCave01', 'Päss1'], ['misty_k2', 'Päss1'], ['brock07', 'Onix!9']]],
    ];
    for (const [text, lines, expected] of shapes) {
      const r = await readDump(input('accounts.txt', text), { format: 'login-map' });
      expect(r.accounts.map((a) => [a.line, a.username, a.password]), text).toEqual(expected.map(([u, p], i) => [lines[i], u, p]));
      expect(r.rejected, text).toEqual([]);
    }
    const refused = await readDump(input('accounts.txt', [
      "{'lavaCave01': 'Magmar!126a',",
      " 'host': 'localhost',",
      " 'port': 5432,",
      " 'ash_k3': None,",
      " 'servers': {'a': 'b'},",
      " 'brock07': ('Onix!9999',),",
      " 'debug': True,",
      " 'misty_k4': os.environ['PW4'],",
      " 7: 'Onix!1',",
      // Python 3 writes `Päss` as it is: an escape past ASCII that is no UTF-8 is unsure, never guessed.
      String.raw` 'misty_k5': 'P\xe4ss1',`,
      " 'webhook1': 'https://discord.example/api/webhooks/1/x',",
      " 'misty_k6': 'Star#5678'}",
    ].join('\n')), { format: 'login-map' });
    expect(refused.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'lavaCave01', 'Magmar!126a'], [12, 'misty_k6', 'Star#5678']]);
    expect(refused.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, expect.stringContaining('names a setting (`host`)')],
      [3, expect.stringContaining('a number where a password goes')],
      [4, expect.stringMatching(/^missing password/)],
      [5, expect.stringContaining('a nested object')],
      [6, expect.stringContaining('a nested list')],
      [7, expect.stringContaining('flag')],
      [8, expect.stringContaining('an expression where a password goes')],
      [9, expect.stringContaining('a key that is no string')],
      [10, expect.stringContaining('unsure')],
      [11, expect.stringContaining('a URL')],
    ]);
    expect(JSON.stringify(refused.rejected)).not.toMatch(/P\\\\xe4|Onix|localhost/);
  });

  it("reads a Python dict's members copied out of its braces (stop 58), and a refusal of them names login-map where its read is accounts", async () => {
    // The lines pprint writes between its braces (CPython Lib/pprint.py _format_dict_items: repr, `': '`,
    // the value, `',\n'` and the indent), or a settings file's dict body. Refused before even with the flag.
    const body = " 'lavaCave01': 'Magmar!126a',\n 'misty_k2': \"St'ar,#5678\",\n u'gary_o4': u'P\\xe4ss1'\n";
    const r = await readDump(input('pairs.txt', body), { format: 'login-map' });
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'lavaCave01', 'Magmar!126a'], [2, 'misty_k2', "St'ar,#5678"], [3, 'gary_o4', 'Päss1']]);
    expect(r.rejected).toEqual([]);
    // Without the flag: refused as code, naming the reader that reads it; a settings body (no digit) names none.
    await expect(readDump(input('pairs.txt', body))).rejects.toThrow(/read as login-map it gives 3 accounts, 0 lines rejected: look with --dry-run --format login-map/);
    const settings = await readDump(input('settings.txt', "'theme': 'dark',\n'lang': 'en',\n")).catch((e: Error) => e.message);
    expect(settings).not.toMatch(/login-map/);
    // A body that is no dict's as a whole is read line by line: a line of a string alone may be the member above's rest.
    const broken = await readDump(input('pairs.txt', "'lavaCave01': 'Magmar!126a',\n'misty_k2': 'Star#5678'\n'9012x',\n'brock_r3': 'Onix!9012'\n'onix_q4': 'Rock!Throw5',\n"), { format: 'login-map' });
    expect(broken.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'lavaCave01'], [4, 'brock_r3'], [5, 'onix_q4']]);
    expect(broken.rejected.map((x) => [x.line, x.reason])).toEqual([[2, expect.stringContaining('Python joins adjacent strings')], [3, expect.stringContaining("not a `'login': 'password'` member")]]);
    expect(JSON.stringify(broken.rejected)).not.toMatch(/Star#|9012x/);
    // Lines ending in a lone `\r` (classic Mac OS) are lines too: the same members by the same lines.
    const mac = await readDump(input('pairs.txt', "'lavaCave01': 'Magmar!126a',\r'misty_k2': 'Star#5678'\r'9012x',\r'brock_r3': 'Onix!9012'\r'onix_q4': 'Rock!Throw5',\r"), { format: 'login-map' });
    expect(mac.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'lavaCave01'], [4, 'brock_r3'], [5, 'onix_q4']]);
    expect(mac.rejected.map((x) => x.line)).toEqual([2, 3]);
    // One line that is no member, with or without its newline: refused, never read.
    for (const one of ["'lavaCave01' 'Magmar!126a'\n", "'lavaCave01' 'Magmar!126a'"]) {
      await expect(readDump(input('pairs.txt', one), { format: 'login-map' })).rejects.toThrow(/no accounts found; read as login-map/);
    }
  });
});

describe("a program's settings holding its one login (settings-login.ts, stop 61)", () => {
  it('reads the login of a config whose provider names the game, none of its settings kept', async () => {
    const r = await readDump(fixture('slack-notifier-config.json'));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['notifier_misty3', 'Star:mie,99!', 'ptc']]);
    // The webhook URL is the program's secret, never the account's history.
    expect(JSON.stringify(r.accounts)).not.toMatch(/hooks\.slack|start_time|Broadway/);
  });

  it('reads a login one object in, under `authentication` with its `auth_service`', async () => {
    const r = await readDump(fixture('slack-pokebot-config.json'));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider])).toEqual([['office.pokebot.7@gmail.com', 'Bot "Office" 16', 'google']]);
    expect(JSON.stringify(r.accounts)).not.toMatch(/hooks\.slack|#pokemon/);
  });

  it('refuses the sample as published: `changeme` is its placeholder', async () => {
    await expect(readDump(fixture('slack-notifier-config.sample2.json'))).rejects.toThrow(/no accounts found.*placeholder/);
  });

  it('never reads a settings login whose provider is not the game\'s, or that names none', async () => {
    const other = '{\n  "username": "relay01",\n  "password": "R3lay!pw",\n  "provider": "sendgrid",\n  "port": 587\n}\n';
    await expect(readDump(input('mailer.json', other))).rejects.toThrow(/no accounts found|no list of account objects/);
    const none = '{\n  "username": "alerter07",\n  "password": "Al3rt!pw",\n  "location": "40.74, -73.98",\n  "services": []\n}\n';
    await expect(readDump(input('config.json', none))).rejects.toThrow(/no accounts found|no list of account objects/);
  });
});

describe("a shop's order whose delivered items are account lines (json-serials.ts)", () => {
  // Stop 62's survey (G): a Sellix order as its API returns it (`serials`, one item a string) was
  // refused as "unsure": 1 line read as an account, 26 as code or data.
  it("reads a Sellix order's `serials`, each at its string's line, the level its product title states", async () => {
    const r = await readDump(fixture('sellix-order-serials.json'));
    expect(r.format).toBe('json');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [11, 'violetpeak1307', 'Tt1!uu2v', 30],
      [12, 'greenmarsh2408', 'Ww3@xx4y', 30],
    ]);
  });

  it('reads a `delivered` string of lines in a list of orders; an order naming no game, or an item no account, is not read', async () => {
    const orders = JSON.stringify({ orders: [{ id: 1, title: 'PoGo lvl 30', delivered: 'ash01:Pika!111\nash02:Pika!222\n' }, { id: 2, title: 'PoGo lvl 30', delivered: 'ash03:Pika!333' }] }, null, 2);
    expect((await readDump(input('orders.json', orders))).accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [6, 'ash01', 'Pika!111'],
      [6, 'ash02', 'Pika!222'],
      [11, 'ash03', 'Pika!333'],
    ]);
    // The same orders as a bare list, as a shop's export of many orders: every order is an object, none an
    // account's, so the list read an object at a time (json-array-items.ts) gives way to the orders' reading.
    const bare = JSON.stringify([{ id: 1, title: 'PoGo lvl 30', delivered: 'ash01:Pika!111' }, { id: 2, title: 'PoGo lvl 30', serials: ['ash02:Pika!222'] }], null, 2);
    expect((await readDump(input('orders.json', bare))).accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash01', 'Pika!111'],
      ['ash02', 'Pika!222'],
    ]);
    const other = JSON.stringify({ order: { product_title: 'Netflix Premium 1 month', serials: ['ash01:Pika!111'] } }, null, 2);
    expect(detectFormat(input('order.json', other))?.name).not.toBe('json');
    const keys = JSON.stringify({ order: { product_title: 'Pokemon GO coins', serials: ['XXXX-YYYY-ZZZZ', 'ash01:Pika!111'] } }, null, 2);
    expect(detectFormat(input('order.json', keys))?.name).not.toBe('json');
  });
});

describe("a shop bot's store and orders (json-serials.ts, stop 66)", () => {
  it("reads a store's game products (stock lists, a credentials text), refuses another product's stock, never a product name or price", async () => {
    const r = await readDump(fixture('shopbot-products.json'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [6, 'azalea_k31', 'Tg7!kq2Wz', 30],
      [7, 'cianwood_p07', 'Hm4#zp9Lx', 30],
      [18, 'olivine_q22@mail.example', 'Ow3$lk8Vn', 35],
    ]);
    expect(r.rejected).toEqual([{ line: 13, reason: expect.stringContaining('another product\'s stock ("Spotify Premium 1 month")') }]);
  });

  it("reads a product that is one account (accounts-Automator's `{price, username, password, secret, buyers}`), items keyed by id, an order's delivered item", async () => {
    // alirezaabbaszadeh/accounts-Automator bot.py `/addproduct <id> <price> <username> <password> <secret>`.
    const automator = JSON.stringify({ products: { pogo_l30: { price: '5', username: 'rosaq01', password: 'Snivy!q01', secret: 'JBSWY3DPEHPK3PXP', buyers: [5550123] }, spotify: { price: '2', username: 'musicfan9', password: 'Sp0t!fy9', secret: 'JBSWY3DPEHPK3PXQ', buyers: [] } }, pending: [{ user_id: 5550124, product_id: 'pogo_l30', file_id: 'AgACAgIAAxkBAAIB' }] }, null, 2);
    const a = await readDump(input('data.json', automator));
    expect(a.accounts.map((x) => [x.line, x.username, x.password, x.level])).toEqual([[5, 'rosaq01', 'Snivy!q01', 30]]);
    expect(a.rejected.map((x) => x.line)).toEqual([14]);
    expect(JSON.stringify(a)).not.toContain('JBSWY3DPEHPK3PXP');
    // Code corpus file 57393930213: `db["items"][id]` with a Japanese product name, its stock popped per sale.
    const items = JSON.stringify({ items: { '1': { name: 'ポケモンGO アカウント Lv30', price: 500, stock: ['brockj01:Onix!j01', 'brockj02:Onix!j02'] } } }, null, 2);
    expect((await readDump(input('db.json', items))).accounts.map((x) => [x.username, x.password, x.level])).toEqual([
      ['brockj01', 'Onix!j01', 30],
      ['brockj02', 'Onix!j02', 30],
    ]);
    // Code corpus files 56861671609 (`"content": item` beside the price) and 62145425001 (`"delivered_item": item`).
    const orders = JSON.stringify({ products: [{ id: 'p1', name: 'Pokemon GO PTC L35', price: 7, stock: [] }], orders: [{ id: 'ORD1765101234', product_name: 'Pokemon GO PTC L35', price: 7, content: 'garyo02:Eevee!o02' }, { id: 'ORD1765101299', product: 'p1', status: 'entregue', delivered_item: 'garyo03:Eevee!o03' }] }, null, 2);
    expect((await readDump(input('orders.json', orders))).accounts.map((x) => [x.username, x.password, x.level])).toEqual([
      ['garyo02', 'Eevee!o02', 35],
      ['garyo03', 'Eevee!o03', 35], // the one level the file states (stated-level.ts)
    ]);
  });

  it("claims no store of other products, no buyer's orders of product names, no chat's `content`", () => {
    const other = JSON.stringify({ products: { 'Netflix 1 month': { price: 3, stock: ['netuser1:Nf!pass1'] } } }, null, 2);
    const names = JSON.stringify({ '12345': { balance: 10, orders: [{ item: 'Pokemon GO lvl 30', price: 4.5 }, { item: 'PoGo:L35', price: 6 }] } }, null, 2);
    const chat = JSON.stringify({ guild: { name: 'PoGo Trade' }, messages: [{ id: '1', author: { name: 'bob' }, content: 'ash01:Pika!111' }] }, null, 2);
    for (const text of [other, names, chat]) expect(detectFormat(input('x.json', text))?.name).not.toBe('json');
  });
});

describe('a JSON list broken late (stop 63)', () => {
  it('is refused naming the break, and is not parsed again as Python past PYTHON_MAX_CHARS', async () => {
    // A 46 MB list broken in its last object was parsed as Python twice (2 GB of py-ast's tree).
    const objects = Array.from({ length: 200 }, (_, i) => `{"username": "late${i}x", "password": "Pw${i}!late", "level": 30}`);
    const broken = `[${objects.join(', ')}, {"username": "last1x", "password": "Pw!last" ]`;
    await expect(readDump(input('broken.json', broken))).rejects.toThrow(/broken\.json:1: is not valid JSON at column \d+: a `,` or `}` expected after a member/);
    // A Python-printed dict just past the bound is left to the line reading, never to py-ast.
    const member = (i: number) => `'lava${i}x': 'Magmar!${i}a'`;
    const python = `{${`${member(1)}, `.repeat(Math.ceil(PYTHON_MAX_CHARS / member(1).length))}${member(2)}}`;
    expect(python.length).toBeGreaterThan(PYTHON_MAX_CHARS);
    expect(await pythonMembers(python)).toBeUndefined();
    // Under it, such a dict is read as ever.
    expect((await pythonMembers(`{${member(1)}, ${member(2)}}`))?.members.length).toBe(2);
  });
});
