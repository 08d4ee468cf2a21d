// Builds the benchmark's pools fast: shard files written straight in the canonical format the
// store itself writes, one shard at a time, with their hashes in the canonical cache and the
// record of the shards (shards/.manifest) as a commit would leave them. Filling a
// 1,000,000-account pool through one transaction would hold every account as an object
// (gigabytes) and take minutes; this takes seconds and little memory. Each
// line comes from a template (encodeAccountLine takes ~3 µs an account, most of the time here);
// `checkMakePool` proves that the template gives encodeAccountLine's bytes and that the files are
// byte for byte what a transaction writes, so the shortcut measures the real thing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConfig } from '../src/config-file.js';
import { layoutOf, shardFile, shardIndexOf, shardName } from '../src/store/layout.js';
import { encodeAccountLine, encodeShard, shardHash } from '../src/store/shard-codec.js';
import { CanonicalCache } from '../src/store/canonical-cache.js';
import { encodeManifest, type Manifest } from '../src/store/manifest.js';
import { Pool } from '../src/store/pool.js';
import { makeAccount } from '../test/helpers/accounts.js';
import { runOnce } from './measure.js';

const ADDED_AT = new Date(Date.UTC(2026, 0, 1)).toISOString();

/** The i-th benchmark account (user000000, user000001, ...: sorted by key as they are numbered). */
export function benchAccount(i: number) {
  return makeAccount(i, { added_at: ADDED_AT });
}

/** benchAccount(i) as the store writes it (encodeAccountLine), made from a template. */
function benchLine(i: number): string {
  const { username, password, seq, source } = benchAccount(i);
  return `"${username}": {"password": ${JSON.stringify(password)}, "provider": "ptc", "level": 30, "state": "ok", "added_at": "${ADDED_AT}", "seq": ${seq}, "source": "${source}"}`;
}

/** Makes a pool at `dir` (`accountpool init`) holding accounts 0..size-1. */
export async function makePool(dir: string, size: number, initArgs: string[] = []): Promise<void> {
  runOnce(['init', '--pool', dir, ...initArgs]);
  const layout = layoutOf(dir);
  const { shards } = await loadConfig(layout.config);
  // Which accounts each shard holds, in account order (which is key order for these names).
  const counts = new Int32Array(shards);
  const home = new Int32Array(size);
  for (let i = 0; i < size; i++) counts[(home[i] = shardIndexOf(benchAccount(i).username, shards))]!++;
  const members = Array.from({ length: shards }, (_, s) => new Int32Array(counts[s]!));
  const filled = new Int32Array(shards);
  for (let i = 0; i < size; i++) {
    const s = home[i]!;
    members[s]![filled[s]!++] = i;
  }
  const cache = new CanonicalCache(layout.canonicalCache);
  const manifest: Manifest = new Map();
  for (let s = 0; s < shards; s++) {
    const name = shardName(s, shards);
    manifest.set(name, counts[s]!);
    const lines = Array.from(members[s]!, benchLine);
    const bytes = Buffer.from(encodeShard(name, lines));
    writeFileSync(shardFile(layout, name), bytes, { mode: 0o600 });
    cache.remember(name, shardHash(bytes));
  }
  // The record of the shards (manifest.ts), as the commit that wrote them would leave it.
  writeFileSync(layout.manifest, encodeManifest(manifest), { mode: 0o600 });
  await cache.save();
}

/** Throws unless makePool writes exactly the files a transaction putting the same accounts writes. */
export async function checkMakePool(size = 2000): Promise<void> {
  for (const i of [0, 1, 9, 10, 99_999, 100_000, 999_999, ...Array.from({ length: size }, (_, n) => n)]) {
    if (benchLine(i) !== encodeAccountLine(benchAccount(i))) throw new Error(`bench/make-pool.ts: the template for account ${i} differs from encodeAccountLine: fix it before trusting the bench`);
  }
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-check-'));
  try {
    const fast = join(base, 'fast');
    const real = join(base, 'real');
    await makePool(fast, size);
    runOnce(['init', '--pool', real]);
    const pool = await Pool.open(real);
    await pool.transaction((tx) => {
      for (let i = 0; i < size; i++) tx.put(benchAccount(i));
    });
    const shardsDir = (dir: string) => join(dir, 'shards');
    for (const name of readdirSync(shardsDir(real))) {
      if (!readFileSync(join(shardsDir(fast), name)).equals(readFileSync(join(shardsDir(real), name)))) {
        throw new Error(`bench/make-pool.ts writes shards/${name} differently from the store: fix it before trusting the bench`);
      }
    }
    const cache = (dir: string) => readFileSync(layoutOf(dir).canonicalCache, 'utf8');
    if (cache(fast) !== cache(real)) throw new Error('bench/make-pool.ts writes a canonical cache different from the store');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
