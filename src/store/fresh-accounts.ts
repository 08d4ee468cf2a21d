// The accounts an import adds that are simply new (no verdict, no history carried from a moved
// pool; a device or fields of the line's own are held too, below): held as columns, one entry
// per account, not as an `Account` each.
//
// An import of 100,000 new lines made 100,000 `Account` objects in the importer, each put into
// the transaction's map of changes, checked by the store's record rules and looked up again when
// the shards were planned and the history written; every one lived until the commit, so the
// collector copied them all. Here an account is a key, a name, a password, a provider, a level
// and an import number in arrays; what every account of one import shares (state `ok`, the time,
// the source) is said once. The transaction hands them out as `Account`s only to code that asks
// for accounts (transaction.ts `changes`), and `Account`s made from here are exactly those the
// importer made before (test/import/columnar-import.test.ts).
//
// The names and passwords are bytes in one buffer (stop 30): at 1,000,000 new accounts, as
// strings they were ~150 MB of the import's heap until the commit, and the commit's largest cost
// was reading them back character by character, twice (measure, then write), in key order, that
// is at random places of the heap. Now a plain name and password (printable ASCII, written as they
// are between quotes: shard-codec.ts isPlainText, nearly every line of a dump) are one copy from a
// compact buffer; any other is kept as its strings (`odd`), and its line is left to the encoder.
//
// No key string is kept either (stop 35): a plain name's key is its bytes lower-cased, compared
// as bytes (`holds`) and made a string only when asked (`key`). As strings, the keys of 1,000,000
// new accounts were ~40 MB of heap held from the merge to the end of the commit, the largest part
// of the import's peak that nothing needed at once (docs/scale-log.md, stop 35).
//
// A new account may carry fields of its own (`extras`: a NecroBot accounts.db row's other
// columns, account_active, run_end, ...; stop 36). They are kept as the list of their names,
// shared by every account with the same names, and one JSON text of their values, said once for
// a run of accounts alike (stop 57): as an `Account` each, 1,700,000 such rows took the merge past
// 2.9 GB (docs/scale-log.md, stop 36). Only values JSON gives back exactly are kept so
// (`extrasHeld`); an account with others takes the `Account` path as before. The texts are bytes
// (run-values.ts, stop 63): PGPool's rows are a run each, and as strings they were 268 MB of heap
// at 1,000,000 rows.
//
// A new account may carry a device too (a Monocle accounts.csv's model, iOS and id columns; stop
// 43). Its id (32 hex digits, device.ts normalizeDevice) is 16 bytes in a column and its model and
// iOS one number, the pair said once: as an `Account` and a Device each, 1,000,000 such rows held
// 325 MB of heap after the merge, 13 MB so (docs/scale-log.md, stop 43, second memory helper).
import { FIELD_ORDER, keyOf, PROVIDERS, type Account, type Device, type Provider } from '../model.js';
import { KeyPlaces } from './key-places.js';
import { keyHashOfBytes } from './layout.js';
import { isDeviceId } from '../device.js';
import { RunValues, type RunSpill } from './run-values.js';

/** In the levels column, a level this high or higher is kept by place (`highLevels`): one byte a level. */
const LEVEL_ELSEWHERE = 255;

/** Bytes a name and password take in a dump, on average, to size the buffer the first time (it grows). */
const BYTES_PER_ACCOUNT = 24;

/** The fields an account's own fields (extras) must not be: the store's, the name, and one an assignment would not make a field. */
const NOT_EXTRA = new Set<string>([...FIELD_ORDER, 'username', '__proto__']);

/**
 * The store's fields an account moved from another pool (our JSON lines export) may carry as its
 * own: its state and when it was set, when it was added, where from. account() assigns them as the
 * importer's spread did (state, added_at and source in their places, state_at after the others), so
 * the Account made back is the one the importer made; the caller checks it against the store's
 * rules first (import/merge.ts). As an Account each, the 1,000,000 accounts of an export were
 * ~200 MB of the merge's heap, its peak (docs/scale-log.md, stop 67 M2).
 */
const CARRIED = new Set<string>(['state', 'state_at', 'added_at', 'source']);

/**
 * Whether `extras` can be kept as FreshAccounts keeps them: none of the store's fields, and every
 * value text, a boolean or a finite number other than -0 (what JSON writes and reads back as it
 * was; not an Infinity, which JSON makes null, nor an object, which would be shared).
 */
export function extrasHeld(extras: Record<string, unknown>, carried = false): boolean {
  for (const name in extras) {
    if (!Object.hasOwn(extras, name) || (NOT_EXTRA.has(name) && !(carried && CARRIED.has(name)))) return false;
    const value = extras[name];
    if (typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || Object.is(value, -0)) return false;
  }
  return true;
}

/**
 * Whether `device` can be kept as FreshAccounts keeps one: exactly model, ios and id, in that
 * order (normalizeDevice's object, so the Account made back is the same), texts, the id 32
 * lower-case hex digits (16 bytes, given back as they were).
 */
export function deviceHeld(device: Device): boolean {
  const keys = Object.keys(device);
  return keys.length === 3 && keys[0] === 'model' && keys[1] === 'ios' && keys[2] === 'id' && typeof device.model === 'string' && typeof device.ios === 'string' && typeof device.id === 'string' && isDeviceId(device.id);
}

/**
 * Where a rehearsal's new accounts are read from instead of copies (a dry run's dump, which lives
 * to the merge's end): the name, password and device (as normalizeDevice makes one) of the line at
 * a place in it. Stop 60 M found a dry run of a 1,000,000-row Monocle CSV into a used 1,000,000
 * pool at 319.5 MB, its peak the copies of the names, passwords and device ids (~50 MB) paged in
 * beside the dump's columns holding the same (docs/scale-log.md, stop 66 M2).
 */
export interface BorrowedAccounts {
  username(place: number): string;
  password(place: number): string;
  device(place: number): Device | undefined;
}

export class FreshAccounts {
  // Filled by place, not pushed: with a capacity (the dump's length) each column is made once at
  // its size; arrays pushed to 100,000 entries each grew two dozen times.
  /** The plain names and passwords, one after the other: account n's name ends at ends[2n], its password at ends[2n + 1]. */
  private text: Buffer;
  private ends: Uint32Array;
  /** By place: a name or password that is not plain (or past the buffer's 4 GB), kept as strings. */
  private readonly odd = new Map<number, { username: string; password: string }>();
  private providerCodes: Uint8Array;
  /** Each level below LEVEL_ELSEWHERE; a higher one is in `highLevels`. */
  private levelColumn: Uint8Array;
  private readonly highLevels = new Map<number, number>();
  /**
   * The import numbers: an import hands them out one after the other (nextSeq), so account n's is
   * `firstSeq + n`, said once; a column of them is made only when one breaks that run. As two
   * Float64 columns, the levels and the numbers were 16 MB at 1,000,000 new accounts, held to the
   * end of the commit, where the import's peak RSS is (scale-log.md, stop 35).
   */
  private firstSeq = 0;
  private seqColumn: Float64Array | undefined;
  /** The import's numbers given again (import-numbering.ts): number `base + k` is `base + places[k]`. No column of 8 MB made for it. */
  private renumbered: { base: number; places: Uint32Array } | undefined;
  /** The lists of extra field names met, each once; `shapes[k - 1]` for a run whose `runShapes` says k (0: none). */
  private readonly shapes: string[][] = [];
  private readonly shapeIds = new Map<string, number>();
  /**
   * The accounts' own fields by runs of places alike: run r covers the places from `runStarts[r]` up
   * to the next run's start, with the names `shapes[runShapes[r] - 1]` (0: none) and the JSON list of
   * their values in that order `runValues.text(r)`; before the first run, none. The rows of one tool's
   * file before their first use are alike (a NecroBot accounts.db's 1,700,000 rows are one run): a
   * shape number and a string per account were 6.8 MB of column and 13.6 MB of heap (and the
   * array's growth) held from the merge to the commit's end, under the import's peak (scale-log.md, stop 57 M).
   */
  private runStarts: Uint32Array | undefined;
  private runShapes: Uint32Array | undefined;
  private readonly runValues: RunValues;
  private runs = 0;
  /** The run whose values `parsedValues` holds, parsed (account: each account of a run, one parse). */
  private parsedRun = -1;
  private parsedValues: unknown[] = [];
  /** The model and iOS pairs met, each once; `deviceKinds[k - 1]` for an account whose `deviceColumn` says k (0: no device). */
  private readonly deviceKinds: { model: string; ios: string }[] = [];
  private readonly deviceKindIds = new Map<string, number>();
  /** Made at the first account with a device: the pair's number, and the id's 16 bytes at 16n. */
  private deviceColumn: Uint32Array | undefined;
  private deviceIds: Buffer | undefined;
  /**
   * Each key's place in the columns: a key is added once (key-places.ts: no Map of 100,000 strings).
   * Let go once the import's lines are merged (`dropLookups`), made again if asked after.
   */
  private at: KeyPlaces | undefined;
  /** The capacity the columns were made for: the size `at` is made at. */
  private readonly capacity: number;
  private count = 0;
  /** With `borrowed`: account n's place there (no name, password or device copied: `text`, `ends` and the device columns stay empty). */
  private places: Uint32Array | undefined;
  /** Where the next plain name goes in `text`. */
  private used = 0;

  constructor(
    /** When every account here was added (the transaction's time). */
    readonly addedAt: string,
    /** Where every account here came from (the dump's name). */
    readonly source: string,
    /** How many may be added (a hint: more may be). */
    capacity = 0,
    /** Where the runs' texts may go past a few megabytes (run-values.ts): the pool's `.cache`; none, all held in memory. */
    spill?: RunSpill,
    /** Where the names, passwords and devices are read (a rehearsal's dump), by the place `add` is given: none copied here. */
    private readonly borrowed?: BorrowedAccounts,
  ) {
    this.runValues = new RunValues(undefined, spill);
    const slots = Math.max(capacity, 16);
    this.text = Buffer.allocUnsafe(borrowed ? 0 : slots * BYTES_PER_ACCOUNT);
    this.ends = new Uint32Array(borrowed ? 0 : slots * 2);
    if (borrowed) this.places = new Uint32Array(slots);
    this.providerCodes = new Uint8Array(slots);
    this.levelColumn = new Uint8Array(slots);
    this.capacity = capacity;
    this.at = this.lookups();
  }

  get size(): number {
    return this.count;
  }

  /** Whether the names, passwords and devices are read from `borrowed`, not held here. */
  get isBorrowed(): boolean {
    return this.places !== undefined;
  }

  /** The place of the account of `key` (lower-cased), or -1 when it is none of these. */
  indexOf(key: string): number {
    return (this.at ??= this.lookups()).indexOf(key);
  }

  /**
   * The adds are over (the merge went through its lines): the table that finds a key's place is
   * let go. It is 16 MB at 1,000,000 new accounts, held through the plan and the shards' writes,
   * where the import's peak RSS is, and nothing there asks a key's place (scale-log.md, stop 35).
   */
  dropLookups(): void {
    this.at = undefined;
  }

  /** The table of the keys added so far (none at first), made from the bytes. */
  private lookups(): KeyPlaces {
    const at = new KeyPlaces((n, key) => this.holds(n, key), Math.max(this.capacity, this.count));
    for (let n = 0; n < this.count; n++) at.added(this.key(n));
    return at;
  }

  /**
   * Adds one account (its key not yet among them), with its own fields `extras` (extrasHeld) and
   * its `device` (as normalizeDevice makes one: deviceHeld) if any; returns its place. With
   * `borrowed`, `place` is where its name, password and device are read there (the same values).
   */
  add(key: string, username: string, password: string, provider: Provider, level: number, seq: number, extras?: Record<string, unknown>, device?: Device, place?: number): number {
    if (device && !deviceHeld(device)) throw new Error(`FreshAccounts: ${username}'s device is not as normalizeDevice makes one`);
    if (this.borrowed && place === undefined) throw new Error('FreshAccounts: an account of borrowed columns needs its place');
    const n = this.count++;
    if (n === this.providerCodes.length) this.growColumns();
    this.addExtras(n, extras);
    if (this.places) this.places[n] = place!;
    else if (device) this.addDevice(n, device);
    this.providerCodes[n] = PROVIDERS.indexOf(provider);
    this.levelColumn[n] = Math.min(level, LEVEL_ELSEWHERE);
    if (level >= LEVEL_ELSEWHERE) this.highLevels.set(n, level);
    if (n === 0) this.firstSeq = seq;
    if (this.seqColumn) this.seqColumn[n] = seq;
    else if (seq !== this.firstSeq + n) this.seqsOwnColumn(n, seq);
    if (!this.places) this.copyText(n, username, password);
    if (this.at) this.at.added(key);
    else this.at = this.lookups(); // after dropLookups: made again, this account with the others
    return n;
  }

  /** Account n's name and password into `text` (plain) or `odd`. */
  private copyText(n: number, username: string, password: string): void {
    const from = this.used;
    const nameEnd = this.copyPlain(username, from);
    const end = nameEnd < 0 ? -1 : this.copyPlain(password, nameEnd);
    if (end < 0) this.odd.set(n, { username, password });
    else this.used = end;
    this.ends[2 * n] = end < 0 ? from : nameEnd;
    this.ends[2 * n + 1] = this.used;
  }

  /** The key (lower-cased name) of account n: made from its bytes now, not kept. */
  key(n: number): string {
    return keyOf(this.username(n));
  }

  /**
   * keyHashOf(account n's name) (layout.ts: its home shard is this modulo the count), read off a
   * plain name's bytes with no string made; undefined for a name held as text (`odd`). The plan
   * of an import asks it of every new account: making each key a string for it was ~4 % of the
   * CPU profile of 1,000,000 new lines into a 1,000,000-account pool (stop 45).
   */
  keyHash(n: number): number | undefined {
    if (this.places || (this.odd.size > 0 && this.odd.has(n))) return undefined;
    return keyHashOfBytes(this.text, this.start(n), this.nameEnd(n));
  }

  /** Whether account n's name is bytes in `bytes` (from `start` to `nameEnd`), not held as text. */
  nameIsBytes(n: number): boolean {
    return !this.places && (this.odd.size === 0 || !this.odd.has(n));
  }

  /** Whether account n's key is `key`: a plain name's bytes compared lower-cased (keyOf of ASCII), no string made. */
  private holds(n: number, key: string): boolean {
    if (this.places) return keyOf(this.username(n)) === key;
    const odd = this.odd.size === 0 ? undefined : this.odd.get(n);
    if (odd) return keyOf(odd.username) === key;
    const from = this.start(n);
    if (this.nameEnd(n) - from !== key.length) return false;
    const bytes = this.text;
    for (let i = 0; i < key.length; i++) {
      const c = bytes[from + i]!;
      if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== key.charCodeAt(i)) return false;
    }
    return true;
  }

  /**
   * Whether account n's name and password are plain (its bytes are `bytes` from `start` to `nameEnd`
   * to `passwordEnd`) and it has no fields of its own: its line can be written from the columns.
   */
  isPlain(n: number): boolean {
    return !this.places && (this.odd.size === 0 || !this.odd.has(n)) && !this.hasExtras(n) && !this.hasDevice(n);
  }

  private hasDevice(n: number): boolean {
    return this.deviceColumn !== undefined && this.deviceColumn[n] !== 0;
  }

  private addDevice(n: number, { model, ios, id }: Device): void {
    const pair = JSON.stringify([model, ios]);
    let kind = this.deviceKindIds.get(pair);
    if (kind === undefined) {
      this.deviceKinds.push({ model, ios });
      kind = this.deviceKinds.length;
      this.deviceKindIds.set(pair, kind);
    }
    this.deviceColumn ??= new Uint32Array(this.providerCodes.length);
    this.deviceIds ??= Buffer.alloc(this.providerCodes.length * 16);
    this.deviceColumn[n] = kind;
    this.deviceIds.write(id, n * 16, 'hex');
  }

  /** Account n's device (a new object each time), or undefined. */
  device(n: number): Device | undefined {
    if (this.places) return this.borrowed!.device(this.places[n]!);
    if (!this.hasDevice(n)) return undefined;
    const { model, ios } = this.deviceKinds[this.deviceColumn![n]! - 1]!;
    return { model, ios, id: this.deviceIds!.toString('hex', n * 16, n * 16 + 16) };
  }

  /** Whether account n has fields of its own (`extras`): its Account says more than the columns (history/record.ts). */
  hasExtras(n: number): boolean {
    if (this.runs === 0) return false;
    const r = this.runOf(n);
    return r >= 0 && this.runShapes![r] !== 0;
  }

  /** The run place n is in (-1: before the first). */
  private runOf(n: number): number {
    const starts = this.runStarts!;
    let low = 0;
    let high = this.runs - 1;
    if (n >= starts[high]!) return high;
    if (n < starts[0]!) return -1;
    // starts[low] <= n < starts[high]
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! <= n) low = middle;
      else high = middle;
    }
    return low;
  }

  /** Account n (the last added) has the fields `extras` (none: undefined or empty): a new run where they differ from the run before's. */
  private addExtras(n: number, extras: Record<string, unknown> | undefined): void {
    const names = extras === undefined ? [] : Object.keys(extras);
    const last = this.runs - 1;
    if (names.length === 0) {
      if (last >= 0 && this.runShapes![last] !== 0) this.startRun(n, 0, '');
      return;
    }
    const id = JSON.stringify(names);
    let shape = this.shapeIds.get(id);
    if (shape === undefined) {
      this.shapes.push(names);
      shape = this.shapes.length;
      this.shapeIds.set(id, shape);
    }
    const values = JSON.stringify(names.map((name) => extras![name]));
    if (last >= 0 && this.runShapes![last] === shape && this.runValues.last === values) return;
    this.startRun(n, shape, values);
  }

  private startRun(n: number, shape: number, values: string): void {
    const r = this.runs++;
    if (this.runStarts === undefined || r === this.runStarts.length) {
      const starts = new Uint32Array(Math.max(16, 2 * r));
      const shapes = new Uint32Array(starts.length);
      if (this.runStarts) {
        starts.set(this.runStarts);
        shapes.set(this.runShapes!);
      }
      this.runStarts = starts;
      this.runShapes = shapes;
    }
    this.runStarts[r] = n;
    this.runShapes![r] = shape;
    this.runValues.push(values);
  }

  /** The plain names and passwords (see `start`, `nameEnd`, `passwordEnd`). */
  get bytes(): Buffer {
    return this.text;
  }

  /** Where account n's name starts in `bytes`. */
  start(n: number): number {
    return n === 0 ? 0 : this.ends[2 * n - 1]!;
  }

  /** Where account n's name ends (its password starts) in `bytes`. */
  nameEnd(n: number): number {
    return this.ends[2 * n]!;
  }

  /** Where account n's password ends in `bytes`. */
  passwordEnd(n: number): number {
    return this.ends[2 * n + 1]!;
  }

  username(n: number): string {
    if (this.places) return this.borrowed!.username(this.places[n]!);
    return this.odd.get(n)?.username ?? this.text.toString('latin1', this.start(n), this.nameEnd(n));
  }

  password(n: number): string {
    if (this.places) return this.borrowed!.password(this.places[n]!);
    return this.odd.get(n)?.password ?? this.text.toString('latin1', this.nameEnd(n), this.passwordEnd(n));
  }

  provider(n: number): Provider {
    return PROVIDERS[this.providerCodes[n]!]!;
  }

  level(n: number): number {
    const level = this.levelColumn[n]!;
    return level === LEVEL_ELSEWHERE ? this.highLevels.get(n)! : level;
  }

  seq(n: number): number {
    const own = this.seqColumn ? this.seqColumn[n]! : this.firstSeq + n;
    const renumbered = this.renumbered;
    if (renumbered === undefined) return own;
    const k = own - renumbered.base;
    return k >= 0 && k < renumbered.places.length ? renumbered.base + renumbered.places[k]! : own;
  }

  /**
   * The import numbers from `base` on handed out again (import-numbering.ts importPlaces): the
   * account numbered `base + k` is numbered `base + places[k]` from now on; others keep theirs.
   */
  renumber(base: number, places: Uint32Array): void {
    if (this.renumbered) throw new Error('FreshAccounts: numbered again twice');
    this.renumbered = { base, places };
  }

  /** The account at place `n`, as the importer made it before (same fields, same order). */
  account(n: number): Account {
    const account: Account = {
      username: this.username(n),
      password: this.password(n),
      provider: this.provider(n),
      level: this.level(n),
      state: 'ok',
      added_at: this.addedAt,
      seq: this.seq(n),
      source: this.source,
    };
    // Where the importer put it: after the fields every new account has, before its own.
    const device = this.device(n);
    if (device) account.device = device;
    const r = this.runs === 0 ? -1 : this.runOf(n);
    if (r >= 0 && this.runShapes![r] !== 0) {
      const names = this.shapes[this.runShapes![r]! - 1]!;
      // Parsed once a run: its values are text, booleans and numbers (extrasHeld), copied into each account.
      if (r !== this.parsedRun) {
        this.parsedValues = JSON.parse(this.runValues.text(r)) as unknown[];
        this.parsedRun = r;
      }
      const values = this.parsedValues;
      for (let i = 0; i < names.length; i++) account[names[i]!] = values[i];
    }
    return account;
  }

  /**
   * Writes `text` at `at` in `text`'s buffer if it is plain (shard-codec.ts isPlainText: printable
   * ASCII but `"` and `\\`, one byte a character) and fits under 4 GB; returns where it ends, or -1.
   * Checked and copied in one loop: a call into Buffer.write costs more than a name's few characters.
   */
  private copyPlain(text: string, at: number): number {
    const end = at + text.length;
    if (end > 0xffffffff) return -1;
    if (end > this.text.length) this.growText(end, at);
    const bytes = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
      bytes[at + i] = c;
    }
    return end;
  }

  /** Account n's import number `seq` breaks the run from firstSeq: each number in a column from here on. */
  private seqsOwnColumn(n: number, seq: number): void {
    const column = new Float64Array(this.providerCodes.length);
    for (let k = 0; k < n; k++) column[k] = this.firstSeq + k;
    column[n] = seq;
    this.seqColumn = column;
  }

  private growColumns(): void {
    const size = this.providerCodes.length * 2;
    const grown = <T extends Uint8Array | Uint32Array | Float64Array>(column: T, length: number): T => {
      const next = new (column.constructor as new (n: number) => T)(length);
      next.set(column);
      return next;
    };
    if (this.places) this.places = grown(this.places, size);
    else this.ends = grown(this.ends, size * 2);
    this.providerCodes = grown(this.providerCodes, size);
    this.levelColumn = grown(this.levelColumn, size);
    if (this.seqColumn) this.seqColumn = grown(this.seqColumn, size);
    if (this.deviceColumn) this.deviceColumn = grown(this.deviceColumn, size);
    if (this.deviceIds) {
      const ids = Buffer.alloc(size * 16);
      this.deviceIds.copy(ids);
      this.deviceIds = ids;
    }
  }

  /** A larger buffer holding the first `kept` bytes (the accounts so far and a name being written). */
  private growText(least: number, kept: number): void {
    const next = Buffer.allocUnsafe(Math.min(0xffffffff, Math.max(least, this.text.length * 2)));
    this.text.copy(next, 0, 0, kept);
    this.text = next;
  }
}
