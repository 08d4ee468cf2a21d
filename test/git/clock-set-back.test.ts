// A clock set back by more than the other hosts allow for, on a pool shared through git: the holds
// and rests it would write are dated so far in the past that the other hosts (which count one at
// most two days past its written end) would take them for long over and hand those accounts out
// again. So it hands out nothing until it is set forward again or a sync finds no host ahead of it.
// Real processes under libfaketime; the clock marker (.cache/clock.json) is the pool's own.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { allocateOn, checkFaketime, on } from './clock-helpers.js';
import { sharedPool } from './helpers.js';

beforeAll(checkFaketime);

const SET_BACK = /clock was set back by 40 d/;
/** Once a sync found the other hosts ahead, the clocks they wrote may name it first. */
const REFUSED = /clock was set back by 40 d|this host's clock \(\S+\) is at least 959 h \d+ min behind/;

describe.skipIf(!existsSync('/proc/uptime'))('a clock set 40 days back on a pool shared through git', () => {
  it('hands out nothing (plain allocate, allocate --sync, serve), not even after a sync, until it is set forward again', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [a, c] = clones as [string, string];
    const right = on(a);
    const behind = on(a, '-40d');
    expect((await right('release', '--instance', 'nobody')).code).toBe(0); // a transaction at the right clock
    expect((await allocateOn(on(c), 'west', 2, join(base, 'c.csv'))).code).toBe(0); // the other host's commit, dated now

    const file = join(base, 'a.csv');
    const plain = await behind('allocate', '--count', '2', '--no-check', '--accountcsv', file, '--instance', 'east');
    expect(plain.code, plain.stderr).toBe(1);
    expect(plain.stderr).toMatch(SET_BACK);
    const synced = await allocateOn(behind, 'east', 2, file);
    expect(synced.code, synced.stderr).toBe(1);
    expect(synced.stderr).toMatch(REFUSED);
    const serve = await behind('serve', '--port', '0');
    expect(serve.code).toBe(1);
    expect(serve.stderr).toMatch(REFUSED);
    expect(existsSync(file)).toBe(false);
    expect((await behind('status')).stdout).toMatch(/^clock: this host's clock was set back by 40 d/m); // whatever else is named

    // Set right again (the jump forward is measured): it hands out at once.
    const fixed = await right('allocate', '--count', '2', '--no-check', '--accountcsv', file, '--instance', 'east');
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await right('status')).stdout).not.toMatch(SET_BACK);
  }, 120_000);

  it('set right after running 40 days ahead: refused until a sync finds no other host ahead of it', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [a] = clones as [string, string];
    const right = on(a);
    expect((await right('release', '--instance', 'nobody')).code).toBe(0);
    expect((await on(a, '+40d')('release', '--instance', 'nobody')).code).toBe(0);
    const file = join(base, 'a.csv');
    const refused = await right('allocate', '--count', '2', '--no-check', '--accountcsv', file, '--instance', 'east');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(SET_BACK);
    expect((await right('sync')).code).toBe(0);
    const given = await right('allocate', '--count', '2', '--no-check', '--accountcsv', file, '--instance', 'east');
    expect(given.code, given.stderr).toBe(0);
  }, 120_000);
});
