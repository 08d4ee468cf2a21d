// The rule that tells a jump of the wall clock from real time (store/clock-jump.ts), at given
// boot-clock readings: what a pool shared through git may re-date, and what is no jump at all.
// The jump itself, end to end under faketime, is test/allocate/clock-jump.test.ts.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readClock, redated, saveMarker } from '../../src/store/clock-jump.js';
import { testdir } from '../helpers/testdir.js';
import type { Account } from '../../src/model.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('a jump of the wall clock', () => {
  it('is the wall clock moving unlike the boot clock on one boot; drift, a new boot or no marker is none', async () => {
    const file = join(await testdir(), 'clock.json');
    expect((await readClock(file, new Date(T0), { boot: 'b1', uptime: 1000 })).jump).toBeUndefined(); // no marker yet
    saveMarker(file, { boot: 'b1', uptime: 1000, wall: T0 });
    // 10 minutes of real time, the wall clock 10 min 30 s on: drift, no jump (and no marker due yet)
    expect(await readClock(file, new Date(T0 + 630_000), { boot: 'b1', uptime: 1600 })).toEqual({});
    const ahead = await readClock(file, new Date(T0 + 40 * DAY + 60_000), { boot: 'b1', uptime: 1060 });
    expect(ahead.jump?.by).toBe(40 * DAY);
    expect(ahead.marker).toEqual({ boot: 'b1', uptime: 1060, wall: T0 + 40 * DAY + 60_000 });
    expect((await readClock(file, new Date(T0 - 3 * DAY), { boot: 'b1', uptime: 1060 })).jump?.by).toBe(-3 * DAY - 60_000);
    // another boot: the boot clock started again, nothing to compare with
    expect((await readClock(file, new Date(T0 + 40 * DAY), { boot: 'b2', uptime: 5 })).jump).toBeUndefined();
  });

  it('re-dates only what was in force; in a pool shared through git only forward, and only the ends', () => {
    const held: Account = { username: 'ash', password: 'x', provider: 'ptc', level: 30, state: 'ok', allocated_at: iso(T0), holder: 'east', held_until: iso(T0 + DAY / 2), added_at: iso(T0 - DAY), seq: 1 };
    const from = iso(T0 + DAY / 4);
    expect(redated(held, 40 * DAY, from, from, false)).toMatchObject({ allocated_at: iso(T0 + 40 * DAY), held_until: iso(T0 + 40 * DAY + DAY / 2), added_at: iso(T0 - DAY) });
    expect(redated(held, 40 * DAY, from, from, true)).toMatchObject({ allocated_at: iso(T0), held_until: iso(T0 + 40 * DAY + DAY / 2) });
    expect(redated(held, -40 * DAY, from, from, true)).toBeUndefined();
    expect(redated(held, 40 * DAY, iso(T0 + DAY), iso(T0 + DAY), false)).toBeUndefined(); // its hold had ended before the jump
    // A clock 40 days behind (a reboot with the RTC wrong) set right: a hold the right clock dated
    // before the reboot lies in the wrong clock's future, and is not moved 40 days further.
    const wrongNow = iso(T0 - 40 * DAY);
    expect(redated(held, 40 * DAY, wrongNow, wrongNow, false)).toBeUndefined();
    const released: Account = { ...held, holder: undefined, held_until: undefined };
    expect(redated(released, 40 * DAY, from, from, false)).toBeUndefined();
  });
});
