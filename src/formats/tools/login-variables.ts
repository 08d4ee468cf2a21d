// A program's one game login given as variables of its own names, a prefix shared by the login,
// the password and the provider: `PGO_USERNAME`, `PGO_PASSWORD`, `PGO_PROVIDER` (the variables
// pokespotter and bcbrian/pokemongo-api `example/example.js` read, an `.env` read by node-env-file),
// `POGO_ACCOUNT_USERNAME` / `_PASSWORD` / `_PROVIDER` (zeeraw/pogo `main.go`'s urfave/cli EnvVar
// names, set by `export` in a shell script), `DOWNLOAD_USERNAME` / `_PASSWORD` / `_PROVIDER`
// (maierfelix/POGOserver `cfg.js.example`, the Google login its asset download signs in with).
// Written as an env file's or a shell's `NAME=value` (`export`, `declare -x` before it), a
// `docker run -e NAME=value` option, a JavaScript or JSON member `NAME: "value"` of a constant's
// name (capitals, digits, `_`), or the program's own fallback for the variable unset
// (`process.env.PGO_USERNAME || 'ash01'`, Python's `os.environ.get('PGO_USERNAME', 'ash01')`). Before this reader, the `.env` and POGOserver's `cfg.js` were refused
// and the `export` lines imported `export` as a login (stop 61's survey).
//
// The login is the game's only where its group says so: the prefix holds the game's word (`PGO`,
// `POGO`, `PTC`, `POKEMONGO`, `PKMN`) or the group's provider is `ptc` or `google` in any case.
// Beside POGOserver's `DOWNLOAD_*` its `API_USERNAME` and `MYSQL_USERNAME` (root) are other
// logins: no game word, no provider; never read. The programs whose own variables other readers
// know (RocketMap's `POGOMAP_*`, PokemonGo-Map's `POKEMON_*` in Ashex's image, konjak's bot's
// `POGO_*`) and container files (compose, Kubernetes, ECS: their scopes and interpolation,
// scoped-variables.ts) are left to those readers. A value this reader cannot be sure of (another
// variable, a quote not closed, ` #` in a bare value) is refused by its line, never guessed.
//
// Also the variables as a platform lists them (stop 65's survey, timwah/pokeslack's `USERNAME`,
// `PASSWORD`, `AUTH_SERVICE`; vincen-t/Poke-Slack-Alerts' `POKEMON_TEST_USER` / `_PASSWORD`):
// `heroku config`'s `NAME:  value` padded into a column under `=== app Config Vars`, kubectl
// describe's `Environment:` block, `heroku config --json`'s members, and `docker inspect`'s
// `"Env": ["NAME=value", ...]`. Such a listing's value is the rest of its line as printed.
import { composeList, DOCKER_RUN, ENV_OPTION, words } from './rocketmap-container.js';
import { dockerEnvOptions } from './docker-env-options.js';
import { lineProblem } from '../lists/account-line.js';
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { listElements } from './configargparse-list.js';
import { pairAccounts } from './rocketmap-config.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';

const NAME = 'login-variables';

type Role = 'user' | 'pass' | 'provider';

interface Setting {
  group: string;
  role: Role;
  value?: string;
  problem?: string;
  line: number;
}

/** The role's word at the end of a variable's name, a number after it for a second account (`PTC_USER_2`). */
const ROLE_NAME = /^([A-Za-z0-9_]*?_|)(USERNAMES?|USER_NAMES?|USERS?|LOGINS?|PASSWORDS?|PASSWDS?|PASS(?:ES)?|PROVIDERS?|AUTH_SERVICES?|AUTHSERVICES?|AUTH_TYPES?|AUTH)(_?\d{1,3})?$/i;
const ROLES: Record<string, Role> = {
  username: 'user', user_name: 'user', user: 'user', login: 'user',
  password: 'pass', passwd: 'pass', pass: 'pass',
  provider: 'provider', auth_service: 'provider', authservice: 'provider', auth_type: 'provider', auth: 'provider',
};

/** A role's word without its plural ending (`USERS`, `PASSWORDS`, `PASSES`, `AUTH_SERVICES`). */
function singular(word: string): string {
  const w = word.toLowerCase();
  return w === 'passes' ? 'pass' : w.endsWith('s') && !(w in ROLES) ? w.slice(0, -1) : w;
}

/**
 * A whole value that is a ConfigArgParse list, `[a, b, c]`: what an `.env` holds for a compose file
 * to pass into RocketMap's `POGOMAP_USERNAME` / `POGOMAP_PASSWORD` (`environment:` entries such as
 * `POGOMAP_USERNAME: ${PTC_USERS}`), read by RocketMap as one login an element (configargparse-list.ts).
 * Docker compose reads an `.env` line's value whole, blanks and all.
 */
const LIST_VALUE = /^\[[^\[\]'$`\\]*\]$/;

/** A list value: without quotes, or a JSON list of texts (`["a", "b"]`, as ConfigArgParse 1.4 reads a variable); `'a'` quotes ConfigArgParse would keep, never. */
function isList(v: string): boolean {
  return LIST_VALUE.test(v) && (!v.includes('"') || composeList(v) !== undefined);
}
/** The game's words in a prefix. */
const GAME_WORD = /^(?:PGO|POGO|PTC|POKEMONGO|POKEMON|PKMN)$/i;
/** Prefixes whose programs other readers know (rocketmap-container.ts, pokemongo-map-docker.ts, jabbink-docker.ts). */
const OTHER_READERS = /^(?:POGOMAP|POGOM|POKEMON|POGO)_$/i;

const SHELL = /^\s*(?:export\s+|declare\s+(?:-[A-Za-z]+\s+)*|setenv\s+)?([A-Za-z_][A-Za-z0-9_]*)(=|\s+(?=\S))(.*)$/;
const MEMBER = /^\s*(["']?)([A-Z][A-Z0-9_]*)\1\s*:\s*(.*?)\s*,?\s*$/;
/** `docker inspect`'s `"Env"` element, one a line: `"NAME=value",` (a JSON string). */
const ENV_ELEMENT = /^\s*"([A-Za-z_][A-Za-z0-9_]*)=((?:[^"\\]|\\.)*)",?\s*$/;
/** `NAME:` then blanks padding the value into a column: `heroku config`, kubectl describe's `Environment:`. */
const LISTED = /^\s*[A-Z][A-Z0-9_]*:[ \t]+\S/;

/** A listed variable's value as the platform prints it, or why it is unsure. */
function listedValue(written: string): { value: string } | { problem: string } {
  const v = written.trim();
  // kubectl's `<set to the key 'password' in secret 'x'>`: the value lives elsewhere.
  if (v.startsWith('<')) return { problem: 'a value kept elsewhere (a secret or a config map), not in this file' };
  if (/\s#/.test(v)) return { problem: 'a `#` after a blank: a comment or the value\'s own, unsure' };
  return { value: v };
}
/** A container file: compose, a Kubernetes manifest or an ECS task definition reads its variables its own way. */
const CONTAINER_FILE = /^services:\s*$|^apiVersion:|"containerDefinitions"/m;

function settingOf(name: string, line: number, value: { value: string } | { problem: string }): Setting | undefined {
  const m = ROLE_NAME.exec(name);
  if (!m) return undefined;
  const prefix = m[1]!;
  if (OTHER_READERS.test(prefix)) return undefined;
  const role = ROLES[singular(m[2]!)]!;
  return { group: `${prefix.toUpperCase()}#${(m[3] ?? '').replace('_', '')}`, role, line, ...value };
}

/** A shell word's or an env file's value as the program gets it, or why it is unsure. */
function shellValue(written: string): { value: string } | { problem: string } {
  const w = written.trim();
  const q = w[0];
  if (q === "'" || q === '"') {
    const end = w.indexOf(q, 1);
    if (end < 0) return { problem: 'a quote not closed on its line' };
    const rest = w.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#') && !rest.startsWith(';')) return { problem: 'more after the closing quote' };
    const inside = w.slice(1, end);
    if (q === '"' && /[$`\\]/.test(inside)) return { problem: 'a double-quoted value the shell expands (`$`, a backquote or `\\`)' };
    return { value: inside };
  }
  const bare = w.split(/\s+#/)[0]!.replace(/;$/, '').trim();
  if (isList(bare)) return { value: bare };
  if (/[$`\\"']/.test(bare)) return { problem: 'its value holds another variable or a quote the shell reads' };
  if (/\s/.test(bare)) return { problem: 'a bare value with a blank, which the shell splits' };
  return { value: bare };
}

/** A JavaScript or JSON string literal, or why it is none this reader reads. */
function literalValue(written: string): { value: string } | { problem: string } | undefined {
  const m = /^(["'])((?:[^\\]|\\.)*?)\1$/.exec(written);
  if (!m) return /^[\d.]+$|^(?:true|false|null)$/.test(written) ? undefined : { problem: 'a value that is no string written in the file' };
  return stringValue(m[2]!);
}

/** A string literal's inside as the value, or refused when it holds an escape (not decoded here). */
function stringValue(inner: string): { value: string } | { problem: string } {
  return inner.includes('\\') ? { problem: 'a string with escapes, not read' } : { value: inner };
}

/**
 * A program's fallback for a variable it finds unset, the value it then signs in with:
 * `process.env.PGO_USERNAME || 'ash01'` (bcbrian/pokemongo-api `example/example.js`: "Set environment
 * variables or replace placeholder text"), `os.environ.get('PGO_USERNAME', 'ash01')`, `os.getenv(...)`.
 */
const FALLBACK = /process\.env\.([A-Z][A-Z0-9_]*)\s*\|\|\s*(["'])([^"'\\]*)\2|os\.(?:environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']\s*,\s*(["'])([^"'\\]*)\5\s*\)/g;

function settings(text: string): Setting[] {
  const out: Setting[] = [];
  // No brace anywhere: a listing of variables, not an object literal whose bare values are code.
  const listing = !/[{}]/.test(text);
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.includes('env')) {
      let found = false;
      for (const m of raw.matchAll(FALLBACK)) {
        const s = settingOf(m[1] ?? m[4]!, line, { value: m[3] ?? m[6]! });
        if (s) out.push(s);
        found = true;
      }
      if (found) return;
    }
    if (ENV_OPTION.test(raw) && DOCKER_RUN.test(raw)) {
      for (const { name, value } of dockerEnvOptions(words(raw))) {
        const s = name !== '' && value !== undefined ? settingOf(name, line, { value }) : undefined;
        if (s) out.push(s);
      }
      return;
    }
    const element = ENV_ELEMENT.exec(raw);
    if (element) {
      const s = settingOf(element[1]!, line, stringValue(element[2]!));
      if (s) out.push(s);
      return;
    }
    const member = MEMBER.exec(raw);
    if (member) {
      // A listing's bare value (no quote, no brace in the file) is the value; in code it is an expression.
      const bare = listing && LISTED.test(raw) && !/^["']/.test(member[3]!);
      const value = bare ? listedValue(raw.slice(raw.indexOf(':') + 1)) : literalValue(member[3]!);
      const s = value && settingOf(member[2]!, line, value);
      if (s) out.push(s);
      return;
    }
    const shell = SHELL.exec(raw);
    // `setenv NAME value` (csh) alone takes a blank; every other form an `=`.
    if (shell && (shell[2] === '=' || /^\s*setenv\s/.test(raw))) {
      const s = settingOf(shell[1]!, line, shellValue(shell[3]!));
      if (s) out.push(s);
    }
  });
  return out;
}

interface Group {
  user?: Setting;
  pass?: Setting;
  provider?: Setting;
}

/** The groups holding a login and a password whose prefix or provider names the game, in file order. */
function gameGroups(text: string): Group[] {
  if (!/USER|LOGIN|PASS/i.test(text) || CONTAINER_FILE.test(text)) return [];
  const groups = new Map<string, Group>();
  // The last setting of a name wins, as a shell or an object literal has it.
  for (const s of settings(text)) groups.set(s.group, { ...groups.get(s.group), [s.role]: s });
  return [...groups.entries()]
    .filter(([key, g]) => g.user && g.pass && (key.split('#')[0]!.split('_').some((w) => GAME_WORD.test(w)) || /^(?:ptc|google)$/i.test(g.provider?.value?.trim() ?? '')))
    .map(([, g]) => g);
}

export function detectLoginVariables(input: DumpInput): number {
  if (input.text.length > 200_000) return 0;
  return gameGroups(input.text).length > 0 ? 0.85 : 0;
}

export function parseLoginVariables(input: DumpInput): DumpResult {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  for (const g of gameGroups(input.text)) {
    const user = g.user!;
    const pass = g.pass!;
    const unsure = [user, pass, g.provider].find((s) => s?.problem);
    if (unsure) {
      rejected.push({ line: unsure.line, reason: unsure.problem! });
      continue;
    }
    if ([user, pass, g.provider].some((v) => v !== undefined && isList(v.value!))) {
      const listed = pairLists(user, pass, g.provider);
      for (const a of listed.accounts) accounts.push(a);
      for (const r of listed.rejected) rejected.push(r);
      continue;
    }
    const provider = g.provider?.value?.trim().toLowerCase();
    if (provider !== undefined && provider !== 'ptc' && provider !== 'google') {
      rejected.push({ line: g.provider!.line, reason: `the provider is neither ptc nor google: ${JSON.stringify(g.provider!.value!.slice(0, 40))}` });
      continue;
    }
    if (isExampleAccount(user.value!, pass.value!)) {
      rejected.push({ line: user.line, reason: EXAMPLE_REASON });
      continue;
    }
    const problem = lineProblem(user.value!, pass.value!);
    if (problem) {
      rejected.push({ line: user.line, reason: problem });
      continue;
    }
    accounts.push({ username: user.value!, password: pass.value!, line: user.line, ...(provider ? { provider } : {}) });
  }
  return { format: NAME, accounts, rejected };
}

/** Lists' elements paired as RocketMap pairs its options (one password for all, or one each), each login checked as any other. */
function pairLists(user: Setting, pass: Setting, provider: Setting | undefined): { accounts: DumpAccount[]; rejected: Rejection[] } {
  const elements = (s: Setting | undefined): string[] => (s === undefined ? [] : isList(s.value!) ? listElements(s.value!).filter((v) => v !== '') : [s.value!.trim()]);
  const users = elements(user).map((value) => ({ value, line: user.line }));
  const paired = pairAccounts(users, { values: elements(pass), line: pass.line }, { values: elements(provider), ...(provider ? { line: provider.line } : {}) });
  const accounts: DumpAccount[] = [];
  const rejected = paired.rejected;
  for (const a of paired.accounts) {
    const problem = isExampleAccount(a.username, a.password) ? EXAMPLE_REASON : lineProblem(a.username, a.password);
    if (problem) rejected.push({ line: a.line, reason: problem });
    else accounts.push(a);
  }
  return { accounts, rejected };
}

export const loginVariables: DumpFormat = { name: NAME, detect: detectLoginVariables, parse: parseLoginVariables, textOnly: true };
