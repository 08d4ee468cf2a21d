// What `verify` holds while it reads every shard: one shard's accounts at a time and a number per
// key, not every shard parsed at once (at 1,000,000 accounts that was 809 MB of RSS, now 258 MB:
// docs/scale-log.md, stop 38). A real process under a heap limit the old way could not keep: with
// every shard parsed at once, 200,000 accounts ran out of a 64 MB heap.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { layoutOf, shardFile, shardIndexOf, shardName } from '../../src/store/layout.js';
import { encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { CanonicalCache } from '../../src/store/canonical-cache.js';
import { encodeManifest, type Manifest } from '../../src/store/manifest.js';

const ACCOUNTS = 200_000;
const SHARDS = 64;

/**
 * The shard files a transaction putting makeAccount(0 .. count-1) would write, written straight
 * (as bench/make-pool.ts does): a transaction would hold them all as objects in this process.
 */
async function fillShards(dir: string, count: number, shards: number): Promise<void> {
  const layout = layoutOf(dir);
  const members: string[][] = Array.from({ length: shards }, () => []);
  // user000000, user000001, ...: in key order as numbered, so each shard's lines come sorted.
  for (let i = 0; i < count; i++) {
    const account = makeAccount(i);
    members[shardIndexOf(account.username, shards)]!.push(encodeAccountLine(account));
  }
  const cache = new CanonicalCache(layout.canonicalCache);
  const manifest: Manifest = new Map();
  members.forEach((lines, s) => {
    const name = shardName(s, shards);
    const bytes = Buffer.from(encodeShard(name, lines));
    writeFileSync(shardFile(layout, name), bytes, { mode: 0o600 });
    cache.remember(name, shardHash(bytes));
    manifest.set(name, lines.length);
  });
  writeFileSync(layout.manifest, encodeManifest(manifest), { mode: 0o600 });
  await cache.save();
}

describe('verify on a large pool', () => {
  it('reads 200,000 accounts within a 64 MB heap and finds them sound', async () => {
    const pool = await makePool(SHARDS);
    await fillShards(pool.dir, ACCOUNTS, SHARDS);
    const run = await cliWithin(['verify', ...pool.args], 300_000, { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.stdout).toBe(`pool ${pool.dir} is sound: ${ACCOUNTS} accounts\n`);
    expect(run.code).toBe(0);
  }, 400_000);
});
