// Where an account given back to `serve` waits (src/server/holds.ts endHold): at the end of the
// circle when its hold was live, as PGPool's release set last_modified, its order, to the release's
// time (codename-art/PGPool pgpool/models.py update_account; clients.test.ts replays the RocketMap
// rotation that depends on it). A hold that had already run out keeps its hand-out time: on a pool
// shared through git another host may have taken the account since, and the merge of the two
// versions keeps the newer allocation (src/account-merge.ts), which must be that host's lease.
import { describe, expect, it } from 'vitest';
import { endHold, handOut } from '../../src/server/holds.js';
import { mergeRecord } from '../../src/account-merge.js';
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
    // A lease that had ended before the release is no longer kept: the release, newer, wins.
    const ended = { ...theirs, held_until: at(0.75).toISOString() };
    expect(mergeRecord(base, ours, ended, { holds: 'newer' }).account).not.toHaveProperty('holder');
  });
});
