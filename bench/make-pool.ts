// Builds the benchmark's pools fast: shard files written straight in the canonical format the
// store itself writes, one shard at a time, with their hashes in the canonical cache and the
// record of the shards (shards/.manifest) as a commit would leave them. Filling a
// 1,000,000-account pool through one transaction would hold every account as an object
// (gigabytes) and take minutes; this takes seconds and little memory. Each
// line comes from a template (encodeAccountLine takes ~3 µs an account, most of the time here);
// `checkMakePool` proves that the template gives encodeAccountLine's bytes and that the files are
// byte for byte what a transaction writes, so the shortcut measures the real thing. The accounts
// are numbered (`seq`) as one import of user000000, user000001, ... into the pool's shards numbers
// them (src/store/import-numbering.ts: shard by shard, a window at a time, past 512 x shards), so
// an allocation touches the shards it touches on a pool an import made.
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
import { importPlaces } from '../src/store/import-numbering.js';
import { runOnce } from './measure.js';

const ADDED_AT = new Date(Date.UTC(2026, 0, 1)).toISOString();

/** The i-th benchmark account (user000000, user000001, ...: sorted by key as they are numbered). */
export function benchAccount(i: number) {
  return makeAccount(i, { added_at: ADDED_AT });
}

/** The import numbers of accounts 0..size-1 imported as one dump into `shards` shards (import-numbering.ts), by account. */
function benchSeqs(size: number, shards: number, homes = homesOf(size, shards)): (i: number) => number {
  const places = importPlaces(homes, shards);
  return (i) => 1 + (places ? places[i]! : i);
}

function homesOf(size: number, shards: number): Int32Array {
  const homes = new Int32Array(size);
  for (let i = 0; i < size; i++) homes[i] = shardIndexOf(benchAccount(i).username, shards);
  return homes;
}

/** benchAccount(i) numbered `seq`, as the store writes it (encodeAccountLine), made from a template. */
function benchLine(i: number, seq: number): string {
  const { username, password, source } = benchAccount(i);
  return `"${username}": {"password": ${JSON.stringify(password)}, "provider": "ptc", "level": 30, "state": "ok", "added_at": "${ADDED_AT}", "seq": ${seq}, "source": "${source}"}`;
}

/** Makes a pool at `dir` (`accountpool init`) holding accounts 0..size-1. */
export async function makePool(dir: string, size: number, initArgs: string[] = []): Promise<void> {
  runOnce(['init', '--pool', dir, ...initArgs]);
  const layout = layoutOf(dir);
  const { shards } = await loadConfig(layout.config);
  // Which accounts each shard holds, in account order (which is key order for these names).
  const counts = new Int32Array(shards);
  const home = homesOf(size, shards);
  for (let i = 0; i < size; i++) counts[home[i]!]!++;
  const seqOf = benchSeqs(size, shards, home);
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
    const lines = Array.from(members[s]!, (i) => benchLine(i, seqOf(i)));
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
    if (benchLine(i, i + 1) !== encodeAccountLine(benchAccount(i))) throw new Error(`bench/make-pool.ts: the template for account ${i} differs from encodeAccountLine: fix it before trusting the bench`);
  }
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-check-'));
  try {
    const fast = join(base, 'fast');
    const real = join(base, 'real');
    // Few shards, so that `size` accounts are more than a window (import-numbering.ts) and numbered by shard.
    const shards = ['--shards', '2'];
    await makePool(fast, size, shards);
    runOnce(['init', '--pool', real, ...shards]);
    const pool = await Pool.open(real);
    const seqOf = benchSeqs(size, 2);
    await pool.transaction((tx) => {
      for (let i = 0; i < size; i++) tx.put({ ...benchAccount(i), seq: seqOf(i) });
    });
    const shardsDir = (dir: string) => join(dir, 'shards');
    for (const name of readdirSync(shardsDir(real))) {
      if (!readFileSync(join(shardsDir(fast), name)).equals(readFileSync(join(shardsDir(real), name)))) {
        throw new Error(`bench/make-pool.ts writes shards/${name} differently from the store: fix it before trusting the bench`);
      }
    }
    const cache = (dir: string) => readFileSync(layoutOf(dir).canonicalCache, 'utf8');
    if (cache(fast) !== cache(real)) throw new Error('bench/make-pool.ts writes a canonical cache different from the store');
    // And numbered as an import numbers a dump (the bench's names are the examples' placeholders an
    // import refuses: other names, numbered by the same rule, benchSeqs's).
    const imported = join(base, 'imported');
    const dump = join(base, 'dump.txt');
    const name = (i: number) => `scanner${i}kestrel`;
    writeFileSync(dump, Array.from({ length: size }, (_, i) => `${name(i)}:pw${i}\n`).join(''));
    runOnce(['init', '--pool', imported, ...shards]);
    runOnce(['import', '--pool', imported, '--level', '30', dump]);
    const read = await (await Pool.open(imported)).read();
    const importSeqOf = benchSeqs(size, 2, Int32Array.from({ length: size }, (_, i) => shardIndexOf(name(i), 2)));
    for (let i = 0; i < size; i++) {
      const seq = read.get(name(i))?.seq;
      if (seq !== importSeqOf(i)) throw new Error(`bench/make-pool.ts numbers ${name(i)} ${importSeqOf(i)}, an import ${seq}: number as import-numbering.ts does`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
