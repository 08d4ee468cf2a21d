// A large pool made fast for memory tests: its shard files written straight, as the store writes them.
import { writeFileSync } from 'node:fs';
import { makeAccount } from './accounts.js';
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
