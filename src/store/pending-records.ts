// The change log's pending records as `status` needs them, kept so that a status does not read the
// log to find them: per record still pending (the latest of its account, not yet folded into its
// home shard), its key, its entry's position, its home shard, its standing (as a summary's tuple,
// standing-summary.ts), the hash of the base line that counts for it (circle-layout.ts
// `lineHash`, '' for none) and what a status found of it in that shard (`judged`).
// design-scale.md §3.2, "Pending-records file".
//
// Why: at 1,000,000 accounts mid fold cycle the active segment is ~40 MB with ~26,000 records
// pending; every status read it whole, loaded its digest (5.8 MB), made the pending records' keys
// and standings from its bytes: ~0.3-0.5 s of CPU (scale-log.md, stop 41). This file is ~2 MB of
// JSON, and only the bytes appended to the segment since it was made are read (a positioned read).
//
// Derived, never the only record: .cache/pending-records.json, git-ignored, written whole without
// the lock or fsync, sealed (cache-seal.ts: a row edited by hand is no file). Deleting it changes no
// result (test/store/pending-records.test.ts). It names each segment it was made from: inode, the
// length of whole entries it covers and their chained sha256 (log-digest.ts `chainHash`, the hash
// the segment's digest and its `.seen` note hold). It is taken only where each segment is vouched
// for as the file system says, never by its name alone:
//   - the segment's stamp is the one the file recorded when it read it, settled by the file
//     system's clock it read before (fs-clock.ts: any write since would have moved it); or
//   - the segment's note (`log/<inode>.seen`, carried by each writer over its append under the
//     lock) is for the stamp the segment has now, settled, and says the very length and hash the
//     file covers.
// The previous segment (sealed, renamed whole) must also be exactly that length. What the current
// segment holds past the covered length (entries appended since) is read and decoded alone: each
// record replaces its account's row, a fold entry drops the rows of the shards it names. Anything
// else (another inode, the log turned or folded away, a hand edit, a garbled file, another shard
// list, accounts moved by hand): no file, and status reads the log as before and makes it again.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BigIntStats } from 'node:fs';
import type { Standing } from '../model.js';
import { sealsLast, sealText, unsealText } from '../cache-seal.js';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnFile } from './own-file.js';
import { decodeWithDigests, openLogSegment, previousSegmentOf, type Covered, type LoggedChanges } from './change-log.js';
import { chainHash, type LogDigests } from './log-digest.js';
import { stampOf } from './file-stamp.js';
import { settledByClock } from './fs-clock.js';
import { standingOf, summaryTuple } from './standing-summary.js';
import { lineHash } from './circle-layout.js';

const VERSION = 2;
const FILE = 'pending-records.json';

type Tuple = ReturnType<typeof summaryTuple>;

/** As saved: parallel arrays (a JSON of 26,000 objects parses several times slower). */
interface Saved {
  version: number;
  /** The pool's shard names, in order: `homes` index them. */
  names: string[];
  /** The previous and the current segment as covered (null: none). */
  segments: (Covered | null)[];
  /** The position the current segment's first entry has, and the one the next entry gets. */
  currentStart: number;
  nextPosition: number;
  keys: string[];
  positions: number[];
  homes: number[];
  /** Into `tuples`. */
  standings: number[];
  tuples: Tuple[];
  bases: string[];
  /**
   * What a status found of each row in its home shard (pool-standings.ts `withLog`): the index of
   * its account's line's tuple among the shard summary's tuples (-1: no line there; -2: not judged
   * yet), and the sha1 of the shard's bytes it was found in, as an index into `shas` (-1: none).
   * Was `pending-records.judged` (pending-judged.ts), keyed by inode and position: here the row is
   * the record, so one file is loaded and written, and no map of the keys is made.
   */
  judged: number[];
  judgedIn: number[];
  shas: string[];
}

/** Not judged yet (a `judged` value). */
const UNJUDGED = -2;

/** What a status found of each pending record in its home shard, kept in the file with the rows. */
export interface JudgedRows {
  /** The tuple index (-1: no line) found for record `r` in its home shard when its bytes had sha1 `sha`; undefined: look it up. */
  take(r: number, sha: string): number | undefined;
  /** Record `r` found now: its home shard (bytes of sha1 `sha`) holds its line at tuple index `tuple` (-1: none). */
  judge(r: number, sha: string, tuple: number): void;
  /** Writes the file where its rows were extended or judged anew since it was read. */
  save(): Promise<void>;
}

/** The pending records, one per account, as `status` counts them (pool-standings.ts `withLog`). */
export interface PendingList {
  keys: readonly string[];
  positions: readonly number[];
  /**
   * Each record's home shard, as an index into the shard names the list was made for, where the
   * list knows them (the file's rows do): status need not hash each key again (~26,000 at
   * 1,000,000 accounts mid fold cycle, ~30 ms of its CPU: scale-log.md, stop 45).
   */
  homes?: readonly number[];
  standingAt(r: number): Standing;
  /** The inode of the segment holding record `r`, undefined where unknown. */
  inodeOf(r: number): string | undefined;
  /** Whether the record at `position` is already in shard `shard`'s file (a fold of it came after). */
  isFolded(position: number, shard: string): boolean;
  /** Whether `line` (its account's line in shard `shard`, undefined: none) is still record `r`'s base there (change-log.ts "Base lines"): false where it was edited by hand since. */
  baseHolds(r: number, shard: string, line: string | undefined): boolean;
  /** The `lineHash` of record `r`'s base line in shard `shard` (its latest after the shard's last fold), undefined: none. */
  baseHash(r: number, shard: string): string | undefined;
  /** Where the list is the file's: what the last status found of its rows, kept with them. */
  judged?: JudgedRows;
}

/** The log as a status read it (change-log.ts `readLog`'s pending records, homes known), as a `PendingList`. */
export function listOfLog(log: LoggedChanges, inodes: readonly (string | undefined)[]): PendingList {
  return {
    keys: log.keys,
    positions: log.positions,
    standingAt: (r) => log.standingOf(r) ?? log.records[r]!,
    inodeOf: (r) => inodes[log.positions[r]! >= log.currentStart ? 1 : 0],
    isFolded: (position, shard) => log.isFolded(position, shard),
    baseHolds: (r, shard, line) => {
      const base = log.baseAfter(log.keys[r]!, log.markOf(shard));
      return base === undefined || line === base;
    },
    baseHash: (r, shard) => log.baseHashAfter(log.keys[r]!, log.markOf(shard))?.toString('hex'),
  };
}

/**
 * `summaryTuple`, one tuple per standing object: the records of an entry share its standing
 * (log-records.ts `standing`), so their rows share a tuple, and `listOfRows` a standing again.
 */
function tuplesByStanding(): (standing: Standing) => Tuple {
  const made = new Map<Standing, Tuple>();
  return (standing) => {
    let tuple = made.get(standing);
    if (!tuple) made.set(standing, (tuple = summaryTuple(standing)));
    return tuple;
  };
}

/** The rows in memory: what is saved, as mutable columns (`judgedIn`: the sha1 itself, '' for none). */
interface Rows {
  keys: string[];
  positions: number[];
  homes: number[];
  tuples: Tuple[];
  bases: string[];
  judged: number[];
  judgedIn: string[];
}

function emptyRows(): Rows {
  return { keys: [], positions: [], homes: [], tuples: [], bases: [], judged: [], judgedIn: [] };
}

/** `rows` as a list; `save(rows)` writes them where `dirty` (extended) or judged anew since. */
function listOfRows(rows: Rows, names: readonly string[], segments: readonly (Covered | null)[], currentStart: number, save: (rows: Rows) => Promise<void>, dirty: boolean): PendingList {
  // One standing per tuple object, not per row: the rows of a tuple share it (load and `extend`
  // share the objects), so status counts ~26,000 pending records at 1,000,000 accounts as the few
  // hundred groups they are (pool-standings.ts `withLog`), not as one group each.
  const made = new Map<Tuple, Standing>();
  const standings = rows.tuples.map((tuple) => {
    let standing = made.get(tuple);
    if (!standing) made.set(tuple, (standing = standingOf(tuple)));
    return standing;
  });
  return {
    keys: rows.keys,
    positions: rows.positions,
    homes: rows.homes,
    standingAt: (r) => standings[r]!,
    inodeOf: (r) => segments[rows.positions[r]! >= currentStart ? 1 : 0]?.inode,
    // Every row is pending in its home shard: rows of shards folded since were dropped.
    isFolded: () => false,
    baseHolds: (r, shard, line) => {
      if (shard !== names[rows.homes[r]!]) return false; // moved by hand: not a row this file keeps
      const base = rows.bases[r]!;
      return base === '' || (line !== undefined && lineHash(line) === base);
    },
    baseHash: (r, shard) => (shard === names[rows.homes[r]!] && rows.bases[r] !== '' ? rows.bases[r] : undefined),
    judged: {
      take: (r, sha) => (rows.judged[r] !== UNJUDGED && rows.judgedIn[r] === sha ? rows.judged[r] : undefined),
      judge: (r, sha, tuple) => {
        if (rows.judged[r] === tuple && rows.judgedIn[r] === sha) return;
        rows.judged[r] = tuple;
        rows.judgedIn[r] = sha;
        dirty = true;
      },
      save: async () => {
        if (dirty) await save(rows);
        dirty = false;
      },
    },
  };
}

/** The segments of the log at `path` as they are now (the previous, then the current), each opened once. */
interface SegmentNow {
  info: BigIntStats;
  /** The current segment's bytes past the covered length. */
  tail?: Buffer;
}

/** Where the file lives, how it is checked against the log, extended, and saved. */
export class PendingRecords {
  constructor(
    private readonly cacheDir: string,
    private readonly logPath: string,
    private readonly digests: LogDigests,
  ) {}

  private get file(): string {
    return join(this.cacheDir, FILE);
  }

  /**
   * The pending records now, from the file and the entries appended to the current segment since
   * it was made; undefined where the file is missing, garbled, of another pool, or not vouched for
   * by the segments as they are (see the header). `homeOf`: an account's home shard's name.
   */
  async current(names: readonly string[], homeOf: (key: string) => string): Promise<PendingList | undefined> {
    const saved = await this.load(names);
    if (!saved) return undefined;
    const clock = this.digests.clock(); // before every stat: see fs-clock.ts
    const now: (SegmentNow | undefined)[] = [];
    for (let s = 0; s < 2; s++) {
      const covered = saved.segments[s] ?? null;
      const found = await this.segmentNow(s === 0 ? previousSegmentOf(this.logPath) : this.logPath, covered, s === 1);
      if (found === false) return undefined;
      now.push(found);
    }
    const rows: Rows = {
      keys: saved.keys,
      positions: saved.positions,
      homes: saved.homes,
      tuples: saved.standings.map((n) => saved.tuples[n]!),
      bases: saved.bases,
      judged: saved.judged,
      judgedIn: saved.judgedIn.map((n) => (n < 0 ? '' : saved.shas[n]!)),
    };
    const tail = now[1]?.tail;
    const unchanged = () => listOfRows(rows, names, saved.segments, saved.currentStart, (rows) => this.write(saved, rows), false);
    if (!tail || tail.length === 0) return unchanged();
    // Decoded as a reader past its digest decodes (the records' standings read off their text, not parsed).
    const appended = decodeWithDigests(this.logPath, [tail], []).log;
    if (appended.validBytes === 0) return unchanged();
    const extended = extend(rows, appended, saved.nextPosition, names, homeOf);
    if (!extended) return undefined;
    const current = saved.segments[1]!;
    const segments = [saved.segments[0] ?? null, { inode: current.inode, length: current.length + appended.validBytes, sha256: chainHash(current.sha256, tail, 0, appended.validBytes), stamp: stampOf(now[1]!.info), clock }];
    const head = { ...saved, segments, nextPosition: saved.nextPosition + appended.nextPosition };
    // Written once, by the status that judges the rows (`judged.save`): the extension and what it found.
    return listOfRows(extended, names, segments, saved.currentStart, (rows) => this.write(head, rows), true);
  }

  /**
   * Segment `path` as it is now, where it is the one `covered` names and is vouched for (see the
   * header): its stat, and (for the current one) its bytes past the covered length; undefined where
   * neither is there; false where they do not agree.
   */
  private async segmentNow(path: string, covered: Covered | null, grows: boolean): Promise<SegmentNow | undefined | false> {
    const handle = await openLogSegment(path).catch(() => undefined);
    if (!handle) return covered === null ? undefined : false;
    try {
      const info = await handle.stat({ bigint: true });
      if (covered === null || String(info.ino) !== covered.inode || info.size < BigInt(covered.length)) return false;
      if (!grows && info.size !== BigInt(covered.length)) return false;
      const stamp = stampOf(info);
      let vouched = stamp === covered.stamp && settledByClock(info, covered.clock);
      if (!vouched) {
        const note = await this.digests.noteOf(covered.inode);
        vouched = note !== undefined && note.stamp === stamp && settledByClock(info, note.clock) && note.length === covered.length && note.sha256 === covered.sha256;
      }
      if (!vouched) return false;
      const size = Number(info.size) - covered.length;
      if (size === 0) return { info };
      const tail = Buffer.alloc(size);
      let read = 0;
      while (read < size) {
        const { bytesRead } = await handle.read(tail, read, size - read, covered.length + read);
        if (bytesRead === 0) return false; // cut shorter since the stat: read the log
        read += bytesRead;
      }
      return { info, tail };
    } finally {
      await handle.close();
    }
  }

  private async load(names: readonly string[]): Promise<Saved | undefined> {
    try {
      const text = unsealText(await readOwnFile(this.file));
      if (text === undefined) return undefined;
      const saved = JSON.parse(text) as Saved;
      if (saved.version !== VERSION || !Array.isArray(saved.names) || saved.names.length !== names.length || saved.names.some((n, i) => n !== names[i])) return undefined;
      const n = saved.keys?.length;
      if (!Array.isArray(saved.segments) || saved.segments.length !== 2 || !saved.segments[1] || ![saved.positions, saved.homes, saved.standings, saved.bases, saved.judged, saved.judgedIn].every((c) => Array.isArray(c) && c.length === n)) return undefined;
      const index = (max: number, from = 0) => (n: unknown) => Number.isInteger(n) && (n as number) >= from && (n as number) < max;
      if (!Array.isArray(saved.tuples) || !saved.standings.every(index(saved.tuples.length)) || !saved.homes.every(index(names.length)) || !saved.positions.every(Number.isSafeInteger)) return undefined;
      if (!Array.isArray(saved.shas) || !saved.shas.every((sha) => typeof sha === 'string') || !saved.judgedIn.every(index(saved.shas.length, -1)) || !saved.judged.every(index(Infinity, UNJUDGED))) return undefined;
      return saved;
    } catch {
      return undefined;
    }
  }

  /**
   * Makes the file from `list`, the pending records a status found reading the whole log (homes
   * known: no account moved by hand), as `covered` says it read the segments; gives its rows'
   * judgments to fill (`list`'s records in order). Nothing where a segment was not covered whole by
   * what was read.
   */
  async save(list: PendingList, covered: readonly (Covered | undefined)[], names: readonly string[], homeOf: (key: string) => string, positions: { currentStart: number; nextPosition: number }): Promise<JudgedRows | undefined> {
    if (!covered[1]) return undefined;
    const index = new Map(names.map((name, i) => [name, i]));
    const rows = emptyRows();
    const tupleOf = tuplesByStanding();
    for (let r = 0; r < list.keys.length; r++) {
      const key = list.keys[r]!;
      const home = homeOf(key);
      const at = index.get(home);
      if (at === undefined) return undefined; // a home not among the shard files read: not a pool this file keeps
      rows.keys.push(key);
      rows.positions.push(list.positions[r]!);
      rows.homes.push(at);
      rows.tuples.push(tupleOf(list.standingAt(r)));
      rows.bases.push(list.baseHash(r, home) ?? '');
      rows.judged.push(UNJUDGED);
      rows.judgedIn.push('');
    }
    const head: Saved = { version: VERSION, names: [...names], segments: [covered[0] ?? null, covered[1]], currentStart: positions.currentStart, nextPosition: positions.nextPosition, keys: [], positions: [], homes: [], standings: [], tuples: [], bases: [], judged: [], judgedIn: [], shas: [] };
    await this.write(head, rows);
    // What this status finds of the rows (in `list`'s order) goes into the file too, written again at the end.
    return listOfRows(rows, names, head.segments, positions.currentStart, (rows) => this.write(head, rows), false).judged;
  }

  private async write(head: Saved, rows: Rows): Promise<void> {
    if (!sealsLast()) return; // a keyed process's file is left for it (seal-key.ts)
    const ids = new Map<string, number>();
    const tuples: Tuple[] = [];
    // By the tuple object first (rows share them): a JSON text per distinct object, not per row.
    const byObject = new Map<Tuple, number>();
    const standings = rows.tuples.map((tuple) => {
      let n = byObject.get(tuple);
      if (n !== undefined) return n;
      const id = JSON.stringify(tuple);
      n = ids.get(id);
      if (n === undefined) ids.set(id, (n = tuples.push(tuple) - 1));
      byObject.set(tuple, n);
      return n;
    });
    const shas: string[] = [];
    const shaIds = new Map<string, number>();
    const judgedIn = rows.judgedIn.map((sha) => {
      if (sha === '') return -1;
      let n = shaIds.get(sha);
      if (n === undefined) shaIds.set(sha, (n = shas.push(sha) - 1));
      return n;
    });
    const saved: Saved = { ...head, keys: rows.keys, positions: rows.positions, homes: rows.homes, standings, tuples, bases: rows.bases, judged: rows.judged, judgedIn, shas };
    try {
      await mkdir(this.cacheDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, sealText(`${JSON.stringify(saved)}\n`), 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}

/**
 * `rows` with the entries `appended` (decoded alone, positions from 0; `offset`: the position its
 * first entry has in the whole log) put over them: a fold entry drops the rows of the shards it
 * names (every row is before it); each record still pending in its home replaces its account's row.
 */
export function extend(rows: Rows, appended: LoggedChanges, offset: number, names: readonly string[], homeOf: (key: string) => string): Rows | undefined {
  const folded = names.map((name) => appended.markOf(name) >= 0);
  const index = new Map(names.map((name, i) => [name, i]));
  const keys = appended.keys;
  // The rows kept, in place where none goes: a status right after an allocation at 1,000,000
  // accounts extends ~26,000 rows by ~800 records, and copying every row into new columns, each
  // key into a map, was ~40 ms of its CPU (scale-log.md, stop 45). Only the accounts appended are
  // looked for among the rows (a set of those few hundred keys).
  const out = keptRows(rows, folded);
  const fresh = new Set(keys);
  const at = new Map<string, number>();
  for (let r = 0; r < out.keys.length; r++) if (fresh.has(out.keys[r]!)) at.set(out.keys[r]!, r);
  // A new record of an account replaces its row.
  const push = (key: string, position: number, home: number, tuple: Tuple, base: string, judged = UNJUDGED, judgedIn = '') => {
    const r = at.get(key);
    if (r !== undefined) {
      [out.positions[r], out.homes[r], out.tuples[r], out.bases[r], out.judged[r], out.judgedIn[r]] = [position, home, tuple, base, judged, judgedIn];
      return;
    }
    at.set(key, out.keys.push(key) - 1);
    out.positions.push(position);
    out.homes.push(home);
    out.tuples.push(tuple);
    out.bases.push(base);
    out.judged.push(judged);
    out.judgedIn.push(judgedIn);
  };
  const tupleOf = tuplesByStanding();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const home = homeOf(key);
    const homeAt = index.get(home);
    if (homeAt === undefined) return undefined; // a home not among the shard files read: read the log
    const position = appended.positions[i]!;
    const before = at.get(key);
    // Folded since into its home: not pending (any row of it before was dropped with the shard's).
    if (appended.isFolded(position, home)) continue;
    // The base that counts: the latest after the shard's last fold; in the appended entries, else the row's own.
    const base = appended.baseHashAfter(key, appended.markOf(home))?.toString('hex') ?? (before !== undefined ? out.bases[before]! : '');
    // What was found of its previous record holds for this one where the base is the same: the
    // line found is its account's line in the shard (taken only while the shard has those bytes),
    // and its base was checked against it. An allocation releases as many accounts as it hands
    // out: half its records are of accounts already pending (~400 lookups spared each).
    if (before !== undefined && base === out.bases[before]) push(key, offset + position, homeAt, tupleOf(appended.standingOf(i) ?? appended.records[i]!), base, out.judged[before], out.judgedIn[before]);
    else push(key, offset + position, homeAt, tupleOf(appended.standingOf(i) ?? appended.records[i]!), base);
  }
  return out;
}

/**
 * `rows` without those of the shards `folded` marks (a fold entry appended: every row before it is
 * in its shard now). The columns are `rows`' own, compacted in place, so `rows` is not to be used
 * after: its caller's rows are read from the file for this one extension.
 */
function keptRows(rows: Rows, folded: readonly boolean[]): Rows {
  const { keys, positions, homes, tuples, bases, judged, judgedIn } = rows;
  let w = 0;
  for (let r = 0; r < keys.length; r++) {
    if (folded[homes[r]!]) continue;
    if (w !== r) {
      keys[w] = keys[r]!;
      positions[w] = positions[r]!;
      homes[w] = homes[r]!;
      tuples[w] = tuples[r]!;
      bases[w] = bases[r]!;
      judged[w] = judged[r]!;
      judgedIn[w] = judgedIn[r]!;
    }
    w++;
  }
  for (const column of [keys, positions, homes, tuples, bases, judged, judgedIn]) column.length = w;
  return rows;
}
