// How one shard file is written and read.
//
// Written: a comment header, then one account per line as `"username": {"field": value, ...}`,
// accounts sorted by lower-cased username and fields in FIELD_ORDER, every value JSON-encoded with
// the characters YAML cannot hold raw escaped. Such a line is valid YAML (a block mapping whose
// value is a flow mapping of double-quoted strings), so `yaml.parse` reads the file, and it is
// also one JSON member, so the fast path reads it with `JSON.parse` at hundreds of MB/s.
//
// Read: the fast path is taken only when re-writing what it parsed gives back the very same
// line; anything else (a shard a user edited by hand in any YAML style) is read by `yaml`.
// test/store/shard-codec.test.ts proves with fast-check that both readers agree on every
// record the writer can produce.
import { createHash } from 'node:crypto';
import { yaml } from '../yaml-lazy.js';
import { CIRCLE_FIELDS, DEVICE_FIELD_ORDER, FIELD_ORDER, STANDING_FIELDS, TIMED_FIELDS, isProvider, keyOf, recordProblem, type Account, type CircleStanding, type Provider, type Standing, type TimedStanding } from '../model.js';
import { hasWrittenTimes, writeTimesAsStored } from '../account-times.js';
import { FileError } from '../errors.js';
import { yamlShapeProblem } from '../yaml-shape.js';
import { describeDataError, describeParseError } from './shard-errors.js';
import type { Document, LineCounter } from 'yaml';

/** Characters YAML does not allow raw in a double-quoted scalar (non-printable) or treats as line breaks. */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** Printable ASCII but `"` and `\\`: JSON writes such text as it is, between quotes. */
const PLAIN_TEXT = /^[ !#-[\]-~]*$/;

function quote(text: string): string {
  if (PLAIN_TEXT.test(text)) return `"${text}"`;
  const json = JSON.stringify(text);
  YAML_UNSAFE.lastIndex = 0;
  return YAML_UNSAFE.test(json) ? json.replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** One value in the canonical style: JSON for everything JSON can say, YAML words for the rest. */
function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(encode).join(', ')}]`;
      return encodeMapping(value as Record<string, unknown>, Object.keys(value).sort());
    default:
      // undefined, functions, bigint never come from a parsed shard; write them as null rather than break the line
      return 'null';
  }
}

function encodeMapping(record: Record<string, unknown>, keys: readonly string[]): string {
  const parts: string[] = [];
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined) parts.push(`${quote(key)}: ${encode(value)}`);
  }
  return parts.length === 0 ? '{}' : `{${parts.join(', ')}}`;
}

const KNOWN_FIELDS = new Set<string>(['username', ...FIELD_ORDER]);
const KNOWN_DEVICE_FIELDS = new Set<string>(DEVICE_FIELD_ORDER);

function canonicalKeys(record: Record<string, unknown>, order: readonly string[], known: Set<string>): string[] {
  const extras = Object.keys(record).filter((k) => !known.has(k));
  return extras.length === 0 ? (order as string[]) : [...order, ...extras.sort()];
}

/** `"field": ` for each of our fields (plain names: quote() would write them so). */
const FIELD_PREFIX = FIELD_ORDER.map((field) => `"${field}": `);
const DEVICE_AT = FIELD_ORDER.indexOf('device');

/**
 * The one line an account is written as: our fields in FIELD_ORDER, then the user's own in
 * alphabetical order. It runs for every account an import adds: no list of keys is made per
 * account, and plain text is quoted without JSON.stringify.
 */
export function encodeAccountLine(account: Account): string {
  const record = account as Record<string, unknown>;
  const fresh = freshLine(record);
  if (fresh !== undefined) return fresh;
  // Joined from parts, not added up: a string built by `+=` is a rope of pieces that every later
  // reader (the shard's join, the UTF-8 encoder, the collector) pays for.
  const parts: string[] = [];
  for (let f = 0; f < FIELD_ORDER.length; f++) {
    const value = record[FIELD_ORDER[f]!];
    if (value === undefined) continue;
    parts.push(FIELD_PREFIX[f]! + (f === DEVICE_AT && value !== null && typeof value === 'object' && !Array.isArray(value) ? encodeDevice(value as Record<string, unknown>) : encode(value)));
  }
  let extras: string[] | undefined;
  for (const key in record) if (!KNOWN_FIELDS.has(key) && Object.hasOwn(record, key)) (extras ??= []).push(key);
  if (extras) {
    for (const key of extras.sort()) {
      const value = record[key];
      if (value !== undefined) parts.push(`${quote(key)}: ${encode(value)}`);
    }
  }
  parts[0] = `${quote(account.username)}: {${parts[0] ?? ''}`;
  parts[parts.length - 1] += '}';
  return parts.join(', ');
}

/** The fields of an account as an import adds it (merge.ts), besides its username: nothing else. */
const FRESH_FIELDS = ['password', 'provider', 'level', 'state', 'added_at', 'seq', 'source'];
// freshLine writes them in this order, which must be FIELD_ORDER's.
if (FIELD_ORDER.filter((f) => FRESH_FIELDS.includes(f)).join() !== FRESH_FIELDS.join()) throw new Error('shard-codec: FRESH_FIELDS out of FIELD_ORDER');

/**
 * encodeAccountLine's text for an account of exactly the shape an import adds (FRESH_FIELDS, each
 * a string or a number as the store's rules want), from one fixed list of pieces; undefined for any other
 * record. Most lines an import writes are such accounts, and walking every field of FIELD_ORDER
 * for each cost twice as much. The same quoting as the general path: the text is the same
 * (test/store/shard-codec.test.ts proves it against the format said plainly).
 */
function freshLine(record: Record<string, unknown>): string | undefined {
  if (!isFreshRecord(record)) return undefined;
  const { username, password, provider, level, state, added_at, seq, source } = record as unknown as Account & { source: string };
  // Joined, not a template literal: that makes a rope of fifteen pieces, which the shard state
  // keeps until the commit (+65 MB at 100,000 accounts, and slower, measured).
  return [quote(username), ': {"password": ', quote(password!), freshMiddle(provider, level, state, added_at), encode(seq), freshEnd(source)].join('');
}

/** Of exactly the shape an import adds (FRESH_FIELDS, each a string or a number as the store's rules want): written by the template. */
export function isFreshRecord(record: Record<string, unknown>): boolean {
  const { password, provider, level, state, added_at, seq, source } = record;
  if (typeof password !== 'string' || typeof provider !== 'string' || typeof level !== 'number' || typeof state !== 'string') return false;
  if (typeof added_at !== 'string' || typeof seq !== 'number' || typeof source !== 'string') return false;
  // Those seven and the username, and no other field (of ours or the user's).
  let fields = 0;
  for (const key in record) {
    if (key !== 'username' && key !== 'password' && key !== 'provider' && key !== 'level' && key !== 'state' && key !== 'added_at' && key !== 'seq' && key !== 'source') return false;
    fields++;
  }
  return fields === FRESH_FIELDS.length + 1;
}

/**
 * The text between a fresh line's password and its seq, and after its seq: the same for every
 * account one import adds (its provider, level, state, time and source), so made once per import,
 * not quoted again for each of 100,000 lines. The same string comes back while they stay the same.
 */
// Nothing is cached at first: an empty source must not meet a cached empty text. Object.is, so
// that -0 and 0 (written differently) and NaN (equal to nothing by !==) each get their own text.
let middle: { provider: string; level: number; state: string; added_at: string; text: string } | undefined;
let end: { source: string; text: string } | undefined;

export function freshMiddle(provider: string, level: number, state: string, added_at: string): string {
  if (middle === undefined || middle.provider !== provider || !Object.is(middle.level, level) || middle.state !== state || middle.added_at !== added_at) {
    const text = [', "provider": ', quote(provider), ', "level": ', encode(level), ', "state": ', quote(state), ', "added_at": ', quote(added_at), ', "seq": '].join('');
    middle = { provider, level, state, added_at, text };
  }
  return middle.text;
}

export function freshEnd(source: string): string {
  if (end === undefined || end.source !== source) end = { source, text: `, "source": ${quote(source)}}` };
  return end.text;
}

/** Whether quote() writes `text` as it is between two quotes (printable ASCII but `"` and `\\`), checked without a regex. */
export function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

function encodeDevice(device: Record<string, unknown>): string {
  return encodeMapping(device, canonicalKeys(device, DEVICE_FIELD_ORDER, KNOWN_DEVICE_FIELDS));
}

export function shardHeader(name: string): string {
  return `# accountpool shard ${name}: one account per line. Any YAML style reads; the next write canonicalises.\n`;
}

/** Accounts in the order a shard holds them. */
export function compareAccountKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The first place in [lo, hi) whose key (`keyAt`, in increasing order) comes after `key`, or hi:
 * where a new account goes among sorted ones, and (for blocks) which block may hold it.
 */
export function firstKeyAfter(key: string, lo: number, hi: number, keyAt: (i: number) => string): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAccountKeys(keyAt(mid), key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A shard as read: its accounts and, for each, the exact line it was read from when canonical. */
export interface DecodedShard {
  accounts: Account[];
  /** Same length as accounts; the canonical line or undefined when the file was not canonical. */
  lines: (string | undefined)[];
  canonical: boolean;
}

export function encodeShard(name: string, lines: readonly string[]): string {
  return lines.length === 0 ? shardHeader(name) : `${shardHeader(name)}${lines.join('\n')}\n`;
}

/**
 * encodeShard's text as UTF-8, made without building the text: each line written straight into
 * a buffer of the exact size (one large string, joined then encoded, cost twice as much). A
 * Buffer among `parts` is lines already encoded, line breaks included, copied as they are.
 */
export function shardBytes(name: string, parts: readonly (string | Uint8Array)[]): Buffer {
  const header = shardHeader(name);
  let size = Buffer.byteLength(header);
  // Each text's UTF-8 length, kept for the writing pass below.
  const lengths = new Int32Array(parts.length);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    size += typeof part === 'string' ? (lengths[p] = Buffer.byteLength(part)) + 1 : part.length;
  }
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(header, 0);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (typeof part === 'string') {
      // A text whose UTF-8 is as long as it is holds ASCII only (any other character takes two
      // bytes or more), whose UTF-8 is its latin1: written so, several times faster on Node 20
      // (16 MB of lines: 20-40 ms against 70-300 ms, on a loaded machine). Nearly every line is.
      at += bytes.write(part, at, lengths[p] === part.length ? 'latin1' : 'utf8');
      bytes[at++] = 10;
    } else {
      bytes.set(part, at);
      at += part.length;
    }
  }
  return bytes;
}

/** JSON string at the start of a line: the username key. */
const KEY_AT_START = /^"(?:[^"\\]|\\.)*"/;

/** Where the username key of a line `"name": {fields}` ends; 0 when the line has another shape. */
function keyEnd(line: string, trusted: boolean): number {
  // Our usernames hold no spaces, so in our own output the key ends at the first `": {`.
  const end = trusted ? line.indexOf('": {') + 1 : (KEY_AT_START.exec(line)?.[0].length ?? 0);
  // end 1: the line starts with the `": {` itself, no name's opening quote before it (never our output).
  if (end <= 1 || !line.startsWith(': {', end) || !line.endsWith('}') || line.startsWith('}', end + 3)) return 0;
  return end;
}

/** Each line `"name": {fields}` becomes `{"username": "name", fields}`: one JSON.parse builds the accounts. */
function parseObjects(objects: string[]): Account[] {
  return JSON.parse(`[${objects.join(',')}]`) as Account[];
}

/**
 * The account lines of a shard known to be our own output (its hash was recorded when we wrote or
 * last verified it), or null when it is not in that shape. Nothing is parsed yet: a transaction
 * that touches a few accounts parses a few lines (parseTrustedLines), not the whole shard.
 */
export function trustedLines(name: string, text: string): string[] | null {
  const header = shardHeader(name);
  if (!text.startsWith(header)) return null;
  const body = text.slice(header.length);
  if (body.length === 0) return [];
  if (!body.endsWith('\n')) return null;
  const lines = body.slice(0, -1).split('\n');
  // A line over the bound is never ours (see ByteLines.of): the decoding path names it.
  for (const line of lines) if (line.length > MAX_ACCOUNT_TEXT || keyEnd(line, true) === 0) return null;
  return lines;
}

/**
 * The accounts of lines from trustedLines (in file order, a subset or all of them). A line that
 * is not JSON (a field of yours that is `.nan` or `.inf`, which only YAML can say) sends these
 * lines to the YAML reader, as reading the whole shard at once would.
 */
export function parseTrustedLines(lines: readonly string[], name: string, file: string): Account[] {
  try {
    return parseObjects(
      lines.map((line) => {
        const end = keyEnd(line, true);
        return `{"username": ${line.slice(0, end)}, ${line.slice(end + 3)}`;
      }),
    );
  } catch {
    return decodeYaml(file, `${shardHeader(name)}${lines.map((line) => `${line}\n`).join('')}`).accounts;
  }
}

/** The lower-cased username of a line from trustedLines, without parsing the rest of it. */
export function trustedLineKey(line: string): string {
  return keyOfQuoted(line.slice(0, line.indexOf('": {') + 1));
}

/** The lower-cased username of a trusted line's start up to its key's closing quote. */
export function keyOfQuoted(quoted: string): string {
  return keyOf(quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1));
}

/**
 * `keyOfQuoted` of the quoted username at `from..to` of `bytes` (its quotes included), where its
 * bytes are known to be plain ASCII without a backslash (layout.ts `keyHashOfBytes` hashed them):
 * read as Latin-1 and lower-cased, with no UTF-8 decode, look for escapes or slice of the quotes.
 */
export function keyOfPlainQuoted(bytes: Buffer, from: number, to: number): string {
  return keyOf(bytes.toString('latin1', from + 1, to - 1));
}

/**
 * The device's mapping in a line from trustedLines (`start` its `{`, `end` its `}`), null when
 * the account holds no mapping, undefined when that cannot be told from the text: a `{` that is
 * not the device's (`"device": {`, which no string holds: its quotes would be escaped), a second
 * mapping, a mapping in it, or a backslash in it (its strings then need reading as JSON does).
 * Without a backslash each `"` opens or closes a string, so a `}` outside them ends the mapping.
 */
function deviceSpan(line: string, open: number): { start: number; end: number } | null | undefined {
  const start = line.indexOf('{', open + 1);
  if (start === -1) return null;
  if (!line.startsWith('"device": ', start - 10)) return undefined;
  let inString = false;
  for (let k = start + 1; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === 92) return undefined;
    if (c === 34) inString = !inString;
    else if (inString) continue;
    else if (c === 125) return line.indexOf('{', k + 1) === -1 ? { start, end: k } : undefined;
    else if (c === 123) return undefined;
  }
  return undefined;
}

/** A plain whole number at `at` ending a value (as JSON.stringify writes counts), or undefined. */
function wholeNumberAt(line: string, at: number): number | undefined {
  let end = at;
  while (end < line.length && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
  if (end === at || (line[end] !== ',' && line[end] !== '}')) return undefined;
  return Number(line.slice(at, end));
}

/** A JSON string at `at` ending a value, as JSON.parse reads it, or undefined for any other value. */
function stringAt(line: string, at: number): string | undefined {
  if (line.charCodeAt(at) !== 34) return undefined;
  let close = line.indexOf('"', at + 1);
  for (;;) {
    if (close === -1) return undefined;
    // A quote after an odd number of backslashes is inside the string.
    let backslashes = 0;
    while (line.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) break;
    close = line.indexOf('"', close + 1);
  }
  if (line[close + 1] !== ',' && line[close + 1] !== '}') return undefined;
  const backslash = line.indexOf('\\', at + 1);
  if (backslash === -1 || backslash > close) return line.slice(at + 1, close);
  try {
    return JSON.parse(line.slice(at, close + 1)) as string;
  } catch {
    return undefined;
  }
}

/**
 * Where `"seq": ` is when it is the last field's but for fields after it of no mapping or list:
 * found from the line's closing `}` back, before any `{`, `}`, `[` or `]` (-1: not so). The
 * store writes `seq` and `source` last but for extra fields (FIELD_ORDER), so this passes a few
 * dozen characters of a line where the rule below reads all of it (byte-lines.ts `seq` reads a
 * shard's bytes by the same two rules, in the same order). No string holds the mark (its quotes
 * are escaped), and one inside a mapping or a list has its closing `}` or `]` after it: the
 * account's own field, as the rule below finds it in every line of ours.
 */
function lastSeqMark(line: string, open: number): number {
  if (line.charCodeAt(line.length - 1) !== 125) return -1;
  for (let k = line.length - 2; k > open; k--) {
    const c = line.charCodeAt(k);
    if (c === 123 || c === 125 || c === 91 || c === 93) return -1;
    if (c === 34 && line.startsWith('seq": ', k + 1)) return k;
  }
  return -1;
}

/**
 * The `seq` of a line from trustedLines without parsing it, or undefined when that cannot be
 * told from the text alone (then parse the line). In a canonical line a string never holds
 * `"seq": ` (its quotes would be escaped), so outside a mapping nested in the account the only
 * `"seq": ` is the account's own field. The one mapping read past is the device's (every account
 * an allocation handed out has one: at a million accounts, after a few hundred allocations,
 * tens of thousands of lines parsed whole for the next import number); any other is parsed.
 */
export function trustedLineSeq(line: string): number | undefined {
  const open = line.indexOf('": {') + 3;
  const last = lastSeqMark(line, open);
  if (last !== -1) return wholeNumberAt(line, last + 7);
  const device = deviceSpan(line, open);
  if (device === undefined) return undefined;
  let at = line.indexOf('"seq": ', open);
  if (device !== null && at > device.start && at < device.end) at = line.indexOf('"seq": ', device.end);
  if (at === -1) return undefined;
  // Only a plain whole number, as `tx.nextSeq` writes them; anything else is parsed.
  return wholeNumberAt(line, at + 7);
}

/** `"field": ` of each field of a list, by list (the lists are the constants of model.ts). */
const PREFIXES = new Map<readonly string[], string[]>();

/**
 * The standing fields (model.ts) of a line from trustedLines without parsing the rest of it, or
 * undefined when they cannot be told from the text alone (then parse the line): `status` needs
 * them for every account, and parsing every account whole was most of what it cost. As for the
 * seq, `"level": ` and the like are only ever the keys of fields; those of the account itself all
 * come before its device (FIELD_ORDER), the only mapping our fields hold, so the search stops at
 * the first `{` after the account's own when that is the device's (a `"device": {` cannot be in a
 * string either), and gives up at any other. Only plain strings and whole numbers are read here.
 */
export function trustedLineStanding(line: string): Standing | undefined {
  return trustedLineFields(line, STANDING_FIELDS);
}

/** trustedLineStanding for allocate's order: the standing and `allocated_at` (model.ts CIRCLE_FIELDS). */
export function trustedLineCircle(line: string): CircleStanding | undefined {
  return trustedLineFields(line, CIRCLE_FIELDS);
}

/** trustedLineStanding for the clocks' seen ends: the circle standing and `state_at` (model.ts TIMED_FIELDS). */
export function trustedLineTimed(line: string): TimedStanding | undefined {
  return trustedLineFields(line, TIMED_FIELDS);
}

const PROVIDER_FIELD = ['provider'] as const;

/** The provider of a line from trustedLines, read as trustedLineStanding says (undefined: parse the line). */
export function trustedLineProvider(line: string): string | undefined {
  return trustedLineFields(line, PROVIDER_FIELD)?.provider;
}

/** `trustedLineProvider` where it is a provider this pool knows (undefined: parse the line): one rule for the shard states and the fold's carried indexes. */
export function plainLineProvider(line: string): Provider | undefined {
  const read = trustedLineProvider(line);
  return read !== undefined && isProvider(read) ? read : undefined;
}

/** `fields` (written before the device, in FIELD_ORDER's order) read as trustedLineStanding says. */
function trustedLineFields<F extends keyof Account & string>(line: string, fields: readonly F[]): Pick<Account, F> | undefined {
  let prefixes = PREFIXES.get(fields);
  if (!prefixes) PREFIXES.set(fields, (prefixes = fields.map((field) => `"${field}": `)));
  const open = line.indexOf('": {') + 3;
  let stop = line.indexOf('{', open + 1);
  if (stop === -1) stop = line.length;
  else if (!line.startsWith('"device": ', stop - 10)) return undefined;
  const standing: Record<string, string | number> = {};
  // The fields are written in their list's order: each is looked for after the one before.
  let from = open;
  for (let f = 0; f < fields.length; f++) {
    const prefix = prefixes[f]!;
    const at = line.indexOf(prefix, from);
    if (at === -1 || at >= stop) continue;
    const field = fields[f]!;
    from = at + prefix.length;
    const value = field === 'level' ? wholeNumberAt(line, from) : stringAt(line, from);
    if (value === undefined) return undefined;
    standing[field] = value;
  }
  return standing as unknown as Pick<Account, F>;
}

/**
 * The fast path. `trusted` = these exact bytes are known to be our own output, so re-encoding
 * every line to compare is skipped.
 */
function decodeFast(name: string, text: string, trusted: boolean): DecodedShard | null {
  const header = shardHeader(name);
  if (!text.startsWith(header)) return null;
  const body = text.slice(header.length);
  if (body.length === 0) return { accounts: [], lines: [], canonical: true };
  if (!body.endsWith('\n')) return null;
  const lines = body.slice(0, -1).split('\n');
  const objects: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const end = keyEnd(line, trusted);
    if (end === 0) return null;
    objects[i] = `{"username": ${line.slice(0, end)}, ${line.slice(end + 3)}`;
  }
  let accounts: Account[];
  try {
    accounts = parseObjects(objects);
  } catch {
    return null;
  }
  if (accounts.length !== lines.length) return null;
  if (!trusted) {
    let previous = '';
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i]!;
      // Sorted and unique, and every line exactly as we would write it: then yaml reads the same.
      const key = typeof account.username === 'string' ? keyOf(account.username) : '';
      if (i > 0 && key <= previous) return null;
      // A value nested thousands deep (JSON.parse takes it) overflows the encoder's recursion: not our
      // output, so the YAML path reads it, and refuses it naming its line (yaml-shape.ts).
      let encoded: string;
      try {
        encoded = encodeAccountLine(account);
      } catch (error) {
        if (error instanceof RangeError) return null;
        throw error;
      }
      if (encoded !== lines[i]) return null;
      // Our shape is not our content: a peer's line in it (`"held_until": "Jan 1 2000"`) is judged as
      // any other, and the YAML path names its file and line.
      if (recordProblem(account.username, account)) return null;
      // A time in another shape than toISOString's (`10:00:00Z`) orders wrongly as text: read by the YAML path, which writes it as ours.
      if (!hasWrittenTimes(account)) return null;
      previous = key;
    }
  }
  return { accounts, lines, canonical: true };
}

function parseYaml(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, logLevel: 'error' }), lineCounter };
}

/**
 * Reads a shard written in any YAML style; throws FileError naming file and line, and never
 * quoting the file's text (see shard-errors.ts): a broken line usually holds a password.
 */
function decodeYaml(file: string, text: string): DecodedShard {
  // Before the YAML library recurses into it: 5,000 nested `[` in one account aborted the process (yaml-shape.ts).
  const deep = yamlShapeProblem(text, Infinity);
  if (deep) throw new FileError(file, deep.line, `${deep.what}, where an account the store writes nests two or three`);
  const { isMap, isScalar } = yaml();
  const { doc, lineCounter } = parseYaml(text);
  const error = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY') ?? doc.errors[0];
  // Two entries for one username (spelled alike or not) are said with both lines, below.
  if (error && (error.code !== 'DUPLICATE_KEY' || !isMap(doc.contents))) throw describeParseError(file, text, error, lineCounter, parseYaml);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { accounts: [], lines: [], canonical: false };
  if (!isMap(doc.contents)) throw new FileError(file, 1, 'a shard must be a mapping of username to account');
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  const firstLine = new Map<string, number>();
  for (const pair of doc.contents.items) {
    const username = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof username !== 'string' && typeof username !== 'number') throw new FileError(file, lineOf(pair.key), 'username must be text');
    const key = keyOf(String(username));
    const earlier = firstLine.get(key);
    if (earlier !== undefined) throw new FileError(file, lineOf(pair.key), duplicateReason(earlier));
    firstLine.set(key, lineOf(pair.key));
  }
  if (error) throw describeParseError(file, text, error, lineCounter, parseYaml);
  let values: Record<string, unknown>;
  try {
    // maxAliasCount refuses alias bombs (a few lines that expand to gigabytes) quickly.
    values = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch {
    throw describeDataError(file, text, doc, lineCounter);
  }
  const accounts: Account[] = [];
  for (const pair of doc.contents.items) {
    const line = lineOf(pair.key);
    const username = String((pair.key as { value: string | number }).value);
    const value = values[username];
    // In a block-style account the fields have lines of their own: point at the one at fault.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new FileError(file, pair.value ? lineOf(pair.value) : line, 'an account must be a mapping of fields');
    const account = { ...(value as Record<string, unknown>), username } as Account;
    const problem = recordProblem(account.username, account);
    if (problem) {
      const named = FIELD_ORDER.find((f) => problem.startsWith(f) || problem.startsWith(`missing ${f}`));
      const field = isMap(pair.value) && named ? pair.value.items.find((item) => isScalar(item.key) && item.key.value === named) : undefined;
      throw new FileError(file, field ? lineOf(field.key) : line, problem);
    }
    // Every comparison of times is of their text: `10:00:00Z` (a hand's, a peer's) is read as `10:00:00.000Z` (account-times.ts).
    writeTimesAsStored(account as unknown as Record<string, unknown>);
    accounts.push(account);
  }
  return { accounts, lines: new Array(accounts.length).fill(undefined), canonical: false };
}

/** The line of the `index`th account of a shard's text, in file order as decodeShard gives them (for messages). */
export function accountLineNumber(text: string, index: number): number {
  if (yamlShapeProblem(text, Infinity)) return 1;
  const { doc, lineCounter } = parseYaml(text);
  const pair = yaml().isMap(doc.contents) ? doc.contents.items[index] : undefined;
  const range = (pair?.key as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : 1;
}

/** One account entered twice (usernames are compared case-insensitively), as the second line says it. */
export function duplicateReason(firstLine: number): string {
  return `the account of line ${firstLine} again (usernames are one account however they are capitalised): keep one of the two lines`;
}

/** A fingerprint of a shard's bytes, to remember which texts are known to be canonical. */
export function shardHash(bytes: string | Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha1');
  // A file written as pieces (atomic-write.ts FileBytes) is hashed piece by piece, never joined.
  if (Array.isArray(bytes)) for (const piece of bytes as readonly Uint8Array[]) hash.update(piece);
  else hash.update(bytes as string | Uint8Array);
  return hash.digest('hex');
}

/**
 * The most characters one account may take in a shard: its line, or the lines of a hand-edited
 * block-style entry. The longest line the store writes is a few KB (a username, password and
 * holder of 256 characters each, 8,192 of own fields: model.ts, each character escaped as six at
 * worst: under 60,000); a peer's or a hand edit's line of 4 MB cost a second a read and one of
 * 100 MB 9 s and 645 MB, for one account (scale-log.md, stop 37).
 */
export const MAX_ACCOUNT_TEXT = 64 * 1024;

/**
 * The account over MAX_ACCOUNT_TEXT, if any: the line it starts on and its text's span. An entry
 * starts at a line that starts with no blank (a key, a comment, `---`: anything YAML reads at the
 * top level) and takes every line after it that starts with one or is empty, so a value spread
 * over many lines is counted whole; the scan looks at each line's first character only, before
 * anything is parsed.
 */
function oversizedAccount(text: string): { line: number; from: number; to: number } | undefined {
  let start = 0;
  let startLine = 1;
  let line = 1;
  for (let at = 0; at < text.length; line++) {
    const c = text.charCodeAt(at);
    if (at > start && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      if (at - start > MAX_ACCOUNT_TEXT) return { line: startLine, from: start, to: at };
      start = at;
      startLine = line;
    }
    const next = text.indexOf('\n', at);
    if (next === -1) break;
    at = next + 1;
  }
  return text.length - start > MAX_ACCOUNT_TEXT ? { line: startLine, from: start, to: text.length } : undefined;
}

/** Looked into only up to this size: an older version's line of a few hundred KB, not a 100 MB one (a second to parse). */
const DESCRIBED_ACCOUNT_TEXT = 8 * 1024 * 1024;

/**
 * What makes the account `text[from, to)` so long, for the operator who must shorten it by hand:
 * its username and its longest fields' names with their sizes, never a value. Only for a line in
 * the store's own shape (`"name": {JSON}`, as an older version wrote one before the bound), else ''.
 */
function oversizeDetail(text: string, from: number, to: number): string {
  if (to - from > DESCRIBED_ACCOUNT_TEXT) return '';
  const entry = text.slice(from, to).trimEnd();
  const key = KEY_AT_START.exec(entry)?.[0];
  if (!key || !entry.startsWith(': {', key.length)) return '';
  let username: unknown;
  let fields: unknown;
  try {
    username = JSON.parse(key);
    fields = JSON.parse(entry.slice(key.length + 2));
  } catch {
    return '';
  }
  if (typeof username !== 'string' || fields === null || typeof fields !== 'object' || Array.isArray(fields)) return '';
  const name = (n: string) => JSON.stringify(n.length > 64 ? `${n.slice(0, 64)}…` : n);
  const long = Object.entries(fields)
    .map(([field, value]) => [field, JSON.stringify(value)?.length ?? 0] as const)
    .filter(([, size]) => size > 1024)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  const sizes = long.map(([field, size]) => `${name(field)} ${size.toLocaleString('en-US')} characters`).join(', ');
  return `account ${name(username)}${sizes ? `, its field${long.length > 1 ? 's' : ''} ${sizes}` : ''}; `;
}

/**
 * How git-crypt's ciphertext starts (git-crypt's own `GITCRYPT` header, src/git/crypt.ts): a shard
 * checked out by a clone that is locked (never `git-crypt unlock`ed, or `git-crypt lock`ed since).
 * Read as YAML it was "not valid YAML: a name runs over two lines", or "a mapping", with `verify`'s
 * advice to edit it by hand: an edit, or a shard written in its place, destroys the ciphertext.
 */
const ENCRYPTED = '\0GITCRYPT\0';

function encryptedShard(file: string): FileError {
  const error = new FileError(file, 0, 'the shard is encrypted by git-crypt and this clone is locked: not read, and nothing is written over it. Unlock the clone (`git-crypt unlock KEYFILE` in the pool\'s folder), then run the command again; never edit the file by hand');
  error.message = `${file}: ${error.reason}`;
  return error;
}

/**
 * Reads one shard's text. `name` is the shard's name (`07`), `file` its path for messages.
 * `trusted`: the text's hash is one we recorded for our own canonical output (see canonical-cache.ts):
 * only the re-encoding of each line is spared. An account over MAX_ACCOUNT_TEXT is refused, naming its line: nothing is parsed, so every write
 * stops there as at any shard it cannot read, and the line stays as it is.
 */
export function decodeShard(name: string, file: string, text: string, trusted = false): DecodedShard {
  if (text.startsWith(ENCRYPTED)) throw encryptedShard(file);
  // Checked trusted or not: `trusted` comes from a cache anyone who can write the pool's folder can
  // forge (canonical-cache.ts), and this scan looks at each line's first character only.
  const over = oversizedAccount(text);
  if (over) throw new FileError(file, over.line, `an account over ${MAX_ACCOUNT_TEXT / 1024} KB of text (one the store writes takes a few hundred characters): not read; ${oversizeDetail(text, over.from, over.to)}shorten its fields by hand (remove or cut what you do not need), then run \`accountpool verify\``);
  return decodeFast(name, text, trusted) ?? decodeYaml(file, text);
}
