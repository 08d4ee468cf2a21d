// The account records and base lines of a change log (change-log.ts) as a reader takes them: the
// decoder notes where each line is in the log's bytes, and a line is made into text only when a
// reader asks for it, keys first. `pendingIn` skips the records a partial fold already wrote into
// the shard they apply to, and their base lines, reading no more of them than their keys.
//
// Why: with partial folds the log holds between two and five capacities of record lines (its two
// segments), of which about one capacity is still pending: every process decoding all of them
// into strings (and the history lines beside them, which only a fold needs) cost more than
// choosing the accounts at 100,000 accounts. Keys are read as ByteLines reads a shard's: up to
// the `": {` that ends them, as latin1 where the log is all ASCII.
import { hash } from 'node:crypto';
import { keyOfPlainQuoted, keyOfQuoted, trustedLineCircle, trustedLineSeq } from './shard-codec.js';
import { keyHashOfBytes, shardIndexOfBytes } from './layout.js';
import { circleStandingOf, tupleOfStanding, type CircleTuple } from './circle-tuple.js';
import type { CircleStanding } from '../model.js';
import { storedOffsets, type DigestRows, type StoredRows } from './log-digest.js';
import type { SegmentWindow } from './segment-window.js';

const KEY_MARK = Buffer.from('": {');
/** Rows reserved past a digest's for the lines decoded after it: an allocation's entry and a fold's (~800 records and ~800 base lines) a few times over. */
const ROOM_AFTER_DIGEST = 8192;
/** `LineSpans.tuple` of a line whose facts are not read yet. */
const NOT_READ = -2;

/**
 * Where lines are in the segments of a log: parallel columns, one row a line, in log order. Typed
 * arrays, so that a segment's digest (log-digest.ts) is taken in by copying its columns whole:
 * one row at a time, taking it cost as much as decoding the segment again.
 */
export class LineSpans {
  segment = new Uint8Array(64);
  start = new Uint32Array(64);
  /** Where the line ends (its line break). */
  end = new Uint32Array(64);
  /** The log position of the entry holding it (change-log.ts `isFolded`). */
  position = new Uint32Array(64);
  /** Where its quoted username ends (after the closing quote); -1: not read yet (`LogText.readKeys`). */
  keyEnd = new Int32Array(64);
  /** The FNV-1a hash of its username's bytes (layout.ts `keyHashOfBytes`), -1 where they are not plain ASCII, NaN: not read yet. */
  keyHash = new Float64Array(64);
  /**
   * What a reader over the circle indexes needs of a line, read once (`LogText.readFacts`) and then
   * kept in the segment's digest, so that the next process makes no pending record into text:
   * for a record, its standing as the index of its tuple in `tuples[segment]` (circle-index.ts
   * `tupleOfStanding`; -1: not told by the text alone, the line is parsed); for a base line, 0 once
   * `hash` holds its hash. -2: not read yet.
   */
  tuple = new Int32Array(64);
  /** A record's `allocated_at` in ms (NaN: none); only where its text is canonical (`toISOString` gives it back), else `tuple` is -1. */
  allocated = new Float64Array(64);
  /** A record's import number where its line says it plainly (shard-codec.ts `trustedLineSeq`), NaN: parse the line. */
  seq = new Float64Array(64);
  /** A base line's hash (circle-index.ts `lineHash`'s 8 bytes), 8 bytes a row. */
  hash = new Uint8Array(8 * 64);
  /** A record's line in its home shard's circle index as last found (log-digest.ts `LogPlaces`: a hint, checked before use), -1: not known. */
  place = new Int32Array(64);
  /** The standing tuples of each segment's records (`tuple` indexes them): the digest's, then those read since. */
  tuples: CircleTuple[][] = [];
  /** Each segment's `tuples` by their JSON (made when a line's facts are first read: `LogText.readFacts`). */
  tupleIds: Map<string, number>[] = [];
  length = 0;

  /**
   * Room for the digests' rows of every segment at once, `rows` in all, and for the lines decoded
   * after them (`addRows`, `addStored` then grow nothing). Without it the second segment's digest
   * grew the columns to twice the first's and copied the first's rows over: after a fold cycle's
   * turn, the sealed segment's ~140,000 record rows (~8 MB of columns, ~2,000 fresh pages) in every
   * allocation at 1,000,000 accounts (docs/scale-log.md, stop 51 A).
   */
  sizeFor(rows: number): void {
    this.reserve(rows + Math.min(ROOM_AFTER_DIGEST, Math.max(64, rows)));
  }

  /** Room for `more` rows after the last. */
  private reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.start.length) return;
    const size = Math.max(need, 2 * this.start.length);
    const grown = <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(column: T): T => {
      const bigger = new (column.constructor as new (n: number) => T)(size);
      bigger.set(column);
      return bigger;
    };
    this.segment = grown(this.segment);
    this.start = grown(this.start);
    this.end = grown(this.end);
    this.position = grown(this.position);
    this.keyEnd = grown(this.keyEnd);
    this.keyHash = grown(this.keyHash);
    this.tuple = grown(this.tuple);
    this.allocated = grown(this.allocated);
    this.seq = grown(this.seq);
    this.place = grown(this.place);
    const hash = new Uint8Array(8 * size);
    hash.set(this.hash);
    this.hash = hash;
  }

  add(segment: number, start: number, end: number, position: number): void {
    this.reserve(1);
    const i = this.length++;
    this.segment[i] = segment;
    this.start[i] = start;
    this.end[i] = end;
    this.position[i] = position;
    this.keyEnd[i] = -1;
    this.keyHash[i] = NaN;
    this.tuple[i] = NOT_READ;
    this.place[i] = -1;
  }

  /** A digest's rows of segment `segment`, whose first entry is at log position `first` (keys: where the digest has them). */
  addRows(segment: number, rows: DigestRows, first: number): void {
    const n = rows.start.length;
    // With room for the rows appended since the digest was made (`add`): sized to the digest
    // alone, the first of them copied every column whole into one twice its size (~17 ms of
    // every allocation at 1,000,000 accounts, with ~100,000 rows digested: stop 36). A small
    // digest gets the room doubling would have given it.
    this.reserve(n + Math.min(ROOM_AFTER_DIGEST, Math.max(64, n)));
    const at = this.length;
    this.segment.fill(segment, at, at + n);
    this.place.fill(-1, at, at + n);
    this.start.set(rows.start, at);
    this.end.set(rows.end, at);
    this.position.set(rows.ordinal, at);
    if (first !== 0) for (let i = at; i < at + n; i++) this.position[i] = this.position[i]! + first;
    if (rows.keyEnd.length === n) {
      this.keyEnd.set(rows.keyEnd, at);
      this.keyHash.set(rows.keyHash, at);
    } else {
      this.keyEnd.fill(-1, at, at + n);
      this.keyHash.fill(NaN, at, at + n);
    }
    // A record's facts, or a base line's hash (the digest's tuples are the segment's first: `tuples`).
    if (rows.tuple.length === n) {
      this.tuple.set(rows.tuple, at);
      this.allocated.set(rows.allocated, at);
      this.seq.set(rows.seq, at);
    } else if (rows.hash.length === 8 * n) {
      this.tuple.fill(0, at, at + n);
      this.hash.set(rows.hash, 8 * at);
    } else {
      this.tuple.fill(NOT_READ, at, at + n);
    }
    this.length += n;
  }

  /**
   * Rows from the first left unread (log-digest.ts `StoredRows.unread`): never written, so their
   * pages are never touched (~120,000 record rows at a fold cycle's end at 1,000,000 accounts, of
   * records every shard has folded since: docs/scale-log.md, stop 52 A). Always the first rows:
   * a selection from past them (`firstAt`) never reads them; `fillStored` writes them after all.
   */
  unread = 0;

  /**
   * A digest's rows of segment `segment` as its file holds them, chunk after chunk (log-digest.ts
   * `StoredRows`), whose first entry is at log position `first`: what `addRows` takes of a digest
   * read from its file, copied from the file's bytes into these columns at once. Parts left unread
   * take their rows' room and are not written (`unread`).
   */
  addStored(segment: number, parts: readonly StoredRows[], first: number): void {
    const n = parts.reduce((sum, part) => sum + part.n, 0);
    this.reserve(n + Math.min(ROOM_AFTER_DIGEST, Math.max(64, n)));
    this.putStored(segment, parts, first, this.length);
    this.length += n;
  }

  /** Writes rows `at..` left unread (`unread`) from `parts`, the same rows read after all (of segment `segment`, first entry at log position `first`). */
  fillStored(segment: number, parts: readonly StoredRows[], first: number, at: number): void {
    const n = parts.reduce((sum, part) => sum + part.n, 0);
    if (at + n > this.unread) throw new Error('rows filled past those left unread: a bug');
    const unread = this.unread;
    this.unread = 0; // (`putStored` writes only rows at or past it)
    this.putStored(segment, parts, first, at);
    this.unread = unread;
  }

  private putStored(segment: number, parts: readonly StoredRows[], first: number, at: number): void {
    let row = at;
    for (const { kind, n: rows, bytes, unread, inFile } of parts) {
      if (inFile) throw new Error('digest rows left in their file taken without reading them: a bug');
      if (unread) {
        // Only ever the first rows: a selection past them never reads them (`firstAt`).
        if (row !== this.unread) throw new Error('digest rows left unread after rows read: a bug');
        this.unread += rows;
        row += rows;
        continue;
      }
      this.segment.fill(segment, row, row + rows);
      this.place.fill(-1, row, row + rows);
      const from = storedOffsets(kind, rows);
      const copy = (column: Uint32Array | Int32Array | Float64Array | Uint8Array, offset: number, width = column.BYTES_PER_ELEMENT) =>
        new Uint8Array(column.buffer, column.byteOffset + row * width, rows * width).set(bytes.subarray(offset, offset + rows * width));
      copy(this.start, from.start);
      copy(this.end, from.end);
      copy(this.position, from.ordinal);
      if (kind === 'blocks') {
        this.keyEnd.fill(-1, row, row + rows);
        this.keyHash.fill(NaN, row, row + rows);
      } else {
        copy(this.keyEnd, from.keyEnd);
        copy(this.keyHash, from.keyHash);
      }
      // A record's facts, or a base line's hash (as `addRows`).
      if (kind === 'records') {
        copy(this.tuple, from.tuple);
        copy(this.allocated, from.allocated);
        copy(this.seq, from.seq);
      } else if (kind === 'bases') {
        this.tuple.fill(0, row, row + rows);
        copy(this.hash, from.hash, 8);
      } else {
        this.tuple.fill(NOT_READ, row, row + rows);
      }
      if (first !== 0) for (let i = row; i < row + rows; i++) this.position[i] = this.position[i]! + first;
      row += rows;
    }
  }

  /** Rows `from..to` as a digest keeps them, their entries counted from log position `first`: records with their facts, base lines with their hashes (`kind`). */
  rows(from: number, to: number, first: number, kind: 'records' | 'bases' | 'blocks'): DigestRows {
    const none = { tuple: new Int32Array(0), allocated: new Float64Array(0), seq: new Float64Array(0), hash: new Uint8Array(0) };
    return {
      start: this.start.slice(from, to),
      end: this.end.slice(from, to),
      ordinal: this.position.slice(from, to).map((p) => p - first),
      keyEnd: kind === 'blocks' ? new Uint32Array(0) : Uint32Array.from(this.keyEnd.subarray(from, to)),
      keyHash: kind === 'blocks' ? new Float64Array(0) : this.keyHash.slice(from, to),
      ...none,
      ...(kind === 'records' && { tuple: this.tuple.slice(from, to), allocated: this.allocated.slice(from, to), seq: this.seq.slice(from, to) }),
      ...(kind === 'bases' && { hash: this.hash.slice(8 * from, 8 * to) }),
    };
  }

  /** The first row at or after log position `position` (rows are in log order). */
  firstAt(position: number): number {
    // Rows left unread hold no position: every one comes before any position asked for past them (change-log.ts reads them first otherwise).
    let lo = this.unread;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.position[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Where every account's records apply when that is its home shard (no shard holds an account
 * moved there by hand): the shard count, the shards' names by index, and where each was last
 * folded (a record before that is in the shard's file). Lets `select` place a line by its bytes.
 */
export interface HomeKeep {
  count: number;
  names: readonly string[];
  /** The log position of shard `name`'s last fold (-1: none): a record before it is in that shard's file already, and skipped. */
  mark(name: string): number;
}

/** What the records of a log say, for the records a reader keeps (all of them, or those pending). */
export interface RecordSelection {
  /** The latest kept record of each account, oldest first: its row in the records' spans (made into text only when asked: `LogText.text`). */
  rows: number[];
  /** The key of each of `rows` (read for the selection already: a reader need not read it off the text again). */
  keys: string[];
  positions: number[];
  /** Every kept record's key and position, superseded ones included. */
  recordKeys: string[];
  recordPositions: number[];
  /**
   * How many kept records (superseded ones included) each shard holds pending, where the selection
   * was made with `home` (every record's shard is its home: read off its username's hash, no key
   * made; `targetOf` asked only of a username with none); undefined otherwise.
   */
  homeCounts(targetOf: (key: string) => string): Map<string, number> | undefined;
  /**
   * The latest kept base line of each account: its row in the base lines' spans (`LogText.text`,
   * `lineHash`), never made into text here: a reader over the circle indexes only compares its
   * hash, and most readers never ask.
   */
  latestBase: Map<string, number>;
}

/** The text of the log's lines, read off its segments' bytes. */
export class LogText {
  /** Each standing `standing` made, by its tuple (the table's own object) and `allocated_at` in ms (NaN: none). */
  private readonly standings = new Map<CircleTuple, Map<number, CircleStanding>>();

  /** The buffer `locate` last pointed at. */
  private bytes: Buffer = Buffer.alloc(0);

  /**
   * `windows[s]`: where segment `s`'s first bytes are not in `segments[s]` but read through a
   * window (segment-window.ts: the active segment's part its note vouches for).
   */
  constructor(
    readonly segments: readonly Buffer[],
    private readonly windows: readonly (SegmentWindow | undefined)[] = [],
  ) {}

  /** Points `bytes` at a buffer holding bytes `from..to` of segment `segment` and returns where `from` is in it (valid until the next call). */
  private locate(segment: number, from: number, to: number): number {
    const window = this.windows[segment];
    if (window !== undefined && from < window.end) {
      const at = window.fill(from, to);
      this.bytes = window.buffer;
      return at;
    }
    this.bytes = this.segments[segment]!;
    return from;
  }

  // Decoded as UTF-8 always (the log is our own UTF-8 output; on ASCII bytes latin1 gives the same
  // string). Each segment was scanned by `isAscii` first to decode it as latin1: 40-60 ms of CPU
  // for the 40 MB segment at 1,000,000 accounts mid fold cycle, in every process that reads the
  // log, where decoding the ~26,000 keys and lines a reader makes as UTF-8 costs ~3 ms more.
  text(spans: LineSpans, i: number): string {
    const at = this.locate(spans.segment[i]!, spans.start[i]!, spans.end[i]!);
    return this.bytes.toString('utf8', at, at + spans.end[i]! - spans.start[i]!);
  }

  /**
   * The first 8 bytes of the sha1 of line `i`'s bytes: circle-index.ts `lineHash` of its text (the
   * log's lines are its own UTF-8 output, checked by each entry's checksum), without the text:
   * off the digest where it has it, else hashed once and kept for the digest.
   */
  lineHash(spans: LineSpans, i: number): Buffer {
    if (spans.tuple[i] === NOT_READ) this.readHashes(spans, i, i + 1);
    return Buffer.from(spans.hash.buffer, spans.hash.byteOffset + 8 * i, 8);
  }

  /** Hashes the base lines `from..to` of `spans` not hashed yet: what a digest keeps of them. */
  readHashes(spans: LineSpans, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (spans.tuple[i] !== NOT_READ) continue;
      const at = this.locate(spans.segment[i]!, spans.start[i]!, spans.end[i]!);
      spans.hash.set(hash('sha1', this.bytes.subarray(at, at + spans.end[i]! - spans.start[i]!), 'buffer').subarray(0, 8), 8 * i);
      spans.tuple[i] = 0;
    }
  }

  /**
   * Reads the facts of the records `from..to` of `spans` not read yet (`LineSpans.tuple`): what
   * a digest keeps of them. A record whose standing its text does not tell plainly (a device, an
   * `allocated_at` that is not canonical) gets -1: its line is parsed when asked.
   */
  readFacts(spans: LineSpans, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (spans.tuple[i] !== NOT_READ) continue;
      const line = this.text(spans, i);
      const standing = trustedLineCircle(line);
      const allocated = standing?.allocated_at === undefined ? NaN : Date.parse(standing.allocated_at);
      const plain = standing !== undefined && typeof standing.level === 'number' && typeof standing.state === 'string' && (standing.allocated_at === undefined || (Number.isFinite(allocated) && new Date(allocated).toISOString() === standing.allocated_at));
      spans.seq[i] = trustedLineSeq(line) ?? NaN;
      spans.allocated[i] = allocated;
      if (!plain) {
        spans.tuple[i] = -1;
        continue;
      }
      // One entry of the segment's table per distinct tuple (an allocation's 400 records share theirs).
      const segment = spans.segment[i]!;
      const table = (spans.tuples[segment] ??= []);
      const interned = (spans.tupleIds[segment] ??= new Map(table.map((tuple, t) => [JSON.stringify(tuple), t])));
      const text = JSON.stringify(tupleOfStanding(standing));
      let t = interned.get(text);
      if (t === undefined) {
        interned.set(text, (t = table.length));
        table.push(JSON.parse(text) as CircleTuple); // as a digest gives it back: `null` for a field absent
      }
      spans.tuple[i] = t;
    }
  }

  /** Record `i`'s standing tuple (its segment's table's own object), or undefined: parse its line. */
  tupleOf(spans: LineSpans, i: number): CircleTuple | undefined {
    if (spans.tuple[i] === NOT_READ) this.readFacts(spans, i, i + 1);
    const t = spans.tuple[i]!;
    // (A tuple the table lacks can only come of a digest forged with a matching check: the line is parsed.)
    return t < 0 ? undefined : spans.tuples[spans.segment[i]!]?.[t];
  }

  /** Record `i`'s standing as the circle indexes give a line's (circle-index.ts `circleStandingOf`), or undefined: parse its line. */
  standing(spans: LineSpans, i: number): CircleStanding | undefined {
    const tuple = this.tupleOf(spans, i);
    if (tuple === undefined) return undefined;
    const allocated = spans.allocated[i]!;
    // An entry's records mostly share both (an allocation's 400: one holder, lease and time): the
    // standing made for the first is given again, frozen, where made anew each took ~2 µs (the
    // date's text, the object) for every pending record of every process. Kept for every pair, not
    // only the last one: `status` asks shard by shard, not in log order, so the last pair hardly
    // ever matched there (~26,000 standings made, and as many groups counted, at 1,000,000 accounts
    // mid-cycle); there are about as many pairs as entries.
    let byTime = this.standings.get(tuple);
    if (byTime === undefined) this.standings.set(tuple, (byTime = new Map()));
    let standing = byTime.get(allocated); // a Map's keys are equal by SameValueZero: NaN is found
    if (standing === undefined) {
      standing = Object.freeze(circleStandingOf(tuple, Number.isNaN(allocated) ? undefined : new Date(allocated).toISOString()));
      byTime.set(allocated, standing);
    }
    return standing;
  }

  /** Record `i`'s import number where its line says it plainly, else undefined. */
  seq(spans: LineSpans, i: number): number | undefined {
    if (spans.tuple[i] === NOT_READ) this.readFacts(spans, i, i + 1);
    const seq = spans.seq[i]!;
    return Number.isNaN(seq) ? undefined : seq;
  }

  /** The lower-cased username of line `i` (as trustedLineKey reads it off the text), whose quoted username ends at `end`. */
  key(spans: LineSpans, i: number, end = this.keyEnd(spans, i)): string {
    const at = this.locate(spans.segment[i]!, spans.start[i]!, end);
    return keyOfQuoted(this.bytes.toString('utf8', at, at + end - spans.start[i]!));
  }

  /** Where line `i`'s quoted username ends (after its closing quote): off the digest (log-digest.ts), else found. */
  private keyEnd(spans: LineSpans, i: number): number {
    const known = spans.keyEnd[i]!;
    if (known >= 0) return known;
    const start = spans.start[i]!;
    const at = this.locate(spans.segment[i]!, start, spans.end[i]!);
    const mark = this.bytes.indexOf(KEY_MARK, at);
    return mark < 0 || mark - at > spans.end[i]! - start ? spans.end[i]! : mark - at + start + 1;
  }

  /** The shard of line `i`'s username among `count` read off its bytes (undefined: not plain ASCII), the hash off the digest where it has it. */
  private shardOf(spans: LineSpans, i: number, end: number, count: number): number | undefined {
    const known = spans.keyHash[i]!;
    if (known >= 0) return known % count;
    if (known === -1) return undefined;
    const at = this.locate(spans.segment[i]!, spans.start[i]!, end);
    return shardIndexOfBytes(this.bytes, at + 1, at + end - spans.start[i]! - 1, count);
  }

  /** Reads the key end and hash of rows `from..to` of `spans` where not known yet: what a digest keeps of them. */
  readKeys(spans: LineSpans, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (spans.keyEnd[i]! >= 0 && !Number.isNaN(spans.keyHash[i]!)) continue;
      const end = this.keyEnd(spans, i);
      spans.keyEnd[i] = end;
      const at = this.locate(spans.segment[i]!, spans.start[i]!, end);
      spans.keyHash[i] = keyHashOfBytes(this.bytes, at + 1, at + end - spans.start[i]! - 1) ?? -1;
    }
  }

  /**
   * The key of line `i` when `keep` keeps it, else undefined: told by `home` from the line's
   * bytes where its username is plain ASCII (no key made for a line dropped), else by `keep`.
   */
  private keptKey(spans: LineSpans, i: number, keep: (key: string, position: number) => boolean, home: HomeKeep | undefined): string | undefined {
    const end = this.keyEnd(spans, i);
    const position = spans.position[i]!;
    const shard = home && this.shardOf(spans, i, end, home.count);
    if (shard !== undefined) return position >= home!.mark(home!.names[shard]!) ? this.key(spans, i, end) : undefined;
    const key = this.key(spans, i, end);
    return keep(key, position) ? key : undefined;
  }

  /**
   * The FNV-1a hash of line `i`'s username (layout.ts `keyHashOfBytes`, lower-cased A-Z), whose
   * quoted username ends at `end`; undefined where it is not plain ASCII. Hashed off the bytes,
   * not taken from the digest: `select` tells accounts apart by it, and a digest forged with a
   * matching check must not make one account's two records two accounts (~2 ms for 50,000 keys).
   * The quoted username is copied to the end of `names` too (`select` compares and makes keys off
   * that copy: the segment itself may be read through a window, segment-window.ts).
   */
  private hashOf(spans: LineSpans, i: number, end: number, names: QuotedNames): number | undefined {
    const start = spans.start[i]!;
    const at = this.locate(spans.segment[i]!, start, end);
    names.add(this.bytes, at, at + end - start);
    return keyHashOfBytes(this.bytes, at + 1, at + end - start - 1);
  }

  /**
   * The records and base lines from position `from` on that `keep` keeps (given each line's key
   * and position), read as far as that takes: a line dropped is never made into text, only its
   * key, one `home` drops not even that (it must agree with `keep`), nor one before `from`.
   */
  select(records: LineSpans, bases: LineSpans, keep: (key: string, position: number) => boolean, from = 0, home?: HomeKeep): RecordSelection {
    const first = records.firstAt(from);
    /** The rows kept, in log order, and each one's username hash (NaN: not plain ASCII). */
    const kept = new Int32Array(records.length - first);
    const hashes = new Float64Array(records.length - first);
    /** Keys made to decide (a username `home` cannot place), by index in `kept`. */
    const made = new Map<number, string>();
    let count = 0;
    let hashed = true;
    // Each home shard's last fold by its number: a map of names looked up for each of the ~100,000
    // records at 1,000,000 accounts mid-cycle was ~15 ms of this loop.
    const folds = home && Float64Array.from(home.names, (name) => home.mark(name));
    const names = new QuotedNames(records.length - first);
    for (let i = first; i < records.length; i++) {
      const end = this.keyEnd(records, i);
      const position = records.position[i]!;
      const hash = this.hashOf(records, i, end, names);
      if (folds && hash !== undefined) {
        if (position < folds[hash % home!.count]!) continue;
      } else {
        const key = names.last();
        if (!keep(key, position)) continue;
        made.set(count, key);
      }
      names.keep(count);
      if (hash === undefined) hashed = false;
      hashes[count] = hash ?? NaN;
      kept[count++] = i;
    }
    const keyAt = (k: number) => made.get(k) ?? names.key(k);
    // The last record of each account, in log order: an account allocated and released again has
    // two (about half of the ~50,000 records pending at 1,000,000 accounts mid-cycle). Told apart
    // by their usernames' hashes and bytes in a typed table, so that no key is made for a record
    // superseded and no map of ~50,000 strings is built (a third of this selection's time there);
    // where a username is not plain ASCII (whose lower case may be another's: the Kelvin sign's
    // is "k"), by their keys in a map.
    const latest: number[] = [];
    if (hashed) {
      let size = 16;
      while (size < 2 * count) size *= 2;
      const table = new Int32Array(size).fill(-1);
      const last = new Uint8Array(count);
      // From the end: the first seen of each account is its last record.
      for (let k = count - 1; k >= 0; k--) {
        const row = kept[k]!;
        let slot = hashes[k]! & (size - 1);
        for (;;) {
          const other = table[slot]!;
          if (other < 0) {
            table[slot] = k;
            last[k] = 1;
            break;
          }
          if (hashes[other] === hashes[k] && names.same(other, k)) break;
          slot = (slot + 1) & (size - 1);
        }
      }
      for (let k = 0; k < count; k++) if (last[k]) latest.push(k);
    } else {
      const last = new Map<string, number>();
      for (let k = 0; k < count; k++) {
        const key = keyAt(k);
        made.set(k, key);
        last.set(key, k);
      }
      latest.push(...[...last.values()].sort((a, b) => a - b));
    }
    // Where every kept name is plain ASCII and no key was made to decide (~27,000 keys at 1,000,000
    // accounts mid fold cycle), each key is read as Latin-1 and lower-cased: no UTF-8 decode, no
    // look for escapes, no slice of the quotes (docs/scale-log.md, stop 50 A).
    const keys = hashed && made.size === 0 ? names.plainKeys(latest) : latest.map(keyAt);
    let recordKeys: string[] | undefined;
    let recordPositions: number[] | undefined;
    // The base lines' keys made only when asked for: a reader over the circle indexes that takes
    // every pending record as judged (log-judged.ts) compares no base, and making ~45,000 keys
    // and a map of them was a third of this selection at 1,000,000 accounts.
    let baseAt: Map<string, number> | undefined;
    const latestBase = () => {
      if (baseAt) return baseAt;
      baseAt = new Map<string, number>();
      for (let i = bases.firstAt(from); i < bases.length; i++) {
        const key = this.keptKey(bases, i, keep, home);
        if (key !== undefined) baseAt.set(key, i);
      }
      return baseAt;
    };
    return {
      rows: latest.map((k) => kept[k]!),
      keys,
      positions: latest.map((k) => records.position[kept[k]!]!),
      // Every kept record's key, made when asked for (the latest records' made already).
      get recordKeys() {
        if (recordKeys) return recordKeys;
        const all = new Array<string>(count);
        latest.forEach((k, n) => (all[k] = keys[n]!));
        for (let k = 0; k < count; k++) all[k] ??= keyAt(k);
        return (recordKeys = all);
      },
      get recordPositions() {
        return (recordPositions ??= Array.from(kept.subarray(0, count), (row) => records.position[row]!));
      },
      // What pool.ts's fold plan counts per shard on every allocation: making a key for each of the
      // ~100,000 record lines pending at 1,000,000 accounts mid-cycle was ~0.1-0.3 s of its CPU.
      homeCounts(targetOf) {
        if (!home) return undefined;
        const counts = new Map<string, number>();
        for (let k = 0; k < count; k++) {
          const hash = hashes[k]!;
          const shard = Number.isNaN(hash) ? targetOf(keyAt(k)) : home.names[hash % home.count]!;
          counts.set(shard, (counts.get(shard) ?? 0) + 1);
        }
        return counts;
      },
      get latestBase() {
        return latestBase();
      },
    };
  }
}

/** Names up to this many bytes are copied byte by byte (`QuotedNames.add`). */
const SHORT_NAME = 64;

/**
 * The quoted usernames of the records `select` keeps, copied one after another in keep order
 * (`add` the next record's, `keep` it as the `k`th kept): what the selection compares and makes
 * keys of, without reading the log's bytes again out of order.
 */
class QuotedNames {
  private bytes = Buffer.allocUnsafe(4096);
  /** Where the `k`th kept name begins in `bytes` (and, at `k + 1`, ends). */
  private starts: Int32Array;
  private length = 0;
  /** The name added last, not kept yet: where it begins. */
  private pending = 0;

  constructor(most: number) {
    this.starts = new Int32Array(most + 1);
  }

  /** Copies `from..to` of `source` as the next name (replacing one added and not kept). */
  add(source: Buffer, from: number, to: number): void {
    this.length = this.pending;
    const need = this.length + to - from;
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, 2 * this.bytes.length));
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    // A username (a few to a few dozen bytes) copied byte by byte: `Buffer.copy`'s checks and calls
    // cost more than the copy, once per record scanned (~105,000 at 1,000,000 accounts at a fold
    // cycle's end: the selection ~194 -> ~141 ms, docs/scale-log.md, stop 51 A).
    if (to - from <= SHORT_NAME) {
      const bytes = this.bytes;
      for (let at = this.length, i = from; i < to; ) bytes[at++] = source[i++]!;
    } else source.copy(this.bytes, this.length, from, to);
    this.length = need;
  }

  /** The name added last is the `k`th kept. */
  keep(k: number): void {
    this.starts[k] = this.pending;
    this.starts[k + 1] = this.pending = this.length;
  }

  /** The key of the `k`th kept name, as `LogText.key` reads it off the log. */
  key(k: number): string {
    return keyOfQuoted(this.bytes.toString('utf8', this.starts[k]!, this.starts[k + 1]!));
  }

  /** `key` of the `k`th kept names for each `k` of `ks`, every kept name being plain ASCII without a backslash (layout.ts `keyHashOfBytes` hashed it). */
  plainKeys(ks: readonly number[]): string[] {
    return ks.map((k) => keyOfPlainQuoted(this.bytes, this.starts[k]!, this.starts[k + 1]!));
  }

  /** The key of the name added last, not kept yet. */
  last(): string {
    return keyOfQuoted(this.bytes.toString('utf8', this.pending, this.length));
  }

  /** Whether the `j`th and `k`th kept names are the same account's: their bytes alike but for the case of A-Z. */
  same(j: number, k: number): boolean {
    const x = this.starts[j]!;
    const y = this.starts[k]!;
    const n = this.starts[j + 1]! - x;
    if (this.starts[k + 1]! - y !== n) return false;
    const b = this.bytes;
    for (let m = 0; m < n; m++) {
      let c = b[x + m]!;
      let d = b[y + m]!;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (d >= 0x41 && d <= 0x5a) d += 0x20;
      if (c !== d) return false;
    }
    return true;
  }
}
