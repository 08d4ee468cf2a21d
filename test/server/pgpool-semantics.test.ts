// What PGPool did with each request, and what its clients rely on (issue 15): unknown accounts
// are created, answers carry no stale flags and no captcha, parameters read as PGPool read them,
// holds move as PGPool's system_id moved, bodies are read field by field, warn is configurable.
// PGPool's behaviour is from codename-art/PGPool (pgpool.py, pgpool/models.py, pgpool/utils.py).
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { cli } from '../helpers/cli.js';
import { serveAccounts, stored, type TestServer } from './helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const names = (r: { json: unknown }) => (Array.isArray(r.json) ? r.json : [r.json]).map((a: { username: string }) => a.username);

async function importDump(s: TestServer, text: string, level = 30): Promise<void> {
  await writeFile(`${s.base}/dump.txt`, text);
  const result = await cli(['import', `${s.base}/dump.txt`, '--level', String(level), ...s.pool.args], { clock: () => s.now() });
  expect(result.code, result.stderr).toBe(0);
}

describe('unknown accounts (Account.get_or_create in update_account)', () => {
  it('are created by a release that carries a password, and handed out like any other', async () => {
    const s = await serveAccounts([]);
    const r = await s.call('POST', '/account/release', { username: 'newbie', password: 'pw-new', auth_service: 'ptc', level: 32, system_id: 'pgnumbra_42', _release_reason: 'Checked with PGNumbra' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('ok');
    expect(s.log.at(-1)).toMatch(/POST \/account\/release 200 .* accounts=1 created=1$/);
    expect((await stored(s)).get('newbie')).toMatchObject({ password: 'pw-new', provider: 'ptc', level: 32, state: 'ok', source: 'POST /account/release', release_reason: 'Checked with PGNumbra' });
    expect((await stored(s)).get('newbie')).not.toHaveProperty('holder');
    expect((await s.call('GET', '/account/request?system_id=east&min_level=30')).json).toMatchObject({ username: 'newbie', password: 'pw-new', level: 32 });
  });

  it('without a password are kept for their verdicts and level, never handed out, until a dump brings the password', async () => {
    const s = await serveAccounts(['known']);
    await s.call('POST', '/account/update', [
      { username: 'ghost', level: 35, shadowbanned: true, system_id: 'east' },
      { username: 'known', level: 31 },
    ]);
    expect(s.log.at(-1)).toMatch(/accounts=2 created=1 without_password=ghost note="accounts created without a password are kept for their verdicts and level, and handed out once a dump with their password is imported" verdicts=1 taken=1$/);
    const ghost = (await stored(s)).get('ghost')!;
    expect(ghost).toMatchObject({ level: 35, state: 'blind', holder: 'east' });
    expect(ghost).not.toHaveProperty('password');
    await s.call('POST', '/account/release', { username: 'ghost', shadowbanned: false });
    s.advance(11 * DAY);
    for (const query of ['count=5', 'count=5&banned_or_new=True', 'count=5&shadow=True']) {
      expect(names(await s.call('GET', `/account/request?system_id=west&${query}`)), query).not.toContain('ghost');
      await s.call('POST', '/account/release', { username: 'known' });
    }
    const status = JSON.parse((await cli(['status', '--json', ...s.pool.args], { clock: () => s.now() })).stdout);
    expect(status.byAvailability.retired).toBe(1); // out of the circle, as an account with a wrong password
    await importDump(s, 'ghost:pw-ghost\n');
    expect(names(await s.call('GET', '/account/request?system_id=west&count=5'))).toEqual(['ghost', 'known']);
  });

  it('that cannot be accounts (a username with a blank) are skipped, and the rest of the post applies', async () => {
    const s = await serveAccounts(['acc1']);
    const r = await s.call('POST', '/account/update', [{ username: 'bad name', password: 'x' }, { username: 'acc1', level: 33 }, { level: 3 }]);
    expect(r.status).toBe(200);
    expect((await stored(s)).get('acc1')).toMatchObject({ level: 33 });
    expect([...(await stored(s)).keys()]).toEqual(['acc1']);
    expect(s.log.at(-1)).toContain('skipped=2 why="item 3: no username (fields level); item 1: \\"bad name\\": not in the pool, and cannot be added (username contains blanks)"');
  });

  // PGPool answered `ok` before it looked at an item (db_updater applied the queue in a thread and
  // logged what failed), and its clients read only the status: MrMime's update_pgpool (SenorKarlos/
  // MrMime mrmime/pogoaccount.py) and codename-art's RocketMap pgpool_update (pogom/pgpool.py) log
  // "Successfully updated/released" on a 200 and a warning otherwise, hzpz/PGPoolClient and
  // coreyman2000/PGNumbra do not look. A release list's item that is no object gave PGPool a 500
  // after queueing the items before it (release_accounts sets item['system_id']). So: `ok`, the rest
  // of the list applied whatever its place, and the log names each skipped item and why.
  it('a release list with items naming no account: ok, every other item released, each skipped one named in the log (never a password)', async () => {
    const s = await serveAccounts(['acc1', 'acc2', 'acc3']);
    await s.call('GET', '/account/request?system_id=east&count=3');
    const body = '["oops", {"username": "acc1", "system_id": "east"}, {"password": "s3cret-pw", "level": 30}, {"username": 12345, "password": "s3cret-pw"}, {"username": "acc2"}, {"username": "  "}, {"username": "acc3", "_release_reason": "rest interval"}]';
    const r = await s.python('POST', '/account/release', body);
    expect([r.status, r.text]).toEqual([200, 'ok']);
    const after = await stored(s);
    for (const name of ['acc1', 'acc2', 'acc3']) expect(after.get(name)).not.toHaveProperty('holder');
    expect([...after.keys()].sort()).toEqual(['acc1', 'acc2', 'acc3']);
    const line = s.log.at(-1)!;
    expect(line).toContain('accounts=3 released=3 skipped=4 why="item 1: not a JSON object but a string; item 3: no username (fields password, level); item 4: a username that is a number, not text (fields password); item 6: a blank username (no other field)"');
    expect(line).not.toContain('s3cret');
    // Past ten, the log counts the rest.
    await s.python('POST', '/account/update', JSON.stringify(Array.from({ length: 12 }, (_, i) => ({ level: i }))));
    expect(s.log.at(-1)).toMatch(/skipped=12 why="item 1: no username \(fields level\);.*; item 10: no username \(fields level\); \+2 more"$/);
  });
});

describe('answers carry no stale flags and no captcha', () => {
  it('after a cool-down ends: shadowbanned, banned and rareless_scans are cleared in the answer; the account keeps its history', async () => {
    const s = await serveAccounts(['blind1', 'banned1']);
    await s.call('GET', '/account/request?system_id=east&count=2');
    await s.call('POST', '/account/release', [
      { username: 'blind1', shadowbanned: true, rareless_scans: 25, _release_reason: 'shadowbanned' },
      { username: 'banned1', banned: true, _release_reason: 'banned' },
    ]);
    // Within the cool-down a checker (banned_or_new) sees the verdicts as they are.
    const checking = await s.call('GET', '/account/request?system_id=pgnumbra_1&count=2&banned_or_new=True');
    expect(checking.json.map((a: Record<string, unknown>) => [a.username, a.shadowbanned, a.banned, a.rareless_scans])).toEqual([
      ['banned1', false, true, 0],
      ['blind1', true, false, 25],
    ]);
    await s.call('POST', '/account/release', [{ username: 'blind1' }, { username: 'banned1' }]);
    s.advance(10 * DAY + MINUTE);
    const back = await s.call('GET', '/account/request?system_id=west&count=2');
    for (const account of back.json) expect(account).toMatchObject({ shadowbanned: false, banned: false, warn: false, rareless_scans: 0, state: 'ok' });
    expect((await stored(s)).get('blind1')).toMatchObject({ state: 'blind', rareless_scans: 25, state_at: expect.any(String) });
  });

  it("stores MrMime's captcha: \"\" as false and never answers a captcha key", async () => {
    const s = await serveAccounts(['c1', 'c2']);
    await s.call('POST', '/account/update', [
      { username: 'c1', captcha: '' },
      { username: 'c2', captcha: true, ban_flag: 1 },
    ]);
    expect((await stored(s)).get('c1')).toMatchObject({ captcha: false });
    expect((await stored(s)).get('c2')).toMatchObject({ captcha: true, ban_flag: true });
    const given = await s.call('GET', '/account/request?system_id=east&count=2');
    expect(given.json.map((a: Record<string, unknown>) => a.username)).toEqual(['c1', 'c2']);
    for (const account of given.json) {
      expect(account).not.toHaveProperty('captcha');
      expect(account).not.toHaveProperty('ban_flag');
    }
  });
});

describe('parameters as PGPool reads them', () => {
  it('min_level alone has no upper limit; max_level below 40 is one; a range that admits nothing answers []', async () => {
    const s = await serveAccounts({ low: 5, mid: 29, high: 30, top: 45 });
    const take = async (query: string) => {
      const r = await s.call('GET', `/account/request?system_id=x&count=10&${query}`);
      expect(r.status, query).toBe(200);
      const list = names(r).sort();
      if (list.length > 0) await s.call('POST', '/account/release', list.map((username: string) => ({ username })));
      return list;
    };
    expect(await take('min_level=41')).toEqual(['top']); // PGScout sends only min_level
    expect(await take('min_level=45&max_level=40')).toEqual(['top']); // 40 and up: no upper limit
    expect(await take('min_level=31&max_level=30')).toEqual([]);
    expect(await take('min_level=-5&max_level=29')).toEqual(['low', 'mid']);
    expect(await take('max_level=-1')).toEqual([]);
    expect(await take('min_level=+30&max_level= 45 ')).toEqual(['high', 'top']); // Python's int() takes signs and blanks
  });

  it('count 0 or below answers [] and hands out nothing; a huge count is a long list, not an error', async () => {
    const s = await serveAccounts(['a1', 'a2']);
    for (const count of ['0', '-3']) {
      const r = await s.call('GET', `/account/request?system_id=x&count=${count}`);
      expect(r.status).toBe(200);
      expect(r.json).toEqual([]);
    }
    expect([...(await stored(s)).values()].filter((a) => a.holder)).toEqual([]);
    expect(names(await s.call('GET', '/account/request?system_id=x&count=99999999'))).toEqual(['a1', 'a2']);
  });

  it('booleans: true or yes in any case (Python sends True), anything else false, as parse_bool', async () => {
    const s = await serveAccounts(['a1', 'a2', 'a3', 'a4']);
    await s.call('GET', '/account/request?system_id=east&count=1');
    expect(names(await s.call('GET', '/account/request?system_id=east&count=1&reuse=1'))).toEqual(['a2']); // 1 is false in PGPool
    expect(names(await s.call('GET', '/account/request?system_id=east&count=1&reuse=maybe'))).toEqual(['a3']);
    expect(names(await s.call('GET', '/account/request?system_id=east&count=2&reuse=True'))).toEqual(['a1', 'a2']);
    expect(names(await s.call('GET', '/account/request?system_id=east&count=1&include_already_assigned=YES'))).toEqual(['a1']);
    expect((await s.call('GET', '/account/request?system_id=west&count=1&banned_or_new=1')).json.username).toBe('a4');
  });

  it("shadow=True (codename-art's PGPool, for gym scanners) gives blind accounts that are not banned", async () => {
    const s = await serveAccounts(['ok1', 'blind1', 'banned1']);
    await s.call('POST', '/account/update', [
      { username: 'blind1', shadowbanned: true },
      { username: 'banned1', banned: true },
    ]);
    expect(names(await s.call('GET', '/account/request?system_id=gyms&count=5&shadow=True'))).toEqual(['blind1']);
    expect(names(await s.call('GET', '/account/request?system_id=mons&count=5&shadow=False'))).toEqual(['ok1']);
  });
});

describe('holds and bodies as PGPool took them', () => {
  it('an update without system_id keeps the hold running; system_id null ends it, as PGPool set NULL', async () => {
    const s = await serveAccounts(['h1']);
    await s.call('GET', '/account/request?system_id=east');
    s.advance(100 * MINUTE);
    await s.call('POST', '/account/update', { username: 'h1', level: 31 });
    expect((await stored(s)).get('h1')).toMatchObject({ holder: 'east', held_until: new Date(s.now().getTime() + 120 * MINUTE).toISOString() });
    await s.call('POST', '/account/update', { username: 'h1', system_id: null });
    expect((await stored(s)).get('h1')).not.toHaveProperty('holder');
  });

  it('ignores fields it does not know, our own field names and values a column could not hold, and applies the rest', async () => {
    const s = await serveAccounts(['acc1']);
    const before = (await stored(s)).get('acc1')!;
    const r = await s.call('POST', '/account/update', {
      username: 'acc1', xp: 55, team: 'TEAM_RED', walked: '12.5', level: [31], state: 'perm_banned', holder: 'me', seq: 9, added_at: 'x',
      stats: { a: 1 }, spins: 'many', auth_service: 'facebook', password: '', banned: [true], note: 'hello', _private: 1,
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('ok');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8'); // what Flask sends for a returned string
    const acc1 = (await stored(s)).get('acc1')!;
    expect(acc1).toMatchObject({ xp: 55, team: 'TEAM_RED', walked: 12.5, level: before.level, state: 'ok', seq: before.seq, password: before.password, provider: 'ptc' });
    for (const field of ['stats', 'spins', 'note', '_private', 'holder']) expect(acc1).not.toHaveProperty(field);
    expect(s.log.at(-1)).toMatch(/accounts=1 ignored="level,state,holder,seq,added_at,stats,spins,auth_service,password,banned,\+1"$/);
  });
});

describe('warn (serve_warn)', () => {
  it('keep (the default): recorded and answered, and the account goes on being handed out, as PGPool did', async () => {
    const s = await serveAccounts(['w1']);
    await s.call('GET', '/account/request?system_id=east');
    await s.call('POST', '/account/release', { username: 'w1', warn: true });
    expect((await stored(s)).get('w1')).toMatchObject({ state: 'ok', warn: true });
    expect((await s.call('GET', '/account/request?system_id=west')).json).toMatchObject({ username: 'w1', warn: true });
  });

  it('rest: the warned verdict with its cool-down (cooldowns.warned)', async () => {
    const s = await serveAccounts(['w1'], { warn: 'rest' });
    await s.call('GET', '/account/request?system_id=east');
    await s.call('POST', '/account/release', { username: 'w1', warn: true });
    expect((await stored(s)).get('w1')).toMatchObject({ state: 'warned', available_at: new Date(s.now().getTime() + 10 * DAY).toISOString() });
    expect((await s.call('GET', '/account/request?system_id=west')).json).toEqual([]);
    s.advance(10 * DAY + MINUTE);
    expect((await s.call('GET', '/account/request?system_id=west')).json).toMatchObject({ username: 'w1', warn: false, state: 'ok' });
  });
});
