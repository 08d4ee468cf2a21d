// A shard's standings summary (.cache/standings/NN.json, standing-summary.ts) is derived and
// git-ignored: `status` counts from it while the shard keeps its stamp or its bytes' sha1. A
// summary whose counts were edited (by hand, by whoever can write the cache; its stamp and sha1
// kept) was believed: status gave ten times the pool. Each summary's total is now held against the
// record each commit writes of the shard's accounts (shards/.manifest); one that disagrees is
// made again from the shard.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a standings summary with forged counts', () => {
  it('is not believed: status counts the shards, and the summary is made again', async () => {
    const pool = await poolWithAccounts(40);
    const first = await cli(['status', '--json', ...pool.args]);
    expect((JSON.parse(first.stdout) as { total: number }).total).toBe(40);
    const folder = join(pool.dir, '.cache', 'standings');
    const names = (await readdir(folder)).filter((f) => f.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const summary = JSON.parse(await readFile(join(folder, name), 'utf8')) as { counts: number[] };
      summary.counts = summary.counts.map((n) => n * 10);
      await writeFile(join(folder, name), JSON.stringify(summary));
    }
    for (let run = 0; run < 2; run++) {
      const status = await cli(['status', '--json', ...pool.args]);
      expect(status.code).toBe(0);
      const counted = JSON.parse(status.stdout) as { total: number; byAvailability: { available: number } };
      expect(counted.total).toBe(40);
      expect(counted.byAvailability.available).toBe(40);
    }
  });
});
