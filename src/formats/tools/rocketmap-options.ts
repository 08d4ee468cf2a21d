// Which of RocketMap's account options a config.ini key sets, as RocketMap's own parsing decides
// it (RocketMap/RocketMap pogom/utils.py get_args on bw2/ConfigArgParse 0.10.0, checked by running
// both on generated configs, test/formats/rocketmap-config-options.test.ts):
//   - `username` and `--username` are the option's own keys (get_possible_config_keys), but two
//     settings: each is turned into `--username VALUE` and argparse's `append` keeps both, in the
//     order the keys first appear; a key written twice keeps its last value in its first place
//     (ConfigFileParser.parse fills an OrderedDict);
//   - any other key becomes `--KEY` (get_command_line_key_for_unknown_config_file_setting, its `-`
//     stripped) and argparse takes a beginning of one option's name as that option (allow_abbrev):
//     `user: [a, b]` and `pass: x` set the usernames and password. Only beginnings no RocketMap
//     version shares with another option are taken: `user` (`--use-altitude-cache`), `pa`
//     (`--port`, `--proxy`, `--print-status`), `auth` (`--auto-refresh`); a shorter one, or the
//     name in another case or with `_`, stops RocketMap (ambiguous or unrecognized argument);
//   - a value `true` (any case) is a flag's: RocketMap stops ("set to 'True' rather than a value");
//   - a value or list element beginning with `-` that argparse takes for an option (not a negative
//     number, no blank inside) leaves the option without its argument: RocketMap stops.
// Where RocketMap stops, no account is read: the operator is told the line to correct.
import { DumpError } from '../types.js';

export type AccountOption = 'username' | 'password' | 'auth-service';

const OPTIONS: readonly { name: AccountOption; shortest: number }[] = [
  { name: 'username', shortest: 'user'.length },
  { name: 'password', shortest: 'pa'.length },
  { name: 'auth-service', shortest: 'auth'.length },
];

/** The account option a key sets, undefined for another option, or why RocketMap stops at it. */
export function accountOptionOf(raw: string): AccountOption | { problem: string } | undefined {
  const key = raw.replace(/^-+|-+$/g, '');
  for (const { name, shortest } of OPTIONS) {
    if (key === name || (key.length >= shortest && name.startsWith(key))) return name;
  }
  const loose = key.toLowerCase().replace(/_/g, '-');
  if (loose !== '' && OPTIONS.some(({ name }) => name.startsWith(loose) || loose === name)) {
    return { problem: `"${raw}" is no option of RocketMap's (it takes username, password and auth-service, or a beginning only one of its options has: user, pa, auth)` };
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
    entry.values.push(...values.map((value) => ({ value, line: s.line })));
    entry.line = s.line;
    out.set(option, entry);
  }
  return out;
}
