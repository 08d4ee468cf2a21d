// One shard as read (or as a transaction will leave it): its lines, and its accounts, parsed only
// as far as they are used.
//
// Why lazily: parsing is most of what reading costs (JSON.parse of 17 MB is ~150 ms at 100,000
// accounts). `allocate` looks at every account and parses them all, on first use; `status` needs
// six fields of each and reads them off the lines (standingAt); a transaction that marks or
// releases 400 accounts only needs those 400, and finds them by key from the lines alone
// (trustedLineKey), so it parses 400 lines instead of 100,000.
import { keyOf, type Account, type CircleStanding, type Provider, type Standing, type TimedStanding } from '../model.js';
import { encodeAccountLine, firstKeyAfter, parseTrustedLines, shardHeader, trustedLineCircle, trustedLineKey, plainLineProvider, trustedLineSeq, trustedLineStanding, trustedLineTimed } from './shard-codec.js';
import { ByteLines } from './byte-lines.js';
import type { KeyIndex } from './key-index.js';
import { freshColumnLength, freshLineLength, writeFreshColumn, writeFreshLine } from './fresh-line.js';
import type { FreshAccounts } from './fresh-accounts.js';

export class ShardState {
  /**
   * Position of each account by key, built on first use. It lives with the shard state, which
   * the pool's cache keeps while the file is unchanged, so a long-running process (the server,
   * the watcher) builds it once per shard version, not once per transaction.
   */
  positions?: KeyIndex;
  /** Keys of the accounts in this file whose name hashes to another shard (moved by hand): nearly always none. */
  strays?: string[];
  /**
   * Whether the keys, in file order, are strictly increasing (compareAccountKeys): as every
   * shard our writers make is, unless edited by hand or written before keys were compared
   * case-insensitively. Found by one pass over the keys (snapshot.ts `isSorted`): such a shard
   * holds each key once, and an account is found in it by binary search, without a map of every
   * key (at 1,000,000 accounts the maps and the key strings were ~70 MB of an import's heap).
   */
  sortedKeys?: boolean;
  /** Binary searches made in this state so far (snapshot.ts `indexIn`: past an eighth of its size, the map is built). */
  searches?: number;
  /**
   * Each account's key, by index, built on first use (with `positions`): an import into a large
   * pool asks for every key of every shard it touches twice (the lookup map, then the merge of
   * the new accounts among the kept ones), and reading each off its line again cost as much.
   */
  private keyList?: string[];
  /**
   * The file's bytes, kept when every line is canonical: a transaction that only replaces a few
   * accounts copies the untouched lines from here instead of encoding the whole shard again.
   * A file planned as pieces (filePieces) is joined only when they are asked for: a command that
   * commits and exits never asks.
   */
  get bytes(): Buffer | undefined {
    if (!this.fileBytes && this.pieces) {
      this.fileBytes = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
      this.pieces = undefined;
    }
    // Paged lines (byte-lines.ts `page`) read their file again for the asker, who holds it as long as needed.
    return this.fileBytes ?? (this.ownFile ? this.byteLines!.bytes : undefined);
  }

  /** Whether this state's lines are read from its file as asked for (`page`). */
  get paged(): boolean {
    return this.ownFile && this.byteLines!.paged;
  }

  /** Whether `bytes` has the file (without reading a paged one to say so). */
  private get holdsFile(): boolean {
    return this.fileBytes !== undefined || this.pieces !== undefined || this.ownFile;
  }

  /** The length of the file `bytes` gives, where it has one, without joining pieces or reading a paged file. */
  get fileLength(): number | undefined {
    if (this.fileBytes) return this.fileBytes.length;
    if (this.pieces) return this.pieces.reduce((n, piece) => n + piece.length, 0);
    return this.ownFile ? this.lineStarts![this.size] : undefined;
  }

  /**
   * Lets this shard's bytes go, to be read again from `file` (read at `stamp`) as they are asked
   * for (byte-lines.ts `page`): a transaction over a large pool then holds the offsets of every
   * shard's lines, not all their bytes. Only for a state read off its file's bytes.
   */
  /** `home`: whether a name's keyHashOf is this shard's (then the keys' order and strays are read off the bytes as they are paged). */
  page(file: string, stamp: string, fd?: number, copyAt?: number, home?: (keyHash: number) => boolean): void {
    if (!this.ownFile) return;
    this.byteLines!.page(file, stamp, fd, copyAt, home);
    this.takeOrder(this.byteLines!.keyOrder);
  }

  /**
   * Whether the keys are strictly increasing (`sortedKeys`, the strays with them), read off the
   * held bytes of a state made from its file, or over them with some lines replaced (inPlace:
   * the change log's records applied, whose accounts keep their keys and places) (byte-lines.ts
   * `orderOf`; `home` as for `page`); undefined where they cannot be (another state, a name not
   * plain ASCII): snapshot.ts isSorted then reads the keys as strings. Asked of the file's own
   * state only, a pool with a change log pending (after any allocate) made every key a string.
   */
  orderOffBytes(home: (keyHash: number) => boolean): boolean | undefined {
    if (this.sortedKeys === undefined && this.byteLines && !this.byteLines.paged) this.takeOrder(this.byteLines.orderOf(home));
    return this.sortedKeys;
  }

  /** As snapshot.ts isSorted leaves them: the strays kept only for sorted keys (each once). */
  private takeOrder(order: { sorted: boolean; strays: string[] } | undefined): void {
    if (order && this.sortedKeys === undefined) {
      this.sortedKeys = order.sorted;
      if (order.sorted) this.strays ??= order.strays;
    }
  }

  /**
   * The first index at or after `lo` whose key comes after `key`, the keys being strictly
   * increasing (sortedKeys). Over lines read off bytes, paged ones read one block for it.
   */
  upperBound(key: string, lo = 0): number {
    // Lines replaced over byteLines keep their keys (withLines, withReplaced): the bytes' keys are this state's.
    if (this.byteLines && !this.keyList) return this.byteLines.upperBound(key, lo, this.size);
    return firstKeyAfter(key, lo, this.size, (i) => this.keyAt(i));
  }

  set bytes(bytes: Buffer | undefined) {
    this.fileBytes = bytes;
    this.pieces = undefined;
  }

  /** This state's file is `pieces`, one after the other (as written by a commit). */
  setPieces(pieces: readonly Buffer[]): void {
    this.fileBytes = undefined;
    this.pieces = pieces;
  }

  private fileBytes?: Buffer;
  private pieces?: readonly Buffer[];
  /** Made from its file's bytes (byteLines): `bytes` gives them, held or (paged) read again. */
  private ownFile = false;
  /** Holds changes that are in the change log but not yet in the file (see change-log.ts). */
  unsaved?: boolean;
  /** There is no such file (read as an empty shard; see manifest.ts for why that matters). */
  absent?: boolean;
  /**
   * For a state made from one read from (or written to) disk by replacing accounts in place: that
   * state, whose bytes are the file's, and which of its lines differ. Lets a commit copy the file's
   * bytes around the new lines (splicedBytes), even after many batches went through the change log.
   */
  private origin?: { state: ShardState; changed: ReadonlySet<number> };
  /**
   * For a state made by adding or removing accounts (reordered): the state read from disk whose
   * bytes hold its unchanged lines, and for each line the index it had there (-1: a new line).
   */
  private moved?: { state: ShardState; from: Int32Array };
  /**
   * For a reordered state: the new lines that are accounts an import added as columns
   * (fresh-accounts.ts), `at[j]` their place there (-1: none). Written from the columns, made
   * `Account`s only when asked for (accountAt).
   */
  private freshAt?: { batch: FreshAccounts; at: Int32Array };
  /** Byte offset where each account's line starts in `bytes`, then the file's end (built on first use). */
  private lineStarts?: Int32Array;
  /**
   * The lines, where they are held as text: all of them, or (for a state read off its bytes or
   * reordered) those decoded or written so far; a hole is a line read from `byteLines` or `moved`.
   * For those two kinds it starts empty and grows only where a line is held (no array of `size`
   * holes made up front): a paged read, the change log applied over it and an import's plan each
   * made one of every shard's length, 8 bytes a line, ~32 MB of holes held through an import at
   * 1,000,000 accounts (docs/scale-log.md, stop 54 I). An index past its length reads as a hole.
   */
  private lineList: (string | undefined)[];
  /** The file's lines read off its bytes, decoded one by one when asked for (byte-lines.ts). */
  private byteLines?: ByteLines;
  /** How many lines (accounts). */
  readonly size: number;
  /** Every account, once parsed. */
  private parsed: Account[] | undefined;
  /** Accounts parsed (or put) one by one before that, by index. */
  private readonly some: Map<number, Account>;

  /**
   * `lines`: the canonical line of each account (undefined where the shard was hand-edited), or
   * those of a canonical file read off its bytes (whose bytes this state then holds).
   * `accounts`: all of them, or (for canonical lines only) those already at hand, by index.
   * `size`: how many lines, where `lines` holds only some (its holes and past its end read from
   * the bytes or the state it was reordered from; lineList).
   */
  constructor(
    readonly name: string,
    readonly file: string,
    lines: readonly (string | undefined)[] | ByteLines,
    accounts: Account[] | Map<number, Account> = new Map(),
    size?: number,
  ) {
    if (lines instanceof ByteLines) {
      this.byteLines = lines;
      this.ownFile = true;
      this.lineStarts = lines.starts;
      this.size = lines.count;
      this.lineList = [];
    } else {
      this.size = size ?? lines.length;
      this.lineList = lines as (string | undefined)[];
    }
    if (Array.isArray(accounts)) {
      this.parsed = accounts;
      this.some = new Map();
    } else {
      this.some = accounts;
    }
  }

  /**
   * The canonical line of the account at `index`, or undefined where the shard was hand-edited.
   * A line read off the bytes is decoded now and not kept: most are asked for once, if at all.
   */
  lineAt(index: number, alone = false): string | undefined {
    const line = this.lineList[index];
    if (line !== undefined) return line;
    if (this.byteLines) return this.byteLines.line(index, alone);
    if (!this.moved) return undefined;
    // A reordered shard: a kept line from the state it was read into, a new one from its account.
    const from = this.moved.from[index]!;
    return from >= 0 ? this.moved.state.lineAt(from) : encodeAccountLine(this.accountAt(index));
  }

  /**
   * For copying this state's lines elsewhere (a reshard, reshard.ts): a function giving line
   * `index` as the bytes of the file it was read from, its line break included, or undefined
   * where lineAt's text does not come from those bytes (a line replaced since). Undefined when the
   * state was not read off its file. A paged file is read once here, held by the function.
   */
  fileLines(): ((index: number) => Buffer | undefined) | undefined {
    if (!this.ownFile) return undefined;
    const bytes = this.byteLines!.bytes;
    const starts = this.byteLines!.starts;
    return (index) => (this.lineList[index] === undefined ? bytes.subarray(starts[index]!, starts[index + 1]!) : undefined);
  }

  /** Every line, as lineAt gives them (all decoded, and kept, on first use). */
  get lines(): readonly (string | undefined)[] {
    if (this.byteLines || this.moved) {
      for (let i = 0; i < this.size; i++) this.lineList[i] ??= this.lineAt(i);
    }
    return this.lineList;
  }

  /** Whether every line is canonical (none hand-edited). */
  get canonical(): boolean {
    // A reordered shard's lines are all ours: kept canonical ones, the others encoded.
    if (this.byteLines || this.moved) return true;
    for (let i = 0; i < this.size; i++) if (this.lineList[i] === undefined) return false;
    return true;
  }

  /** Every account, in file order. */
  get accounts(): Account[] {
    if (!this.parsed) {
      const missing: number[] = [];
      for (let i = 0; i < this.size; i++) if (!this.some.has(i)) missing.push(i);
      const fresh = parseTrustedLines(missing.map((i) => this.lineAt(i)!), this.name, this.file);
      const all: Account[] = new Array(this.size);
      for (const [i, account] of this.some) all[i] = account;
      missing.forEach((i, n) => (all[i] = fresh[n]!));
      this.parsed = all;
      this.some.clear();
    }
    return this.parsed;
  }

  /**
   * accountAt for a caller that only compares the account (an import meeting a known one): an
   * account not held yet is parsed for this caller and not kept. Kept, every known account an
   * import of 1,000,000 known lines met was held to its end (1.2 GB, scale-log.md stop 42).
   */
  accountSeen(index: number): Account {
    if (this.parsed) return this.parsed[index]!;
    const kept = this.some.get(index);
    if (kept) return kept;
    const n = this.freshAt ? this.freshAt.at[index]! : -1;
    return n >= 0 ? this.freshAt!.batch.account(n) : parseTrustedLines([this.lineAt(index)!], this.name, this.file)[0]!;
  }

  /** The account at `index`, parsing only its line when the shard is not parsed yet. */
  accountAt(index: number): Account {
    if (this.parsed) return this.parsed[index]!;
    let account = this.some.get(index);
    if (!account) {
      const n = this.freshAt ? this.freshAt.at[index]! : -1;
      account = n >= 0 ? this.freshAt!.batch.account(n) : parseTrustedLines([this.lineAt(index)!], this.name, this.file)[0]!;
      this.some.set(index, account);
    }
    return account;
  }

  /**
   * The highest `seq` (at least `floor`) among the accounts not in `skip` (indexes). Read from
   * the lines where they say it plainly: the next import number must not cost parsing every
   * account of the pool (most of an import into a large pool did).
   */
  maxSeq(floor: number, skip?: ReadonlySet<number>): number {
    // A paged file read as it is (its lines its own, none skipped): read when it was paged.
    const paged = this.ownFile && !skip?.size ? this.byteLines!.maxSeq(floor) : undefined;
    if (paged !== undefined) return paged;
    const over = this.overPaged(floor, skip);
    if (over !== undefined) return over;
    let max = floor;
    const bytes = this.parsed ? undefined : this.byteLines;
    for (let i = 0; i < this.size; i++) {
      if (skip?.has(i)) continue;
      let seq: number | undefined;
      // A line still in the bytes is read there (ByteLines.seq), not decoded to be read.
      if (bytes && this.lineList[i] === undefined && !this.some.has(i)) seq = bytes.seq(i);
      else if (this.freshAt && this.freshAt.at[i]! >= 0) seq = this.freshAt.batch.seq(this.freshAt.at[i]!);
      else if (!this.parsed && !this.some.has(i)) {
        const line = this.lineAt(i);
        if (line !== undefined) seq = trustedLineSeq(line);
      }
      seq ??= this.accountAt(i).seq;
      if (seq > max) max = seq;
    }
    return max;
  }

  /**
   * maxSeq for a state over a paged file's lines with some of them held otherwise (withLines:
   * the change log's records applied): the highest of the file as `page` read it, and of the
   * held ones. Reading every line of the file again for it (block by block, after a log was
   * applied) was ~1.5 s of an import into a million accounts. Undefined where that highest line
   * is held otherwise or skipped (the loop then reads each line).
   */
  private overPaged(floor: number, skip: ReadonlySet<number> | undefined): number | undefined {
    if (this.ownFile || !this.byteLines?.paged || this.parsed || this.moved || this.freshAt) return undefined;
    const some = this.some;
    const lines = this.lineList;
    let max = this.byteLines.maxSeqBeside(floor, (i) => lines[i] !== undefined || some.has(i) || skip?.has(i) === true);
    if (max === undefined) return undefined;
    const held = (line: string | undefined, i: number) => {
      if (skip?.has(i)) return;
      const seq = (line !== undefined && !some.has(i) ? trustedLineSeq(line) : undefined) ?? this.accountAt(i).seq;
      if (seq > max!) max = seq;
    };
    lines.forEach(held); // skips the holes: the lines still read from the file
    for (const i of some.keys()) if (lines[i] === undefined) held(undefined, i);
    return max;
  }

  /**
   * The standing (model.ts) of the account at `index`: read from its line where it says it
   * plainly, so counting the pool (`status`) does not parse every account whole.
   */
  standingAt(index: number): Standing {
    return this.readAt(index, trustedLineStanding);
  }

  /** The circle standing (model.ts CIRCLE_FIELDS) of the account at `index`, as standingAt reads it. */
  circleAt(index: number): CircleStanding {
    return this.readAt(index, trustedLineCircle);
  }

  /**
   * The timed standing (model.ts TIMED_FIELDS) of the account at `index`, as standingAt reads it:
   * what the clocks' seen ends judge a pool shared through git by (src/git/clock-sightings.ts).
   */
  timedAt(index: number): TimedStanding {
    return this.readAt(index, trustedLineTimed);
  }

  /**
   * timedAt and seqAt of the account at `index` off one read of its line: a choice in the circle's
   * order reads both of every account, and asking seqAt as its sort compares (in no order of the
   * file) read a paged file's block for nearly each one (~12 s of reads at 1,000,000 accounts).
   */
  timedSeqAt(index: number): { timed: TimedStanding; seq: number } {
    const line = this.parsed || this.some.has(index) ? undefined : this.lineAt(index);
    const timed = line !== undefined ? trustedLineTimed(line) : undefined;
    const seq = timed !== undefined ? trustedLineSeq(line!) : undefined;
    if (seq !== undefined) return { timed: timed!, seq };
    const account = this.parsed ? this.parsed[index]! : this.accountAt(index);
    return { timed: account, seq: account.seq };
  }

  /** The import number of the account at `index`, off its line where it says it plainly (export's order). */
  seqAt(index: number): number {
    const read = this.readAt(index, trustedLineSeq);
    return typeof read === 'number' ? read : read.seq;
  }

  /**
   * The account at `index`, parsed from its line and not kept where it is not held already: a
   * reader that looks at each account once (export) then holds a piece of the pool at a time, not
   * every account (a 1,000,000-account export parsed and kept them all, 715 MB, stop 38).
   */
  accountOnceAt(index: number): Account {
    if (this.parsed) return this.parsed[index]!;
    const held = this.some.get(index);
    if (held) return held;
    const line = this.freshAt && this.freshAt.at[index]! >= 0 ? undefined : this.lineAt(index, true);
    return line === undefined ? this.accountAt(index) : parseTrustedLines([line], this.name, this.file)[0]!;
  }

  /**
   * The lines accountOnceAt would parse for `indexes`, read together (ByteLines.linesApart: a paged
   * file in runs, not a read a line); undefined where the account is not read off a line (parsed or
   * held already, an import's new account): accountOnceAt gives those.
   */
  linesOnceAt(indexes: readonly number[]): (string | undefined)[] {
    const lines = new Array<string | undefined>(indexes.length);
    if (this.parsed) return lines;
    const wanted: number[] = [];
    const places: number[] = [];
    indexes.forEach((index, j) => {
      if (this.some.has(index) || (this.freshAt && this.freshAt.at[index]! >= 0)) return;
      const held = this.lineList[index];
      if (held !== undefined) lines[j] = held;
      else {
        const from = this.byteLines ? index : this.moved ? this.moved.from[index]! : -1;
        if (from < 0) return;
        wanted.push(from);
        places.push(j);
      }
    });
    const read = this.byteLines ? this.byteLines.linesApart(wanted) : this.moved ? this.moved.state.linesOnceAt(wanted) : [];
    read.forEach((line, w) => (lines[places[w]!] = line));
    return lines;
  }

  /** The account of `line`, one of this shard's canonical lines (linesOnceAt). */
  accountOfLine(line: string): Account {
    return parseTrustedLines([line], this.name, this.file)[0]!;
  }

  private readAt<T>(index: number, read: (line: string) => T | undefined): T | Account {
    if (this.parsed) return this.parsed[index]!;
    const line = this.some.has(index) ? undefined : this.lineAt(index);
    return (line !== undefined ? read(line) : undefined) ?? this.accountAt(index);
  }

  /**
   * The provider of the account at `index`, off its line where it says it plainly: the spelling of
   * a name without @ depends on it (account-spelling.ts), asked of every such line when indexing.
   */
  providerAt(index: number): Provider {
    const line = this.parsed || this.some.has(index) ? undefined : this.lineAt(index);
    return (line !== undefined ? plainLineProvider(line) : undefined) ?? this.accountAt(index).provider;
  }

  /**
   * Where the account of `key` (lower-cased) is in a paged file (byte-lines.ts `indexOfKey`: -1
   * when not there), without a binary search's block reads; undefined when not paged. Kept by the
   * states that keep this one's lines at the same places (inPlace) and for its own.
   */
  indexOfKey(key: string): number | undefined {
    return this.byteLines?.indexOfKey(key);
  }

  /** indexOfKey by the key's hashOf, the key made only to compare with a line of the same hash; only where keysHashed. */
  indexOfHash(hash: number, key: () => string): number {
    return this.byteLines!.indexOfHash(hash, key);
  }

  /**
   * Whether every key is printable ASCII (byte-lines.ts `keysPlain`: a paged file of ours whose
   * names need no escape), for the file's own state and those over its bytes (inPlace: same keys).
   */
  get keysPlain(): boolean {
    return this.byteLines !== undefined && this.byteLines.keysPlain;
  }

  /**
   * For a state whose bytes are held, made from its file or over it with some lines replaced
   * (inPlace: the same keys at the same places, as indexOfKey already holds): the table of its
   * keys' hashes made off them (byte-lines.ts `hashKeys`), which a paged one has; whether
   * indexOfKey answers now. Asked of the file's own state only, an import into a 100,000-account
   * pool with a change log pending (any allocate leaves one) made a map of every key a string
   * instead (docs/scale-log.md, stop 55 J).
   */
  hashKeysOffBytes(): boolean {
    return this.byteLines !== undefined && !this.byteLines.paged && this.byteLines.hashKeys();
  }

  /** Whether indexOfKey answers without a map of the keys (a paged file whose keys all read). */
  get keysHashed(): boolean {
    return this.byteLines?.keysHashed ?? false;
  }

  /** The lower-cased username at `index`. */
  keyAt(index: number): string {
    if (this.keyList) return this.keyList[index]!;
    if (this.parsed) return keyOf(this.parsed[index]!.username);
    const account = this.some.get(index);
    if (account) return keyOf(account.username);
    if (this.freshAt && this.freshAt.at[index]! >= 0) return this.freshAt.batch.key(this.freshAt.at[index]!);
    return this.byteLines && this.lineList[index] === undefined ? this.byteLines.key(index) : trustedLineKey(this.lineAt(index)!);
  }

  /** Every account's key, in file order (kept for the next asker: see `keyList`). */
  keys(): readonly string[] {
    if (!this.keyList) {
      const keys: string[] = new Array(this.size);
      for (let i = 0; i < keys.length; i++) keys[i] = this.keyAt(i);
      this.keyList = keys;
    }
    return this.keyList;
  }

  /** This shard with the accounts at some indexes replaced, and their lines. */
  withReplaced(replaced: ReadonlyMap<number, Account>, lines: readonly string[]): ShardState {
    let accounts: Account[] | Map<number, Account>;
    if (this.parsed) {
      accounts = this.parsed.slice();
      for (const [i, account] of replaced) accounts[i] = account;
    } else {
      accounts = new Map([...this.some, ...replaced]);
    }
    return this.inPlace(lines, accounts, replaced.keys());
  }

  /**
   * This shard with the canonical lines of the same accounts at some indexes replaced, those
   * accounts parsed only when used, as lines read from a file are (the change log's records).
   */
  withLines(replaced: ReadonlyMap<number, string>): ShardState {
    // Over lines read off bytes, only the replaced ones are held as text: the others stay in the
    // bytes (a change log of a few thousand records over a 100,000-account pool decoded all
    // 17 MB of it here, for an import that then copies nearly all of it as bytes).
    const lines = this.byteLines ? this.lineList.slice() : this.lines.slice();
    for (const [i, line] of replaced) lines[i] = line;
    const accounts = new Map<number, Account>();
    if (this.parsed) this.parsed.forEach((account, i) => replaced.has(i) || accounts.set(i, account));
    else for (const [i, account] of this.some) if (!replaced.has(i)) accounts.set(i, account);
    return this.inPlace(lines, accounts, replaced.keys());
  }

  /**
   * A state holding the same accounts at the same places, those at `changed` changed. `lines`
   * holds text where this state's `byteLines` are overridden (or all of them when it has none).
   */
  private inPlace(lines: readonly (string | undefined)[], accounts: Account[] | Map<number, Account>, changed: Iterable<number>): ShardState {
    // `lines` may stop short of the last line (a copy of byteLines' held ones): the size is this state's.
    const next = new ShardState(this.name, this.file, lines, accounts, this.size);
    // The holes of `lines` read from the same bytes; `next.bytes` stays unset: its lines are not those bytes.
    next.byteLines = this.byteLines;
    // Same accounts at the same places (a replaced account keeps its key): the keys, the lookup
    // map and the list of strays stay valid.
    next.positions = this.positions;
    next.strays = this.strays;
    next.sortedKeys = this.sortedKeys;
    next.keyList = this.keyList;
    const origin = this.holdsFile ? { state: this as ShardState, changed: new Set<number>() } : this.origin;
    if (origin) next.origin = { state: origin.state, changed: new Set([...origin.changed, ...changed]) };
    return next;
  }

  /**
   * This shard with its lines in a new order: `from[j]` is the index line j had here, or -1 for a
   * new or changed account, which is in `accounts` (by new index). Neither kind of line is given
   * as text: a kept line is copied from the bytes it was read from when there are such (never
   * decoded: an import into a large pool keeps 100,000 lines), else taken (or encoded) here; a new
   * one is encoded from its account when the file is written, and not kept: 100,000 new lines
   * held from the plan to the commit were 17 MB more for the collector to copy. Kept accounts
   * parsed here are carried into `accounts`.
   */
  reordered(accounts: Map<number, Account>, from: readonly number[], fresh?: { batch: FreshAccounts; at: Int32Array }): ShardState {
    const source = this.holdsFile ? { state: this as ShardState, changed: new Set<number>() } : this.origin;
    const moved = new Int32Array(from.length).fill(-1);
    // Over bytes to copy from, only the changed lines are held (lineList): the others are holes.
    const lines: (string | undefined)[] = source ? [] : new Array(from.length);
    for (let j = 0; j < from.length; j++) {
      const e = from[j]!;
      if (e < 0) {
        // With no bytes to copy from, no `moved` either: the new lines are encoded now.
        if (!source) lines[j] = encodeAccountLine(accounts.get(j) ?? fresh!.batch.account(fresh!.at[j]!));
        continue;
      }
      if (!accounts.has(j)) {
        const account = this.parsed?.[e] ?? this.some.get(e);
        if (account) accounts.set(j, account);
      }
      if (source && !source.changed.has(e)) {
        moved[j] = e;
        continue;
      }
      const line = this.lineAt(e);
      // A hand-edited line is written canonically, from its account.
      if (line === undefined) accounts.set(j, this.accountAt(e));
      lines[j] = line ?? encodeAccountLine(this.accountAt(e));
    }
    const next = new ShardState(this.name, this.file, lines, accounts, from.length);
    if (source) next.moved = { state: source.state, from: moved };
    if (fresh) next.freshAt = fresh;
    return next;
  }

  /**
   * This shard's file as pieces to write one after the other: the bytes of the file it came from
   * around the lines that changed. Encoding a whole shard to UTF-8 again (300 KB at 100,000
   * accounts) was most of a small transaction's work. Undefined when there is no such file at
   * hand (the shard was reordered, or never read whole).
   */
  splicedPieces(): Buffer[] | undefined {
    if (this.moved) return this.movedPieces();
    if (!this.origin) return undefined;
    const { state: from, changed } = this.origin;
    const starts = from.lineStartsOf();
    if (!starts) return undefined;
    const old = from.bytes!; // once: a paged file is read again at each ask
    const pieces: Buffer[] = [];
    let copiedTo = 0;
    for (const i of [...changed].sort((a, b) => a - b)) {
      pieces.push(old.subarray(copiedTo, starts[i]!), Buffer.from(`${this.lineAt(i)!}\n`));
      copiedTo = starts[i + 1]!;
    }
    pieces.push(old.subarray(copiedTo));
    return pieces;
  }

  /**
   * splicedPieces for a reordered shard: each run of lines that kept their order is one piece of
   * the bytes read when it is long (SHARED_RUN), else copied; each new line an import added is
   * written as bytes (fresh-line.ts), others encoded, all into one new buffer.
   */
  private movedPieces(): Buffer[] | undefined {
    const { state: from, from: index } = this.moved!;
    const starts = from.lineStartsOf();
    if (!starts) return undefined;
    const header = shardHeader(this.name);
    let size = Buffer.byteLength(header);
    // Per new line: its account when fresh-line.ts writes it, else its text and that text's UTF-8 length.
    const fresh: (Account | undefined)[] = [];
    // Per new line written from the import's columns: its place there.
    const columns = this.freshAt;
    // Per new line: its length (line break included) when written from the columns into
    // `scratch`, in line order, as it is measured; else 0. Measured and then written as two passes
    // over the columns in the shard's key order was two cache misses a new account (stop 48, P2).
    const columnLine = columns ? new Int32Array(index.length) : undefined;
    let scratchAt = 0;
    const texts: (string | undefined)[] = [];
    const lengths: number[] = [];
    for (let j = 0; j < index.length; ) {
      const e = index[j]!;
      if (e >= 0) {
        const end = runEnd(index, j);
        const length = starts[index[end - 1]! + 1]! - starts[e]!;
        if (length < SHARED_RUN) size += length;
        j = end;
        continue;
      }
      const n = columns && this.lineList[j] === undefined && !this.some.has(j) ? columns.at[j]! : -1;
      let account = n < 0 && this.lineList[j] === undefined ? this.accountAt(j) : undefined;
      let length = n >= 0 ? freshColumnLength(columns!.batch, n) : account ? freshLineLength(account) : -1;
      if (length < 0 && n >= 0) {
        // Not plain in the columns (a NecroBot row's other columns): its account made for this
        // write only, never kept on the state (accountAt keeps it): kept, every new account of an
        // import of 1,700,000 such rows was alive until the commit's end, +400 MB (stop 42).
        account = columns!.batch.account(n);
        length = freshLineLength(account);
      }
      if (length >= 0 && n >= 0 && account === undefined) {
        scratch = roomFor(scratch, scratchAt + length + 1);
        const end = writeFreshColumn(columns!.batch, n, scratch, scratchAt);
        scratch[end] = 10;
        columnLine![j] = length + 1;
        scratchAt = end + 1;
      } else if (length >= 0) {
        fresh[j] = account;
      } else {
        const text = account ? encodeAccountLine(account) : this.lineAt(j)!;
        texts[j] = text;
        length = Buffer.byteLength(text);
        lengths[j] = length;
      }
      size += length + 1;
      j++;
    }
    const old = from.bytes!;
    const bytes = Buffer.allocUnsafe(size);
    const pieces: Buffer[] = [];
    let at = bytes.write(header, 0);
    let pieceFrom = 0;
    let scratchFrom = 0;
    for (let j = 0; j < index.length; ) {
      const first = index[j]!;
      if (first >= 0) {
        const end = runEnd(index, j);
        const runFrom = starts[first]!;
        const runTo = starts[index[end - 1]! + 1]!;
        j = end;
        if (runTo - runFrom < SHARED_RUN) {
          at += old.copy(bytes, at, runFrom, runTo);
          continue;
        }
        if (at > pieceFrom) pieces.push(bytes.subarray(pieceFrom, at));
        pieces.push(old.subarray(runFrom, runTo));
        pieceFrom = at;
        continue;
      }
      if (columnLine !== undefined && columnLine[j]! > 0) {
        // A run of new lines from the columns: one copy of what the first pass wrote.
        let to = scratchFrom;
        while (j < index.length && columnLine[j]! > 0) to += columnLine[j++]!;
        at += copyBytes(scratch, scratchFrom, to, bytes, at);
        scratchFrom = to;
        continue;
      }
      const text = texts[j];
      // ASCII text (UTF-8 as long as the text) is its own latin1: written so, several times faster on Node 20.
      if (text !== undefined) at += bytes.write(text, at, lengths[j] === text.length ? 'latin1' : 'utf8');
      else at = writeFreshLine(fresh[j]!, bytes, at);
      bytes[at++] = 10;
      j++;
    }
    // Measured and written by separate code: a line written other than measured must not reach a commit as stray bytes.
    if (at !== size) throw new Error(`shard ${this.name}: ${at} bytes written where ${size} were measured`);
    if (at > pieceFrom || pieces.length === 0) pieces.push(bytes.subarray(pieceFrom, at));
    return pieces;
  }

  /** Where each account line starts in `bytes` (after the header), then the file's end. */
  private lineStartsOf(): Int32Array | undefined {
    if (this.lineStarts) return this.lineStarts;
    const bytes = this.bytes;
    if (!bytes) return undefined;
    {
      const starts = new Int32Array(this.size + 1);
      let at = bytes.indexOf(10) + 1; // the header is one line
      for (let i = 0; i < this.size; i++) {
        starts[i] = at;
        at = bytes.indexOf(10, at) + 1;
        if (at === 0) return undefined; // not the file its lines say: encode it whole instead
      }
      starts[this.size] = at;
      if (at !== bytes.length) return undefined;
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/**
 * A run of kept lines at least this long is written from the bytes it was read from (a piece of
 * its own), a shorter one copied: a piece costs an object and an entry in the write, and a short
 * run's copy touches no more fresh pages than the new lines around it do.
 */
const SHARED_RUN = 4096;

/**
 * Where movedPieces writes a shard's new lines from an import's columns before copying them into
 * the shard's buffer: kept from shard to shard (a shard's new lines, ~0.5 MB at 1,000,000), as
 * only the copy out of it reaches a file.
 */
let scratch: Buffer = Buffer.alloc(0);

function roomFor(buffer: Buffer, size: number): Buffer {
  if (buffer.length >= size) return buffer;
  const grown = Buffer.allocUnsafe(Math.max(size, 2 * buffer.length, 64 * 1024));
  buffer.copy(grown);
  return grown;
}

/** from[start, end) into `to` at `at`: a loop for a line or two, as a call into Buffer.copy costs more. */
function copyBytes(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
  if (end - start >= 256) return from.copy(to, at, start, end);
  for (let i = start; i < end; i++) to[at++] = from[i]!;
  return end - start;
}

/** Where the run of kept lines in their old order starting at `j` ends (index of reordered's `moved.from`). */
function runEnd(index: Int32Array, j: number): number {
  let last = index[j]!;
  while (++j < index.length && index[j] === last + 1) last++;
  return j;
}
