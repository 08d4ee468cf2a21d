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
import { isAscii } from 'node:buffer';
import { keyOfQuoted } from './shard-codec.js';
import { shardIndexOfBytes } from './layout.js';

const KEY_MARK = Buffer.from('": {');

/** Where lines are in the segments of a log: parallel columns, one row a line, in log order. */
export class LineSpans {
  readonly segment: number[] = [];
  readonly start: number[] = [];
  /** Where the line ends (its line break). */
  readonly end: number[] = [];
  /** The log position of the entry holding it (change-log.ts `isFolded`). */
  readonly position: number[] = [];

  add(segment: number, start: number, end: number, position: number): void {
    this.segment.push(segment);
    this.start.push(start);
    this.end.push(end);
    this.position.push(position);
  }

  get length(): number {
    return this.start.length;
  }

  /** The first row at or after log position `position` (rows are in log order). */
  firstAt(position: number): number {
    let lo = 0;
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
 * moved there by hand): the shard count, the shards' names by index, and whether a record in
 * shard `name` at log position `position` is kept. Lets `select` place a line by its bytes.
 */
export interface HomeKeep {
  count: number;
  names: readonly string[];
  keep(name: string, position: number): boolean;
}

/** What the records of a log say, for the records a reader keeps (all of them, or those pending). */
export interface RecordSelection {
  /** The latest kept record of each account, oldest first, as text. */
  lines: string[];
  positions: number[];
  /** Every kept record's key and position, superseded ones included. */
  recordKeys: string[];
  recordPositions: number[];
  /** The latest kept base line of each account: [position, text]. */
  latestBase: Map<string, [number, string]>;
}

/** The text of the log's lines, read off its segments' bytes. */
export class LogText {
  private readonly ascii: boolean[];

  constructor(readonly segments: readonly Buffer[]) {
    this.ascii = segments.map((bytes) => isAscii(bytes));
  }

  text(spans: LineSpans, i: number): string {
    const s = spans.segment[i]!;
    return this.segments[s]!.toString(this.ascii[s] ? 'latin1' : 'utf8', spans.start[i]!, spans.end[i]!);
  }

  /** The lower-cased username of line `i` (as trustedLineKey reads it off the text), whose quoted username ends at `end`. */
  key(spans: LineSpans, i: number, end = this.keyEnd(spans, i)): string {
    const s = spans.segment[i]!;
    return keyOfQuoted(this.segments[s]!.toString(this.ascii[s] ? 'latin1' : 'utf8', spans.start[i]!, end));
  }

  /** Where line `i`'s quoted username ends (after its closing quote). */
  private keyEnd(spans: LineSpans, i: number): number {
    const mark = this.segments[spans.segment[i]!]!.indexOf(KEY_MARK, spans.start[i]!);
    return mark < 0 || mark > spans.end[i]! ? spans.end[i]! : mark + 1;
  }

  /**
   * The key of line `i` when `keep` keeps it, else undefined: told by `home` from the line's
   * bytes where its username is plain ASCII (no key made for a line dropped), else by `keep`.
   */
  private keptKey(spans: LineSpans, i: number, keep: (key: string, position: number) => boolean, home: HomeKeep | undefined): string | undefined {
    const end = this.keyEnd(spans, i);
    const position = spans.position[i]!;
    const shard = home && shardIndexOfBytes(this.segments[spans.segment[i]!]!, spans.start[i]! + 1, end - 1, home.count);
    if (shard !== undefined) return home!.keep(home!.names[shard]!, position) ? this.key(spans, i, end) : undefined;
    const key = this.key(spans, i, end);
    return keep(key, position) ? key : undefined;
  }

  /**
   * The records and base lines from position `from` on that `keep` keeps (given each line's key
   * and position), read as far as that takes: a line dropped is never made into text, only its
   * key, one `home` drops not even that (it must agree with `keep`), nor one before `from`.
   */
  select(records: LineSpans, bases: LineSpans, keep: (key: string, position: number) => boolean, from = 0, home?: HomeKeep): RecordSelection {
    const recordKeys: string[] = [];
    const recordPositions: number[] = [];
    const kept: number[] = [];
    const last = new Map<string, number>();
    for (let i = records.firstAt(from); i < records.length; i++) {
      const key = this.keptKey(records, i, keep, home);
      if (key === undefined) continue;
      last.set(key, kept.length);
      kept.push(i);
      recordKeys.push(key);
      recordPositions.push(records.position[i]!);
    }
    // The last record of each account, in log order: an account allocated and released again has two.
    const latest = last.size === kept.length ? kept.map((_, k) => k) : [...last.values()].sort((a, b) => a - b);
    const baseAt = new Map<string, number>();
    for (let i = bases.firstAt(from); i < bases.length; i++) {
      const key = this.keptKey(bases, i, keep, home);
      if (key !== undefined) baseAt.set(key, i);
    }
    const latestBase = new Map<string, [number, string]>();
    for (const [key, i] of baseAt) latestBase.set(key, [bases.position[i]!, this.text(bases, i)]);
    return {
      lines: latest.map((k) => this.text(records, kept[k]!)),
      positions: latest.map((k) => recordPositions[k]!),
      recordKeys,
      recordPositions,
      latestBase,
    };
  }
}
