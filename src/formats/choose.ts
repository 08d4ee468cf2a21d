// How the registry chooses a reader for a dump and decides whether to trust what it read. A
// reader that guesses invents accounts, so when the choice is unsure (two readers nearly as sure
// and reading different accounts, or most lines of a list explained as something other than
// accounts) the dump is refused with what was seen, and `import --format NAME` is the way through.
import { lookAlikeProblem } from '../login-names.js';
import { counted } from '../counted-noun.js';
import { credentialProblem } from '../model.js';
import { isAddress } from './lists/line-kinds.js';
import { describeContent, describeKinds, describeLetter, describeRead, knownContent, WHOLE } from './not-accounts/describe-content.js';
import { describeOrder } from './mail/order-text.js';
import { looseCorrectionSaid } from './mail/loose-correction.js';
import { looseCorrections } from './mail/loose-correction-offer.js';
import { DECLARE_CHARSET } from './mail/declare-charset.js';
import { knownFile } from './not-accounts/known-files.js';
import { hostTable } from './not-accounts/host-columns.js';
import { DOCUMENT_EXAMPLE_REASON, isExampleAccount } from './lists/placeholder-passwords.js';
import { placeholderProblem } from './account-rules.js';
import { passwordControlProblem } from './lists/password-controls.js';
import { addressInPassword, addressInPasswordProblem } from './lists/address-in-password.js';
import { passwordlessTable } from './lists/passwordless-tables.js';
import { settingsLines } from './tools/settings-file.js';
import { wordPairLines } from './lists/word-pairs.js';
import { checkerDebugLines } from './lists/checker-tags.js';
import { describeEqualsLines, equalsLineCount } from './lists/equals-lines.js';
import { statingName, withStatedLevel } from './stated-level.js';
import { DumpError, NO_BYTES, NoAccountsError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type LineKind, type ParseOptions, type Rejection } from './types.js';
import { withPlainBlanks } from './decode.js';
import { jsonBreak } from './json-error.js';
import { pythonLiteral } from './login-map-python.js';
import { JSON_VALUES } from './jsonl.js';
import { withEscapedLinesRefused } from './escaped-lines.js';
import { withCutCopiesRefused } from './lists/split-password.js';
import { arrowCorrections, correctionsOf } from './corrected-list.js';
import type { Role } from './lists/columns.js';
import { COLUMNS_FLAG } from './lists/stated-columns.js';
import { formatsForLines, longLineError, longLineOf } from './lists/long-lines.js';
import { withOtherPrograms, withSilentContainers } from './container-programs.js';
import { LEFT_PAIRS, withLeftPairs } from './left-pairs.js';
import { inspectedEchoAsProse } from './lists/inspected-echo.js';
import { ENCODING_FLAG } from './stated-encoding.js';

export interface ReadOptions {
  /** `import --format NAME`: this reader, whatever detection says. */
  format?: string;
  /**
   * The accounts of a dump of this many lines or more as columns (DumpResult.columns) when the
   * reader that reads it can give them so (the list reader's `name:password` lines): `import`'s
   * large dumps. Never with `format`, nor when a second reader is read to compare.
   */
  columnsFrom?: number;
  /** `import --columns user,pass,-`: the list reader, with the columns the operator named (stated-columns.ts). */
  columns?: Role[];
  /**
   * The caller holds `input.bytes` no longer: when detection leaves only text readers to run
   * (DumpFormat.textOnly), the input's bytes are let go before the read, the text alone kept.
   */
  letBytesGo?: boolean;
}

/** How many accounts a read gave, in either form. */
export function accountCount(result: DumpResult): number {
  return result.columns ? result.columns.length : result.accounts.length;
}

/** `result` with its accounts as records (made from its columns when it has them). */
export function asRecords(result: DumpResult): DumpResult {
  if (!result.columns) return result;
  const { columns, ...rest } = result;
  return { ...rest, accounts: columns.records() };
}

interface Ranked {
  format: DumpFormat;
  score: number;
}

/** A detector this sure has seen its format's own marks (a header, a verdict file name, mail headers). */
const SURE = 0.9;
/** Two readers closer than this, both unsure, are a coin toss: both read, and they must agree. */
const CLOSE = 0.15;
/** Readers that take any text: their choice is never certain, and what they leave out must be looked at. */
const GENERIC = new Set(['plain', 'email-text']);

/** Readers that claim the dump, surest first. A detector that throws claims nothing. */
export function rank(input: DumpInput, formats: DumpFormat[]): Ranked[] {
  const scored: Ranked[] = [];
  // Detectors see every blank as a space: the kind of blank never changes the reader chosen.
  const seen = withPlainBlanks(input);
  // A line of a megabyte is no list's: only the readers of whole documents are asked (long-lines.ts).
  for (const format of formatsForLines(input, formats).formats) {
    let score = 0;
    try {
      score = format.detect(seen);
    } catch {
      score = 0;
    }
    if (Number.isFinite(score) && score > 0) scored.push({ format, score });
  }
  // Array.prototype.sort is stable, so equal scores keep registry order.
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * Any failure is a DumpError: callers can tell "this dump is bad" from a bug in us without
 * guessing. The original error is kept as `cause` but its message is not repeated, as library
 * messages may quote the input (and so a password).
 */
export async function parseWith(format: DumpFormat, input: DumpInput, options?: ParseOptions): Promise<DumpResult> {
  try {
    return await (options ? format.parse(input, options) : format.parse(input));
  } catch (err) {
    if (err instanceof DumpError) throw err;
    const wrapped = new DumpError(`the ${format.name} reader failed (${err instanceof Error ? err.name : 'error'})`, input.name);
    (wrapped as Error).cause = err;
    throw wrapped;
  }
}

/**
 * Whatever a reader let through, the store's own rule decides: an account the store would refuse
 * becomes a rejected line with its number here, never a failed transaction without file or line.
 */
export function withStoreRules(result: DumpResult, input?: DumpInput): DumpResult {
  // Columns: a pair taken in one scan passes every rule here (plain-pairs.ts: printable ASCII, a
  // name of 3-19 characters, a password of 1-31 with a digit, so never a mask); the records kept
  // whole are checked, and should one be refused, all of it is checked as records.
  const columns = result.columns;
  if (columns && !columns.checked) {
    // A reader's builder (a SQLite account table): every account is checked, one at a time with
    // no record made; should one be refused, all of it is checked as records.
    const charset = charsetCheck(result.format, input);
    for (let i = 0; i < columns.length; i++) {
      const a = { username: columns.usernameAt(i), password: columns.passwordAt(i), line: columns.lineAt(i) };
      if (storeProblem(a, charset, addressInPasswordProblem(a.password, a.username))) return withStoreRules(asRecords(result), input);
    }
    return result;
  }
  if (columns) {
    const kept = [...columns.kept().values()];
    const checked = withStoreRules({ ...result, columns: undefined, accounts: kept }, input);
    return checked.accounts === kept ? result : withStoreRules(asRecords(result), input);
  }
  const refused: Rejection[] = [];
  const charset = charsetCheck(result.format, input);
  const all = result.accounts;
  // A loop, and the kept accounts copied only from the first refusal on: nearly every dump has
  // none, and its 100,000 accounts were copied through a closure for nothing.
  let accounts: DumpAccount[] | undefined;
  for (let i = 0; i < all.length; i++) {
    let a = all[i]!;
    // `kinanre01;me+kinanre01@gmail.com;Pw`: the login's own address split into the password, read past it (address-in-password.ts).
    const own = a.password.includes('@') ? addressInPassword(a.username, a.password) : undefined;
    if (own && 'password' in own) {
      a = { ...a, password: own.password };
      accounts ??= all.slice(0, i);
    }
    // The address rule's answer is own's, asked once: again only of a password read past its login's address.
    const address = own === undefined ? undefined : 'reason' in own ? own.reason : addressInPasswordProblem(a.password, a.username);
    const reason = storeProblem(a, charset, address);
    if (reason) {
      refused.push({ line: a.line, reason });
      accounts ??= all.slice(0, i);
    } else if (accounts) {
      accounts.push(a);
    }
  }
  if (!accounts) return result;
  return { ...result, accounts, rejected: [...result.rejected, ...refused].sort((a, b) => a.line - b.line) };
}

/** Why the store refuses `a`, or null; `address` is addressInPasswordProblem's answer for it, which the caller has. */
function storeProblem(a: DumpAccount, charset: ((a: DumpAccount) => string | undefined) | undefined, address: string | undefined): string | null {
  // The rules every path in shares (account-rules.ts), the dump's charset between them as before.
  return credentialProblem(a.username, a.password) ?? passwordControlProblem(a.password) ?? address ?? charset?.(a) ?? placeholderProblem(a.username, a.password);
}

/**
 * Accounts whose characters may have been decoded wrongly are never imported as a guess. ASCII
 * is the same in every charset a dump without a declared one may be in; U+FFFD marks a byte a
 * mail decoder could not read. Undefined when the dump was decoded for certain.
 */
function charsetCheck(format: string, input: DumpInput | undefined): ((a: DumpAccount) => string | undefined) | undefined {
  const lines = input?.nonUtf8Lines;
  const mail = /^(?:eml|mbox|html)/.test(format);
  if (!lines && !mail) return undefined;
  return (a) => {
    if (mail && (a.username.includes('\uFFFD') || a.password.includes('\uFFFD'))) return format.startsWith('html') ? 'holds a character that could not be decoded (unknown charset); save the dump as UTF-8' : `holds bytes that are no text in the charset the mail declares for them: ${DECLARE_CHARSET}`;
    if (!mail && lines?.has(a.line) && /[^\x00-\x7f]/.test(input?.charsetRead ? a.username : a.username + a.password)) return `the file is not UTF-8 and this account has characters outside ASCII, which may be read wrongly; save the file as UTF-8, or name its charset: import ${ENCODING_FLAG} NAME (windows-1250, cp1251, koi8-r, ...), in the inbox a folder encoding-NAME/`;
    return undefined;
  };
}

/**
 * A read's accounts that could log in: a login holding a letter no game's login holds (login-names.ts:
 * `ユーザー名：ash01`, a label split with its value at an ideographic space) is refused by the store
 * whichever reader read it, so two reads differing only in such logins read the same accounts
 * (stop 60's survey: `ユーザー名：x　パスワード：y` lines were "unsure" between the letter's reader,
 * exact, and the list's, every login a label).
 */
function loggable(r: DumpResult): DumpResult {
  const kept = r.accounts.filter((a) => !lookAlikeProblem(a.username, a.provider ?? (a.username.includes('@') ? 'google' : 'ptc')));
  return kept.length === r.accounts.length ? r : { ...r, accounts: kept };
}

const key = (r: DumpResult) => r.accounts.map((a) => `${a.username.toLowerCase()}\n${a.password}`).sort().join('\n');

function summary(r: DumpResult): string {
  return `${counted(r.accounts.length, 'account')}, ${counted(r.rejected.length, 'line')} rejected${r.skipped?.length ? `, ${r.skipped.length} skipped` : ''}`;
}

/** Lines with content that the reader neither read, rejected nor listed as skipped. */
function unaccounted(result: DumpResult, text: string): number {
  const seen = new Set<number>();
  for (const a of result.accounts) seen.add(a.line);
  for (const r of result.rejected) seen.add(r.line);
  for (const s of result.skipped ?? []) seen.add(s.line);
  let n = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const s = raw.trim();
    if (s !== '' && !s.startsWith('#') && !seen.has(line)) n++;
  }
  return n;
}

/**
 * Of two reads, the one that tells the operator more when both give the same accounts: the one
 * that accounts for more of the lines (rejects a broken `dave` instead of reading past it), else
 * the one that reads past fewer lines of code, keys or links (refusing them by their lines
 * instead), else the one that rejects fewer lines as not being accounts (a mail's greeting is
 * prose to skip, not a broken line to look at) while rejecting the same number of broken ones. `a` when in doubt.
 * `inMail`: both read a mail's body, which is mostly prose in any language, read past by the mail
 * reader: the one that rejects fewer lines wins, whatever kind they are.
 */
export function better(a: DumpResult, b: DumpResult, text: string, inMail = false): DumpResult {
  return whyBetter(a, b, text, inMail) ? b : a;
}

/** Why `b` is the better read of the two (see `better`), or undefined when it is not. */
function whyBetter(a: DumpResult, b: DumpResult, text: string, inMail = false): string | undefined {
  if (key(a) !== key(b)) return undefined;
  if (inMail) return b.rejected.length < a.rejected.length ? 'rejects fewer of the mail\'s lines' : undefined;
  const [ua, ub] = [unaccounted(a, text), unaccounted(b, text)];
  if (ub !== ua) return ub < ua ? 'accounts for more lines' : undefined;
  // `print("x")` among `user:pass` lines under a `Hi,`: a letter's reader reads past a line of
  // code as it reads past a mail's, the list reader refuses it by its line for a look. A paste is
  // no mail: the read that refuses what the other only reads past tells the operator more.
  const [pa, pb] = [readPast(a), readPast(b)];
  if (pa !== pb) return pb < pa ? 'refuses by its line what the other reads past' : undefined;
  const broken = (r: DumpResult) => r.rejected.filter((j) => !j.kind).length;
  return broken(b) === broken(a) && b.rejected.length < a.rejected.length ? 'skips as prose what the other rejects' : undefined;
}

/**
 * Of a list's read and a letter's of one text (plain and email-text, either ranked first), the
 * letter's when it is the list's with the corrections below its accounts applied or refused
 * (corrected-list.ts), and why: the list's read would keep a password the seller replaced.
 */
function correctedRead(topName: string, top: DumpResult, nextName: string, next: DumpResult, text: string): { result: DumpResult; reason: string } | undefined {
  const letterFirst = topName === 'email-text' && nextName === 'plain';
  if (!letterFirst && !(topName === 'plain' && nextName === 'email-text')) return undefined;
  const [list, letter] = letterFirst ? [next, top] : [top, next];
  const lines = correctionsOf(list, letter) ?? arrowCorrections(list, letter, text);
  if (!lines) return undefined;
  const at = `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`;
  return { result: letter, reason: `reads the correction${lines.length > 1 ? 's' : ''} at ${at} of an account the list gives (read as a list, its old password was kept)` };
}

/**
 * Kinds of line no letter holds between its accounts: code, a key, a link, a proxy, a login to a
 * host or a site, a system account file's line. (A `config` or `table` line may be a letter's title,
 * `PTC accounts, checked today`, which both readers call so.)
 */
const NO_LETTER_KINDS = new Set<string>(['code', 'key', 'url', 'proxy', 'host', 'site', 'system']);

/** Lines read past (skipped, neither read nor refused) as one of NO_LETTER_KINDS. */
function readPast(result: DumpResult): number {
  let n = 0;
  for (const s of result.skipped ?? []) if (NO_LETTER_KINDS.has(s.kind)) n++;
  return n;
}

/** Lines a reader explained as something other than an account (not prose or a shop's handles: mails are mostly prose). */
function noise(result: DumpResult, log?: ReadonlySet<number>): LineKind[] {
  const kinds: LineKind[] = [];
  for (const r of result.rejected) if (r.kind && r.kind !== 'prose' && r.kind !== 'handle' && !log?.has(r.line)) kinds.push(r.kind);
  // A header the reader took its columns from (and a Markdown table's rule under it) belongs to the list.
  // A signature's lines under `-- ` (the writer's name and contacts) are a letter's, as prose is.
  for (const s of result.skipped ?? []) if (s.kind !== 'prose' && s.kind !== 'handle' && s.kind !== 'header' && s.kind !== 'signature' && !log?.has(s.line)) kinds.push(s.kind);
  return kinds;
}

/**
 * When the chosen reader found nothing, the first other reader that finds accounts among fewer
 * lines of other kinds (a mail of blank-separated `user pass` lines, which the mail reader does
 * not take): named as the way through, never taken unasked.
 */
async function otherWay(others: Ranked[], read: (format: DumpFormat) => Promise<DumpResult>, settled: ReadonlySet<number>): Promise<string> {
  for (const { format } of others) {
    const other = await read(format).catch(() => undefined);
    // Never the way to an example's placeholders (poketrainer's unedited config.json read as JSON):
    // those the chosen reader named on their lines, and the examples' own values whoever reads them.
    // Nor to a line the chosen reader refused as unsure naming `--columns` for each reading: another
    // reader's guess there would undo the question (`ptc,user,Pw!x,30` in PTCPasswordChanger's succeed.csv).
    if (other?.accounts.some((a) => settled.has(a.line) || isExampleAccount(a.username, a.password))) continue;
    if (other && other.accounts.length > 0 && noise(other).length <= other.accounts.length) {
      return `; read as ${format.name} it gives ${summary(other)}: look with --dry-run --format ${format.name}`;
    }
  }
  return '';
}

/**
 * A reader only `--format` chooses (DumpFormat.wayThrough) whose read of a refused text it offers:
 * named as the way through, as otherWay names a ranked one. Never the reader just refused, nor a
 * read holding an example's placeholders.
 */
async function forcedOnlyWay(formats: DumpFormat[], chosen: DumpFormat, text: string, read: (format: DumpFormat) => Promise<DumpResult>): Promise<string> {
  for (const format of formats) {
    if (!format.wayThrough || format === chosen || !format.wayThrough.mayRead(text)) continue;
    const other = await read(format).catch(() => undefined);
    if (!other || other.accounts.some((a) => isExampleAccount(a.username, a.password)) || !format.wayThrough.offers(other)) continue;
    return `; read as ${format.name} it gives ${summary(other)}: look with --dry-run --format ${format.name}`;
  }
  return '';
}

/**
 * JSON lines refused as pieces of a file that is JSON values one after another (jsonl.ts
 * JSON_VALUES): each such line names the reader that reads the file whole, by what its read gives
 * (json reads documents appended one after another; a reader only `--format` chooses, such as
 * login-map, where forcedOnlyWay offers it), or says to fix the file where none gets an account through.
 */
async function jsonValuesWay(result: DumpResult, formats: DumpFormat[], text: () => string, read: (format: DumpFormat) => Promise<DumpResult>): Promise<DumpResult> {
  const end = `${JSON_VALUES})`;
  const jsonl = formats.find((f) => f.name === result.format);
  if (result.format !== 'jsonl' || !jsonl || !result.rejected.some((r) => r.reason.endsWith(end))) return result;
  const json = formats.find((f) => f.name === 'json');
  const whole = json ? await read(json).catch(() => undefined) : undefined;
  const way =
    (whole && whole.accounts.length > 0 ? `: read as json it gives ${summary(whole)}, with --format json` : '') ||
    (await forcedOnlyWay(formats, jsonl, text(), read)).replace(/^; /, ': ') ||
    ': no reader reads an account of it whole; if it holds accounts, fix the file, one JSON object a line';
  return { ...result, rejected: result.rejected.map((r) => (r.reason.endsWith(end) ? { ...r, reason: `${r.reason.slice(0, -1)}${way})` } : r)) };
}

/**
 * Formats whose lines are no list's lines: a mail's MIME headers and parts, HTML markup, a
 * pickle's or a SQLite file's bytes. A list reader forced on one reads headers and markup as accounts.
 */
const CONTAINERS = new Set(['mbox', 'eml', 'emlx', 'html', 'monocle-pickle', 'sqlite']);

/**
 * `--format plain` on a file that is plainly a container (an `.eml`, whose MIME headers split
 * like `Content-Type: text/plain`): the forced reader's accounts stand only when the container's
 * reader, sure of the file, reads the same ones. Otherwise the file is refused, naming what it
 * is: a forced reader is the way through a coin toss, never a way to read a mail's headers as
 * accounts. (Between list readers, `--format plain` on a file the RocketMap reader is sure of,
 * the operator's choice stands.)
 */
async function refuseMisread(input: DumpInput, sure: Ranked, forced: DumpFormat, result: DumpResult, read: (format: DumpFormat) => Promise<DumpResult>): Promise<void> {
  const other = await read(sure.format).catch(() => undefined);
  result = asRecords(result); // a forced login-map's columns (compared only here, where a container is sure)
  if (other && other.accounts.length > 0 && key(other) === key(result)) return;
  const name = sure.format.name;
  const its = other && other.accounts.length > 0 ? `read as ${name} it gives ${summary(other)}: import it without --format` : `the ${name} reader finds no accounts in it`;
  throw new DumpError(
    `--format ${forced.name} reads ${summary(result)} here, but this is plainly ${name} (detection: ${name} ${sure.score.toFixed(2)}); ${its}; a forced reader never reads another format's lines (a mail's headers) as accounts`,
    input.name,
  );
}

/** A mail's prose lines' text (types.ts Skipped.text) stays inside the readers: a sentence there may hold a password. */
function withoutProseText(result: DumpResult): DumpResult {
  if (!result.skipped?.some((k) => k.text !== undefined)) return result;
  return { ...result, skipped: result.skipped.map(({ text: _, ...k }) => k) };
}

/** `3 lines rejected (line 2: ...; line 5: ...; ...)`: the first three of `shown`, of `total` rejected, as a refusal names them. */
export function rejectedSummary(total: number, shown: readonly Rejection[]): string {
  const first = shown.slice(0, 3).map((r) => `line ${r.line}: ${r.reason}`);
  return `${total} line${total === 1 ? '' : 's'} rejected (${first.join('; ')}${total > first.length ? '; ...' : ''})`;
}

/**
 * The container whose detector is sure of a dump a reader of lines is forced on (refuseMisread
 * compares their reads). Only the containers' detectors are asked: every reader's on a 40 MB map
 * (`--format login-map` of 1,000,000 members) was ~640 MB of the list readers' work on its lines,
 * for no answer here. Asked before the forced read: where none is sure, nothing reads the dump's
 * bytes after a reader of text (readWith lets them go).
 */
function sureContainer(input: DumpInput, formats: DumpFormat[], forced: DumpFormat): Ranked | undefined {
  if (CONTAINERS.has(forced.name)) return undefined;
  return rank(input, formats.filter((f) => f !== forced && CONTAINERS.has(f.name))).find((r) => r.score >= SURE);
}

/** Choose, read, check. Throws DumpError, naming what was seen, when the dump holds no accounts or the choice is unsure. */
export async function readWith(input: DumpInput, formats: DumpFormat[], options: ReadOptions = {}): Promise<DumpResult> {
  // Columns are a list's: `--columns` reads with the list reader, never with a tool's own.
  if (options.columns) {
    if (options.format !== undefined && options.format !== 'plain') throw new DumpError(`--columns reads a list (the plain reader), not --format ${options.format}`, input.name);
    options = { ...options, format: 'plain' };
  }
  const forced = options.format !== undefined;
  let ranked: Ranked[];
  if (forced) {
    const format = formats.find((f) => f.name === options.format);
    if (!format) throw new DumpError(`no reader named "${options.format}" (readers: ${formats.map((f) => f.name).join(', ')})`, input.name);
    const { formats: able, long } = formatsForLines(input, [format]);
    if (long && able.length === 0) throw longLineError(input, long);
    ranked = [{ format, score: 1 }];
  } else {
    ranked = rank(input, formats);
    const long = ranked.length === 0 ? longLineOf(input.text) : undefined;
    if (long) throw longLineError(input, long);
    if (ranked.length === 0) {
      const seen = describeContent(input.text, input.name);
      throw new DumpError(`no reader recognises this content${seen ? `: ${seen}` : ''} (tried: ${formats.filter((f) => !f.wayThrough).map((f) => f.name).join(', ')})`, input.name);
    }
  }
  const scores = ranked.map((r) => `${r.format.name} ${r.score.toFixed(2)}`).join(', ');
  const [top, next] = ranked as [Ranked, Ranked | undefined];
  // A forced reader of lines on a file a container's detector is sure of: both read, compared (refuseMisread).
  const container = forced ? sureContainer(input, formats, top.format) : undefined;
  // A dump whose readers read its text alone needs its bytes no more (a 1,000,000-row CSV: 80 MB);
  // a forced one too where no container's reader reads them after it (`--format monocle` on that
  // CSV kept them to the end of the import: 358 MB, docs/scale-log.md, stop 59 M).
  if (options.letBytesGo && (forced ? !container && top.format.textOnly : ranked.slice(0, 2).every((r) => r.format.textOnly))) input.bytes = NO_BYTES;
  const read = async (format: DumpFormat, parse?: ParseOptions) =>
    withStatedLevel(withCutCopiesRefused(withEscapedLinesRefused(withStoreRules(withoutProseText(await parseWith(format, input, parse)), input), input), asRecords, () => input.text), input, statingName(input));
  // A forced read goes into columns as an unforced one does (the readers that can: lists, RocketMap's
  // and Monocle's CSVs, the databases, login-map): as records, `--format plain` on a 1,000,000-line
  // list peaked at 430 MB (docs/scale-log.md, stop 59 M). What is checked after a forced read
  // (refuseMisread, a container sure of the text) takes the columns as records there only.
  // `--columns` reads records still: the columns stated are the list's layout, not its pairs'.
  const columnsFrom = options.columns ? undefined : options.columnsFrom;
  const stated = options.columns ? { columns: options.columns } : undefined;
  // Compared with a second reader when the first is unsure: both read the input as it was given.
  const compared = !forced && next !== undefined && top.score < SURE && top.score - next.score < CLOSE;
  const bytesMayGo = options.letBytesGo && !container && !compared ? ({ bytesMayGo: true } as const) : {};
  let result = await read(top.format, columnsFrom === undefined ? { ...stated, ...(forced ? { forced } : {}), ...bytesMayGo } : { columnsFrom, ...(forced ? { forced } : {}), ...bytesMayGo }).catch(async (error: unknown) => {
    // A reader that refuses the whole text (`--format json` on `"login": "password"` lines: "is not
    // valid JSON") names the reader only `--format` chooses that reads it, as a refusal of no account does.
    if (!(error instanceof DumpError) || error instanceof NoAccountsError) throw error;
    const way = await forcedOnlyWay(formats, top.format, input.text, read);
    throw way ? new DumpError(`${error.message.slice(error.line ? `${error.file}:${error.line}: `.length : error.file.length + 2)}${way}`, error.file, error.line) : error;
  });
  let why = stated ? `--columns ${stated.columns.map((r) => (r === 'extra' ? '-' : r)).join(',')}` : forced ? `--format ${top.format.name}` : `detected (${scores})`;

  if (compared) {
    // Two reads compared account by account: as records.
    result = asRecords(result);
    const other = await read(next.format).catch(() => undefined);
    const rival = other && loggable(other);
    // A list with a correction of one of its accounts below it: the letter's read is the list's with the correction said (corrected-list.ts).
    const corrected = other && correctedRead(top.format.name, result, next.format.name, asRecords(other), input.text);
    if (corrected) {
      why = corrected.result === result ? `detected (${scores}); ${corrected.reason}` : `detected (${scores}); read as ${next.format.name}, which ${corrected.reason}`;
      result = corrected.result;
    } else if (rival && (rival.accounts.length > 0 || result.accounts.length === 0) && key(rival) !== key(loggable(result))) {
      throw new DumpError(
        `unsure what this is: read as ${top.format.name} it gives ${summary(result)}; read as ${next.format.name}, ${summary(other)} (detection: ${scores}); choose with --format ${top.format.name} or --format ${next.format.name}`,
        input.name,
      );
    }
    const reason = !corrected && other && whyBetter(result, other, input.text);
    if (other && reason) {
      result = other;
      why = `detected (${scores}); read as ${next.format.name}, which ${reason}`;
    }
  }
  result = await jsonValuesWay(result, formats, () => input.text, read);
  // A container file running several programs: every program's reader, their reads joined (container-programs.ts).
  if (!forced && !compared && top.format.ownContainers) {
    const claiming = ranked.slice(1).filter((r) => r.format.ownContainers).map((r) => r.format);
    const unclaimed = formats.filter((f) => f.ownContainers && !ranked.some((r) => r.format === f));
    const joined = await withOtherPrograms(asRecords(result), claiming, unclaimed, input.text, (format) => read(format), input.name);
    if (joined.format !== result.format) why += `; joined with ${joined.format.split('+').filter((f) => f !== result.format).join(', ')}, each reading its own program's containers`;
    result = joined;
  }
  // A known program's compose service of which nothing was read is said, never silence (container-programs.ts).
  if (!forced && top.format.ownContainers) result = withSilentContainers(result, input.text);
  if (container && accountCount(result) > 0) await refuseMisread(input, container, top.format, result, read);
  // A read with accounts reads the bytes no more (a refusal of none may read them with another
  // reader: otherWay): the caller holds them no longer (letBytesGo), and a reader's records are
  // made columns after it (import-dump.ts toColumnDump) while this input may still be held.
  if (options.letBytesGo && accountCount(result) > 0) input.bytes = NO_BYTES;
  result.why = why;
  // A settings file's logins its reader left (a fork's second block of logins): named, never silence (left-pairs.ts).
  result = withLeftPairs(() => input.text, result);
  // A loose text's correction alone (`fix.txt`): offered to the pool as a mail's is (loose-correction-offer.ts).
  if (accountCount(result) === 0 && !result.poolCorrections && !input.inConversation && (result.format === 'email-text' || result.format === 'plain')) {
    result = looseCorrections(result, input.text) ?? result;
  }
  // A reply naming an account's new password and delivering none: the import asks the pool (import/pool-corrections.ts).
  if (accountCount(result) === 0 && !result.poolCorrections && !input.inConversation) {
    // A mail's raw text is headers and MIME parts: what its lines look like says nothing.
    const readSeen = describeRead([...(result.skipped ?? []), ...result.rejected]);
    // (A chat export's text is JSON or a page: what its lines look like says nothing either.)
    const mail = /^(?:eml|mbox|html|telegram-|discord-)/.test(result.format);
    // (A shop's order or invoice mail is named by its order's lines: order-text.ts.)
    const whole = mail ? describeOrder(input.text) : describeContent(input.text, input.name);
    // Lines the reader split as accounts and refused for what they hold (`user pass 2017`, a JSON
    // `"level": 70`), as many as those refused as another kind of line: accounts the reader could
    // not place, said so, never a guess at the whole file ("a newsletter?", "a config file"). A
    // letter's greeting and sign-off around them (read past as prose) make no newsletter of it.
    // A mail's attachment or message refused whole is no such line: it is named as what it is.
    const broken = result.rejected.filter((r) => !r.kind && !r.part).length;
    const parts = result.rejected.filter((r) => r.part).length;
    // A file a tool is known to write is named still (a table's rows without its header).
    const seen =
      broken > 0 && broken * 2 >= result.rejected.length && !(whole.startsWith('it looks like') && knownContent(input.text, input.name)) ? accountLikeLines(broken) :
      parts > 0 && broken === 0 ? partsRefused(parts) :
      whole.startsWith('it looks like') ? whole : readSeen || (mail ? `it looks like ${WHOLE.prose}` : whole);
    // A letter of sentences is named for what shows it: a newsletter's unsubscribe link, or a letter (describe-content.ts).
    // A chat export's messages are read as letters; the file is named as the chat it is.
    const chat = /^(telegram|discord)-/.exec(result.format)?.[1];
    const letter = (): string => (chat ? `it looks like a ${chat === 'telegram' ? 'Telegram' : 'Discord'} chat export without accounts (no message gives a login and a password)` : `it looks like ${describeLetter(input.text)}`);
    // A loose text file's one correction (`Sorry, ash_02 had a typo, use this: ash_02:X`) is said as one, naming its line (loose-correction.ts).
    // Only a text read as a letter or a list: a program's file (`"_comment": "... change the password ..."`) is none.
    // (Not a file whose own accounts a correction left unsure: its refusals say so, line by line.)
    const ownStale = result.rejected.some((r) => r.reason.startsWith('its password may be stale'));
    const loose = (result.format === 'email-text' || result.format === 'plain') && !ownStale ? looseCorrectionSaid(input.text) : undefined;
    const named = loose ?? (seen === `it looks like ${WHOLE.prose}` ? letter() : seen) + (await jsonBreakSaid(input.text, seen));
    // Lines of a kind the description names already need no repeating; broken accounts do.
    const shown = result.rejected.filter((r) => !(seen && r.kind));
    const rejected = shown.length > 0 ? `; ${rejectedSummary(result.rejected.length, shown)}` : '';
    // A known file without accounts (known-files.ts): no reader's "accounts" in it are a way through.
    const document = result.rejected.some((r) => r.reason === DOCUMENT_EXAMPLE_REASON);
    const known = document || knownFile(input.text, input.name);
    const way = forced || known ? '' : await otherWay(ranked.slice(1), read, new Set(result.rejected.filter((r) => r.reason.includes('placeholder') || r.reason.includes(`import ${COLUMNS_FLAG} `)).map((r) => r.line)));
    // `"lavaCave01": "Magmar!126a"` lines, a JSON object keyed by login: refused by every reader
    // chosen (or forced), read only by one the operator names (login-map.ts), named here.
    const forcedWay = way || known ? '' : await forcedOnlyWay(formats, top.format, input.text, read);
    const left = result.notes?.filter((n) => n.startsWith(LEFT_PAIRS)).map((n) => `; ${n}`).join('') ?? '';
    throw new NoAccountsError(`no accounts found; read as ${result.format} (detection: ${scores})${named ? `; ${named}` : ''}${rejected}${left}${way}${forcedWay}`, input.name, result.rejected.length);
  }
  // Node's printout of the records a console then prints one by one is their echo, not code (inspected-echo.ts).
  if (GENERIC.has(top.format.name)) result = inspectedEchoAsProse(input.text, result);
  if (!forced) refuseWholeFile(input, result, top.format.name, scores);
  return result;
}

/**
 * A file opening as a JSON document that JSON.parse refused, read by a reader of lines since no
 * JSON reader could claim it: where it breaks as JSON and what is wrong there (json-error.ts),
 * the fix the operator needs, where "code or data" alone left them to find it.
 */
async function jsonBreakSaid(text: string, seen: string): Promise<string> {
  if (!seen.startsWith(`it looks like ${WHOLE.code}`) || !/^\s*[[{]/.test(text)) return '';
  const at = jsonBreak(text);
  if (!at) return '';
  // `{'username': 'x', 'debug': True}`: a settings dict Python reads whole is no broken JSON to fix,
  // whatever its first single quote says to JSON's rules (login-map-python.ts).
  const python = await pythonLiteral(text);
  if (python) return `; it is ${python.what} (${python.first === python.last ? `line ${python.first}` : `lines ${python.first}-${python.last}`}), as a settings file or print() writes it, not JSON (line ${at.line}: ${pythonMark(text, at)})`;
  return `; as JSON it breaks at line ${at.line}, column ${at.column}: ${at.what} (fix it there)`;
}

/** What, at the place JSON breaks, is Python's writing: its quotes or its words (`True`, `None`). */
function pythonMark(text: string, at: { line: number; column: number; what: string }): string {
  const here = (text.split('\n')[at.line - 1] ?? '').slice(at.column - 1);
  const word = /^(True|False|None)\b/.exec(here)?.[1];
  if (word) return `\`${word}\`, Python's word`;
  return /^[rRuUbB]{0,2}'/.test(here) ? (at.what.startsWith('a key') ? 'a key in single quotes' : 'a string in single quotes') : "Python's writing";
}

/** The summary of a read whose accounts may be in what it refused whole: an attachment, a message (the reasons follow it). */
function partsRefused(n: number): string {
  return n === 1 ? 'no line of it reads as an account, and 1 attachment or message was refused whole (below)' : `no line of it reads as an account, and ${n} attachments or messages were refused whole (below)`;
}

/** The summary of a read whose lines were accounts' shape, each refused (the reasons follow it). */
function accountLikeLines(n: number): string {
  return n === 1 ? '1 line reads as an account, refused for what it holds (below)' : `${n} lines read as accounts, each refused for what it holds (below)`;
}

/** How many accounts were read when each password (of the first 400) is an e-mail address and no login is one; else 0. */
function addressesForPasswords(result: DumpResult): number {
  const n = Math.min(accountCount(result), 400);
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) {
    const account = result.columns ? result.columns.at(i) : result.accounts[i]!;
    if (!isAddress(account.password) || isAddress(account.username)) return 0;
  }
  return accountCount(result);
}

/**
 * What a whole file can show that no line does: a proxy table's header, a crontab, a table whose
 * header names no password, a program's settings, most lines explained as something else. The
 * accounts its lines split into are then none, and the file is refused naming what it looks like.
 * A dropped file and a mail's attachment (index.ts) are judged alike.
 */
export function refuseWholeFile(input: DumpInput, result: DumpResult, reader: string, scores: string, attachment = false): void {
  // `--format` reads the file it is given: a mail's attachment is no file of its own until saved
  // (`--format plain` on the mail is refused as a misread: refuseMisread). The reader named is the
  // one that read this file's "accounts", so forced on the saved file it reads them.
  const through = attachment ? `save the attachment and import that file with --format ${reader}` : `import them with --format ${reader}`;
  // `IP,Port,Username,Password`: the proxies' logins, whatever reader took the header (host-columns.ts).
  const hosts = !CONTAINERS.has(reader) ? hostTable(input.text) : undefined;
  if (hosts) {
    throw new DumpError(
      `no accounts found; read as ${result.format} (detection: ${scores}); it looks like ${hosts} (${accountCount(result)} of its rows split like accounts); if they are accounts, ${through}`,
      input.name,
    );
  }
  // `login,address` on every line (weissi1994/Pokemap's generate_accounts.py writes such a
  // `mails.csv` beside its accounts.csv): each address would be taken for the password.
  const mailed = GENERIC.has(reader) ? addressesForPasswords(result) : 0;
  if (mailed > 0) {
    throw new DumpError(
      `no accounts found; read as ${result.format} (detection: ${scores}); it looks like logins with their e-mail addresses, without passwords (${mailed} of ${counted(mailed, 'line')} \`login,address\`, as account creators write a \`mails.csv\`); if the addresses are the passwords, ${through}`,
      input.name,
    );
  }
  // `city:Paris`, `team:Mystic` and nothing else: a profile's fields, no password with a digit (word-pairs.ts).
  const words = GENERIC.has(reader) && !result.columns ? wordPairLines(result.accounts, input.text, result.rejected.flatMap((r) => (r.kind === 'stats' ? [r.line] : []))) : undefined;
  if (words) {
    throw new DumpError(`no accounts found; read as ${result.format} (detection: ${scores}); it looks like ${words}; if they are accounts, ${through}`, input.name);
  }
  let kinds = noise(result);
  // A crontab, a requirements file, map data (known-files.ts), a table whose header names no password
  // (passwordless-tables.ts): whatever splits like `user:pass` in it is no account.
  const known = GENERIC.has(reader) ? (knownFile(input.text, input.name) ?? passwordlessTable(input.text)) : undefined;
  if (known) {
    throw new DumpError(
      `no accounts found; read as ${result.format} (detection: ${scores}); it looks like ${known}, not an account dump (${accountCount(result)} of its lines split like \`user:pass\`); if they are accounts, ${through}`,
      input.name,
    );
  }
  // A program's saved settings (`avPass:...` among `threads:5`): the lines that split like
  // accounts are settings too (settings-file.ts), whatever their share.
  if (GENERIC.has(reader) && settingsLines(input.text) > 0) {
    throw new DumpError(
      `no accounts found; read as ${result.format} (detection: ${scores}); ${describeContent(input.text, input.name)}, not an account dump (${accountCount(result)} of its settings split like \`user:pass\`); if they are accounts, ${through}`,
      input.name,
    );
  }
  // Then `ash01x=Pika1234` on every line: a settings file's shape without a program's names, no account tool's (equals-lines.ts).
  const equals = GENERIC.has(reader) ? equalsLineCount(input.text) : 0;
  if (equals > 0) {
    throw new DumpError(`no accounts found; read as ${result.format} (detection: ${scores}); it looks like ${describeEqualsLines(equals)}`, input.name);
  }
  // `[DEBUG] Response for user:` and the page printed under it, between a checker's results: its log (checker-tags.ts).
  const debug = GENERIC.has(reader) && kinds.length > accountCount(result) ? checkerDebugLines(input.text) : undefined;
  if (debug && debug.size > 0) kinds = noise(result, debug);
  if (GENERIC.has(reader) && kinds.length > accountCount(result)) {
    throw new DumpError(
      `unsure this is an account dump: ${accountCount(result) === 1 ? '1 line reads as an account' : `${accountCount(result)} lines read as accounts`}, but ${kinds.length} look like something else (${describeKinds(kinds)}); if the accounts are real, ${through}`,
      input.name,
    );
  }
}
