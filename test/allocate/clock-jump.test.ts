// A host clock that jumps 40 days forward and back (a real allocate process under libfaketime,
// the others at the true clock; `serve` a real process): no account another instance holds is
// handed out while the clock is ahead, and once it is back no hold blocks its account for weeks.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli, startServe } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { checkFaketime } from '../git/clock-helpers.js';
import { usernames as readCsvUsernames } from '../git/helpers.js';

beforeAll(checkFaketime);

const HOUR = 3_600_000;
const FORTY_DAYS = '+40d';
const AHEAD = { env: { LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1', FAKETIME: FORTY_DAYS } };

/** Each instance's hold end as `status` prints it (`held by A: 5 accounts until ISO`). */
function holdEnds(status: string): Map<string, number> {
  return new Map([...status.matchAll(/^held by (\S+): \d+ accounts? until (\S+)$/gm)].map((m) => [m[1]!, Date.parse(m[2]!)]));
}

describe('a clock that jumps 40 days forward, then back', () => {
  it.skipIf(!existsSync('/proc/uptime'))('hands out no held account while ahead, and blocks none for weeks once back', async () => {
    const pool = await poolWithAccounts(10);
    const file = (name: string) => join(pool.base, `${name}.csv`);
    const allocate = (instance: string, count: number) => ['allocate', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', file(instance), '--instance', instance, ...pool.args];
    expect((await cli(allocate('A', 5))).code).toBe(0);
    const server = await startServe(pool.args);
    let served: string[];
    try {
      const answer = (await (await fetch(`${server.url}/account/request?system_id=X&count=3`)).json()) as { username: string }[];
      served = answer.map((a) => a.username);
    } finally {
      await server.stop();
    }
    expect(served).toHaveLength(3);
    const held = [...(await readCsvUsernames(file('A'))), ...served];

    // 40 days on, A's 12-hour lease and X's 2-hour hold look long over: only the 2 accounts nobody holds are B's.
    const ahead = await runCli(allocate('B', 4), AHEAD);
    expect(ahead.code, ahead.stderr).toBe(0);
    const taken = await readCsvUsernames(file('B'));
    expect(taken.filter((u) => held.includes(u))).toEqual([]);
    expect(taken).toHaveLength(2);
    expect(ahead.stderr).toContain("this host's clock jumped forward by 40 d");

    // Back at the true clock: B's hold, dated 40 days ahead, and A's end within their real 12 hours.
    const back = await cli(['status', ...pool.args]);
    const now = Date.now();
    const release = await cli(['release', '--instance', 'nobody', ...pool.args]); // any writing command notices the jump
    const ends = holdEnds((await cli(['status', ...pool.args])).stdout);
    expect(back.code).toBe(0);
    for (const instance of ['A', 'B']) {
      expect(ends.get(instance)! - now, instance).toBeLessThan(12 * HOUR + 60_000);
      expect(ends.get(instance)! - now, instance).toBeGreaterThan(10 * HOUR);
    }
    expect(ends.get('X')! - now).toBeLessThan(2 * HOUR + 60_000);
    expect(release.stderr).toContain("this host's clock jumped back by 40 d");
  });

  it('across a reboot, where no jump can be measured, status names the holds dated in the future', async () => {
    const pool = await poolWithAccounts(4);
    const ahead = await runCli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'b.csv'), '--instance', 'B', ...pool.args], AHEAD);
    expect(ahead.code, ahead.stderr).toBe(0);
    const given = await readCsvUsernames(join(pool.base, 'b.csv'));
    await rm(join(pool.dir, '.cache', 'clock.json')); // what another boot finds: a marker it cannot compare with
    const status = await cli(['status', ...pool.args]);
    expect(status.stdout).toMatch(/clock: 2 accounts have holds or verdicts dated up to 40 d ahead of this host's clock: /);
    for (const username of given) expect(status.stdout).toContain(`${username} (held by B)`);
    const json = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout) as { futureDated: { count: number } };
    expect(json.futureDated.count).toBe(2);
  });
});
