// A shard's circle index (circle-index.ts) carried over a partial fold (pool.ts `leanFold`): the
// fold replaces a few hundred lines of a shard in place and keeps every other line byte for byte,
// so the new file's index is the old one's with those lines read again, not the whole file
// decoded, hashed line by line and sorted anew. Made by the fold and saved with the new file's
// sha1 and stamp, it spares the next allocation a rebuild of every shard folded (at 100,000
// accounts ~8 shards an allocation, most of the CPU partial folds added).
//
// Derived as every index is: made only where the old index was made from exactly the bytes the
// fold started from (their sha1), and checked against the bytes the fold wrote: each kept line
// the same bytes as before (compared, not assumed), each replaced line the text the fold wrote
// with the same key. Anything else gives undefined, and the next look makes the index again from
// the file, as it would have without this.
import { byKey, circleOrder } from '../circle-order.js';
import { ShardCircle, type Sighting } from './circle-index.js';
import { isAscii } from 'node:buffer';
import { encodeCircle, lineHash, type TextBlob } from './circle-layout.js';
import { tupleOfStanding, type CircleTuple } from './circle-tuple.js';
import { spellingNeedsProvider } from '../account-spelling.js';
import { parseTrustedLines, plainLineProvider, trustedLineCircle, trustedLineKey, trustedLineSeq } from './shard-codec.js';

/**
 * The index of `after` (seen as `sighting` says), the file a fold made from `before` (the bytes
 * `old` was made from) by replacing the lines `replaced` (by line index), or undefined where the
 * bytes are not that (see the header).
 */
export function foldedCircle(old: ShardCircle, before: Buffer, after: Buffer, replaced: ReadonlyMap<number, string>, sighting: Sighting): { index: ShardCircle; encoded: Buffer } | undefined {
  const n = old.size;
  if (!old.head.sortedLines || old.starts[n] !== before.length) return undefined;
  const starts = new Int32Array(n + 1);
  let at = n === 0 ? after.length : after.indexOf(10) + 1; // after the header line
  if (!after.subarray(0, at).equals(before.subarray(0, old.starts[0]))) return undefined;
  // Each run of kept lines is compared whole, line breaks included (the same bytes line for line,
  // so their starts move by one offset): one compare per run, not one search and compare per line
  // (a shard of ~1,600 lines at 100,000 accounts keeps all but a few dozen).
  const changed = [...replaced.keys()].sort((a, b) => a - b);
  let i = 0;
  for (let r = 0; r <= changed.length; r++) {
    const stop = r < changed.length ? changed[r]! : n;
    if (stop < i || stop > n) return undefined; // a line index the shard does not have
    const from = old.starts[i]!;
    const length = old.starts[stop]! - from;
    if (at + length > after.length || after.compare(before, from, from + length, at, at + length) !== 0) return undefined;
    for (let k = i; k < stop; k++) starts[k] = at + old.starts[k]! - from;
    at += length;
    if (stop === n) break;
    const end = after.indexOf(10, at);
    if (end < 0) return undefined;
    const line = replaced.get(stop)!;
    if (after.toString('utf8', at, end) !== line || trustedLineKey(line) !== old.keyAt(stop)) return undefined;
    starts[stop] = at;
    at = end + 1;
    i = stop + 1;
  }
  if (at !== after.length) return undefined;
  starts[n] = at;
  if (!oddCarried(old, before, replaced)) return undefined;

  const seq = Float64Array.from(old.seq);
  const allocated: (string | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) allocated[i] = old.allocatedAt(i);
  const hashes = Buffer.from(old.hashes);
  // The tuples: the old table's, with those of the replaced lines added, then only those in use kept.
  const tuples: CircleTuple[] = old.head.tuples.slice();
  const ids = new Map(tuples.map((t, k) => [JSON.stringify(t), k]));
  const tuple = Int32Array.from(old.tuple);
  for (const [i, line] of replaced) {
    const circle = trustedLineCircle(line) ?? parseTrustedLines([line], old.head.name, 'fold')[0]!;
    const t = tupleOfStanding(circle);
    const id = JSON.stringify(t);
    let k = ids.get(id);
    if (k === undefined) {
      ids.set(id, (k = tuples.length));
      tuples.push(t);
    }
    tuple[i] = k;
    allocated[i] = circle.allocated_at;
    seq[i] = trustedLineSeq(line) ?? parseTrustedLines([line], old.head.name, 'fold')[0]!.seq;
    hashes.write(lineHash(line), 8 * i, 'hex');
  }
  const kept: CircleTuple[] = [];
  const renumbered = new Int32Array(tuples.length).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = tuple[i]!;
    if (renumbered[k] === -1) renumbered[k] = kept.push(tuples[k]!) - 1;
    tuple[i] = renumbered[k]!;
  }

  // The circle order: the kept lines in their old order, merged with the replaced ones sorted.
  // Two places filled for each comparison (about one per line), not two objects made; the keys
  // (the same on every line: checked above) read only on a tie.
  const x: { allocated_at?: string; seq: number } = { seq: 0 };
  const y: { allocated_at?: string; seq: number } = { seq: 0 };
  const ahead = (a: number, b: number) => {
    x.allocated_at = allocated[a];
    x.seq = seq[a]!;
    y.allocated_at = allocated[b];
    y.seq = seq[b]!;
    return circleOrder(x, y) || byKey(old.keyAt(a), old.keyAt(b));
  };
  const moved = [...replaced.keys()].sort(ahead);
  const order = new Int32Array(n);
  let o = 0;
  let m = 0;
  for (let p = 0; p < n; p++) {
    const line = old.order[p]!;
    if (replaced.has(line)) continue;
    while (m < moved.length && ahead(moved[m]!, line) < 0) order[o++] = moved[m++]!;
    order[o++] = line;
  }
  while (m < moved.length) order[o++] = moved[m++]!;

  const head = { ...old.head, sha1: sighting.sha1, tuples: kept };
  // The keys' blob as it was (the same keys on the same lines); the allocated_at blob copied run by run around the replaced lines.
  const encoded = encodeCircle(head, { seq, tuple, starts, order, keys: old.keyBlob, allocated: spliced(old.allocatedBlob, changed, allocated), hashes });
  const index = ShardCircle.made(encoded, sighting);
  return index && { index, encoded };
}

/**
 * `blob` with items `changed` (ascending) replaced by `texts[i]` (undefined: empty), the runs
 * between them copied whole and their ends moved by one offset: the blob `blobOf` would make of
 * the new texts, without a string per item.
 */
function spliced(blob: TextBlob, changed: readonly number[], texts: readonly (string | undefined)[]): TextBlob {
  const n = blob.ends.length;
  const ends = new Int32Array(n);
  const pieces: Buffer[] = [];
  let end = 0;
  let i = 0;
  for (let r = 0; r <= changed.length; r++) {
    const stop = r < changed.length ? changed[r]! : n;
    if (stop > i) {
      const from = i === 0 ? 0 : blob.ends[i - 1]!;
      const shift = end - from;
      for (let k = i; k < stop; k++) ends[k] = blob.ends[k]! + shift;
      pieces.push(blob.bytes.subarray(from, blob.ends[stop - 1]!));
      end = ends[stop - 1]!;
    }
    if (stop === n) break;
    const text = Buffer.from(texts[stop] ?? '');
    pieces.push(text);
    ends[stop] = end += text.length;
    i = stop + 1;
  }
  const bytes = Buffer.concat(pieces, end);
  return { bytes, ends, ascii: isAscii(bytes) };
}

/**
 * Whether the old index's `odd` list holds for the replaced lines as it did: a replaced line may
 * bring another provider (a `serve` post's auth_service), and a name without @ is listed by its
 * provider (circle-index.ts Head.odd). Where one changed provider, no index is carried.
 */
function oddCarried(old: ShardCircle, before: Buffer, replaced: ReadonlyMap<number, string>): boolean {
  const providerOf = (line: string) => plainLineProvider(line) ?? parseTrustedLines([line], old.head.name, 'fold')[0]!.provider;
  for (const [i, line] of replaced) {
    if (!spellingNeedsProvider(old.keyAt(i))) continue;
    if (providerOf(line) !== providerOf(before.toString('utf8', old.starts[i]!, old.starts[i + 1]! - 1))) return false;
  }
  return true;
}
