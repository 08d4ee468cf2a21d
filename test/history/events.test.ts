// The events every command records, read back from the pool's history as a person and `stats`
// read them: imports per source, allocations per instance and level range, one verdict per
// account with its source and ages, releases and holds that ran out; never a password.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { serveAccounts } from '../server/helpers.js';
import { parseEvent, formatEvent, type HistoryEvent } from '../../src/history/events.js';
import { Pool } from '../../src/store/pool.js';

const DAY = 86_400_000;

/** The history as committed: the month files, then the lines still in the change log (as `stats` reads it). */
async function historyOf(dir: string): Promise<{ text: string; events: HistoryEvent[] }> {
  const text = (await (await Pool.open(dir)).readHistory()).map((line) => `${line}\n`).join('');
  const events = text.split('\n').filter(Boolean).map((line) => parseEvent(line)!);
  expect(events.every(Boolean), text).toBe(true);
  return { text, events };
}

describe('history events', () => {
  it('import, allocate (checked), mark and release record what they did, each at its time', async () => {
    const pool = await makePool();
    let now = Date.parse('2026-11-01T10:00:00.000Z');
    const clock = () => new Date(now);
    const run = async (...args: string[]) => {
      const result = await cli([...args, ...pool.args], { clock, cwd: pool.base });
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    await writeFile(join(pool.base, 'order.txt'), Array.from({ length: 30 }, (_, i) => `acct${i}:s3cret-${i}`).join('\n'));
    await run('import', 'order.txt', '--level', '30', '--source', 'Seller "A" <b>');
    now += 2 * DAY;
    await pool.configure({ lease: '2d' });
    const allocated = await run('allocate', '--count', '10', '--min-level', '30', '--max-level', '31', '--accountcsv', 'east.csv', '--instance', 'east', '--checker', 'simulated');
    const failedChecks = Number(/checked (\d+)/.exec(allocated.stdout)![1]) - 10;
    now += DAY;
    const held = (await readFile(join(pool.base, 'east.csv'), 'utf8')).split('\n')[1]!.split(',')[0]!;
    await run('mark', held, '--verdict', 'perm_banned');
    await run('release', '--instance', 'east');

    const { text, events } = await historyOf(pool.dir);
    expect(text).not.toMatch(/s3cret/);
    expect(events[0]).toEqual({ at: '2026-11-01T10:00:00.000Z', kind: 'import', source: 'Seller "A" <b>', added: 30, by_level: { 30: 30 } });
    const blind = events.filter((e) => e.kind === 'verdict' && e.verdict === 'blind');
    expect(blind.length).toBeGreaterThan(0);
    for (const v of blind) expect(v).toMatchObject({ at: '2026-11-03T10:00:00.000Z', level: 30, source: 'Seller "A" <b>', days_since_import: 2, days_since_allocation: null });
    expect(events.find((e) => e.kind === 'allocate')).toEqual({ at: '2026-11-03T10:00:00.000Z', kind: 'allocate', instance: 'east', levels: '30-31', count: 10, by_level: { 30: 10 } });
    expect(events.filter((e) => e.kind === 'verdict' && e.verdict === 'perm_banned')).toEqual([
      { at: '2026-11-04T10:00:00.000Z', kind: 'verdict', username: held, verdict: 'perm_banned', level: 30, source: 'Seller "A" <b>', days_since_import: 3, days_since_allocation: 1 },
    ]);
    // The banned account still held: released with the 9 others.
    expect(events.at(-1)).toEqual({ at: '2026-11-04T10:00:00.000Z', kind: 'release', instance: 'east', count: 10 });
    // One event per failed check (a passed check of a healthy account is none); one line per event, time first.
    expect(events.filter((e) => e.kind === 'verdict' && e.at === '2026-11-03T10:00:00.000Z')).toHaveLength(failedChecks);
    expect(text.split('\n').filter(Boolean).every((line, i) => line === formatEvent(events[i]!))).toBe(true);
  });

  it('an allocation that gives an instance new accounts releases its old ones; a hold that ran out is recorded as expired when it is taken', async () => {
    const pool = await makePool();
    let now = Date.parse('2026-11-01T00:00:00.000Z');
    const clock = () => new Date(now);
    await writeFile(join(pool.base, 'd.txt'), Array.from({ length: 8 }, (_, i) => `u${i}:p${i}`).join('\n'));
    await cli(['import', 'd.txt', '--level', '25', ...pool.args], { clock, cwd: pool.base });
    await cli(['allocate', '--count', '4', '--accountcsv', 'a.csv', '--instance', 'a', '--no-check', ...pool.args], { clock, cwd: pool.base });
    now += 13 * 3_600_000; // past the 12 h lease
    await cli(['allocate', '--count', '8', '--accountcsv', 'b.csv', '--instance', 'b', '--no-check', ...pool.args], { clock, cwd: pool.base });
    const { events } = await historyOf(pool.dir);
    expect(events.map((e) => [e.kind, 'instance' in e ? e.instance : '', 'count' in e ? e.count : 0])).toEqual([
      ['import', '', 0],
      ['allocate', 'a', 4],
      ['expired', 'a', 4],
      ['allocate', 'b', 8],
    ]);
    expect(events[3]).toMatchObject({ levels: '0-50', by_level: { 25: 8 } });
  });

  it('serve: requests under the range they asked for, verdicts posted by scanners, releases, accounts a post adds', async () => {
    const t = await serveAccounts({ a: 30, b: 30, c: 31, d: 20 });
    expect((await t.call('GET', '/account/request?system_id=east&count=3&min_level=30')).status).toBe(200);
    t.advance(DAY / 24); // within the release timeout: east still holds them
    await t.call('POST', '/account/update', { username: 'a', banned: true, system_id: 'east' });
    await t.call('POST', '/account/release', [{ username: 'b' }, { username: 'new1', password: 'pw-new', level: 30 }]);
    await t.server.close(); // folds the change log: the lines reach the month file
    const { text, events } = await historyOf(t.pool.dir);
    expect(text).not.toMatch(/pw-/);
    const served = events.filter((e) => e.at < '2026-04-01'); // the server's clock (the imports before it ran on the real one)
    expect(served.map((e) => e.kind)).toEqual(['allocate', 'verdict', 'import', 'release']);
    expect(served[0]).toMatchObject({ instance: 'east', levels: '30+', count: 3, by_level: { 30: 2, 31: 1 } });
    expect(served[1]).toMatchObject({ username: 'a', verdict: 'temp_banned', days_since_allocation: 0.04 });
    expect(served[2]).toMatchObject({ source: 'POST /account/release', added: 1 });
    expect(served[3]).toMatchObject({ instance: 'east', count: 1 });
  });

  it('history: false in the config records nothing', async () => {
    const pool = await makePool();
    await pool.configure({ history: 'false' });
    await writeFile(join(pool.base, 'd.txt'), 'x:y1\n');
    expect((await cli(['import', 'd.txt', '--level', '30', ...pool.args], { cwd: pool.base })).code).toBe(0);
    await expect(readdir(join(pool.dir, 'history'))).rejects.toThrow(/ENOENT/);
  });
});
