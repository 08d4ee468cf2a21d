// PGPool's real clients against `serve`: each test sends exactly what the client's code sends (the
// query its `requests.get(url, params=...)` builds, Python's True/False included; the bodies its
// `requests.post(url, data=json.dumps(data))` posts, with json.dumps' spacing and \u escapes and
// no Content-Type) and checks the answer the way that code uses it. Facts from:
//   codename-art/RocketMap, branch PGPool: pogom/pgpool.py, pogom/account.py (AccountSet, get_account,
//     account_failed), pogom/search.py (rotating an account out: -asi, failed and empty scans)
//   sLoPPydrive's RocketMap (MIX_SCYTHER, as mirrored in codename-art/RocketMap): pogom/pgpool.py,
//     pogom/account.py (setup_mrmime_account), pogom/search.py (the blind check)
//   SenorKarlos/MrMime: mrmime/pogoaccount.py (update_pgpool, has_captcha)
//   codename-art/PGPool: pgscout/utils.py (load_pgpool_accounts), pgscout/ScoutGuard.py
//   rakuuhwa/PGNumbra: pgnumbra/utils.py (load_accounts), pgnumbra/config.py, shadowcheck.py
//   cecpk/RocketMAD before it dropped scanning (commit 2cd602b5): pogom/pgpool.py, pogom/account.py
//     (get_account), pogom/utils.py; its commit 4730d2bd "MrMime: Fix for 1-account setups with PGPool"
//   rkhous/RocketMap: pogom/pgpool.py (pgpool_request_accounts(args, count, ...) returning r.json() as
//     it comes), pogom/account.py (get_account, setup_mrmime_account); tokar86a/RocketMap-1: the same
//     pgpool.py as sLoPPydrive's proof of concept (codename-art/RocketMap 5620ef02), whose
//     pgpool_release_account(account) calls MrMime's update_pgpool(release=True) with no reason
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored } from './helpers.js';

const DAY = 86_400_000;

/** Python's truthiness of a decoded JSON value (a missing key read with .get(key, False) included). */
const truthy = (value: unknown) => !(value === undefined || value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0));

describe("codename-art's RocketMap (PGPool branch)", () => {
  it('starts with its workers and high-level accounts, and a worker asks again on [] instead of crashing', async () => {
    const s = await serveAccounts({ w1: 20, w2: 25, w3: 12, hl1: 30, hl2: 34 });
    // pgpool_request_accounts(args, initial=True): count = workers, levels 1-29, Python 2 dict order.
    const workers = await s.python('GET', '/account/request?count=3&shadow=False&system_id=rm-east&include_already_assigned=True&max_level=29&banned_or_new=False&min_level=1');
    expect(workers.status).toBe(200);
    expect(workers.json.map((a: Record<string, unknown>) => a.username).sort()).toEqual(['w1', 'w2', 'w3']);
    for (const account of workers.json) {
      // get_account builds the worker from these three; setup_api reads the other two.
      expect(account).toMatchObject({ username: expect.any(String), password: `pw-${account.username}`, auth_service: 'ptc', rareless_scans: 0, shadowbanned: false });
    }
    // Earlier, a MrMime tool had hl1 in a captcha; a captcha is solved in the next session, not here.
    await s.python('POST', '/account/release', '{"username": "hl1", "password": "pw-hl1", "auth_service": "ptc", "system_id": "pgscout-1", "captcha": true, "_release_reason": "captcha"}');
    // The high-level set (-hlvlw): levels 30-40, and AccountSet.next skips a dict with a true captcha.
    const high = await s.python('GET', '/account/request?count=2&shadow=False&system_id=rm-east&include_already_assigned=True&max_level=40&banned_or_new=False&min_level=30');
    expect(high.json.map((a: Record<string, unknown>) => a.username)).toEqual(['hl1', 'hl2']);
    for (const account of high.json) {
      expect(truthy(account.captcha)).toBe(false);
      expect(account.rareless_scans + 1).toBe(1); // the encounter code adds 1 to it
    }
    // A worker replacing its account: count=1, no initial flag. Nothing left: [] is falsy, it waits and asks again.
    const none = await s.python('GET', '/account/request?count=1&shadow=False&system_id=rm-east&include_already_assigned=False&max_level=29&banned_or_new=False&min_level=1');
    expect(none.status).toBe(200);
    expect(truthy(none.json)).toBe(false);
  });

  it("posts updates and releases from pgpool_update: 'ok', the facts kept, the hold ended with its reason", async () => {
    const s = await serveAccounts({ w1: 20 });
    await s.python('GET', '/account/request?count=1&shadow=False&system_id=rm-east&include_already_assigned=False&max_level=29&banned_or_new=False&min_level=1');
    // After reset_account: warning None; level, spins and walked from the player stats; item counts.
    const update = await s.python('POST', '/account/update', '{"username": "w1", "password": "pw-w1", "auth_service": "ptc", "system_id": "rm-east", "latitude": 52.0907, "longitude": 5.1214, "rareless_scans": 3, "shadowbanned": false, "banned": false, "warning": null, "level": 21, "spins": 40, "walked": 12.3, "balls": 0, "total_items": 180, "pokemon": 75, "eggs": 4, "incubators": 1}');
    expect(update.status).toBe(200);
    expect(update.text).toBe('ok');
    expect((await stored(s)).get('w1')).toMatchObject({ level: 21, spins: 40, walked: 12.3, rareless_scans: 3, latitude: 52.0907, holder: 'rm-east', state: 'ok' });
    // account_failed → pgpool_release_account: system_id None and the reason.
    const release = await s.python('POST', '/account/release', '{"username": "w1", "password": "pw-w1", "auth_service": "ptc", "system_id": null, "latitude": 52.0907, "longitude": 5.1214, "rareless_scans": 14, "shadowbanned": true, "banned": false, "warning": false, "level": 21, "spins": 41, "walked": 12.4, "_release_reason": "shadowbanned"}');
    expect(release.status).toBe(200);
    const w1 = (await stored(s)).get('w1')!;
    expect(w1).toMatchObject({ state: 'blind', rareless_scans: 14, release_reason: 'shadowbanned' });
    expect(w1).not.toHaveProperty('holder');
  });
});

describe("codename-art's RocketMap (PGPool branch): an account rotated out to rest", () => {
  // search.py: "If this account has been running too long, let it rest" (-asi), "failed more than N
  // times", "empty scans": account_failed → pgpool_release_account (system_id None, the reason, no
  // ban flag), then get_account asks for a replacement with count=1. PGPool set last_modified, its
  // order, to the release's time, so the account given back came last.
  it('the replacement is another account, not the one just given back to rest, and that one comes last', async () => {
    const s = await serveAccounts({ w1: 20, w2: 22, w3: 25 });
    const ask = '/account/request?count=1&shadow=False&system_id=rm-east&include_already_assigned=False&max_level=29&banned_or_new=False&min_level=1';
    const release = (name: string, reason: string) =>
      s.python('POST', '/account/release', `{"username": "${name}", "password": "pw-${name}", "auth_service": "ptc", "system_id": null, "latitude": 52.0907, "longitude": 5.1214, "rareless_scans": 0, "shadowbanned": false, "banned": false, "level": 21, "spins": 40, "walked": 12.3, "_release_reason": "${reason}"}`);
    // -w 2: the initial request, include_already_assigned=True.
    const start = await s.python('GET', '/account/request?count=2&shadow=False&system_id=rm-east&include_already_assigned=True&max_level=29&banned_or_new=False&min_level=1');
    expect(start.json.map((a: Record<string, unknown>) => a.username)).toEqual(['w1', 'w2']);
    s.advance(10 * 60_000);
    // Worker 2's account fails its scans: given back, and the never-used w3 replaces it.
    expect((await release('w2', 'failed more than 5 times')).text).toBe('ok');
    expect((await s.python('GET', ask)).json.username).toBe('w3');
    s.advance(50 * 60_000);
    // Worker 1 ran an hour: rotated out to rest. Handed out first, it must not come straight back.
    expect((await release('w1', 'rest interval')).text).toBe('ok');
    const replacement = await s.python('GET', ask);
    expect(replacement.json.username).toBe('w2');
    // Accounts given back come back in the order they were given back, whenever they were handed out.
    s.advance(60_000);
    await release('w3', 'empty scans');
    expect((await s.python('GET', ask)).json.username).toBe('w1');
    expect((await s.python('GET', ask)).json.username).toBe('w3');
  });
});

describe("sLoPPydrive's RocketMap (MIX_SCYTHER) with MrMime", () => {
  it('a blind account back from its cool-down is rotated out again when it goes blind again (no stale shadowbanned)', async () => {
    const s = await serveAccounts({ acc1: 22 });
    const request = '/account/request?count=1&include_already_assigned=False&max_level=29&system_id=rm-mix&min_level=1';
    expect((await s.python('GET', request)).json.username).toBe('acc1');
    // MrMime's update_pgpool on release after the blind rotation (account_failed(..., 'shadowbanned')).
    await s.python('POST', '/account/release', '{"username": "acc1", "password": "pw-acc1", "auth_service": "ptc", "system_id": "rm-mix", "latitude": 40.7128, "longitude": -74.006, "captcha": false, "rareless_scans": 25, "shadowbanned": true, "warn": false, "banned": false, "ban_flag": false, "level": 22, "xp": 160000, "encounters": 300, "balls_thrown": 310, "captures": 280, "spins": 90, "walked": 30.2, "_release_reason": "shadowbanned"}');
    expect((await s.python('GET', request)).json).toEqual([]); // resting
    s.advance(10 * DAY + 60_000);
    const given = (await s.python('GET', request)).json;
    expect(given.username).toBe('acc1');
    // setup_mrmime_account copies these into the POGOAccount ...
    let rareless = given.rareless_scans ?? 0;
    let shadowbanned = given.shadowbanned ?? false;
    // ... and the search loop's blind check (rareless_scans_threshold, say 10) rotates out only on a change.
    rareless += 12;
    const previous = shadowbanned;
    shadowbanned = rareless >= 10;
    expect(!previous && shadowbanned).toBe(true);
  });
});

describe('RocketMAD (cecpk/RocketMAD, with MrMime, 2017-2019)', () => {
  // pgpool_request_accounts: params system_id, count, min_level, max_level, include_already_assigned
  // (no shadow, no banned_or_new); `result if isinstance(result, list) else [result]`.
  const wrap = (json: unknown) => (Array.isArray(json) ? json : [json]);
  const ask = (count: number, high: boolean, initial: boolean) =>
    `/account/request?count=${count}&include_already_assigned=${initial ? 'True' : 'False'}&max_level=${high ? 40 : 29}&system_id=rmad-1&min_level=${high ? 30 : 1}`;

  it('-w 1 -hw 1: the one account PGPool answers alone is wrapped, popped, and a worker waits on [] and asks again', async () => {
    const s = await serveAccounts({ solo: 25, high: 31 });
    // utils.py: args.pgpool_initial_accounts = pgpool_request_accounts(args, initial=True); get_account pops one.
    const initial = await s.python('GET', ask(1, false, true));
    expect(initial.json).toMatchObject({ username: 'solo', password: 'pw-solo', auth_service: 'ptc' }); // PGPool's object alone
    // Before 4730d2bd it was kept as it came, and `.pop()` of a dict stopped the start: PGPool's answer, unchanged.
    expect(Array.isArray(initial.json)).toBe(false);
    const popped = wrap(initial.json).pop() as Record<string, unknown>;
    expect([popped.username, popped.password, popped.auth_service]).toEqual(['solo', 'pw-solo', 'ptc']);
    // args.accounts_L30: the high-level set, a list of dicts AccountSet reads `captcha` of.
    const high = wrap((await s.python('GET', ask(1, true, true))).json) as Record<string, unknown>[];
    expect(high.map((a) => [a.username, truthy(a.captcha)])).toEqual([['high', false]]);
    // get_account later: accounts = pgpool_request_accounts(args, count=1); `if not accounts`: wait 30 s, ask again.
    const none = wrap((await s.python('GET', ask(1, false, false))).json);
    expect(truthy(none)).toBe(false);
    // account_failed → MrMime update_pgpool(release=True): the account back, handed out again.
    await s.python('POST', '/account/release', '{"username": "solo", "password": "pw-solo", "auth_service": "ptc", "system_id": "rmad-1", "latitude": 52.1, "longitude": 5.2, "captcha": false, "rareless_scans": 0, "shadowbanned": false, "warn": false, "banned": false, "ban_flag": false, "level": 25, "_release_reason": "exception"}');
    const again = wrap((await s.python('GET', ask(1, false, false))).json) as Record<string, unknown>[];
    expect(again.map((a) => a.username)).toEqual(['solo']);
  });
});

describe('MrMime tools (PGScout, PGNumbra) running their own accounts with pgpool_url set', () => {
  it('an update about an account PGPool does not know adds it, with its password and facts; captcha "" is false', async () => {
    const s = await serveAccounts({ other: 30 });
    // update_pgpool after login: has_captcha() is "" when the challenge URL is empty; json.dumps escapes non-ASCII.
    const body = '{"username": "scout1", "password": "s3cret,p\\u00e4ss \\"q\\"", "auth_service": "ptc", "system_id": "pgscout-1", "latitude": 52.1, "longitude": 5.2, "captcha": "", "rareless_scans": 0, "shadowbanned": false, "warn": false, "banned": false, "ban_flag": false, "level": 31, "xp": 1234567, "encounters": 5, "balls_thrown": 6, "captures": 3, "spins": 2, "walked": 1.5, "balls": 50, "total_items": 120, "pokemon": 10, "eggs": 1, "incubators": 1, "lures": 0, "email": "scout1@example.com", "team": "TEAM_BLUE", "coins": 0, "stardust": 100}';
    const r = await s.python('POST', '/account/update', body);
    expect(r.status).toBe(200); // MrMime logs anything else as a failure
    expect(r.text).toBe('ok');
    expect((await stored(s)).get('scout1')).toMatchObject({ password: 's3cret,päss "q"', provider: 'ptc', level: 31, captcha: false, ban_flag: false, holder: 'pgscout-1', state: 'ok', team: 'TEAM_BLUE' });
    expect(s.log.at(-1)).toMatch(/POST \/account\/update 200 .* accounts=1 created=1 taken=1$/);
    expect(s.log.join('\n')).not.toContain('s3cret');
  });
});

describe('PGScout (load_pgpool_accounts, ScoutGuard)', () => {
  it('asks with min_level alone and reuse, gets a level-45 account for -l 41, and swaps it by release then request', async () => {
    const s = await serveAccounts({ low: 30, top: 45, spare: 44 });
    // load_accounts: load_pgpool_accounts(pgpool_num_accounts, reuse=True); a dict is wrapped in a list.
    const first = await s.python('GET', '/account/request?count=1&min_level=41&reuse=True&system_id=pgscout-1');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ auth_service: 'ptc', username: 'top', password: 'pw-top', level: 45 });
    // swap_account: MrMime release with its own system_id and last_msg as the reason, then a new one.
    await s.python('POST', '/account/release', '{"username": "top", "password": "pw-top", "auth_service": "ptc", "system_id": "pgscout-1", "latitude": 52.1, "longitude": 5.2, "rareless_scans": 0, "shadowbanned": false, "_release_reason": "Account banned"}');
    expect((await stored(s)).get('top')).not.toHaveProperty('holder');
    const next = await s.python('GET', '/account/request?count=1&min_level=41&reuse=False&system_id=pgscout-1');
    expect(next.json).toMatchObject({ username: 'spare', level: 44 });
  });
});

describe('PGNumbra (shadowcheck.py)', () => {
  it('-pgpn: takes new and banned accounts to check and releases each "Checked with PGNumbra"', async () => {
    const s = await serveAccounts(['new1', 'used1', 'bad1']);
    await s.call('GET', '/account/request?system_id=rm&count=2');
    await s.call('POST', '/account/release', [{ username: 'new1' }, { username: 'used1' }]);
    await s.call('POST', '/account/update', { username: 'bad1', banned: true });
    // get_pgpool_system_id() is 'pgnumbra_' + the pid.
    const got = await s.python('GET', '/account/request?count=5&banned_or_new=True&system_id=pgnumbra_4242');
    const list = Array.isArray(got.json) ? got.json : [got.json];
    expect(list.map((a: Record<string, unknown>) => [a.auth_service, a.username, a.password])).toEqual([['ptc', 'bad1', 'pw-bad1']]);
    await s.python('POST', '/account/release', '{"username": "bad1", "password": "pw-bad1", "auth_service": "ptc", "system_id": "pgnumbra_4242", "latitude": 40.7128, "longitude": -74.006, "captcha": false, "rareless_scans": 0, "shadowbanned": false, "warn": false, "banned": false, "ban_flag": false, "level": 30, "_release_reason": "Checked with PGNumbra"}');
    expect((await stored(s)).get('bad1')).toMatchObject({ state: 'ok', release_reason: 'Checked with PGNumbra' });
  });

  it('-a accounts.csv (how PGPool tells users to load new accounts): the checked accounts arrive in the pool and are handed out', async () => {
    const s = await serveAccounts([]);
    for (const [name, password, level] of [['fresh1', 'Fr3sh,1', 30], ['fresh2', 'p@ss w0rd', 31]] as const) {
      const r = await s.python('POST', '/account/release', `{"username": "${name}", "password": "${password}", "auth_service": "ptc", "system_id": "pgnumbra_4242", "latitude": 40.7128, "longitude": -74.006, "captcha": false, "rareless_scans": 0, "shadowbanned": false, "warn": false, "banned": false, "ban_flag": false, "level": ${level}, "xp": 2000000, "_release_reason": "Checked with PGNumbra"}`);
      expect(r.status).toBe(200);
    }
    const got = await s.python('GET', '/account/request?count=2&include_already_assigned=True&max_level=40&system_id=rm-east&min_level=30');
    expect(got.json.map((a: Record<string, unknown>) => [a.username, a.password, a.level])).toEqual([['fresh1', 'Fr3sh,1', 30], ['fresh2', 'p@ss w0rd', 31]]);
  });
});

describe('rkhous/RocketMap and tokar86a/RocketMap-1 (the answer used as it comes, no list made of it)', () => {
  // pgpool_request_accounts(args, count, highlvl=False, initial=False): system_id, count, min_level,
  // max_level, include_already_assigned; `return r.json()`. get_account: `account =
  // pgpool_request_accounts(args, 1)`, `if not account:` wait 30 s and ask again, else
  // account['username'], ['password'], ['auth_service'] and the dict kept as 'pgpool_account'.
  const ask = (count: number, initial: boolean) => `/account/request?count=${count}&include_already_assigned=${initial ? 'True' : 'False'}&max_level=29&system_id=rk-1&min_level=1`;

  it('count=1 is the account itself, indexed by key; none left is falsy; a release without a reason ends the hold', async () => {
    const s = await serveAccounts({ w1: 20, w2: 21, w3: 22 });
    // -w 2 at start: args.pgpool_initial_accounts, a list get_account pops from.
    const initial = (await s.python('GET', ask(2, true))).json as Record<string, unknown>[];
    expect(initial.map((a) => a.username)).toEqual(['w1', 'w2']);
    const account = (await s.python('GET', ask(1, false))).json as Record<string, unknown>;
    expect([account.username, account.password, account.auth_service]).toEqual(['w3', 'pw-w3', 'ptc']); // a list would be a TypeError here
    // setup_mrmime_account: .get('rareless_scans', 0), .get('shadowbanned', False).
    expect([account.rareless_scans ?? 0, account.shadowbanned ?? false]).toEqual([0, false]);
    expect(truthy((await s.python('GET', ask(1, false))).json)).toBe(false);
    // tokar86a's account_failed: MrMime update_pgpool(release=True), no _release_reason posted.
    const release = await s.python('POST', '/account/release', '{"username": "w3", "password": "pw-w3", "auth_service": "ptc", "system_id": "rk-1", "latitude": 52.1, "longitude": 5.2, "rareless_scans": 0, "shadowbanned": false}');
    expect([release.status, release.text]).toEqual([200, 'ok']);
    const w3 = (await stored(s)).get('w3')!;
    expect(w3).not.toHaveProperty('holder');
    expect(w3).not.toHaveProperty('release_reason');
    expect(((await s.python('GET', ask(1, false))).json as Record<string, unknown>).username).toBe('w3');
  });
});
