// PokemonGo-Map's first config file (AHAAAAAAA/PokemonGo-Map, July 2016, before its configs moved
// to `.example` files on July 23): `config/config.ini`, read by `parse_config` in pogom/utils.py
// with Python 2's ConfigParser when the map ran with its settings flag:
//   [Authentication]
//   # ptc or google
//   Service: ptc
//   Username: ...
//   Password: ...
// beside [Search_Settings] (Steps, Location) and [Misc] (the Maps key, Host, Port). One login a
// file: `Config.get('Authentication', 'Username')`. The lines are read by ConfigParser's rules:
// `option: value` or `option = value`, option names in any case (optionxform lowercases them),
// `#` and `;` comment lines, blanks around a value stripped, the value's first `;` ending it when a
// blank comes before it (an inline comment), an indented line continuing the value above. Only
// [Authentication] is read: a fork's [MySQL] `Username: root` / `Password: ...`
// (ServePeak/PokemonGo-Map) is a database's login and its API keys are no password, never
// accounts. The file as published leaves Username and Password empty: no account, said so.
//
// A fork's multi-account version (estebanstateside/PokemonGo-Map be2a4df, "Multi account
// integration", 2016-07-28) adds `Locations : {JSON}` under [Search_Settings], continued over
// indented lines: its runserver.py replaces every `'` of the value by `"`, json.loads it, and starts
// one search thread per entry logged in with the entry's `username` and `password` (the
// [Authentication] Service for all). Those logins are read too, each at its `"username"` line.
import { lineProblem } from '../lists/account-line.js';
import { namedProvider } from './login-provider.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'pokemongo-map-ini';

/** `[Authentication]` alone on its line, as ConfigParser's SECTCRE takes it. */
const AUTH_SECTION = /^\[Authentication\][ \t]*\r?$/m;
/** ConfigParser's OPTCRE: an option name without `:`/`=` at the line's start, its separator, the value. */
const OPTION = /^([^:=\s][^:=]*?)\s*[:=]\s*(.*)$/;

interface Option {
  value: string;
  line: number;
  /** Continued on an indented line: a value over two lines, which no login or password is. */
  continued?: true;
}

/** The options of the [Authentication] section, by lower-cased name (the last one given wins, as in ConfigParser). */
function authOptions(text: string): Map<string, Option> | undefined {
  const at = AUTH_SECTION.exec(text);
  if (!at) return undefined;
  const options = new Map<string, Option>();
  const lines = text.slice(at.index).split('\n');
  const first = text.slice(0, at.index).split('\n').length;
  let last: Option | undefined;
  for (let i = 1; i < lines.length; i++) {
    const s = lines[i]!.replace(/\r$/, '');
    if (/^\[[^\]]+\]/.test(s)) break;
    if (s.trim() === '' || /^[#;]/.test(s) || /^rem(?:\s|$)/i.test(s)) continue;
    if (/^\s/.test(s)) {
      if (last) last.continued = true;
      continue;
    }
    const m = OPTION.exec(s);
    if (!m) continue;
    let value = m[2]!;
    // As RawConfigParser._read cuts it: only the value's first `;` is looked at, and it ends the
    // value only after a blank (`a;b ;c` stays whole); `""` alone is an empty value.
    const semi = value.indexOf(';');
    if (semi >= 0 && /\s/.test(value.at(semi - 1) ?? '')) value = value.slice(0, semi);
    value = value.trim();
    last = { value: value === '""' ? '' : value, line: first + i };
    options.set(m[1]!.trim().toLowerCase(), last);
  }
  return options;
}

/** The [Authentication] section of the first 64 KB: a Username and a Password option in it. */
export function detectPokemongoMapIni(input: DumpInput): number {
  const options = authOptions(input.text.slice(0, 65536));
  return options?.has('username') && options.has('password') ? 0.97 : 0;
}

export function parsePokemongoMapIni(input: DumpInput): DumpResult {
  const options = authOptions(input.text);
  const user = options?.get('username');
  const pass = options?.get('password');
  if (!options || !user || !pass) throw new DumpError("is not PokemonGo-Map's config.ini (an [Authentication] section with Username and Password)", input.name, 1);
  const locations = forkLocations(input.text);
  if (user.value === '' && pass.value === '' && locations.length === 0) {
    throw new DumpError("is PokemonGo-Map's config.ini with its [Authentication] Username and Password empty, as published: no account", input.name, user.line);
  }
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const service = options.get('service');
  // No Service set: the file does not say which login it is (PokemonGo-Map would refuse it), none is guessed.
  const provider = service && service.value !== '' ? namedProvider(service.value) : undefined;
  if (user.value === '' && pass.value === '') {
    // Left empty beside the fork's Locations, whose logins are the ones its threads use.
  } else if (user.value === '' || pass.value === '') {
    rejected.push({ line: user.line, reason: `the login is half filled (${user.value === '' ? 'no username' : 'no password'}): PokemonGo-Map would not log in` });
  } else if (user.continued || pass.continued) {
    rejected.push({ line: user.continued ? user.line : pass.line, reason: 'a value continued on the next line: no login or password holds a line break' });
  } else if (service && service.value !== '' && !provider) {
    rejected.push({ line: service!.line, reason: 'Service is neither ptc nor google' });
  } else {
    const problem = lineProblem(user.value, pass.value);
    if (problem) rejected.push({ line: user.line, reason: problem });
    else accounts.push({ username: user.value, password: pass.value, line: user.line, ...(provider ? { provider } : {}) });
  }
  for (const read of locations) {
    if ('reason' in read) {
      rejected.push(read);
      continue;
    }
    // Every thread logs in with the [Authentication] Service: one that is neither ptc nor google fails them all.
    const problem = service && service.value !== '' && !provider ? 'Service is neither ptc nor google' : lineProblem(read.username, read.password);
    if (problem) rejected.push({ line: read.line, reason: problem });
    else accounts.push({ ...read, ...(provider ? { provider } : {}) });
  }
  return { format: NAME, accounts, rejected: rejected.sort((a, b) => a.line - b.line) };
}

/** [Search_Settings] alone on its line. */
const SEARCH_SECTION = /^\[Search_Settings\][ \t]*\r?$/m;

/**
 * The fork's `Locations` value (ConfigParser's: the option's line and its indented continuation
 * lines, each stripped, joined by line breaks; comment and blank lines passed over), read as its
 * runserver.py reads it: each entry's username and password, at the entry's `"username"` line.
 */
function forkLocations(text: string): Array<{ username: string; password: string; line: number } | Rejection> {
  const at = SEARCH_SECTION.exec(text);
  if (!at) return [];
  const first = text.slice(0, at.index).split('\n').length;
  const lines = text.slice(at.index).split('\n');
  let start = -1;
  const parts: string[] = [];
  const lineOf: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const s = lines[i]!.replace(/\r$/, '');
    if (/^\[[^\]]+\]/.test(s)) break;
    if (s.trim() === '' || /^[#;]/.test(s)) continue;
    if (start >= 0 && /^\s/.test(s)) {
      parts.push(s.trim());
      lineOf.push(first + i);
      continue;
    }
    if (start >= 0) break;
    const m = OPTION.exec(s);
    if (m && m[1]!.trim().toLowerCase() === 'locations') {
      start = first + i;
      parts.push(m[2]!.trim());
      lineOf.push(start);
    }
  }
  if (start < 0) return [];
  let value: unknown;
  try {
    value = JSON.parse(parts.join('\n').replaceAll("'", '"'));
  } catch {
    return [{ line: start, reason: "the fork's Locations value is no JSON its runserver.py could load: none of its logins read" }];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ line: start, reason: "the fork's Locations value is not an object of named locations: none of its logins read" }];
  const out: Array<{ username: string; password: string; line: number } | Rejection> = [];
  let from = 0;
  for (const entry of Object.values(value)) {
    // The entry's `"username"` line, in the order the entries stand (JSON.parse keeps it for names that are no numbers).
    const k = lineOf.findIndex((_, j) => j >= from && /["']username["']\s*:/.test(parts[j]!));
    const line = k >= 0 ? lineOf[k]! : start;
    if (k >= 0) from = k + 1;
    const e = entry as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || typeof e.username !== 'string' || typeof e.password !== 'string') {
      out.push({ line, reason: "a Locations entry without a username and a password: runserver.py would fail on it" });
    } else out.push({ username: e.username, password: e.password, line });
  }
  return out;
}

export const pokemongoMapIni: DumpFormat = { name: NAME, detect: detectPokemongoMapIni, parse: parsePokemongoMapIni };
