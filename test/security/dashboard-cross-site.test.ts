// `accountpool dashboard` against a web page the operator happens to visit. The page makes its own
// name resolve to 127.0.0.1 (DNS rebinding) and reads the dashboard as its own: the request then
// carries the page's name in Host. Or it posts the login form from its own origin. Both get 403
// and nothing of the pool; the same rule as `serve` (src/server/cross-site.ts, whose test is
// server-cross-site.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { rawRequest } from '../helpers/raw-http.js';

let running: RunningCli | undefined;
afterEach(async () => {
  running?.kill('SIGTERM');
  await running?.closed;
  running = undefined;
});

async function startDashboard(): Promise<number> {
  const pool = await poolWithAccounts(3);
  running = startCli(['dashboard', '--port', '0', ...pool.args]);
  let out = '';
  running.stdout!.on('data', (d) => (out += d));
  return Number(await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1], { what: 'the dashboard to listen' }));
}

/** `/` as a browser asks for it, with exactly these headers. */
const raw = (port: number, method: string, headers: Record<string, string>, body?: string) => rawRequest(port, method, '/', { accept: 'text/html', ...headers }, body);

describe('dashboard command, against a web page', () => {
  it('a page reached through DNS rebinding (its own name in Host), or posting with another site as Origin, gets 403 and no page; localhost and 127.0.0.1 get the page', async () => {
    const port = await startDashboard();
    const rebound = await raw(port, 'GET', { host: `rebind.evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toMatch(/not a name this server answers to.*loopback/);
    expect(rebound.text).not.toMatch(/Accounts by level/);
    const posted = await raw(port, 'POST', { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'token=x');
    expect(posted.status).toBe(403);
    expect(posted.text).not.toMatch(/Accounts by level/);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const own = await raw(port, 'GET', { host });
      expect(own.status, host).toBe(200);
      expect(own.text).toMatch(/Accounts by level/);
    }
  });
});
