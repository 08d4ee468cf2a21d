// Which of RocketMap's account options a config.ini key sets, as RocketMap's own parsing decides
// it (RocketMap/RocketMap pogom/utils.py get_args on bw2/ConfigArgParse 0.10.0, checked by running
// both on generated configs, test/formats/rocketmap-config-options.test.ts):
//   - `username` and `--username` are the option's own keys (get_possible_config_keys), but two
//     settings: each is turned into `--username VALUE` and argparse's `append` keeps both, in the
//     order the keys first appear; a key written twice keeps its last value in its first place
//     (ConfigFileParser.parse fills an OrderedDict);
//   - any other key becomes `--KEY` (get_command_line_key_for_unknown_config_file_setting, its `-`
//     stripped) and argparse takes a beginning of one option's name as that option (Python 2.7's
//     argparse always abbreviates): `user: [a, b]` and `pass: x` set the usernames and password.
//     A beginning is taken where, in every version of get_args that has accounts (RocketMap/RocketMap,
//     rkhous/RocketMap, jdggraaf/RocketMap and paulcoiffier/RocketMapPlusPlus histories, 1033
//     versions: test/fixtures/dumps/rocketmap-option-beginnings.json), it begins that option alone or
//     that option among others (where RocketMap stops), never another option alone: so every
//     RocketMap that runs with the config reads it as that option. `u`/`us`/`use` (the latest
//     version's `--use-altitude-cache` makes them stop, older ones read the username), `a`/`au`
//     (auth-service; `--accountcsv`, `--auto-refresh`-less versions), `pa`, `ac` and `hi`; never
//     `p` (`--port`, `--proxy` in every version) nor `h` (`--host`). The name in another case or with
//     `_`, or a shorter beginning of an account option, stops RocketMap (unrecognized or ambiguous);
//   - a value `true` (any case) is a flag's: RocketMap stops ("set to 'True' rather than a value");
//   - a value or list element beginning with `-` that argparse takes for an option (not a negative
//     number, no blank inside) leaves the option without its argument: RocketMap stops.
// Where RocketMap stops, no account is read: the operator is told the line to correct.
import { DumpError } from '../types.js';
import { appendAll } from '../long-arrays.js';

export type AccountOption = 'username' | 'password' | 'auth-service' | AccountFileOption;
/** The options naming a file of accounts RocketMap loads besides its config's: `-ac` adds them to the usernames, `-hlvl` is its level-30 list. */
export type AccountFileOption = 'accountcsv' | 'high-lvl-accounts';

const OPTIONS: readonly { name: AccountOption; shortest: number }[] = [
  { name: 'username', shortest: 'u'.length },
  { name: 'password', shortest: 'pa'.length },
  { name: 'auth-service', shortest: 'a'.length },
  { name: 'accountcsv', shortest: 'ac'.length },
  { name: 'high-lvl-accounts', shortest: 'hi'.length },
];
const ACCOUNT_VALUES: readonly AccountOption[] = ['username', 'password', 'auth-service'];

/** The account option a key sets, undefined for another option, or why RocketMap stops at it. */
export function accountOptionOf(raw: string): AccountOption | { problem: string } | undefined {
  const key = raw.replace(/^-+|-+$/g, '');
  for (const { name, shortest } of OPTIONS) {
    if (key === name || (key.length >= shortest && name.startsWith(key))) return name;
  }
  // A near miss of an account's own values stops RocketMap: never read as another option (`h:` is --host).
  const loose = key.toLowerCase().replace(/_/g, '-');
  if (loose !== '' && ACCOUNT_VALUES.some((name) => name.startsWith(loose) || loose === name)) {
    return { problem: `"${raw}" is no option of RocketMap's (it takes username, password and auth-service, or a beginning only one of its options has: u, pa, a)` };
  }
  return undefined;
}

/** Why argparse would not take this as an option's value, or undefined. */
export function argumentProblem(value: string): string | undefined {
  if (value.length < 2 || !value.startsWith('-') || /^-\d+$|^-\d*\.\d+$/.test(value) || value.includes(' ')) return undefined;
  return "a value beginning with '-', which RocketMap's argparse takes for an option";
}

export interface KeySetting {
  raw: string;
  value: string;
  line: number;
}

export interface OptionValues {
  values: { value: string; line: number }[];
  /** The last line that set it, for messages. */
  line: number;
}

/**
 * The values RocketMap's username, password and auth-service options end up with from a
 * config's settings (in file order), each with its line; throws naming the line where RocketMap
 * would stop. `elements` splits a value as ConfigArgParse does (`[a, b]` lists).
 */
export function accountOptions(settings: readonly KeySetting[], elements: (value: string) => string[], file: string): Map<AccountOption, OptionValues> {
  const byKey = new Map<string, KeySetting>();
  for (const s of settings) byKey.set(s.raw, s); // an existing key keeps its place, takes the last value
  const out = new Map<AccountOption, OptionValues>();
  for (const s of byKey.values()) {
    const option = accountOptionOf(s.raw);
    if (option === undefined) continue;
    const stop = (why: string) => new DumpError(`RocketMap would stop at line ${s.line}: ${why}; correct that line and import the config again`, file);
    if (typeof option === 'object') throw stop(option.problem);
    if (s.value.toLowerCase() === 'true') throw stop(`${option} set to 'True' rather than a value`);
    const values = elements(s.value);
    const problem = values.map(argumentProblem).find((p) => p !== undefined);
    if (problem) throw stop(`${option} given ${problem}`);
    const entry = out.get(option) ?? { values: [], line: s.line };
    appendAll(entry.values, values.map((value) => ({ value, line: s.line })));
    entry.line = s.line;
    out.set(option, entry);
  }
  return out;
}
