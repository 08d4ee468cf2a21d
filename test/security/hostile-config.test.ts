// An unlucky operator's accountpool.yaml (and flags): values that parse but point the tools at
// the pool's own files, or overflow what a date can hold. Each must be refused with the file (and
// line, for the config) and a non-zero exit, before anything is moved or written.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

async function shardNames(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'shards'))).sort();
}

describe('an inbox that is a folder of the pool', () => {
  it('inbox: shards (config, --inbox, or a link to it) or history: watch refuses it and moves no shard', async () => {
    const pool = await poolWithAccounts(12);
    const before = await shardNames(pool.dir);
    await symlink(join(pool.dir, 'shards'), join(pool.base, 'link-to-shards'));
    const attempts: [Record<string, string>, string[]][] = [
      [{ inbox: 'shards' }, []],
      [{ inbox: './history/..//shards/' }, []],
      [{}, ['--inbox', join(pool.dir, 'shards')]],
      [{}, ['--inbox', join(pool.base, 'link-to-shards')]],
      [{ inbox: 'history' }, []],
    ];
    for (const [settings, flags] of attempts) {
      if (settings.inbox) await pool.configure(settings);
      const run = await cli(['watch', '--once', ...flags, ...pool.args]);
      expect(run.code, JSON.stringify(run)).not.toBe(0);
      expect(run.stderr).toMatch(/inbox .* is inside the pool folder/);
      expect(await shardNames(pool.dir)).toEqual(before);
    }
    await pool.configure({ inbox: '../inbox' });
    expect((await cli(['status', ...pool.args])).stdout).toMatch(/12 accounts/);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });
});

describe('an inbox inside another folder of the pool\'s own', () => {
  // `inbox: .cache` had the watcher file the clock marker, the checked settings and the canonical
  // hashes away into .cache/failed/ (losing the clock marker loses a jump's re-dating); `inbox:
  // clocks` every host's clock file, which a sync then published as removed.
  it('inbox: .cache, a folder in it, clocks or .inbox-receipts: watch refuses it and files nothing away', async () => {
    const pool = await poolWithAccounts(12);
    await mkdir(join(pool.dir, 'clocks'), { recursive: true });
    await writeFile(join(pool.dir, 'clocks', 'east.yaml'), 'host: east\n');
    await mkdir(join(pool.dir, '.inbox-receipts'), { recursive: true });
    const cache = async () => (await readdir(join(pool.dir, '.cache'))).sort();
    const before = await cache();
    expect(before).toEqual(expect.arrayContaining(['clock.json', 'config.json']));
    for (const inbox of ['.cache', '.cache/standings', 'clocks', '.inbox-receipts']) {
      await pool.configure({ inbox });
      const run = await cli(['watch', '--once', ...pool.args]);
      expect(run.code, JSON.stringify(run)).not.toBe(0);
      expect(run.stderr).toContain(`is inside the pool folder's ${inbox.split('/')[0]}/`);
      expect(await cache()).toEqual(before);
      expect(await readdir(join(pool.dir, 'clocks'))).toEqual(['east.yaml']);
    }
    // A folder of another name inside the pool is the operator's to choose.
    await pool.configure({ inbox: 'inbox' });
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
  });
});

describe('durations no date can hold', () => {
  it('a lease, release_timeout or cool-down of billions of days is a config error naming the line, not an internal error', async () => {
    const pool = await poolWithAccounts(2);
    for (const key of ['lease', 'release_timeout', 'temp_banned'] as const) {
      await pool.configure({ lease: '12h', release_timeout: '2h', temp_banned: '10d', [key]: '99999999999d' });
      // The line the settings file holds it on (init's file gains settings over time: never a fixed number).
      const line = (await readFile(join(pool.dir, 'accountpool.yaml'), 'utf8')).split('\n').findIndex((l) => new RegExp(`^\\s*${key}:`).test(l)) + 1;
      expect(line).toBeGreaterThan(0);
      const run = await cli(['allocate', '--count', '1', '--instance', 'east', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(new RegExp(`accountpool\\.yaml:${line}: (cooldowns\\.)?${key} must be at most`));
      expect(run.stderr).not.toMatch(/internal|Invalid time value/);
    }
    await pool.configure({ lease: '12h', release_timeout: '2h', temp_banned: '10d' });
    const serve = await cli(['serve', '--port', '0', '--release-timeout', '99999999999d', ...pool.args]);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('--release-timeout must be a duration');
  });
});

describe('a lease no hold can be', () => {
  // With \`lease: 0s\` (an edit, or a peer's commit a sync takes) allocate wrote holds already over:
  // the next allocate gave instance B the very accounts instance A's scanner was using (stop 51).
  it('a lease or release_timeout under a minute is a config error naming the line; nothing is handed out; a minute is taken', async () => {
    const pool = await poolWithAccounts(2);
    for (const lease of ['0s', '59999ms']) {
      await pool.configure({ lease });
      const run = await cli(['allocate', '--count', '2', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
      expect(run.code, lease).not.toBe(0);
      expect(run.stderr, lease).toMatch(/accountpool\.yaml:\d+: lease must be at least 1m/);
    }
    await pool.configure({ lease: '1m' });
    const status = await cli(['status', '--json', ...pool.args]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).holders).toEqual([]);
    const run = await cli(['allocate', '--count', '2', '--no-check', '--instance', 'east', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
    expect(run.code, run.stderr).toBe(0);
    const west = await cli(['allocate', '--count', '1', '--no-check', '--instance', 'west', '--accountcsv', join(pool.base, 'b.csv'), ...pool.args]);
    expect(west.code).toBe(3); // east holds both for its minute
    // serve's holds, the same: PGPool's account_release_timeout was whole minutes; 0 is "never".
    await pool.configure({ release_timeout: '30s' });
    expect((await cli(['status', ...pool.args])).stderr).toMatch(/accountpool\.yaml:\d+: release_timeout must be 0 \(never\) or at least 1m/);
    await pool.configure({ release_timeout: '0' });
    const serve = await cli(['serve', '--port', '0', '--release-timeout', '30s', ...pool.args]);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('--release-timeout must be a duration such as 120m or 2h (0 = never, else from 1m to');
  });
});

describe('an accounts file path that is a folder', () => {
  it('allocate --accountcsv DIR fails before its commit, names the folder, and leaves a pool every command still reads', async () => {
    const pool = await poolWithAccounts(3);
    const folder = join(pool.base, 'accounts-folder');
    await mkdir(folder);
    const run = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', folder, ...pool.args]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${folder} is a folder`);
    const status = await cli(['status', '--json', ...pool.args]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).holders).toEqual([]);
    const next = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), ...pool.args]);
    expect(next.code, next.stderr).toBe(0);
  });
});

describe('an accounts file path that is a device, a FIFO or a link to one', () => {
  it('allocate --accountcsv of a FIFO, or of a link to /dev/null, fails before its commit and replaces neither; nor does export --out', async () => {
    const pool = await poolWithAccounts(3);
    const fifo = join(pool.base, 'accounts.fifo');
    execFileSync('mkfifo', [fifo]);
    const link = join(pool.base, 'accounts-to-null.csv');
    await symlink('/dev/null', link);
    for (const [path, kind] of [[fifo, 'a FIFO'], [link, 'a character device']] as const) {
      const run = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', path, ...pool.args]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`${path} is ${kind}`);
    }
    const exported = await cli(['export', '--out', fifo, ...pool.args]);
    expect(exported.code).not.toBe(0);
    expect(exported.stderr).toContain(`${fifo} is a FIFO`);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readlink(link)).toBe('/dev/null');
    expect(JSON.parse((await cli(['status', '--json', ...pool.args])).stdout).holders).toEqual([]);
  });
});

describe('a file named on the command line that never ends', () => {
  it('import /dev/zero and mark --from /dev/zero stop at max_dump_size with a message, instead of eating all memory', async () => {
    const pool = await poolWithAccounts(2);
    await pool.configure({ max_dump_size: '100000' });
    for (const args of [['import', '/dev/zero', '--level', '30'], ['mark', '--verdict', 'blind', '--from', '/dev/zero']]) {
      const run = await cli([...args, ...pool.args]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('/dev/zero: more than 100000 bytes, over max_dump_size');
    }
    const piped = await cli(['import', '-', '--level', '30', ...pool.args], { stdin: 'x'.repeat(100_001) });
    expect(piped.stderr).toContain('stdin: more than 100000 bytes');
    expect(JSON.parse((await cli(['status', '--json', ...pool.args])).stdout).total).toBe(2);
  });
});

describe("an output path that is one of the pool's own files", () => {
  it('allocate --accountcsv SHARD or CONFIG and export --out SHARD are refused; the pool stays whole', async () => {
    const pool = await poolWithAccounts(6);
    const shards = join(pool.dir, 'shards');
    const shard = join(shards, (await shardNames(pool.dir)).find((n) => n.endsWith('.yaml'))!);
    const before = await readFile(shard, 'utf8');
    await symlink(shards, join(pool.base, 'linked-shards'));
    const attempts = [
      ['allocate', '--count', '1', '--no-check', '--accountcsv', shard],
      ['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.base, 'linked-shards', basename(shard))],
      ['allocate', '--count', '1', '--no-check', '--accountcsv', join(pool.dir, 'accountpool.yaml')],
      ['export', '--out', shard],
    ];
    for (const args of attempts) {
      const run = await cli([...args, ...pool.args]);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toMatch(/is (in the pool's shards\/ folder|the pool's own accountpool\.yaml)/);
    }
    expect(await readFile(shard, 'utf8')).toBe(before);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
    expect(JSON.parse((await cli(['status', '--json', ...pool.args])).stdout).holders).toEqual([]);
  });
});
