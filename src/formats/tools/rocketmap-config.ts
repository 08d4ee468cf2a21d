// A RocketMap config.ini with its accounts in it. RocketMap reads the file with ConfigArgParse
// 0.10.0 (RocketMap/RocketMap, pogom/utils.py get_args + requirements.txt; bw2/ConfigArgParse
// 0.10.0, configargparse.py ConfigFileParser and convert_setting_to_command_line_arg):
//   - blank lines and lines starting with `#`, `;`, `[` or `---` are skipped;
//   - `key: value`, `key = value` or `key value` (one token); a comment is a blank then `#` or `;`;
//     quotes are kept as written. 0.10.0 stops at a value holding `#` or `;` (`password: Pw#1`);
//     0.11.0 (2016-09) and every later version read them as the value's own where no blank stands
//     before them (DefaultConfigFileParser, `(?P<value>.+?)`). Such a config ran only on those (a
//     fork that unpinned ConfigArgParse, as PGPool's and PGScout's `configargparse` requirement),
//     so that line is read as they read it (keyMarkValue's `inside`); a value beginning with `#`
//     or `;` is still refused, as 0.10.0 does;
//   - `key: [a, b]` is a list: split on `,`, each element stripped; `key: ["a", "b"]`, a JSON list,
//     as ConfigArgParse 1.3 and later read it (configargparse-list.ts);
//   - keys are the long option names, with or without `--`: username, password, auth-service.
// RocketMap then pairs them up: one password (or auth service) for all usernames, or one each;
// auth services are lower-cased; no auth service means ptc. Every other key (gmaps-key,
// hash-key, db-pass, ...) is never read: they are no accounts, and they are secrets.
import { isProvider, type Provider } from '../../model.js';
import { headLines, splitLines } from '../decode.js';
import { usernameProblem } from '../lists/account-line.js';
import { listElements } from './configargparse-list.js';
import { accountOptionOf, accountOptions, type AccountFileOption, type OptionValues } from './rocketmap-options.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';
import { counted } from '../../counted-noun.js';

interface Setting {
  /** The key without a leading `--`, as RocketMap's keys are compared. */
  key: string;
  /** The key as written (`--username` and `username` are two settings to ConfigArgParse). */
  raw: string;
  value: string;
  line: number;
}

const KEY = String.raw`(?:--)?([^:=;#\s]+?)`;
const COMMENT = String.raw`\s*(?:\s[;#].*)?`;
const KEY_ONLY = new RegExp(`^${KEY}${COMMENT}$`);
/** `key value`, one token, a `#` or `;` inside it its own (`password Pw#1`) as ConfigArgParse 0.11.0 and later read it. */
const KEY_SPACE_VALUE = new RegExp(String.raw`^${KEY}\s+([^;#\s]\S*?)${COMMENT}$`);
const KEY_MARK = new RegExp(String.raw`^${KEY}\s*[:=]`);

/**
 * `key: value` / `key = value` as ConfigArgParse's `^key\s*[:=]\s*(value.+?)\s*(\s[;#].*)?$` reads
 * it, worked out by hand: that pattern backtracks over a long run of blanks in the value from each
 * of its blanks, so a hostile line of a megabyte would take hours. The value holds no `;` or `#` in
 * 0.10.0, so the comment starts at the first of them, after a blank; the value is what is before
 * that blank, without the blanks around it (a value of blanks alone is read as its last blank, as
 * the pattern does). With `inside`, as 0.11.0 and later read it: a `;` or `#` with no blank before
 * it is the value's own, and the comment starts at the first one a blank stands before; a value
 * beginning with one is still none (0.10.0 stops there, and a later version's reading of it, the
 * mark as the value's first character, is not one a person would write).
 */
export function keyMarkValue(s: string, inside = false): { key: string; value: string } | undefined {
  const m = KEY_MARK.exec(s);
  if (!m) return undefined;
  const rest = s.slice(m[0].length);
  if (inside) return markedValue(m[1]!, rest);
  const mark = rest.search(/[;#]/);
  if (mark === 0 || (mark > 0 && !/\s/.test(rest[mark - 1]!))) return undefined;
  const body = mark > 0 ? rest.slice(0, mark - 1) : rest;
  if (body === '') return undefined;
  const value = body.trim();
  return { key: m[1]!, value: value === '' ? body.slice(-1) : value };
}

/** keyMarkValue's `inside` reading of what follows the mark. */
function markedValue(key: string, rest: string): { key: string; value: string } | undefined {
  const start = rest.search(/\S/);
  if (start < 0) return rest === '' ? undefined : { key, value: rest.slice(-1) };
  if (rest[start] === ';' || rest[start] === '#') return undefined;
  // The comment starts at the first `;` or `#` a blank stands before (none before `start`: only blanks
  // are there, and rest[start] is neither); the blanks before it, or at the line's end, are not the
  // value's. One linear scan each: no backtracking over a run of blanks.
  const comment = rest.search(/\s[;#]/);
  return { key, value: rest.slice(start, comment < 0 ? undefined : comment).trimEnd() };
}

/** Keys RocketMap's own config.ini.example names: evidence that a `username:` line is a config's. */
const ROCKETMAP_KEYS = new Set(['auth-service', 'location', 'step-limit', 'gmaps-key', 'hash-key', 'workers', 'scan-delay', 'speed-scan', 'db-type', 'db-host', 'db-name', 'db-user', 'db-pass', 'accountcsv', 'high-lvl-accounts', 'no-server', 'only-server', 'beehive', 'print-status', 'captcha-solving', 'proxy', 'host', 'port']);

/** Keys only a scanner's config has (a database's or proxy's settings are in many programs'). */
const SCANNER_KEYS = new Set([...ROCKETMAP_KEYS].filter((k) => !/^(?:db-|host$|port$|proxy$)/.test(k)));

/** One line as ConfigArgParse reads it: a setting, `skip`, or `bad` (RocketMap would stop). */
function readLine(text: string, line: number): Setting | 'skip' | 'bad' {
  const s = text.trim();
  if (s === '' || s[0] === '#' || s[0] === ';' || s[0] === '[' || s.startsWith('---')) return 'skip';
  // The key as written: the pattern below reads `--username` as `username`.
  const raw = (key: string) => (s.startsWith('--') && !key.startsWith('-') ? `--${key}` : key);
  const only = KEY_ONLY.exec(s);
  if (only) return { key: only[1]!, raw: raw(only[1]!), value: 'true', line };
  const marked = keyMarkValue(s, true);
  if (marked) return { ...marked, raw: raw(marked.key), line };
  const m = KEY_SPACE_VALUE.exec(s);
  return m ? { key: m[1]!, raw: raw(m[1]!), value: m[2]!, line } : 'bad';
}

function readSettings(lines: string[]): { settings: Setting[]; bad: number[] } {
  const settings: Setting[] = [];
  const bad: number[] = [];
  lines.forEach((raw, i) => {
    const r = readLine(raw, i + 1);
    if (r === 'bad') bad.push(i + 1);
    else if (r !== 'skip') settings.push(r);
  });
  return { settings, bad };
}

export function detectRocketmapConfig(input: DumpInput): number {
  const { settings, bad } = readSettings(headLines(input.text, 400));
  // RocketMap's own key, or a beginning of it argparse takes (`user:`), backed by RocketMap's own keys.
  const user = settings.find((s) => s.key === 'username') ?? settings.find((s) => accountOptionOf(s.raw) === 'username' && (s.value.startsWith('[') || settings.some((o) => SCANNER_KEYS.has(o.key))));
  // Accounts in the config, or in the account CSV it names (then the reader says to import that).
  const accounts = user ?? settings.find((s) => isFileOption(accountOptionOf(s.raw)));
  if (!accounts || bad.length > settings.length * 0.1) return 0;
  // A seller's `username: ash` line alone is no config: a list, or another RocketMap key, is.
  const evidence = user?.value.startsWith('[') || settings.some((s) => s !== accounts && ROCKETMAP_KEYS.has(s.key));
  return evidence ? 0.93 : 0;
}

/** A value as ConfigArgParse turns it into arguments: a `[a, b]` list is one argument per element. */
function values(setting: Setting | undefined): string[] {
  if (!setting) return [];
  const v = setting.value;
  return v.startsWith('[') && v.endsWith(']') ? listElements(v) : [v];
}

export function parseRocketmapConfig(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const { settings, bad } = readSettings(lines);
  // A line ConfigArgParse cannot read stops RocketMap; one setting an account option would leave
  // the others paired wrong (`auth_service [ptc, google]`, its blank inside a key-space value).
  for (const line of bad) {
    const key = /^[^:=;#\s]+/.exec(lines[line - 1]!.trim())?.[0];
    if (key !== undefined && accountOptionOf(key) !== undefined) throw new DumpError(`RocketMap would stop at line ${line}: ConfigArgParse cannot read it (key: value, key = value, or key value without blanks); correct that line and import the config again`, input.name);
  }
  const options = accountOptions(settings, (v) => values({ key: '', raw: '', value: v, line: 0 }), input.name);
  const files = FILE_OPTIONS.flatMap((option) => {
    const file = options.get(option);
    return file ? [fileNote(option, file)] : [];
  });
  const user = options.get('username');
  if (!user) {
    throw new DumpError(files.length > 0 ? `a RocketMap config whose accounts are in another file: ${files.join('; ')}` : 'a RocketMap config without a username setting', input.name);
  }
  const pass = options.get('password');
  const auth = options.get('auth-service');
  const counted = {
    users: user.values,
    pass: { values: (pass?.values ?? []).map((p) => p.value), line: pass?.line },
    auth: { values: (auth?.values ?? []).map((a) => a.value), line: auth?.line },
  };
  const { accounts, rejected, notes } = pairWithFiles(counted, options.get('accountcsv'), files, 'config');
  const result: DumpResult = { format: 'rocketmap-config', accounts, rejected };
  if (notes.length > 0) result.notes = notes;
  return result;
}

/**
 * RocketMap's pairing of a config's or a command's own accounts (pairAccounts) with the accounts
 * an `accountcsv` appends to them (pogom/utils.py get_args): where no form of that file that adds
 * accounts leaves the counts paired, RocketMap stops whatever the file holds, and every account
 * is refused by its line; where only some forms do, a note says which. `files`: the notes naming
 * each account file (fileNote). `where`: what holds the accounts, for the messages.
 */
export function pairWithFiles(
  own: { users: { value: string; line: number }[]; pass: { values: string[]; line?: number }; auth: { values: string[]; line?: number } },
  csv: OptionValues | undefined,
  files: readonly string[],
  where: 'config' | 'command',
): { accounts: DumpAccount[]; rejected: Rejection[]; notes: string[] } {
  const paired = pairAccounts(own.users, own.pass, own.auth);
  const [users, passwords, auths] = [own.users.length, own.pass.values.length, own.auth.values.length];
  const forms = csv && paired.rejected.length === 0 ? csvFormsThatPair(users, passwords, auths) : undefined;
  const notes = files.map((f) => `RocketMap also loads accounts from another file: ${f}`);
  let { accounts, rejected } = paired;
  if (forms?.length === 0) {
    // RocketMap stops whatever the file's accounts: none of these is one it would use.
    const why = `RocketMap stops whatever accounts accountcsv (line ${csv!.line}) adds: ${passwords} password(s) and ${auths} auth service(s) for ${counted(users, 'username')} then no longer pair up (pogom/utils.py get_args); give each username its own password and auth service, or move these accounts into that file`;
    rejected = [...rejected, ...accounts.map((a, i) => ({ line: a.line, reason: `account ${i + 1}: ${why}` }))].sort((x, y) => x.line - y.line);
    accounts = [];
  } else if (forms && forms.length < CSV_FORMS.length) notes.push(`RocketMap starts with these accounts only if every line of ${csv!.values.at(-1)?.value ?? ''} (accountcsv, line ${csv!.line}) is ${forms.join(' or ')} (pogom/utils.py get_args pairs the file's accounts with the ${where}'s)`);
  return { accounts, rejected, notes };
}

/** The lines an accountcsv may hold (pogom/utils.py get_args: the first line's comma count sets it for the whole file). */
const CSV_FORMS = ['<username>', '<username>,<password>', '<ptc/google>,<username>,<password>'] as const;

/**
 * The forms of an accountcsv that adds accounts with which the config's own counts still pair up.
 * RocketMap appends each line's username (and password, and auth service) to the config's lists,
 * then stops when more than one password or auth service is given and their count is not the
 * usernames' (pogom/utils.py get_args). With N >= 1 lines: `<username>` keeps the config's
 * passwords and auth services, so only one (or none) for all pairs; `<username>,<password>`
 * pairs when the config gives each username its password and at most one auth service;
 * the three-field form when it gives each its password and auth service (with none, the file's own
 * count of auth services pairs only for a file of one line: not counted as pairing).
 */
export function csvFormsThatPair(users: number, passwords: number, auths: number): string[] {
  const eachPassword = passwords === users;
  const fits = [passwords <= 1 && auths <= 1, eachPassword && auths <= 1, eachPassword && auths === users];
  return CSV_FORMS.filter((_, k) => fits[k]);
}

export const FILE_OPTIONS: readonly AccountFileOption[] = ['accountcsv', 'high-lvl-accounts'];
const isFileOption = (option: ReturnType<typeof accountOptionOf>): boolean => option === 'accountcsv' || option === 'high-lvl-accounts';

/**
 * What to import for a file option (RocketMap pogom/utils.py get_args): `accountcsv` adds its
 * accounts to the config's; `high-lvl-accounts` is the list RocketMap uses as level-30 accounts
 * (accounts_L30, for encounters), whose lines state no level: imported with `--level 30` they keep it.
 * The file's name is the operator's own setting, shown as written (the last one given wins, as
 * argparse keeps the last value of an option that is not `append`).
 */
export function fileNote(option: AccountFileOption, file: OptionValues): string {
  const name = file.values.at(-1)?.value ?? '';
  return option === 'accountcsv'
    ? `${name} (accountcsv, line ${file.line}): import that file too`
    : `${name} (high-lvl-accounts, line ${file.line}): RocketMap's level-30 accounts, import that file with --level 30`;
}

/**
 * RocketMap's pairing of its `username`, `password` and `auth-service` options (pogom/utils.py
 * get_args): one password (or auth service) for all usernames, or one each; auth services
 * lower-cased, none means ptc. RocketMap refuses the whole config when the counts do not pair
 * up; so do we, per account. Also for the same options on its command line (rocketmap-command.ts).
 */
export function pairAccounts(users: { value: string; line: number }[], pass: { values: string[]; line?: number }, auth: { values: string[]; line?: number }): { accounts: DumpAccount[]; rejected: Rejection[] } {
  const passwords = pass.values;
  const auths = auth.values.map((a) => a.toLowerCase());
  const n = users.length;
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const mismatch =
    passwords.length === 0 ? 'no password setting' :
    passwords.length > 1 && passwords.length !== n ? `${passwords.length} passwords for ${n} usernames (line ${pass.line})` :
    auths.length > 1 && auths.length !== n ? `${auths.length} auth services for ${n} usernames (line ${auth.line})` : undefined;
  users.forEach(({ value: username, line }, i) => {
    const password = passwords.length === 1 ? passwords[0]! : (passwords[i] ?? '');
    const provider = auths.length === 0 ? 'ptc' : auths.length === 1 ? auths[0]! : auths[i]!;
    const reason = mismatch ?? usernameProblem(username) ?? (password === '' ? 'missing password' : undefined) ?? (isProvider(provider) ? undefined : 'auth-service is neither ptc nor google');
    if (reason) rejected.push({ line, reason: `account ${i + 1}: ${reason}` });
    else accounts.push({ username, password, line, provider: provider as Provider });
  });
  return { accounts, rejected };
}

export const rocketmapConfig: DumpFormat = { name: 'rocketmap-config', detect: detectRocketmapConfig, parse: parseRocketmapConfig };
