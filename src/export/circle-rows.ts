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

/** Rows whose lines are read ahead together: export's piece (1.7 MB of text). At 1,000,000 accounts 5,000-10,000 gave the lowest peak (236-244 MB), 50,000 271-284 MB, 100,000 313-338 MB (its strings outlive the young generation). */
const WINDOW = 10_000;

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
  // The lines of the next WINDOW rows, read a shard at a time (ShardState.linesOnceAt): a paged
  // shard's lines in runs of the file, where one read a line was 1,000,000 reads at 1,000,000 accounts.
  let ahead: (string | undefined)[] = [];
  let aheadFrom = 0;
  const readAhead = (from: number) => {
    const to = Math.min(from + WINDOW, n);
    const rowsOf = new Map<number, number[]>();
    for (let k = from; k < to; k++) {
      const s = shardOf[order[k]!]!;
      const rows = rowsOf.get(s);
      if (rows) rows.push(k);
      else rowsOf.set(s, [k]);
    }
    ahead = new Array(to - from);
    aheadFrom = from;
    for (const [s, rows] of rowsOf) {
      const lines = shards[s]!.linesOnceAt(rows.map((k) => indexOf[order[k]!]!));
      rows.forEach((k, j) => (ahead[k - from] = lines[j]));
    }
  };
  return {
    length: n,
    accountAt: (k) => {
      if (k < aheadFrom || k >= aheadFrom + ahead.length) readAhead(k);
      const r = order[k]!;
      const shard = shards[shardOf[r]!]!;
      const line = ahead[k - aheadFrom];
      if (line === undefined) return shard.accountOnceAt(indexOf[r]!);
      ahead[k - aheadFrom] = undefined; // asked once: let go as its piece is written
      return shard.accountOfLine(line);
    },
  };
}
