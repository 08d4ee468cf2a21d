// What a reshard holds: where each row goes (8 bytes a row), then one new shard's lines at a time,
// each file made as the commit writes it (src/store/reshard.ts). Made all at once, every line of
// the pool, its place and every new file's bytes were alive together: 1,000,000 accounts resharded
// 256 -> 1,024 went from 222 MB after the read to 614 MB, and now stay at ~234 MB (docs/scale-log.md,
// stop 39). A real process under a heap limit: 200,000 accounts in 4 shards resharded to 64 by
// the import of one more ran out of heap at 64 MB before, and fit in 24 now.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliWithin } from '../helpers/cli.js';
import { largePool } from '../helpers/large-pool.js';

const ACCOUNTS = 200_000;

describe('a reshard of a large pool', () => {
  it('reshards 200,000 accounts 4 -> 64 within a 40 MB heap, every account kept', async () => {
    const pool = await largePool(ACCOUNTS, 4);
    const dump = join(pool.base, 'one.txt');
    writeFileSync(dump, 'newone:pw-new1\n');
    const run = await cliWithin(['import', dump, '--level', '30', ...pool.args], 300_000, { env: { NODE_OPTIONS: '--max-old-space-size=40' } });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('resharded the pool: 4 -> 64 shards');
    expect(readdirSync(join(pool.dir, 'shards')).filter((f) => f.endsWith('.yaml'))).toHaveLength(64);
    const verify = await cli(['verify', ...pool.args]);
    expect(verify.code).toBe(0);
    const status = await cli(['status', '--json', ...pool.args]);
    expect(status.stdout).toContain(`${ACCOUNTS + 1}`);
  }, 400_000);
});
