// A live watcher whose host clock is stepped back three days, then forward five (NTP correcting a
// clock that was days off, `date -s`): a real `watch` process under libfaketime (Debian package
// `faketime`), its offset read from a file on every call (libfaketime's FAKETIME_TIMESTAMP_FILE,
// FAKETIME_NO_CACHE), the monotonic clock left true as a real step leaves it (node's timers run on
// it). Dumps dropped meanwhile carry the true time as their mtime: three days in the watcher's
// future, then five in its past. What a user depends on: each dump imported once, none skipped or
// left waiting, and the watcher's transactions under the stepped clock hand nobody an account
// another instance holds (the import re-dates holds by the jump: clock-jump.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { checkFaketime } from '../git/clock-helpers.js';
import { usernames } from '../git/helpers.js';
import { drop, dumpText, importedNames, makeInboxPool, waiting } from './helpers.js';

beforeAll(checkFaketime);

describe('the watcher under a clock stepped back and forward', () => {
  it.skipIf(!existsSync('/proc/uptime'))('imports each dump once, skips none, and hands out no held account after the steps', async () => {
    const pool = await makeInboxPool(2);
    await pool.configure({ default_level: '30' });
    await mkdir(pool.inbox, { recursive: true });
    const seed = join(pool.base, 'seed.txt');
    await writeFile(seed, dumpText('seed', 20));
    expect((await cli(['import', seed, ...pool.args])).code).toBe(0);
    const csv = (instance: string) => join(pool.base, `${instance}.csv`);
    const allocate = (instance: string) => ['allocate', '--count', '100', '--allow-partial', '--no-check', '--instance', instance, '--accountcsv', csv(instance), ...pool.args];
    expect((await cli(allocate('east'))).code).toBe(0);
    const east = await usernames(csv('east'));
    expect(east.length).toBeGreaterThan(0);

    const offset = join(pool.base, 'faketime');
    await writeFile(offset, '+0\n');
    const env = { LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1', FAKETIME_TIMESTAMP_FILE: offset, FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
    const watcher = startCli(['watch', '--settle', '300ms', ...pool.args], { env });
    let out = '';
    let err = '';
    watcher.stdout!.on('data', (d) => (out += d));
    watcher.stderr!.on('data', (d) => (err += d));
    const imported = async (n: number) =>
      waitFor(async () => (await importedNames(pool.inbox)).length === n && (await waiting(pool.inbox)).length === 0, { timeoutMs: 30_000, what: `${n} dumps filed (${err})` });
    try {
      await waitFor(() => /watching/i.test(out + err) || watcher.exitCode !== null, { what: 'the watcher to start' });
      await drop(pool.inbox, 'before.txt', dumpText('before', 3), { fresh: true });
      await imported(1);
      await writeFile(offset, '-3d\n'); // stepped back: the next dump's mtime is three days ahead of it
      await drop(pool.inbox, 'back.txt', dumpText('back', 3), { fresh: true });
      await imported(2);
      await writeFile(offset, '+5d\n'); // stepped forward past the true time
      await drop(pool.inbox, 'forward.txt', dumpText('forward', 3), { fresh: true });
      await imported(3);
    } finally {
      watcher.kill('SIGTERM');
      await watcher.closed;
    }
    // The steps reached the watcher: its imports measured each against the boot clock.
    expect(err).toContain("this host's clock jumped back by 3 d");
    expect(err).toContain("this host's clock jumped forward by 8 d");
    for (const name of ['before.txt', 'back.txt', 'forward.txt']) {
      expect(out.split('\n').filter((line) => line.startsWith(`imported ${name}:`)), `${name}: ${out}`).toHaveLength(1);
    }
    expect((await importedNames(pool.inbox)).sort()).toEqual(['back.txt', 'before.txt', 'forward.txt']);
    const accounts = [...(await (await pool.open()).read()).accounts()].map((a) => a.username);
    for (const prefix of ['before', 'back', 'forward']) for (const k of [0, 1, 2]) expect(accounts).toContain(`${prefix}${k}`);

    // At the true clock again: east's holds, re-dated by each step the watcher's imports saw, still hold.
    const west = await cli(allocate('west'));
    expect(west.code, west.stderr).toBe(0);
    const taken = await usernames(csv('west'));
    expect(taken.filter((name) => east.includes(name))).toEqual([]);
    expect(taken.length).toBe(20 + 9 - east.length);
  }, 90_000);
});
