// `node --import tsx scripts/dashboard-shot.ts`: remakes docs/dashboard.png, the README's picture
// of the dashboard. A throwaway pool lives a made-up month through the real CLI (an injected
// clock, the simulated checker: no real account, no network): three sellers' dumps, two scanners
// allocating every few hours, a scanner reporting bans, an alert, a dump waiting and one that
// failed in the inbox. Then Debian's chromium (playwright-core) photographs the page.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { chromium } from 'playwright-core';
import { main } from '../src/cli/main.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DAY = 86_400_000;
const base = await mkdtemp(join(tmpdir(), 'accountpool-shot-'));
const pool = join(base, 'pool');
let now = Date.now() - 30 * DAY;

async function run(...argv: string[]): Promise<string> {
  let out = '';
  const code = await main({ argv: [...argv, '--pool', pool], stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, stdin: Readable.from(['']), env: {}, cwd: base, clock: () => new Date(now) });
  if (code !== 0 && code !== 3) throw new Error(`accountpool ${argv.join(' ')} exited ${code}`);
  return out;
}

async function dump(name: string, prefix: string, count: number): Promise<string> {
  const file = join(base, name);
  await writeFile(file, Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}:made-up-${i}`).join('\n'));
  return file;
}

try {
  await run('init');
  const config = join(pool, 'accountpool.yaml');
  const settings = (await readFile(config, 'utf8')).replace(/^checker: .*$/m, 'checker: simulated').replace(/^alerts: .*$/m, 'alerts: [{levels: 30-31, available_below: 120, command: [/bin/true]}]');
  await writeFile(config, settings);
  await run('import', await dump('order-1207.eml', 'sunny_scan', 400), '--level', '30', '--source', 'PokeAccs shop');
  await run('import', await dump('batch-7.txt', 'kanto_walker', 300), '--level', '31', '--source', 'Gen7 farm');
  await run('import', await dump('cheap-list.txt', 'lvl1_grunt', 300), '--level', '1');
  for (let hour = 0; hour < 30 * 24; hour += 6) {
    now += 6 * 3_600_000;
    await run('allocate', '--count', '40', '--min-level', '30', '--max-level', '31', '--accountcsv', join(base, 'monocle.csv'), '--instance', 'monocle-east');
    await run('allocate', '--count', '30', '--accountcsv', join(base, 'rm.csv'), '--instance', 'rocketmap-west', '--max-level', '29');
    if (hour % 48 === 0) await run('mark', `kanto_walker${String(hour / 6).padStart(4, '0')}`, '--verdict', 'temp_banned');
    if (hour === 24 * 20) await run('import', await dump('order-1311.eml', 'fresh_trainer', 150), '--level', '30', '--source', 'PokeAccs shop');
  }
  await mkdir(join(base, 'inbox', 'failed'), { recursive: true });
  await writeFile(join(base, 'inbox', 'order-1402.eml'), 'still being copied');
  await writeFile(join(base, 'inbox', 'failed', 'notes.txt'), 'hello');
  await writeFile(join(base, 'inbox', 'failed', 'notes.txt.error.txt'), 'reason: notes.txt: no accounts found (tried: user:pass lists, CSV, seller e-mails, ...)\n');
  now = Date.now();
  const { gatherDashboard } = await import('../src/dashboard/data.js');
  const { renderPage } = await import('../src/dashboard/page.js');
  const { Pool } = await import('../src/store/pool.js');
  const page = join(base, 'dashboard.html');
  await writeFile(page, renderPage(await gatherDashboard(await Pool.open(pool))).replaceAll(base, '/srv/scanner'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const tab = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await tab.goto(`file://${page}`);
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  await tab.screenshot({ path: join(ROOT, 'docs', 'dashboard.png'), fullPage: true });
  await browser.close();
  console.log('wrote docs/dashboard.png');
} finally {
  await rm(base, { recursive: true, force: true });
}
