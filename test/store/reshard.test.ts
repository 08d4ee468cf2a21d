// Resharding (src/store/reshard.ts): when it is due, and the one commit that moves every account
// to its home among the new count, all or nothing even under kill -9.
import { describe, expect, it } from 'vitest';
import { access, lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';
import { reshardTarget, RESHARD_ABOVE } from '../../src/store/reshard.js';
import { shardIndexOf, shardName } from '../../src/store/layout.js';
import { withShardCount } from '../../src/config-file.js';
import { readManifest } from '../../src/store/manifest.js';
import { keyOf } from '../../src/model.js';
import { decodeShard, encodeAccountLine, encodeShard } from '../../src/store/shard-codec.js';
import { cli } from '../helpers/cli.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { KILL_LOOP_MS, storeWorker } from '../helpers/workers.js';
import { waitFor } from '../helpers/testdir.js';

const shardFiles = async (dir: string) => (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml')).sort();

/** Every account once, each in the shard its name hashes to for the configured count. */
async function expectWhole(dir: string, accounts: number): Promise<number> {
  const pool = await Pool.open(dir);
  const snapshot = await pool.read();
  expect(snapshot.size).toBe(accounts);
  expect(snapshot.duplicates()).toEqual([]);
  const count = pool.config.shards;
  for (const shard of snapshot.shards) {
    for (let i = 0; i < shard.size; i++) expect(shard.name, shard.keyAt(i)).toBe(shardName(shardIndexOf(shard.keyAt(i), count), count));
  }
  expect(new Set([...snapshot.accounts()].map((a) => keyOf(a.username))).size).toBe(accounts);
  return count;
}

describe('when a pool reshards', () => {
  it('grows x4 once the average shard holds more than 8,000 accounts, as often as needed, up to 4,096 shards', () => {
    expect(RESHARD_ABOVE).toBe(8_000);
    expect(reshardTarget(64 * 8_000, 64)).toBeUndefined();
    expect(reshardTarget(64 * 8_000 + 1, 64)).toBe(256);
    expect(reshardTarget(1_000_000, 64)).toBe(256);
    expect(reshardTarget(3_000_000, 64)).toBe(1024);
    expect(reshardTarget(8_001, 1)).toBe(4);
    expect(reshardTarget(100_000_000, 1024)).toBe(4096);
    expect(reshardTarget(100_000_000, 4096)).toBeUndefined();
  });

  it("writes the new count into accountpool.yaml's own shards line, keeping every comment and setting", () => {
    const text = '# mine\nshards: 64            # shard files\nlease: 6h   # short\n';
    expect(withShardCount('a.yaml', text, 256)).toBe('# mine\nshards: 256            # shard files\nlease: 6h   # short\n');
    expect(withShardCount('a.yaml', 'lease: 6h', 4)).toBe('lease: 6h\nshards: 4\n');
    expect(withShardCount('a.yaml', '', 4)).toBe('shards: 4\n');
  });
});

describe('resharding a pool', () => {
  it('moves every account home among the new count in one commit: old files gone, config and record say the new count, verify sound', async () => {
    const p = await makePool(4);
    await fillPool(await p.open(), 3000);
    const stale = await p.open(); // opened before the reshard: must follow it
    await stale.read(); // its 4 shards parsed and kept
    await (await p.open()).reshard(16);
    expect(await shardFiles(p.dir)).toEqual(Array.from({ length: 16 }, (_, i) => `${shardName(i, 16)}.yaml`));
    expect(await readFile(join(p.dir, 'accountpool.yaml'), 'utf8')).toMatch(/^shards: 16 /m);
    expect([...(await readManifest(join(p.dir, 'shards', '.manifest')))!.manifest.keys()]).toHaveLength(16);
    expect(await expectWhole(p.dir, 3000)).toBe(16);
    // A process that read the pool before the reshard puts new accounts in their new homes.
    await stale.transaction((tx) => tx.put(makeAccount(5000)));
    expect(stale.config.shards).toBe(16);
    // It keeps nothing of the old layout: at 1,000,000 accounts that was every account parsed twice (stop 51 Y2).
    const kept = [...(stale as unknown as { cache: Map<string, unknown> }).cache.keys()].map((file) => file.slice(join(p.dir, 'shards').length + 1)).sort();
    const layout = Array.from({ length: 16 }, (_, i) => `${shardName(i, 16)}.yaml`);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.filter((file) => !layout.includes(file))).toEqual([]);
    await expectWhole(p.dir, 3001);
    const verify = await cli(['verify', ...p.args]);
    expect(verify.stdout).toContain('is sound: 3001 accounts');
  });

  // Each new file is made from the old shards' lines copied as the bytes they were read from where
  // the count grows by a whole factor (16 from 4), decoded and encoded where it does not (6 from 4):
  // either way canonical, byte for byte what the encoder makes of its accounts, with the
  // transaction's own changes (an account changed, one added, text that is not ASCII) in place.
  for (const to of [16, 6]) {
    it(`writes every new shard canonical, byte for byte, with the commit's changes in it (4 -> ${to})`, async () => {
      const p = await makePool(4);
      await fillPool(await p.open(), 2000, 0, (i) => (i % 97 === 0 ? { password: `pässwörd-${i}-✓` } : {}));
      const pool = await p.open();
      await pool.read(); // the shards read off their bytes, as an import's commit has them
      await pool.transaction(async (tx) => {
        tx.put(makeAccount(5, { level: 31 }));
        tx.put(makeAccount(9000, { password: 'neu-ü' }));
        // As Pool.reshard does it, with changes beside.
        tx.reshardTo = to;
        const config = join(p.dir, 'accountpool.yaml');
        tx.writeFile(config, withShardCount(config, await readFile(config, 'utf8'), to));
      });
      expect(await shardFiles(p.dir)).toHaveLength(to);
      for (const file of await shardFiles(p.dir)) {
        const bytes = await readFile(join(p.dir, 'shards', file));
        const name = file.replace(/\.yaml$/, '');
        const decoded = decodeShard(name, file, bytes.toString('utf8'));
        expect(decoded.canonical, file).toBe(true);
        expect(bytes.equals(Buffer.from(encodeShard(name, decoded.accounts.map(encodeAccountLine)))), file).toBe(true);
      }
      await expectWhole(p.dir, 2001);
      const after = await (await p.open()).read();
      expect(after.get('user000005')?.level).toBe(31);
      expect(after.get('user009000')?.password).toBe('neu-ü');
      expect(after.get('user000097')?.password).toBe('pässwörd-97-✓');
    });
  }

  it('a link planted where a new shard will be (a peer\'s committed link, a hand) stops the reshard before its commit point: nothing written through it, the pool as it was', async () => {
    // 2 -> 8 shards: 0..7.yaml; 2..7 do not exist yet, so a link there is no shard the read refuses.
    const p = await makePool(2);
    await fillPool(await p.open(), 400);
    const elsewhere = join(p.base, 'elsewhere.yaml');
    await writeFile(elsewhere, 'the operator\'s other file\n');
    await symlink(elsewhere, join(p.dir, 'shards', '5.yaml'));
    const before = await Promise.all(['0.yaml', '1.yaml', '.manifest'].map((n) => readFile(join(p.dir, 'shards', n))));
    await expect((await p.open()).reshard(8)).rejects.toThrow(/5\.yaml/);
    expect(await readFile(elsewhere, 'utf8')).toBe('the operator\'s other file\n');
    expect((await lstat(join(p.dir, 'shards', '5.yaml'))).isSymbolicLink()).toBe(true);
    expect(await Promise.all(['0.yaml', '1.yaml', '.manifest'].map((n) => readFile(join(p.dir, 'shards', n))))).toEqual(before);
    expect(await readFile(join(p.dir, 'accountpool.yaml'), 'utf8')).toMatch(/^shards: 2 /m);
    await expect(access(join(p.dir, '.journal.json'))).rejects.toThrow();
    await rm(join(p.dir, 'shards', '5.yaml'));
    expect(await expectWhole(p.dir, 400)).toBe(2);
  });

  it('still catches a real loss afterwards: a new shard file gone stops every write', async () => {
    const p = await makePool(2);
    await fillPool(await p.open(), 400);
    await (await p.open()).reshard(8);
    await rm(join(p.dir, 'shards', '3.yaml'));
    const pool = await p.open();
    await expect(pool.transaction((tx) => tx.put(makeAccount(9999)))).rejects.toThrow(/3\.yaml: missing/);
  });

  // 10 accounts a shard instead of 8,000: the rule is the store's own (reshardTarget), only smaller.
  const rule = (asked: number[]) => (shards: number, accounts: number) => (asked.push(accounts), reshardTarget(accounts, shards, 10));
  const commitsOf = (pool: Pool, dir: string) => {
    const commits: { message: string; files: string[] }[] = [];
    pool.afterCommit = async ({ message, files }) => void commits.push({ message, files: files.map((f) => f.slice(dir.length + 1)).sort() });
    return commits;
  };

  it('a transaction whose changes make the pool outgrow its shards (reshardFirst, asked with the accounts the pool will hold) reshards first, in a commit that changes the layout only, then commits its changes into the new shards', async () => {
    const p = await makePool(4);
    await fillPool(await p.open(), 30);
    const pool = await p.open();
    const commits = commitsOf(pool, p.dir);
    const asked: number[] = [];
    const said: string[] = [];
    const options = { reshardFirst: rule(asked), resharded: (from: number, to: number) => void said.push(`${from} -> ${to}`) };
    // 30 known accounts put again and 10 new: 40, which 4 x 10 holds. No reshard.
    await pool.transaction((tx) => {
      for (let i = 0; i < 40; i++) tx.put(makeAccount(i, { level: 31 }));
      tx.message = 'import 10 new, 30 known';
    }, options);
    expect(asked).toEqual([40]);
    expect(said).toEqual([]);
    // 5 known and 5 new: 45.
    await pool.transaction((tx) => {
      for (let i = 35; i < 45; i++) tx.put(makeAccount(i, { level: 32 }));
      tx.message = 'import 5 new, 5 known';
    }, options);
    expect(asked).toEqual([40, 45]);
    expect(said).toEqual(['4 -> 16']);
    expect(commits.map((c) => c.message)).toEqual(['import 10 new, 30 known', 'reshard the pool: 4 -> 16 shards (40 accounts)', 'import 5 new, 5 known']);
    expect(commits[1]!.files).toContain('accountpool.yaml');
    // The changes written into the new count only (16 shards: two-digit names), accountpool.yaml not again.
    const shardsWritten = commits[2]!.files.filter((f) => f.startsWith('shards/') && f !== 'shards/.manifest');
    expect(shardsWritten.length).toBeGreaterThan(0);
    expect(shardsWritten.every((f) => /^shards\/\d\d\.yaml$/.test(f))).toBe(true);
    expect(commits[2]!.files).not.toContain('accountpool.yaml');
    expect(await expectWhole(p.dir, 45)).toBe(16);
    expect([...(await pool.read()).accounts()].filter((a) => a.level === 32)).toHaveLength(10);
  });

  it('stopped between the reshard and the commit of the changes: the pool is resharded and holds none of them; the same work again commits them alone', async () => {
    const p = await makePool(4);
    await fillPool(await p.open(), 30);
    const pool = await p.open();
    const commits = commitsOf(pool, p.dir);
    const work = (tx: Transaction) => {
      for (let i = 25; i < 45; i++) tx.put(makeAccount(i, { level: 31 }));
      tx.message = 'import 15 new, 5 known';
    };
    await expect(pool.transaction(work, { reshardFirst: rule([]), afterPlan: () => { throw new Error('stopped between the two commits'); } })).rejects.toThrow('stopped between');
    expect(commits.map((c) => c.message)).toEqual(['reshard the pool: 4 -> 16 shards (30 accounts)']);
    expect(await expectWhole(p.dir, 30)).toBe(16);
    expect([...(await pool.read()).accounts()].filter((a) => a.level === 31)).toEqual([]);
    await pool.transaction(work, { reshardFirst: rule([]) });
    expect(commits.map((c) => c.message)).toEqual(['reshard the pool: 4 -> 16 shards (30 accounts)', 'import 15 new, 5 known']);
    expect(await expectWhole(p.dir, 45)).toBe(16);
    expect([...(await pool.read()).accounts()].filter((a) => a.level === 31)).toHaveLength(20);
  });

  it('a process killed with SIGKILL at random points of resharding 4 <-> 16, and inside its commit on both sides of the commit point: every account there exactly once, the pool reads whole', async () => {
    const p = await makePool(4);
    await fillPool(await p.open(), 2000);
    let killedMidCommit = 0;
    const counts = new Set<number>();
    // 4 kills at least (20 until stop 36, 8 until stop 53), and on until one landed inside a reshard's commit (where a kill lands is
    // chance, and how fast the worker runs moves it): the case this test is for is always met.
    // Every other kill the worker's own, inside its commit (a fixed 0-300 ms after `ready`, on a
    // loaded machine, killed every worker before its first commit, and the test ran out of time):
    // once with its journal prepared (rolled back), once committed (rolled forward), each named, not
    // drawn (stop 51 S's kill loops: two aimed kills, where four drawn ones missed a side 1 time in 16);
    // the others at random in the time one reshard takes on this machine now, measured as they go.
    const AIMED = ['in-commit:prepared', 'in-commit:committed'];
    let span = 300;
    let rounds = 0;
    for (; rounds < 4 || (killedMidCommit === 0 && rounds < 60); rounds++) {
      const inCommit = rounds % 2 === 1;
      const w = storeWorker(['reshard', p.dir, '16', '4', ...(inCommit ? [AIMED[(rounds >> 1) % 2]!] : [])]);
      await waitFor(() => w.output().includes('ready'), { what: 'the worker to start' });
      const started = Date.now();
      let took: number | undefined;
      w.child.stdout.on('data', () => (took ??= w.output().includes('resharded') ? Date.now() - started : undefined));
      const delay = inCommit ? undefined : Math.random() * span;
      if (delay !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        w.child.kill('SIGKILL');
      }
      const stuck = setTimeout(() => w.child.kill('SIGKILL'), 60_000); // a worker that never saw its journal
      expect(await w.done, w.errors()).toBe(null);
      clearTimeout(stuck);
      if (took !== undefined) span = Math.max(300, 1.2 * took);
      else if (delay !== undefined && delay > 0.8 * span) span = Math.min(2 * span, 10_000); // most of the span, and not one reshard done
      if (await access(join(p.dir, '.journal.json')).then(() => true, () => false)) killedMidCommit++;
      // Read lock-free first (it finishes what the killed writer left), then verify the files.
      counts.add(await expectWhole(p.dir, 2000));
      expect(await shardFiles(p.dir)).toHaveLength((await p.open()).config.shards);
      const verify = await cli(['verify', '--json', ...p.args]);
      const report = JSON.parse(verify.stdout);
      expect(report.findings).toEqual([]);
      expect(report.accounts).toBe(2000);
    }
    console.log(`kills that interrupted a reshard's commit: ${killedMidCommit} of ${rounds} (kills spread over ${Math.round(span)} ms at the end); counts seen ${[...counts].join(', ')}`);
    expect(killedMidCommit).toBeGreaterThan(0);
  }, KILL_LOOP_MS);
});
