// A web page cannot make the operator's browser try tokens. The dashboard takes its token from
// the address (`/?token=SECRET`, for a bookmark) and a link from another site may open the page
// (a top-level navigation), so until stop 67 a page on evil.example could navigate a window it
// opened to `http://127.0.0.1:4242/?token=guessN` again and again: each was a wrong token from
// 127.0.0.1, and after ten the throttle (token-throttle.ts) shut that address out, so every scanner
// on the operator's machine, with the right token, got 429 for up to a minute at a time, for as
// long as the page stayed open. A token in a request another site's page made is now refused
// with 403 before it is compared or counted. A real `serve` and `dashboard` with a token, and the
// headers Chrome and Firefox send for such a navigation.
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { rawRequest } from '../helpers/raw-http.js';

const TOKEN = 'page-links-token-0123456789abcdef';

let running: RunningCli[] = [];
afterEach(async () => {
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map((child) => child.closed));
  running = [];
});

async function start(command: 'serve' | 'dashboard', args: string[]): Promise<number> {
  const child = startCli([command, '--port', '0', ...args], { env: { ACCOUNTPOOL_TOKEN: TOKEN } });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return Number(await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1], { what: `${command} to listen` }));
}

/** A window another site's page opened and navigates (window.open, then its location set), in Chrome and in an older browser. */
const FROM_A_PAGE: Record<string, string>[] = [
  { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' },
  { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' }, // a page on another port of localhost
  { referer: 'http://evil.example/', accept: 'text/html' },
];

describe('a token in a link another site made the browser follow', () => {
  it('is refused unread and uncounted: twelve such guesses (ten are free) leave the scanners on the same machine served', async () => {
    const pool = await poolWithAccounts(3);
    const [serve, dashboard] = await Promise.all([start('serve', pool.args), start('dashboard', pool.args)]);
    for (const port of [serve, dashboard]) {
      for (let i = 0; i < 12; i++) {
        const answer = await rawRequest(port, 'GET', `/?token=guess-${i}`, { host: `127.0.0.1:${port}`, ...FROM_A_PAGE[i % FROM_A_PAGE.length]! });
        expect(answer.status, `${port} guess ${i}: ${answer.text}`).toBe(403);
        expect(answer.text).toContain('bookmark');
        expect(answer.text).not.toContain(`guess-${i}`);
      }
      // Even the right token, sent so, is not taken: the page must not learn it by any answer.
      expect((await rawRequest(port, 'GET', `/?token=${TOKEN}`, { host: `127.0.0.1:${port}`, ...FROM_A_PAGE[0]! })).status).toBe(403);
    }
    // The scanners beside the browser, with the right token: served (before: 429, the address shut out).
    const scanner = await rawRequest(serve, 'GET', '/account/request?system_id=east', { host: `127.0.0.1:${serve}`, authorization: `Bearer ${TOKEN}` });
    expect(scanner.status, scanner.text).toBe(200);
    expect(scanner.text).toContain('"username"');
    // The operator's own bookmark, typed address or pasted link (Sec-Fetch-Site: none) still logs in.
    for (const port of [serve, dashboard]) {
      const typed = await rawRequest(port, 'GET', `/?token=${TOKEN}`, { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' });
      expect(typed.status, typed.text).toBe(303);
    }
  });
});
