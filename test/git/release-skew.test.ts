// A release on one host while another host leased the same account, with the two clocks apart
// by less than the release's distance from that lease's end would need (src/account-merge.ts).
//
// Host a runs `serve`: its scanner takes accounts, and a's sync has not published them when, half
// an hour later, host b's `allocate --sync` leases some of the same accounts (b never heard of
// a's holds). Ten minutes on, a's scanner gives its accounts back, and a syncs: its rebase
// replays each of a's commits, the hand-out (b's newer lease kept) and then the release, against
// b's lease. Before stop 47 the merge kept b's lease only when it ended after the release's time:
// a release dated by a clock 25 minutes ahead "came after" a 30-minute lease with 20 minutes
// still to run, and the merge dropped the lease while b's scanner used the account, for a's
// serve to hand it out a second time. The release ended a's own holds, never b's lease, which it
// had not seen: that decides, whatever the clocks.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv, usernames } from './helpers.js';
import { serving, shared } from './clock-helpers.js';
import { Pool } from '../../src/store/pool.js';
import type { Account } from '../../src/model.js';

beforeAll(useGitEnv);

const MINUTE = 60_000;
/**
 * One shard of 600 (the 1-shard template of many-hosts and the reshard files): a's sync replays
 * its hand-out and its release onto b's lease, and git runs the merge driver (a node process) for
 * each shard both changed: with four shards that was most of them, each commit.
 */
const ACCOUNTS = 600;
type Given = { username: string }[];

/** Two clones whose allocations lease for 30 minutes, and a clock for each, `aheadA` / `aheadB` minutes ahead of the true one. */
async function twoHosts(aheadA: number, aheadB: number) {
  const { base, clones } = await sharedPool(2, ACCOUNTS, 1);
  const [a, b] = clones as [string, string];
  const config = join(a, 'accountpool.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace(/^lease: .*$/m, 'lease: 30m'));
  await gitIn(a, 'commit', '--quiet', '-am', 'leases of 30 minutes');
  const start = Date.now();
  const clockA = (minutes: number) => () => new Date(start + (minutes + aheadA) * MINUTE);
  const clockB = (minutes: number) => () => new Date(start + (minutes + aheadB) * MINUTE);
  const run = async (dir: string, clock: () => Date, ...args: string[]) => {
    const result = await cli([...args, '--pool', dir], { clock });
    expect(result.code, result.stderr).toBe(0);
    return result;
  };
  await run(a, clockA(-35), 'sync');
  await run(b, clockB(-35), 'sync');
  // A lease shorter than init's is each host's own choice to accept (src/git/trusted-settings.ts).
  await run(a, clockA(-35), 'trust', '--accept');
  await run(b, clockB(-35), 'trust', '--accept');
  const leased = join(base, 'b.csv');
  return {
    a,
    b,
    clockA,
    clockB,
    run,
    /** b's `allocate --sync` of `count` accounts for instance b at `minutes`: what its scanner got. */
    allocateB: async (minutes: number, count: number) => {
      await run(b, clockB(minutes), 'allocate', '--sync', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', leased, '--instance', 'b');
      return usernames(leased);
    },
  };
}

async function accountsOf(dir: string, names: readonly string[]): Promise<Account[]> {
  const snapshot = await (await Pool.open(dir)).read();
  return names.map((name) => snapshot.get(name)!);
}

describe.each([
  { clocks: "a's clock 25 minutes ahead", aheadA: 25, aheadB: 0 },
  { clocks: "b's clock 25 minutes ahead", aheadA: 0, aheadB: 25 },
])('a release on host a while host b leased the account, $clocks', ({ aheadA, aheadB }) => {
  it("keeps b's lease on both hosts, and a's serve never hands the account out again; a's other accounts go to the end of the circle", async () => {
    const { a, b, clockA, clockB, run, allocateB } = await twoHosts(aheadA, aheadB);
    let now = -30; // the true time, in minutes
    const server = await serving(a, () => clockA(now)());
    const given = ((await server.get('/account/request?system_id=scanner-a&count=10')).json as Given).map((g) => g.username);
    expect(given).toHaveLength(10);

    // b leases before a publishes its holds; some of them are a's scanner's accounts.
    now = 0;
    const leased = await allocateB(0, 5);
    const both = shared(leased, given);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(given.length);

    // Ten minutes on, a's scanner gives all ten back (RocketMap posts system_id null) and a syncs.
    now = 10;
    expect((await server.post('/account/release', given.map((username) => ({ username, system_id: null })))).status).toBe(200);
    // a's scanner gave back what it lost to b before a synced: no lease lost is named (handout-order.test.ts names them).
    expect((await run(a, clockA(10), 'sync')).stderr).not.toContain('lost lease');
    await run(b, clockB(11), 'sync');

    for (const dir of [a, b]) {
      for (const account of await accountsOf(dir, both)) {
        expect(account.holder, `${account.username} on ${dir === a ? 'a' : 'b'}`).toBe('b');
        // b's lease as b wrote it: 30 minutes from b's allocation, by b's clock
        expect(account.held_until).toBe(clockB(30)().toISOString());
      }
      // The accounts only a's scanner had are free, at the end of the circle: a's release time.
      for (const account of await accountsOf(dir, given.filter((u) => !both.includes(u)))) {
        expect(account.holder).toBeUndefined();
        expect(account.allocated_at).toBe(clockA(10)().toISOString());
      }
    }

    // Nothing b's scanner uses goes to another scanner through a's serve: every other account does.
    now = 12;
    const again = ((await server.get(`/account/request?system_id=scanner-c&count=${ACCOUNTS}`)).json as Given).map((g) => g.username);
    expect(shared(again, leased)).toEqual([]);
    expect(again.length).toBe(ACCOUNTS - leased.length);
  }, 90_000); // a bound on a hang: ~35 s under a load of 20 on two cores
});
