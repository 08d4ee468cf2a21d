// Alerts: the operator's command runs once each time a level range crosses below its threshold
// (available accounts, or days until dry), with the alert as JSON on stdin; not on every
// allocation while it stays below; again after it recovered and fell once more. Two processes
// crossing at the same moment still run it once.
import { describe, expect, it, vi } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { serveAccounts } from '../server/helpers.js';
import { runAlertCommand } from '../../src/alerts/notify.js';

/** An alert command that appends what it reads on stdin to `file` (argv, no shell). */
function recorder(file: string): string {
  return `[${[process.execPath, '-e', "require('fs').appendFileSync(process.argv[1], require('fs').readFileSync(0, 'utf8'))", file].map((w) => JSON.stringify(w)).join(', ')}]`;
}

async function alertsIn(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('alerts', () => {
  it('available below a number: once per crossing, again after a recovery, never while it stays below', async () => {
    const pool = await makePool(4);
    const out = join(pool.base, 'alerts.jsonl');
    await pool.configure({ alerts: `[{levels: 30-31, available_below: 5, command: ${recorder(out)}}]` });
    await writeFile(join(pool.base, 'd.txt'), Array.from({ length: 10 }, (_, i) => `u${i}:p${i}`).join('\n'));
    const run = async (...args: string[]) => {
      const result = await cli([...args, ...pool.args], { cwd: pool.base });
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    await run('import', 'd.txt', '--level', '30');
    const take = (instance: string, count: number) => run('allocate', '--count', String(count), '--min-level', '30', '--max-level', '31', '--accountcsv', `${instance}.csv`, '--instance', instance, '--no-check');
    await take('a', 3); // 7 left
    expect(await alertsIn(out)).toEqual([]);
    const crossing = await take('b', 3); // 4 left: below 5
    expect(crossing.stderr).toContain('alert: level 30-31 available 4 (below 5): ran');
    expect(crossing.stdout).not.toContain('alert'); // stdout is the hook's summary alone
    const [first] = await alertsIn(out);
    expect(first).toMatchObject({ rule: '30-31 available < 5', levels: '30-31', measure: 'available', value: 4, below: 5, available: 4, usable: 10, pool: pool.dir });
    expect(first!.content).toMatch(/^accountpool: level 30-31 has 4 accounts available, below 5 \(pool .* on .+\)$/);
    await take('c', 1); // 3 left: still below
    await run('mark', 'u9', '--verdict', 'ok');
    expect(await alertsIn(out)).toHaveLength(1);
    expect((await run('release', '--instance', 'b')).stderr).toContain('alert recovered: level 30-31 available 6 (not below 5)');
    await take('b', 3); // below again: a second crossing
    expect((await alertsIn(out)).map((a) => a.value)).toEqual([4, 3]);
    const history = (await (await pool.open()).readHistory()).filter((l) => / (alert|recovered) /.test(l));
    expect(history.map((l) => l.split(' ')[1])).toEqual(['alert', 'recovered', 'alert']);
  });

  it("never passes serve's token on to the alert's command (serve runs alerts; a webhook script may log its environment)", async () => {
    vi.stubEnv('ACCOUNTPOOL_TOKEN', 'tok-secret');
    try {
      // The report quotes a failing command's output: the command prints what it was given.
      const { report } = await runAlertCommand([process.execPath, '-e', "process.stdout.write(process.env.ACCOUNTPOOL_TOKEN ?? 'no token'); process.exit(3)"], {} as never);
      expect(report).toMatch(/exited 3: no token$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('days until dry below a number: fires when a day of bans makes the forecast short', async () => {
    const pool = await makePool(4);
    const out = join(pool.base, 'alerts.jsonl');
    await pool.configure({ alerts: `[{levels: 30, days_below: 5, command: ${recorder(out)}}]` });
    await writeFile(join(pool.base, 'd.txt'), Array.from({ length: 20 }, (_, i) => `u${i}:p${i}`).join('\n'));
    expect((await cli(['import', 'd.txt', '--level', '30', ...pool.args], { cwd: pool.base })).code).toBe(0);
    expect((await cli(['mark', 'u0', '--verdict', 'blind', ...pool.args])).stderr).not.toContain('alert:'); // 19 usable at 1 a day: 19 days
    const marked = await cli(['mark', 'u1', 'u2', 'u3', '--verdict', 'temp_banned', ...pool.args]); // 16 usable at 4 a day: 4 days
    expect(marked.stderr).toContain('alert: level 30 days until dry 4 (below 5): ran');
    expect(await alertsIn(out)).toMatchObject([{ measure: 'days', value: 4, days_until_dry: 4, lost_per_day_7d: 4, usable: 16 }]);
  });

  it('two processes crossing at the same moment run the command once; a failing command is reported, the allocation still succeeds', async () => {
    const pool = await makePool(4);
    const out = join(pool.base, 'alerts.jsonl');
    const failing = `[${JSON.stringify(process.execPath)}, "-e", "process.stderr.write('webhook down'); process.exit(7)"]`;
    await pool.configure({ alerts: `[{levels: 30, available_below: 8, command: ${recorder(out)}}, {levels: 30, available_below: 3, command: ${failing}}]` });
    await writeFile(join(pool.base, 'd.txt'), Array.from({ length: 10 }, (_, i) => `u${i}:p${i}`).join('\n'));
    expect((await cli(['import', 'd.txt', '--level', '30', ...pool.args], { cwd: pool.base })).code).toBe(0);
    const both = await Promise.all(['x', 'y'].map((i) => runCli(['allocate', '--count', '2', '--accountcsv', join(pool.base, `${i}.csv`), '--instance', i, '--no-check', ...pool.args])));
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    expect(await alertsIn(out)).toHaveLength(1);
    expect(both.filter((r) => r.stderr.includes('alert: level 30 available')).length).toBe(1);
    const low = await cli(['allocate', '--count', '4', '--accountcsv', 'z.csv', '--instance', 'z', '--no-check', ...pool.args], { cwd: pool.base });
    expect(low.code).toBe(0);
    expect(low.stderr).toMatch(/alert: level 30 available 2 \(below 3\): \S*node exited 7: webhook down/);
  });

  it('a mistake in the alerts setting stops every command with the file, line and what to fix', async () => {
    const pool = await makePool(4);
    for (const [value, reason] of [
      ['[{levels: 30-x, available_below: 5, command: [notify]}]', 'entry 1: levels must be a level range such as 30, 30-31 or 30+'],
      ['[{levels: 30, command: [notify]}]', 'entry 1: give available_below, days_below or both'],
      ['[{levels: 30, available_below: 5, command: "curl -d @- http://x"}]', 'entry 1: command must be a list of words'],
      ['[{levels: 30, available_below: 5, command: [notify], when: always}]', 'entry 1: unknown setting when'],
    ]) {
      await pool.configure({ alerts: value! });
      const result = await cli(['status', ...pool.args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`accountpool.yaml:\\d+: alerts ${reason!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('serve: requests that empty a range fire the alert once, between batches', async () => {
    const base = await import('../helpers/testdir.js').then((m) => m.testdir());
    const out = join(base, 'alerts.jsonl');
    const t = await serveAccounts(['a', 'b', 'c', 'd'], { alertIntervalMs: 50, config: { alerts: `[{levels: 30, available_below: 2, command: ${recorder(out)}}]` } });
    for (const system of ['s1', 's2', 's3', 's4']) expect((await t.call('GET', `/account/request?system_id=${system}&count=1`)).status).toBe(200);
    await waitFor(() => t.log.some((l) => l.startsWith('alert: level 30 available')), { what: 'the alert command to run' });
    expect(await alertsIn(out)).toMatchObject([{ levels: '30', value: expect.any(Number) }]);
  });
});
