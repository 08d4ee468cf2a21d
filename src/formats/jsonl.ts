// Our own export: one JSON object per line. JSON keeps every password byte for byte (blanks,
// quotes, commas, unicode), so this is the lossless way out of and back into a pool.
import { DEVICE_FIELD_ORDER, FIELD_ORDER, isProvider, isState, type Account, type Device } from '../model.js';
import { eachLine, headLines, splitLines } from './decode.js';
import { ReadAccounts } from './account-columns.js';
import { lineProblem } from './lists/account-line.js';
import { jsonLevel } from './json-level.js';
import { isPgpoolAnswer, pgpoolAnswerAccount } from './tools/pgpool-answer.js';
import type { LineList } from './text-lines.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection } from './types.js';
import { CONNECTION_SETTINGS_REASON, isConnectionSettings } from './connection-settings.js';
import { jsonBreak } from './json-error.js';
import { headText } from './streamed-input.js';

export function detectJsonl(input: DumpInput): number {
  const first = headLines(headText(input, 20), 20, 100_000).find((l) => l.trim() !== '');
  if (!first || !first.trimStart().startsWith('{')) return 0;
  try {
    const value: unknown = JSON.parse(first);
    return isObject(value) && 'username' in value ? 0.95 : 0.3;
  } catch {
    return 0.3;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `text` as one JSON object; undefined where it is no JSON, or JSON of another kind (a tool's settings file asks no more). */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Why a parsed line cannot be an account; messages name fields, never values. */
function problem(o: Record<string, unknown>): string | undefined {
  if (typeof o.username !== 'string') return 'missing username';
  if (typeof o.password !== 'string') return 'missing password';
  // A database's or a proxy's connection settings (`{"username", "password", "host", "database"}`): no game account.
  if (isConnectionSettings((k) => k in o)) return CONNECTION_SETTINGS_REASON;
  const credentials = lineProblem(o.username.trim(), o.password);
  if (credentials) return credentials;
  if (o.provider !== undefined && !isProvider(o.provider)) return 'provider is neither ptc nor google';
  // `"level": 70`, `"level": "Lv.30"`: the list readers' rule (json-level.ts).
  const level = jsonLevel(o.level);
  if ('reason' in level) return level.reason;
  if (o.state !== undefined && !isState(o.state)) return 'unknown state';
  if (o.device !== undefined && !isObject(o.device)) return 'device is not an object';
  return undefined;
}

/**
 * With `columnsFrom` (an import's read) the accounts go into columns as they are read, their
 * verdicts too (account-columns.ts ReadAccounts), and the lines are taken one at a time: an
 * export's 1,000,000 accounts as records, each with its state and history, and the text split
 * into lines beside them were 765 MB at `import --dry-run` (docs/scale-log.md, stop 61 R).
 */
export function parseJsonl(input: DumpInput, options?: ParseOptions): DumpResult {
  const accounts = new ReadAccounts(options?.columnsFrom);
  let count = 0;
  const rejected: Rejection[] = [];
  let exported = true;
  let i = -1;
  // A big file's lines read from it a piece at a time, its text never made whole (file-lines.ts):
  // the 148 MB export of 1,000,000 accounts held its bytes and its text at once (stop 67 M).
  for (const line of input.lines ? linesOf(input.lines) : eachLine(input.text)) {
    i++;
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // JSON.parse's own message quotes the line, and the line may hold a password.
      rejected.push({ line: i + 1, reason: NOT_JSON });
      continue;
    }
    if (!isObject(value)) {
      rejected.push({ line: i + 1, reason: 'not a JSON object' });
      continue;
    }
    const read = accountFromObject(value, i + 1);
    if (typeof read === 'string') rejected.push({ line: i + 1, reason: read });
    else {
      accounts.add(read);
      count++;
      exported &&= isExported(value);
    }
  }
  return { format: 'jsonl', ...accounts.held(), rejected: withJsonBreaks(rejected, () => input.text), ...(exported && count > 0 ? { exported } : {}) };
}

const NOT_JSON = 'not valid JSON';

function* linesOf(lines: LineList): Generator<string> {
  for (let i = 0; i < lines.length; i++) yield lines.at(i)!;
}

/**
 * Said of such a line where the whole text is JSON values one after another: a reader of whole
 * documents may read it. Which one does, or the fix, is added where every reader is known
 * (choose.ts jsonValuesWay), after these words.
 */
export const JSON_VALUES = 'the file is JSON values one after another';

/**
 * "not valid JSON" said so that the operator can fix it: a line holding an object broken on it,
 * by its column and what is wrong there; a line that is a piece of an object written over several
 * lines (the file was taken for JSON lines because its first line is a whole object, yet it is
 * pretty-printed JSON further on) by where the file breaks as JSON, so the refusal speaks of the
 * file's JSON error, not of lines that were never meant to stand alone. Run only on refused lines.
 */
function withJsonBreaks(rejected: Rejection[], whole: () => string): Rejection[] {
  if (!rejected.some((r) => r.reason === NOT_JSON)) return rejected;
  // (The whole text, read from the file where it was read in pieces: a broken line is rare.)
  const text = whole();
  // Split only here, for the refused lines' own text: a file read whole never is.
  const lines = splitLines(text);
  const pieces = rejected.some((r) => r.reason === NOT_JSON && !lines[r.line - 1]!.trim().startsWith('{'));
  const document = pieces ? jsonBreak(text) : undefined;
  return rejected.map((r) => {
    if (r.reason !== NOT_JSON) return r;
    const own = lines[r.line - 1]!.trim();
    if (!pieces) {
      const at = jsonBreak(own);
      return at ? { ...r, reason: `${NOT_JSON} at column ${at.column + lines[r.line - 1]!.indexOf(own)}: ${at.what.replace(/^the text ends/, 'the line ends')}` } : r;
    }
    return { ...r, reason: document
      ? `no JSON object on its own line (read as JSON lines, its first line being one); as JSON the file breaks at line ${document.line}, column ${document.column}: ${document.what} (fix it there)`
      : `no JSON object on its own line (read as JSON lines, its first line being one; ${JSON_VALUES})` };
  });
}

/**
 * Whether an account object is one our export wrote: every account of a pool has a whole `seq`
 * and an `added_at` time, and writeJsonl writes both; no generator, scanner or bot writes that pair.
 */
function isExported(o: Record<string, unknown>): boolean {
  return Number.isSafeInteger(o.seq) && typeof o.added_at === 'string' && !Number.isNaN(Date.parse(o.added_at));
}

/** One JSON object as an account, or why it cannot be one (json.ts reads whole JSON documents with it). */
export function accountFromObject(value: Record<string, unknown>, line: number): DumpAccount | string {
  const reason = problem(value);
  if (reason) return reason;
  // PGPool's answer (saved from /account/request): its flags are verdicts, not fields of a healthy account.
  if (isPgpoolAnswer(value)) return pgpoolAnswerAccount(value, line);
  const o = value as Record<string, unknown> & { username: string; password: string };
  const account: DumpAccount = { username: o.username.trim(), password: o.password, line };
  if (isProvider(o.provider)) account.provider = o.provider;
  const level = jsonLevel(o.level);
  if ('level' in level && level.level !== undefined) account.level = level.level;
  if (isState(o.state)) account.state = o.state;
  if (isObject(o.device)) {
    const device: Partial<Device> = {};
    for (const key of DEVICE_FIELD_ORDER) if (typeof o.device[key] === 'string' && o.device[key] !== '') device[key] = o.device[key];
    if (Object.keys(device).length > 0) account.device = device;
  }
  const history = historyOf(o);
  if (history) account.history = history;
  return account;
}

/** Fields read above, and the holds: those belong to the scanners of the pool the export came from. */
const NOT_HISTORY = new Set(['username', 'password', 'provider', 'level', 'state', 'device', 'seq', 'holder', 'held_until']);
const TIMES = ['state_at', 'available_at', 'allocated_at', 'added_at'];

/** An export's history fields; times that are not dates are dropped rather than trusted. */
function historyOf(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const history: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (NOT_HISTORY.has(key) || value === undefined || value === null) continue;
    if (TIMES.includes(key) && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) continue;
    if (key === 'source' && typeof value !== 'string') continue;
    // A time in the one shape the pool compares as text (account-times.ts): `2026-11-20 10:00` or an
    // offset would order wrongly beside the pool's own.
    history[key] = TIMES.includes(key) ? new Date(value as string).toISOString() : value;
  }
  return Object.keys(history).length > 0 ? history : undefined;
}

/** Known fields in a fixed order, then the user's own fields alphabetically: diffs stay small. */
function ordered(record: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (record[key] !== undefined) out[key] = record[key];
  for (const key of Object.keys(record).sort()) if (!Object.hasOwn(out, key) && record[key] !== undefined) out[key] = record[key];
  return out;
}

export function writeJsonl(accounts: Account[]): string {
  return accounts
    .map((a) => {
      const record: Record<string, unknown> = { ...a };
      if (isObject(a.device)) record.device = ordered(a.device as unknown as Record<string, unknown>, DEVICE_FIELD_ORDER);
      return JSON.stringify(ordered(record, ['username', ...FIELD_ORDER])) + '\n';
    })
    .join('');
}

export const jsonl: DumpFormat = { name: 'jsonl', detect: detectJsonl, parse: parseJsonl, textOnly: true, piecewise: true };
