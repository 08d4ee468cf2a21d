// `accountpool stats` on a pool whose history was made by the real commands over ten days (an
// injected clock): the numbers an operator reads, worked out by hand below.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

async function tenDays() {
  const pool = await makePool();
  let now = START;
  const run = async (...args: string[]) => {
    const result = await cli([...args, ...pool.args], { clock: () => new Date(now), cwd: pool.base });
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const dump = async (name: string, prefix: string, n: number) => {
    await writeFile(join(pool.base, name), Array.from({ length: n }, (_, i) => `${prefix}${i}:pw-${prefix}${i}`).join('\n'));
    return name;
  };
  await run('import', await dump('a.txt', 'a', 20), '--level', '30', '--source', 'Seller A');
  await run('import', await dump('b.txt', 'b', 10), '--level', '31', '--source', 'Seller B');
  await run('import', await dump('cheap.txt', 'c', 10), '--level', '20');
  for (let day = 1; day <= 10; day++) {
    now = START + day * DAY + DAY / 2; // noon
    await run('allocate', '--count', '5', '--min-level', '30', '--max-level', '31', '--accountcsv', 'east.csv', '--instance', 'east', '--no-check');
    if (day === 3) await run('mark', 'a0', 'a1', '--verdict', 'temp_banned');
    if (day === 8) {
      await run('mark', 'b0', '--verdict', 'perm_banned');
      await run('mark', 'a2', '--verdict', 'blind');
    }
    if (day === 9) await run('mark', 'a0', '--verdict', 'ok');
  }
  now += 3_600_000; // day 10, 13:00
  return { pool, run };
}

describe('accountpool stats', () => {
  it('ten days of allocations and bans: seller table, rates over 7 and 30 days, days until dry', async () => {
    const { run } = await tenDays();
    const json = JSON.parse((await run('stats', '--json')).stdout);
    expect(json.history_since).toBe('2026-11-01T00:00:00.000Z');
    expect(json.sources).toEqual([
      // a0 (banned on day 3, ok again on day 9) still counts as banned: 2 of 20, first bans 3.5 days after import
      { source: 'Seller A', bought: 20, healthy: 18, banned: 2, blind: 1, invalid: 0, median_days_to_first_ban: 3.5 },
      { source: 'Seller B', bought: 10, healthy: 9, banned: 1, blind: 0, invalid: 0, median_days_to_first_ban: 8.5 },
      { source: 'cheap.txt', bought: 10, healthy: 10, banned: 0, blind: 0, invalid: 0, median_days_to_first_ban: null },
    ]);
    expect(json.ranges).toHaveLength(1); // only what scanners asked for: level 20 is nobody's range
    const [range] = json.ranges;
    expect(range).toMatchObject({
      levels: '30-31',
      // 30 accounts; b0 retired, a1 and a2 resting: 27 usable, 5 of them held by east
      available: 22,
      usable: 27,
      // last 7 days: the allocations of days 4-10 (7 x 5); 30 days: all ten over the 10.54 days of history (50 / 10.54)
      handed_out_per_day: { d7: 5, d30: 4.7 },
      // last 7 days: b0 and a2 (day 3's bans are 7 days and an hour old); 30 days: 4 over 10.54 days
      lost_per_day: { d7: 0.3, d30: 0.4 },
      // 27 usable accounts at 2 lost per 7 days
      days_until_dry: 94.5,
    });
    expect(range.daily).toHaveLength(30);
    expect(range.daily.at(-1)).toEqual({ day: '2026-11-11', handed_out: 5, lost: 0 });
    expect(range.daily.find((d: { day: string }) => d.day === '2026-11-09')).toEqual({ day: '2026-11-09', handed_out: 5, lost: 2 });
    expect(range.daily[0]).toEqual({ day: '2026-10-13', handed_out: 0, lost: 0 });

    const text = (await run('stats')).stdout.split('\n');
    expect(text[0]).toMatch(/^pool .*: history since 2026-11-01$/);
    expect(text).toContainEqual(expect.stringMatching(/^Seller A +20 +18 +10% +5% +0% +3\.5$/));
    expect(text).toContainEqual(expect.stringMatching(/^30-31 +22 +27 +5 +4\.7 +0\.3 +0\.4 +94\.5$/));
  });

  it('a pool without history (turned off, or older than it) still shows its sources from the accounts as they are', async () => {
    const pool = await makePool();
    await pool.configure({ history: 'false' });
    await writeFile(join(pool.base, 'x.txt'), 'x1:p1\nx2:p2\n');
    expect((await cli(['import', 'x.txt', '--level', '30', ...pool.args], { cwd: pool.base })).code).toBe(0);
    expect((await cli(['mark', 'x1', '--verdict', 'invalid', ...pool.args])).code).toBe(0);
    const json = JSON.parse((await cli(['stats', '--json', ...pool.args])).stdout);
    expect(json.history_since).toBeUndefined();
    expect(json.sources).toEqual([{ source: 'x.txt', bought: 2, healthy: 1, banned: 0, blind: 0, invalid: 1, median_days_to_first_ban: null }]);
    expect(json.ranges).toMatchObject([{ levels: '30', usable: 1, lost_per_day: { d7: 0 }, days_until_dry: null }]);
  });
});
