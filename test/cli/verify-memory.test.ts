// What `verify` holds while it reads every shard: one shard's accounts at a time and a number per
// key, not every shard parsed at once (at 1,000,000 accounts that was 809 MB of RSS, now 258 MB:
// docs/scale-log.md, stop 38). A real process under a heap limit the old way could not keep: with
// every shard parsed at once, 200,000 accounts ran out of a 64 MB heap.
import { describe, expect, it } from 'vitest';
import { cliWithin } from '../helpers/cli.js';
import { largePool } from '../helpers/large-pool.js';

const ACCOUNTS = 200_000;
const SHARDS = 64;

describe('verify on a large pool', () => {
  it('reads 200,000 accounts within a 64 MB heap and finds them sound', async () => {
    const pool = await largePool(ACCOUNTS, SHARDS);
    const run = await cliWithin(['verify', ...pool.args], 300_000, { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.stdout).toBe(`pool ${pool.dir} is sound: ${ACCOUNTS} accounts\n`);
    expect(run.code).toBe(0);
  }, 400_000);
});
