// PGPool's `/account/add`, which only one fork has: richardsang2008/PGPool pgpool.py `account_add`
// (ngovil21's add_account branch merged there, commits a63040a to fcfb99b). Its form (GET) posts
// `accounts` (lines auth,username,password / username,password / username:password, split by
// load_accounts), `level` and `condition` (force_account_condition); the same fields may come in
// the query; a JSON body is `{"accounts": [objects], "level", "condition"}` (a63040a) or one
// account object with `input_level` (fcfb99b). Answers: "Successfully added N accounts." (a list),
// "Successfully added 1 account." (one object), 503 "No accounts provided, or data not parseable".
// Sent with Python's own `requests` (test/helpers/pgpool_client.py), as a script of the operator's would.
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored } from './helpers.js';
import { python } from './python-requests.js';

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

  it('says which accounts it did not add, and which it took for another spelling of an account in the pool, whose password it left', async () => {
    const s = await serveAccounts({ old1: 12 });
    await python(s, [{ post: '/account/add', form: { accounts: 'google,johndoe@gmail.com,Pw-first' } }]);
    const [answer] = await python(s, [{ post: '/account/add', form: { accounts: 'google,John.Doe+pogo@gmail.com,Pw-other\nptc,=cmd|x,Pw-f' } }]);
    expect(answer!.status).toBe(200);
    const [done, respelled, skipped] = answer!.text.split('\n');
    expect(done).toBe('Successfully added 0 accounts.'); // the account was there: nothing added
    expect(respelled).toMatch(/^Another spelling of an account in the pool, its password not set: 1: "John\.Doe\+pogo@gmail\.com" as "johndoe@gmail\.com"$/);
    expect(skipped).toMatch(/^Not added: 1: "=cmd\|x": not in the pool, and cannot be added/);
    expect(answer!.text).not.toContain('Pw-');
    const after = await stored(s);
    expect(after.get('johndoe@gmail.com')).toMatchObject({ password: 'Pw-first' });
    expect([...after.keys()].sort()).toEqual(['johndoe@gmail.com', 'old1']);
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
