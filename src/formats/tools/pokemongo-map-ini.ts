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
  if (user.value === '' && pass.value === '') {
    throw new DumpError("is PokemonGo-Map's config.ini with its [Authentication] Username and Password empty, as published: no account", input.name, user.line);
  }
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const service = options.get('service');
  // No Service set: the file does not say which login it is (PokemonGo-Map would refuse it), none is guessed.
  const provider = service && service.value !== '' ? namedProvider(service.value) : undefined;
  if (user.value === '' || pass.value === '') {
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
  return { format: NAME, accounts, rejected };
}

export const pokemongoMapIni: DumpFormat = { name: NAME, detect: detectPokemongoMapIni, parse: parsePokemongoMapIni };
