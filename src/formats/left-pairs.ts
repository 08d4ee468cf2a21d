// Login/password pairs a settings reader left in its file: never dropped without a word.
//
// A config reader reads the keys its program reads (PokemonGo-Map's `[Authentication]`, a bot's
// `username`/`password`); a fork or an operator may keep more logins elsewhere in the same file
// (estebanstateside/PokemonGo-Map's `Locations : {JSON}` of 7 logins under `[Search_Settings]`,
// a second `"username"` in a JSON's other object). Every settings reader's read goes through this
// check (choose.ts readWith): a pair of a login key and a password key, both filled, on lines no
// account, refusal or skipped line of the read stands on, is named by its lines and its keys in
// the import's notes (or its refusal), so the operator can look. Values are never quoted: a
// password stays out of notes and errors.
//
// Keys naming another service's login (a database's `db-user`, a proxy's, a web map's
// `[Authorization]` users, a mail server's) are no game account and no reader reads them: left unsaid.
import { OTHER_SERVICE_WORDS } from './other-services.js';
import type { DumpResult } from './types.js';

/** The readers of a program's settings file (config.ini, config.json, auth.json, an app.config...). */
export const SETTINGS_READERS: ReadonlySet<string> = new Set([
  'pokemongo-map-ini', 'rocketmap-config', 'openpogobot', 'pokemongo-bot', 'necrobot', 'jabbink-bot', 'blossom-config',
  'pokewatch-config', 'projectmew-config', 'pokego-slave-settings', 'dotnet-app-config', 'xmldocument-config',
  'pokemaster-profile', 'pokenurse-account', 'python-accounts', 'yaml-login',
]);

/** How the note begins (choose.ts puts it in a refusal too). */
export const LEFT_PAIRS = 'not read:';

/** Larger files are lists and exports, never a settings file: not scanned (issue 16's million lines). */
const MAX_TEXT = 1 << 20;
/** How far apart a pair's two keys may be (a JSON object's `"username"` and `"password"` lines, `location` between). */
const NEAR = 3;

/** `key: value`, `key = value`, `"key" : "value"` anywhere in a line (several in a one-line JSON object). */
const PAIR = /["']?([A-Za-z][\w.-]*)["']?\s*[:=]\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;}\]]+)/g;
/** `<Username>value</Username>`. */
const ELEMENT = /<([A-Za-z][\w.-]*)>([^<]+)<\/\1>/g;

const LOGIN_WORDS = new Set(['user', 'username', 'login', 'account', 'email', 'mail', 'usr']);
const PASSWORD_WORDS = new Set(['pass', 'password', 'passwd', 'pwd', 'pw', 'passw']);
/** A key naming one of these is another service's login (other-services.ts, the list the letters' headings read too). */
const OTHER_SERVICE = OTHER_SERVICE_WORDS;

/** A key's words: `GoogleUsername` -> google, username; `db-user` -> db, user. */
export function settingsKeyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/).filter((w) => w !== '');
}

type Role = 'login' | 'password';

function roleOf(key: string, within: readonly string[]): Role | undefined {
  const ws = settingsKeyWords(key);
  if (ws.length === 0 || ws.some((w) => OTHER_SERVICE.has(w)) || within.some((w) => OTHER_SERVICE.has(w))) return undefined;
  const last = ws.at(-1)!;
  if (LOGIN_WORDS.has(last)) return 'login';
  if (PASSWORD_WORDS.has(last)) return 'password';
  return undefined;
}

/** A value a program would log in with: not empty, not a nested object's start, not a variable or a null. */
function filled(raw: string): string | undefined {
  const value = raw.replace(/^["']|["']$/g, '').trim();
  if (value === '' || /^[{[]/.test(value) || /^\$\{?[A-Za-z_]/.test(value) || /^(?:null|none|nil|~|undefined)$/i.test(value)) return undefined;
  return value;
}

interface Key {
  role: Role;
  key: string;
  value: string;
  line: number;
}

/** An ini section's `[Name]`. */
const SECTION = /^\s*\[([^\]]+)\]\s*$/;
/**
 * A line opening a nested block: `"proxySettings": {`, `database:` alone, `<Proxy>`. Read from
 * the line with its trailing blanks cut: a `\s*` after the optional `{` as well as before it
 * tried a run of blanks after a `:` from each of its blanks (`A:`, 32,000 tabs, `x` cost 1.3 s
 * in a list, 4 MB of them hours).
 */
const OPENER = /^\s*(?:["']?([A-Za-z][\w.-]*)["']?\s*[:=]\s*[{[]?|<([A-Za-z][\w.-]*)(?:\s[^>]*)?>)$/;

function keysOf(text: string): Key[] {
  const keys: Key[] = [];
  const lines = text.split('\n');
  // Where a key stands: its ini section and the blocks around it (by indentation), whose names
  // may say whose login it is (`[MySQL]`, `"proxySettings": {`).
  let section: string[] = [];
  const blocks: Array<{ indent: number; words: string[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (s.trim() === '' || /^\s*(?:#|;|\/\/|<!--)/.test(s)) continue;
    const indent = /^\s*/.exec(s)![0].length;
    while (blocks.length > 0 && blocks.at(-1)!.indent >= indent) blocks.pop();
    const header = SECTION.exec(s);
    if (header) {
      section = settingsKeyWords(header[1]!);
      blocks.length = 0;
      continue;
    }
    const opener = OPENER.exec(s.trimEnd());
    if (opener) {
      blocks.push({ indent, words: settingsKeyWords(opener[1] ?? opener[2]!) });
      continue;
    }
    const within = [...section, ...blocks.flatMap((b) => b.words)];
    for (const re of [PAIR, ELEMENT]) {
      re.lastIndex = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) {
        const role = roleOf(m[1]!, within);
        const value = role && filled(m[2]!);
        if (role && value !== undefined) keys.push({ role, key: m[1]!, value, line: i + 1 });
      }
    }
  }
  return keys;
}

interface Pair {
  login: Key;
  password: Key;
}

/** Each login key with the nearest password key not yet taken, within NEAR lines. */
function pairsOf(keys: Key[]): Pair[] {
  const taken = new Set<Key>();
  const pairs: Pair[] = [];
  for (const login of keys) {
    if (login.role !== 'login') continue;
    let best: Key | undefined;
    for (const k of keys) {
      if (k.role !== 'password' || taken.has(k) || Math.abs(k.line - login.line) > NEAR) continue;
      // After the login first (`username` then `password`), then before it.
      const rank = (p: Key) => (p.line >= login.line ? p.line - login.line : NEAR + 1 + login.line - p.line);
      if (!best || rank(k) < rank(best)) best = k;
    }
    if (best) {
      taken.add(best);
      pairs.push({ login, password: best });
    }
  }
  return pairs;
}

/**
 * The pairs of `text` the read neither gave as an account nor refused nor read past, said in one
 * sentence (lines and keys, no value), or undefined when there are none.
 */
export function leftPairsNote(text: string, result: DumpResult): string | undefined {
  if (text.length > MAX_TEXT || !/pass|pw/i.test(text)) return undefined;
  const pairs = pairsOf(keysOf(text));
  if (pairs.length === 0) return undefined;
  const said = [...result.accounts.map((a) => a.line), ...result.rejected.map((r) => r.line), ...(result.skipped ?? []).map((s) => s.line)];
  const logins = new Set(result.accounts.map((a) => a.username.toLowerCase()));
  // A reader may name an entry by the line opening it (a JSON object's `{`, its name's line): the
  // two lines above a pair count as its own unless they hold another pair's key.
  const keyLines = new Set(pairs.flatMap(({ login, password }) => [login.line, password.line]));
  const left = pairs.filter(({ login, password }) => {
    if (logins.has(login.value.toLowerCase())) return false;
    const from = Math.min(login.line, password.line);
    const to = Math.max(login.line, password.line);
    return !said.some((line) => (line >= from && line <= to) || (line >= from - 2 && line < from && !keyLines.has(line)));
  });
  if (left.length === 0) return undefined;
  const at = left.map(({ login, password }) => (login.line === password.line ? `${login.line}` : `${Math.min(login.line, password.line)}-${Math.max(login.line, password.line)}`));
  const keys = [...new Set(left.map(({ login, password }) => `${login.key}/${password.key}`))].join(', ');
  const n = left.length;
  return `${LEFT_PAIRS} ${n} login/password pair${n === 1 ? '' : 's'} (${keys}) outside what ${result.format} reads, line${n === 1 && !at[0]!.includes('-') ? '' : 's'} ${at.slice(0, 10).join(', ')}${n > 10 ? ', ...' : ''}: not imported; look at ${n === 1 ? 'it' : 'them'}, and import ${n === 1 ? 'it' : 'them'} as a list if ${n === 1 ? 'it is an account' : 'they are accounts'}`;
}

/** `result` with the note of the pairs it left, if any. */
export function withLeftPairs(text: () => string, result: DumpResult): DumpResult {
  if (!SETTINGS_READERS.has(result.format)) return result;
  // The text asked only for a settings reader's read (a dump read in pieces makes it whole then: streamed-input.ts).
  const note = leftPairsNote(text(), result);
  return note ? { ...result, notes: [...(result.notes ?? []), note] } : result;
}
