// The change log's pending records as the pending-records file names them (pending-records.ts),
// found among the rows of the log's digest: the selection a reader over the circle indexes takes
// (log-records.ts `RecordSelection`) without reading the active segment (change-log.ts
// `readLogOver`, design-scale.md §3.2).
//
// Why: at 1,000,000 accounts mid fold cycle `select` walks the usernames of every record line of a
// 45 MB segment (~105,000, ~26,000 of them pending) to tell which are pending and which superseded;
// holding those bytes costs ~200 ms of page faults on this VM, the walk ~70 ms. The file says it
// per account (sealed, checked against the segments it was made from); each of its rows is found
// here among the records of its entry by its username's hash, and only the lines a reader makes
// into text are read (positioned reads, LogText `fill`).
//
// What is checked rather than taken: each row is of its home shard, not folded there, and found
// once in its entry (no record of that entry with its hash: not this log; two: their usernames
// read to tell); each row's base line (its latest after its home's last fold) is found among the
// digest's base lines and hashes to what the file holds for it. Anything that does not hold, or a
// selection asked without homes (an account moved by hand): StaleCircle, and the caller reads the
// log whole. The digest's facts of the rows found (standing, `allocated_at`, import number) are
// taken as a whole read takes them; its username hashes as well where they only count the record
// lines per shard (`homeCounts`, which plans a fold: never what an account is).
import type { HomeKeep, LineSpans, LogText, RecordSelection } from './log-records.js';
import { StaleCircle } from './circle-index.js';

/** The pending records as the file holds them: each one's key, entry position, home (index into `names`) and base line's hash (hex, '' for none). */
export interface PendingRows {
  names: readonly string[];
  keys: readonly string[];
  positions: readonly number[];
  homes: readonly number[];
  bases: readonly string[];
  /** Where given, only the rows marked 1 count (pending-rows-file.ts: rows superseded or folded since are kept in its numbering, not copied out). */
  live?: Uint8Array;
}

/**
 * The hash `select` reads off a line's quoted username (layout.ts `keyHashOfBytes`, FNV-1a of its
 * bytes with A-Z lower-cased) for the key `key`, undefined where its line does not quote it as
 * plain ASCII (a character JSON escapes, or not ASCII): taken off the string's code units, with no
 * buffer made for each of ~26,000 keys.
 */
export function hashOfKey(key: string): number | undefined {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0x80 || c < 0x20 || c === 0x22 || c === 0x5c) return undefined;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    hash ^= c;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The rows by their usernames' hashes, in a typed table open-addressed by the hash's low bits: a
 * Map of ~26,000 such keys (up to 2^32, so boxed as heap numbers) cost ~45 ms of an allocation's
 * selection at 1,000,000 accounts under load. `get`: the row, -2 where two rows share the hash, -1 none.
 */
class RowsByHash {
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(private readonly hashes: Float64Array) {
    let size = 16;
    while (size < 2 * hashes.length) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  add(r: number): void {
    const hash = this.hashes[r]!;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === -1) {
        this.slots[i] = r;
        return;
      }
      const other = s >= 0 ? s : -s - 2;
      if (this.hashes[other] === hash) {
        this.slots[i] = -other - 2;
        return;
      }
    }
  }

  get(hash: number): number {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === -1) return -1;
      const other = s >= 0 ? s : -s - 2;
      if (this.hashes[other] === hash) return s >= 0 ? s : -2;
    }
  }
}

function stale(why: string): never {
  throw new StaleCircle(`the pending-records file does not match the log's digest: ${why}`);
}

/** The selection of `rows` among the log's `records` and `bases` (see the header); throws StaleCircle where it cannot be told so. */
export function selectionOfRows(rows: PendingRows, records: LineSpans, bases: LineSpans, text: LogText, from: number, home: HomeKeep | undefined): RecordSelection {
  if (!home) stale('an account is moved by hand');
  const n = rows.keys.length;
  const found = new Int32Array(n).fill(-1);
  const hashes = new Float64Array(n);
  // Each row by its username's hash (-2: two rows share it, or the key is not plain: found by its username read).
  const byHash = new RowsByHash(hashes);
  const homeMarks = Float64Array.from(rows.names, (name) => home.mark(name));
  const slow: number[] = [];
  let first = Infinity;
  const live = rows.live;
  for (let r = 0; r < n; r++) {
    if (live && live[r] !== 1) continue;
    const key = rows.keys[r]!;
    const position = rows.positions[r]!;
    const name = rows.names[rows.homes[r]!];
    const hash = hashOfKey(key);
    hashes[r] = hash ?? -1;
    if (hash !== undefined && home.names[hash % home.count] !== name) stale(`${key} is not of shard ${name}`);
    if (name === undefined || position < from || position < homeMarks[rows.homes[r]!]!) stale(`${key} is folded`);
    if (position < first) first = position;
    if (hash !== undefined) byHash.add(r);
  }
  // One walk over the records from the first row's entry: a record of a row's hash in that row's
  // entry is its record, unless two of that entry share the hash (then their usernames tell).
  const end = records.length;
  for (let i = n > 0 ? records.firstAt(first) : end; i < end; i++) {
    const known = records.keyHash[i]!;
    if (!(known >= 0)) continue;
    const r = byHash.get(known);
    if (r < 0 || records.position[i] !== rows.positions[r]) continue;
    found[r] = found[r] === -1 ? i : -3;
  }
  for (let r = 0; r < n; r++) {
    if (live && live[r] !== 1) continue;
    const hash = hashes[r]!;
    if (hash >= 0 && found[r]! >= 0 && byHash.get(hash) === r) continue;
    slow.push(r);
  }
  for (const r of slow) {
    // Two records of one entry with this hash, or a username not plain: their usernames, read, tell which.
    const key = rows.keys[r]!;
    const position = rows.positions[r]!;
    const hash = hashes[r]!;
    let row = -1;
    for (let i = records.firstAt(position); i < records.length && records.position[i] === position; i++) if ((hash < 0 ? !(records.keyHash[i]! >= 0) : records.keyHash[i] === hash) && text.key(records, i) === key) row = i;
    if (row < 0) stale(`no record of ${key} at ${position}`);
    found[r] = row;
  }
  // In log order, as `select` gives them: by record row (each row's own, so no two alike).
  const at = new Int32Array(records.length).fill(-1);
  for (let r = 0; r < n; r++) {
    if (live && live[r] !== 1) continue;
    if (at[found[r]!] !== -1) stale(`two rows of the record of ${rows.keys[r]}`);
    at[found[r]!] = r;
  }
  const order: number[] = [];
  for (let i = 0; i < at.length; i++) if (at[i]! >= 0) order.push(at[i]!);
  const keys = order.map((r) => rows.keys[r]!);
  // The base line each row counts: its latest kept (after its home's last fold), checked against the file's hash.
  // By username hash (a typed walk over ~100,000 base lines at 1,000,000 accounts mid-cycle); a key
  // not plain, or sharing its hash with another pending key, by its username read off the line.
  // (`byHash` above: the rows by hash, -2 where two share one.)
  const byKey = new Map<string, number>();
  for (let r = 0; r < n; r++) if ((!live || live[r] === 1) && (hashes[r]! < 0 || byHash.get(hashes[r]!) === -2)) byKey.set(rows.keys[r]!, r);
  const marks = Float64Array.from(rows.homes, (h) => homeMarks[h]!);
  const latest = new Int32Array(n).fill(-1);
  for (let i = bases.firstAt(from); i < bases.length; i++) {
    const known = bases.keyHash[i]!;
    let r = known >= 0 ? byHash.get(known) : byKey.size > 0 ? -2 : -1;
    if (r === -2) r = byKey.get(text.key(bases, i)) ?? -1;
    if (r >= 0 && bases.position[i]! >= marks[r]!) latest[r] = i;
  }
  const latestBase = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    if (live && live[r] !== 1) continue;
    const at = latest[r]!;
    const counts = at >= 0 && bases.position[at]! > marks[r]!;
    if ((counts ? text.lineHash(bases, at).toString('hex') : '') !== rows.bases[r]) stale(`the base line of ${rows.keys[r]} is not the one the file holds`);
    if (at >= 0) latestBase.set(rows.keys[r]!, at);
  }
  const unsupported = (): never => stale('every record line asked for');
  return {
    rows: order.map((r) => found[r]!),
    keys,
    positions: order.map((r) => rows.positions[r]!),
    get recordKeys() {
      return unsupported();
    },
    get recordPositions() {
      return unsupported();
    },
    homeCounts(targetOf) {
      const counts = new Map<string, number>();
      for (let i = records.firstAt(from); i < records.length; i++) {
        const known = records.keyHash[i]!;
        const shard = known >= 0 ? home.names[known % home.count]! : targetOf(text.key(records, i));
        if (records.position[i]! < home.mark(shard)) continue;
        counts.set(shard, (counts.get(shard) ?? 0) + 1);
      }
      return counts;
    },
    latestBase,
  };
}
