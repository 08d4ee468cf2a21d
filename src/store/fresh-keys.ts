// The keys of an import's new accounts (fresh-accounts.ts), shard by shard, read off their names
// in one pass over the columns in their own order.
//
// The plan sorts each shard's new accounts by key (plan-shards.ts `reorder`). Made shard by shard
// from the columns (FreshAccounts.key), each key read its name at a random place of the columns'
// ~25 MB of names and passwords (a shard's new accounts are every 256th or so of the dump's lines):
// a cache miss or two a key, ~4x the CPU of making the same keys in the columns' order (measured:
// 1,000,000 keys, ~450 against ~100 ms; scale-log.md, stop 47 I). Here the plain names are copied,
// lower-cased, into one buffer grouped by shard in one pass in the columns' order (each shard's
// group written forward: a few hundred places written at once, not a random read a key), and a
// shard's keys are made from its group when the plan reaches it. The key strings of every shard
// are not made at once: at 1,000,000 new accounts they were ~40 MB held (stop 35).
import type { FreshAccounts } from './fresh-accounts.js';

export class FreshKeys {
  /** The plain names, lower-cased, shard after shard, each shard's in the columns' order. */
  private readonly names: Buffer;
  /** Per grouped entry: where its name ends in `names`, or -1 for a name held as text (FreshAccounts.key makes it). */
  private readonly ends: Float64Array;
  /** Per grouped entry: its place in the columns. */
  private readonly places: Int32Array;
  /** Per shard: its first grouped entry; [shards] is the count. */
  private readonly firsts: Int32Array;
  /** Per shard: where its names start in `names`. */
  private readonly nameFirsts: Float64Array;

  /**
   * @param homes the home shard (its index) of each account of `fresh`, by place
   * @param shards how many shards there are
   */
  constructor(
    private readonly fresh: FreshAccounts,
    homes: Int32Array,
    shards: number,
  ) {
    const size = fresh.size;
    const firsts = new Int32Array(shards + 1);
    const byteFirsts = new Float64Array(shards + 1);
    for (let n = 0; n < size; n++) {
      const s = homes[n]!;
      firsts[s + 1]!++;
      if (fresh.nameIsBytes(n)) byteFirsts[s + 1]! += fresh.nameEnd(n) - fresh.start(n);
    }
    for (let s = 0; s < shards; s++) {
      firsts[s + 1]! += firsts[s]!;
      byteFirsts[s + 1]! += byteFirsts[s]!;
    }
    this.firsts = firsts;
    this.nameFirsts = byteFirsts;
    this.names = Buffer.allocUnsafe(byteFirsts[shards]!);
    this.ends = new Float64Array(size);
    this.places = new Int32Array(size);
    // Where each shard's next entry and next name go.
    const next = firsts.slice(0, shards);
    const at = byteFirsts.slice(0, shards);
    const text = fresh.bytes;
    const names = this.names;
    for (let n = 0; n < size; n++) {
      const s = homes[n]!;
      const e = next[s]!++;
      this.places[e] = n;
      if (!fresh.nameIsBytes(n)) {
        this.ends[e] = -1;
        continue;
      }
      let to = at[s]!;
      for (let i = fresh.start(n), end = fresh.nameEnd(n); i < end; i++) {
        const c = text[i]!;
        names[to++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c; // keyOf of a plain (ASCII) name
      }
      at[s] = to;
      this.ends[e] = to;
    }
  }

  /** Shard `s`'s new accounts: their places in the columns, in increasing order. */
  placesOf(s: number): Int32Array {
    return this.places.subarray(this.firsts[s]!, this.firsts[s + 1]!);
  }

  /** Shard `s`'s new accounts' keys, in placesOf's order. */
  keysOf(s: number): string[] {
    const first = this.firsts[s]!;
    const keys = new Array<string>(this.firsts[s + 1]! - first);
    // Where the entry's name starts: where the shard's plain name before it ended.
    let from = this.nameFirsts[s]!;
    for (let k = 0; k < keys.length; k++) {
      const end = this.ends[first + k]!;
      if (end < 0) {
        keys[k] = this.fresh.key(this.places[first + k]!);
        continue;
      }
      keys[k] = this.names.toString('latin1', from, end);
      from = end;
    }
    return keys;
  }
}
