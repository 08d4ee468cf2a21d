// PGPool's account_release_timeout: a hold with no update for the timeout ends by itself
// (injected clock), an update keeps it alive, and 0 turns auto-release off.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { serveAccounts, stored } from './helpers.js';

const MINUTE = 60_000;

describe('auto-release', () => {
  it('releases a hold nobody updated for 120 minutes (the default), and not a minute earlier', async () => {
    const s = await serveAccounts(['only']);
    expect((await s.call('GET', '/account/request?system_id=east')).json.username).toBe('only');
    s.advance(119 * MINUTE);
    expect((await s.call('GET', '/account/request?system_id=west')).json).toEqual([]);
    s.advance(2 * MINUTE);
    const taken = await s.call('GET', '/account/request?system_id=west');
    expect(taken.json).toMatchObject({ username: 'only', system_id: 'west' });
    // The CLI agrees: the account is held by west now, not east.
    const status = JSON.parse((await cli(['status', '--json', ...s.pool.args], { clock: () => s.now() })).stdout);
    expect(status.holders.map((h: { instance: string }) => h.instance)).toEqual(['west']);
  });

  it('every update restarts the timeout; a custom timeout applies', async () => {
    const s = await serveAccounts(['kept'], { releaseTimeoutMs: 30 * MINUTE });
    await s.call('GET', '/account/request?system_id=east');
    for (let i = 0; i < 4; i++) {
      s.advance(25 * MINUTE);
      expect((await s.call('POST', '/account/update', { username: 'kept', system_id: 'east', rareless_scans: i })).status).toBe(200);
      expect((await s.call('GET', '/account/request?system_id=west')).json).toEqual([]);
    }
    expect((await stored(s)).get('kept')!.last_update).toBe(s.now().toISOString());
    s.advance(31 * MINUTE);
    expect((await s.call('GET', '/account/request?system_id=west')).json.username).toBe('kept');
  });

  it('with a timeout of 0 a hold lasts until it is released', async () => {
    const s = await serveAccounts(['forever'], { releaseTimeoutMs: 0 });
    await s.call('GET', '/account/request?system_id=east');
    expect((await stored(s)).get('forever')).not.toHaveProperty('held_until');
    s.advance(365 * 24 * 60 * MINUTE);
    expect((await s.call('GET', '/account/request?system_id=west')).json).toEqual([]);
    await s.call('POST', '/account/release', { username: 'forever' });
    expect((await s.call('GET', '/account/request?system_id=west')).json.username).toBe('forever');
  });

  it('an update never shortens a longer hold, such as an allocate lease', async () => {
    const s = await serveAccounts(['leased']);
    const out = `${s.base}/accounts.csv`;
    const allocated = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', out, '--instance', 'east', ...s.pool.args], { clock: () => s.now() });
    expect(allocated.code, allocated.stderr).toBe(0);
    const lease = (await stored(s)).get('leased')!.held_until;
    await s.call('POST', '/account/update', { username: 'leased', system_id: 'east', level: 31 });
    expect((await stored(s)).get('leased')!.held_until).toBe(lease);
  });
});
