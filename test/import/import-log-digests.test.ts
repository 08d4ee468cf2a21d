// An import adds accounts, so its commit goes through the shards and folds the change log into
// them: reading the log, it makes none of the log's digests (store/log-digest.ts), which would
// describe segments the commit removes. A pool copied elsewhere (the digests are named by inode)
// or whose digests are gone paid for them at every import: at 1,000,000 accounts after a fold
// cycle, ~1.2 s of the import's CPU (docs/scale-log.md, stop 32).
import { describe, expect, it } from 'vitest';
import { readdir, rm } from 'node:fs/promises';
import { importDump } from '../../src/import/import-dump.js';
import { Pool } from '../../src/store/pool.js';
import { openFilledPool } from '../helpers/pool.js';

const name = (n: number) => `user${String(n).padStart(6, '0')}`;

async function digestFiles(pool: Pool): Promise<string[]> {
  return (await readdir(pool.layout.logDigestDir).catch(() => [])).filter((file) => file.endsWith('.digest'));
}

describe('an import over a change log without digests', () => {
  it('makes none, and folds every logged change into the shards with the new accounts', async () => {
    const filled = await openFilledPool(4, 400);
    const dir = filled.layout.dir;
    // Logged transactions (not through the shards): levels on accounts spread over the shards.
    for (let round = 1; round <= 3; round++) {
      await filled.transaction((tx) => {
        for (let n = 0; n < 40; n++) tx.put({ ...tx.get(name((round * 13 + n * 7) % 400))!, level: 1 + ((round + n) % 40) });
      });
    }
    const logged = await Pool.open(dir).then((pool) => pool.read());
    const expected = Array.from({ length: 400 }, (_, n) => logged.get(name(n))!.level);
    expect(new Set(expected).size).toBeGreaterThan(1);
    await rm(filled.layout.logDigestDir, { recursive: true, force: true });

    const pool = await Pool.open(dir);
    const report = await importDump(pool, { name: 'seller.txt', bytes: Buffer.from('newcomer:pw-1\nlatecomer:pw-2\n') }, { level: 30 });
    expect(report.added).toBe(2);
    expect(await digestFiles(pool)).toEqual([]);

    // Read afresh from the files: the log's changes are in the shards, beside the new accounts.
    const after = await Pool.open(dir).then((fresh) => fresh.read());
    expect(Array.from({ length: 400 }, (_, n) => after.get(name(n))!.level)).toEqual(expected);
    expect(after.get('newcomer')?.level).toBe(30);
    expect(after.get('latecomer')?.level).toBe(30);
  });
});
