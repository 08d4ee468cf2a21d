// A large pool made fast for memory tests: its shard files written straight, as the store writes them.
import { writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { makePool, type TestPool } from './pool.js';
import { makeAccount } from './accounts.js';
import { madeOnce } from './made-once.js';
import { layoutOf, shardFile, shardIndexOf, shardName } from '../../src/store/layout.js';
import { encodeAccountLine, encodeShard, shardHash } from '../../src/store/shard-codec.js';
import { CanonicalCache } from '../../src/store/canonical-cache.js';
import { encodeManifest, type Manifest } from '../../src/store/manifest.js';

/**
 * The shard files a transaction putting makeAccount(0 .. count-1) would write, written straight
 * (as bench/make-pool.ts does): a transaction would hold them all as objects in this process.
 */
export async function fillShards(dir: string, count: number, shards: number): Promise<void> {
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

const filled = new Map<string, Promise<string>>();
let filledRun: string | undefined;

/**
 * A pool of `shards` shards holding makeAccount(0 .. count-1), as fillShards writes it: written once
 * per run (by the first worker to ask; once per worker until stop 60), count and shards into the run's template folder (test/helpers/global-setup.ts removes
 * it), then copied for each test (200,000 accounts: ~1.2 s of CPU to write, ~0.07 s to copy).
 */
export async function largePool(count: number, shards: number): Promise<TestPool> {
  const run = inject('poolTemplates');
  if (run !== filledRun) {
    filled.clear();
    filledRun = run;
  }
  const key = `${count}-${shards}`;
  let made = filled.get(key);
  if (!made) {
    // Made by the first worker of the run to ask, read by all (stop 60: made-once.ts).
    made = madeOnce(join(run, `large-${key}`), async (into) => {
      await cp((await makePool(shards)).dir, into, { recursive: true });
      await fillShards(into, count, shards);
    });
    filled.set(key, made);
    made.catch(() => filled.get(key) === made && filled.delete(key));
  }
  const pool = await makePool(shards);
  // Over the empty pool copied from the same template: its shards, record and caches replaced.
  await cp(await made, pool.dir, { recursive: true, force: true });
  return pool;
}
