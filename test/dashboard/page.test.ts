// The dashboard over HTTP, as `accountpool serve` answers `/`: what the page shows, that every
// name from outside is escaped, that it holds no password and runs no script, and the token's
// way in for a browser (a form or ?token= once, then a cookie that opens the page and nothing else).
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { Pool } from '../../src/store/pool.js';
import { createAccountServer, type AccountServer } from '../../src/server/server.js';
import { COOKIE } from '../../src/dashboard/access.js';
import { dashboardPool, PASSWORD_MARK, XSS } from './helpers.js';
import { makePool, type TestPool } from '../helpers/pool.js';

const running: AccountServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function serve(pool: TestPool, token?: string): Promise<string> {
  const server = createAccountServer({ pool: await Pool.open(pool.dir), token });
  running.push(server);
  const { port } = await server.listen(0);
  return `http://127.0.0.1:${port}`;
}

const BROWSER = { accept: 'text/html,application/xhtml+xml' };

/** Every element name and attribute name in the page, as a browser's parser sees them. */
function elementsOf(page: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const walk = (node: any) => {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      tags.add(node.name);
      for (const name of Object.keys(node.attribs ?? {})) attributes.add(name);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(parseDocument(page));
  return { tags, attributes };
}

describe('dashboard page', () => {
  it('shows counts by level and state, holders and hold ends, the forecast with a chart per range, the sellers and the inbox', async () => {
    const pool = await dashboardPool();
    const base = await serve(pool);
    const res = await fetch(`${base}/`, { headers: BROWSER });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<meta http-equiv="refresh" content="30">');
    for (const heading of ['Alerts', 'Accounts by level', 'Holders', 'Forecast', 'Sellers', 'Inbox']) expect(page).toContain(`<h2>${heading}</h2>`);
    expect(page).toMatch(/<span class="alert">alert<\/span><\/td><td>30 available &lt; 55<\/td>/);
    expect(page).toMatch(/<td>30<\/td><td>60<\/td>/); // level 30: 60 accounts
    expect(page).toContain('States: ok 88, temp_banned 6, blind 6');
    expect(page).toMatch(/<span class="name">west<\/span><\/td><td>5<\/td><td><span title="[^"]+">in 1[12] h<\/span>/); // a 12 h lease
    expect(page).toMatch(/alert\(&#39;instance&#39;\)&lt;\/script&gt;<\/span><\/td><td>10<\/td><td><span title="[^"]+">in 1[01] h<\/span>/);
    // one chart per range scanners asked for, with bars for the days that had allocations and losses
    expect(page).toContain('<svg class="chart" data-range="30-31"');
    expect(page).toContain('<svg class="chart" data-range="30"');
    expect((page.match(/class="bar out"/g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect((page.match(/class="bar lost"/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(page).toMatch(/<td>30-31<\/td><td>\d+<\/td><td>\d+<\/td>/);
    expect(page).toMatch(/<span class="name">b\.txt<\/span><\/td><td>40<\/td>/);
    expect(page).toContain('<h3>Waiting (1)</h3>');
    expect(page).toContain('<h3>Failed (1)</h3>');
    expect(page).toMatch(/<span class="name">no-level\.txt<\/span>.*<span class="reason">[^<]*no level known for 1 account/s);
    expect(page).not.toContain(PASSWORD_MARK);
  });

  it('escapes every name from outside: a seller label, an instance name and an inbox file name stay text; no script, no handler', async () => {
    const pool = await dashboardPool();
    const page = await (await fetch(`${await serve(pool)}/`, { headers: BROWSER })).text();
    const { tags, attributes } = elementsOf(page);
    expect([...tags].filter((t) => ['script', 'img', 'iframe', 'object', 'embed', 'a', 'link', 'base'].includes(t))).toEqual([]);
    expect([...attributes].filter((a) => a.startsWith('on') || a === 'src' || a === 'href')).toEqual([]);
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(&#39;seller&#39;)&gt;');
    expect(page).toContain('&lt;script&gt;alert(&#39;instance&#39;)&lt;/script&gt;');
    expect(page).toContain(String.raw`&lt;svg onload=alert(&#39;file&#39;)&gt;\u202etxt.exe`);
    expect(page).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    for (const raw of Object.values(XSS)) expect(page).not.toContain(raw);
  });

  it('with a token: a login form, ?token= or the form sets a cookie that opens the page (and only the page); monitors still get their line', async () => {
    const pool = await dashboardPool();
    const base = await serve(pool, 's3cret-token');
    const form = await fetch(`${base}/`, { headers: BROWSER });
    expect(form.status).toBe(401);
    const formPage = await form.text();
    expect(formPage).toContain('<form method="post" action="/">');
    expect(formPage).not.toContain('Accounts by level');
    expect((await fetch(`${base}/?token=wrong`, { headers: BROWSER, redirect: 'manual' })).status).toBe(401);

    const viaUrl = await fetch(`${base}/?token=s3cret-token`, { headers: BROWSER, redirect: 'manual' });
    expect(viaUrl.status).toBe(303);
    expect(viaUrl.headers.get('location')).toBe('/'); // the token leaves the address bar
    const cookie = viaUrl.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=[0-9a-f]{64}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain('s3cret-token');
    const jar = cookie.split(';')[0]!;
    const opened = await fetch(`${base}/`, { headers: { ...BROWSER, cookie: jar } });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Accounts by level');
    // the cookie is no token for the account API
    const api = await fetch(`${base}/account/request?system_id=x&count=1`, { headers: { cookie: jar } });
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual([]);

    const posted = await fetch(`${base}/`, { method: 'POST', headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=s3cret-token', redirect: 'manual' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('set-cookie')?.split(';')[0]).toBe(jar);
    const wrongPost = await fetch(`${base}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=nope', redirect: 'manual' });
    expect(wrongPost.status).toBe(401);
    expect(await wrongPost.text()).toContain('That is not the token.');

    expect((await fetch(`${base}/`)).status).toBe(401); // a monitor without the token
    const probe = await fetch(`${base}/`, { headers: { authorization: 'Bearer s3cret-token' } });
    expect(await probe.text()).toBe('accountpool: PGPool-compatible account server running\n');
  });

  it('the cookie says nothing of the token: two servers with one token give different cookies, neither opens the other, and one computed from the token is refused', async () => {
    // Cookies reach every port of 127.0.0.1 (a scanner's map on :5000 gets this one): were the
    // cookie a function of the token, whoever saw it could try token guesses offline.
    const pool = await makePool(1); // an empty pool: the login is all this test reads
    const [first, second] = [await serve(pool, 'short'), await serve(pool, 'short')];
    const login = async (base: string) => (await fetch(`${base}/?token=short`, { headers: BROWSER, redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    const [jar1, jar2] = [await login(first), await login(second)];
    expect(jar1).not.toBe(jar2);
    expect((await fetch(`${first}/`, { headers: { ...BROWSER, cookie: jar1 } })).status).toBe(200);
    expect((await fetch(`${second}/`, { headers: { ...BROWSER, cookie: jar1 } })).status).toBe(401);
    // stop 66's cookie: HMAC-SHA256 keyed by the token over a fixed text
    const forged = createHmac('sha256', 'short').update('accountpool dashboard cookie v1').digest('hex');
    const refused = await fetch(`${first}/`, { headers: { ...BROWSER, cookie: `${COOKIE}=${forged}` } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain('Accounts by level');
  });
});
