// Whose holds a PGPool post may end or move. PGPool checked nothing (codename-art/PGPool,
// pgpool.py: release_accounts sets system_id to None for any username posted), because it was the
// only one handing accounts out. Here `allocate` hands them out too, into scanners' accounts files:
// a post that freed such a lease let the next request hand the account to a second scanner while
// the first still used it. And a client releasing by name (PGNumbra checking an accounts.csv, any
// client posting a name it was never given) could free another scanner's accounts.
// What clients post on release: codename-art's RocketMap `system_id: null` (pogom/pgpool.py,
// pgpool_update); MrMime (PGScout, PGNumbra) its own system_id (mrmime/pogoaccount.py).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { cli } from '../helpers/cli.js';
import { serveAccounts, stored } from './helpers.js';

describe("holds a post may not touch", () => {
  it('an allocate lease is neither ended nor moved by any post, so the account is never handed to a second holder', async () => {
    const s = await serveAccounts(['leased', 'spare']);
    const csv = `${s.base}/monocle.csv`;
    const allocated = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', csv, '--instance', 'monocle', ...s.pool.args], { clock: () => s.now() });
    expect(allocated.code, allocated.stderr).toBe(0);
    const leased = (await stored(s)).get('leased')!;
    expect(leased.holder).toBe('monocle');
    expect(await readFile(csv, 'utf8')).toContain('leased');
    const posts: [string, Record<string, unknown>][] = [
      ['/account/release', { username: 'leased', system_id: null, _release_reason: 'rocketmap' }],
      ['/account/release', { username: 'leased', _release_reason: 'pgnumbra list' }],
      ['/account/release', { username: 'LEASED', system_id: 'pgnumbra_4242', _release_reason: 'Checked with PGNumbra' }],
      ['/account/update', { username: 'leased', system_id: 'rm-east' }],
      ['/account/update', { username: 'leased', system_id: null }],
    ];
    for (const [path, body] of posts) {
      const r = await s.call('POST', path, body);
      expect(r.status).toBe(200);
      expect(s.log.at(-1)).toMatch(/ accounts=1 conflicts=1$/);
      expect((await stored(s)).get('leased')).toMatchObject({ holder: 'monocle', held_until: leased.held_until });
      // the next scanner asking gets the other account, never the leased one
      const got = await s.call('GET', '/account/request?system_id=rm-west&count=5&include_already_assigned=True');
      expect(got.json.map((a: { username: string }) => a.username)).not.toContain('leased');
    }
    // What the post says about the account still counts: a ban is recorded, the lease kept.
    await s.call('POST', '/account/release', { username: 'leased', banned: true, system_id: null });
    expect((await stored(s)).get('leased')).toMatchObject({ holder: 'monocle', state: 'temp_banned' });
    // The lease ends the way leases end: `accountpool release` (or its time).
    expect((await cli(['release', '--instance', 'monocle', ...s.pool.args], { clock: () => s.now() })).code).toBe(0);
    expect((await stored(s)).get('leased')).not.toHaveProperty('holder');
  });

  it("a request or update under the lease's own instance name (shown by /status) neither gets its accounts nor makes the lease a hold a release ends", async () => {
    const s = await serveAccounts(['leased', 'spare']);
    const csv = `${s.base}/monocle.csv`;
    expect((await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', csv, '--instance', 'monocle', ...s.pool.args], { clock: () => s.now() })).code).toBe(0);
    const leased = (await stored(s)).get('leased')!;
    // PGPool's reuse ("the system's own accounts first") under the name: only a hold serve gave comes back.
    const got = await s.call('GET', '/account/request?system_id=monocle&count=5&reuse=True');
    expect(got.json.map((a: { username: string }) => a.username)).toEqual(['spare']);
    await s.call('POST', '/account/update', { username: 'leased', system_id: 'monocle', level: 31 });
    await s.call('POST', '/account/release', { username: 'leased', system_id: null });
    expect((await stored(s)).get('leased')).toMatchObject({ holder: 'monocle', held_until: leased.held_until, level: 31 });
    expect((await s.call('GET', '/account/request?system_id=thief&count=5')).json).toEqual([]);
  });

  it("a release naming a system ends only that system's hold; one naming none ends the hold serve gave, as PGPool", async () => {
    const s = await serveAccounts(['a1', 'a2']);
    await s.call('GET', '/account/request?system_id=pgscout-1&count=1');
    await s.call('GET', '/account/request?system_id=rm-east&count=1');
    const holders = async () => Object.fromEntries([...(await stored(s))].map(([name, a]) => [name, a.holder]));
    expect(await holders()).toEqual({ a1: 'pgscout-1', a2: 'rm-east' });
    // PGNumbra (or anyone) naming itself cannot free the accounts other scanners use.
    await s.call('POST', '/account/release', [{ username: 'a1', system_id: 'pgnumbra_1' }, { username: 'a2', system_id: 'pgnumbra_1' }]);
    expect(await holders()).toEqual({ a1: 'pgscout-1', a2: 'rm-east' });
    expect(s.log.at(-1)).toMatch(/ accounts=2 conflicts=2$/);
    expect((await s.call('GET', '/account/request?system_id=pgnumbra_1&count=2')).json).toEqual([]);
    // Each holder's own release: MrMime's names itself, RocketMap's posts null.
    await s.call('POST', '/account/release', { username: 'a1', system_id: 'pgscout-1', _release_reason: 'Account banned' });
    await s.call('POST', '/account/release', { username: 'a2', system_id: null, _release_reason: 'shadowbanned' });
    expect(await holders()).toEqual({ a1: undefined, a2: undefined });
  });
});
