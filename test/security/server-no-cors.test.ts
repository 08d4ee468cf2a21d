// A web page cannot hold the pool's accounts through a request it never reads. `GET
// /account/request` changes the pool (it holds what it answers), and a page may make the browser
// GET any URL without an Origin: `<img src="http://127.0.0.1:4242/account/request?system_id=x&count=10000">`,
// a no-cors fetch, a link or redirect. It never reads the answer, but every account would be held
// by `x` until the release timeout and the scanners would get none. Browsers tag such requests
// with `Sec-Fetch-Site` (older ones with `Referer`); PGPool's clients send neither. A real
// `serve` process and real requests with exactly the headers a browser sends.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts, type TestPool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { rawRequest } from '../helpers/raw-http.js';

let running: RunningCli | undefined;
afterEach(async () => {
  running?.kill('SIGTERM');
  await running?.closed;
  running = undefined;
});

async function start(command: 'serve' | 'dashboard', pool: TestPool): Promise<number> {
  running = startCli([command, '--port', '0', ...pool.args]);
  let out = '';
  running.stdout!.on('data', (d) => (out += d));
  return Number(await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1], { what: `${command} to listen` }));
}

const HOLD_ALL = '/account/request?system_id=evil&count=10000';

/** What Chrome and Firefox send for an `<img>` on http://evil.example, a navigation to a link there, and an old browser's image. */
function browserHeaders(port: number): Record<string, Record<string, string>> {
  const host = `127.0.0.1:${port}`;
  return {
    image: { host, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', referer: 'http://evil.example/' },
    'page on another port of localhost': { host, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
    link: { host, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' },
    'old browser': { host, referer: 'http://evil.example/page.html' },
  };
}

async function held(pool: TestPool): Promise<number> {
  const status = await runCli(['status', '--json', ...pool.args]);
  return (JSON.parse(status.stdout) as { holders: { accounts: number }[] }).holders.reduce((n, h) => n + h.accounts, 0);
}

describe('serve against a page that only makes the browser send a request', () => {
  it('an image, a script, a link or an old browser holding every account is refused with 403; nothing is held', async () => {
    const pool = await poolWithAccounts(5);
    const port = await start('serve', pool);
    for (const [what, headers] of Object.entries(browserHeaders(port))) {
      const answer = await rawRequest(port, 'GET', HOLD_ALL, headers);
      expect(answer.status, what).toBe(403);
      expect(answer.text, what).toBe('[]');
    }
    expect(await held(pool)).toBe(0);
    // A scanner (no browser headers), the operator typing the URL, the dashboard's own page: served.
    expect((await rawRequest(port, 'GET', '/account/request?system_id=east&count=2', { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await rawRequest(port, 'GET', '/account/request?system_id=west', { host: `localhost:${port}`, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).status).toBe(200);
    expect((await rawRequest(port, 'GET', '/status', { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', referer: `http://127.0.0.1:${port}/` })).status).toBe(200);
    expect(await held(pool)).toBe(3);
  });

  it('the dashboard still opens from a link on another site (a navigation shows it in the operator\'s tab), never into a frame or image', async () => {
    const pool = await poolWithAccounts(3);
    for (const command of ['serve', 'dashboard'] as const) {
      const port = await start(command, pool);
      const headers = browserHeaders(port);
      const opened = await rawRequest(port, 'GET', '/', { ...headers.link!, accept: 'text/html' });
      expect(opened.status, command).toBe(200);
      expect(opened.text, command).toMatch(/Accounts by level/);
      const framed = await rawRequest(port, 'GET', '/', { ...headers.link!, 'sec-fetch-dest': 'iframe', accept: 'text/html' });
      expect(framed.status, command).toBe(403);
      running!.kill('SIGTERM');
      await running!.closed;
      running = undefined;
    }
  });
});
