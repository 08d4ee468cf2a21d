// The store on real temp folders: transactions, determinism, hand edits, corrupt shards, crash recovery, modes.
import { describe, expect, it } from 'vitest';
import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { MANIFEST_FILE, shardFile } from '../../src/store/layout.js';
import { FileError } from '../../src/errors.js';
import type { Account } from '../../src/model.js';
import { encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';

async function newPool(shards = 8): Promise<Pool> {
  const dir = join(await testdir(), 'pool');
  expect((await cli(['init', '--pool', dir, '--shards', String(shards)])).code).toBe(0);
  return Pool.open(dir);
}

async function shardBytes(pool: Pool): Promise<Map<string, string>> {
  const bytes = new Map<string, string>();
  for (const name of await pool.shardNames()) bytes.set(name, await readFile(shardFile(pool.layout, name), 'utf8'));
  return bytes;
}

describe('pool store', () => {
  it('keeps every account, each in the shard its name hashes to, matched case-insensitively', async () => {
    const pool = await newPool();
    await fillPool(pool, 200);
    const snapshot = await pool.read();
    expect(snapshot.size).toBe(200);
    expect(snapshot.get('USER000042')?.username).toBe('user000042');
    for (const shard of snapshot.shards) for (const a of shard.accounts) expect(pool.shardNameOf(a.username)).toBe(shard.name);
    expect(snapshot.shards.filter((s) => s.accounts.length > 0).length).toBe(8);
  });

  it('serialises the same pool to the same bytes whatever order accounts arrived in', async () => {
    const a = await newPool();
    const b = await newPool();
    await fillPool(a, 100);
    for (let i = 99; i >= 0; i -= 10) await fillPool(b, 10, i - 9);
    expect(await shardBytes(b)).toEqual(await shardBytes(a));
  });

  it('changing one account changes only that account\'s line (a small git diff)', async () => {
    const pool = await newPool();
    await fillPool(pool, 100);
    const before = await shardBytes(pool);
    // Through the shards, as in a pool that commits to git (the change log would leave them as they are).
    await pool.transaction((tx) => tx.put({ ...tx.get('user000007')!, state: 'blind', state_at: '2026-02-01T00:00:00.000Z' }), { via: 'shards' });
    const after = await shardBytes(pool);
    const changed = [...after].filter(([name, text]) => before.get(name) !== text);
    expect(changed.map(([name]) => name)).toEqual([pool.shardNameOf('user000007')]);
    const oldLines = before.get(changed[0]![0])!.split('\n');
    const newLines = changed[0]![1].split('\n');
    const differing = newLines.filter((line, i) => line !== oldLines[i]);
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(/^"user000007": .*"state": "blind"/);
  });

  it('a long-lived process that changes accounts in place writes exactly the bytes a full re-encode gives', async () => {
    // The writer copies untouched lines from the file it read; multi-byte text moves every later
    // byte offset, so change values to and from longer UTF-8 over several rounds in one process.
    const pool = await newPool(4);
    await fillPool(pool, 60);
    const notes = ['', 'é', 'Ωmega ✓ 𝄞', 'plain', 'x'.repeat(300)];
    // Some rounds go through the change log, so a later write copies bytes across several batches.
    for (let round = 0; round < 6; round++) {
      await pool.transaction(
        (tx) => {
          for (let i = round; i < 60; i += 7) tx.put({ ...tx.get(makeAccount(i).username)!, note: notes[(i + round) % notes.length]! });
        },
        { via: round % 3 === 2 ? 'shards' : 'log' },
      );
    }
    await pool.fold();
    const fresh = await Pool.open(pool.layout.dir);
    const snapshot = await fresh.read();
    for (const shard of snapshot.shards) {
      expect(await readFile(shard.file, 'utf8')).toBe(encodeShard(shard.name, shard.accounts.map(encodeAccountLine)));
    }
    for (let i = 0; i < 60; i++) {
      const last = [...Array(6).keys()].filter((round) => (i - round) % 7 === 0 && i >= round).pop();
      expect(snapshot.get(makeAccount(i).username)?.note).toBe(last === undefined ? undefined : notes[(i + last) % notes.length]);
    }
  });

  it('adding accounts between kept ones (copied as bytes) writes exactly the bytes a full re-encode gives', async () => {
    // A commit that adds or moves accounts copies the kept lines from the file it read and encodes
    // only the new ones (plan-shards.ts reorder): multi-byte text, nested mappings, changes through
    // the change log and case variants must all come out as the canonical encoder writes them.
    const pool = await newPool(4);
    const device = { model: 'iPhone9,3', ios: '11.2', id: 'ab' };
    let added = 0;
    await fillPool(pool, 40, 0, (i) => (i % 5 === 0 ? { note: 'Ωmega ✓ 𝄞', device: { ...device, seq: 10_000 + i } as typeof device, extra: { seq: 20_000 + i } } : i % 7 === 0 ? { source: 'has { and "seq": 9 in it' } : {}));
    for (let round = 0; round < 4; round++) {
      // Every other round in a new process (reads the files), the others in one that holds what it wrote.
      await (round % 2 === 0 ? await Pool.open(pool.layout.dir) : pool).transaction(
        (tx) => {
          for (let i = round; i < 40; i += 9) tx.put({ ...tx.get(makeAccount(i).username)!, note: 'é'.repeat(round + 1) });
          // user000007x sorts between user000007 and user000008: new lines land between kept ones.
          for (let i = round; i < 40; i += 3, added++) tx.put(makeAccount(i, { username: `user${String(i).padStart(6, '0')}x${round}`, seq: tx.nextSeq(), note: 'ü' }));
          tx.put({ ...tx.get('user000011')!, username: 'USER000011', password: `changed ${round}` });
        },
        { via: round === 1 ? 'log' : 'shards' },
      );
    }
    await pool.transaction(() => {});
    const snapshot = await (await Pool.open(pool.layout.dir)).read();
    for (const shard of snapshot.shards) {
      expect(await readFile(shard.file, 'utf8')).toBe(encodeShard(shard.name, shard.accounts.map(encodeAccountLine)));
    }
    expect(snapshot.size).toBe(40 + added);
    expect(snapshot.get('user000011')).toMatchObject({ username: 'USER000011', password: 'changed 3' });
    // Import numbers follow the highest top-level seq, never a `seq` nested in a field.
    const seqs = [...snapshot.accounts()].map((a) => a.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBe(40 + added);
  });

  it('does not trust a shard edited in place after we wrote it, even at the same size', async () => {
    // Shards we wrote are read without re-proving each line while they are the bytes we recorded.
    // An edit in place keeps the inode and the size (what the in-process cache also looks at).
    const pool = await newPool(1);
    await fillPool(pool, 5);
    const file = shardFile(pool.layout, '0');
    const text = await readFile(file, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('"user000002"'))!;
    const swapped = line.replace(/"provider": "ptc", "level": 30/, '"level": 30, "provider": "ptc"');
    expect(swapped).not.toBe(line);
    expect(swapped.length).toBe(line.length);
    await writeFile(file, text.replace(line, swapped));
    const fresh = await Pool.open(pool.layout.dir);
    await fresh.transaction((tx) => tx.put({ ...tx.get('user000004')!, level: 31 }), { via: 'shards' });
    const after = await readFile(file, 'utf8');
    const accounts = (await fresh.read()).shards[0]!.accounts;
    expect(after).toBe(encodeShard('0', accounts.map(encodeAccountLine)));
    expect(after).not.toContain(swapped);
  });

  it('reads back fields only YAML can say (.nan, .inf) in a process that parses lines one by one', async () => {
    const pool = await newPool(1);
    await pool.transaction((tx) => {
      tx.put(makeAccount(1, { score: Number.NaN, range: Number.POSITIVE_INFINITY } as Partial<Account>));
      tx.put(makeAccount(2));
    });
    const one = (await (await Pool.open(pool.layout.dir)).read()).get('user000001') as Account & { score: number; range: number };
    expect(one.score).toBeNaN();
    expect(one.range).toBe(Number.POSITIVE_INFINITY);
    const all = (await (await Pool.open(pool.layout.dir)).read()).shards[0]!.accounts;
    expect(all.map((a) => a.username)).toEqual(['user000001', 'user000002']);
    expect((all[0] as Account & { score: number }).score).toBeNaN();
  });

  it('keeps fields a user added by hand', async () => {
    const pool = await newPool();
    await fillPool(pool, 3, 0, () => ({ note: 'from bob', tags: ['a', 'b'] }));
    await pool.transaction((tx) => tx.put({ ...tx.get('user000001')!, level: 31 }));
    const account = (await pool.read()).get('user000001')!;
    expect(account).toMatchObject({ level: 31, note: 'from bob', tags: ['a', 'b'] });
  });

  it('reads a hand-edited block-style shard and canonicalises it on the next write', async () => {
    const pool = await newPool(1);
    await fillPool(pool, 2);
    const file = shardFile(pool.layout, '0');
    await writeFile(file, 'user000000:\n  password: changed\n  provider: ptc\n  level: 35\n  state: ok\n  added_at: 2026-01-01T00:00:00.000Z\n  seq: 1\n  note: edited\nuser000001: {password: two, provider: google, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 2}\n');
    const read = await pool.read();
    expect(read.get('user000000')).toMatchObject({ password: 'changed', level: 35, note: 'edited' });
    expect(read.get('user000001')).toMatchObject({ password: 'two', provider: 'google' });
    await pool.transaction((tx) => tx.put({ ...tx.get('user000001')!, level: 31 }), { via: 'shards' });
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[1]).toMatch(/^"user000000": \{"password": "changed", /);
    expect((await cli(['verify', '--pool', pool.layout.dir])).code).toBe(0);
  });

  it('refuses every write while a shard is not valid YAML, names file and line, and leaves the file untouched', async () => {
    const pool = await newPool(2);
    await fillPool(pool, 10);
    const file = shardFile(pool.layout, '1');
    const corrupt = (await readFile(file, 'utf8')) + 'oops: [unclosed\n';
    await writeFile(file, corrupt);
    const before = await shardBytes(pool);
    await expect(pool.transaction((tx) => tx.put(makeAccount(500)))).rejects.toThrow(FileError);
    const result = await cli(['status', '--pool', pool.layout.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[/.]/g, '\\$&')}:\\d+: `));
    expect(result.stderr).not.toMatch(/at .*\.ts/); // one line, no stack trace
    const verify = await cli(['verify', '--pool', pool.layout.dir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`${file}:`);
    expect(await shardBytes(pool)).toEqual(before);
  });

  it('makes folders 0700 and files 0600', async () => {
    const pool = await newPool(2);
    await fillPool(pool, 10);
    expect((await stat(pool.layout.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(pool.layout.shardsDir)).mode & 0o777).toBe(0o700);
    for (const name of await pool.shardNames()) expect((await stat(shardFile(pool.layout, name))).mode & 0o777).toBe(0o600);
    expect((await stat(pool.layout.config)).mode & 0o777).toBe(0o600);
  });

  it('rolls a committed but unfinished transaction forward, and a prepared one back', async () => {
    const pool = await newPool(2);
    await fillPool(pool, 10);
    const file = shardFile(pool.layout, '0');
    const original = await readFile(file, 'utf8');
    const temp = join(pool.layout.shardsDir, '.0.yaml.tx-crash.tmp');
    const edited = original.replace('"level": 30', '"level": 40');
    await writeFile(temp, edited);
    await writeFile(pool.layout.journal, JSON.stringify({ state: 'prepared', moves: [{ temp, target: file }] }));
    expect((await cli(['verify', '--pool', pool.layout.dir])).stderr).toContain('rolled back');
    expect(await readFile(file, 'utf8')).toBe(original);
    await writeFile(temp, edited);
    await writeFile(pool.layout.journal, JSON.stringify({ state: 'committed', moves: [{ temp, target: file }] }));
    await pool.transaction(() => {});
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect((await readdir(pool.layout.shardsDir)).filter((f) => f.startsWith('.') && f !== MANIFEST_FILE)).toEqual([]);
  });

  // sync skips its fold after a reshard's replay while the pool shows the mark the replay left (src/git/sync.ts).
  it('marks the pool settled (no journal, nothing logged) until a transaction logs, commits or is left unfinished', async () => {
    // A log large enough to keep a small transaction's record (a small pool's folds it at once).
    const pool = await Pool.open((await newPool(2)).layout.dir, { folds: { capacity: 10_000 } });
    await fillPool(pool, 10);
    await pool.fold();
    // The shard folder's times set in the past: a commit in the same tick of the file system's clock moves them all the same.
    const past = new Date(Date.now() - 60_000);
    await utimes(pool.layout.shardsDir, past, past);
    const settled = await pool.settledMark();
    expect(settled).toBeDefined();
    expect(await pool.settledMark()).toBe(settled);
    await pool.transaction((tx) => tx.put({ ...tx.get(makeAccount(3).username)!, level: 12 }));
    expect(await pool.settledMark()).toBeUndefined(); // logged, not yet in its shard
    await pool.fold();
    const folded = await pool.settledMark();
    expect(folded).toBeDefined();
    expect(folded).not.toBe(settled);
    await utimes(pool.layout.shardsDir, past, past);
    const before = await pool.settledMark();
    await pool.transaction((tx) => tx.put(makeAccount(12)), { via: 'shards' });
    expect(await pool.settledMark()).toBeDefined();
    expect(await pool.settledMark()).not.toBe(before);
    await writeFile(pool.layout.journal, JSON.stringify({ state: 'prepared', moves: [] }));
    expect(await pool.settledMark()).toBeUndefined();
  });

  it('verify --fix moves misplaced accounts home and rewrites hand-edited shards canonically', async () => {
    const pool = await newPool(4);
    await fillPool(pool, 20);
    const snapshot = await pool.read();
    const victim = snapshot.shards[0]!.accounts[0]!;
    const wrong = snapshot.shards[1]!;
    // Move one account's line into another shard by hand.
    const from = await readFile(snapshot.shards[0]!.file, 'utf8');
    const line = from.split('\n').find((l) => l.startsWith(`"${victim.username}"`))!;
    await writeFile(snapshot.shards[0]!.file, from.replace(`${line}\n`, ''));
    await writeFile(wrong.file, `${await readFile(wrong.file, 'utf8')}${line}\n`);
    const check = await cli(['verify', '--pool', pool.layout.dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`account ${victim.username} belongs in shard ${snapshot.shards[0]!.name}`);
    expect((await cli(['verify', '--fix', '--pool', pool.layout.dir])).code).toBe(0);
    const fixed = await pool.read();
    expect(fixed.size).toBe(20);
    expect(fixed.shards[0]!.accounts.map((a) => a.username)).toContain(victim.username);
  });
});
