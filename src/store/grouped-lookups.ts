// An import's lookups of its keys in the pool, made all at once and grouped by shard before the
// merge asks them in file order. Each paged shard answers by its table of key hashes
// (byte-lines.ts `indexOfKey`), ~64 KB a shard of 4,000 lines: asked in file order, a
// 1,000,000-line dump's keys hop between 256 such tables (16 MB), a cache miss per key (stop 49:
// `getPut` ~1 s of CPU of the bench's 1,000,000-line import). Grouped, one shard's table is read
// while it is in cache, and the merge reads its answers in order.
import { hashOf } from './key-index.js';
import type { ShardState } from './shard-state.js';

/** An answer not made here (a shard without a table of hashes, a name with no home): the caller looks it up itself. */
const NOT_ANSWERED = -2;
/** A key to look up here, between the two passes. */
const PENDING = -3;

/** The answers: where each key of the dump is in the pool, by its place in the dump. */
export class GroupedLookups {
  constructor(
    private readonly shards: Uint16Array,
    private readonly indexes: Int32Array,
  ) {}

  /** Whether the i-th key was looked up here (else ask the snapshot). */
  answered(i: number): boolean {
    return i < this.indexes.length && this.indexes[i] !== NOT_ANSWERED;
  }

  /** The i-th key's line in its shard, -1 when the pool does not hold it; only where answered(i). */
  index(i: number): number {
    return this.indexes[i]!;
  }

  /** The shard (its place in the snapshot's list) holding the i-th key; only where index(i) >= 0. */
  shard(i: number): number {
    return this.shards[i]!;
  }
}

/**
 * Looks up `count` keys (`keyAt(i)`, lower-cased) in `shards`: each in its home shard
 * (`homeOf`), then among the strays (names moved by hand to another shard: `strayOf`, asked only
 * where `hasStrays`). The keys are hashed once, in order, then sorted by shard (a counting sort
 * of their places: two arrays of `count` numbers, dropped on return) and looked up shard by
 * shard. A key is made twice (here and by the caller), which costs less than the misses it saves.
 */
export function lookUpGrouped(
  shards: readonly ShardState[],
  count: number,
  keyAt: (i: number) => string,
  homeOf: (key: string) => number | undefined,
  strayOf: (key: string) => { shard: number; index: number } | undefined,
  hasStrays: boolean,
): GroupedLookups | undefined {
  if (shards.length > 0xffff || !shards.some((shard) => shard.keysHashed)) return undefined;
  const home = new Uint16Array(count);
  const indexes = new Int32Array(count).fill(NOT_ANSWERED);
  const hashes = new Int32Array(count);
  const starts = new Int32Array(shards.length + 1);
  const asked = (h: number | undefined): h is number => h !== undefined && shards[h]!.keysHashed;
  for (let i = 0; i < count; i++) {
    const key = keyAt(i);
    const h = homeOf(key);
    if (!asked(h)) continue;
    home[i] = h;
    hashes[i] = hashOf(key);
    indexes[i] = PENDING;
    starts[h + 1]!++;
  }
  for (let s = 0; s < shards.length; s++) starts[s + 1]! += starts[s]!;
  const order = new Int32Array(starts[shards.length]!);
  const sortedHashes = new Int32Array(order.length);
  const next = starts.slice(0, shards.length);
  for (let i = 0; i < count; i++) {
    if (indexes[i] !== PENDING) continue;
    const at = next[home[i]!]!++;
    order[at] = i;
    sortedHashes[at] = hashes[i]!;
  }
  for (let s = 0; s < shards.length; s++) {
    const shard = shards[s]!;
    for (let at = starts[s]!; at < starts[s + 1]!; at++) {
      const i = order[at]!;
      const index = shard.indexOfHash(sortedHashes[at]!, () => keyAt(i));
      if (index >= 0 || !hasStrays) {
        indexes[i] = index;
        continue;
      }
      const stray = strayOf(keyAt(i));
      indexes[i] = stray ? stray.index : -1;
      if (stray) home[i] = stray.shard;
    }
  }
  return new GroupedLookups(home, indexes);
}
