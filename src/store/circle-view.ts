// The pool as allocate's selection sees it from the shards' circle indexes (circle-index.ts) with
// the change log's records and the transaction's own changes over them: which accounts are where
// in the circle, who holds what, and the accounts themselves, read line by line only when taken.
//
// An index is trusted as the standings summaries are (pool-standings.ts: git's racy-timestamp
// rule, else the shard's sha1), so a shard untouched since its index was made is neither read
// nor hashed. The log is put over the indexes as LogView puts it over the shards (log-view.ts):
// a record replaces its account's line when that line is still the record's base (compared by
// the line's hash), and where it is not (a hand edit under a logged record), where an account
// the log names is not in the shards, where a shard is not canonical and sorted (hand-edited),
// where an account is held twice or a recorded shard is lost, `open` says undefined and the
// caller reads the whole pool instead, as before. Every account handed out is read from its
// shard and checked against the index (the line's hash) before it is used: a mismatch throws
// StaleCircle, and the caller chooses again from the whole read.
import { closeSync, fstatSync, readSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { BigIntStats } from 'node:fs';
import { keyOf, type Account, type CircleStanding, type Provider } from '../model.js';
import { byKey, circleOrder, circleOrderBy, type InCircle } from '../circle-order.js';
import { ascending } from '../ascending.js';
import { homesOf, type LoggedChanges } from './change-log.js';
import { LINE, SHARD, TAG_A, TAG_B, TUPLE, tagOf, type JudgedPlace } from './log-judged.js';
import { firstHashAtLeast, GarbledCircle, ShardCircle, StaleCircle, type Sighting } from './circle-index.js';
import { lineHash, spellingHash, type Head } from './circle-layout.js';
import { dropHeads, readHeads, saveHeads, type FirstLine, type HeadEntry } from './circle-heads.js';
import { circleStandingOf, tupleOfStanding, type CircleTuple } from './circle-tuple.js';
import { circleOf } from './circle-build.js';
import type { CircleStore } from './circle-store.js';
import { settledByClock } from './fs-clock.js';
import { foldedCircle } from './circle-fold.js';
import { encodeAccountLine, parseTrustedLines, plainLineProvider, shardHash, shardHeader, trustedLineKey } from './shard-codec.js';
import { stampOf } from './file-stamp.js';
import { openShardSync } from './shard-open.js';
import { settled, type ShardFiles } from './pool-standings.js';
import { LazyAccount } from './lazy-account.js';
import { ShardState } from './shard-state.js';
import { summaryTuple } from './standing-summary.js';
import type { HandedLine } from './handed-lines.js';
import type { ShardOnDisk } from './manifest.js';
import { Snapshot } from './snapshot.js';
import { KeyIndex } from './key-index.js';

/** What the view needs of the pool (pool.ts). */
export interface CircleSource extends ShardFiles {
  names: string[];
  shardCount: number;
  store: CircleStore;
  log: LoggedChanges;
  logFile: string;
}

export { StaleCircle } from './circle-index.js';

/** `Shard.recordAt` of a line no record overrides, and of one this process's own commit overrides (`committed`). */
const NONE = -1;
const OWN = -2;

/** What `open` finds of a pending record in its home shard (`lookUpAll`). */
const NOT_HOME = 0;
const AS_BASED = 1;
const EDITED = 2;
const FOLDED = 3;

/** The place of a heap entry that stands for a shard whose index is not read yet (`inOrder`). */
const UNREAD = -1;

/**
 * Bytes read at once where lines are taken in file order (Shard `textAt`): ~190 lines of ~170
 * bytes, so an allocation's 400 never-used accounts from one shard take 3 reads, not 400.
 */
const READ_AHEAD = 32 * 1024;

/** At most this many lookups remembered (`locate`): a few transactions' changes. */
const LOCATED_MAX = 10_000;

/**
 * One shard of the view. Its index is read when first used (`index`): where the shard is known
 * from the heads file (circle-heads.ts) only its header and first line are held until the choice,
 * a lookup or a fold reaches it.
 */
class Shard {
  private loaded: ShardCircle | undefined;
  private entry: HeadEntry | undefined;
  /** The shard file, opened to read the lines taken (its stamp is checked before the commit). */
  fd?: number;
  /** Bytes of the file from `from` on, read ahead of the lines after the last one taken (`textAt`). */
  private ahead: { from: number; bytes: Buffer } | undefined;
  /** Where the last line read through `textAt` ended (its line break's place + 1): the next line in file order starts there. */
  private lastEnd = -1;
  /** Accounts per tuple, over the lines neither the log's records nor this process's commits override. */
  shown: number[];
  /**
   * Per line, the log's record that overrides it (its place in `log.lines`, what a fold writes
   * there), OWN, or NONE; undefined while none does. A typed column by line, not maps and sets
   * by key: at 1,000,000 accounts with ~48,000 records pending those took ~1.2 KB a record.
   */
  recordAt: Int32Array | undefined = undefined;

  constructor(
    readonly file: string,
    readonly absent: boolean,
    from: ShardCircle | { entry: HeadEntry; load: (entry: HeadEntry) => ShardCircle },
  ) {
    if (from instanceof ShardCircle) this.loaded = from;
    else {
      this.entry = from.entry;
      this.loadFrom = from.load;
    }
    this.shown = this.head.counts.slice();
  }

  private loadFrom: ((entry: HeadEntry) => ShardCircle) | undefined;

  /**
   * The text of bytes `from..from + length` of the file (opened here on first use). A line that
   * starts where the last one read ended (lines taken in file order: an allocation's run of
   * never-used accounts, numbered in the order of their shard's lines) is read with the
   * READ_AHEAD bytes after it, and the lines after it out of those: 400 such lines took 400 reads
   * of ~170 bytes each. Any other line is read alone, as before, so lines taken far apart read no
   * more than they did. The caller checks each line against the index (its hash and key), as it
   * did each line read alone: the bytes read ahead are the same file's, read under the same lock.
   */
  textAt(from: number, length: number): string {
    const ahead = this.ahead;
    if (ahead && from >= ahead.from && from + length <= ahead.from + ahead.bytes.length) {
      this.lastEnd = from + length + 1;
      return ahead.bytes.toString('utf8', from - ahead.from, from - ahead.from + length);
    }
    this.fd ??= openShardSync(this.file); // a FIFO swapped in since the view's stat is named, never waited on
    const size = from === this.lastEnd ? Math.max(length, READ_AHEAD) : length;
    const buffer = Buffer.allocUnsafe(size);
    const got = readSync(this.fd, buffer, 0, size, from);
    this.ahead = size > length ? { from, bytes: buffer.subarray(0, got) } : undefined;
    this.lastEnd = from + length + 1;
    return buffer.toString('utf8', 0, Math.min(got, length));
  }

  /** The file is closed, or another file now (a fold): nothing read of it is kept. */
  forgetRead(): void {
    this.ahead = undefined;
    this.lastEnd = -1;
  }

  /** The index, read now where it was not yet (throws StaleCircle where it is not what the heads file said). */
  get index(): ShardCircle {
    if (!this.loaded) {
      this.loaded = this.loadFrom!(this.entry!);
      this.entry = undefined;
    }
    return this.loaded;
  }

  set index(index: ShardCircle) {
    this.loaded = index;
    this.entry = undefined;
  }

  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  get head(): Head {
    return this.loaded ? this.loaded.head : this.entry!.head;
  }

  get sighting(): Sighting {
    return this.loaded ? this.loaded.sighting : this.entry!.sighting;
  }

  get fileBytes(): number {
    return this.loaded ? this.loaded.fileBytes : this.entry!.fileBytes;
  }

  /** Seen again at `sighting` (the same bytes: `stillIndexes`). */
  seen(sighting: Sighting): void {
    if (this.loaded) this.loaded = this.loaded.seen(sighting);
    else this.entry = { ...this.entry!, sighting };
  }

  /** What the heads file keeps of this shard (undefined for a shard with no file). */
  headEntry(): HeadEntry | undefined {
    if (this.absent) return undefined;
    if (!this.loaded) return this.entry;
    const { head, sighting, fileBytes } = this.loaded;
    return { head, sighting, fileBytes, first: firstLineOf(this.loaded) };
  }

  /** A lower bound in circle order of every line of the shard (its first line), without reading the index where it is not read. */
  get first(): FirstLine {
    return this.loaded ? firstLineOf(this.loaded) : this.entry!.first;
  }
}

function firstLineOf(index: ShardCircle): FirstLine {
  if (index.size === 0) return null;
  const line = index.orderAt(0);
  return [index.allocatedAt(line) ?? null, index.seqAt(line), index.keyAt(line)];
}

/** The lines of one shard that are not the pool's: overridden by the log, this process's commits, or a transaction's changes. */
class Hidden {
  constructor(
    private readonly recordAt: Int32Array | undefined,
    /** Lines the transaction's changes override (few). */
    readonly changed: Set<number> | undefined,
  ) {}

  has(line: number): boolean {
    return (this.recordAt !== undefined && this.recordAt[line] !== NONE) || (this.changed !== undefined && this.changed.has(line));
  }
}

interface Row {
  shard: number;
  line: number;
}

/**
 * No change since `sighting` can have left the stamp `info` shows: its times were older than the
 * file system's clock read before that stat (fs-clock.ts), else than its wall clock by RACY_MS.
 */
function settledSince(info: BigIntStats, sighting: Pick<Sighting, 'checkedAt' | 'clock'>): boolean {
  return settledByClock(info, sighting.clock) || settled(info, sighting.checkedAt);
}

/** What a shard's index is loaded (or made again) from. */
type IndexSource = Omit<CircleSource, 'names' | 'log' | 'logFile'>;

/**
 * The accounts of shards `names` held outside their home shard (moved there by hand): key -> the
 * shards holding it so, off each shard's index (its header's strays; made again from the shard
 * where its bytes changed). The after-pull check (git/taken-check.ts) asks it of the shards a pull
 * did not touch: an account the peer added that one of those holds away from home is held twice.
 * A shard that does not read is left out: every write here refuses it already, naming it.
 */
export async function strayPlaces(source: IndexSource, names: readonly string[]): Promise<Map<string, string[]>> {
  const places = new Map<string, string[]>();
  const clock = source.store.clock();
  for (const name of names) {
    const shard = await loadShard(source, name, clock).catch(() => undefined);
    for (const [key] of shard?.head.strays ?? []) places.set(key, [...(places.get(key) ?? []), name]);
  }
  return places;
}

/**
 * `clock`: the file system's clock read before any of the shards' stats (CircleStore `clock`).
 * `entry`: what the heads file (circle-heads.ts) holds of the shard, trusted as its sighting
 * would be (the same stamp, settled): then the index is read only when first used.
 */
async function loadShard(source: IndexSource, name: string, clock: string | undefined, entry?: HeadEntry): Promise<Shard | undefined> {
  const file = source.fileOf(name);
  const { store, shardCount } = source;
  const isStray = (key: string) => source.shardNameOf(key) !== name;
  const checkedAt = Date.now(); // before the stat: a change after it has a later ctime
  const info = await source.statOf(name);
  const made = (index: ShardCircle, absent: boolean): Shard => new Shard(file, absent, index);
  if (!info) return made(circleOf(new ShardState(name, file, []), Buffer.alloc(0), store.newSighting(name, '', shardCount, 'none', checkedAt), isStray).index, true);
  const stamp = stampOf(info);
  if (entry && entry.sighting.stamp === stamp && settledSince(info, entry.sighting)) return new Shard(file, false, { entry, load: (e) => indexOfEntry(store, e) });
  const saved = await store.sighting(name, shardCount);
  if (saved?.stamp === stamp && settledSince(info, saved)) {
    const index = await store.load(saved);
    if (index) return made(index, false);
  }
  const bytes = await source.bytesOf(name);
  if (!bytes) return undefined; // gone since the stat: the whole read says why
  const sha1 = shardHash(bytes);
  const sighting = store.newSighting(name, sha1, shardCount, stamp, checkedAt, clock);
  const kept = saved?.sha1 === sha1 ? await store.load(saved) : undefined;
  if (kept) {
    // Saved again once the stamp is settled (or new): the next look then trusts it unread.
    if (saved!.stamp !== stamp || settledSince(info, sighting)) await store.save(sighting);
    return made(kept.seen(sighting), false);
  }
  const { index, encoded } = circleOf(source.stateOf(name, bytes, sha1), bytes, sighting, isStray);
  await store.save(sighting, encoded);
  return made(index, false);
}

/**
 * The index the heads file's `entry` describes, read now: it must hold that very header and
 * first line (circle-heads.ts). Where it does not (deleted, garbled, made again since), the heads
 * file goes and StaleCircle sends the caller to the whole read; the next look reads each shard.
 */
function indexOfEntry(store: CircleStore, entry: HeadEntry): ShardCircle {
  const index = store.loadSync(entry.sighting);
  if (!index || index.fileBytes !== entry.fileBytes || !isDeepStrictEqual(index.head, entry.head) || !isDeepStrictEqual(firstLineOf(index), entry.first)) {
    dropHeads(store.dir);
    throw new StaleCircle(`the circle index of shard ${entry.head.name} is not what ${headsName} says`);
  }
  return index;
}

const headsName = '.cache/circle/heads.json';

/** The circle's order of two accounts (circle-order.ts, then the key). */
function inCircle(a: LazyAccount, b: LazyAccount): number {
  return circleOrder(a, b) || byKey(a.key, b.key);
}

/** Where `lazy` goes in `sorted` (circle order): the first place not before it. */
function lowerBound(sorted: readonly LazyAccount[], lazy: LazyAccount): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inCircle(sorted[mid]!, lazy) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function* filtered(sorted: readonly LazyAccount[], keep: (lazy: LazyAccount) => boolean): Iterator<LazyAccount> {
  for (const lazy of sorted) if (keep(lazy)) yield lazy;
}

/** Lists each in circle order, merged into one. */
function* mergeInOrder(lists: Iterator<LazyAccount>[]): Generator<LazyAccount> {
  const heads = lists.map((list) => list.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) if (!heads[i]!.done && (best < 0 || inCircle(heads[i]!.value as LazyAccount, heads[best]!.value as LazyAccount) < 0)) best = i;
    if (best < 0) return;
    yield heads[best]!.value as LazyAccount;
    heads[best] = lists[best]!.next();
  }
}

export class CircleView {
  private readonly byName: Map<string, number>;
  /** The log's latest records parsed, by their place in `log.lines`: only those read whole (the accounts taken, `get`). */
  private readonly logParsed = new Map<number, Account>();
  /** The log's records not yet in their shards' files (`open`; change-log.ts `pendingIn`). */
  log!: LoggedChanges;
  /** The records of `log` that override a line (their places in `log.lines`, ascending; `Shard.recordAt` says which line). */
  private logged: Int32Array = new Int32Array(0);
  /** The shard of each of `logged`. */
  private loggedShard: Int32Array = new Int32Array(0);
  /** The line of each of `logged` in that shard. */
  private loggedLine: Int32Array = new Int32Array(0);
  /** Which of `logged` is each key's (made on first use by `locate`: a transaction looks up the accounts the log holds too). */
  private loggedByKey: KeyIndex | undefined;
  /** `logged` is made (`open` asks `locate` before: `targetOf` of the log's keys, where some are moved by hand). */
  private loggedReady = false;
  /** False once a fold wrote a shard whose index could not be carried over (`saveFolded`): the view no longer holds. */
  private carried = true;
  /** The log's records, read as far as used, once (a transaction asks for them more than once). */
  private logAccounts: LazyAccount[] | undefined;
  /** The same, each made on first use (by its place in `logged`): `circle` and `heldBy` make only those they list. */
  private logLazies: (LazyAccount | undefined)[] | undefined;
  /** Accounts read from the shards, by key (the history compares the accounts taken with them again). */
  private readonly accounts = new Map<string, Account>();
  /** The keys any shard holds as moved there by hand (built on first use). */
  private strays: Set<string> | undefined;
  /** Lines read from the shards (the accounts taken), by key: a new log entry's base lines. */
  private readonly linesRead = new Map<string, string>();
  /** `locate`'s answers since the last commit or fold (null: no line). */
  private readonly located = new Map<string, Row | null>();
  /**
   * `targetOf` of every account the log's pending records name, as `open` placed them (a fold's
   * plan asks again for each record), where some shard holds an account moved there by hand;
   * where none does, every account's target is its home, and nothing is kept per record.
   */
  private readonly targets = new Map<string, string>();
  /**
   * What this process committed through the log since the view was opened (`committed`), by key:
   * a view kept between transactions (pool.ts, `serve`) puts them over the log's records as it
   * puts a transaction's changes. Their base lines are in the log already.
   */
  private readonly own = new Map<string, Account>();
  /** The same, as the overlay lists them. */
  private readonly ownLazies = new Map<string, LazyAccount>();
  /** The same again, in circle order (kept so by `committed`: `front` merges it, never sorts it). */
  private readonly ownInOrder: LazyAccount[] = [];
  /** Each shard's tag as opened (log-judged.ts `tagOf`), where no account is moved by hand. */
  private tags: [number, number][] | undefined;
  /** The log's records in circle order, sorted once on first use (`front`). */
  private logInOrder: LazyAccount[] | undefined;

  private constructor(
    private readonly source: CircleSource,
    private readonly shards: Shard[],
  ) {
    this.byName = new Map(source.names.map((name, s) => [name, s]));
  }

  /** The view, or undefined where only the whole read can choose (see the header). */
  static async open(source: CircleSource): Promise<CircleView | undefined> {
    // A few shards at a time: a shard made again is read and decoded whole, and a million
    // accounts' worth at once would hold the whole pool in memory (what the indexes spare).
    const loaded: (Shard | undefined)[] = [];
    const clock = source.store.clock(); // before every stat
    const heads = await readHeads(source.store.dir, source.shardCount);
    for (let i = 0; i < source.names.length; i += 8) loaded.push(...(await Promise.all(source.names.slice(i, i + 8).map((name) => loadShard(source, name, clock, heads.get(name))))));
    if (loaded.some((s) => s === undefined || !s.head.sortedLines)) return undefined;
    const view = new CircleView(source, loaded as Shard[]);
    view.saveHeads(heads);
    if (view.heldTwice()) return undefined;
    // By the rules of LogView.apply (log-view.ts): a record applies to the shard holding the
    // account's line (else its home) unless a fold of that shard came after it, and its base is
    // the latest one logged after that shard's last fold.
    const strays = view.strayKeys().size > 0;
    const homes = strays ? undefined : homesOf(source.shardCount);
    const log = (view.log = source.log.pendingIn((key) => view.targetOf(key), source.names, homes));
    const { keys, positions } = log;
    const logged = new Int32Array(keys.length);
    const loggedShard = new Int32Array(keys.length);
    const loggedLine = new Int32Array(keys.length);
    // Where no account is moved by hand, what the last reader judged of each record (log-judged.ts)
    // is taken where its shard is as it was then; the others are looked up once, shard by shard
    // (not remembered: a million-account pool has ~50,000 pending), from the line the last reader
    // found each at.
    const tags = (view.tags = homes && view.shards.map((shard) => tagOf(source.shardCount, shard.head.name, shard.head.sha1, shard.head.tuples)));
    const found = view.lookUpAll(keys, tags && { tags, log }, homes && ((i) => log.placeOf(i)), (key, shard) => {
      const target = source.names[shard]!;
      return (line, hashIs, i) => {
        if (log.isFolded(positions[i]!, target)) return FOLDED;
        // The base's hash read off the log's bytes: the line is never made into text.
        const base = log.baseHashAfter(key, log.markOf(target));
        return base === undefined || hashIs(base) ? AS_BASED : EDITED;
      };
    });
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (found.state[i] === FOLDED) {
        if (strays) view.targets.set(key, source.names[found.shard[i]!]!);
        continue;
      }
      if (found.state[i] === EDITED) return undefined; // edited by hand since
      if (found.state[i] === AS_BASED) {
        if (strays) view.targets.set(key, source.names[found.shard[i]!]!);
        view.hide(view.shards[found.shard[i]!]!, found.line[i]!, i, found.tuple[i]);
        loggedShard[count] = found.shard[i]!;
        loggedLine[count] = found.line[i]!;
        logged[count++] = i;
        continue;
      }
      const at = view.rowOf(key); // not at home: moved there by hand, or not held
      const target = at ? source.names[at.shard]! : source.shardNameOf(key);
      if (strays) view.targets.set(key, target);
      if (log.isFolded(positions[i]!, target)) continue;
      if (!at) return undefined; // added or removed by hand since it was logged: merged by the whole read
      const shard = view.shards[at.shard]!;
      const base = log.baseHashAfter(key, log.markOf(target));
      if (base !== undefined && !shard.index.hashIs(at.line, base)) return undefined; // edited by hand since
      view.hide(shard, at.line, i);
      loggedShard[count] = at.shard;
      loggedLine[count] = at.line;
      logged[count++] = i;
    }
    view.logged = logged.subarray(0, count);
    view.loggedShard = loggedShard.subarray(0, count);
    view.loggedLine = loggedLine.subarray(0, count);
    view.loggedReady = true;
    if (homes) {
      for (let i = 0; i < keys.length; i++) {
        log.place(i, found.line[i]!); // -1 where not at home
        if (found.state[i] === AS_BASED) log.judge(i, found.shard[i]!, found.line[i]!, found.tuple[i]!, tags![found.shard[i]!]!);
      }
      await log.savePlaces();
      await log.saveJudged();
    }
    return view;
  }

  /**
   * The heads file (circle-heads.ts) written again where a shard was read other than from it
   * (missing, stale, made again): what the next process opens instead of every index.
   */
  private saveHeads(read: ReadonlyMap<string, HeadEntry>): void {
    const entries = new Map<string, HeadEntry>();
    let changed = false;
    for (const shard of this.shards) {
      const entry = shard.headEntry();
      if (!entry) continue;
      entries.set(entry.head.name, entry);
      if (read.get(entry.head.name) !== entry) changed = true;
    }
    if (changed || entries.size !== read.size) saveHeads(this.source.store.dir, this.source.shardCount, entries);
  }

  /**
   * Where the line of `key` is in its home shard as this view opened it, that line's tuple and
   * the shard's tag: what a reader would judge of a record of it (log-judged.ts `judgeAppended`).
   * Asked before any fold of this view; undefined where some account is moved by hand or `key` is
   * not at home.
   */
  judgedPlace(key: string): JudgedPlace | undefined {
    if (!this.tags) return undefined;
    const at = this.locate(key);
    if (!at || this.byName.get(this.source.shardNameOf(key)) !== at.shard) return undefined;
    const tag = this.tags[at.shard]!;
    return [at.shard, at.line, this.shards[at.shard]!.index.tupleAt(at.line), tag[0], tag[1]];
  }

  /** Each shard file and how many accounts it holds (undefined: no such file), to hold against the record of the shards. */
  get onDisk(): ShardOnDisk[] {
    return this.shards.map((s) => ({ name: s.head.name, file: s.file, size: s.absent ? undefined : s.head.size }));
  }

  /** An account moved by hand to another shard that its home (or a third shard) holds too: only the whole read names the lines. */
  private heldTwice(): boolean {
    const seen = new Set<string>();
    for (const shard of this.shards) {
      for (const [key] of shard.head.strays) {
        const home = this.byName.get(this.source.shardNameOf(key));
        if (seen.has(key) || (home !== undefined && this.shards[home]!.index.find(key) >= 0)) return true;
        seen.add(key);
      }
    }
    return false;
  }

  /**
   * Where an account's line is (`rowOf`), remembered: a transaction looks each of its changes up
   * three or four times (the tally's hidden lines, the history's accounts before, the fold's
   * lines; ~3,000 binary searches by key over the indexes per allocation). Forgotten at each
   * commit and fold, and past LOCATED_MAX, so it holds about one transaction's accounts, never
   * the pool's (a kept view serves for hours).
   */
  private locate(key: string): Row | undefined {
    const known = this.located.get(key);
    if (known !== undefined) return known ?? undefined;
    const at = this.loggedRowOf(key) ?? this.rowOf(key);
    if (this.located.size >= LOCATED_MAX) this.located.clear();
    this.located.set(key, at ?? null);
    return at;
  }

  /** Where the line of an account the log's records override is, as `open` found it (no search of the shard's keys). */
  private loggedRowOf(key: string): Row | undefined {
    if (!this.loggedReady) return undefined;
    if (!this.loggedByKey) {
      // In two typed columns (key-index.ts), not a Map of [key, k] pairs: ~26,000 pending records at
      // 1,000,000 accounts mid fold cycle made ~990 fresh pages of pairs and Map (~14 ms of page
      // faults on this project's VMs, perf's page-faults event, docs/scale-log.md stop 48) for the
      // ~800 accounts an allocation looks up here. The last k of a key held twice, as the Map's.
      const { keys } = this.log;
      this.loggedByKey = new KeyIndex(Array.from(this.logged, (i) => keys[i]!));
    }
    const k = this.loggedByKey.get(key);
    return k === undefined ? undefined : { shard: this.loggedShard[k]!, line: this.loggedLine[k]! };
  }

  /** Where an account's line is: in its home shard, else (moved there by hand) the last shard listing it, as Snapshot.locate. */
  private rowOf(key: string): Row | undefined {
    const home = this.byName.get(this.source.shardNameOf(key));
    if (home !== undefined) {
      const line = this.shards[home]!.index.find(key);
      if (line >= 0) return { shard: home, line };
    }
    for (let s = this.shards.length - 1; s >= 0; s--) for (const [stray, line] of this.shards[s]!.head.strays) if (stray === key) return { shard: s, line };
    return undefined;
  }

  private hashAt({ shard, line }: Row): string {
    return this.shards[shard]!.index.hashAt(line);
  }

  /** Line `line` of `shard` (of tuple `tuple`, where known already) is overridden from now on, by the log's record `record` or by OWN. */
  private hide(shard: Shard, line: number, record: number, tuple?: number): void {
    const recordAt = (shard.recordAt ??= new Int32Array(shard.head.size).fill(NONE));
    if (recordAt[line] === NONE) shard.shown[tuple ?? shard.index.tupleAt(line)]!--;
    recordAt[line] = record;
  }

  /**
   * Each of `keys` looked up in its home shard, shard by shard (ShardCircle.lookUp: the parts it
   * needs are read into reused buffers and not kept): the shard and line of each found there,
   * that line's tuple, and what `judge` (made per key and shard) says of it, given whether the
   * line's hash is a given one; NOT_HOME for a key its home does not hold. `hintOf(i)`: where
   * the last reader found `keys[i]` (change-log.ts `placeOf`), looked at first.
   */
  private lookUpAll(
    keys: readonly string[],
    judged: { tags: readonly (readonly [number, number])[]; log: LoggedChanges } | undefined,
    hintOf: ((i: number) => number) | undefined,
    judgeOf: (key: string, shard: number) => (line: number, hashIs: (hash: Buffer) => boolean, i: number) => number,
  ): { shard: Int32Array; line: Int32Array; tuple: Int32Array; state: Uint8Array } {
    const shard = new Int32Array(keys.length).fill(-1);
    const line = new Int32Array(keys.length).fill(-1);
    const tuple = new Int32Array(keys.length);
    const state = new Uint8Array(keys.length).fill(NOT_HOME);
    const byShard: number[][] = this.shards.map(() => []);
    const rows = judged?.log.judged;
    for (let i = 0; i < keys.length; i++) {
      // Judged by the last reader, its shard as it was then (log-judged.ts): taken as found.
      const at = judged ? judged.log.judgedOf(i) : -1;
      if (at >= 0) {
        const s = rows![at + SHARD]!;
        const tag = judged!.tags[s];
        if (tag && tag[0] === rows![at + TAG_A] && tag[1] === rows![at + TAG_B]) {
          shard[i] = s;
          line[i] = rows![at + LINE]!;
          tuple[i] = rows![at + TUPLE]!;
          state[i] = AS_BASED;
          continue;
        }
      }
      const home = this.byName.get(this.source.shardNameOf(keys[i]!));
      if (home !== undefined) byShard[home]!.push(i);
    }
    byShard.forEach((records, s) => {
      if (records.length === 0) return;
      this.shards[s]!.index.lookUp(
        records.map((i) => keys[i]!),
        hintOf && records.map(hintOf),
        (k, at, t, hashIs) => {
          const i = records[k]!;
          shard[i] = s;
          line[i] = at;
          tuple[i] = t;
          state[i] = judgeOf(keys[i]!, s)(at, hashIs, i);
        },
      );
    });
    return { shard, line, tuple, state };
  }

  /** Whether the line at `at` is overridden by the log's records or this process's commits. */
  private isHidden(at: Row): boolean {
    const { recordAt } = this.shards[at.shard]!;
    return recordAt !== undefined && recordAt[at.line] !== NONE;
  }

  /** The log's record (its place in `log.lines`) that overrides the line of `key`, if one does. */
  private recordOf(key: string): number | undefined {
    const at = this.locate(key);
    const record = at && this.shards[at.shard]!.recordAt?.[at.line];
    return record !== undefined && record >= 0 ? record : undefined;
  }

  /** The line of `row` as the file holds it, checked against the index. */
  private lineAt(row: Row): string {
    const shard = this.shards[row.shard]!;
    const [from, next] = shard.index.spanOf(row.line);
    const text = shard.textAt(from, next - from - 1);
    const key = shard.index.keyAt(row.line);
    if (lineHash(text) !== this.hashAt(row) || trustedLineKey(text) !== key) throw new StaleCircle(`${shard.file} is not what its index (.cache/circle) says`);
    this.linesRead.set(key, text);
    return text;
  }

  private lazyAt(row: Row): LazyAccount {
    const { index } = this.shards[row.shard]!;
    const { line } = row;
    const key = index.keyAt(line);
    // Where it is, known: a transaction that takes or gives back this account looks it up again
    // (`locate`), and would read the shard's keys for it.
    if (!this.located.has(key)) {
      if (this.located.size >= LOCATED_MAX) this.located.clear();
      this.located.set(key, row);
    }
    return LazyAccount.reading(circleStandingOf(index.head.tuples[index.tupleAt(line)]!, index.allocatedAt(line)), key, {
      seq: () => index.seqAt(line),
      account: () => this.accountAt(row, key),
    });
  }

  /** The account on `row` (whose key is `key`), read and parsed once. */
  private accountAt(row: Row, key: string): Account {
    let account = this.accounts.get(key);
    if (!account) {
      const { index, file } = this.shards[row.shard]!;
      account = parseTrustedLines([this.lineAt(row)], index.head.name, file)[0]!;
      // The index's standing chose it: a line whose own standing is another (an index edited with
      // the line's hash kept: a held account read as free) is not the line the index describes.
      if (JSON.stringify(tupleOfStanding(account)) !== JSON.stringify(index.head.tuples[index.tupleAt(row.line)]) || account.allocated_at !== index.allocatedAt(row.line)) {
        throw new StaleCircle(`${file} is not what its index (.cache/circle) says`);
      }
      this.accounts.set(key, account);
      // Where it is, for `get` (the history asks for each account taken again): no search then.
      if (this.located.size < LOCATED_MAX) this.located.set(key, row);
    }
    return account;
  }

  /** The account as committed (the log over the shards), read from its line. */
  get(username: string): Account | undefined {
    const key = keyOf(username);
    const own = this.own.get(key);
    if (own) return own;
    const at = this.locate(key);
    if (!at) return undefined;
    const record = this.shards[at.shard]!.recordAt?.[at.line];
    if (record !== undefined && record >= 0) return this.logAccount(record);
    return this.accountAt(at, key);
  }

  /** Whether the pool holds the account (committed, before `changes`). */
  has(key: string): boolean {
    return this.own.has(key) || this.locate(key) !== undefined;
  }

  /**
   * `changes` were committed through the change log by this process (its own entry, appended
   * under the lock after this view was opened): the view goes on from them, as if it had read them.
   */
  committed(changes: ReadonlyMap<string, Account>): void {
    for (const [key, account] of changes) {
      // Its line, if the log did not override it already, is overridden now (as `open` marks the log's).
      const at = this.own.has(key) ? undefined : this.locate(key);
      if (at && !this.isHidden(at)) this.hide(this.shards[at.shard]!, at.line, OWN);
      this.own.set(key, account);
      const old = this.ownLazies.get(key);
      if (old) {
        const at = lowerBound(this.ownInOrder, old); // the key orders ties: `old` itself
        if (this.ownInOrder[at] === old) this.ownInOrder.splice(at, 1);
      }
      const lazy = LazyAccount.of(account, key);
      this.ownLazies.set(key, lazy);
      this.ownInOrder.splice(lowerBound(this.ownInOrder, lazy), 0, lazy);
    }
    this.located.clear(); // one transaction's lookups at a time (this one's used above)
  }

  /** Accounts committed since the view was opened (`committed`). */
  get ownRecords(): number {
    return this.own.size;
  }

  /**
   * Whether every shard file is still the one indexed, so that a view kept since an earlier
   * transaction holds (every commit of this process in between being `committed` to it): each
   * file's stamp is the one sighted and its times older than that sighting by the racy margin,
   * else its bytes are hashed again (pool-standings.ts `settled`, as `open` checks them).
   */
  async stillIndexes(statOf: (name: string) => Promise<BigIntStats | undefined>, bytesOf: (name: string) => Promise<Buffer | undefined>): Promise<boolean> {
    const clock = this.source.store.clock(); // before every stat
    for (const shard of this.shards) {
      const { sighting, head } = shard;
      const checkedAt = Date.now(); // before the stat, as `loadShard` takes it
      const info = await statOf(head.name);
      if (!info) {
        if (shard.absent) continue;
        return false;
      }
      if (shard.absent || stampOf(info) !== sighting.stamp) return false;
      if (settledSince(info, sighting)) continue;
      const bytes = await bytesOf(head.name);
      if (!bytes || shardHash(bytes) !== head.sha1) return false;
      shard.seen(clock === undefined ? { ...sighting, checkedAt } : { ...sighting, checkedAt, clock });
    }
    return true;
  }

  /** The accounts that are not lines of the indexes and not the log's records: this process's commits, then `changes` over them. */
  private ownOverlay(changes: ReadonlyMap<string, Account>): LazyAccount[] {
    const all: LazyAccount[] = [];
    for (const [key, lazy] of this.ownLazies) if (!changes.has(key)) all.push(lazy);
    for (const [key, account] of changes) all.push(LazyAccount.of(account, key));
    return all;
  }

  /**
   * The log's records that override a line, as lazy accounts (made once): each one's standing off
   * the log's digest (change-log.ts `standingOf`), so no record is made into text unless read whole.
   */
  private logAccountList(): LazyAccount[] {
    return (this.logAccounts ??= Array.from(this.logged, (_, k) => this.logLazy(k)));
  }

  /** The log's record at `k` of `logged` as a lazy account, made once. */
  private logLazy(k: number): LazyAccount {
    const lazies = (this.logLazies ??= new Array<LazyAccount | undefined>(this.logged.length));
    let lazy = lazies[k];
    if (!lazy) {
      const log = this.log;
      const i = this.logged[k]!;
      const standing = log.standingOf(i);
      const account = () => this.logAccount(i);
      lazy = lazies[k] = standing ? LazyAccount.reading(standing, log.keys[i]!, { seq: () => log.seqOf(i), account }) : LazyAccount.of(account(), log.keys[i]!);
    }
    return lazy;
  }

  /**
   * The log's records that `changes` and this process's commits do not override, judged by
   * their standing tuples off the log's digest (`judge` sees no `allocated_at`: one call per
   * tuple), each verdict given to `count`; those judged `take` in circle order, made into lazy
   * accounts only as the caller takes them. Why: at 1,000,000 accounts mid fold cycle ~26,000
   * records are pending, and making each a lazy account (its standing, its reader) in every
   * allocation cost more than the ~800 the allocation reads. A record whose tuple the digest
   * does not give is made into an account and judged as before, and goes to `others`.
   */
  private judgedLog<V>(judge: (standing: CircleStanding) => V, take: V, changes: ReadonlyMap<string, Account>, count: (verdict: V) => void, others: LazyAccount[]): Iterator<LazyAccount> {
    const log = this.log;
    const { keys } = log;
    const logged = this.logged;
    const verdicts = new Map<CircleTuple, V>();
    const taken: number[] = [];
    const allocated = new Float64Array(logged.length);
    for (let k = 0; k < logged.length; k++) {
      const i = logged[k]!;
      const key = keys[i]!;
      if (changes.has(key) || this.own.has(key)) continue;
      const tuple = log.tupleOf(i);
      if (tuple === undefined) {
        const lazy = this.logLazy(k);
        const verdict = judge(lazy.standing);
        count(verdict);
        if (verdict === take) others.push(lazy);
        continue;
      }
      let verdict = verdicts.get(tuple);
      if (verdict === undefined && !verdicts.has(tuple)) verdicts.set(tuple, (verdict = judge(circleStandingOf(tuple, undefined))));
      count(verdict as V);
      if (verdict !== take) continue;
      taken.push(k);
      allocated[k] = log.allocatedOf(i);
    }
    const seqs = new Map<number, number>();
    const seqOf = (k: number) => {
      let seq = seqs.get(k);
      if (seq === undefined) seqs.set(k, (seq = log.seqOf(logged[k]!) ?? this.logLazy(k).seq));
      return seq;
    };
    const order = circleOrderBy(allocated, seqOf, (k) => keys[logged[k]!]!);
    const lazyOf = (k: number) => this.logLazy(k);
    return (function* () {
      for (const k of ascending(taken, order)) yield lazyOf(k);
    })();
  }

  /** The log's record at `i` (its place in `log.lines`), parsed once. */
  private logAccount(i: number): Account {
    let account = this.logParsed.get(i);
    if (!account) {
      account = parseTrustedLines([this.log.lineAt(i)], 'log', this.source.logFile)[0]!;
      // As a shard line against its index (accountAt): the digest's tuple may have chosen it, so a
      // record whose own standing is another (a digest edited, its check made again) is not used.
      const tuple = this.log.tupleOf(i);
      const allocated = this.log.allocatedOf(i);
      if (tuple !== undefined && (JSON.stringify(tupleOfStanding(account)) !== JSON.stringify(tuple) || (Number.isNaN(allocated) ? account.allocated_at !== undefined : Date.parse(account.allocated_at ?? '') !== allocated))) {
        throw new StaleCircle(`${this.source.logFile} is not what its digest (.cache/log) says`);
      }
      this.logParsed.set(i, account);
    }
    return account;
  }

  /** Per shard, the lines the log, this process's commits or `changes` override. */
  private hidden(changes: ReadonlyMap<string, Account>): Hidden[] {
    const changed: (Set<number> | undefined)[] = [];
    for (const key of changes.keys()) {
      const at = this.own.has(key) ? undefined : this.locate(key);
      if (!at || this.isHidden(at)) continue;
      (changed[at.shard] ??= new Set()).add(at.line);
    }
    return this.shards.map((shard, s) => new Hidden(shard.recordAt, changed[s]));
  }

  /**
   * Every account judged by its standing (`judge` sees no `allocated_at`: it must not depend on
   * it), with `changes` over the pool: how many got each verdict, and those judged `take` in
   * circle order, read only as far as the caller goes.
   */
  circle<V>(judge: (standing: CircleStanding) => V, take: V, changes: ReadonlyMap<string, Account>): { tally: Map<V, number>; list: Iterable<LazyAccount> } {
    const tally = new Map<V, number>();
    const add = (verdict: V, n: number) => n > 0 && tally.set(verdict, (tally.get(verdict) ?? 0) + n);
    const hidden = this.hidden(changes);
    const taken = this.shards.map((shard, s) => {
      const counts = shard.shown.slice();
      for (const line of hidden[s]!.changed ?? []) counts[shard.index.tupleAt(line)]!--;
      return shard.head.tuples.map((tuple, t) => {
        const verdict = judge(circleStandingOf(tuple, undefined));
        add(verdict, counts[t]!);
        return verdict === take;
      });
    });
    const extra: LazyAccount[] = [];
    const logged = this.judgedLog(judge, take, changes, (verdict) => add(verdict, 1), extra);
    for (const lazy of this.ownOverlay(changes)) {
      const verdict = judge(lazy.standing);
      add(verdict, 1);
      if (verdict === take) extra.push(lazy);
    }
    // Sorted only as far as taken (ascending.ts): a kept view's overlay holds every account this
    // process handed out and released since, most of them available again, at the circle's end.
    return { tally, list: this.inOrder(taken, hidden, mergeInOrder([logged, ascending(extra, inCircle)])) };
  }

  /**
   * What `circle` lists, without counting it: the accounts `judge` admits, in circle order, with
   * `changes` over the pool. The overlay (the log's records and this process's own) is judged
   * only as far as the caller takes from it, already in order: a batch of `serve` over a kept
   * view does not pay for the whole log.
   */
  front(judge: (standing: CircleStanding) => boolean, changes: ReadonlyMap<string, Account>): Iterable<LazyAccount> {
    const hidden = this.hidden(changes);
    const taken = this.shards.map((shard) => shard.head.tuples.map((tuple) => judge(circleStandingOf(tuple, undefined))));
    this.logInOrder ??= this.logAccountList().slice().sort(inCircle);
    const admitted = (lazy: LazyAccount) => !changes.has(lazy.key) && judge(lazy.standing);
    const extras = mergeInOrder([
      filtered(this.logInOrder, (lazy) => !this.own.has(lazy.key) && admitted(lazy)),
      filtered(this.ownInOrder, admitted),
      [...changes].map(([key, account]) => LazyAccount.of(account, key)).filter((lazy) => judge(lazy.standing)).sort(inCircle)[Symbol.iterator](),
    ]);
    return this.inOrder(taken, hidden, extras);
  }

  /**
   * The lines whose tuple is `taken` and not `hidden`, merged with `extra` (sorted), in circle
   * order. Each shard's first line not yet yielded sits in a binary heap, so a line yielded costs
   * a few comparisons, not one per shard (the merge had 64 and would have 256 at 1,000,000).
   */
  private *inOrder(taken: boolean[][], hidden: Hidden[], extras: Iterator<LazyAccount>): Generator<LazyAccount> {
    type Head = InCircle & { key: string; shard: number; at: number };
    const before = (a: InCircle & { key: string }, b: InCircle & { key: string }) => (circleOrder(a, b) || byKey(a.key, b.key)) < 0;
    /** Shard `s`'s first line in the circle at or after `from` that is taken and not hidden. */
    const headOf = (s: number, from: number): Head | undefined => {
      // Through the index's front block first (the parts are read only past it).
      const { index } = this.shards[s]!;
      const p = index.firstPlace(from, taken[s]!, hidden[s]!);
      if (p >= index.size) return undefined;
      const line = index.orderAt(p);
      return { allocated_at: index.allocatedAt(line), seq: index.seqAt(line), key: index.keyAt(line), shard: s, at: p };
    };
    const heap: Head[] = [];
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (let s = 0; s < this.shards.length; s++) {
      const shard = this.shards[s]!;
      // A shard none of whose lines the judge takes is never looked at, its index never read.
      if (!taken[s]!.some((take, t) => take && shard.shown[t]! > 0)) continue;
      if (shard.isLoaded) {
        const h = headOf(s, 0);
        if (h) heap.push(h);
        continue;
      }
      // Not read yet (circle-heads.ts): its first line stands in, a bound no line of it comes
      // before, until it reaches the top; its index is read only then.
      const [allocated, seq, key] = shard.first!;
      heap.push({ allocated_at: allocated ?? undefined, seq, key, shard: s, at: UNREAD });
    }
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    let extra = extras.next();
    for (;;) {
      const top = heap[0];
      const next = extra.done ? undefined : extra.value;
      if (!top && !next) return;
      if (next && (!top || before(next, top))) {
        yield next;
        extra = extras.next();
        continue;
      }
      if (top!.at === UNREAD) {
        const h = headOf(top!.shard, 0);
        if (h) heap[0] = h;
        else {
          const last = heap.pop()!;
          if (heap.length > 0) heap[0] = last;
        }
        if (heap.length > 0) down(0);
        continue;
      }
      const line = this.shards[top!.shard]!.index.orderAt(top!.at);
      const following = headOf(top!.shard, top!.at + 1);
      if (following) heap[0] = following;
      else {
        const last = heap.pop()!;
        if (heap.length > 0) heap[0] = last;
      }
      if (heap.length > 0) down(0);
      yield this.lazyAt({ shard: top!.shard, line });
    }
  }

  /** The accounts whose holder `holds` accepts, with `changes` over the pool. */
  heldBy(holds: (holder: string) => boolean, changes: ReadonlyMap<string, Account>): LazyAccount[] {
    const hidden = this.hidden(changes);
    // The log's records by their tuples' holders: made into lazy accounts only where held so.
    const found: LazyAccount[] = [];
    const log = this.log;
    const { keys } = log;
    const holding = new Map<CircleTuple, boolean>();
    for (let k = 0; k < this.logged.length; k++) {
      const i = this.logged[k]!;
      if (changes.has(keys[i]!) || this.own.has(keys[i]!)) continue;
      const tuple = log.tupleOf(i);
      if (tuple !== undefined) {
        let held = holding.get(tuple);
        if (held === undefined) holding.set(tuple, (held = typeof tuple[4] === 'string' && holds(tuple[4])));
        if (held) found.push(this.logLazy(k));
        continue;
      }
      const lazy = this.logLazy(k);
      if (lazy.standing.holder !== undefined && holds(lazy.standing.holder)) found.push(lazy);
    }
    for (const lazy of this.ownOverlay(changes)) if (lazy.standing.holder !== undefined && holds(lazy.standing.holder)) found.push(lazy);
    this.shards.forEach((shard, s) => {
      const wanted = shard.head.tuples.map(([, , , , holder], t) => typeof holder === 'string' && shard.head.counts[t]! > 0 && holds(holder));
      if (!wanted.includes(true)) return; // its index is not read
      const { index } = shard;
      const skip = hidden[s]!;
      // Listed in the index's block, where they are few (no part read); else the tuple part.
      const held = index.heldLines();
      if (held) {
        for (const { line, tuple } of held) if (wanted[tuple] && !skip.has(line)) found.push(this.lazyAt({ shard: s, line }));
        return;
      }
      const { tuple } = index; // a local: this loop runs once per line, uncompiled (see loadShard's counts)
      for (let line = 0; line < tuple.length; line++) if (wanted[tuple[line]!] && !skip.has(line)) found.push(this.lazyAt({ shard: s, line }));
    });
    return found;
  }

  /** The shard lines (as the files hold them) of the changed accounts not in the log yet: a new entry's base lines (change-log.ts). */
  baseLines(changes: Iterable<Account>): string[] {
    const lines: string[] = [];
    for (const account of changes) {
      const key = keyOf(account.username);
      if (this.own.has(key)) continue;
      const at = this.locate(key);
      if (at && !this.isHidden(at)) lines.push(this.linesRead.get(key) ?? this.lineAt(at));
    }
    return lines;
  }

  /**
   * What status needs of each changed account's line where it is in its home shard (handed-lines.ts):
   * the shard's name and sha1, the line's hash and standing tuple, read off the lines `baseLines` read.
   */
  handedLines(changes: Iterable<Account>): Map<string, HandedLine> {
    const lines = new Map<string, HandedLine>();
    for (const account of changes) {
      const key = keyOf(account.username);
      const line = this.linesRead.get(key);
      const at = line === undefined || this.own.has(key) ? undefined : this.locate(key);
      if (!at || this.isHidden(at) || this.byName.get(this.source.shardNameOf(key)) !== at.shard) continue;
      const { name, sha1 } = this.shards[at.shard]!.head;
      lines.set(key, { shard: name, sha1, lineHash: lineHash(line!), tuple: summaryTuple(new ShardState(name, '', [line!]).standingAt(0)) });
    }
    return lines;
  }

  /** The shard (by name) an account's records apply to: the one holding its line, else its home (log-view.ts `targetsOf`). */
  targetOf(key: string): string {
    const placed = this.targets.get(key);
    if (placed !== undefined) return placed;
    // Asked for every line of the log: an account no shard lists as moved there by hand is in its home or nowhere.
    if (!this.strayKeys().has(key)) return this.source.shardNameOf(key);
    const at = this.locate(key);
    return at ? this.source.names[at.shard]! : this.source.shardNameOf(key);
  }

  /**
   * The keys the shards hold spelled `spelling` otherwise than written (circle-index.ts `odd`),
   * but `key`: a second spelling of an account is among them. Asked for every account taken, so
   * answered from one sorted list of the pool's odd hashes, made once per view: the shards are
   * asked only where that hash is listed more often than `key` itself accounts for (a real second
   * spelling, or a collision the shard weeds out). A garbled list is StaleCircle: the whole read.
   */
  spelledAs(spelling: string, key: string): string[] {
    const hash = spellingHash(spelling);
    try {
      if (!this.oddHashes) {
        const lists = this.shards.map((shard) => (shard.head.odd === '' ? new Uint32Array(0) : shard.index.odd));
        const all = new Uint32Array(lists.reduce((n, odd) => n + odd.length / 2, 0));
        let at = 0;
        for (const odd of lists) for (let i = 0; i < odd.length; i += 2) all[at++] = odd[i]!;
        this.oddHashes = all.sort();
      }
      const all = this.oddHashes;
      let listed = 0;
      for (let i = firstHashAtLeast(all, hash); i < all.length && all[i] === hash; i++) listed++;
      if (listed <= (key !== spelling ? 1 : 0)) return [];
      const keys: string[] = [];
      for (const shard of this.shards) if (shard.head.odd !== '') for (const k of shard.index.spelledAs(spelling, hash)) if (k !== key) keys.push(k);
      return keys;
    } catch (error) {
      if (error instanceof GarbledCircle) throw new StaleCircle(error.message);
      throw error;
    }
  }

  /**
   * The accounts the log's pending records and this process's commits put over the indexed
   * lines, with their providers, where `wanted(key)`: `spelledAs` answers from the lines, and
   * a Google name without @ spells its Gmail address only once its provider says Google.
   */
  *pendingProviders(wanted: (key: string) => boolean): Generator<[string, Provider]> {
    const { keys } = this.log;
    for (const i of this.logged) {
      const key = keys[i]!;
      // Off the record's text where it says it plainly, as ShardState.providerAt reads a line's: no record parsed for it.
      if (!this.own.has(key) && wanted(key)) yield [key, plainLineProvider(this.log.lineAt(i)) ?? this.logAccount(i).provider];
    }
    for (const [key, account] of this.own) if (wanted(key)) yield [key, account.provider];
  }

  /** Every shard's odd hashes (circle-index.ts `odd`), sorted (`spelledAs`). */
  private oddHashes: Uint32Array | undefined;

  /** The keys any shard holds as moved there by hand. */
  private strayKeys(): Set<string> {
    return (this.strays ??= new Set(this.shards.flatMap((shard) => shard.head.strays.map(([stray]) => stray))));
  }

  /** The bytes a fold of shard `s` writes: its file (as indexed) and its circle index (`saveFolded`). */
  foldBytes(s: number): number {
    const shard = this.shards[s]!;
    return shard.head.shardBytes + shard.fileBytes;
  }

  /** `changes` by the shard and line holding each account (those the shards hold): located once for every shard a fold writes. */
  changedLines(changes: ReadonlyMap<string, Account>): Map<number, Map<number, Account>> {
    const byShard = new Map<number, Map<number, Account>>();
    for (const [key, account] of changes) {
      const at = this.locate(key);
      if (!at) continue;
      let lines = byShard.get(at.shard);
      if (!lines) byShard.set(at.shard, (lines = new Map()));
      lines.set(at.line, account);
    }
    return byShard;
  }

  /**
   * What a fold of shard `s` writes: `before` (the file, which must be the bytes indexed: see
   * `indexes`) with the log's records not yet in it, then `changed` (`changedLines`), over their
   * lines, under the canonical header; copied around those lines byte for byte, none of the
   * others decoded.
   */
  foldedFile(s: number, before: Buffer, changed: ReadonlyMap<number, ReadonlyMap<number, Account>>): { after: Buffer; lines: Map<number, string> } {
    const { index, recordAt } = this.shards[s]!;
    const lines = new Map<number, string>();
    if (recordAt) for (let line = 0; line < recordAt.length; line++) if (recordAt[line]! >= 0) lines.set(line, this.log.lineAt(recordAt[line]!));
    for (const [line, account] of changed.get(s) ?? []) lines.set(line, encodeAccountLine(account));
    const { starts } = index;
    const parts: Buffer[] = [Buffer.from(shardHeader(index.head.name))];
    let from = starts[0]!;
    for (const line of [...lines.keys()].sort((a, b) => a - b)) {
      parts.push(before.subarray(from, starts[line]), Buffer.from(`${lines.get(line)!}\n`));
      from = starts[line + 1]!;
    }
    parts.push(before.subarray(from));
    return { after: Buffer.concat(parts), lines };
  }

  /**
   * Copies of the lines `lines` of `before` (shard `s`'s file as indexed), by line: what
   * `unfoldedFile` puts back. Undefined where `before` does not start with the canonical header,
   * which `foldedFile` writes in its place (the old bytes could not be told from the new file).
   */
  linesOf(s: number, before: Buffer, lines: Iterable<number>): Map<number, Buffer> | undefined {
    const { index } = this.shards[s]!;
    const { starts } = index;
    if (!before.subarray(0, starts[0]).equals(Buffer.from(shardHeader(index.head.name)))) return undefined;
    const old = new Map<number, Buffer>();
    for (const line of lines) old.set(line, Buffer.from(before.subarray(starts[line], starts[line + 1])));
    return old;
  }

  /**
   * The bytes `foldedFile` made `after` from, rebuilt: `after` with the lines it wrote (`written`,
   * by line, the `lines` it returned) replaced by their old bytes (`old`, from `linesOf`). For a
   * caller that let the old bytes go while the new file was written; it checks the result's sha1.
   */
  unfoldedFile(s: number, after: Buffer, written: ReadonlyMap<number, string>, old: ReadonlyMap<number, Buffer>): Buffer {
    const { starts } = this.shards[s]!.index;
    const parts: Buffer[] = [after.subarray(0, starts[0])];
    let at = starts[0]!; // in `after`
    let from = starts[0]!; // in the old bytes
    for (const line of [...written.keys()].sort((a, b) => a - b)) {
      const kept = starts[line]! - from;
      parts.push(after.subarray(at, at + kept), old.get(line) ?? Buffer.alloc(0));
      at += kept + Buffer.byteLength(written.get(line)!) + 1;
      from = starts[line + 1]!;
    }
    parts.push(after.subarray(at));
    return Buffer.concat(parts);
  }

  /** Whether `sha1` is that of the bytes shard `s`'s index was made from. */
  indexes(s: number, sha1: string): boolean {
    const shard = this.shards[s]!;
    if (shard.head.sha1 !== sha1) return false;
    try {
      shard.index.readAll(); // what the fold reads of it (foldedFile, circle-fold.ts), checked before it starts
      return true;
    } catch (error) {
      // Garbled, or (read only now) not what the heads file said (circle-heads.ts): not folded over the index.
      if (error instanceof StaleCircle) return false;
      throw error;
    }
  }

  /**
   * A fold wrote shard `s` (`after`, made from `before`, the bytes indexed, by writing `replaced`
   * over its lines): saves the new file's index (circle-fold.ts), seen at `stamp` with sha1
   * `sha1` (settled by `clock`, the file system's clock read before that stat, where it could
   * be), so that the next look does not make it again from the file, and the view goes on over
   * it (`refolded`). `files` undefined: the new file could not be seen, or is not what was written.
   */
  async saveFolded(s: number, files: { before: Buffer; after: Buffer; sha1: string; stamp: string; checkedAt: number; clock?: string } | undefined, replaced: ReadonlyMap<number, string>): Promise<void> {
    if (!files) {
      this.carried = false; // not seen since it was written: the view no longer knows the file
      return;
    }
    const { store, shardCount } = this.source;
    const { index } = this.shards[s]!;
    const sighting = store.newSighting(index.head.name, files.sha1, shardCount, files.stamp, files.checkedAt, files.clock);
    const made = foldedCircle(index, files.before, files.after, replaced, sighting);
    if (!made) {
      this.carried = false;
      return;
    }
    await store.save(sighting, made.encoded);
    this.refolded(s, made.index);
  }

  /**
   * Shard `s` now holds the log's records over its lines, as `index` says: they leave the view's
   * overlay, and its lines are the new file's. So a view kept across the fold (pool.ts) goes on
   * without reading the log and the indexes again, nor holding a second view's worth of records
   * while the first one's are not yet collected (the checked allocate's peak).
   */
  private refolded(s: number, index: ShardCircle): void {
    const shard = this.shards[s]!;
    shard.index = index;
    shard.forgetRead(); // the lines read ahead are the old file's
    shard.recordAt = undefined;
    shard.shown = index.counts.slice();
    let kept = 0;
    for (let k = 0; k < this.logged.length; k++) {
      if (this.loggedShard[k] === s) continue;
      this.logged[kept] = this.logged[k]!;
      this.loggedLine[kept] = this.loggedLine[k]!;
      this.loggedShard[kept++] = this.loggedShard[k]!;
    }
    this.logged = this.logged.subarray(0, kept);
    this.loggedShard = this.loggedShard.subarray(0, kept);
    this.loggedLine = this.loggedLine.subarray(0, kept);
    this.loggedByKey = undefined;
    this.logAccounts = undefined;
    this.logInOrder = undefined;
    // Read again from the new file when asked: a line the fold replaced is not the one parsed before.
    this.accounts.clear();
    this.linesRead.clear();
    this.located.clear(); // the new file's lines
    for (const key of this.own.keys()) {
      const at = this.locate(key);
      if (at?.shard === s) this.hide(shard, at.line, OWN);
    }
  }

  /** Whether every shard a fold wrote had its index carried over (`saveFolded`): the view holds the pool as it now is. */
  get carriedOver(): boolean {
    return this.carried;
  }

  /** The files read line by line are still the ones indexed (nothing edited them meanwhile). */
  unchanged(): boolean {
    return this.shards.every((s) => s.fd === undefined || stampOf(fstatSync(s.fd, { bigint: true })) === s.sighting.stamp);
  }

  close(): void {
    for (const shard of this.shards) {
      if (shard.fd !== undefined) closeSync(shard.fd);
      shard.fd = undefined;
      shard.forgetRead();
    }
  }
}

/**
 * The pool as a transaction over a circle view sees it: accounts by name (`get`, as the history
 * of a transaction compares them); everything else a transaction reads goes through the view
 * (Transaction.circleView). What would need every account says so instead of reading them.
 */
export class IndexedSnapshot extends Snapshot {
  constructor(private readonly view: CircleView) {
    super([]);
  }

  override get(username: string): Account | undefined {
    return this.view.get(username);
  }

  override get size(): number {
    throw notHere();
  }

  override accounts(): never {
    throw notHere();
  }

  override lazyAccounts(): never {
    throw notHere();
  }

  override locate(): never {
    throw notHere();
  }

  override maxSeq(): never {
    throw notHere();
  }
}

function notHere(): Error {
  return new Error('a transaction over the circle indexes reads accounts through Transaction.circleView (a bug: report it)');
}
