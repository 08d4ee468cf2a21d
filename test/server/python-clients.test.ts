// PGPool's clients' own calls, sent by Python's real `requests` (test/helpers/pgpool_client.py):
// the query `requests.get(url, params=...)` builds (Python's True as "True", a None left out) and
// the json.dumps body `requests.post(url, data=...)` posts, then the answer read as the client reads
// it (r.status_code, r.json(), a dict wrapped in a list). Facts from:
//   hzpz/PGPoolClient: pgpool_client/utils.py (pgpool_load_accounts, pgpool_mark_banned,
//     pgpool_release_account), pgpool_client/config.py (-reuse type=bool, levels 1 and 40 by
//     default), pgpool_export.py (mark every account of the old file banned and release it, then
//     load new ones and write them as csv rows auth_service,username,password)
//   coreyman2000/PGNumbra: pgnumbra/PGPoolAccProvider.py (next: one account at a time until the
//     answer is falsy; release posts the username alone), pgnumbra/utils.py (pgpool_load_accounts:
//     system_id, count, banned_or_new=True)
//   ngovil21/PGNumbra: pgnumbra/utils.py (load_accounts: banned_or_new=True with min_level and
//     max_level sent only above 0), pgnumbra/config.py (-min, -max default 0)
//   codename-art/RocketMap, branch PGPool: pogom/pgpool.py (pgpool_request_accounts with shadow and
//     banned_or_new; `-w 1` at start wraps the count=1 answer itself: [r])
//   SenorKarlos/MrMime: mrmime/pogoaccount.py (update_pgpool: latitude/longitude None before the
//     first location, captcha only once logged in, warn from _player_state.get('warn'), which is None
//     until the game said, ban_flag from get_state('banned'))
//   tomballgithub/PGScout-1 at b2f01e9: pgscout.py (load_accounts: placeholder scouts "Waiting for
//     account", pgpool_acct_multiplier), pgscout/ScoutGuard.py (run, swap_account,
//     update_multiplier_accounts), pgscout/utils.py (load_pgpool_accounts: {} when the request raised)
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { serveAccounts, stored } from './helpers.js';
import { python, type PyAnswer } from './python-requests.js';

/** `acc_json = r.json(); if isinstance(acc_json, dict): acc_json = [acc_json]` (both clients below). */
const asList = (answer: PyAnswer): Record<string, unknown>[] => (Array.isArray(answer.json) ? answer.json : [answer.json]);

describe('hzpz/PGPoolClient (pgpool_export.py: rotate a scanner accounts file through PGPool)', () => {
  it('loads accounts, then marks the old file banned and releases it, and the next load gets other accounts', async () => {
    const s = await serveAccounts(['a1', 'a2', 'a3', 'a4', 'a5']);
    // pgpool_load_and_write_new_accounts: params system_id and count only.
    const [first] = await python(s, [{ get: '/account/request', params: { system_id: 'monocle-1', count: 2 } }]);
    expect(first!.status).toBe(200); // anything else: "Could not request accounts" and a retry every 2 s
    expect(first!.url).toMatch(/\/account\/request\?system_id=monocle-1&count=2$/);
    expect(first!.content_type).toBe('application/json');
    const rows = asList(first!).map((acc) => [acc.auth_service, acc.username, acc.password]);
    expect(rows).toEqual([['ptc', 'a1', 'pw-a1'], ['ptc', 'a2', 'pw-a2']]);

    // pgpool_mark_banned_and_release_accounts: for each row, update {username, banned: True}, then release {username}.
    const posts = await python(s, rows.flatMap(([, username]) => [
      { post: '/account/update', data: { username, banned: true } },
      { post: '/account/release', data: { username } },
    ]));
    expect(posts.map((p) => [p.status, p.text])).toEqual(Array(4).fill([200, 'ok']));
    const after = await stored(s);
    for (const name of ['a1', 'a2']) {
      expect(after.get(name)).toMatchObject({ state: 'temp_banned' });
      expect(after.get(name)).not.toHaveProperty('holder');
    }

    // The next load, as utils.py's other version sends it (levels 1 and 40 = no limit, -reuse False): count=1 is one object.
    const [next] = await python(s, [{ get: '/account/request', params: { system_id: 'monocle-1', count: 1, min_level: 1, max_level: 40, reuse: false } }]);
    expect(next!.url).toContain('reuse=False');
    expect(Array.isArray(next!.json)).toBe(false);
    expect(asList(next!).map((acc) => acc.username)).toEqual(['a3']);
  });
});

describe('hzpz/PGPoolClient: accounts written into a file are never heard of again (pgpool_export.py)', () => {
  // pgpool_export.py writes the loaded accounts into the scanner's accounts file and posts nothing
  // about them until they are replaced; pgpool_account_heartbeat (utils.py) posts a datetime, which
  // json.dumps refuses, so it never reaches the server. Their holds live only as long as release_timeout.
  it('with the default release timeout another scanner gets them after 120 minutes, as from PGPool; with --release-timeout 0 never', async () => {
    for (const [releaseTimeoutMs, after] of [[undefined, ['f1', 'f2']], [0, []]] as const) {
      const s = await serveAccounts(['f1', 'f2'], releaseTimeoutMs === undefined ? {} : { releaseTimeoutMs });
      const [loaded] = await python(s, [{ get: '/account/request', params: { system_id: 'monocle-1', count: 2 } }]);
      expect(asList(loaded!).map((acc) => acc.username)).toEqual(['f1', 'f2']);
      s.advance(121 * 60_000);
      const [other] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-east', count: 2 } }]);
      expect(asList(other!).map((acc) => acc.username)).toEqual(after);
    }
  });
});

describe('coreyman2000/PGNumbra (PGPoolAccProvider: -pgpn accounts one at a time)', () => {
  it('takes new accounts one by one until the answer is falsy, and a release of the username alone ends each hold', async () => {
    const s = await serveAccounts(['n1', 'n2']);
    // next(): pgpool_load_accounts(1) until `not accounts` ("Got no further account back from PGPool.").
    const ask = { get: '/account/request', params: { system_id: 'pgnumbra_4242', count: 1, banned_or_new: true } };
    const answers = await python(s, [ask, ask, ask]);
    const seen: string[] = [];
    for (const got of answers) {
      expect(got.status).toBe(200);
      expect(got.url).toContain('banned_or_new=True');
      const accounts = asList(got);
      if (accounts.length === 0) break; // Python's `not accounts`; a `{}` answer, wrapped, is [{}]: truthy, then a KeyError
      seen.push(String(accounts[0]!.username));
    }
    expect(seen).toEqual(['n1', 'n2']); // each once: no account handed to it twice while it checks
    // release(username): {'username': username}, nothing else.
    const released = await python(s, seen.map((username) => ({ post: '/account/release', data: { username } })));
    expect(released.map((r) => r.status)).toEqual([200, 200]);
    const after = await stored(s);
    for (const name of seen) expect(after.get(name)).not.toHaveProperty('holder');
  });
});

describe('ngovil21/PGNumbra (shadowcheck.py -pgpn N -min L -max M: new or banned accounts of a level range)', () => {
  // pgnumbra/utils.py load_accounts(min_level, max_level): system_id, count, banned_or_new=True, and
  // min_level / max_level only when above 0 (-min and -max default to 0); a dict wrapped in a list,
  // each account read as acc['auth_service'], acc['username'], acc['password'].
  it('gets the never-used and banned accounts of the range only, with -min alone no upper limit', async () => {
    const s = await serveAccounts({ new30: 30, new20: 20, bad31: 31, used32: 32, new36: 36 });
    await s.call('GET', '/account/request?system_id=rm&count=5&min_level=31&max_level=32');
    await s.call('POST', '/account/release', [{ username: 'bad31', banned: true }, { username: 'used32' }]);
    const [range, floor] = await python(s, [
      { get: '/account/request', params: { system_id: 'pgnumbra_4242', count: 10, banned_or_new: true, min_level: 30, max_level: 35 } },
      { get: '/account/request', params: { system_id: 'pgnumbra_4243', count: 10, banned_or_new: true, min_level: 30 } },
    ]);
    expect(range!.url).toContain('banned_or_new=True');
    expect(asList(range!).map((acc) => [acc.auth_service, acc.username, acc.password])).toEqual([['ptc', 'new30', 'pw-new30'], ['ptc', 'bad31', 'pw-bad31']]);
    expect(range!.url).toContain('max_level=35');
    // -max 0 sends no max_level: level 36 too (the range's accounts are held by the first checker now).
    expect(floor!.url).not.toContain('max_level');
    expect(asList(floor!).map((acc) => acc.username)).toEqual(['new36']);
  });
});

describe("codename-art's RocketMap (PGPool branch) started with -w 1", () => {
  it('the count=1 start request answers the account alone, which pgpool_request_accounts wraps as [r]', async () => {
    const s = await serveAccounts({ w1: 20, hl1: 31 });
    const [workers, high] = await python(s, [
      { get: '/account/request', params: { system_id: 'rm-1', count: 1, min_level: 1, max_level: 29, include_already_assigned: true, banned_or_new: false, shadow: false } },
      { get: '/account/request', params: { system_id: 'rm-1', count: 1, min_level: 30, max_level: 40, include_already_assigned: true, banned_or_new: false, shadow: false } },
    ]);
    // `if init and count == 1: return [r]`: a list of one here would become [[...]], a worker without a username.
    expect(workers!.json).toMatchObject({ username: 'w1', password: 'pw-w1', auth_service: 'ptc', level: 20 });
    expect(high!.json).toMatchObject({ username: 'hl1', level: 31 });
  });
});

describe('MrMime update_pgpool (mrmime/pogoaccount.py) before and after login', () => {
  it("posts None for what it does not know yet: nothing is lost, the hold stays with the scanner, and the scanner's later facts apply", async () => {
    const s = await serveAccounts({ m1: 30 });
    const [given] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-mrmime', count: 1 } }]);
    expect(given!.json).toMatchObject({ username: 'm1' });
    const before = { username: 'm1', password: 'pw-m1', auth_service: 'ptc', system_id: 'rm-mrmime', latitude: null, longitude: null };
    const after = { ...before, latitude: 52.37, longitude: 4.89, captcha: false, rareless_scans: 2, shadowbanned: false, warn: null, banned: false, ban_flag: null, level: 31, xp: 2100000 };
    const posted = await python(s, [
      { post: '/account/update', data: before },
      { post: '/account/update', data: after },
    ]);
    expect(posted.map((p) => [p.status, p.text])).toEqual([[200, 'ok'], [200, 'ok']]); // update_pgpool logs anything else as a failure
    expect((await stored(s)).get('m1')).toMatchObject({ password: 'pw-m1', holder: 'rm-mrmime', state: 'ok', level: 31, latitude: 52.37, longitude: 4.89, rareless_scans: 2, xp: 2100000, captcha: false });
    // What the scanner asks for next (include_already_assigned after a restart) gives it back, with the facts posted.
    const [again] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-mrmime', count: 1, include_already_assigned: true } }]);
    expect(again!.json).toMatchObject({ username: 'm1', level: 31, latitude: 52.37, rareless_scans: 2, warn: false, banned: false, shadowbanned: false });
    expect(again!.json).not.toHaveProperty('captcha');
  });
});

describe('a PGPool URL configured with a trailing slash (--pgpool-url http://host:4242/)', () => {
  it('the "//account/request" and "//account/release" every client then sends are served as the single-slash paths', async () => {
    const s = await serveAccounts({ t1: 30 });
    // pogom/pgpool.py and mrmime/pogoaccount.py: "{}/account/request".format(pgpool_url), and requests sends the path as built.
    const [got, released] = await python(s, [
      { get: '/account/request', params: { system_id: 'rm-slash', count: 1 } },
      { post: '/account/release', data: { username: 't1', system_id: null } },
    ], `${s.url}/`);
    expect(got!.url).toContain('//account/request?');
    expect(got!.json).toMatchObject({ username: 't1' });
    expect([released!.status, released!.text]).toEqual([200, 'ok']);
    expect((await stored(s)).get('t1')).not.toHaveProperty('holder');
  });
});

describe("a float that is not a number in a post (json.dumps writes a bare NaN, PGPool's json.loads read it)", () => {
  it("codename-art's RocketMap release with walked = nan still ends the hold and applies the rest", async () => {
    const s = await serveAccounts({ w1: 20 });
    await python(s, [{ get: '/account/request', params: { system_id: 'rm-east', count: 1 } }]);
    // pgpool_update (pogom/pgpool.py): 'walked': account['walked'], a float from the game's stats.
    const [released] = await python(s, [{
      post: '/account/release',
      data: { username: 'w1', password: 'pw-w1', auth_service: 'ptc', system_id: null, rareless_scans: 0, shadowbanned: false, banned: true, warning: false, level: 21, spins: 40, walked: 0, _release_reason: 'banned' },
      nan: ['walked'],
    }]);
    expect([released!.status, released!.text]).toEqual([200, 'ok']);
    const account = (await stored(s)).get('w1');
    expect(account).toMatchObject({ state: 'temp_banned', level: 21, spins: 40, release_reason: 'banned' });
    expect(account).not.toHaveProperty('holder');
    expect(account).not.toHaveProperty('walked'); // a number column cannot hold nan: ignored, as the log line says
    expect(s.log.at(-1)).toContain('walked');
  });
});

describe("codename-art's RocketMap (PGPool branch): a release posting system_id None, through Python's requests", () => {
  // pogom/pgpool.py: pgpool_release_account -> pgpool_update(account, status, release=True, reason=...)
  // builds {'username', 'password', 'auth_service', 'system_id': None if release else
  // args.status_name, 'latitude', 'longitude', 'captcha', 'rareless_scans', 'shadowbanned', 'banned',
  // 'warning'} and posts json.dumps(data) to /account/release: Python's None goes out as null.
  const released = (username: string, reason: string) => ({
    post: '/account/release',
    data: { username, password: `pw-${username}`, auth_service: 'ptc', system_id: null, latitude: 52.0907, longitude: 5.1214, captcha: false, rareless_scans: 0, shadowbanned: false, banned: false, warning: false, _release_reason: reason },
  });

  it("ends the hold serve gave (the account comes last), and leaves an allocate lease of another scanner's file alone", async () => {
    const s = await serveAccounts({ w1: 20, w2: 21, w3: 22, leased: 23 });
    const csv = `${s.base}/monocle.csv`;
    // Another scanner's accounts.csv, allocated first (the least recently used first: w1).
    expect((await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', csv, '--instance', 'monocle', ...s.pool.args], { clock: () => s.now() })).code).toBe(0);
    const lease = (await stored(s)).get('w1')!;
    expect(lease.holder).toBe('monocle');
    const ask = { get: '/account/request', params: { system_id: 'rm-east', count: 2, min_level: 1, max_level: 29, include_already_assigned: true, banned_or_new: false, shadow: false } };
    const [start] = await python(s, [ask]);
    expect(asList(start!).map((a) => a.username)).toEqual(['w2', 'w3']);
    s.advance(30 * 60_000);
    const answers = await python(s, [released('w2', 'rest interval'), released('w1', 'failed more than 5 times')]);
    // The client reads only the status code: 200 for both.
    expect(answers.map((a) => [a.status, a.text])).toEqual([[200, 'ok'], [200, 'ok']]);
    const pool = await stored(s);
    expect(pool.get('w2')).not.toHaveProperty('holder');
    expect(pool.get('w2')).toMatchObject({ release_reason: 'rest interval' });
    // The lease in the other scanner's file is not the poster's to end: kept, and never handed out.
    expect(pool.get('w1')).toMatchObject({ holder: 'monocle', held_until: lease.held_until });
    // get_account's replacement (count=1): the one never handed out, then the one given back last.
    const [next, after] = await python(s, [{ ...ask, params: { ...ask.params, count: 1, include_already_assigned: false } }, { ...ask, params: { ...ask.params, count: 1, include_already_assigned: false } }]);
    expect(next!.json.username).toBe('leased');
    expect(after!.json.username).toBe('w2');
    expect(s.log.join('\n')).not.toMatch(/pw-/);
  });
});

describe('tomballgithub/PGScout-1 (pgpool_acct_multiplier: placeholder scouts, duplicates of one account)', () => {
  // pgscout.py load_accounts: load_pgpool_accounts(pgpool_num_accounts, reuse=True) (system_id,
  // count, min_level = -l, reuse), a dict wrapped only when not empty; each account gets
  // pgpool_acct_multiplier ScoutGuards (a master, then duplicates logged in as the same account),
  // and each of the count the answer lacks a placeholder Scout named "Waiting for account" with an
  // empty password and auth_service. pgscout/ScoutGuard.py run(): a placeholder does not scout,
  // then, as every master, is released (MrMime's POGOAccount.release -> update_pgpool(release=True,
  // reason=last_msg): the reason left out when "") and swap_account asks load_pgpool_accounts(1)
  // until the answer is truthy. A master swapped out sets its duplicates to 2, and each then
  // releases the old account again ("removing multiplier account") under the same system_id.
  const mrmime = (username: string, facts: Record<string, unknown> = {}) => ({
    username, password: `pw-${username}`, auth_service: 'ptc', system_id: 'pgscout-1', latitude: 52.1, longitude: 5.2,
    captcha: false, rareless_scans: 0, warn: false, banned: false, ban_flag: false, level: 30, xp: 2_000_000, ...facts,
  });

  it("the placeholder's release adds no account; a duplicate's late release leaves the hold the account has since been given", async () => {
    const s = await serveAccounts(['sa', 'sb']);
    const [start] = await python(s, [{ get: '/account/request', params: { system_id: 'pgscout-1', count: 3, min_level: 30, reuse: true } }]);
    expect(start!.url).toContain('reuse=True');
    const loaded = asList(start!);
    expect(loaded.map((acc) => [acc.auth_service, acc.username, acc.password])).toEqual([['ptc', 'sa', 'pw-sa'], ['ptc', 'sb', 'pw-sb']]);

    // The third ScoutGuard: the placeholder released, then a replacement asked for; `[]` is falsy: it waits a minute.
    const [placeholder, wait] = await python(s, [
      { post: '/account/release', data: { username: 'Waiting for account', password: '', auth_service: '', system_id: 'pgscout-1', latitude: null, longitude: null } },
      { get: '/account/request', params: { system_id: 'pgscout-1', count: 1, min_level: 30, reuse: false } },
    ]);
    expect([placeholder!.status, placeholder!.text]).toEqual([200, 'ok']); // MrMime logs anything else as a failure
    expect(wait!.json).toEqual([]);
    expect([...(await stored(s)).keys()].sort()).toEqual(['sa', 'sb']); // PGPool's get_or_create made it an account
    expect(s.log.join('\n')).toMatch(/Waiting for account\W+ not in the pool, and cannot be added/);

    // sa's master finds its level too low (Scout.scout_error(..., True)): released with the level it read.
    const reason = 'Trainer level 29 is too low. Needs to be 30+';
    await python(s, [{ post: '/account/release', data: { ...mrmime('sa', { level: 29 }), _release_reason: reason } }]);
    // A RocketMap's worker (levels 1-29) gets it before sa's duplicate leaves its semaphore loop.
    const [worker] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-east', count: 1, min_level: 1, max_level: 29 } }]);
    expect(worker!.json).toMatchObject({ username: 'sa', level: 29 });
    const [late] = await python(s, [{ post: '/account/release', data: { ...mrmime('sa', { level: 29 }), _release_reason: 'removing multiplier account' } }]);
    expect([late!.status, late!.text]).toEqual([200, 'ok']);
    // PGPool set system_id NULL here, and the next request gave sa to a second scanner while rm-east scanned with it.
    expect((await stored(s)).get('sa')).toMatchObject({ holder: 'rm-east', release_reason: reason });
    expect(s.log.at(-1)).toMatch(/conflicts=1/);
    const [other] = await python(s, [{ get: '/account/request', params: { system_id: 'rm-west', count: 1, min_level: 1, max_level: 29 } }]);
    expect(other!.json).toEqual([]);
    expect(s.log.join('\n')).not.toMatch(/pw-/);
  });
});
