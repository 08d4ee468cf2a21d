// A C# tool's account list saved by .NET's DataContractSerializer: priaonehaha/PokemonBotManagerConsole
// (July 2016, on FeroxRev's Pokemon-Go-Rocket-API) `PokemonBotManager/Pokemon/AccountList.cs`
// `Serialize` writes `AccountList.xml` with `XmlWriter.Create(..., new XmlWriterSettings { Indent = true })`
// (UTF-8 with its BOM, CRLF, two blanks a level) of `[DataContract] AccountList { [DataMember] List<Account> Accounts }`,
// and `Account.cs` gives each `<Account>` its members in DataContract's order, alphabetical: `Email`,
// `LatestLocationId`, `Password`, `Username`, `Verified`; a null string is `<Email i:nil="true" />`.
// The bot logs in to PTC only (`BotSettings.cs`: `AuthType => AuthType.Ptc`).
// Read here for any such document (the root in a `http://schemas.datacontract.org/2004/07/` namespace):
// each element whose own children are a `Username` (or `UserName`, `Login`, `PtcUsername`) and a
// `Password` (or `PtcPassword`) is an account; a provider member (`AuthType`, `Provider`,
// `LoginProvider`) names its provider, else none is stated, as in a plain list. A record whose
// login or password is nil, given twice or holds markup is refused by its line; the other simple
// members go beside the account (the import keeps only the fields it may: account-fields.ts).
import { unescape } from '../databases/mysql-xml.js';
import { isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'datacontract-accounts';

const ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)\b[^>]*\bxmlns(?::\w+)?\s*=\s*"http:\/\/schemas\.datacontract\.org\/2004\/07\/[^"]*"/;
const USERNAMES = new Set(['username', 'login', 'ptcusername']);
const PASSWORDS = new Set(['password', 'ptcpassword']);
const PROVIDERS = new Set(['authtype', 'provider', 'loginprovider']);

/** A leaf element: `<Name>text</Name>`, `<Name />` or `<Name i:nil="true" />`. */
const LEAF = /<([A-Za-z_][\w.-]*)(\s[^>]*?)?(?:\/>|>([^<]*)<\/\1\s*>)/g;
/** An element holding only leaves (blanks between): one record of the list. */
const RECORD = /<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>((?:\s*<([A-Za-z_][\w.-]*)(?:\s[^>]*?)?(?:\/>|>[^<]*<\/\3\s*>))+)\s*<\/\1\s*>/g;

export function detectDatacontractAccounts(input: DumpInput): number {
  const head = input.text.slice(0, 4096);
  if (!ROOT.test(head)) return 0;
  return /<(?:Username|UserName|Login|PtcUsername)[\s>/]/.test(input.text) ? 0.98 : 0;
}

interface Member {
  value: string | null;
  line: number;
}

/** `<Name>` as DataContract writes a member: nil is null; a value escaped by XmlWriter is read back. */
function members(body: string, at: number, lineAt: (i: number) => number): Map<string, Member | 'twice'> {
  const out = new Map<string, Member | 'twice'>();
  for (const m of body.matchAll(LEAF)) {
    const key = m[1]!.toLowerCase();
    const nil = /\bi?:?nil\s*=\s*"true"/.test(m[2] ?? '');
    const member: Member = { value: nil ? null : unescape(m[3] ?? ''), line: lineAt(at + m.index) };
    out.set(key, out.has(key) ? 'twice' : member);
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

export function parseDatacontractAccounts(input: DumpInput): DumpResult {
  if (!ROOT.test(input.text.slice(0, 4096))) throw new DumpError('is not a DataContractSerializer document', input.name, 1);
  const text = input.text;
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
  for (const r of text.matchAll(RECORD)) {
    const bodyAt = r.index + r[0].indexOf('>') + 1;
    const m = members(r[2]!, bodyAt, lineAt);
    const user = one(m, USERNAMES);
    const pass = one(m, PASSWORDS);
    if (user === undefined && pass === undefined) continue;
    const line = user && user !== 'twice' ? user.line : lineAt(r.index);
    if (user === 'twice' || pass === 'twice') {
      rejected.push({ line, reason: `the ${r[1]} record names its login or its password twice: which one the tool reads is unsure` });
      continue;
    }
    if (!user || user.value === null || !pass || pass.value === null) {
      rejected.push({ line, reason: `the ${r[1]} record has no ${!user || user.value === null ? 'login' : 'password'} (missing or nil)` });
      continue;
    }
    const providerMember = one(m, PROVIDERS);
    const named = providerMember && providerMember !== 'twice' ? providerMember.value?.trim().toLowerCase() : undefined;
    if (providerMember !== undefined && named !== 'ptc' && named !== 'google') {
      rejected.push({ line, reason: 'the record names a provider other than Ptc or Google: which login it is is unsure' });
      continue;
    }
    if (isExampleAccount(user.value, pass.value)) {
      rejected.push({ line, reason: "the example's placeholder, not an account" });
      continue;
    }
    const problem = lineProblem(user.value, pass.value);
    if (problem) {
      rejected.push({ line, reason: problem });
      continue;
    }
    const account: DumpAccount = { username: user.value, password: pass.value, line };
    if (named === 'ptc' || named === 'google') account.provider = named;
    const history: Record<string, unknown> = {};
    for (const [key, v] of m) {
      if (v === 'twice' || v.value === null || USERNAMES.has(key) || PASSWORDS.has(key) || PROVIDERS.has(key)) continue;
      // In lower case, as the pool's fields are named (`Email` is PGPool's `email`).
      history[key] = fieldValue(v.value);
    }
    if (Object.keys(history).length > 0) account.history = history;
    accounts.push(account);
  }
  if (accounts.length === 0 && rejected.length === 0) throw new DumpError('no accounts found: a DataContractSerializer document with no record holding a Username and a Password', input.name);
  return { format: NAME, accounts, rejected };
}

export const datacontractAccounts: DumpFormat = { name: NAME, detect: detectDatacontractAccounts, parse: parseDatacontractAccounts };
