// The pool's standings counted for `status` from each shard's summary (standing-summary.ts) with
// the change log's records put over them: a status decodes only the shards whose summary is
// missing or stale, and reads and hashes only those whose stat stamp moved since.
//
// How a summary is known to describe its shard is git's rule for its index (read-cache.c,
// `ie_match_stat` and `is_racy_timestamp`; Documentation/technical/racy-git.txt): the shard's
// stamp (inode, size, mtime, ctime) is the one seen with the bytes it was made from, and those
// times were already older than that sighting by more than any file system's timestamp
// granularity, so no later change can have left the same stamp. Otherwise (a new stamp, or a
// racily clean one) the bytes are read and their sha1 compared: equal, the summary holds and its
// stamp and sighting are brought up to date; different, it is made again from the shard.
//
// The log's records are counted as LogView applies them (log-view.ts, hand-edits.ts): each record
// replaces the line of its account where the shards hold one (found by key at home, else among the
// strays), and is added otherwise. That line is found by bisecting the shard's bytes (its lines
// are canonical and sorted by key; read whole once where its records are many), or in the decoded
// shard when they are not. Where a record
// carries a base line (the shard line when it was first logged) that line must still be the
// shard's, or the record is merged with a hand edit: that, a key on two lines of a shard, or a
// summary that disagrees with its shard, is left to the whole read (undefined). A record already
// folded into the shard it applies to (a fold entry for that shard after it) is not counted again.
// What a status found of each pending record is kept for the next (in the pending-records file
// beside its rows, else pending-judged.ts): it looks up only the records appended since, and those
// whose home shard has other bytes now.
import type { Standing } from '../model.js';
import { homesOf, logInode, type Covered, type LoggedChanges } from './change-log.js';
import { listOfLog, type PendingList, type PendingRecords } from './pending-records.js';
import type { PendingJudged } from './pending-judged.js';
import { hash } from 'node:crypto';
import { standingOf, summarize, tupleId, type StandingSummary, type SummaryStore } from './standing-summary.js';
import { shardHash } from './shard-codec.js';
import { bisectLines, bytesChunks, fencedLine, fencesOf, fileChunks, firstLineStart, WINDOW, type Chunks } from './shard-lookup.js';
import { closeSync, fstatSync, type BigIntStats } from 'node:fs';
import { FileError } from '../errors.js';
import { openShardSync } from './shard-open.js';
import { settled, stampOf } from './file-stamp.js';
import type { ShardOnDisk } from './manifest.js';
import { ShardState } from './shard-state.js';
import { Snapshot } from './snapshot.js';
import { lineOf } from './hand-edits.js';
import type { HandedLines } from './handed-lines.js';

export interface StandingCounts {
  /** Shard files (absent ones recorded or configured included), as `read` lists them. */
  shards: number;
  /** Distinct standings with how many accounts have each. */
  groups: [Standing, number][];
  /** Counted over the shards' summaries, or by reading every account (see the header). */
  from: 'summaries' | 'accounts';
  /** Each shard file and how many accounts it holds (undefined: no such file), to hold against the record of the shards. */
  onDisk: ShardOnDisk[];
}

// Where the derived indexes and tests have long looked for them.
export { RACY_MS, settled } from './file-stamp.js';

/** The shard files as a derived index reads them (pool.ts gives them; circle-view.ts reads them too). */
export interface ShardFiles {
  shardNameOf(username: string): string;
  fileOf(name: string): string;
  /** The shard file's stat, undefined where there is no such file. */
  statOf(name: string): Promise<BigIntStats | undefined>;
  bytesOf(name: string): Promise<Buffer | undefined>;
  /** The shard read from `bytes` whose sha1 is `sha1` (the whole decode, as `read` does it). */
  stateOf(name: string, bytes: Buffer, sha1: string): ShardState;
}

/** What counting needs of the pool (pool.ts). */
export interface StandingSource extends ShardFiles {
  names: string[];
  shardCount: number;
  summaries: SummaryStore;
  readLog(): Promise<(LoggedChanges & { stamp?: string; covered?: (Covered | undefined)[] }) | undefined>;
  /** The pending records kept for status (pending-records.ts), where the pool keeps them. */
  pendingRecords?: PendingRecords;
  /** What the last status judged of the pending records (pending-judged.ts), where the pool keeps it. */
  pendingJudged?(shards: number, strays: string): Promise<PendingJudged>;
  /** The lines the last allocation over the circle indexes read of the accounts it changed (handed-lines.ts), where the pool keeps them. */
  handedLines?(): Promise<HandedLines>;
  /** How many accounts the record of the shards (manifest.ts, written by each commit) gives shard `name`; undefined: unknown. */
  recordedSize?(name: string): number | undefined;
}

interface Counted {
  summary: StandingSummary;
  /** The shard's bytes, once read; else the file opened for lookups, read through `chunks`, and its size. */
  bytes?: Buffer;
  fd?: number;
  chunks?: Chunks;
  /** Where `chunks`' first account line starts (past the header), read once for all the shard's lookups; null: a header too long to bisect. */
  linesFrom?: number | null;
  fileSize: number;
  /** Accounts in the shard as summarised. */
  size: number;
  counts: number[];
  /** Tuple index by tupleId, built when the log needs it. */
  ids?: Map<string, number>;
  /** The shard decoded, where its lines cannot be bisected. */
  decoded?: Snapshot;
}

/** An account's line as the shard holds it, and its standing. */
interface Held {
  line: string;
  standing: Standing;
}

async function countShard(source: StandingSource, name: string): Promise<Counted | undefined> {
  const isStray = (key: string) => source.shardNameOf(key) !== name;
  const checkedAt = Date.now(); // before the stat: a change after it has a later ctime
  const info = await source.statOf(name);
  if (!info) return counted(summarize(new ShardState(name, '', []), { sha1: '', shards: source.shardCount, stamp: 'none', checkedAt }, isStray), 0);
  const found = await source.summaries.current(name, source.shardCount, info, checkedAt, {
    recorded: source.recordedSize?.(name),
    size: sizeOf,
    bytesOf: () => source.bytesOf(name),
    make: (bytes, made) => {
      const summary = summarize(source.stateOf(name, bytes, made.sha1), made, isStray);
      const fences = summary.sortedLines ? fencesOf(bytes) : undefined;
      if (fences) summary.fences = fences;
      return summary;
    },
    // Its fences made again from the bytes read anyway (~32 a shard): a summary of an older
    // accountpool has none, one its fold carried has them stale (each lookup then bisects the file).
    refresh: (summary, bytes) => {
      const fences = summary.sortedLines ? fencesOf(bytes) : undefined;
      if (fences === undefined || JSON.stringify(fences) === JSON.stringify(summary.fences)) return false;
      summary.fences = fences;
      return true;
    },
  });
  if (!found) return undefined; // gone since the stat: a commit moved it (`consistently` reads again)
  const { summary, bytes } = found;
  if (!bytes) return counted(summary, Number(info.size));
  // Kept for the log's lookups only where the file could change without its stamp moving (racy):
  // else they are read again from the file, whose stamp is checked, and a first status at a
  // million accounts does not hold every shard's bytes (170 MB) at once.
  return settled(info, checkedAt) ? counted(summary, bytes.length) : { ...counted(summary, bytes.length), bytes };
}

/** Accounts in the shard as summarised. */
function sizeOf(summary: StandingSummary): number {
  return summary.counts.reduce((a, b) => a + b, 0);
}

function counted(summary: StandingSummary, fileSize: number): Counted {
  return { summary, size: sizeOf(summary), counts: summary.counts.slice(), fileSize };
}

/**
 * The shard's bytes, read now where the stamp spared reading them; undefined when the file's
 * stamp moved meanwhile (a settled stamp that stays put means the same bytes).
 */
async function bytesOf(source: StandingSource, shard: Counted): Promise<Buffer | undefined> {
  if (!shard.bytes) {
    const bytes = await source.bytesOf(shard.summary.name);
    const after = await source.statOf(shard.summary.name);
    if (!bytes || !after || stampOf(after) !== shard.summary.stamp) return undefined;
    shard.bytes = bytes;
  }
  return shard.bytes;
}

/** Where `key` is in `shard` (undefined: not there), or null when it cannot be told from the summary. */
async function heldIn(source: StandingSource, shard: Counted, key: string, index?: number): Promise<Held | undefined | null> {
  const { name, sortedLines } = shard.summary;
  if (shard.size === 0) return undefined;
  if (sortedLines && index === undefined) {
    // A few small reads of the file (its stamp is checked once all are done), or of its bytes when at hand.
    if (!shard.chunks) {
      try {
        shard.chunks = shard.bytes ? bytesChunks(shard.bytes) : fileChunks((shard.fd = openShardSync(source.fileOf(name))));
      } catch (error) {
        if (error instanceof FileError) throw error; // no regular file since the stat: named
        return null; // gone since the stat (a reshard): `consistently` reads again
      }
    }
    const chunks = shard.chunks;
    const linesFrom = () => (shard.linesFrom === undefined ? (shard.linesFrom = firstLineStart(chunks)) : shard.linesFrom);
    const size = shard.bytes?.length ?? shard.fileSize;
    // Between the summary's two fences around the key, read once; the whole file bisected where the file does not bear them out.
    const fenced = shard.summary.fences ? fencedLine(chunks, size, key, shard.summary.fences, linesFrom) : null;
    const line = fenced !== null ? fenced : bisectLines(chunks, size, key, linesFrom());
    if (line === undefined) return undefined;
    if (line !== null) return { line, standing: new ShardState(name, '', [line]).standingAt(0) };
  }
  const bytes = await bytesOf(source, shard);
  if (!bytes) return null;
  shard.decoded ??= new Snapshot([source.stateOf(name, bytes, shardHash(bytes))], () => 0);
  const state = shard.decoded.shards[0]!;
  const i = index ?? shard.decoded.locate(key)?.index;
  return i === undefined ? undefined : { line: lineOf(shard.decoded, state.keyAt(i)) ?? '', standing: state.standingAt(i) };
}

/** Whether `lookups` bisections of `shard` would read more than the file: ~log2(lines) + 2 windows each. */
function readsWhole(shard: Counted, lookups: number): boolean {
  if (shard.bytes || !shard.summary.sortedLines || shard.size === 0) return false;
  return lookups * (Math.ceil(Math.log2(shard.size + 1)) + 2) * WINDOW >= shard.fileSize;
}

/** The bytes read whole for a shard's lookups go (read again from the file if a stray needs them). */
function letGo(shard: Counted): void {
  shard.bytes = undefined;
  shard.chunks = undefined;
  shard.linesFrom = undefined;
  shard.decoded = undefined;
}

/** Undefined: only the whole read can count this pool (see the header). */
export async function countStandings(source: StandingSource): Promise<StandingCounts | undefined> {
  // One shard after the other: each summary made lets its shard's bytes and decoded lines go
  // before the next is read (all at once, a first status held the whole pool).
  const shards: Counted[] = [];
  for (const name of source.names) {
    const shard = await countShard(source, name);
    if (!shard) return undefined;
    shards.push(shard);
  }
  try {
    if (await heldTwice(source, shards)) return undefined;
    const counted = await withLog(source, shards);
    // The files looked up line by line must still be the ones summarised (settled stamps that stayed put).
    for (const shard of shards) if (shard.fd !== undefined && stampOf(fstatSync(shard.fd, { bigint: true })) !== shard.summary.stamp) return undefined;
    const onDisk = shards.map(({ summary, size }) => ({ name: summary.name, file: source.fileOf(summary.name), size: summary.stamp === 'none' ? undefined : size }));
    return counted && { ...counted, onDisk };
  } finally {
    for (const shard of shards) if (shard.fd !== undefined) closeSync(shard.fd);
  }
}

/**
 * Whether an account stands in two places: a key twice in one shard, a stray (a line whose name
 * hashes to another shard) that its home shard holds too or that two shards list. Each writer
 * refuses such a pool (integrity.ts); the summaries would count the account twice, silently, so
 * the whole read counts it and names both places. Strays are nearly always none: a bisection each.
 */
async function heldTwice(source: StandingSource, shards: Counted[]): Promise<boolean> {
  const byName = new Map(shards.map((shard) => [shard.summary.name, shard]));
  const seen = new Set<string>();
  for (const shard of shards) {
    if (!shard.summary.unique) return true;
    for (const [stray] of shard.summary.strays) {
      if (seen.has(stray)) return true;
      seen.add(stray);
      const home = byName.get(source.shardNameOf(stray));
      if (home && (await heldIn(source, home, stray)) !== undefined) return true;
    }
  }
  return false;
}

/** What the judged rows of pending-judged.ts depend on: the accounts moved by hand and where. */
function strayHash(strayIn: Map<string, string[]>): string {
  return hash('sha1', JSON.stringify([...strayIn].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), 'hex');
}

/** The shards' counts with the change log's records put over them. */
async function withLog(source: StandingSource, shards: Counted[]): Promise<Omit<StandingCounts, 'onDisk'> | undefined> {
  const strayIn = new Map<string, string[]>();
  for (const shard of shards) for (const [stray] of shard.summary.strays) strayIn.set(stray, [...(strayIn.get(stray) ?? []), shard.summary.name]);
  // The pending records off the derived file (pending-records.ts) where it is vouched for by the
  // log as it is: the log's segments are not read then, only what was appended since. It keeps
  // only a pool whose accounts are all at home; with an account moved by hand the log is read.
  const homeOf = (key: string) => source.shardNameOf(key);
  const kept = strayIn.size === 0 ? source.pendingRecords : undefined;
  let list = await kept?.current(source.names, homeOf);
  // Off the log, pending-judged.ts's rows (keyed by inode and position) are taken and kept too.
  let fromLog = false;
  if (!list) {
    fromLog = true;
    const read = await source.readLog();
    // Only the records that may still be pending are read: those a fold wrote into the shard they
    // apply to (their home, or a shard they were moved to by hand) are skipped unread.
    const log = read?.pendingIn((key) => {
      const home = homeOf(key);
      const strays = strayIn.get(key);
      return strays ? [home, ...strays] : home;
    }, source.names, strayIn.size === 0 ? homesOf(source.shardCount) : undefined);
    const inodes = (logInode(read?.stamp)?.split('|') ?? []).map((inode) => (inode === '-' ? undefined : inode));
    list = log && listOfLog(log, inodes);
    if (kept && log && list && read?.covered) {
      const judged = await kept.save(list, read.covered, source.names, homeOf, { currentStart: log.currentStart, nextPosition: log.nextPosition });
      if (judged) list = { ...list, judged };
    }
  }
  try {
    return await countWith(source, shards, list, strayIn, fromLog);
  } finally {
    // The file's rows extended by the entries appended, and what was found of them (pending-records.ts):
    // kept even where the count is left to the whole read (each row found stands on its own).
    await list?.judged?.save();
  }
}

/** The shards' counts with `list`'s records put over them (undefined: only the whole read can count them). */
async function countWith(source: StandingSource, shards: Counted[], list: PendingList | undefined, strayIn: Map<string, string[]>, fromLog: boolean): Promise<Omit<StandingCounts, 'onDisk'> | undefined> {
  const byName = new Map(source.names.map((name, s) => [name, s]));
  const homeOf = (key: string) => source.shardNameOf(key);
  // Counted by standing: the records of an entry share one (log-records.ts `standing`), so ~26,000
  // pending records at 1,000,000 accounts mid-cycle are a few hundred groups, not one group each.
  const extra = new Map<Standing, number>();
  const add = (standing: Standing) => extra.set(standing, (extra.get(standing) ?? 0) + 1);
  if (list && list.keys.length > 0) {
    if (shards.some((s) => !s.summary.unique)) return undefined;
    // Looked up shard by shard (each record is counted on its own, so the order is free): a shard
    // with more lookups than bisecting pays for (each reads ~log2(lines) windows) is read whole
    // once and its bytes let go before the next, so a status mid-cycle reads at most each shard's
    // size (not 1.3 GB for 25,000 pending records at 1,000,000 accounts, stop 35).
    // Keys and standings off the segment's digest (log-records.ts) or the pending-records file:
    // parsing every pending record whole cost ~0.6 s at 1,000,000 accounts mid-cycle.
    const { keys, positions, inodeOf } = list;
    const standingAt = (r: number) => list.standingAt(r);
    // The file's rows say their home (made by the same hash for these very shard names); else each key is hashed.
    const homes = list.homes ?? keys.map((key) => byName.get(homeOf(key))!);
    // What the last status found of each record still pending, where its home shard has the same
    // bytes: only the others are looked up. Kept in the pending-records file beside its rows where
    // the list is that file's (`own`), else in pending-judged.ts's file, keyed by inode and position.
    const own = list.judged;
    const judged = fromLog ? await source.pendingJudged?.(source.shardCount, strayHash(strayIn)) : undefined;
    // Else what the allocation just before noted of the line it read (handed-lines.ts): a fact
    // about the shard's bytes, taken where they have that sha1 now and the line is the record's base.
    let handed: HandedLines | undefined;
    const noted = async (key: string, r: number, shard: Counted): Promise<number | undefined> => {
      handed ??= (await source.handedLines?.()) ?? new Map();
      const line = handed.get(key);
      const { name, sha1 } = shard.summary;
      if (!line || line.shard !== name || line.sha1 !== sha1 || list.baseHash(r, name) !== line.lineHash) return undefined;
      shard.ids ??= new Map(shard.summary.tuples.map((tuple, n) => [JSON.stringify(tuple), n]));
      return shard.ids.get(JSON.stringify(line.tuple));
    };
    const taken: (number | undefined)[] = [];
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      const shard = shards[homes[r]!]!;
      const sha = shard.summary.sha1;
      let tuple = own?.take(r, sha);
      if (tuple === undefined) {
        const inode = judged && inodeOf(r);
        tuple = inode ? judged!.take(key, inode, positions[r]!, sha) : undefined;
        if (tuple === undefined) {
          tuple = await noted(key, r, shard);
          // Kept as a lookup's finding is: the next status takes it off either file.
          if (tuple !== undefined && inode) judged!.judge(key, inode, positions[r]!, sha, tuple);
        }
        if (tuple !== undefined) own?.judge(r, sha, tuple); // into the file made off the log now
      }
      taken.push(tuple);
    }
    const lookups = new Map<number, number>();
    homes.forEach((s, r) => taken[r] === undefined && lookups.set(s, (lookups.get(s) ?? 0) + 1));
    const order = homes.map((_, r) => r).sort((a, b) => homes[a]! - homes[b]! || a - b);
    let whole: Counted | undefined;
    for (const r of order) {
      const key = keys[r]!;
      let s = homes[r]!;
      const tuple = taken[r];
      if (tuple !== undefined) {
        // Judged before against these very bytes: its line's tuple (-1: none), its base checked then.
        if (list.isFolded(positions[r]!, source.names[s]!)) continue;
        const shard = shards[s]!;
        if (tuple >= 0 && !(shard.counts[tuple]! > 0)) return undefined;
        if (tuple >= 0) shard.counts[tuple]!--;
        add(standingAt(r));
        continue;
      }
      if (whole !== shards[s]) {
        if (whole) letGo(whole);
        whole = undefined;
        if (readsWhole(shards[s]!, lookups.get(s) ?? 0)) {
          if (!(await bytesOf(source, shards[s]!))) return undefined;
          whole = shards[s]!;
        }
      }
      let held = await heldIn(source, shards[s]!, key);
      // Else moved by hand to another shard (the last one listing it, as Snapshot.locate finds it).
      for (let t = shards.length - 1; t >= 0 && held === undefined; t--) {
        for (const [stray, i] of shards[t]!.summary.strays) if (stray === key) [s, held] = [t, await heldIn(source, shards[t]!, key, i)];
      }
      if (held === null) return undefined;
      // Already in the file of the shard it applies to (a fold since): the summary counts it there.
      const target = source.names[s]!;
      if (list.isFolded(positions[r]!, target)) continue;
      if (!list.baseHolds(r, target, held?.line)) return undefined;
      let n = -1;
      if (held) {
        const shard = shards[s]!;
        shard.ids ??= new Map(shard.summary.tuples.map((tuple, n) => [JSON.stringify(tuple), n]));
        n = shard.ids.get(tupleId(held.standing)) ?? -1;
        if (n < 0 || shard.counts[n]! <= 0) return undefined;
        shard.counts[n]!--;
      }
      // Kept where it depends on the home shard alone (a line there, or none anywhere: the strays are in the file's head).
      const inode = inodeOf(r);
      if (s === homes[r]) own?.judge(r, shards[s]!.summary.sha1, n);
      if (s === homes[r] && inode !== undefined) judged?.judge(key, inode, positions[r]!, shards[s]!.summary.sha1, n);
      add(standingAt(r));
    }
    await judged?.save();
  }
  const groups: [Standing, number][] = [];
  for (const { summary, counts } of shards) summary.tuples.forEach((tuple, n) => counts[n]! > 0 && groups.push([standingOf(tuple), counts[n]!]));
  for (const group of extra) groups.push(group);
  return { shards: shards.length, groups, from: 'summaries' };
}
