// Everything a client can get wrong gets a clear 4xx, never a crash; the token; the body limit;
// and the request log never shows a password or the token.
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored } from './helpers.js';

describe('bad requests', () => {
  it('answers 400 with a clear message for bad parameters', async () => {
    const s = await serveAccounts(['acc1']);
    const cases: [string, RegExp][] = [
      ['/account/request', /system_id is required/],
      ['/account/request?system_id=', /system_id is required/],
      ['/account/request?system_id=x&count=abc', /count must be a whole number from 1 to 10000, not "abc"/],
      ['/account/request?system_id=x&count=0', /count must be a whole number/],
      ['/account/request?system_id=x&count=-1', /count must be a whole number/],
      ['/account/request?system_id=x&min_level=31&max_level=30', /min_level 31 is above max_level 30/],
      ['/account/request?system_id=x&reuse=maybe', /reuse must be true or false, not "maybe"/],
      ['/account/request?system_id=x&banned_or_new=2', /banned_or_new must be true or false/],
    ];
    for (const [path, message] of cases) {
      const r = await s.call('GET', path);
      expect(r.status, path).toBe(400);
      expect(r.json.error, path).toMatch(message);
    }
    // Unknown parameters (PGPool clients send `shadow`) are ignored.
    expect((await s.call('GET', '/account/request?system_id=x&shadow=False')).json.username).toBe('acc1');
  });

  it('answers 400 for malformed JSON, bad items, reserved fields and unknown accounts, changing nothing', async () => {
    const s = await serveAccounts(['acc1', 'acc2']);
    const before = await stored(s);
    const cases: [unknown, RegExp][] = [
      ['{"username": "acc1", ', /malformed JSON in the request body/],
      ['', /empty request body/],
      ['42', /the update must be a JSON object with a username/],
      [[{ username: 'acc1' }, 'x'], /item 2 must be a JSON object/],
      [{ level: 3 }, /username must be text/],
      [{ username: 'acc1', level: 'high' }, /level must be a whole number/],
      [{ username: 'acc1', banned: 'yes' }, /banned must be true, false or null/],
      [{ username: 'acc1', auth_service: 'facebook' }, /auth_service must be ptc or google/],
      [{ username: 'acc1', state: 'ok' }, /state is kept by accountpool itself/],
      [{ username: 'acc1', holder: 'me' }, /holder is kept by accountpool itself/],
      [{ username: 'acc1', stats: { a: 1 } }, /stats must be a number, text, true\/false or null/],
      [[{ username: 'acc1', level: 40 }, { username: 'ghost' }, { username: 'spook' }], /unknown accounts "ghost", "spook": not in the pool.*nothing was changed/],
    ];
    for (const route of ['/account/update', '/account/release']) {
      for (const [body, message] of cases) {
        const r = await s.call('POST', route, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json.error, JSON.stringify(body)).toMatch(message);
      }
    }
    expect(await stored(s)).toEqual(before); // acc1's level 40 was not applied: the post is all or nothing
  });

  it('answers 404 for unknown paths, 405 for wrong methods, 413 for oversized bodies', async () => {
    const s = await serveAccounts(['acc1'], { maxBodyBytes: 1000 });
    expect((await s.call('GET', '/account/nothing')).status).toBe(404);
    const wrong = await s.call('POST', '/account/request', {});
    expect(wrong.status).toBe(405);
    expect(wrong.json.error).toMatch(/takes GET, not POST/);
    expect((await s.call('GET', '/account/update')).status).toBe(405);
    const big = await s.call('POST', '/account/update', { username: 'acc1', note: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.json.error).toMatch(/request body too large/);
    // The server goes on answering.
    expect((await s.call('GET', '/account/request?system_id=x')).json.username).toBe('acc1');
  });
});

describe('the token', () => {
  it('is required on every request when set: 401 without it or with a wrong one', async () => {
    const s = await serveAccounts(['acc1'], { token: 's3cret' });
    for (const [path, headers] of [
      ['/account/request?system_id=x', {}],
      ['/status', {}],
      ['/account/request?system_id=x&token=wrong', {}],
      ['/account/request?system_id=x', { authorization: 'Bearer wrong' }],
      ['/account/request?system_id=x', { 'x-accountpool-token': 's3cre' }],
    ] as const) {
      const r = await s.call('GET', path, undefined, headers);
      expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
      expect(r.json.error).toMatch(/missing or wrong token/);
    }
    expect((await s.call('POST', '/account/release', { username: 'acc1' })).status).toBe(401);
    expect((await stored(s)).get('acc1')).not.toHaveProperty('holder'); // nothing was handed out
    expect((await s.call('GET', '/status', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect((await s.call('GET', '/status', undefined, { 'x-accountpool-token': 's3cret' })).status).toBe(200);
    expect((await s.call('GET', '/account/request?system_id=x&token=s3cret')).json.username).toBe('acc1');
  });
});

describe('the request log', () => {
  it('has one line per request with method, path, status, time and counts, and never a password or the token', async () => {
    const s = await serveAccounts(['acc1', 'acc2'], { token: 'tok-very-secret' });
    const auth = { authorization: 'Bearer tok-very-secret' };
    await s.call('GET', '/account/request?system_id=east&count=2', undefined, auth);
    await s.call('POST', '/account/update', { username: 'acc1', password: 'pw-acc1', level: 31 }, auth);
    await s.call('POST', '/account/update', '{"username": "acc1", "password": "pw-acc2" oops', auth);
    await s.call('POST', '/account/update', { username: 'acc1', password: 7 }, auth);
    await s.call('POST', '/account/release', [{ username: 'acc1', password: 'pw-acc1' }, { username: 'acc2' }], auth);
    await s.call('GET', '/account/request?system_id=east&token=tok-very-secret');
    await s.call('GET', '/status?token=nope');
    expect(s.log).toHaveLength(7);
    for (const line of s.log) {
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (GET|POST) \/\S* \d{3} \d+\.\dms/);
      expect(line).not.toMatch(/pw-acc|tok-very-secret|nope/);
    }
    expect(s.log[0]).toMatch(/GET \/account\/request 200 .* system_id=east asked=2 given=2$/);
    expect(s.log[1]).toMatch(/POST \/account\/update 200 .* accounts=1 refreshed=1$/);
    expect(s.log[2]).toMatch(/POST \/account\/update 400 .*malformed JSON/);
    expect(s.log[4]).toMatch(/POST \/account\/release 200 .* accounts=2 released=2$/);
    expect(s.log[6]).toMatch(/GET \/status 401/);
  });
});
