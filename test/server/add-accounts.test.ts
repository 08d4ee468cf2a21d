// PGPool's `/account/add`, which only one fork has: richardsang2008/PGPool pgpool.py `account_add`
// (ngovil21's add_account branch merged there, commits a63040a to fcfb99b). Its form (GET) posts
// `accounts` (lines auth,username,password / username,password / username:password, split by
// load_accounts), `level` and `condition` (force_account_condition); the same fields may come in
// the query; a JSON body is `{"accounts": [objects], "level", "condition"}` (a63040a) or one
// account object with `input_level` (fcfb99b). Answers: "Successfully added N accounts." (a list),
// "Successfully added 1 account." (one object), 503 "No accounts provided, or data not parseable".
// Sent with Python's own `requests` (test/helpers/pgpool_client.py), as a script of the operator's would.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored, type TestServer } from './helpers.js';
import { python } from './python-requests.js';
import { rocketmapProblem, writeRocketmap } from '../../src/formats/tools/rocketmap.js';
import type { Account } from '../../src/model.js';

/** curl's own request (`curl -s -w ... URL ARGS`): its answer's status and body, as an operator sees them. */
async function curl(s: TestServer, args: string[]): Promise<{ status: number; text: string }> {
  const { stdout } = await promisify(execFile)('curl', ['-s', '-w', '\n%{http_code}', `${s.url}/account/add`, ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), text: stdout.slice(0, cut) };
}

/** A file of accounts in a temp folder, as the operator has one. */
async function accountsFile(bytes: string | Buffer): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'add-')), 'new.csv');
  await writeFile(file, bytes);
  return file;
}

describe("PGPool's /account/add (richardsang2008/PGPool pgpool.py account_add)", () => {
  it('the form adds accounts of all three line shapes with its level and condition, and updates one the pool knows', async () => {
    const s = await serveAccounts({ old1: 12 });
    const [answer] = await python(s, [{ post: '/account/add', form: { level: '30', condition: 'good', accounts: 'ptc,ash01,Pw1\r\ngoogle,misty@gmail.com,Pw:2\r\n\r\nbrock03:Pw3\r\nold1,new-pw' } }]);
    expect([answer!.status, answer!.text]).toEqual([200, 'Successfully added 4 accounts.']);
    const after = await stored(s);
    expect(after.get('ash01')).toMatchObject({ provider: 'ptc', password: 'Pw1', level: 30, state: 'ok' });
    expect(after.get('misty@gmail.com')).toMatchObject({ provider: 'google', password: 'Pw:2', level: 30 });
    expect(after.get('brock03')).toMatchObject({ provider: 'ptc', password: 'Pw3', level: 30 });
    // An account the pool knew: PGPool's get_or_create, then the posted password and level set on it.
    expect(after.get('old1')).toMatchObject({ password: 'new-pw', level: 30 });
    expect(after.get('ash01')).toMatchObject({ captcha: false, ban_flag: false });
  });

  it('a line PGPool read wrongly refuses the whole post, naming its line and never its password: nothing is added', async () => {
    const s = await serveAccounts({ old1: 12 });
    // load_accounts: 4 comma fields were skipped without a word; `user:pa:ss` kept `pa`; one word was a 500.
    const [answer] = await python(s, [{ post: '/account/add', form: { accounts: 'ptc,ash01,Pw1\nptc,ash02,Se,cret\nash03:pa:ss9\nash04\nPTC,ash05' } }]);
    expect(answer!.status).toBe(400);
    expect(answer!.json.error).toMatch(/4 of 5 accounts do not read, nothing was added: line 2: 4 comma-separated fields.*line 3: 2 ":".*line 4: no ":".*line 5: "PTC" then one field: a provider and a login without its password/);
    expect(answer!.text).not.toMatch(/Se|cret|pa:ss9|ss9/);
    const after = await stored(s);
    expect([...after.keys()]).toEqual(['old1']);
  });

  it("JSON {accounts, level, condition} (a63040a) adds them with the condition's verdict", async () => {
    const s = await serveAccounts({ old1: 12 });
    const [answer] = await python(s, [{ post: '/account/add', json: { level: 31, condition: 'banned', accounts: [{ username: 'j1', password: 'Pw-j1' }, { username: 'j2', password: 'Pw-j2', auth_service: 'PTC' }] } }]);
    expect([answer!.status, answer!.text]).toEqual([200, 'Successfully added 2 accounts.']);
    const after = await stored(s);
    for (const name of ['j1', 'j2']) expect(after.get(name)).toMatchObject({ provider: 'ptc', level: 31, state: 'temp_banned' });
  });

  it('one JSON account object with input_level (fcfb99b) answers "1 account."', async () => {
    const s = await serveAccounts({ old1: 12 });
    const [answer] = await python(s, [{ post: '/account/add', json: { username: 'solo', password: 'Pw-solo', auth_service: 'google', input_level: 34 } }]);
    expect([answer!.status, answer!.text]).toEqual([200, 'Successfully added 1 account.']);
    expect((await stored(s)).get('solo')).toMatchObject({ provider: 'google', password: 'Pw-solo', level: 34 });
  });

  it("Account-Manager's PgProxy (299759e): input_level 0, which it posts below 30, leaves the level alone; at 30 the level is set and its release frees the account for a scanner", async () => {
    // richardsang2008/Account-Manager 299759e (16 March 2018), PokemonGoGUI/proxy/PgProxycs.cs and
    // Models/PgAccount.cs, called from GoManager/Manager.Main.cs when Level >= MaxLevel:
    // GetPgAccounts asks `system_id='{identifier}'` (the quotes unescaped, part of the name) for new
    // accounts below 30; AddPgAccount posts Json.NET's PgAccount to {pgpoolurl}/add, whose int
    // `input_level` is 0 unless the level is over 29, then, over 29 only, the same object to /release.
    // richardsang2008/PGPool fcfb99b's add_account sets the level only for input_level > 29.
    const s = await serveAccounts({ fresh1: 1, fresh2: 1 });
    const ask = () => s.python('GET', "/account/request?system_id='Account-Manager'&count=1&min_level=0&max_level=29&banned_or_new=true");
    const pgAccount = (username: string, inputLevel: number) =>
      JSON.stringify({ auth_service: 'ptc', last_modified: null, latitude: null, longitude: null, password: `pw-${username}`, rareless_scans: null, shadowbanned: null, username, system_id: null, input_level: inputLevel });
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const first = await ask();
    // ReadAsAsync<PgAccount>: a JSON media type (its formatter is chosen by Content-Type), one object
    // (a list fails to read), strings where PgAccount has strings.
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.json).toMatchObject({ username: 'fresh1', password: 'pw-fresh1', auth_service: 'ptc' });
    expect((await stored(s)).get('fresh1')).toMatchObject({ holder: "'Account-Manager'" });
    // MaxLevel 25 reached: input_level 0, and no release.
    const below = await s.call('POST', '/account/add', pgAccount('fresh1', 0), json);
    expect([below.status, below.text]).toEqual([200, 'Successfully added 1 account.']);
    expect((await stored(s)).get('fresh1')).toMatchObject({ level: 1, holder: "'Account-Manager'" });
    // The next account, taken to MaxLevel 30: input_level 30, then the release (system_id null).
    expect((await ask()).json).toMatchObject({ username: 'fresh2' });
    expect((await s.call('POST', '/account/add', pgAccount('fresh2', 30), json)).status).toBe(200);
    expect((await s.call('POST', '/account/release', pgAccount('fresh2', 30), json)).status).toBe(200);
    expect((await stored(s)).get('fresh2')).toMatchObject({ level: 30 });
    expect((await stored(s)).get('fresh2')).not.toHaveProperty('holder');
    const [scanner] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-hlvl', count: 1, min_level: 30, max_level: 40 } }]);
    expect(scanner!.json).toMatchObject({ username: 'fresh2', level: 30 });
    // An account the pool does not know, posted with input_level 0, is added at the level an add without one gives.
    expect((await s.call('POST', '/account/add', pgAccount('other9', 0), json)).status).toBe(200);
    expect((await stored(s)).get('other9')).toMatchObject({ level: 1, password: 'pw-other9' });
  });

  it("a post with no accounts gets PGPool's 503 and its message; a condition the form has not, a 400", async () => {
    const s = await serveAccounts({ old1: 12 });
    const [empty, none, wrong] = await python(s, [
      { post: '/account/add', form: { level: '30', accounts: '\n \n' } },
      { post: '/account/add', json: { level: 30 } },
      { post: '/account/add', form: { condition: 'sold', accounts: 'a:b' } },
    ]);
    expect([empty!.status, empty!.json.error]).toEqual([503, 'No accounts provided, or data not parseable']);
    expect(none!.status).toBe(503);
    expect(wrong!.status).toBe(400);
    expect(wrong!.json.error).toContain('condition must be good, banned, blind, captcha or unknown');
    // A JSON value of the wrong type is named by its type, never shown as a text it was not (`[1]` as "1").
    const typed = async (body: unknown) => (await s.call('POST', '/account/add', JSON.stringify(body), { 'content-type': 'application/json' })).json.error as string;
    expect(await typed({ level: [1], accounts: 'a:b' })).toBe('level must be a whole number, not a list');
    expect(await typed({ level: { n: 1 }, accounts: 'a:b' })).toBe('level must be a whole number, not an object');
    expect(await typed({ level: true, accounts: 'a:b' })).toBe('level must be a whole number, not true');
    expect(await typed({ condition: ['good'], accounts: 'a:b' })).toBe('condition must be good, banned, blind, captcha or unknown, not a list');
    expect(await typed({ condition: 5, accounts: 'a:b' })).toBe('condition must be good, banned, blind, captcha or unknown, not 5');
    expect(await typed({ accounts: [{ username: 'j1', password: 'Pw-j1', level: [30] }, { username: 'j2', password: 'Pw-j2', auth_service: ['ptc'] }] }))
      .toBe('2 of 2 accounts do not read, nothing was added: item 1 ("j1"): level (a list) is not a level; item 2 ("j2"): auth_service (a list) is neither ptc nor google');
    // `curl --data-binary @accounts.csv`: bare lines, neither the form's field nor JSON.
    const bare = await s.call('POST', '/account/add', 'ptc,b1,Pw-b1\nptc,b2,Pw-b2');
    expect(bare.status).toBe(400);
    expect(bare.json.error).toMatch(/malformed JSON.*or post the lines as the form's accounts field \(curl --data-urlencode accounts@FILE\)$/);
    expect(bare.text).not.toContain('Pw-b');
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
  });

  it('leaves a hold as it is: the scanner holding the account keeps it, with the password added', async () => {
    const s = await serveAccounts({ held1: 30 });
    await python(s, [{ get: '/account/request', params: { system_id: 'rm-east', count: 1 } }]);
    const before = (await stored(s)).get('held1')!;
    s.advance(60_000);
    const [answer] = await python(s, [{ post: '/account/add', form: { accounts: 'held1:Pw-new' } }]);
    expect(answer!.status).toBe(200);
    const after = (await stored(s)).get('held1')!;
    expect(after).toMatchObject({ password: 'Pw-new', holder: before.holder });
    expect(after.held_until).toEqual(before.held_until);
  });

  it('refuses the whole post when the pool cannot take one account as posted (a username no login has, another spelling of a held account): nothing added or changed', async () => {
    const s = await serveAccounts({ old1: 12 });
    await python(s, [{ post: '/account/add', form: { accounts: 'google,johndoe@gmail.com,Pw-first' } }]);
    const before = await stored(s);
    // A good new account, a known one with a new password, another spelling of johndoe, and a username no login has.
    const lines = 'ptc,fresh01,Pw-fresh\nold1,Pw-old-new\ngoogle,John.Doe+pogo@gmail.com,Pw-other\nptc,=cmd|x,Pw-f';
    const [answer] = await python(s, [{ post: '/account/add', form: { accounts: lines } }]);
    // PGPool answered 200 for every post it took; a 200 for part of one reads as the whole to
    // requests' raise_for_status, `curl -f` and the form's page alike: here it is a 400.
    expect(answer!.status).toBe(400);
    expect(answer!.json.error).toMatch(/^2 of 4 accounts refused, nothing was added: cannot be added: "=cmd\|x": not in the pool, and cannot be added .*; another spelling of an account in the pool, whose password would not be set \(post it under the pool's spelling\): "John\.Doe\+pogo@gmail\.com" as "johndoe@gmail\.com"$/);
    expect(answer!.text).not.toContain('Pw-');
    expect(await stored(s)).toEqual(before);
    // The same post through `curl -f` (a shell script's way to stop on failure) fails, so the script stops.
    const file = await accountsFile(lines);
    const failed = await promisify(execFile)('curl', ['-sf', `${s.url}/account/add`, '--data-urlencode', `accounts@${file}`]).then(() => 0, (error: { code: number }) => error.code);
    expect(failed).toBe(22); // curl's exit code for an HTTP status of 400 or more under -f
    expect(await stored(s)).toEqual(before);
    // Sent again without the two lines, or with the pool's spelling, it is taken whole.
    const [fixed] = await python(s, [{ post: '/account/add', form: { accounts: 'ptc,fresh01,Pw-fresh\nold1,Pw-old-new\ngoogle,johndoe@gmail.com,Pw-other' } }]);
    expect([fixed!.status, fixed!.text]).toEqual([200, 'Successfully added 3 accounts.']);
    const after = await stored(s);
    expect(after.get('fresh01')).toMatchObject({ password: 'Pw-fresh', level: 1 });
    expect(after.get('old1')).toMatchObject({ password: 'Pw-old-new' });
    expect(after.get('johndoe@gmail.com')).toMatchObject({ password: 'Pw-other' });
  });

  it("reads back our own rocketmap file (PGPool's auth,username,password lines) password for password, as PGPool's Python strip() cut the fields", async () => {
    // Every password the rocketmap writer carries (rocketmapProblem), JavaScript's trim() and Python's
    // strip() disagreeing at the ends included: U+FEFF (Python keeps it), U+180E inside, a tab inside.
    const passwords = ['a:b', '"quoted"', "it's", '#hash', 'semi;colon', 'in side', '日本語🔑', '\ufeffbom', 'zero\u200b', 'mid\tdle', 'in\u180eside', 'é-ß-Ω', 'x"y', 'a=b|c\\d', 'in\u00a0side', '\ufeff'];
    const accounts: Account[] = passwords.map((password, i) => ({ username: `rt${i}`, password, provider: i % 2 ? 'google' : 'ptc', level: 30, state: 'ok', added_at: '2026-11-01T00:00:00.000Z', seq: i + 1 }));
    expect(accounts.filter((a) => rocketmapProblem(a) !== undefined)).toEqual([]);
    const s = await serveAccounts({ old1: 12 });
    const file = await accountsFile(writeRocketmap(accounts)); // what `accountpool export --format rocketmap` writes
    const answer = await curl(s, ['--data-urlencode', 'level=30', '--data-urlencode', `accounts@${file}`]);
    expect(answer).toEqual({ status: 200, text: `Successfully added ${accounts.length} accounts.` });
    const after = await stored(s);
    for (const a of accounts) expect([a.username, after.get(a.username)?.password, after.get(a.username)?.provider]).toEqual([a.username, a.password, a.provider]);
    // A byte order mark opening the file is the file's, not the first provider's; blanks around a field are cut as PGPool cut them.
    const bom = await curl(s, ['--data-urlencode', `accounts@${await accountsFile('\ufeffptc,bom1,Pw-bom1\nptc,\u180ebom2\u3000, Pw-bom2\u180e\n')}`]);
    expect(bom).toEqual({ status: 200, text: 'Successfully added 2 accounts.' });
    expect([(await stored(s)).get('bom1'), (await stored(s)).get('bom2')]).toMatchObject([{ provider: 'ptc', password: 'Pw-bom1' }, { provider: 'ptc', password: 'Pw-bom2' }]);
  });

  it('names the account of a line it refuses when the line read as one, never its password', async () => {
    const s = await serveAccounts({ old1: 12 });
    const [answer] = await python(s, [{ post: '/account/add', form: { accounts: 'ptc,ash01,Pw1\ngoogle,ash02,Bad\u001bPw\nfacebook,ash03,Pw3' } }]);
    expect(answer!.status).toBe(400);
    expect(answer!.json.error).toMatch(/^2 of 3 accounts do not read, nothing was added: line 2 \("ash02"\): a password no game takes .*; line 3: auth_service "facebook" is neither ptc nor google$/);
    expect(answer!.text).not.toMatch(/Pw|Bad/);
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
    // `user,password,level` (a creator's CSV): three fields whose first is no provider, so the field
    // PGPool's shape calls the username is the password here; the refusal names the line, not it.
    const [shifted] = await python(s, [{ post: '/account/add', form: { accounts: 'ptc,ash01,Pw1\nash04,Secret-Pw4,30' } }]);
    expect(shifted!.status).toBe(400);
    expect(shifted!.json.error).toMatch(/^1 of 2 accounts do not read, nothing was added: line 2: auth_service "ash04" is neither ptc nor google$/);
    expect(shifted!.text).not.toMatch(/Secret/);
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
  });

  it('a header line (username,password atop a file, Monocle\'s columns) is refused naming its line, never added as the account "username"', async () => {
    const s = await serveAccounts({ old1: 12 });
    for (const header of ['username,password', 'Username:Password', 'auth_service,username,password', 'username,password,provider,model,iOS,id']) {
      const answer = await curl(s, ['--data-urlencode', `accounts@${await accountsFile(`${header}\nash01,Pw-ash01\n`)}`]);
      expect(answer.status, header).toBe(400);
      expect(JSON.parse(answer.text).error, header).toMatch(/^1 of 2 accounts do not read, nothing was added: line 1: its fields are column names \(a header line\), not an account/);
    }
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
    // Logins that only look like words (a digit in them) are accounts (`user01,password` is a template's row: below).
    const [plain] = await python(s, [{ post: '/account/add', form: { accounts: 'trainer01,password\nptc,misty7,pass' } }]);
    expect([plain!.status, plain!.text]).toEqual([200, 'Successfully added 2 accounts.']);
  });

  it("what import refuses as no account is refused here too, line by line; an update neither sets such a password nor makes a template's login", async () => {
    // A template's rows (RocketMap's accounts.csv.example, OpenPoGoBot's YOUR_USERNAME, a shell's
    // unexpanded variable) and a shop's hidden password: import rejects each with its line (account-rules.ts).
    const s = await serveAccounts({ old1: 12 });
    const lines = ['ptc,username1,password1', 'ash02:********', 'ptc,${PTC_USER},${PTC_PASS}', 'google,username@gmail.com,password', 'YOUR_USERNAME:YOUR_PASSWORD', 'ptc,fresh01,Pw-fresh1'];
    const [form, object] = await python(s, [
      { post: '/account/add', form: { level: '30', accounts: lines.join('\n') } },
      { post: '/account/add', json: { username: 'sample_username2', password: 'Pw-sample9', input_level: 30 } },
    ]);
    expect(form!.status).toBe(400);
    expect(form!.json.error).toMatch(/^5 of 6 accounts do not read, nothing was added: line 1 \("username1"\): the example's placeholder.*; line 2 \("ash02"\): the password is hidden.*; line 3 \("\$\{PTC_USER\}"\): the example's placeholder.*; line 4 \("username@gmail\.com"\): the example's placeholder.*; line 5 \("YOUR_USERNAME"\): the example's placeholder/);
    expect(form!.text).not.toMatch(/Pw-fresh1/);
    expect(object!.status).toBe(400);
    expect(object!.json.error).toMatch(/item 1 \("sample_username2"\): the example's placeholder/);
    // /account/update: a mask or a template's password is not set on a known account, and a template's login is no new one.
    const [update] = await python(s, [{ post: '/account/update', json: [{ username: 'old1', password: '********' }, { username: 'your_ptc_username', password: 'Pw-tmpl7', level: 30 }] }]);
    expect(update!.status).toBe(200);
    const after = await stored(s);
    expect([...after.keys()]).toEqual(['old1']);
    expect(after.get('old1')).toMatchObject({ password: 'pw-old1' });
  });

  it('a JSON list with one account the pool cannot take is refused whole too, naming its username', async () => {
    const s = await serveAccounts({ old1: 12 });
    const [answer] = await python(s, [{ post: '/account/add', json: { level: 30, accounts: [{ username: 'j1', password: 'Pw-j1' }, { username: '=HYPERLINK(1)', password: 'Pw-j2' }] } }]);
    expect(answer!.status).toBe(400);
    expect(answer!.json.error).toMatch(/^1 of 2 accounts refused, nothing was added: cannot be added: "=HYPERLINK\(1\)"/);
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
  });

  it("the form posted from the server's own page adds; the same post from another site's page is refused, nothing added", async () => {
    const s = await serveAccounts({ old1: 12 });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({ level: '30', condition: 'unknown', accounts: 'page1:Pw-page1' }).toString();
    const own = await s.call('POST', '/account/add', body, { ...form, origin: s.url, 'sec-fetch-site': 'same-origin' });
    expect([own.status, own.text]).toEqual([200, 'Successfully added 1 accounts.']);
    // A "simple" cross-site form post needs no preflight: only its Origin tells it from the operator's.
    const evil = await s.call('POST', '/account/add', body.replace('page1', 'evil1'), { ...form, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(evil.status).toBe(403);
    expect([...(await stored(s)).keys()].sort()).toEqual(['old1', 'page1']);
  });

  it('GET answers the form, whose fields are the ones a post reads', async () => {
    const s = await serveAccounts({ old1: 12 });
    const page = await s.call('GET', '/account/add');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const field of ['name="accounts"', 'name="level"', 'name="condition"', 'method="POST"']) expect(page.text).toContain(field);
  });
});

describe('/account/add as Flask read the form (request.form: url-encoded and multipart fields; request.files apart)', () => {
  it("curl -F sends the form multipart: its fields are read as the url-encoded form's, CRLF lines and a UTF-8 password included", async () => {
    const s = await serveAccounts({ old1: 12 });
    const file = await accountsFile('ptc,ash01,Pw #1;x\r\ngoogle,misty@gmail.com,Pw"2\r\nbrock03:Pässwört3\r\n');
    const answer = await curl(s, ['-F', 'level=30', '-F', 'condition=good', '-F', `accounts=<${file}`]);
    expect(answer).toEqual({ status: 200, text: 'Successfully added 3 accounts.' });
    const after = await stored(s);
    expect(after.get('ash01')).toMatchObject({ provider: 'ptc', password: 'Pw #1;x', level: 30 });
    expect(after.get('misty@gmail.com')).toMatchObject({ provider: 'google', password: 'Pw"2', level: 30 });
    expect(after.get('brock03')).toMatchObject({ password: 'Pässwört3', level: 30 });
    // Python's requests.post(url, files=...) with field parts (no file name): the same.
    const [py] = await python(s, [{ post: '/account/add', multipart: { level: '31', accounts: 'ptc,py1,Pw-py1' } }]);
    expect([py!.status, py!.text]).toEqual([200, 'Successfully added 1 accounts.']);
    expect((await stored(s)).get('py1')).toMatchObject({ password: 'Pw-py1', level: 31 });
  });

  it("a file part (curl -F accounts=@FILE) is not a form field: PGPool's 503, saying how to send it, nothing added", async () => {
    const s = await serveAccounts({ old1: 12 });
    const file = await accountsFile('ptc,f1,Pw-f1\n');
    const answer = await curl(s, ['-F', 'level=30', '-F', `accounts=@${file}`]);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).error).toMatch(/^No accounts provided, or data not parseable: the file part "accounts" is not read, as PGPool did not read it; send the file's text as the field \(curl -F 'accounts=<FILE'/);
    const [py] = await python(s, [{ post: '/account/add', multipart: { level: '30' }, files: { accounts: 'ptc,f2,Pw-f2' } }]);
    expect(py!.status).toBe(503);
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
  });

  it("no level posted: a new account gets PGPool's level 1 (data.get('level', 1)), one the pool knows keeps its own", async () => {
    const s = await serveAccounts({ old1: 12 });
    // The add page posts its empty level field as `level=`; curl --data-urlencode none at all.
    const page = await curl(s, ['--data-urlencode', 'level=', '--data-urlencode', 'condition=unknown', '--data-urlencode', 'accounts=ptc,n1,Pw-n1\nold1:Pw-old1']);
    const bare = await curl(s, ['--data-urlencode', 'accounts=n2:Pw-n2']);
    const [json] = await python(s, [{ post: '/account/add', json: { accounts: [{ username: 'n3', password: 'Pw-n3' }] } }]);
    expect([page.status, bare.status, json!.status]).toEqual([200, 200, 200]);
    const after = await stored(s);
    for (const name of ['n1', 'n2', 'n3']) expect(after.get(name)).toMatchObject({ level: 1 });
    expect(after.get('old1')).toMatchObject({ level: 12, password: 'Pw-old1' });
    // An account a scanner's update or release names first is still PGPool's NULL level, 0.
    await python(s, [{ post: '/account/update', data: { username: 'u1', password: 'Pw-u1' } }]);
    expect((await stored(s)).get('u1')).toMatchObject({ level: 0 });
  });

  it('bytes that are not UTF-8 (a Latin-1 file) are refused naming the line, never turned into U+FFFD passwords: nothing added', async () => {
    const s = await serveAccounts({ old1: 12 });
    const file = await accountsFile(Buffer.concat([Buffer.from('ptc,l1,Pw-l1\nptc,l2,caf'), Buffer.from([0xe9]), Buffer.from('9\n')]));
    const multipart = await curl(s, ['-F', `accounts=<${file}`]);
    const encoded = await curl(s, ['--data-urlencode', `accounts@${file}`]);
    const body = await accountsFile(Buffer.concat([Buffer.from('accounts=ptc,l3,caf'), Buffer.from([0xe9])]));
    const raw = await curl(s, ['-H', 'content-type: application/x-www-form-urlencoded', '--data-binary', `@${body}`]);
    for (const answer of [multipart, encoded]) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error).toMatch(/^1 of 2 accounts do not read, nothing was added: line 2: holds U\+FFFD, where bytes that are not UTF-8 were/);
      expect(answer.text).not.toMatch(/caf|Pw-l1/);
    }
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.text).error).toMatch(/^the request body is not UTF-8/);
    expect([...(await stored(s)).keys()]).toEqual(['old1']);
  });

  it("GoManager's Export to PGPool (a form never URL-encoded) adds what reads as it meant; a password a form reader would change is refused, named, nothing added", async () => {
    const s = await serveAccounts({ old1: 12 });
    // Furtif/Account-Manager PokemonGoGUI/GoManager/Manager.Player.cs ExportToPGPool: C#'s
    // StringContent($"level={MaxLevel}&condition=good&accounts={auth},{AccountName},{Password}",
    // UTF8, form type), answer checked with res.Contains("Successfully added").
    const goManager = (accounts: string, extra = '') =>
      s.call('POST', '/account/add', `level=30&condition=good&accounts=${accounts}${extra}`, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    const plain = await goManager('ptc,gm1,Pw.gm1!=50%');
    expect([plain.status, plain.text]).toEqual([200, 'Successfully added 1 accounts.']);
    const curlD = await s.call('POST', '/account/add', 'accounts=ptc,gm2,Pw-gm2&level=31', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(curlD.status).toBe(200);
    // `+` read as a blank, `%41` as `A`, a `&` ending the field: PGPool's Flask stored another password.
    for (const [login, password] of [['gm3', 'Pa+ss3'], ['gm4', 'p%41ss4'], ['gm5', 'pa&ss5']] as const) {
      const answer = await goManager(`ptc,${login},${password}`);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatch(new RegExp(`^line 1 \\("${login}"\\): the accounts field came without URL encoding.*nothing was added$`));
      expect(answer.text).not.toMatch(/Pa|ss[345]/);
    }
    // The same password URL-encoded (Python's requests, a browser's form) is read exactly.
    const [encoded] = await python(s, [{ post: '/account/add', form: { accounts: 'ptc,gm6,Pa+ss&6' } }]);
    expect(encoded!.status).toBe(200);
    // PGPool's `?accounts=` (request.args), a query typed by hand: the same reading.
    const typed = await s.call('POST', '/account/add?level=30&accounts=ptc,gm7,Pa+ss7');
    expect([typed.status, typed.json.error]).toEqual([400, expect.stringMatching(/^line 1 \("gm7"\): the accounts field came without URL encoding/)]);
    expect((await s.call('POST', '/account/add?accounts=ptc,gm8,Pw-gm8&token=&level=30')).status).toBe(200);
    const after = await stored(s);
    expect([...after.keys()].sort()).toEqual(['gm1', 'gm2', 'gm6', 'gm8', 'old1']);
    expect(after.get('gm1')).toMatchObject({ password: 'Pw.gm1!=50%', level: 30 });
    expect(after.get('gm2')).toMatchObject({ password: 'Pw-gm2', level: 31 });
    expect(after.get('gm6')).toMatchObject({ password: 'Pa+ss&6' });
  });
});

describe("a fork's /account/requestLure (richardsang2008/PGPool: accounts other scanners hold, lent again without a hold)", () => {
  it('is not served: a 404 whose body a client reads as no accounts, with the reason in the header', async () => {
    const s = await serveAccounts({ lure1: 30 });
    const [answer] = await python(s, [{ get: '/account/requestLure', params: { count: 1, min_level: 1, max_level: 40 } }]);
    expect(answer!.status).toBe(404);
    expect(answer!.json).toEqual([]); // `accounts[0] if accounts and count == 1 else accounts`: [] when none
    const raw = await s.call('GET', '/account/requestLure?count=1');
    expect(decodeURIComponent(raw.headers.get('x-accountpool-error') ?? '')).toMatch(/requestLure is not served: it lent accounts other scanners hold without a hold.*no such path \/account\/requestLure/);
    expect((await stored(s)).get('lure1')).not.toHaveProperty('holder');
    // sLoPPydrive's first PGPool (codename-art/PGPool 2e80778, August 2017): a CSV upload, later pgpool-import.py.
    const csv = await s.call('POST', '/account/csvimport', 'ptc,c1,Pw-c1');
    expect([csv.status, csv.json.error]).toEqual([404, expect.stringMatching(/^PGPool's first CSV upload \(August 2017\) is not served: post the lines as the accounts field of POST \/account\/add/)]);
    const [post] = await python(s, [{ post: '/account/nothing', data: { username: 'lure1' } }]);
    expect(post!.status).toBe(404);
    expect(post!.json).toMatchObject({ error: expect.stringContaining('no such path /account/nothing') });
  });
});
