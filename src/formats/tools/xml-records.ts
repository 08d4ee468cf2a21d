// The records of a .NET tool's XML document, as its serializer writes an object: one element per
// object holding one element per member (`<Username>ash</Username>`, `<Email />`, a null one
// `<Email i:nil="true" />`), whichever serializer wrote it (DataContractSerializer: datacontract-
// accounts.ts; XmlSerializer: xmlserializer-accounts.ts). Each element whose own children are a
// `Username` (or `UserName`, `Login`, `PtcUsername`) and a `Password` (or `PtcPassword`) is an
// account; a provider member (`AuthType`, `Provider`, `LoginProvider`) names its provider, else none
// is stated, as in a plain list. A record whose login or password is nil, given twice or holds
// markup is refused by its line, and so is a connection's login (a `Host` and a `Port` beside it).
import { unescape } from '../databases/mysql-xml.js';
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import type { DumpAccount, Rejection } from '../types.js';
import { CONNECTION_SETTINGS_REASON, isConnectionSettings } from '../connection-settings.js';

const USERNAMES = new Set(['username', 'login', 'ptcusername']);
const PASSWORDS = new Set(['password', 'ptcpassword']);
const PROVIDERS = new Set(['authtype', 'provider', 'loginprovider']);

/** A login member's element, for a reader's detection. */
export const LOGIN_ELEMENT = /<(?:Username|UserName|Login|PtcUsername)[\s>/]/;
/** A login member written as an attribute (XmlSerializer's `[XmlAttribute]`). */
export const LOGIN_ATTRIBUTE = /\s(?:[Uu]ser[Nn]ame|[Ll]ogin|PtcUsername)\s*=\s*"/;

/** A leaf element: `<Name>text</Name>`, `<Name />` or `<Name i:nil="true" />`. */
const LEAF = /<([A-Za-z_][\w.-]*)(\s[^>]*?)?(?:\/>|>([^<]*)<\/\1\s*>)/g;
/** An element holding only leaves (blanks between): one record of the list. */
const RECORD = /<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>((?:\s*<([A-Za-z_][\w.-]*)(?:\s[^>]*?)?(?:\/>|>[^<]*<\/\3\s*>))+)\s*<\/\1\s*>/g;

interface Member {
  value: string | null;
  line: number;
}

/** `<Name>` as the serializer writes a member: nil is null; a value escaped by XmlWriter is read back. */
function members(body: string, at: number, lineAt: (i: number) => number, blankIsEmpty = false): Map<string, Member | 'twice'> {
  const out = new Map<string, Member | 'twice'>();
  for (const m of body.matchAll(LEAF)) {
    const key = m[1]!.toLowerCase();
    // DataContract's `i:nil`, XmlSerializer's `xsi:nil`.
    const nil = /\b(?:\w+:)?nil\s*=\s*"true"/.test(m[2] ?? '');
    const value = unescape(m[3] ?? '');
    const member: Member = { value: nil ? null : blankIsEmpty && value.trim() === '' ? '' : value, line: lineAt(at + m.index) };
    out.set(key, out.has(key) ? 'twice' : member);
  }
  return out;
}

/**
 * A start tag carrying attributes: `<Account Username="ash" Password="Pw" />`, as XmlSerializer writes
 * members marked `[XmlAttribute]` (double quotes; `"` `<` `&` and line breaks escaped as `&quot;`
 * `&lt;` `&amp;` `&#xA;`). Namespace declarations are no members.
 */
const TAG = /<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")+)\s*\/?>/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/g;

function attributeMembers(attributes: string, line: number): Map<string, Member | 'twice'> {
  const out = new Map<string, Member | 'twice'>();
  for (const a of attributes.matchAll(ATTRIBUTE)) {
    const key = a[1]!.toLowerCase();
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    out.set(key, out.has(key) ? 'twice' : { value: unescape(a[2]!), line });
  }
  return out;
}

/** The value as the tool's type had it: `true`/`false` a flag, an integer a number, else text. */
function fieldValue(value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

function one(m: Map<string, Member | 'twice'>, names: Set<string>): Member | 'twice' | undefined {
  let found: Member | 'twice' | undefined;
  for (const n of names) {
    const v = m.get(n);
    if (v !== undefined) found = found === undefined ? v : 'twice';
  }
  return found;
}

export interface RecordOptions {
  /** Keep a record's other simple members beside its account (a list's records; never a whole program's settings). */
  keepFields: boolean;
  /** A record whose login and password are both empty holds no account (a bot set up for another login): read past. */
  emptyIsNone: boolean;
  /** Members written as attributes count too (XmlSerializer's `[XmlAttribute]`; DataContract writes none). */
  attributes: boolean;
  /** A member of blanks alone is empty (a hand-edited document's `<PtcUsername>` left as its template's line break and indent). */
  blankIsEmpty?: boolean;
}

interface XmlRecord {
  name: string;
  index: number;
  line: number;
  members: Map<string, Member | 'twice'>;
}

/** The document's records in file order: elements of leaf members, and, when asked, start tags of attribute members. */
function xmlRecords(text: string, attributes: boolean, lineAt: (i: number) => number, blankIsEmpty = false): XmlRecord[] {
  const out: XmlRecord[] = [];
  for (const r of text.matchAll(RECORD)) {
    const bodyAt = r.index + r[0].indexOf('>') + 1;
    const line = lineAt(r.index);
    out.push({ name: r[1]!, index: r.index, line, members: members(r[2]!, bodyAt, lineAt, blankIsEmpty) });
  }
  // Lines are counted forward (lineAt), each pass in file order: one count again from the start for the second.
  if (attributes) {
    const byIndex = new Map(out.map((r) => [r.index, r]));
    for (const t of text.matchAll(TAG)) {
      const line = lineAt(t.index);
      const from = attributeMembers(t[2]!, line);
      // A record whose members are some attributes, some elements: one record.
      const record = byIndex.get(t.index);
      if (!record) out.push({ name: t[1]!, index: t.index, line, members: from });
      else for (const [key, v] of from) record.members.set(key, record.members.has(key) ? 'twice' : v);
    }
    out.sort((a, b) => a.index - b.index);
  }
  return out;
}

/** The accounts of the document's records, and the records refused; a record without a login or a password member is none. */
export function readXmlRecords(text: string, options: RecordOptions): { accounts: DumpAccount[]; rejected: Rejection[] } {
  // Lines counted forward as the records are read in file order (a step back counts again from the start).
  let counted = 0;
  let line = 1;
  const lineAt = (i: number): number => {
    if (i < counted) [counted, line] = [0, 1];
    for (; counted < i; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  for (const r of xmlRecords(text, options.attributes, lineAt, options.blankIsEmpty)) {
    const m = r.members;
    const user = one(m, USERNAMES);
    const pass = one(m, PASSWORDS);
    if (user === undefined && pass === undefined) continue;
    const line = user && user !== 'twice' ? user.line : r.line;
    if (user === 'twice' || pass === 'twice') {
      rejected.push({ line, reason: `the ${r.name} record names its login or its password twice: which one the tool reads is unsure` });
      continue;
    }
    if (options.emptyIsNone && !user?.value && !pass?.value) continue;
    if (!user || user.value === null || !pass || pass.value === null) {
      rejected.push({ line, reason: `the ${r.name} record has no ${!user || user.value === null ? 'login' : 'password'} (missing or nil)` });
      continue;
    }
    // A proxy tool's or a database client's saved login beside its host and port: no game account.
    if (isConnectionSettings((k) => m.has(k))) {
      rejected.push({ line, reason: CONNECTION_SETTINGS_REASON });
      continue;
    }
    const providerMember = one(m, PROVIDERS);
    const named = providerMember && providerMember !== 'twice' ? providerMember.value?.trim().toLowerCase() : undefined;
    if (providerMember !== undefined && named !== 'ptc' && named !== 'google') {
      rejected.push({ line, reason: 'the record names a provider other than Ptc or Google: which login it is is unsure' });
      continue;
    }
    if (isExampleAccount(user.value, pass.value)) {
      rejected.push({ line, reason: EXAMPLE_REASON });
      continue;
    }
    const problem = lineProblem(user.value, pass.value);
    if (problem) {
      rejected.push({ line, reason: problem });
      continue;
    }
    const account: DumpAccount = { username: user.value, password: pass.value, line };
    if (named === 'ptc' || named === 'google') account.provider = named;
    if (options.keepFields) {
      const history: Record<string, unknown> = {};
      for (const [key, v] of m) {
        if (v === 'twice' || v.value === null || USERNAMES.has(key) || PASSWORDS.has(key) || PROVIDERS.has(key)) continue;
        // In lower case, as the pool's fields are named (`Email` is PGPool's `email`).
        history[key] = fieldValue(v.value);
      }
      if (Object.keys(history).length > 0) account.history = history;
    }
    accounts.push(account);
  }
  return { accounts, rejected };
}
