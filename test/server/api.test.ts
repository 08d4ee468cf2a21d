// The PGPool API round trips, as PGPool's clients see them: answer shapes for count 1 and more,
// the pool running dry, updates and releases with their verdicts, reuse, levels, banned_or_new.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { candidates } from '../../src/allocate/select.js';
import { cli } from '../helpers/cli.js';
import { serveAccounts, stored } from './helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('GET /account/request', () => {
  it('answers one PGPool account object for count=1, held by the system, never-used accounts first in import order', async () => {
    const s = await serveAccounts(['acc1', 'acc2', 'acc3']);
    const r = await s.call('GET', '/account/request?system_id=east&count=1&min_level=1&max_level=40');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      auth_service: 'ptc',
      username: 'acc1',
      password: 'pw-acc1',
      email: null,
      level: 30,
      system_id: 'east',
      latitude: null,
      longitude: null,
      rareless_scans: 0,
      warn: false,
      banned: false,
      shadowbanned: false,
      state: 'ok',
      held_until: new Date(s.now().getTime() + 120 * MINUTE).toISOString(),
    });
    expect(r.json).not.toHaveProperty('captcha'); // PGPool's answer has none (see pgpool-semantics.test.ts)
    expect(typeof r.json.last_modified).toBe('number'); // epoch seconds, as PGPool's README shows
    expect(r.json.device).toMatchObject({ model: expect.any(String), ios: expect.any(String), id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const acc1 = (await stored(s)).get('acc1')!;
    expect(acc1).toMatchObject({ holder: 'east', allocated_at: s.now().toISOString(), last_update: s.now().toISOString() });
  });

  it('answers a list for count > 1, a shorter list when fewer are left, and [] when the pool is dry (count 1 too)', async () => {
    const s = await serveAccounts(['acc1', 'acc2', 'acc3']);
    const two = await s.call('GET', '/account/request?system_id=east&count=2');
    expect(two.json.map((a: { username: string }) => a.username)).toEqual(['acc1', 'acc2']);
    const rest = await s.call('GET', '/account/request?system_id=west&count=5');
    expect(rest.status).toBe(200);
    expect(rest.json.map((a: { username: string }) => a.username)).toEqual(['acc3']);
    for (const count of [1, 3]) {
      const dry = await s.call('GET', `/account/request?system_id=north&count=${count}`);
      expect(dry.status).toBe(200);
      expect(dry.json).toEqual([]); // PGPool: jsonify([]) whatever the count
    }
    expect(s.log.some((l) => l.includes('GET /account/request 200') && l.includes('system_id=north asked=1 given=0'))).toBe(true);
  });

  it('picks exactly what allocate would pick (the same circle order)', async () => {
    const s = await serveAccounts(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    await s.call('GET', '/account/request?system_id=a&count=4');
    s.advance(MINUTE);
    await s.call('POST', '/account/release', [{ username: 'd2' }, { username: 'd3' }]);
    s.advance(MINUTE);
    const snapshot = await (await s.pool.open()).read();
    const expected = [...candidates(snapshot.lazyAccounts(), s.now(), s.store.config, { min: 0, max: 50 }, 'b').list].slice(0, 4).map((a) => a.account().username);
    const got = await s.call('GET', '/account/request?system_id=b&count=4');
    expect(got.json.map((a: { username: string }) => a.username)).toEqual(expected);
    expect(expected).toEqual(['d5', 'd6', 'd2', 'd3']);
  });

  it('filters levels the PGPool way: min_level <= 1 and max_level >= 40 mean no limit', async () => {
    const s = await serveAccounts({ low: 5, mid: 29, high: 30, top: 45 });
    const names = async (query: string) => {
      const r = await s.call('GET', `/account/request?system_id=x${Math.random()}&count=10&${query}`);
      const list = r.json.map((a: { username: string }) => a.username).sort();
      if (list.length > 0) await s.call('POST', '/account/release', list.map((username: string) => ({ username })));
      return list;
    };
    expect(await names('min_level=30&max_level=40')).toEqual(['high', 'top']);
    expect(await names('min_level=1&max_level=29')).toEqual(['low', 'mid']);
    expect(await names('min_level=6&max_level=30')).toEqual(['high', 'mid']);
    expect(await names('')).toEqual(['high', 'low', 'mid', 'top']);
  });

  it('never hands out accounts cooling down, retired, or held by others; reuse gives a system its own accounts first', async () => {
    const s = await serveAccounts(['a1', 'a2', 'a3', 'a4', 'a5']);
    await s.call('POST', '/account/update', [
      { username: 'a1', banned: true },
      { username: 'a2', shadowbanned: true },
    ]);
    const first = await s.call('GET', '/account/request?system_id=east&count=2');
    expect(first.json.map((a: { username: string }) => a.username)).toEqual(['a3', 'a4']);
    // Without reuse a system gets new accounts, never the ones it holds.
    const more = await s.call('GET', '/account/request?system_id=east&count=5');
    expect(more.json.map((a: { username: string }) => a.username)).toEqual(['a5']);
    const again = await s.call('GET', '/account/request?system_id=east&count=2&include_already_assigned=True');
    expect(again.json.map((a: { username: string }) => a.username)).toEqual(['a3', 'a4']);
    const other = await s.call('GET', '/account/request?system_id=west&count=1&reuse=yes');
    expect(other.json).toEqual([]);
  });

  it('banned_or_new gives never-used and temp-banned or blind accounts, cool-down or not, to a checker', async () => {
    const s = await serveAccounts(['fresh', 'used', 'tb', 'bl', 'wa']);
    await s.call('GET', '/account/request?system_id=x&count=5');
    await s.call('POST', '/account/release', [
      { username: 'fresh' },
      { username: 'used' },
      { username: 'tb', banned: true },
      { username: 'bl', shadowbanned: true },
      { username: 'wa', warn: true },
    ]);
    // "fresh" was used meanwhile too; add a truly new account through the CLI.
    await writeFile(`${s.base}/new.txt`, 'brandnew:pw1');
    await cli(['import', `${s.base}/new.txt`, '--level', '30', ...s.pool.args]);
    const r = await s.call('GET', '/account/request?system_id=pgnumbra_1&count=10&banned_or_new=true');
    expect(r.json.map((a: { username: string }) => a.username).sort()).toEqual(['bl', 'brandnew', 'tb']);
    expect(r.json.find((a: { username: string }) => a.username === 'tb')).toMatchObject({ banned: true, state: 'temp_banned' });
  });
});

describe('POST /account/update and /account/release', () => {
  it('maps banned and shadowbanned onto verdicts with their cool-downs, keeps warn and PGPool\'s other columns, answers ok', async () => {
    const s = await serveAccounts(['u1', 'u2', 'u3']);
    await s.call('GET', '/account/request?system_id=east&count=3');
    const r = await s.call('POST', '/account/update', [
      { username: 'u1', banned: true, level: 31, xp: 1234, team: 'TEAM_BLUE', email: 'u1@example.com', last_modified: 'ignored', _meta: 'x' },
      { username: 'u2', shadowbanned: true, rareless_scans: 12, latitude: 51.9, longitude: 6.9, captcha: true },
      { username: 'u3', warning: true, auth_service: 'ptc', password: 'pw-u3', system_id: 'east' },
    ]);
    expect(r.status).toBe(200);
    expect(r.text).toBe('ok');
    const now = s.now().getTime();
    const pool = await stored(s);
    expect(pool.get('u1')).toMatchObject({ state: 'temp_banned', available_at: new Date(now + 10 * DAY).toISOString(), level: 31, xp: 1234, team: 'TEAM_BLUE', email: 'u1@example.com', holder: 'east' });
    expect(pool.get('u1')).not.toHaveProperty('_meta');
    expect(pool.get('u1')).not.toHaveProperty('last_modified');
    expect(pool.get('u2')).toMatchObject({ state: 'blind', rareless_scans: 12, latitude: 51.9, captcha: true });
    // serve_warn: keep (the default): the game's warn flag is recorded; the account stays in the circle.
    expect(pool.get('u3')).toMatchObject({ state: 'ok', warn: true, password: 'pw-u3' });
    // A flag posted false lifts its verdict; null removes a kept field.
    await s.call('POST', '/account/update', { username: 'u2', warn: false, banned: false, shadowbanned: false });
    await s.call('POST', '/account/update', { username: 'u1', xp: null });
    const after = await stored(s);
    expect(after.get('u2')).toMatchObject({ state: 'ok' });
    expect(after.get('u2')).not.toHaveProperty('available_at');
    expect(after.get('u1')).not.toHaveProperty('xp');
    expect(after.get('u1')!.state).toBe('temp_banned'); // an update without flags changes no verdict
  });

  it('an update refreshes the hold; a release ends it, records the reason, and the account waits at the end of the circle', async () => {
    const s = await serveAccounts(['r1', 'r2', 'r3']);
    const got = await s.call('GET', '/account/request?system_id=east&count=1');
    expect(got.json.username).toBe('r1');
    s.advance(90 * MINUTE);
    await s.call('POST', '/account/update', { username: 'r1', system_id: 'east', level: 30 });
    expect((await stored(s)).get('r1')!.held_until).toBe(new Date(s.now().getTime() + 120 * MINUTE).toISOString());
    const release = await s.call('POST', '/account/release', { username: 'r1', system_id: null, _release_reason: 'worker stopped' });
    expect(release.text).toBe('ok');
    const r1 = (await stored(s)).get('r1')!;
    expect(r1).not.toHaveProperty('holder');
    expect(r1).not.toHaveProperty('held_until');
    expect(r1).toMatchObject({ release_reason: 'worker stopped', released_at: s.now().toISOString() });
    const next = await s.call('GET', '/account/request?system_id=west&count=3');
    expect(next.json.map((a: { username: string }) => a.username)).toEqual(['r2', 'r3', 'r1']);
    expect(s.log.some((l) => l.includes('POST /account/release 200') && l.includes('released=1'))).toBe(true);
    // PGPool set system_id from every update: a scanner posting about a free account it uses holds it.
    await s.call('POST', '/account/release', { username: 'r2', system_id: 'west' });
    await s.call('POST', '/account/update', { username: 'r2', system_id: 'south' });
    expect((await stored(s)).get('r2')).toMatchObject({ holder: 'south', held_until: new Date(s.now().getTime() + 120 * MINUTE).toISOString() });
  });

  it("never moves a live hold to another system that posts about the account (its release would free it for a third); a release naming a system ends only that system's hold", async () => {
    const s = await serveAccounts(['h1', 'h2', 'h3']);
    await s.call('GET', '/account/request?system_id=east&count=2');
    const eastUntil = (await stored(s)).get('h1')!.held_until;
    // PGScout or PGNumbra running their own accounts.csv post updates, then release, under their own system_id.
    await s.call('POST', '/account/update', { username: 'h1', system_id: 'west', level: 33 });
    await s.call('POST', '/account/release', { username: 'h1', system_id: 'west', _release_reason: 'Checked with PGNumbra' });
    expect((await stored(s)).get('h1')).toMatchObject({ holder: 'east', level: 33, held_until: eastUntil });
    expect(s.log.at(-1)).toMatch(/POST \/account\/release 200 .* accounts=1 conflicts=1$/);
    const south = await s.call('GET', '/account/request?system_id=south&count=3');
    expect(south.json.map((a: { username: string }) => a.username)).toEqual(['h3']);
    // south never had h2: its release leaves east's hold (see test/server/others-holds.test.ts); east's own ends it.
    await s.call('POST', '/account/release', { username: 'h2', system_id: 'south', _release_reason: 'not mine' });
    expect((await stored(s)).get('h2')).toMatchObject({ holder: 'east' });
    expect(s.log.at(-1)).toMatch(/POST \/account\/release 200 .* accounts=1 conflicts=1$/);
    await s.call('POST', '/account/release', { username: 'h2', system_id: 'east', _release_reason: 'done' });
    expect((await stored(s)).get('h2')).not.toHaveProperty('holder');
    expect((await stored(s)).get('h2')).toMatchObject({ release_reason: 'done' });
    // One holder at a time: east lost h1 to west, so east's next request gets h2, never h1.
    expect((await s.call('GET', '/account/request?system_id=east&count=5')).json.map((a: { username: string }) => a.username)).toEqual(['h2']);
  });

  it('GET /status answers what `accountpool status --json` prints', async () => {
    const s = await serveAccounts(['s1', 's2', 's3']);
    await s.call('GET', '/account/request?system_id=east&count=2');
    const status = await s.call('GET', '/status');
    expect(status.status).toBe(200);
    const printed = JSON.parse((await cli(['status', '--json', ...s.pool.args], { clock: () => s.now() })).stdout);
    expect(status.json).toEqual(printed);
    expect(status.json.holders).toEqual([{ instance: 'east', accounts: 2, held_until: new Date(s.now().getTime() + 120 * MINUTE).toISOString() }]);
  });
});
