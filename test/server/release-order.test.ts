// Where an account given back to `serve` waits (src/server/holds.ts endHold): at the end of the
// circle when its hold was live, as PGPool's release set last_modified, its order, to the release's
// time (codename-art/PGPool pgpool/models.py update_account; clients.test.ts replays the RocketMap
// rotation that depends on it). A hold that had already run out keeps its hand-out time: on a pool
// shared through git another host may have taken the account since, and the merge of the two
// versions (src/account-merge.ts) must keep that host's lease: a release ends only the hold it saw.
import { describe, expect, it } from 'vitest';
import { endHold, handOut } from '../../src/server/holds.js';
import { mergeRecord } from '../../src/account-merge.js';
import { isHeld, withoutHold } from '../../src/availability.js';
import { makeAccount } from '../helpers/accounts.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.parse('2026-06-01T00:00:00.000Z') + hours * HOUR);

describe('an account given back', () => {
  it('while its hold runs goes to the end of the circle; after the hold ran out it keeps its hand-out time', () => {
    const given = handOut(makeAccount(1), 'rm-east', at(0), 2 * HOUR);
    expect(given).toMatchObject({ holder: 'rm-east', allocated_at: at(0).toISOString() });
    const live = endHold(given, at(1), 'rest interval', null);
    expect(live.outcome).toBe('released');
    expect(live.account.allocated_at).toBe(at(1).toISOString());
    expect(live.account).not.toHaveProperty('holder');
    const late = endHold(given, at(3), 'rest interval', null);
    expect(late.outcome).toBe('none');
    expect(late.account.allocated_at).toBe(at(0).toISOString());
    expect(late.account).not.toHaveProperty('holder');
  });

  it("released here after the hold ran out, while another host of the pool leased it: the merge keeps that host's lease", () => {
    const base = handOut(makeAccount(1), 'rm-east', at(0), 2 * HOUR);
    // The other host saw the hold end at 2 h and leased the account at 2.5 h (allocate: 12 h lease).
    const theirs = { ...base, holder: 'monocle-west', allocated_at: at(2.5).toISOString(), held_until: at(14.5).toISOString() };
    // This host's scanner gave it back at 3 h, not having heard of the other lease yet.
    const ours = endHold(base, at(3), 'rest interval', null).account;
    const merged = mergeRecord(base, ours, theirs, { holds: 'newer' }).account;
    expect(merged).toMatchObject({ holder: 'monocle-west', allocated_at: at(2.5).toISOString() });
  });

  it("given back here while another host had leased it, not having heard of this host's hold: the merge keeps that lease", () => {
    const base = makeAccount(1);
    // This host's serve handed it out at 0 h and its scanner gave it back at 1 h, before any sync.
    const ours = endHold(handOut(base, 'rm-east', at(0), 2 * HOUR), at(1), 'rest interval', null).account;
    expect(ours.allocated_at).toBe(at(1).toISOString());
    // The other host leased it at 0.5 h (allocate --sync: a 12 h lease), its scanner using it still.
    const theirs = { ...base, holder: 'monocle-west', allocated_at: at(0.5).toISOString(), held_until: at(12.5).toISOString() };
    expect(mergeRecord(base, ours, theirs, { holds: 'newer' }).account).toMatchObject({ holder: 'monocle-west', allocated_at: at(0.5).toISOString() });
    expect(mergeRecord(base, theirs, ours, { holds: 'newer' }).account).toMatchObject({ holder: 'monocle-west', allocated_at: at(0.5).toISOString() });
    // A lease that had ended before the release is kept as written, and holds the account no longer.
    const ended = { ...theirs, held_until: at(0.75).toISOString() };
    const merged = mergeRecord(base, ours, ended, { holds: 'newer' }).account;
    expect(merged).toMatchObject({ holder: 'monocle-west', held_until: at(0.75).toISOString() });
    expect(isHeld(merged, at(1).toISOString())).toBe(false);
  });
});

// The merge decides by which hold a release can have ended, never by comparing one host's clock
// with another's (test/git/release-skew.test.ts replays it through git and serve).
describe('a release merged with a lease under clocks that disagree', () => {
  const MINUTE = HOUR / 60;
  const minutes = (n: number) => new Date(at(0).getTime() + n * MINUTE);

  it.each([
    ['the releasing clock 25 minutes ahead', 25, 0],
    ['the releasing clock 2 days ahead', 2 * 24 * 60, 0],
    ["the leasing clock 25 minutes ahead", 0, 25],
    ['the leasing clock 25 minutes behind', 0, -25],
  ])('keeps the lease the release never saw, %s', (_clocks, releaseAhead, leaseAhead) => {
    const base = makeAccount(1);
    // This host's scanner had the account from 0 min and gives it back at 10 min (true times).
    const ours = endHold(handOut(base, 'rm-east', minutes(releaseAhead), 2 * HOUR), minutes(10 + releaseAhead), 'rest interval', null).account;
    // The other host leased it at 0 min for 30 minutes, by its own clock.
    const theirs = { ...base, holder: 'monocle-west', allocated_at: minutes(leaseAhead).toISOString(), held_until: minutes(30 + leaseAhead).toISOString() };
    for (const [x, y] of [[ours, theirs], [theirs, ours]] as const) {
      expect(mergeRecord(base, x, y, { holds: 'newer' }).account).toMatchObject({ holder: 'monocle-west', allocated_at: theirs.allocated_at, held_until: theirs.held_until });
    }
  });

  it('ends the hold the release saw, even one the other side made run longer since', () => {
    // Both hosts had the served hold; the other host's serve took an update that runs it 2 hours
    // more, by a clock an hour ahead; this host's serve took its holder's release.
    const base = handOut(makeAccount(1), 'rm-east', at(0), 2 * HOUR);
    const refreshed = { ...base, held_until: at(4).toISOString() };
    const released = endHold(base, at(0.5), 'rest interval', null).account;
    for (const [x, y] of [[released, refreshed], [refreshed, released]] as const) {
      expect(mergeRecord(base, x, y, { holds: 'newer' }).account).not.toHaveProperty('holder');
    }
  });

  it('leaves the account free when both hosts gave it back, the later release deciding its place in the circle', () => {
    const base = handOut(makeAccount(1), 'rm-east', at(0), 2 * HOUR);
    const here = endHold(base, at(1), 'rest interval', null).account;
    // The other host, 25 minutes ahead, leased it as expired, then released it with `accountpool release`.
    const there = withoutHold({ ...base, holder: 'monocle-west', allocated_at: at(2.5).toISOString(), held_until: at(3).toISOString() });
    for (const [x, y] of [[here, there], [there, here]] as const) {
      const merged = mergeRecord(base, x, y, { holds: 'newer' }).account;
      expect(merged).not.toHaveProperty('holder');
      expect(merged.allocated_at).toBe(at(2.5).toISOString());
    }
  });
});
