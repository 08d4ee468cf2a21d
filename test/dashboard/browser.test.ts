// The dashboard in a real browser (Debian's chromium, driven by playwright-core): `accountpool
// dashboard` behind a token, logged in through ?token= and through its form, the charts drawn
// with real sizes, no dialog from the names that try to inject script, no request leaving the
// server. The screenshot is kept in test-artifacts/dashboard.png (git-ignored). Skipped, saying
// so, without a browser (.ci/run installs chromium).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startCli } from '../helpers/cli.js';
import { testdir, waitFor } from '../helpers/testdir.js';
import { dashboardPool } from './helpers.js';

const BROWSER = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(BROWSER);
if (!HAVE_BROWSER) console.warn(`test/dashboard/browser.test.ts skipped: no browser at ${BROWSER} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('dashboard in a browser', () => {
  it.skipIf(!HAVE_BROWSER)('logs in with ?token= and with the form, draws every chart, runs no injected script, fetches nothing else; screenshot kept', async () => {
    const pool = await dashboardPool();
    const server = startCli(['dashboard', '--port', '0', '--token', 'tok-123', '--pool', pool.dir]);
    let out = '';
    let err = '';
    server.stdout!.on('data', (d) => (out += d));
    server.stderr!.on('data', (d) => (err += d));
    const base = (await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0], { what: 'the dashboard to listen' }))!;
    const context = await chromium.launchPersistentContext(await testdir(), { executablePath: BROWSER, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('request', (request) => requests.push(request.url()));
      // serve's words for the same danger, from the same place (cli/token-option.ts): one remedy named for both.
      await waitFor(() => err.includes('\n') || undefined, { what: "the dashboard's warning" });
      expect(err).toBe('warning: --token on the command line can be read by every user of this machine (`ps`, /proc/PID/cmdline), and with it the accounts and their passwords; give it as --token-file FILE or in $ACCOUNTPOOL_TOKEN\n');
      await page.goto(`${base}?token=tok-123`);
      expect(page.url()).toBe(base); // the token left the address bar; the cookie carries on
      await page.reload(); // as the page's own refresh does: still in
      expect(await page.locator('h2').allTextContents()).toEqual(['Alerts', 'Accounts by level', 'Holders', 'Forecast', 'Sellers', 'Inbox']);

      const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const bars = [...svg.querySelectorAll('rect.bar')].map((rect) => rect.getBoundingClientRect());
          return { range: svg.getAttribute('data-range'), width: box.width, height: box.height, bars: bars.length, drawn: bars.filter((b) => b.width > 0 && b.height > 0).length };
        }),
      );
      expect(charts.map((c) => c.range)).toEqual(['30', '30-31']);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(600);
        expect(chart.height).toBeGreaterThan(150);
        expect(chart.bars).toBeGreaterThan(5);
        expect(chart.drawn).toBe(chart.bars);
      }
      expect(await page.locator('svg.split rect').count()).toBeGreaterThan(3);
      expect(await page.getByText(`<script>alert('instance')</script>`).count()).toBe(1); // shown as text
      expect(dialogs).toEqual([]);
      expect(requests.every((url) => url.startsWith(base))).toBe(true);

      // The login form, as a person uses it: the browser posts it with the page's own Origin,
      // which the dashboard's cross-site check (src/server/cross-site.ts) must let through.
      await context.clearCookies();
      await page.goto(base);
      await page.locator('input[name=token]').fill('tok-123');
      await Promise.all([page.waitForNavigation(), page.locator('button').click()]);
      expect(await page.locator('body').innerText()).toContain('Accounts by level'); // not "cross-site request refused"

      await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'dashboard.png'), fullPage: true });
    } finally {
      await context.close();
      server.kill('SIGTERM');
      await server.closed;
    }
    expect(out).toContain('accountpool dashboard: stopped');
  });
});
