// The record of the shards (shards/.manifest): shards gone or cut short are noticed by verify and
// never written over by anyone; lost accounts are recorded as gone only when the operator says so.
import { describe, expect, it } from 'vitest';
import { chmod, mkdir, readFile, rename, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { Pool } from '../../src/store/pool.js';
import { layoutOf } from '../../src/store/layout.js';
import { decodeManifest, encodeManifest, lossesOf, mergeManifests } from '../../src/store/manifest.js';
import { unreadableShard } from '../../src/store/unreadable-shard.js';

const COUNT = 80;

async function filledPool(): Promise<TestPool> {
  const pool = await makePool(8);
  const dump = join(pool.base, 'dump.txt');
  await writeFile(dump, Array.from({ length: COUNT }, (_, i) => `acc${i}:pw-acc${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  return pool;
}

async function shardBytes(pool: TestPool): Promise<Map<string, Buffer>> {
  const { readdir } = await import('node:fs/promises');
  const dir = join(pool.dir, 'shards');
  return new Map(await Promise.all((await readdir(dir)).map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

/** Every command that writes, as a user runs it; each must refuse and leave the pool's files as they were. */
async function everyWriterRefuses(pool: TestPool, pattern: RegExp): Promise<void> {
  const before = await shardBytes(pool);
  const dump = join(pool.base, 'more.txt');
  await writeFile(dump, 'newcomer:pw-new\n');
  const writers = [
    ['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east'],
    ['import', dump, '--level', '30'],
    ['mark', 'acc1', '--verdict', 'blind'],
    ['release', '--instance', 'east'],
    ['verify', '--fix'],
  ];
  for (const args of writers) {
    const result = await cli([...args, ...pool.args]);
    expect(result.code, `${args[0]}: ${result.stderr}`).toBe(1);
    expect(result.stderr).toMatch(pattern);
  }
  expect(await shardBytes(pool)).toEqual(before);
}

describe('the record of the shards', () => {
  it('shards moved out of the pool: verify names each one, every writer refuses and the loss is never written back', async () => {
    const pool = await filledPool();
    const away = join(pool.base, 'away');
    await mkdir(away);
    const held = (await readFile(join(pool.dir, 'shards', '3.yaml'), 'utf8')).split('\n').filter((l) => l.startsWith('"')).length;
    for (const name of ['3.yaml', '5.yaml']) await rename(join(pool.dir, 'shards', name), join(away, name));

    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`${join(pool.dir, 'shards', '3.yaml')}: missing (it held ${held} accounts at the last write)`);
    expect(verify.stdout).toMatch(/shards\/5\.yaml: missing/);
    await everyWriterRefuses(pool, /shards\/3\.yaml: missing \(it held \d+ accounts at the last write\)/);
    // serve's path (a transaction through the change log) refuses too.
    const store = await Pool.open(pool.dir);
    await expect(store.transaction((tx) => tx.put({ ...tx.get('acc1')!, level: 31 }), { via: 'log' })).rejects.toThrow(/missing/);

    // Put back, everything works again.
    for (const name of ['3.yaml', '5.yaml']) await rename(join(away, name), join(pool.dir, 'shards', name));
    expect((await cli(['verify', ...pool.args])).stdout).toContain(`is sound: ${COUNT} accounts`);
    expect((await cli(['mark', 'acc1', '--verdict', 'blind', ...pool.args])).code).toBe(0);
  });

  it('a shard that is there but cannot be read (a folder in its place; another user\'s file) is named for what it is, never missing, and nothing is written over it', async () => {
    const pool = await filledPool();
    const file = join(pool.dir, 'shards', '3.yaml');
    const others = async () => new Map(await Promise.all(['0', '1', '2', '4', '5', '6', '7'].map(async (n) => [n, await readFile(join(pool.dir, 'shards', `${n}.yaml`))] as const)));
    const before = await others();
    await rename(file, join(pool.base, '3.yaml'));
    await mkdir(file);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`${file}: the shard cannot be read: it is a folder, not a shard file`);
    expect(verify.stdout).not.toMatch(/missing|accept-loss/);
    const dump = join(pool.base, 'more.txt');
    await writeFile(dump, 'newcomer:pw-new\n');
    for (const args of [['status'], ['allocate', '--count', '2', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east'], ['import', dump, '--level', '30'], ['verify', '--fix']]) {
      const result = await cli([...args, ...pool.args]);
      expect([args[0], result.code, result.stderr]).toEqual([args[0], 1, expect.stringContaining(`${file}: the shard cannot be read`)]);
    }
    expect(await others()).toEqual(before);
    await rmdir(file);
    await rename(join(pool.base, '3.yaml'), file);
    // chmod stops no root: where the tests run as another user, a file of mode 000 is EACCES.
    if (process.getuid?.() !== 0) {
      await chmod(file, 0);
      expect((await cli(['verify', ...pool.args])).stdout).toContain(`${file}: the shard cannot be read: permission denied`);
      await chmod(file, 0o600);
    }
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  // Stop 55: `watch --once` under `ulimit -n 56` left each dump waiting with `the shard cannot be
  // read: EMFILE; restore the file from git or a backup`: a whole file, and an older copy put back
  // frees the holds made since. The limits of the process and the system are named as such.
  it('a shard read cut short by a limit of the process or the system (EMFILE, ENFILE, ENOMEM) is named so, never with advice to restore it', () => {
    for (const [code, says] of [['EMFILE', 'ulimit -n'], ['ENFILE', 'ENFILE'], ['ENOMEM', 'ENOMEM']] as const) {
      const message = unreadableShard('/p/shards/3.yaml', Object.assign(new Error(code), { code }))!.message;
      expect(message, code).toContain('/p/shards/3.yaml: the shard cannot be read: ');
      expect(message, code).toContain(says);
      expect(message, code).toContain('the file itself is fine');
      expect(message, code).not.toMatch(/restore|backup/);
    }
  });

  it('shards gone or cut short: status counts what is there but names the loss and exits 1, export refuses; both are quiet once the loss is recorded', async () => {
    const pool = await filledPool();
    // Allocations leave a change log: status counts over it, from the shards' summaries.
    expect((await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    expect((await cli(['status', ...pool.args])).code).toBe(0); // the summaries made while whole
    const shard3 = join(pool.dir, 'shards', '3.yaml');
    const held = (await readFile(shard3, 'utf8')).split('\n').filter((l) => l.startsWith('"')).length;
    await rename(shard3, join(pool.base, '3.yaml'));
    const shard5 = join(pool.dir, 'shards', '5.yaml');
    const lines = (await readFile(shard5, 'utf8')).split('\n');
    const allocated = await readFile(join(pool.base, 'a.csv'), 'utf8');
    const free = lines.findIndex((l) => l.startsWith('"') && !allocated.includes(`${JSON.parse(l.slice(0, l.indexOf(':')))},`));
    await writeFile(shard5, [...lines.slice(0, free), ...lines.slice(free + 1)].join('\n')); // one account not in the change log deleted

    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(1);
    // What is there: the shards left, and the logged accounts of the missing one.
    const there = (await (await pool.open()).read()).size;
    expect(there).toBeLessThan(COUNT);
    expect(status.stdout).toContain(`: ${there} accounts in 8 shards`);
    expect(status.stderr).toContain(`${shard3}: missing (it held ${held} accounts at the last write)`);
    expect(status.stderr).toMatch(/shards\/5\.yaml: holds \d+ accounts, 1 fewer than/);
    const json = await cli(['status', '--json', ...pool.args]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).lost).toHaveLength(2);
    const exported = await cli(['export', '--format', 'json', ...pool.args]);
    expect(exported.code).toBe(1);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toContain(`${shard3}: missing`);

    expect((await cli(['verify', '--fix', '--accept-loss', ...pool.args])).code).toBe(0);
    const after = await cli(['status', ...pool.args]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect((await cli(['export', '--format', 'json', ...pool.args])).code).toBe(0);
  });

  it('a pool shared through git (status reads every account there, for the clocks): status names a lost shard and exits 1', async () => {
    const dir = join(await testdir(), 'pool');
    expect((await cli(['init', '--git', '--pool', dir, '--shards', '4'])).code).toBe(0);
    const dump = join(dir, '..', 'dump.txt');
    await writeFile(dump, Array.from({ length: 40 }, (_, i) => `acc${i}:pw-acc${i}`).join('\n'));
    expect((await cli(['import', dump, '--level', '30', '--pool', dir])).code).toBe(0);
    expect((await cli(['status', '--pool', dir])).code).toBe(0);
    await rename(join(dir, 'shards', '2.yaml'), join(dir, '..', '2.yaml'));
    const status = await cli(['status', '--pool', dir]);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/shards\/2\.yaml: missing \(it held \d+ accounts at the last write\)/);
  });

  it('accounts deleted by hand: verify says where, --fix waits for --accept-loss, which records the pool as it is', async () => {
    const pool = await filledPool();
    const file = join(pool.dir, 'shards', '2.yaml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const gone = lines.filter((l) => l.startsWith('"')).slice(0, 2);
    await writeFile(file, lines.filter((l) => !gone.includes(l)).join('\n'));

    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/shards\/2\.yaml: holds \d+ accounts, 2 fewer than the \d+ accounts it held at the last write/);
    const fix = await cli(['verify', '--fix', ...pool.args]);
    expect(fix.code).toBe(1);
    expect(fix.stderr).toContain('verify --fix --accept-loss');
    expect((await cli(['verify', '--accept-loss', ...pool.args])).code).toBe(2);

    const accepted = await cli(['verify', '--fix', '--accept-loss', ...pool.args]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain(`is sound: ${COUNT - 2} accounts`);
    expect((await cli(['mark', 'acc1', '--verdict', 'blind', ...pool.args])).code).toBe(0);
  });

  it('an account moved to another shard by hand is not lost: verify --fix moves it home without --accept-loss', async () => {
    const pool = await filledPool();
    const [from, to] = [join(pool.dir, 'shards', '1.yaml'), join(pool.dir, 'shards', '6.yaml')];
    const lines = (await readFile(from, 'utf8')).split('\n');
    const moved = lines.find((l) => l.startsWith('"'))!;
    await writeFile(from, lines.filter((l) => l !== moved).join('\n'));
    await writeFile(to, `${await readFile(to, 'utf8')}${moved}\n`);
    expect((await cli(['verify', ...pool.args])).stdout).not.toMatch(/fewer|missing/);
    expect((await cli(['verify', '--fix', ...pool.args])).code).toBe(0);
    expect((await cli(['verify', ...pool.args])).stdout).toContain(`is sound: ${COUNT} accounts`);
  });

  it('changes only with the number of accounts in a shard: an allocation leaves it as it was, an import changes the lines of the shards it adds to', async () => {
    const pool = await filledPool();
    const manifest = layoutOf(pool.dir).manifest;
    const before = await readFile(manifest, 'utf8');
    expect(decodeManifest(manifest, before)).toEqual(new Map(Array.from({ length: 8 }, (_, i) => [String(i), expect.any(Number)])));
    expect((await cli(['allocate', '--count', '20', '--no-check', '--accountcsv', join(pool.base, 'a.csv'), '--instance', 'east', ...pool.args])).code).toBe(0);
    expect(await readFile(manifest, 'utf8')).toBe(before);
    const dump = join(pool.base, 'one.txt');
    await writeFile(dump, 'newcomer:pw-new\n');
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    const changed = (await readFile(manifest, 'utf8')).split('\n').filter((line) => !before.split('\n').includes(line));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^\d \d+$/);
  });

  it('a pool made before the record: verify says so (fixable), and the next write records it', async () => {
    const pool = await filledPool();
    const manifest = layoutOf(pool.dir).manifest;
    const { unlink } = await import('node:fs/promises');
    await unlink(manifest);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('no record of the shards yet');
    expect((await cli(['mark', 'acc1', '--verdict', 'blind', ...pool.args])).code).toBe(0);
    expect((await cli(['verify', ...pool.args])).code).toBe(0);
  });

  it("serve's change log is never folded into a pool missing a shard: the loss is not made permanent", async () => {
    const pool = await filledPool();
    const store = await Pool.open(pool.dir);
    const victim = 'acc7';
    await store.transaction((tx) => tx.put({ ...tx.get(victim)!, level: 33 }), { via: 'log' });
    const home = join(pool.dir, 'shards', `${store.shardNameOf(victim)}.yaml`);
    await rename(home, join(pool.base, 'away.yaml'));
    await expect(store.transaction(() => {}, { via: 'shards' })).rejects.toThrow(/missing/);
    await expect(readFile(home)).rejects.toThrow(/ENOENT/);
    expect(await readFile(layoutOf(pool.dir).changeLog, 'utf8')).toContain(`"${victim}"`);
  });
});

describe('manifest rules', () => {
  const m = (entries: [string, number | undefined][]) => new Map(entries);

  it('counts moves between files as no loss, a missing file always as one', () => {
    const shard = (name: string, size: number | undefined) => ({ name, file: `${name}.yaml`, size });
    expect(lossesOf(m([['0', 5], ['1', 5]]), [shard('0', 4), shard('1', 6)])).toEqual([]);
    expect(lossesOf(m([['0', 5], ['1', 5]]), [shard('0', 4), shard('1', 5)])).toEqual([{ file: '0.yaml', recorded: 5, present: 4 }]);
    expect(lossesOf(m([['0', 5], ['1', 5]]), [shard('0', undefined), shard('1', 20)])).toEqual([{ file: '0.yaml', recorded: 5, present: undefined }]);
    expect(lossesOf(m([['0', 0]]), [shard('0', undefined)])).toEqual([]);
    expect(lossesOf(m([['0', undefined], ['1', 5]]), [shard('0', 0), shard('1', 5)])).toEqual([]);
  });

  it('merges line by line; a line changed differently on both sides is counted again (?)', () => {
    const base = m([['0', 5], ['1', 5], ['2', 5]]);
    expect(mergeManifests(base, m([['0', 6], ['1', 5], ['2', 5]]), m([['0', 5], ['1', 7], ['2', 5]]))).toEqual(m([['0', 6], ['1', 7], ['2', 5]]));
    expect(mergeManifests(base, m([['0', 6], ['1', 5], ['2', 5]]), m([['0', 8], ['1', 5], ['2', 5]]))).toEqual(m([['0', undefined], ['1', 5], ['2', 5]]));
    expect(mergeManifests(base, m([['0', 5], ['1', 5]]), base)).toEqual(m([['0', 5], ['1', 5]]));
  });

  it('a line that is not NAME COUNT is an error naming the line, never quoting it', () => {
    expect(() => decodeManifest('m', '# head\n0 5\n../../etc 3\n')).toThrow(/^m:3: not a line of the record/);
    expect(() => decodeManifest('m', '0 5\n<<<<<<< HEAD\n')).toThrow(/^m:2: /);
    // A count edited past what a number holds exactly: refused, never "1e20 fewer than 1e20".
    expect(() => decodeManifest('m', '0 5\n1 99999999999999999999\n')).toThrow(/^m:2: not a line of the record/);
    expect(decodeManifest('m', '0 9007199254740991\n').get('0')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('CR LF line ends (a git clone with core.autocrlf=true) are the same record, never a loss', () => {
    const text = encodeManifest(new Map([['0', 5], ['1', undefined]]));
    expect(decodeManifest('m', text.replaceAll('\n', '\r\n'))).toEqual(decodeManifest('m', text));
    expect(() => decodeManifest('m', '0 5\r\r\n')).toThrow(/^m:1: not a line of the record/);
  });
});
