// The order one import numbers its new accounts in (`seq`: the circle hands never-used accounts
// out by it, circle-order.ts). One rule for every import (the CLI's, the inbox's: Pool.transaction
// applies it to each dump mergeDump recorded) and for the bench's pools (bench/make-pool.ts), so
// the bench measures pools an import makes.
//
// Why not simply the dump's line order: accounts live in shards by their name's hash, so 400
// accounts numbered in line order lie in every shard, and an allocation of 400 rewrites (on a
// git.commit pool: commits) every shard. Numbered shard by shard, a batch lies in 1-2 shards: at
// 1,000,000 accounts (256 shards) a git.commit pool grew 82-124 KB per allocation instead of
// 11-12 MB, at 0.8 s of CPU instead of 7.7 s (docs/scale-log.md, stop 56 K). But the line order is
// what operators are promised for the dumps they import every day (docs/concepts.md, "The
// circle"), and a dump small against the shard count gains nothing (16 accounts a shard: a batch
// spans ~25 shards either way). So only an import of more than W = 512 x shards new accounts is
// numbered so, in windows of W in the dump's order: inside a window shard by shard, the dump's
// order inside each shard. A window gives each shard ~512 accounts, more than a batch of 400.
// An import of W or fewer keeps the line order exactly.

/** New accounts a window gives each shard, on average: W = this x the shard count. */
export const NUMBERED_PER_SHARD = 512;

/** W: an import adding more new accounts than this is numbered shard by shard, a window of this many at a time. */
export function numberingWindow(shards: number): number {
  return NUMBERED_PER_SHARD * shards;
}

/**
 * The places (0-based) of one import's new accounts in its numbering, given each one's home shard
 * (`homes[i]`, in [0, shards), for the i-th new account in the dump's order): account i takes the
 * import's (places[i] + 1)-th number. Undefined when the import keeps the dump's order (W or fewer
 * new accounts, or one shard). A counting sort per window: two passes, no keys compared.
 */
export function importPlaces(homes: ArrayLike<number>, shards: number): Uint32Array | undefined {
  const size = homes.length;
  const window = numberingWindow(shards);
  if (size <= window || shards < 2) return undefined;
  const places = new Uint32Array(size);
  const next = new Uint32Array(shards);
  for (let from = 0; from < size; from += window) {
    const to = Math.min(size, from + window);
    next.fill(0);
    for (let i = from; i < to; i++) next[homes[i]!]!++;
    let at = from;
    for (let s = 0; s < shards; s++) {
      const count = next[s]!;
      next[s] = at;
      at += count;
    }
    for (let i = from; i < to; i++) places[i] = next[homes[i]!]!++;
  }
  return places;
}
