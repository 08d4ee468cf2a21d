// A process that can have no seal key (seal-key.ts: no HOME, an XDG_STATE_HOME it cannot write, as
// a cron job or a locked-down service runs) seals with a key of its own, so it believes none of the
// caches a keyed process made. It used to write its own in their place: every sealed cache (the
// checked settings, the standings summaries, the canonical hashes, status's pending records, the
// clock marker) replaced by one no later process could believe, so one keyless run cost every
// keyed run after it the whole rebuild, and the clock marker's memory of a clock set back was lost.
// Now such a process writes no sealed file, and still answers as the keyed one does.
// Real processes: the key is read once a process, so the environment decides it only at start.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { cli, cliWithin } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

/** Where no key can be made: an absolute XDG_STATE_HOME under /proc (no folder can be made there, not even by root). */
const NO_KEY = { XDG_STATE_HOME: '/proc/accountpool-no-state' };

/** Every file under `.cache` with its bytes and inode: a file replaced by rename has another inode. */
async function cacheFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.set(relative(join(dir, '.cache'), path), `${(await stat(path)).ino}:${(await readFile(path)).toString('base64')}`);
    }
  };
  await walk(join(dir, '.cache'));
  return files;
}

describe('a process with no usable seal key', () => {
  it("leaves every cache a keyed process made as it was, and counts and hands out as the keyed one does", async () => {
    const pool = await poolWithAccounts(60);
    expect((await cli(['allocate', '--count', '10', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'east.csv'), ...pool.args])).code).toBe(0);
    // Keyed real processes (this user's key): the caches are made and settle.
    for (let i = 0; i < 2; i++) expect((await cliWithin(['status', '--json', ...pool.args], 60_000)).code).toBe(0);
    const keyed = await cliWithin(['status', '--json', ...pool.args], 60_000);
    const before = await cacheFiles(pool.dir);
    for (const name of ['config.json', 'canonical.json', 'pending-records.json']) expect([...before.keys()], name).toContain(name);
    expect([...before.keys()].some((name) => name.startsWith('standings/'))).toBe(true);

    for (const args of [['status', '--json'], ['status'], ['verify'], ['show', 'acc1'], ['export', '--out', join(pool.base, 'all.txt')]]) {
      const run = await cliWithin([...args, ...pool.args], 60_000, { env: NO_KEY });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      if (args.join(' ') === 'status --json') expect(JSON.parse(run.stdout)).toEqual(JSON.parse(keyed.stdout));
    }
    expect(await cacheFiles(pool.dir)).toEqual(before);

    // A keyless writer: right (none of east's ten handed out again), and the clock marker a keyed process wrote is kept.
    const marker = before.get('clock.json');
    const west = join(pool.base, 'west.csv');
    const allocate = await cliWithin(['allocate', '--count', '50', '--no-check', '--instance', 'west', '--accountcsv', west, ...pool.args], 60_000, { env: NO_KEY });
    expect(allocate.code, allocate.stderr).toBe(0);
    // The accounts file's rows (a header, then `username,password,...`): the usernames.
    const names = async (file: string) => (await readFile(file, 'utf8')).split('\n').slice(1).map((line) => line.split(',')[0]).filter(Boolean);
    const east = new Set(await names(join(pool.base, 'east.csv')));
    const handed = await names(west);
    expect(handed).toHaveLength(50);
    expect(handed.filter((name) => east.has(name))).toEqual([]);
    const after = await cacheFiles(pool.dir);
    if (marker !== undefined) expect(after.get('clock.json')).toBe(marker);
    expect(after.get('config.json')).toBe(before.get('config.json'));
  });

  // A keyless process cannot believe the keyed marker (its seal is another's to it), so it cannot
  // measure a jump: under a clock 40 days ahead it took every lease for over and handed out what
  // others held. It may not re-date by a marker it cannot verify (a forged one would re-date every
  // hold back, over), so a jump the marker shows, read unverified, makes it write nothing at all.
  const faketime = existsSync('/proc/uptime') && (() => {
    try {
      execFileSync('faketime', ['--help'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!faketime)('after the clock jumped, hands out nothing and says why; at the true clock it goes on; a keyed process then re-dates as ever', async () => {
    const pool = await poolWithAccounts(10);
    const file = (name: string) => join(pool.base, `${name}.csv`);
    const allocate = (instance: string, count: number) => ['allocate', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', file(instance), '--instance', instance, ...pool.args];
    expect((await cli(allocate('A', 5))).code).toBe(0); // keyed: the marker is written
    const marker = await readFile(join(pool.dir, '.cache', 'clock.json'));
    const ahead = (days: string) => ({ ...NO_KEY, LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1', FAKETIME: days });
    for (const days of ['+40d', '-40d']) {
      const run = await cliWithin(allocate('B', 10), 60_000, { env: ahead(days) }); // ahead, A's five looked free
      expect(run.code, `${days}: ${run.stderr}`).not.toBe(0);
      expect(run.stderr).toContain(`this host's clock jumped ${days.startsWith('+') ? 'forward' : 'back'} by 40 d`);
      expect(run.stderr).toContain('no seal key');
      expect(run.stderr).toContain('nothing was handed out');
      expect(existsSync(file('B'))).toBe(false);
    }
    // The watcher, keyless under the jump: the dump waits in the inbox (never filed in failed/ for it).
    const inboxFile = join(pool.base, 'inbox', 'level-30', 'jumped.txt');
    await mkdir(dirname(inboxFile), { recursive: true });
    await writeFile(inboxFile, 'jumpeduser1:Jumped-Secret-1\n');
    const past = new Date(Date.now() - 3_600_000);
    await utimes(inboxFile, past, past);
    const watch = await cliWithin(['watch', '--once', ...pool.args], 60_000, { env: ahead('+40d') });
    expect(watch.code).not.toBe(0);
    expect(watch.stderr).toContain("this host's clock jumped forward by 40 d");
    expect(existsSync(inboxFile)).toBe(true);
    expect(existsSync(join(pool.base, 'inbox', 'failed'))).toBe(false);
    expect(await readFile(join(pool.dir, '.cache', 'clock.json'))).toEqual(marker);
    // At the true clock the keyless process hands out, never one of A's.
    const right = await cliWithin(allocate('B', 4), 60_000, { env: NO_KEY });
    expect(right.code, right.stderr).toBe(0);
    const names = async (name: string) => (await readFile(file(name), 'utf8')).split('\n').slice(1).map((line) => line.split(',')[0]).filter(Boolean);
    const a = new Set(await names('A'));
    expect((await names('B')).filter((n) => a.has(n))).toEqual([]);
    // A keyed process under the jump re-dates (test/allocate/clock-jump.test.ts): C gets only the one left.
    const keyed = await cliWithin(allocate('C', 4), 60_000, { env: { LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1', FAKETIME: '+40d' } });
    expect(keyed.code, keyed.stderr).toBe(0);
    expect(keyed.stderr).toContain("this host's clock jumped forward by 40 d");
    const held = new Set([...a, ...(await names('B'))]);
    expect((await names('C')).filter((n) => held.has(n))).toEqual([]);
  }, 120_000);
  // A pool only keyless processes write (a cron job with no HOME) had no marker at all: no jump was
  // ever seen there, and 40 days ahead every lease read as over. Keyless processes now keep a marker
  // of their own, in the clear (clock.keyless.json): only a reason to write nothing, never a measure
  // to re-date by (no key to trust it with), for keyless and keyed processes alike.
  it.skipIf(!faketime)('a pool only keyless processes wrote: a jump is seen, nothing handed out; at the true clock it goes on', async () => {
    const pool = await poolWithAccounts(10);
    // poolWithAccounts' import ran keyed: start from a pool no keyed process left a marker in.
    await rm(join(pool.dir, '.cache', 'clock.json'), { force: true });
    const file = (name: string) => join(pool.base, `${name}.csv`);
    const allocate = (instance: string, count: number) => ['allocate', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', file(instance), '--instance', instance, ...pool.args];
    const first = await cliWithin(allocate('A', 5), 60_000, { env: NO_KEY });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(pool.dir, '.cache', 'clock.json'))).toBe(false); // no sealed file from a keyless process
    const keylessMarker = join(pool.dir, '.cache', 'clock.keyless.json');
    expect(existsSync(keylessMarker)).toBe(true);
    const faked = (days: string, env: Record<string, string> = NO_KEY) => ({ ...env, LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1', FAKETIME: days });
    for (const days of ['+40d', '-40d']) {
      const run = await cliWithin(allocate('B', 10), 60_000, { env: faked(days) });
      expect(run.code, `${days}: ${run.stderr}`).not.toBe(0);
      expect(run.stderr).toContain(`this host's clock jumped ${days.startsWith('+') ? 'forward' : 'back'} by 40 d`);
      expect(run.stderr).toContain(keylessMarker);
      expect(run.stderr).toContain('nothing was handed out');
      expect(existsSync(file('B'))).toBe(false);
    }
    // A keyed process has no marker of its own to re-date by: it refuses too, rather than take A's leases for over.
    const keyed = await cliWithin(allocate('C', 10), 60_000, { env: faked('+40d', {}) });
    expect(keyed.code, keyed.stderr).not.toBe(0);
    expect(keyed.stderr).toContain(`rm ${keylessMarker}`);
    expect(existsSync(file('C'))).toBe(false);
    // At the true clock it goes on, never handing out one of A's.
    const right = await cliWithin(allocate('B', 10), 60_000, { env: NO_KEY });
    expect(right.code, right.stderr).toBe(0);
    const names = async (name: string) => (await readFile(file(name), 'utf8')).split('\n').slice(1).map((line) => line.split(',')[0]).filter(Boolean);
    const a = new Set(await names('A'));
    expect(await names('B')).toHaveLength(5);
    expect((await names('B')).filter((n) => a.has(n))).toEqual([]);
  }, 120_000);
});
