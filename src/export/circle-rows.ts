// The accounts an export writes, chosen and put in circle order (src/circle-order.ts) over typed
// columns, then parsed a piece at a time as they are written.
//
// Why: an export of 1,000,000 accounts parsed every account whole to filter and sort them, and
// held all of them while writing (715 MB peak RSS, stop 38; issue 16 asks 300 MB of every
// command). The order needs `allocated_at` (as ms), the import number and, on a tie, the key:
// 20 bytes a row here, the key read off the line again only for a tie. The filter needs the level
// and the state, which a canonical line says plainly (ShardState.circleAt).
import { byAllocatedMs, byKey, circleOrder } from '../circle-order.js';
import type { Account, CircleStanding } from '../model.js';
import type { Snapshot } from '../store/snapshot.js';

export interface CircleRows {
  /** How many rows were chosen. */
  readonly length: number;
  /** The account of the `n`th row in circle order, parsed now and not kept by the snapshot. */
  accountAt(n: number): Account;
}

/** The accounts of `snapshot` that `keep` takes (by their circle standing), in circle order, then by key. */
export function circleRows(snapshot: Snapshot, keep: (standing: CircleStanding) => boolean): CircleRows {
  const shards = snapshot.shards;
  const total = snapshot.size;
  const shardOf = new Uint32Array(total);
  const indexOf = new Uint32Array(total);
  // NaN: never handed out. A time whose text is not as toISOString writes it (a hand edit) keeps
  // its text, compared as circleOrder compares it.
  const allocated = new Float64Array(total);
  const seq = new Float64Array(total);
  const oddTimes = new Map<number, string>();
  let n = 0;
  shards.forEach((shard, s) => {
    for (let i = 0; i < shard.size; i++) {
      const standing = shard.circleAt(i);
      if (!keep(standing)) continue;
      shardOf[n] = s;
      indexOf[n] = i;
      const at = standing.allocated_at;
      const ms = at === undefined ? NaN : Date.parse(at);
      allocated[n] = ms;
      if (at !== undefined && (Number.isNaN(ms) || new Date(ms).toISOString() !== at)) oddTimes.set(n, at);
      seq[n] = shard.seqAt(i);
      n++;
    }
  });
  const keyOfRow = (r: number) => shards[shardOf[r]!]!.keyAt(indexOf[r]!);
  const timeOf = (r: number) => oddTimes.get(r) ?? (Number.isNaN(allocated[r]!) ? undefined : new Date(allocated[r]!).toISOString());
  const order = new Uint32Array(n);
  for (let r = 0; r < n; r++) order[r] = r;
  order.sort((a, b) => {
    let d: number;
    if (oddTimes.size > 0 && (oddTimes.has(a) || oddTimes.has(b))) {
      d = circleOrder({ allocated_at: timeOf(a), seq: seq[a]! }, { allocated_at: timeOf(b), seq: seq[b]! });
    } else {
      const ta = allocated[a]!;
      const tb = allocated[b]!;
      const na = Number.isNaN(ta);
      const nb = Number.isNaN(tb);
      d = na || nb ? (na !== nb ? (na ? -1 : 1) : seq[a]! - seq[b]!) : byAllocatedMs(ta, tb);
    }
    return d || byKey(keyOfRow(a), keyOfRow(b));
  });
  return {
    length: n,
    accountAt: (k) => {
      const r = order[k]!;
      return shards[shardOf[r]!]!.accountOnceAt(indexOf[r]!);
    },
  };
}
