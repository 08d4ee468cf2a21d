// .cache/canonical.json names the sha1 of each shard text known to be the store's own canonical
// output, so that a read pages that shard off its bytes instead of decoding every account
// (src/store/canonical-cache.ts). A pool whose cache knew 22 of its 256 shards had every import
// decode the other 234 whole (824 MB for a 1,000-line import at 1,000,000 accounts, scale-log.md
// stop 45). Two ways there, both tested here: a process that saved the copy it loaded long before
// over what others saved since, and a cache that is gone or not believed (a pool copied from
// another host: its seal is another key's), which a fold then writes again knowing only the shards it folded.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CanonicalCache, canonicalEntry } from '../../src/store/canonical-cache.js';
import { Pool } from '../../src/store/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { makePool } from '../helpers/pool.js';
import { readSealed } from '../helpers/sealed-cache.js';
import { testdir } from '../helpers/testdir.js';

/** Each shard file's name (without .yaml) and the sha1 of its bytes. */
async function shardHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of (await readdir(join(dir, 'shards'))).filter((f) => f.endsWith('.yaml')).sort()) {
    hashes[file.slice(0, -'.yaml'.length)] = createHash('sha1').update(await readFile(join(dir, 'shards', file))).digest('hex');
  }
  return hashes;
}

/** The shards whose bytes the cache knows. */
async function known(dir: string): Promise<string[]> {
  const cache = await readSealed<Record<string, string>>(join(dir, '.cache', 'canonical.json'));
  return Object.entries(await shardHashes(dir))
    .filter(([name, hash]) => cache[name] === canonicalEntry(hash))
    .map(([name]) => name);
}

describe('the canonical cache', () => {
  it('keeps what another process saved after this one loaded it: a save adds its own entries to the file as it is now', async () => {
    const file = join(await testdir(), '.cache', 'canonical.json');
    const early = new CanonicalCache(file);
    await early.load();
    const other = new CanonicalCache(file);
    await other.load();
    other.remember('000', 'a'.repeat(40));
    other.remember('001', 'b'.repeat(40));
    await other.save();
    early.remember('002', 'c'.repeat(40));
    await early.save();
    const fresh = new CanonicalCache(file);
    await fresh.load();
    expect(['000', '001', '002'].map((name, i) => fresh.isKnown(name, 'abc'[i]!.repeat(40)))).toEqual([true, true, true]);
    // A second save of this process rewrites the file only for what it remembered since.
    other.remember('001', 'd'.repeat(40));
    await other.save();
    await fresh.load();
    expect([fresh.isKnown('001', 'd'.repeat(40)), fresh.isKnown('002', 'c'.repeat(40))]).toEqual([true, true]);
  });

  it("made under older reader rules (an older version's plain hash) trusts nothing: the shard is verified and stamped anew", async () => {
    // An older version marked a shard canonical that holds `...00Z` (no fraction), which this
    // version rewrites on read: by its bytes alone, the entry kept the shard trusted as it was.
    const file = join(await testdir(), '.cache', 'canonical.json');
    const { writeSealed } = await import('../helpers/sealed-cache.js');
    await mkdir(join(file, '..'), { recursive: true });
    await writeSealed(file, { '000': 'a'.repeat(40), '001': canonicalEntry('b'.repeat(40)) });
    const cache = new CanonicalCache(file);
    await cache.load();
    expect([cache.isKnown('000', 'a'.repeat(40)), cache.isKnown('001', 'b'.repeat(40))]).toEqual([false, true]);
    cache.remember('000', 'a'.repeat(40));
    await cache.save();
    expect(await readSealed<Record<string, string>>(file)).toEqual({ '000': canonicalEntry('a'.repeat(40)), '001': canonicalEntry('b'.repeat(40)) });
  });

  it('gone from a large pool (read paged): one transaction proves every shard it reads again, and writes what a pool with its cache writes', async () => {
    const p = await makePool(8);
    const filled = await p.open();
    await filled.transaction((tx) => {
      for (let i = 0; i < 400; i++) tx.put(makeAccount(i));
    });
    expect(await known(p.dir)).toHaveLength(8);
    const lost = join(p.base, 'lost');
    const kept = join(p.base, 'kept');
    await cp(p.dir, lost, { recursive: true });
    await cp(p.dir, kept, { recursive: true });
    await rm(join(lost, '.cache', 'canonical.json'));
    const put = async (dir: string) => {
      // pageAbove 0: read as a 1,000,000-account pool is, one shard after the other, each paged.
      const pool = await Pool.open(dir, { pageAbove: 0 });
      await pool.transaction((tx) => tx.put(makeAccount(1000)));
    };
    await put(lost);
    await put(kept);
    expect(await shardHashes(lost)).toEqual(await shardHashes(kept));
    expect(await known(lost)).toEqual(Object.keys(await shardHashes(lost)));
  });
});
