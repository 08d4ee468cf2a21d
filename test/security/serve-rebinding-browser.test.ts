// DNS rebinding and cross-origin pages against `serve` (no token), in a real browser: Debian's
// chromium driven by playwright-core, as test/dashboard/browser.test.ts drives it. The other
// rebinding tests (serve-dns-rebinding.test.ts, server-cross-site.test.ts) send the headers we
// believe Chrome sends; here Chrome writes them itself. The rebinding: chromium resolves
// rebind.evil.example to 127.0.0.1 (--host-resolver-rules), the attacker's page is the one
// document the test hands the browser for http://rebind.evil.example:PORT/ (as the attacker's own
// server would, before the name is re-pointed), and every request the page then makes goes over
// the network to `serve` as same-origin requests the page may read. The control: the same page,
// with that name given to --allow-host, does read an account (so the refusals below are the
// server's, not the browser's). Skipped, saying so, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext } from 'playwright-core';
import { serveAccounts, stored, type TestServer } from '../server/helpers.js';
import { testdir } from '../helpers/testdir.js';

const BROWSER = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(BROWSER);
if (!HAVE_BROWSER) console.warn(`test/security/serve-rebinding-browser.test.ts skipped: no browser at ${BROWSER} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the attacker's page does once its name points at the pool: read accounts, allocate, change a password, read the status. */
const ATTACK = `<!doctype html><script>
window.done = (async () => {
  const out = {};
  const read = async (what, path, init) => {
    try { const r = await fetch(path, init); out[what] = { status: r.status, text: await r.text() }; }
    catch (e) { out[what] = { error: String(e) }; }
  };
  await read('request', '/account/request?system_id=evil&count=5');
  await read('update', '/account/update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'pw-of-the-attacker' }) });
  await read('simple', '/account/update', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ username: 'bob', password: 'pw-of-the-attacker' }) });
  await read('status', '/status');
  return out;
})();
</script>`;

type Outcome = Record<string, { status?: number; text?: string; error?: string }>;

async function browser(dir: string): Promise<BrowserContext> {
  const rules = 'MAP rebind.evil.example 127.0.0.1, MAP evil.example 127.0.0.1';
  // Chromium itself refuses an http:// page from a public address any request to loopback or the
  // LAN (Local Network Access: "the request client is not a secure context and the resource is in
  // more-private address space"); Firefox and Safari do not, nor an older Chrome, nor Chrome for a
  // page the rebound name served from this host itself. It is turned off here, so what stops the
  // page is the server (the control below shows requests do get through).
  return chromium.launchPersistentContext(dir, { executablePath: BROWSER, headless: true, args: [...FLAGS, `--host-resolver-rules=${rules}`, '--disable-features=LocalNetworkAccessChecks'] });
}

function portOf(server: TestServer): number {
  return (server.server.http.address() as AddressInfo).port;
}

/** Opens the attacker's page as http://NAME:PORT/ (the one document handed over), and returns what its requests got. */
async function attack(context: BrowserContext, name: string, port: number): Promise<Outcome> {
  const page = await context.newPage();
  const origin = `http://${name}:${port}/`;
  await page.route(origin, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: ATTACK }));
  await page.goto(origin);
  const outcome = (await page.evaluate('window.done')) as Outcome;
  await page.close();
  return outcome;
}

describe('serve against pages in a real browser', () => {
  let context: BrowserContext;
  // One browser for the file (its start is most of the time).
  beforeAll(async () => {
    if (HAVE_BROWSER) context = await browser(await testdir());
  });
  afterAll(async () => {
    await context?.close();
  });

  it.skipIf(!HAVE_BROWSER)('a rebound page reads no account, allocates nothing, changes no password, reads no status; with its name allowed it would', async () => {
    // On 0.0.0.0 without a token, as unmodified PGPool clients on a LAN need it (and loopback's own names only, by default).
    const refused = await serveAccounts(['alice', 'bob'], { listen: '0.0.0.0' });
    const allowed = await serveAccounts(['alice', 'bob'], { listen: '0.0.0.0', allowHosts: ['rebind.evil.example'] });
    {
      const loopback = await serveAccounts(['alice']);
      expect((await attack(context, 'rebind.evil.example', portOf(loopback))).request).toEqual({ status: 403, text: '[]' });
      const got = await attack(context, 'rebind.evil.example', portOf(refused));
      expect(got.request).toEqual({ status: 403, text: '[]' });
      expect(got.update!.status).toBe(403);
      expect(got.simple!.status).toBe(403);
      expect(got.status!.status).toBe(403);
      expect(got.status!.text).not.toMatch(/alice|bob/);
      // Chrome's own Host reached the server, and the server said why.
      expect(refused.log.some((line) => /403 .*Host \\?"rebind\.evil\.example:\d+\\?" is not a name this server answers to/.test(line))).toBe(true);
      for (const name of ['alice', 'bob']) {
        const account = (await stored(refused)).get(name)!;
        expect(account.password, name).toBe(`pw-${name}`);
        expect(account.holder, name).toBeUndefined();
      }

      // The control: the same page, its name allowed, reads accounts and passwords.
      const control = await attack(context, 'rebind.evil.example', portOf(allowed));
      expect(control.request!.status).toBe(200);
      expect(control.request!.text).toMatch(/"password": ?"pw-(alice|bob)"/);
    }
  });

  it.skipIf(!HAVE_BROWSER)('a page of another origin cannot allocate through a no-cors GET, a form post or an image', async () => {
    const server = await serveAccounts(['alice', 'bob']);
    const target = `http://127.0.0.1:${portOf(server)}`;
    {
      const page = await context.newPage();
      const origin = 'http://evil.example:8/';
      const html = `<!doctype html><body>
        <img src="${target}/account/request?system_id=img&count=1">
        <form id="f" method="POST" action="${target}/account/update" enctype="text/plain"><input name='{"username":"alice","password":"pw-of-the-attacker","x":"' value='"}'></form>
        <script>
          window.done = fetch('${target}/account/request?system_id=nocors&count=1', { mode: 'no-cors' }).then(() => 'sent', (e) => String(e));
        </script></body>`;
      await page.route(origin, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      await page.goto(origin);
      await page.evaluate('window.done');
      await Promise.all([page.waitForNavigation().catch(() => undefined), page.evaluate(`document.getElementById('f').submit()`)]);
      // All three reached the server (so the browser did not stop them) and were refused there.
      const refusals = server.log.filter((line) => / 403 /.test(line));
      expect(refusals.some((line) => /system_id=img|\/account\/request/.test(line))).toBe(true);
      expect(refusals.some((line) => /\/account\/update/.test(line))).toBe(true);
      expect(refusals.length).toBeGreaterThanOrEqual(3);
      for (const name of ['alice', 'bob']) {
        const account = (await stored(server)).get(name)!;
        expect(account.password, name).toBe(`pw-${name}`);
        expect(account.holder, name).toBeUndefined();
      }
    }
  });
});
