// A dump's accounts as columns: every name joined into one
// string and every password into another, their ends, lines, providers and levels in typed
// arrays; a history or a device as names said once and a column per field, repeated values said
// once (when JSON gives them back exactly); the rare record with more (a verdict, other values) kept whole by its
// place. A record is made on the spot when the merge asks for it (`at`), and let go.
//
// Why: the readers give one object per line (DumpAccount), and a 1,000,000-line dump's records
// were ~110-150 MB of heap held through the whole read of the pool, its change log and the merge,
// where issue 16's 300 MB is counted; as columns the same accounts are ~40 MB (docs/scale-log.md,
// stop 33). Made either from a reader's records (DumpColumns.of, any reader), or by the list reader
// straight from its `name:password` lines (DumpColumns.fromPairs, stop 34: no record and no string
// per line at all); either way they give back records equal to the reader's field for field
// (test/import/dump-columns.test.ts, test/formats/plain-columns.property.test.ts).
// Here, not in src/import, because a reader makes them (formats never import the import).
import { PROVIDERS, STATES, type Provider, type State } from '../model.js';
import type { DumpAccount } from './types.js';

/** A level the typed column cannot hold: none. */
const NO_LEVEL = 0xffff;

/** The accounts of a dump, read one by one by their place. */
export interface DumpRecords {
  readonly length: number;
  /** The record at `i`, equal to the reader's (made anew at each call for columns). */
  at(i: number): DumpAccount;
  /** `at(i).username`, `at(i).password`, `at(i).provider`, without the rest of the record. */
  usernameAt(i: number): string;
  passwordAt(i: number): string;
  providerAt(i: number): Provider | undefined;
}

export class DumpColumns implements DumpRecords {
  private constructor(
    private readonly names: Texts,
    private readonly passwords: Texts,
    private readonly lines: Uint32Array,
    /** 0: none given; else 1 + its place in PROVIDERS. */
    private readonly providers: Uint8Array,
    private readonly levels: Uint16Array,
    /** Records with more than these columns hold (or a level or line they cannot): kept as read. */
    private readonly whole: Map<number, DumpAccount>,
    /**
     * Whether every record held in the columns passed the store's rules before it was put here
     * (`of`: made after them; `fromPairs`: plain-pairs.ts lets through only pairs that pass). False
     * for a reader's builder (DumpColumnsBuilder): choose.ts checks each of them.
     */
    readonly checked = true,
    /** The records' own fields (`history`) held as columns, by a builder. */
    private readonly extras?: ExtraFields,
    /** The records' devices held so too (a Monocle accounts.csv's `model`, `iOS`, `id`). */
    private readonly devices?: ExtraFields,
    /**
     * The records' verdicts, by a builder: 0 none, else 1 + its place in STATES. Why: every account of
     * our own JSON lines export carries a `state`, and a record with one was kept whole: 1,000,000
     * exported accounts were 765 MB at `import --dry-run` (docs/scale-log.md, stop 60 PG, stop 61 R).
     */
    private readonly states?: Uint8Array,
  ) {}

  /** A builder's columns (DumpColumnsBuilder.done). */
  static built(names: Texts, passwords: Texts, lines: Uint32Array, providers: Uint8Array, levels: Uint16Array, whole: Map<number, DumpAccount>, extras?: ExtraFields, devices?: ExtraFields, states?: Uint8Array): DumpColumns {
    return new DumpColumns(names, passwords, lines, providers, levels, whole, false, extras, devices, states);
  }

  static of(accounts: readonly DumpAccount[]): DumpColumns {
    const n = accounts.length;
    const lines = new Uint32Array(n);
    const providers = new Uint8Array(n);
    const levels = new Uint16Array(n).fill(NO_LEVEL);
    const whole = new Map<number, DumpAccount>();
    for (let i = 0; i < n; i++) {
      const a = accounts[i]!;
      if (!plain(a)) {
        whole.set(i, a);
        continue;
      }
      lines[i] = a.line;
      if (a.provider !== undefined) providers[i] = PROVIDERS.indexOf(a.provider) + 1;
      if (a.level !== undefined) levels[i] = a.level;
    }
    return new DumpColumns(Texts.of(accounts, 'username'), Texts.of(accounts, 'password'), lines, providers, levels, whole);
  }

  /**
   * The accounts of a list read line by line: line `i` (0-based) is the pair `name:password` split
   * at `at[i]` when that is above 0 (plain-pairs.ts: ASCII only, no blank, nothing to note), else
   * it gave the `records` of that line (their `line` is i + 1), in the order the reader made them.
   * `records` must be in line order. No string and no object is made per pair.
   */
  static fromPairs(lines: readonly string[], at: Int32Array, records: readonly DumpAccount[]): DumpColumns {
    let pairs = 0;
    let nameLength = 0;
    let passwordLength = 0;
    for (let i = 0; i < at.length; i++) {
      const a = at[i]!;
      if (a <= 0) continue;
      pairs++;
      nameLength += a;
      passwordLength += lines[i]!.length - a - 1;
    }
    const n = pairs + records.length;
    // The names, then the passwords, copied into one scratch buffer in turn, each made a string
    // from it: both buffers beside both strings were the peak of a 1,000,000-line import's read
    // (~10 MB more, scale-log.md, stop 36).
    const scratch = Buffer.allocUnsafe(Math.max(nameLength, passwordLength));
    const names = new TextsBuilder(n, scratch);
    const lineColumn = new Uint32Array(n);
    const levels = new Uint16Array(n).fill(NO_LEVEL);
    const whole = new Map<number, DumpAccount>();
    let k = 0;
    let r = 0;
    for (let i = 0; i < at.length; i++) {
      const a = at[i]!;
      if (a > 0) {
        names.addAscii(k, lines[i]!, 0, a);
        lineColumn[k++] = i + 1;
        continue;
      }
      for (; r < records.length && records[r]!.line === i + 1; r++) {
        whole.set(k, records[r]!);
        names.skip(k);
        k++;
      }
    }
    if (k !== n) throw new Error('records out of line order'); // a reader's bug, never a dump's
    const nameTexts = names.done();
    const passwords = new TextsBuilder(n, scratch);
    for (k = 0; k < n; k++) {
      if (whole.size > 0 && whole.has(k)) {
        passwords.skip(k);
        continue;
      }
      const i = lineColumn[k]! - 1;
      const s = lines[i]!;
      passwords.addAscii(k, s, at[i]! + 1, s.length);
    }
    return new DumpColumns(nameTexts, passwords.done(), lineColumn, new Uint8Array(n), levels, whole);
  }

  get length(): number {
    return this.lines.length;
  }

  /** `at(i).line`. */
  lineAt(i: number): number {
    const kept = this.whole.size === 0 ? undefined : this.whole.get(i);
    return kept ? kept.line : this.lines[i]!;
  }

  /** The records the reader made the full way (all but the pairs), with their places. */
  kept(): ReadonlyMap<number, DumpAccount> {
    return this.whole;
  }

  /**
   * Every record, in order: what a check that needs records is given. With `pastLine`, only up to
   * the first whose line is past it (the columns a list reader makes are in line order).
   */
  records(pastLine = Infinity): DumpAccount[] {
    const out: DumpAccount[] = [];
    for (let i = 0; i < this.length; i++) {
      const a = this.at(i);
      out.push(a);
      if (a.line > pastLine) break;
    }
    return out;
  }

  /** These accounts, each without a level given `levelAt(its line)` when that is one (stated-level.ts). */
  withLevels(levelAt: (line: number) => number | undefined): DumpColumns {
    const levels = this.levels.slice();
    const whole = new Map<number, DumpAccount>();
    for (const [i, a] of this.whole) {
      const level = a.level === undefined ? levelAt(a.line) : undefined;
      whole.set(i, level === undefined ? a : { ...a, level });
    }
    for (let i = 0; i < levels.length; i++) {
      if (levels[i] !== NO_LEVEL || this.whole.has(i)) continue;
      const level = levelAt(this.lines[i]!);
      if (level === undefined) continue;
      if (Number.isInteger(level) && level >= 0 && level < NO_LEVEL) levels[i] = level;
      else whole.set(i, { ...this.at(i), level });
    }
    return new DumpColumns(this.names, this.passwords, this.lines, this.providers, levels, whole, this.checked, this.extras, this.devices, this.states);
  }

  /** `at(i).password` (a whole record's own). */
  passwordAt(i: number): string {
    const kept = this.whole.size === 0 ? undefined : this.whole.get(i);
    return kept ? kept.password : this.passwords.at(i);
  }

  at(i: number): DumpAccount {
    const kept = this.whole.size === 0 ? undefined : this.whole.get(i);
    if (kept) return kept;
    const a: DumpAccount = {
      username: this.names.at(i),
      password: this.passwords.at(i),
      line: this.lines[i]!,
    };
    const provider = this.providers[i]!;
    if (provider !== 0) a.provider = PROVIDERS[provider - 1] as Provider;
    const level = this.levels[i]!;
    if (level !== NO_LEVEL) a.level = level;
    const state = this.states === undefined ? 0 : this.states[i]!;
    if (state !== 0) a.state = STATES[state - 1] as State;
    const history = this.extras?.at(i);
    if (history) a.history = history;
    const device = this.devices?.at(i);
    if (device) a.device = device as DumpAccount['device'];
    return a;
  }

  usernameAt(i: number): string {
    // A record kept whole may have no name in the column (fromPairs leaves its place empty).
    const kept = this.whole.size === 0 ? undefined : this.whole.get(i);
    return kept ? kept.username : this.names.at(i);
  }

  providerAt(i: number): Provider | undefined {
    const kept = this.whole.size === 0 ? undefined : this.whole.get(i);
    if (kept) return kept.provider;
    const provider = this.providers[i]!;
    return provider === 0 ? undefined : (PROVIDERS[provider - 1] as Provider);
  }
}

/**
 * A DumpColumns filled one record at a time, as a reader reads them (sqlite-stores.ts: a NecroBot2
 * accounts.db of 1,700,000 rows kept as records, each with a history object of its other columns,
 * was 894 MB at `import --dry-run`; docs/scale-log.md, stop 37). A record whose only extra is a
 * history of text, booleans and finite numbers goes into the columns, its history as the list of
 * its field names (once per list) and its values field by field (ExtraFields);
 * any other is kept whole. The store's rules are checked afterwards (`checked` is false).
 */
export class DumpColumnsBuilder {
  private count = 0;
  private lines = new Uint32Array(1024);
  private providers = new Uint8Array(1024);
  private levels = new Uint16Array(1024).fill(NO_LEVEL);
  /** Made at the first record with a verdict (DumpColumns.states). */
  private states: Uint8Array | undefined;
  private readonly names = new GrowingTexts();
  private readonly passwords = new GrowingTexts();
  private readonly whole = new Map<number, DumpAccount>();
  private extras: ExtraFieldsBuilder | undefined;
  private devices: ExtraFieldsBuilder | undefined;

  get length(): number {
    return this.count;
  }

  /** `whole`: kept as this very record, which its reader may still change (pgpool-column31.ts names a field once its table says). */
  add(a: DumpAccount, whole = false): void {
    const k = this.count++;
    if (k === this.lines.length) this.grow();
    const { history, device } = a;
    if (whole || !plainBut(a, true) || (history !== undefined && !heldAsText(history)) || (device !== undefined && (!heldAsText(device) || isEmpty(device)))) {
      this.whole.set(k, a);
      this.names.skip();
      this.passwords.skip();
      this.extras?.skip();
      this.devices?.skip();
      return;
    }
    this.names.add(a.username);
    this.passwords.add(a.password);
    this.lines[k] = a.line;
    if (a.provider !== undefined) this.providers[k] = PROVIDERS.indexOf(a.provider) + 1;
    if (a.level !== undefined) this.levels[k] = a.level;
    if (a.state !== undefined) (this.states ??= new Uint8Array(this.lines.length))[k] = STATES.indexOf(a.state) + 1;
    if (history !== undefined || this.extras) (this.extras ??= new ExtraFieldsBuilder(k)).add(history);
    // A device as a history is held: its names once, its values field by field (a Monocle
    // export's 1,000,000 rows, each with its device, were kept whole: 1.28 GB at `import --dry-run`).
    if (device !== undefined || this.devices) (this.devices ??= new ExtraFieldsBuilder(k)).add(device);
  }

  done(): DumpColumns {
    const n = this.count;
    return DumpColumns.built(
      this.names.done(n),
      this.passwords.done(n),
      this.lines.slice(0, n),
      this.providers.slice(0, n),
      this.levels.slice(0, n),
      this.whole,
      this.extras?.done(n),
      this.devices?.done(n),
      this.states?.slice(0, n),
    );
  }

  private grow(): void {
    const size = this.lines.length * 2;
    const lines = new Uint32Array(size);
    lines.set(this.lines);
    this.lines = lines;
    const providers = new Uint8Array(size);
    providers.set(this.providers);
    this.providers = providers;
    const levels = new Uint16Array(size).fill(NO_LEVEL);
    levels.set(this.levels);
    this.levels = levels;
    if (this.states) {
      const states = new Uint8Array(size);
      states.set(this.states);
      this.states = states;
    }
  }
}

/**
 * Where a reader that reads its accounts one by one puts them (a Monocle CSV, a SQLite store):
 * into columns at an import's read (ParseOptions.columnsFrom), as they are read, so no list of
 * records is ever held; into a list otherwise. One place for the rule a DumpResult's `columns`
 * follows: from `columnsFrom` accounts on, else the records.
 */
export class ReadAccounts {
  private readonly list: DumpAccount[] = [];
  private readonly columns: DumpColumnsBuilder | undefined;

  constructor(private readonly columnsFrom: number | undefined) {
    this.columns = columnsFrom === undefined ? undefined : new DumpColumnsBuilder();
  }

  /** `whole`: the reader may still change this record (it is kept as it is, never copied into columns). */
  add(account: DumpAccount, whole = false): void {
    if (this.columns) this.columns.add(account, whole);
    else this.list.push(account);
  }

  /** The accounts as a DumpResult holds them. */
  held(): { accounts: DumpAccount[]; columns?: DumpColumns } {
    if (!this.columns) return { accounts: this.list };
    const done = this.columns.done();
    return this.columns.length >= this.columnsFrom! ? { accounts: [], columns: done } : { accounts: done.records() };
  }
}

function isEmpty(fields: object): boolean {
  for (const name in fields) if (Object.hasOwn(fields, name)) return false;
  return true;
}

/**
 * Whether JSON gives back `history`'s values exactly (text, booleans, finite numbers other than
 * -0) under names an assignment makes own fields: then it can be held as names and field columns.
 */
function heldAsText(history: Record<string, unknown>): boolean {
  for (const name in history) {
    if (!Object.hasOwn(history, name) || name === '__proto__') return false;
    const value = history[name];
    if (typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || Object.is(value, -0)) return false;
  }
  return true;
}

/**
 * The histories (or devices) of the records in the columns: each as its list of names (its shape)
 * and its values field by field, each field a column of its own (FieldValues). Why a column per
 * field, not one JSON text of a record's values: a Monocle row's device is `["iPhone9,1","11.2.1",
 * "<its id>"]`, 56 bytes a row as one text, 64 MB of buffer at 1,000,000 rows, the read's largest
 * column; as fields the model and the iOS are one value each said once, the id its 32 bytes
 * (docs/scale-log.md, stop 46).
 */
class ExtraFields {
  constructor(
    /** The lists of names met; a record's `shape` is 1 + its list's place, 0 for none. */
    private readonly shapes: readonly string[][],
    private readonly shape: Codes,
    /** The values of the records' `j`th names, by record. */
    private readonly fields: readonly FieldValues[],
  ) {}

  at(i: number): Record<string, unknown> | undefined {
    const s = i < this.shape.length ? this.shape.get(i) : 0;
    if (s === 0) return undefined;
    const names = this.shapes[s - 1]!;
    const history: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) history[names[j]!] = this.fields[j]!.at(i);
    return history;
  }
}

class ExtraFieldsBuilder {
  private readonly shapes: string[][] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly shape = new Codes();
  private readonly fields: FieldValues[] = [];
  private last = 0;
  private count: number;

  /** `first`: how many records came before the first with a history (none of them has one). */
  constructor(first: number) {
    this.count = first;
  }

  skip(): void {
    this.add(undefined);
  }

  add(history: Record<string, unknown> | undefined): void {
    const k = this.count++;
    if (history === undefined) return;
    const names = Object.keys(history);
    if (names.length === 0) return;
    // The last record's shape again (every row of a file, mostly): no key made to look it up.
    let s = this.last !== 0 && sameNames(this.shapes[this.last - 1]!, names) ? this.last : undefined;
    if (s === undefined) {
      const id = names.join('\n');
      s = this.shapeIds.get(id);
      if (s === undefined) {
        this.shapes.push(names);
        s = this.shapes.length;
        this.shapeIds.set(id, s);
      }
      this.last = s;
    }
    this.shape.set(k, s);
    for (let j = 0; j < names.length; j++) (this.fields[j] ??= new FieldValues()).add(k, history[names[j]!]);
  }

  done(n: number): ExtraFields {
    return new ExtraFields(this.shapes, this.shape.done(n), this.fields.map((field) => field.done(n)));
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Past this many distinct values, a field's next new ones are held one per record (an id), not looked up. */
const DISTINCT_MAX = 4096;
/** A field's code for a string held in its texts, at the rest of the code. */
const STRING = 0x80000000;
/** A field's code for another value, its JSON text held in its texts, at the rest of the code. */
const JSON_TEXT = 0x40000000;
const TEXT_PLACE = 0x3fffffff;
/**
 * A field's code for a string of lowercase hex digits held as the bytes they spell (GrowingTexts.addHex),
 * at the rest of the code: a Monocle row's device id, its 32 characters in 16 bytes (16 MB of the
 * 1,000,000-row CSV's columns; docs/scale-log.md, stop 55 I).
 */
const HEX_TEXT = STRING + JSON_TEXT;
/**
 * A field's code for a whole number past DISTINCT_MAX's values, at the rest of the code: the number
 * itself, no text. A PGPool row's xp, stardust, coins, encounters... are a new number a row, and as
 * JSON text each cost its digits, an end (4 bytes) and a code (4 bytes): ~15 bytes a field a row,
 * ~190 MB of a 1,000,000-row table's columns (docs/scale-log.md, stop 60 PG). Now the code alone.
 */
const WHOLE_NUMBER = DISTINCT_MAX + 1;
/** The whole numbers held so: those whose code stays below JSON_TEXT's. */
const WHOLE_NUMBER_MAX = JSON_TEXT - 1 - WHOLE_NUMBER;

/**
 * One field of the records that have it: a code per record, a value met before (at most
 * DISTINCT_MAX of them) said once, a whole number in its code, others as text (a string as it is,
 * another value as JSON, which gives back text, booleans and finite numbers exactly: heldAsText).
 */
class FieldValues {
  private readonly codes = new Codes();
  private readonly distinct: unknown[] = [];
  private readonly codeOf = new Map<unknown, number>();
  private texts: GrowingTexts | Texts = new GrowingTexts();

  add(k: number, value: unknown): void {
    const texts = this.texts as GrowingTexts;
    let code = this.codeOf.get(value);
    if (code === undefined) {
      if (this.distinct.length < DISTINCT_MAX) {
        // A copy: a reader's value may be a slice of the dump's whole text, which it would keep alive.
        const own = typeof value === 'string' ? (JSON.parse(JSON.stringify(value)) as string) : value;
        this.distinct.push(own);
        code = this.distinct.length;
        this.codeOf.set(own, code);
      } else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= WHOLE_NUMBER_MAX && !Object.is(value, -0)) {
        code = WHOLE_NUMBER + value;
      } else {
        if (texts.length > TEXT_PLACE) throw new RangeError('a dump too large for columns');
        if (typeof value === 'string' && isPackedHex(value)) {
          code = HEX_TEXT + texts.length;
          texts.addHex(value);
        } else {
          code = (typeof value === 'string' ? STRING : JSON_TEXT) + texts.length;
          texts.add(typeof value === 'string' ? value : JSON.stringify(value));
        }
      }
    }
    this.codes.set(k, code);
  }

  /** No more values: read from here on (`at`). */
  done(n: number): FieldValues {
    this.codes.done(n);
    if (this.texts instanceof GrowingTexts) this.texts = this.texts.done(this.texts.length);
    return this;
  }

  at(i: number): unknown {
    const code = this.codes.get(i);
    if (code < WHOLE_NUMBER) return this.distinct[code - 1];
    if (code < JSON_TEXT) return code - WHOLE_NUMBER;
    if (code >= HEX_TEXT) return (this.texts as Texts).hexAt(code & TEXT_PLACE);
    const text = (this.texts as Texts).at(code & TEXT_PLACE);
    return code >= STRING ? text : JSON.parse(text);
  }
}

/**
 * A column of whole numbers as narrow as its largest needs (a byte each while all are under 256):
 * a field with a few values, as most are, costs a byte a record, not four.
 */
class Codes {
  private codes: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(1024);
  private top = 0xff;
  /** One past the last place set. */
  length = 0;

  set(k: number, code: number): void {
    if (code > this.top || k >= this.codes.length) this.widen(code, k);
    this.codes[k] = code;
    if (k >= this.length) this.length = k + 1;
  }

  get(i: number): number {
    return i < this.codes.length ? this.codes[i]! : 0;
  }

  /** Its first `n` places, no room to spare. */
  done(n: number): Codes {
    this.codes = this.codes.slice(0, n);
    this.length = Math.min(this.length, n);
    return this;
  }

  private widen(code: number, k: number): void {
    const size = Math.max(this.codes.length, 1024);
    const room = k >= size ? Math.max(size * 2, k + 1) : size;
    this.top = Math.max(this.top, code <= 0xff ? 0xff : code <= 0xffff ? 0xffff : 0xffffffff);
    const codes = this.top === 0xff ? new Uint8Array(room) : this.top === 0xffff ? new Uint16Array(room) : new Uint32Array(room);
    codes.set(this.codes.subarray(0, Math.min(this.length, room)));
    this.codes = codes;
  }
}

/**
 * Every field of a record, named once here: the columns' own, and those that keep a record whole.
 * A field a reader gains later fails the type check until it is named here (a failed check was
 * once dropped on the way to the merge so), at no cost per record as a loop over keys would have
 * (~50 ms at 1,000,000 records).
 */
type ColumnField = 'username' | 'password' | 'line' | 'provider' | 'level';
type WholeField = 'device' | 'state' | 'stateAt' | 'history' | 'checkError' | 'quoted' | 'file';
const EVERY_FIELD_NAMED: Record<Exclude<keyof DumpAccount, ColumnField | WholeField>, never> = {};
void EVERY_FIELD_NAMED;

/**
 * Whether the columns hold all of `a`: none of the fields that keep a record whole, a whole line,
 * a known provider and a small whole level.
 */
function plain(a: DumpAccount): boolean {
  return a.device === undefined && a.history === undefined && plainBut(a);
}

/** `plain(a)` but for its history and device (a builder holds those too, and `state` when `states`): no copy of `a` made per record. */
function plainBut(a: DumpAccount, states = false): boolean {
  // A verdict's own time (stateAt: ShuckleTools', RealDeviceMap's dated verdicts) keeps the record whole, as does a split conversation's later file (file).
  if ((a.state !== undefined && !(states && STATES.includes(a.state))) || a.stateAt !== undefined || a.checkError !== undefined || a.quoted !== undefined || a.file !== undefined) return false;
  if (!(Number.isInteger(a.line) && a.line >= 0 && a.line <= 0xffffffff)) return false;
  if (a.provider !== undefined && !PROVIDERS.includes(a.provider)) return false;
  if (a.level !== undefined && !(Number.isInteger(a.level) && a.level >= 0 && a.level < NO_LEVEL)) return false;
  return true;
}

/**
 * One field of every record (the names, or the passwords) as one string and the ends of each:
 * the characters copied into bytes, read back as one Latin-1 string (no string per record, no
 * join of a million of them: that took ~0.3 s a column). A value with a character past Latin-1
 * (rare: a non-ASCII name beyond the accents of Latin-1) is kept as its own string, by its place.
 */
class Texts {
  private constructor(
    /**
     * A string, or a builder's bytes as they are (GrowingTexts: a string made of them at the end of
     * a read was a second copy beside them, ~77 MB of a 1,000,000-row Monocle CSV with devices at
     * the read's peak; docs/scale-log.md, stop 44). A value read from bytes costs ~60 ns more.
     */
    private readonly text: string | Buffer | readonly Buffer[],
    /**
     * Where each value ends in `text` (it begins where the one before ends). For pieces (GrowingTexts),
     * an offset in bytes where piece `p` covers `p * PIECE` to `(p + 1) * PIECE` and no value spans two.
     */
    private readonly ends: Uint32Array,
    private readonly wide: Map<number, string>,
  ) {}

  static of(accounts: readonly DumpAccount[], field: 'username' | 'password'): Texts {
    const n = accounts.length;
    let length = 0;
    for (let i = 0; i < n; i++) length += accounts[i]![field].length;
    // Past 4 GB an end would not fit (never met: max_dump_size is 50 MB).
    if (length > 0xffffffff) throw new RangeError('a dump too large for columns');
    const bytes = Buffer.allocUnsafe(length);
    const ends = new Uint32Array(n);
    const wide = new Map<number, string>();
    let end = 0;
    for (let i = 0; i < n; i++) {
      const value = accounts[i]![field];
      const start = end;
      for (let j = 0; j < value.length; j++) {
        const c = value.charCodeAt(j);
        if (c > 0xff) {
          wide.set(i, value);
          end = start;
          break;
        }
        bytes[end++] = c;
      }
      ends[i] = end;
    }
    return new Texts(bytes.toString('latin1', 0, end), ends, wide);
  }

  static made(text: string | Buffer | readonly Buffer[], ends: Uint32Array, wide: Map<number, string>): Texts {
    return new Texts(text, ends, wide);
  }

  at(i: number): string {
    if (this.wide.size > 0) {
      const value = this.wide.get(i);
      if (value !== undefined) return value;
    }
    const text = this.text;
    if (typeof text === 'string') return text.substring(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
    return this.decoded(i, 'latin1');
  }

  /** Value `i` as the lowercase hex of its bytes (a value GrowingTexts.addHex put). */
  hexAt(i: number): string {
    return this.decoded(i, 'hex');
  }

  private decoded(i: number, encoding: 'latin1' | 'hex'): string {
    const text = this.text as Buffer | readonly Buffer[];
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    if (Buffer.isBuffer(text)) return text.toString(encoding, start, end);
    if (end === start) return '';
    // The piece its last byte is in holds all of it; it starts past the value before where that ends in an earlier piece.
    const p = Math.floor((end - 1) / PIECE);
    const base = p * PIECE;
    return text[p]!.toString(encoding, Math.max(start, base) - base, end - base);
  }
}

/** A Texts filled value by value, its length known beforehand. */
class TextsBuilder {
  private readonly ends: Uint32Array;
  private end = 0;

  /** `bytes`: room for every value (a scratch buffer: done() copies what was written into a string). */
  constructor(
    n: number,
    private readonly bytes: Buffer,
  ) {
    if (bytes.length > 0xffffffff) throw new RangeError('a dump too large for columns');
    this.ends = new Uint32Array(n);
  }

  /** Value `k` is `s` from `from` to `to`, every character of it ASCII. */
  addAscii(k: number, s: string, from: number, to: number): void {
    const bytes = this.bytes;
    let end = this.end;
    for (let j = from; j < to; j++) bytes[end++] = s.charCodeAt(j);
    this.ends[k] = this.end = end;
  }

  /** Value `k` is held elsewhere (a whole record). */
  skip(k: number): void {
    this.ends[k] = this.end;
  }

  done(): Texts {
    return Texts.made(this.bytes.toString('latin1', 0, this.end), this.ends, new Map());
  }
}

/**
 * The most bytes a GrowingTexts holds in one buffer: past it, its values go into further buffers of
 * this size, none copied again. Why: its one buffer doubled as it filled, and a column kept the whole
 * doubled buffer to the end of the import: a 1,000,000-row Monocle CSV's names (11 MB) and passwords
 * (12 MB) were 16.7 MB each, held through the read of the pool, its change log and the merge
 * (docs/scale-log.md, stop 54 I and stop 55 I). Now at most one piece's room is spare.
 */
const PIECE = 1 << 20;

/** A Texts filled value by value, their number and length not known beforehand (a builder's). */
class GrowingTexts {
  /** The pieces filled before `bytes` (each PIECE bytes of offsets, the used part of it). */
  private readonly pieces: Buffer[] = [];
  /** The piece being filled: doubled from 16 KB up to PIECE (a small dump's column stays small), then a new one. */
  private bytes = Buffer.allocUnsafe(16_384);
  /** Where `bytes` begins in the offsets `ends` holds (a multiple of PIECE). */
  private base = 0;
  private ends = new Uint32Array(1024);
  private readonly wide = new Map<number, string>();
  private end = 0;
  length = 0;

  add(value: string): void {
    const k = this.next();
    // Longer than a piece: kept as its own string, as a value past Latin-1 is.
    if (value.length > PIECE) {
      this.wide.set(k, value);
      this.ends[k] = this.end;
      return;
    }
    const start = this.room(value.length);
    let end = start;
    const bytes = this.bytes;
    for (let j = 0; j < value.length; j++) {
      const c = value.charCodeAt(j);
      if (c > 0xff) {
        this.wide.set(k, value);
        end = start;
        break;
      }
      bytes[end++] = c;
    }
    this.end = this.base + end;
    this.ends[k] = this.end;
  }

  /**
   * The next value is `hex`, lowercase hexadecimal digits of even length (isPackedHex): held as the
   * bytes it spells, half its length, given back by Texts.hexAt exactly (a Monocle id's 32
   * characters are 16 bytes).
   */
  addHex(hex: string): void {
    const k = this.next();
    const start = this.room(hex.length / 2);
    this.end = this.base + start + this.bytes.write(hex, start, 'hex');
    this.ends[k] = this.end;
  }

  /** The next value is held elsewhere (a whole record). */
  skip(): void {
    this.ends[this.next()] = this.end;
  }

  done(n: number): Texts {
    // The bytes themselves, not a string of them (Texts.text); one buffer while they fit in one.
    const last = this.bytes.subarray(0, this.end - this.base);
    const text = this.pieces.length === 0 ? last : [...this.pieces, last];
    return Texts.made(text, this.ends.slice(0, n), this.wide);
  }

  /** The place of the next value. */
  private next(): number {
    const k = this.length++;
    if (k === this.ends.length) {
      const ends = new Uint32Array(k * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    return k;
  }

  /** Where in `bytes` a value of `length` bytes (at most PIECE) goes: room made for it. */
  private room(length: number): number {
    const used = this.end - this.base;
    if (used + length <= this.bytes.length) return used;
    if (used + length <= PIECE) {
      const bytes = Buffer.allocUnsafe(Math.min(PIECE, Math.max(this.bytes.length * 2, used + length)));
      this.bytes.copy(bytes, 0, 0, used);
      this.bytes = bytes;
      return used;
    }
    if (this.base + 2 * PIECE > 0xffffffff) throw new RangeError('a dump too large for columns');
    this.pieces.push(this.bytes.subarray(0, used));
    this.base += PIECE;
    this.end = this.base;
    this.bytes = Buffer.allocUnsafe(PIECE);
    return 0;
  }
}

/** Whether `value` is lowercase hexadecimal digits of even length, which Buffer's hex encoding gives back exactly. */
function isPackedHex(value: string): boolean {
  return value.length > 0 && value.length % 2 === 0 && value.length <= 2 * PIECE && HEX_DIGITS.test(value);
}
const HEX_DIGITS = /^[0-9a-f]+$/;
