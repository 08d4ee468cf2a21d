// A client trying tokens against `serve --token`: before, every guess was answered at once, so a
// short token fell to trying (serve only warned). Now each client address gets a few wrong tokens
// free, then is shut out for a doubling time, answered 429 before any token is compared; clients
// at other addresses, with the right token, go on untouched. Real HTTP on loopback: 127.0.0.2 is a
// second client address (Linux routes all of 127/8 to lo), ::1 a third.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serveAccounts } from '../server/helpers.js';
import { addressKey, DRAIN_MS, MAX_TOKENS, TokenThrottle } from '../../src/server/token-throttle.js';

const TOKEN = 'right-token-0123456789abcdef';

/** One GET from `localAddress`, answered status, headers and body. */
function get(url: string, path: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('guessing the serve token', () => {
  it('shuts a guessing address out, answers 429 before comparing, and leaves right-token clients elsewhere alone', async () => {
    let now = 0;
    const throttle = new TokenThrottle(() => now);
    const server = await serveAccounts(['alpha', 'bravo', 'charlie'], { token: TOKEN, throttle });
    const wrong = (i: number) => ({ authorization: `Bearer guess-${i}` });
    // Ten wrong tokens cost nothing: a scanner left with an old token gets its 401s.
    for (let i = 0; i < 10; i++) expect((await get(server.url, '/status', '127.0.0.1', wrong(i))).status).toBe(401);
    // The eleventh shuts the address out for 1 s; then every request from it is 429, the right token's too (no guess is checked there).
    expect((await get(server.url, '/status', '127.0.0.1', wrong(10))).status).toBe(401);
    const shut = await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer ${TOKEN}` });
    expect(shut.status).toBe(429);
    expect(shut.retryAfter).toBe('1');
    expect(shut.text).toContain('too many wrong tokens from 127.0.0.1');
    expect(shut.text).not.toContain(TOKEN);
    // ?token= and the dashboard's login form are the same door.
    expect((await get(server.url, `/account/request?system_id=w&count=1&token=${TOKEN}`, '127.0.0.1')).status).toBe(429);
    expect((await get(server.url, `/?token=${TOKEN}`, '127.0.0.1', { accept: 'text/html' })).status).toBe(429);
    // Another address with the right token: served at once, as ever.
    const other = await get(server.url, '/account/request?system_id=w&count=1', '127.0.0.2', { authorization: `Bearer ${TOKEN}` });
    expect(other.status, other.text).toBe(200);
    expect(JSON.parse(other.text).username).toBeDefined();
    // The shut-out ends: one guess, wrong, doubles it (2 s).
    now += 1000;
    expect((await get(server.url, '/status', '127.0.0.1', wrong(11))).status).toBe(401);
    expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer ${TOKEN}` })).retryAfter).toBe('2');
    now += 2000;
    // The right token then: served, but the count stays: the next guess shuts the address out at once, for 4 s.
    expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get(server.url, '/status', '127.0.0.1', wrong(12))).status).toBe(401);
    expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer ${TOKEN}` })).retryAfter).toBe('4');
    // It drains by one guess a minute: 13 minutes without a guess, and ten are free again.
    now += 13 * DRAIN_MS;
    for (let i = 13; i < 23; i++) expect((await get(server.url, '/status', '127.0.0.1', wrong(i))).status).toBe(401);
    expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect(server.log.join('\n')).not.toContain(TOKEN);
  });

  it('one client behind a NAT repeating an old token shuts out that token only; the right-token clients beside it are served; so does a scanner sending none', async () => {
    let now = 0;
    const throttle = new TokenThrottle(() => now);
    const server = await serveAccounts(['alpha', 'bravo', 'charlie'], { token: TOKEN, throttle });
    const stale = { authorization: 'Bearer old-token-before-the-rotation' };
    const right = { authorization: `Bearer ${TOKEN}` };
    // A scanner left with the old token retries 40 times: from its 12th on it is refused unread...
    for (let i = 0; i < 11; i++) expect((await get(server.url, '/status', '127.0.0.1', stale)).status).toBe(401);
    for (let i = 0; i < 29; i++) expect((await get(server.url, '/status', '127.0.0.1', stale)).status).toBe(429);
    const refused = await get(server.url, '/status', '127.0.0.1', stale);
    expect(refused.text).toContain('this wrong token was sent from 127.0.0.1 too many times');
    expect(refused.text).not.toContain('old-token');
    // ...while the scanners beside it (the same address) with the right token are served, and their success frees no stale token.
    expect((await get(server.url, '/account/request?system_id=w&count=1', '127.0.0.1', right)).status).toBe(200);
    expect((await get(server.url, '/status', '127.0.0.1', stale)).status).toBe(429);
    expect((await get(server.url, `/?token=old-token-before-the-rotation`, '127.0.0.1', { accept: 'text/html' })).status).toBe(429);
    // A guesser there, each guess another token, shuts the address out as before: the right token too (no guess is checked there).
    // The stale token's first try was a guess of the address's (the scanners' right tokens gave none back): ten more shut it out.
    for (let i = 0; i < 10; i++) expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer guess-${i}` })).status).toBe(401);
    expect((await get(server.url, '/status', '127.0.0.1', right)).status).toBe(429);
    now += 1000;
    expect((await get(server.url, '/status', '127.0.0.1', right)).status).toBe(200);
    // A scanner there sending no token at all, again and again: its own bucket (it guesses nothing), never its neighbours.
    for (let i = 0; i < 11; i++) expect((await get(server.url, '/status', '127.0.0.3')).status).toBe(401);
    const tokenless = await get(server.url, '/status', '127.0.0.3');
    expect(tokenless.status, tokenless.text).toBe(429);
    expect(tokenless.text).toContain('too many requests without a token from 127.0.0.3');
    expect((await get(server.url, '/status', '127.0.0.3', right)).status).toBe(200);
    expect(server.log.join('\n')).not.toContain('old-token');
  });

  it('a guesser behind a NAT gets no guesses back from its neighbour\'s right token', async () => {
    let now = 0;
    const throttle = new TokenThrottle(() => now);
    const server = await serveAccounts(['alpha', 'bravo'], { token: TOKEN, throttle });
    const right = { authorization: `Bearer ${TOKEN}` };
    let guesses = 0;
    // Ten free guesses, the eleventh shuts the address out; each time the shut-out ends the
    // neighbour's scanner is served, then the guesser tries again: one guess per shut-out, never ten.
    for (let i = 0; i < 11; i++) expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer guess-${guesses++}` })).status).toBe(401);
    for (let round = 0; round < 5; round++) {
      now += throttle.addressWait('127.0.0.1');
      expect((await get(server.url, '/account/request?system_id=nat&count=1&reuse=true', '127.0.0.1', right)).status).toBe(200);
      expect((await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer guess-${guesses++}` })).status).toBe(401);
      const next = await get(server.url, '/status', '127.0.0.1', { authorization: `Bearer guess-${guesses}` });
      expect(next.status, `round ${round}`).toBe(429);
      expect(Number(next.retryAfter)).toBe(2 ** (round + 1));
    }
  });

  it('remembers a bounded number of wrong tokens an address, forgetting one costing the address a guess', () => {
    const throttle = new TokenThrottle(() => 0);
    for (let i = 0; i < 5; i++) throttle.failed('198.51.100.7', `t${i}`);
    for (let i = 0; i < 20; i++) throttle.failed('198.51.100.7', 't0'); // repeats: the token, never the address
    expect(throttle.addressWait('198.51.100.7')).toBe(0);
    expect(throttle.waitFor('198.51.100.7', 't0')).toBeGreaterThan(0);
    expect(throttle.waitFor('198.51.100.7', 't1')).toBe(0);
    // 100 guesses more: the address shut out; only MAX_TOKENS of them kept.
    for (let i = 5; i < 105; i++) throttle.failed('198.51.100.7', `t${i}`);
    expect(throttle.addressWait('198.51.100.7')).toBeGreaterThan(0);
    expect((throttle as unknown as { records: Map<string, { tokens: Map<string, unknown> }> }).records.get('198.51.100.7')!.tokens.size).toBe(MAX_TOKENS);
  });

  it('a dashboard login form posting wrong tokens is shut out too', async () => {
    let now = 0;
    const throttle = new TokenThrottle(() => now);
    const server = await serveAccounts(['alpha'], { token: TOKEN, throttle });
    const post = (token: string) => fetch(`${server.url}/`, { method: 'POST', body: new URLSearchParams({ token }), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, redirect: 'manual' });
    for (let i = 0; i < 11; i++) expect((await post(`guess-${i}`)).status).toBe(401);
    expect((await post(TOKEN)).status).toBe(429);
    now += 1000;
    expect((await post(TOKEN)).status).toBe(303); // logged in
  });

  it('counts an IPv6 /64 as one address, a mapped IPv4 as itself', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe(addressKey('fe80::2'));
  });

  it('remembers a bounded number of addresses, forgetting the longest unheard of first and the idle', () => {
    let now = 0;
    const throttle = new TokenThrottle(() => now);
    for (let i = 0; i < 15; i++) throttle.failed('203.0.113.9'); // shut out
    expect(throttle.waitFor('203.0.113.9')).toBeGreaterThan(0);
    for (let i = 0; i < 30_000; i++) throttle.failed(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.size).toBe(10_000);
    // A fresh attacker's flood of 30,000 addresses pushes the first out: bounded, at that price.
    expect(throttle.waitFor('203.0.113.9')).toBe(0);
    for (let i = 0; i < 15; i++) throttle.failed('203.0.113.9');
    now += 16 * 60_000; // a quarter of an hour unheard of: forgotten
    expect(throttle.waitFor('203.0.113.9')).toBe(0);
  });
});
