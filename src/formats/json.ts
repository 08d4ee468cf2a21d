// Whole JSON documents: a list of account objects (`[{"username": ..., "password": ...}, ...]`),
// pretty-printed or not, or one object holding such a list (`{"accounts": [...]}`), as account
// generators and other tools write them. Each object is read as a line of our JSON-lines export
// is (jsonl.ts), so the same fields count; line numbers are where each object starts.
import { accountFromObject, isObject } from './jsonl.js';
import { jsonBreak } from './json-error.js';
import { pythonLiteral } from './login-map-python.js';
import { isPgpoolAnswer } from './tools/pgpool-answer.js';
import { parseJsonDocuments } from './json-sequence.js';
import { roleOf, type Role } from './lists/columns.js';
import { isProvider } from '../model.js';
import { OTHER_SECTION_WORDS } from './other-services.js';
import { namesOtherService } from './service-value.js';
import { settingsKeyWords } from './left-pairs.js';
import { EXAMPLE_REASON, isExampleAccount } from './lists/placeholder-passwords.js';
import { detectBotAccounts, mayBeBotConfig } from './tools/bot-accounts.js';
import { eachArrayItem } from './json-array-items.js';
import { ReadAccounts } from './account-columns.js';
import { isPtcBackupRow, ptcBackupLogins } from './tools/mad-ptc-backup.js';
import { madMappingsLogins, madPtcLogins } from './tools/mad-mappings.js';
import { withNestedLogin } from './json-nested-login.js';
import { isSettingsLogin, loginFields } from './settings-login.js';
import { itemLinesInText, shopSerials, type ShopStock } from './json-serials.js';
import { parsePlain } from './lists/plain.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type ParseOptions, type Rejection } from './types.js';
import { oncePerInput } from './memo.js';

/**
 * The account objects of a document: the list itself, a PGPool answer's one account, or the one list of objects an object
 * holds, or, among several, the one named `accounts` in any case (pogom's `config.json` keeps its
 * `SCAN_LOCATIONS` beside its `ACCOUNTS`). `key` names the list, to find its objects' lines.
 */
function accountList(value: unknown): { list: unknown[]; depth: number; key?: string[]; lone?: true; settings?: true } | undefined {
  if (Array.isArray(value)) return { list: value, depth: 1 };
  if (!isObject(value)) return undefined;
  // PGPool's answer when one account was asked for: the object alone (pgpool-answer.ts).
  if (isPgpoolAnswer(value)) return { list: [value], depth: 0 };
  const lists = Object.entries(value).filter((e): e is [string, unknown[]] => Array.isArray(e[1]) && e[1].some(isObject));
  const named = lists.length > 1 ? lists.filter(([key]) => key.trim().toLowerCase() === 'accounts') : lists;
  if (named.length === 1) return { list: named[0]![1], depth: 2, key: [named[0]![0]] };
  if (lists.length > 0) return undefined;
  // A program's settings with its accounts a section or two in: a .NET `appsettings.json`'s
  // `{"Scanner": {"Accounts": [{"Username", "Password"}]}, "ConnectionStrings": {...}}`. Only a
  // list named `accounts`, the one such in the document, under sections naming no other service,
  // and only where the game is named: a section's words (`Scanner`, `Pogo`) or each object's
  // provider (`AuthType: Ptc`). A Steam trade bot's, a chat bot's or a mail server's `Accounts`
  // under a neutral section look the same and are no game accounts (stop 55's review).
  const nested: [string[], unknown[]][] = [];
  nestedAccounts(value, [], nested);
  if (nested.length === 1) return { list: nested[0]![1], depth: 2, key: nested[0]![0] };
  if (nested.length > 0) return undefined;
  // One account alone: a pretty-printed object (`JSON.stringify(account, null, 2)`, `jq .` of a
  // list's element), a bot's per-account file. Read as a list's element is, but never where a key
  // or a `service`-like value names another service (an `ftp_user`, a `{"service": "mysql"}`).
  if (isLoneAccount(value)) return { list: [value], depth: 0, lone: true };
  // A program's settings holding the one login it signs in with, its provider named the game's
  // (settings-login.ts): read as that one account, its other settings left out.
  return isSettingsLogin(value, withOurFieldNames(value)) ? { list: [value], depth: 0, lone: true, settings: true } : undefined;
}


/** An object holding a login and a password of its own, no key or service value naming another service than the game. */
function isLoneAccount(o: Record<string, unknown>): boolean {
  const own = withOurFieldNames(o);
  if (typeof own.username !== 'string' || !('password' in own)) return false;
  // Alone, an object is an account only when all it holds is an account's: a key accountpool does
  // not read as one (`token`, `prefix`, `port`, `dbname`) makes it some program's settings (a chat
  // bot's, a database's, an SSH login's), which a list of many such objects would not be; so is
  // where it connects (`host`, `url`: that connection's login; a list of such objects needs a
  // database or a port too, connection-settings.ts). Of the keys left, none may name another service.
  if (!Object.keys(o).every((key) => OURS.has(key) || roleOf(key.trim()) !== undefined)) return false;
  return !Object.entries(o).some(([key, inner]) =>
    settingsKeyWords(key).some((w) => OTHER_SECTION.has(w)) ||
    namesOtherService(key, inner, true));
}

/** Section words naming another service than the game, beyond the settings keys' list (other-services.ts). */
const OTHER_SECTION = OTHER_SECTION_WORDS;
/** Section words naming the game or a scanner of it: a nested `accounts` list under one is the game's. */
const GAME_SECTION = new Set([
  'pogo', 'pokemon', 'pokémon', 'pokemongo', 'pgo', 'ptc', 'niantic', 'scanner', 'scanners', 'scan', 'worker', 'workers',
  'trainer', 'trainers', 'rocketmap', 'monocle', 'rdm', 'mad', 'mapadroid', 'pgpool', 'pgscout', 'game',
]);

function nestedAccounts(value: Record<string, unknown>, path: string[], found: [string[], unknown[]][]): void {
  for (const [key, inner] of Object.entries(value)) {
    const ws = settingsKeyWords(key);
    if (!isObject(inner) || ws.some((w) => OTHER_SECTION.has(w))) continue;
    const sections = [...path, key];
    for (const [name, list] of Object.entries(inner)) {
      if (name.trim().toLowerCase() !== 'accounts' || !Array.isArray(list) || !list.some(isObject)) continue;
      if (sections.some((s) => settingsKeyWords(s).some((w) => GAME_SECTION.has(w))) || list.every(namesGameProvider)) found.push([[...sections, name], list]);
    }
    if (path.length < 2) nestedAccounts(inner, sections, found);
  }
}

/** An account object whose provider field (`AuthType`, `provider`) names the game's: `Ptc`, `Google`. */
function namesGameProvider(o: unknown): boolean {
  return isObject(o) && isProvider(withOurFieldNames(o).provider);
}

/**
 * A generator's account object in our field names: `{"Username", "Password", "Email", "Date
 * created"}` (pGo-create), `{"auth_service": "google", ...}` (PokemonGo-Bot's names), `{"user",
 * "pass", "lvl"}`: each key named as a list's column would be (columns.ts). Our own export's
 * objects, and any object with `username` and `password` and no provider named otherwise, are
 * left as they are.
 */
const OURS = new Set(['username', 'password', 'provider', 'level', 'state', 'device']);

function withOurFieldNames(given: Record<string, unknown>): Record<string, unknown> {
  // `{"auth": {"username", "password"}, "level": 30}`: an account manager's login one object in (json-nested-login.ts).
  const o = withNestedLogin(given);
  const out: Record<string, unknown> = { ...o };
  const named: Partial<Record<Role, unknown>> = {};
  for (const [key, value] of Object.entries(o)) {
    const role = roleOf(key.trim());
    if (!role || OURS.has(key)) continue;
    if (!(role in named)) named[role] = value;
    // Read here, or an e-mail's password: never kept as the account's own field.
    delete out[key];
  }
  out.username ??= named.user ?? (named.pass !== undefined ? named.email : undefined);
  out.password ??= named.pass;
  if (out.provider === undefined && typeof named.provider === 'string' && isProvider(named.provider.trim().toLowerCase())) out.provider = named.provider.trim().toLowerCase();
  // `lvl`, `Level`: read as `level` is (json-level.ts), its refusal too.
  if (out.level === undefined && named.level !== undefined) out.level = named.level;
  return out;
}

/** Each dump's parsed document, so detection and reading parse a large file once, not twice. */
type Parsed = { value: unknown; sequence?: true } | { error: Error };
const parseOnce = oncePerInput((input: DumpInput): Parsed => {
  try {
    return { value: JSON.parse(input.text) as unknown };
  } catch (error) {
    // Documents appended one after another (json-sequence.ts): their objects, as one list.
    const values = parseJsonDocuments(input.text);
    return values ? { value: values, sequence: true } : { error: error as Error };
  }
});

export function detectJson(input: DumpInput): number {
  const text = input.text.trimStart();
  const start = text[0];
  if (start !== '[' && start !== '{') return 0;
  // One list of objects: looked at an object at a time, never held whole (json-array-items.ts).
  const itemwise = itemwiseDetect(input.text);
  if (itemwise !== undefined) return itemwise;
  const document = parseOnce(input);
  if ('error' in document) {
    // Broken, but a JSON document of accounts all the same: claim it, so the error is told as a
    // JSON error (with its line) instead of the lines being read as a list. One object on the
    // first line is JSON lines (jsonl.ts).
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0).trim();
    const isDocument = start === '[' || firstLine === '{';
    return isDocument && /"(?:username|password)"\s*:/i.test(text.slice(0, 100_000)) ? 0.97 : 0;
  }
  if (madMappingsLogins(document.value)) return 0.97;
  const found = accountList(document.value);
  // One account's object on one line is JSON lines (our export of one account): jsonl.ts's.
  if (found?.lone && !text.trimEnd().includes('\n')) return 0;
  if (found && holdsAccounts(found.list)) return 0.97;
  // A shop's orders (a list of order objects, none an account's) may deliver account lines (json-serials.ts).
  return shopSerials(document.value) ? 0.97 : 0;
}

/** Whether a list of objects holds an account's (isAccountObject). */
function holdsAccounts(list: readonly unknown[]): boolean {
  return list.some((o) => isObject(o) && isAccountObject(o));
}

/** Whether an object is an account's: a login of its own, or a Map-A-Droid backup row. */
function isAccountObject(o: Record<string, unknown>): boolean {
  return typeof withOurFieldNames(o).username === 'string' || isPtcBackupRow(o);
}

/**
 * Line of each `[` or `{` that opens a value `depth` levels in (outside strings), in order; with
 * `key`, only inside the list that key opens (its objects one level in), so a list beside it
 * does not count.
 */
function openingLines(text: string, depth: number, key?: readonly string[]): number[] {
  const lines: number[] = [];
  let start = 0;
  if (key !== undefined) {
    // Each key of the path after the one before it (`"Scanner": {` ... `"Accounts": [`): a list of
    // the same name in an earlier section is not the one read.
    for (const [i, name] of key.entries()) {
      const open = i === key.length - 1 ? '\\[' : '\\{';
      const pattern = new RegExp(`"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*${open}`, 'g');
      pattern.lastIndex = start;
      const at = pattern.exec(text);
      if (!at) return lines;
      start = at.index + at[0].length - 1;
    }
    depth = 1;
  }
  let line = text.slice(0, start).split('\n').length;
  let level = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (level === depth) lines.push(line);
      level++;
    } else if (c === '}' || c === ']') {
      level--;
      if (key !== undefined && level === 0) break;
    }
  }
  return lines;
}

function lineOfPosition(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (!at) return undefined;
  return text.slice(0, Number(at[1])).split('\n').length;
}

/**
 * With `columnsFrom` (an import's read) the accounts go into columns as they are read (account-columns.ts
 * ReadAccounts). A document that is one list of objects is read an object at a time (json-array-items.ts):
 * the same accounts, refusals and lines as its whole parse gives, without every object of it at once.
 */
export function parseJson(input: DumpInput, options?: ParseOptions): DumpResult {
  const itemwise = readItemwise(input, options);
  if (itemwise) return itemwise;
  const document = parseOnce(input);
  // JSON.parse's own message quotes the text around the error, which may hold a password.
  if ('error' in document) {
    // Its line and column, and what is wrong there, found again by a scan that quotes nothing (json-error.ts).
    const at = jsonBreak(input.text);
    const where = at ? ` at column ${at.column}: ${at.what}` : '';
    throw new DumpError(`is not valid JSON${where} (fix it there)`, input.name, at?.line ?? lineOfPosition(input.text, document.error.message));
  }
  const mad = document.sequence ? undefined : madMappingsLogins(document.value);
  if (mad) return madMappings(input.text, mad);
  const found = accountList(document.value);
  // A shop's order whose delivered items are account lines (json-serials.ts): read as those lines pasted.
  const serials = found && holdsAccounts(found.list) ? undefined : shopSerials(document.value);
  if (serials) return serialAccounts(input, serials);
  if (!found) throw new DumpError('holds no list of account objects', input.name, 1);
  // Appended documents open at the top level: each object's line is that of its own `{`.
  const lines = openingLines(input.text, document.sequence ? 0 : found.depth, found.key);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  // A bot's config (poketrainer's), read here only when forced: each account object holds the
  // bot's settings (its Google Maps key, where to walk), no field of the account's own; kept as
  // history they went into the pool's shards. The bot-accounts reader keeps none, nor does this.
  const botConfig = detectBotAccounts(input) > 0;
  found.list.forEach((item, i) => {
    const line = lines.length === found.list.length ? lines[i]! : 1;
    if (!isObject(item)) {
      rejected.push({ line, reason: 'not a JSON object' });
      return;
    }
    readItem(item, line, { settings: found.settings, botConfig }, (a) => accounts.push(a), rejected);
  });
  return { format: 'json', accounts, rejected };
}

/** One object of the list read: its accounts given to `add`, or its refusal. */
function readItem(item: Record<string, unknown>, line: number, how: { settings?: true; botConfig: boolean }, add: (a: DumpAccount) => void, rejected: Rejection[]): void {
  // Map-A-Droid's ptc_backup.json: one device's logins in one string (mad-ptc-backup.ts).
  if (isPtcBackupRow(item)) {
    for (const login of ptcBackupLogins(item)) {
      const read = typeof login === 'string' ? login : accountFromObject(login, line);
      if (typeof read === 'string') rejected.push({ line, reason: read });
      else add(read);
    }
    return;
  }
  const read = accountFromObject(isPgpoolAnswer(item) ? item : how.settings ? loginFields(withOurFieldNames(item)) : withOurFieldNames(item), line);
  if (typeof read === 'string') rejected.push({ line, reason: read });
  // A bot's example config as published (poketrainer's `Username`/`Password`), read by this
  // reader when forced: its values stand where an account would go, as bot-accounts.ts says.
  else if (isExampleAccount(read.username, read.password)) rejected.push({ line, reason: EXAMPLE_REASON });
  else {
    if (how.botConfig) delete read.history;
    add(read);
  }
}

/**
 * The read of a document that is one list of objects, each parsed alone (json-array-items.ts), or
 * undefined for every other document, and for one whose whole read may differ: an object that is
 * no JSON (the whole parse names the error's line), a bot's config (bot-accounts.ts: whether it is
 * one is known from all of its objects, and changes how each is read; such files are small).
 * Such a list is the document's accountList (an array; or an object's one key holding a list of
 * objects, no PGPool answer, no MAD mappings), its lines those openingLines finds.
 */
function readItemwise(input: DumpInput, options?: ParseOptions): DumpResult | undefined {
  const text = input.text;
  if (mayBeBotConfig(text)) return undefined;
  const accounts = new ReadAccounts(options?.columnsFrom);
  const rejected: Rejection[] = [];
  const how = { botConfig: false };
  let any = false;
  const add = (a: DumpAccount) => ((any = true), accounts.add(a));
  const walked = eachArrayItem(text, (start, end, line) => {
    const item = parsedItem(text, start, end);
    if (!item) return false;
    readItem(item, line, how, add, rejected);
    return true;
  });
  // A list none of whose objects is an account's may be a shop's orders (json-serials.ts): the whole read decides.
  return walked && any ? { format: 'json', ...accounts.held(), rejected } : undefined;
}

/** The object at text[start, end), or undefined where it is no JSON object. */
function parsedItem(text: string, start: number, end: number): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.slice(start, end));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a document that is one list of objects is the json reader's: one of them an account's,
 * every object before it JSON. The objects after it are walked (the document's shape is still
 * checked whole) but not parsed: the read parses each of them anyway, and parsing them here too
 * was 0.7 s of CPU at 1,000,000 objects (docs/scale-log.md, stop 64 M). So a list of accounts with
 * a broken object after the first account is claimed, and its read names the broken object's
 * line as a JSON error; before, it was claimed only where `"username"` or `"password"` stood in its
 * first 100 KB (detectJson's broken documents), else left to the other readers.
 */
function itemwiseDetect(text: string): number | undefined {
  let claims = false;
  const walked = eachArrayItem(text, (start, end) => {
    if (claims) return true;
    const item = parsedItem(text, start, end);
    if (!item) return false;
    claims = isAccountObject(item);
    return true;
  });
  // A list none of whose objects is an account's may be a shop's orders (json-serials.ts): the whole read decides.
  return walked && claims ? 0.97 : undefined;
}

/**
 * A shop's items (json-serials.ts), each at its string's line in the document: the lines read as a
 * pasted list's (plain.ts), an account's own fields as a list's object, another product's refused.
 * A level the product's title states is each account's that states none.
 */
function serialAccounts(input: DumpInput, stock: ShopStock): DumpResult {
  const lines = itemLinesInText(input.text, stock.map((i) => i.written));
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const skipped: NonNullable<DumpResult['skipped']> = [];
  const listed: number[] = [];
  stock.forEach((item, i) => {
    const line = lines[i]!;
    if (item.other !== undefined) rejected.push({ line, reason: `another product's stock (${JSON.stringify(item.other)}), which names no Pokémon GO account: not read` });
    else if ('fields' in item) readItem({ ...item.fields }, line, { botConfig: false }, (a) => accounts.push(withLevel(a, item.level)), rejected);
    else listed.push(i);
  });
  if (listed.length > 0) {
    const joined = listed.map((i) => (stock[i] as { line: string }).line).join('\n');
    const read = parsePlain({ name: input.name, bytes: Buffer.from(joined, 'utf8'), text: joined });
    const at = (line: number) => listed[line - 1] ?? listed[0]!;
    for (const a of read.accounts) accounts.push(withLevel({ ...a, line: lines[at(a.line)]! }, stock[at(a.line)]!.level));
    for (const r of read.rejected) rejected.push({ ...r, line: lines[at(r.line)]! });
    for (const k of read.skipped ?? []) skipped.push({ ...k, line: lines[at(k.line)]! });
  }
  accounts.sort((a, b) => a.line - b.line);
  rejected.sort((a, b) => a.line - b.line);
  return { format: 'json', accounts, rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

function withLevel(a: DumpAccount, level: number | undefined): DumpAccount {
  return level === undefined || a.level !== undefined ? a : { ...a, level };
}

/**
 * Map-A-Droid's mappings.json (mad-mappings.ts): each `ptc_login` value's logins as PTC accounts,
 * at the line of that value: found by the value as JSON writes it (madmin's `sort_keys` puts
 * device `10` before `2`, so the keys' order in the text is not the object's); line 1 where the
 * text escapes it otherwise.
 */
function madMappings(text: string, logins: readonly { device: string; ptcLogin: string }[]): DumpResult {
  const from = new Map<string, number>();
  const lineOf = (value: string): number => {
    const written = `${JSON.stringify(value)}`;
    const pattern = new RegExp(`"ptc_login"\\s*:\\s*${written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
    pattern.lastIndex = from.get(value) ?? 0;
    const at = pattern.exec(text);
    if (!at) return 1;
    from.set(value, at.index + at[0].length);
    return text.slice(0, at.index).split('\n').length;
  };
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  logins.forEach(({ ptcLogin }) => {
    const line = lineOf(ptcLogin);
    for (const login of madPtcLogins(ptcLogin)) {
      const read = typeof login === 'string' ? login : accountFromObject({ ...login, provider: 'ptc' }, line);
      if (typeof read === 'string') rejected.push({ line, reason: read });
      else if (isExampleAccount(read.username, read.password)) rejected.push({ line, reason: EXAMPLE_REASON });
      else accounts.push(read);
    }
  });
  return { format: 'json', accounts, rejected };
}

/**
 * parseJson, but a file Python reads whole as a dict or list (`{'username': 'x', 'debug': True}`, a
 * settings dict or a printed one saved as `.json`) is refused as what it is, by its lines, never
 * as JSON broken at a line to fix (login-map-python.ts pythonLiteral).
 */
async function parseJsonOrPython(input: DumpInput, options?: ParseOptions): Promise<DumpResult> {
  try {
    return parseJson(input, options);
  } catch (error) {
    if (!(error instanceof DumpError) || !error.message.includes(': is not valid JSON')) throw error;
    const python = await pythonLiteral(input.text);
    if (!python) throw error;
    const lines = python.first === python.last ? `line ${python.first}` : `lines ${python.first}-${python.last}`;
    throw new DumpError(`is ${python.what} (${lines}), as a settings file or print() writes it, not JSON: the json reader reads JSON's account lists alone`, input.name, python.first);
  }
}

export const json: DumpFormat = { name: 'json', detect: detectJson, parse: parseJsonOrPython, textOnly: true };
