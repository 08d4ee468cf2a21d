// `serve`'s holds on a pool shared through git when the hosts' clocks disagree. A serve hold ends
// `release_timeout` (2 hours by default) after its last request or update, by the serving host's
// clock: a one-hour mistake on either side would end it early elsewhere. Other hosts time it on
// their own clocks from when they first saw it, as they do allocate's 12-hour leases
// (clocks.test.ts), and so does serve itself with the rests other hosts' verdicts bring.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, usernames } from './helpers.js';
import { HOUR, allocateOn, checkFaketime, on, serving, shared } from './clock-helpers.js';

beforeAll(checkFaketime);

type Given = { username: string }[];

describe("serve's holds, read by a host whose clock runs 3 hours ahead (faketime)", () => {
  it('are kept from it for as long as the scanner keeps them; the ones released come back at once', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const [runA, runC] = [on(a), on(c, '+3h')];
    const server = await serving(a, () => new Date());
    const given = ((await server.get('/account/request?system_id=scanner-a&count=10')).json as Given).map((g) => g.username);
    expect(given).toHaveLength(10);
    expect((await runA('sync')).code).toBe(0);
    // c sees the holds: by its clock they ended an hour ago.
    expect((await runC('sync')).code).toBe(0);
    const seen = JSON.parse((await runC('status', '--json')).stdout) as { byAvailability: { held: number } };
    expect(seen.byAvailability.held).toBe(10);

    // The scanner gives 4 back; the other 6 it keeps.
    expect((await server.post('/account/release', given.slice(0, 4).map((username) => ({ username })))).status).toBe(200);
    expect((await runA('sync')).code).toBe(0);
    const file = join(base, 'c.csv');
    const took = await allocateOn(runC, 'c', 30, file);
    expect(took.code, took.stderr).toBe(0);
    const inC = await usernames(file);
    expect(inC).toHaveLength(24);
    expect(shared(inC, given)).toEqual(given.slice(0, 4));
  }, 60_000);
});

describe("serve on a host whose clock runs 3 hours behind (injected clocks)", () => {
  it('its holds last their release timeout from when another host first saw them, and again from each refresh it saw', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const start = Date.now();
    let clockA = start - 3 * HOUR;
    const server = await serving(a, () => new Date(clockA));
    const given = ((await server.get('/account/request?system_id=scanner-a&count=10')).json as Given).map((g) => g.username);
    expect(given).toHaveLength(10);
    const at = (hours: number) => ({ clock: () => new Date(start + hours * HOUR) });
    expect((await cli(['sync', '--pool', a], { clock: () => new Date(clockA) })).code).toBe(0);
    // By c's clock these holds ended an hour before they were handed out.
    expect((await cli(['sync', '--pool', c], at(0))).code).toBe(0);
    const file = join(base, 'c.csv');
    const allocateC = async (hours: number) => {
      const result = await cli(['allocate', '--count', '30', '--no-check', '--allow-partial', '--accountcsv', file, '--instance', 'c', '--pool', c], at(hours));
      expect(result.code, result.stderr).toBe(0);
      return usernames(file);
    };
    expect(shared(await allocateC(1.9), given)).toEqual([]);

    // The scanner updates its accounts 90 minutes later (a's clock): each hold runs 2 hours from then.
    clockA += 1.5 * HOUR;
    for (const username of given) expect((await server.post('/account/update', { username, system_id: 'scanner-a' })).status).toBe(200);
    expect((await cli(['sync', '--pool', a], { clock: () => new Date(clockA) })).code).toBe(0);
    expect((await cli(['sync', '--pool', c], at(2))).code).toBe(0);
    expect(shared(await allocateC(2.1), given)).toEqual([]);
    // The scanner stopped: in time its accounts come back on c (a dead host's accounts are never lost).
    expect(shared(await allocateC(5.6), given).sort()).toEqual([...given].sort());
  }, 60_000);
});

describe("serve's reuse (PGPool's include_already_assigned) after a verdict from a host 3 hours behind", () => {
  it("gives the scanner back its own accounts, but not one resting after that verdict", async () => {
    const { clones } = await sharedPool(2, 30); // the file's other tests' template: no second one made
    const [a, c] = clones as [string, string];
    // temp_banned rests 3 hours, and serve's holds never time out: the scanner keeps its accounts.
    const config = join(a, 'accountpool.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^ {2}temp_banned: .*$/m, '  temp_banned: 3h').replace(/^release_timeout: .*$/m, 'release_timeout: 0'));
    await gitIn(a, 'commit', '--quiet', '-am', 'temp_banned rests 3 hours; no release timeout');
    const start = Date.now();
    const at = (hours: number) => ({ clock: () => new Date(start + hours * HOUR) });
    let hours = 0;
    const server = await serving(a, () => new Date(start + hours * HOUR));
    const [banned, kept] = ((await server.get('/account/request?system_id=s&count=2')).json as Given).map((g) => g.username) as [string, string];
    // One sync publishes the settings' commit and the scanner's holds (until stop 50 a sync before the serve as well).
    expect((await cli(['sync', '--pool', a], at(0))).code).toBe(0);
    // c, 3 hours behind, sees the account banned: its rest ends, by c's clock, when a sees it.
    expect((await cli(['sync', '--pool', c], at(-3))).code).toBe(0);
    expect((await cli(['mark', banned, '--verdict', 'temp_banned', '--pool', c], at(-3))).code).toBe(0);
    expect((await cli(['sync', '--pool', c], at(-3))).code).toBe(0);
    expect((await cli(['sync', '--pool', a], at(0))).code).toBe(0);
    hours = 1;
    const again = ((await server.get('/account/request?system_id=s&count=2&reuse=true')).json as Given).map((g) => g.username);
    expect(again).toContain(kept);
    expect(again).not.toContain(banned);
  }, 60_000);
});
