// `import --format login-map`: logins mapped to their passwords, the shape a script leaves when it
// keeps accounts in a dictionary and saves it (`accounts[username] = password` then `json.dump`, or
// `JSON.stringify` of such an object): `{"lavaCave01": "Magmar!126a", ...}`, a list of such
// objects (`[{"lavaCave01": "Magmar!126a"}]`), one object a line, or the members alone, one
// `"login": "password"` a line (a dictionary's body copied out of its braces). No game tool was
// found writing it (stop 57's survey, docs/scale-log.md), and a dictionary of two strings is any
// program's settings too, so detection never chooses this reader: only the operator does, and a
// refusal of such a file names it (choose.ts forcedOnlyWay). Each member is one account exactly as
// written, its key the login and its string the password; a member that is no account (a nested
// value, a number or flag, `null`, a setting's name as the key, a URL or proxy as the value) is
// refused by its line, and the store's rules (account-rules.ts: a hash, `None`, a template's row)
// still hold for the rest. A dictionary Python printed (`print`, `repr`, `pprint`: single quotes,
// Python's escapes) is read the same, member by member (login-map-python.ts).
import { placeholderProblem } from './account-rules.js';
import { NOT_A_DICT, pythonMembers } from './login-map-python.js';
import { splitLines } from './decode.js';
import { ReadAccounts } from './account-columns.js';
import { fieldKind, isHeaderWord, KIND_NAME } from './lists/line-kinds.js';
import { MISSING_VALUE_REASON } from './missing-values.js';
import { isTelegramToken } from './not-accounts/bot-tokens.js';
import { isIdentifierName } from '../identifier-field-names.js';
import { isWithheldName, nameWords } from '../withheld-field-names.js';
import { JsonBroken, JsonText, type JsonValue } from './json-text.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, LineKind, ParseOptions, Rejection } from './types.js';
import { appendAll } from './long-arrays.js';

/** The reader's name, as `--format` takes it and refusals name it. */
export const LOGIN_MAP = 'login-map';

/** A member's value: its text where it is a string, else only what it is (`code`: a Python name or call, never evaluated). */
export type Value = JsonValue | { kind: 'code' };

export interface Member {
  line: number;
  key: string;
  value: Value;
}

/**
 * A document: one object, or a list of them; or such documents written one after another (a
 * loop's `JSON.stringify` appended, json-sequence.ts): each member handed to `each` as it is
 * walked, each list item that is no object into `rejected`. False where the text is no such JSON
 * (what was handed on is then no read of it: the caller drops it). The members are read from the
 * text itself (json-text.ts: JSON.parse forgets lines, puts keys that look like numbers, a login
 * of digits, first and keeps only the last of two equal keys), by JSON's grammar, so the walk
 * accepts exactly what JSON.parse does, and nothing is held per member but what `each` keeps: a
 * 1,000,000-member object parsed whole, then listed as members, was ~500 MB of heap
 * (docs/scale-log.md, stop 58 M).
 */
function walkDocuments(text: string, each: (m: Member) => void, rejected: Rejection[]): boolean {
  const t = text.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return false;
  const s = new JsonText(text);
  try {
    s.blank();
    do {
      if (s.peek() === '{') s.object(each);
      else if (s.peek() !== '[') return false;
      else
        s.list(() => {
          if (s.peek() === '{') return s.object(each);
          const line = s.lineHere();
          s.value();
          rejected.push({ line, reason: NOT_A_DICT, kind: 'code' });
        });
    } while (!s.done());
    return true;
  } catch (error) {
    if (error instanceof JsonBroken) return false;
    throw error;
  }
}

/** A line holding only a dictionary's braces or a list's brackets (a document broken elsewhere, read by its lines). */
const BRACKETS_ONLY = /^[[\]{},\s]+$/;

/** Each line alone: `"login": "password"` with or without its comma, or one object. */
function lineMembers(text: string): { members: Member[]; rejected: Rejection[]; skipped: number[] } {
  const members: Member[] = [];
  const rejected: Rejection[] = [];
  const skipped: number[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '') continue;
    if (BRACKETS_ONLY.test(s)) {
      skipped.push(i + 1);
      continue;
    }
    try {
      const w = new JsonText(s);
      const found: Member[] = [];
      if (s.startsWith('{')) w.object((m) => found.push({ ...m, line: i + 1 }));
      else found.push({ ...w.member(), line: i + 1 });
      w.blank();
      w.take(',');
      if (!w.done()) w.fail('more after the member');
      appendAll(members, found);
    } catch (error) {
      if (!(error instanceof JsonBroken)) throw error;
      rejected.push({ line: i + 1, reason: NOT_A_PAIR, kind: 'code' });
    }
  }
  return { members, rejected, skipped };
}

const NOT_A_PAIR = 'not a `"login": "password"` pair (a JSON string, a colon and a JSON string), nor an object of them';

/** A name's last word naming a setting, not a person: `client_id`, `webhook_url`, `db_port`, `api_token`. */
const SETTING_WORD = /_(?:id|ids|uuid|guid|key|keys|token|tokens|secret|url|uri|host|hostname|port|path|file|dir|folder|name|email|mail|address|user|username|login|pass|password|pwd|level|provider|auth|type|mode|enabled|timeout|interval|delay|count|limit|version|lang|language|locale|theme|region|zone)_$/;

/**
 * Why a key, digit-less (a login nearly always holds a digit), names a setting and no login: a
 * column's or setting's word (`host`, `token`, `username`), a credential's or personal field's
 * name (`refreshToken`, `pin`), a thing's (`device_id`), or a name ending in such a word.
 */
function isSettingName(key: string): boolean {
  if (/\d/.test(key) || key.includes('@')) return false;
  return isHeaderWord(key) || isWithheldName(key) || isIdentifierName(key) || SETTING_WORD.test(nameWords(key));
}

/** The account a member gives, or why it gives none (a reason naming no password). */
function judged(m: Member): DumpAccount | Rejection {
  const line = m.line;
  const v = m.value;
  if (v.kind === 'object' || v.kind === 'list') return { line, reason: `a nested ${v.kind === 'object' ? 'object' : 'list'} where a password goes: no login's password, a program's data`, kind: 'code' };
  if (v.kind === 'null') return { line, reason: MISSING_VALUE_REASON };
  if (v.kind === 'code') return { line, reason: 'an expression where a password goes (a name, a call, an f-string): code, never evaluated, no account', kind: 'code' };
  if (v.kind !== 'string') return { line, reason: `a ${v.kind === 'flag' ? '`true`/`false` flag' : 'number'} where a password goes: a setting, no account (a password is a quoted string)`, kind: 'config' };
  const key = m.key.trim();
  // The key is quoted only when it is made of a column's or setting's words (`host`, `api_key`): a
  // digit-less key of another name may be a password, should the file map passwords to logins.
  if (isSettingName(key)) return { line, reason: `its key names a setting (${isHeaderWord(key) ? `\`${key}\`` : "a credential's, a thing's or a setting's name"}), not a login`, kind: 'config' };
  // A hash, `None`, a template's row, a mask: the store's own words (account-rules.ts), before the list's guesses at a line.
  const stored = placeholderProblem(m.key, v.text);
  if (stored) return { line, reason: stored };
  if (isTelegramToken(key, v.text)) return { line, reason: KIND_NAME.key, kind: 'key' };
  const kind: LineKind | undefined = fieldKind(key, v.text);
  if (kind && kind !== 'prose') return { line, reason: `looks like ${KIND_NAME[kind]}, not an account`, kind };
  return { username: m.key, password: v.text, line };
}

export async function parseLoginMap(input: DumpInput, options?: ParseOptions): Promise<DumpResult> {
  // Each member judged as the walk reaches it: only the accounts are kept, as columns at an
  // import's read of a large map (ReadAccounts), never a list of members beside them.
  let accounts = new ReadAccounts(options?.columnsFrom);
  let rejected: Rejection[] = [];
  const take = (m: Member) => {
    const r = judged(m);
    if ('reason' in r) rejected.push(r);
    else accounts.add(r);
  };
  let skipped: { line: number; kind: 'code' }[] = [];
  if (!walkDocuments(input.text, take, rejected)) {
    accounts = new ReadAccounts(options?.columnsFrom);
    rejected = [];
    const read: { members: Member[]; rejected: Rejection[]; skipped?: number[] } = (await pythonMembers(input.text)) ?? lineMembers(input.text);
    appendAll(rejected, read.rejected);
    for (const m of read.members) take(m);
    skipped = (read.skipped ?? []).map((line) => ({ line, kind: 'code' as const }));
  }
  return { format: LOGIN_MAP, ...accounts.held(), rejected: rejected.sort((a, b) => a.line - b.line), ...(skipped.length > 0 ? { skipped } : {}) };
}

/**
 * When a refusal of a text names this reader (choose.ts forcedOnlyWay): the text opens as a JSON
 * document or a quoted key, in JSON's quotes or Python's (the only texts it reads), and, read so with the store's rules, every
 * password holds a digit (as PTC's do; `"theme": "dark"` is a setting) and its accounts outnumber
 * the members it refused.
 */
const wayThrough = {
  mayRead(text: string): boolean {
    // `'lavaCave01': 'Magmar!126a',` too: a dict's members Python wrote (login-map-python.ts).
    const t = text.trimStart();
    return t[0] === '{' || t[0] === '[' || t[0] === '"' || /^[rRuUbB]{0,2}'/.test(t);
  },
  offers(result: DumpResult): boolean {
    if (result.accounts.length === 0 || result.rejected.length >= result.accounts.length) return false;
    return result.accounts.every((a) => /\d/.test(a.password));
  },
};

export const loginMap: DumpFormat = {
  name: LOGIN_MAP,
  // Never chosen by detection: a dictionary of two strings is any program's settings.
  detect: () => 0,
  parse: parseLoginMap,
  textOnly: true,
  wayThrough,
};
