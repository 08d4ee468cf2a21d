// RocketMap started in a container or with its settings in the environment, as operators kept it
// beside their dumps: a docker-compose service whose `command:` holds RocketMap's options, a
// `docker run IMAGE -a ptc -u x -p y` line, and the `POGOMAP_USERNAME` / `POGOMAP_PASSWORD` /
// `POGOMAP_AUTH_SERVICE` variables (in a compose `environment:`, `docker run -e`, `export`,
// systemd's `Environment=` or an env file).
// Sources: RocketMap/RocketMap `Dockerfile` (`ENTRYPOINT ["python", "./runserver.py", "--host",
// "0.0.0.0"]`, so a container's command is RocketMap's options alone, as its header's `docker run
// -d -P pokemongo-map -a ptc -u ... -p ...` shows); `pogom/utils.py` get_args
// (`configargparse.ArgParser(..., auto_env_var_prefix='POGOMAP_')`); bw2/ConfigArgParse
// `configargparse.py` parse_known_args: a variable is `POGOMAP_` + the long option upper-cased
// with `-` as `_`, read only when the option is not on the command line, and for an `append`
// option such as `--username` a `[a, b]` value is split on `,`, each element stripped, empty ones
// dropped, or a JSON list `["a", "b"]` as ConfigArgParse 1.4 and later read it (configargparse-list.ts). Docker's own options before the image (`-p 5000:5000`, `-u 1000`) are never RocketMap's.

import { systemdEnvironment } from './systemd-environment.js';
import type { DockerfileVariable } from './dockerfile-command.js';
import { listElements } from './configargparse-list.js';
import { envFromValues, keyRefValues, envSourceRanges } from './kubernetes-env-from.js';
import { namedValues } from './env-pairs.js';
import { configLineValue, showsPokemongoMap } from './pokemongo-map-docker.js';
import { composeValue, isComposeFile, isVersion1Compose } from './compose-interpolation.js';
import { podExpander } from './kubernetes-expansion.js';
import { dotEnv, serviceFileVariables } from './service-env-files.js';
import { overrideSettings } from './compose-override.js';
import { aliasedValue } from './yaml-scalar-alias.js';
import type { Beside } from '../beside.js';
import type { EnvFileTag } from './compose-environment.js';

/**
 * The words of a command line as a shell splits them: blanks apart, quotes kept together. Inside
 * double quotes `\"` is a quote, as sh has it and as Windows programs split their command line
 * (Python's and Go's argv, so `docker` and `runserver.py` under cmd.exe too).
 */
export function words(s: string): string[] {
  return splitWords(s).words;
}

/**
 * The words of `s`, and whether its quotes leave them unsure: a program that wrote a value between
 * quotes without escaping it (`-p "%s"` of a password holding `"`) leaves a quote open at the
 * end, or one closed with more of the value glued after it (`"pa"ss"`), where a shell would read
 * another value than the one written. A quote opened inside a word is sure only after `=`
 * (`--password="x"`).
 */
export function splitWords(s: string): { words: string[]; unsure: boolean } {
  const out: string[] = [];
  let word: string | undefined;
  let quote = '';
  let escaped = false;
  let unsure = false;
  let closed = false;
  for (const c of s) {
    if (closed && c !== ' ' && c !== '\t') unsure = true;
    closed = false;
    if (escaped) {
      escaped = false;
      word += c === '"' ? c : `\\${c}`;
    } else if (quote) {
      if (c === quote) [quote, closed] = ['', true];
      else if (c === '\\' && quote === '"') escaped = true;
      else word += c;
    } else if (c === '"' || c === "'") {
      if (word !== undefined && !word.endsWith('=')) unsure = true;
      quote = c;
      word ??= '';
    } else if (c === ' ' || c === '\t') {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (escaped) word += '\\';
  if (word !== undefined) out.push(word);
  return { words: out, unsure: unsure || quote !== '' };
}

/**
 * The variables for the options that make accounts: RocketMap's (`POGOMAP_` + the option's name, as
 * ConfigArgParse builds it), and PokemonGo-Map's in Ashex's image (`POKEMON_` + any case:
 * pokemongo-map-docker.ts). `POGOM_` is the prefix RocketMap's own docs named from 2016-09 on
 * (RocketMap/RocketMap `docs/advanced-install/amazon-ecs.md` and `docs/advanced-install/docker.md`:
 * `-e "POGOM_USERNAME=UserName"`, "username for pokemongo"), after a PokemonGo-Map commit of
 * 2016-08-03 (95c609a, `auto_env_var_prefix='POGOM_'`) that RocketMap's history does not keep:
 * RocketMap itself reads only `POGOMAP_`, so such variables hold the operator's accounts but never
 * reached the scanner; they are read with the same rules, and the report says so.
 */
const VARIABLE = /\b(POGOMAP|POGOM|POKEMON)_([A-Za-z_]+?)\s*[=:]\s*(.*)$/;
const PREFIXES = /\b(?:POGOMAP|POGOM|POKEMON)_/;
/** A variable's whole name split into its prefix and the option's name (`POGOMAP_USERNAME`: `POGOMAP`, `USERNAME`). */
const PREFIXED = /^(POGOMAP|POGOM|POKEMON)_(.*)$/;
const ROLES = { USERNAME: 'user', PASSWORD: 'pass', AUTH_SERVICE: 'auth' } as const;

/** The account option a variable sets, or undefined. */
function roleOf(prefix: string, name: string): 'user' | 'pass' | 'auth' | undefined {
  const key = prefix === 'POKEMON' ? name.toUpperCase() : name;
  return Object.hasOwn(ROLES, key) ? ROLES[key as keyof typeof ROLES] : undefined;
}

export interface VariableValue {
  role: 'user' | 'pass' | 'auth';
  values: string[];
  line: number;
  /** Why the variable's value is unsure: its accounts are refused by this line. */
  problem?: string;
  /** The variable's name, `POGOMAP_USERNAME`. */
  name: string;
  /** From a Secret or ConfigMap through `envFrom:` (kubernetes-env-from.ts): the first line of the pod container getting it. */
  container?: number;
  /** From a compose service's `env_file:` (service-env-files.ts): below every `environment:` setting once `extends:` merges a base in (compose-environment.ts). */
  fromFile?: true;
  /** Which `env_file:` entry, for compose's reading of a file named twice once (compose-environment.ts). */
  envFile?: EnvFileTag;
  /** No setting: an env file compose requires that the dump lacks (service-env-files.ts), taken out by compose-environment.ts. */
  opaque?: true;
}

/** Quotes around a value as a shell or YAML writes them (`"x"`, `'x'`), or around the whole `"NAME=x"` item. */
export function unquote(value: string, before: string): string {
  const v = value.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.length > 1 && v.endsWith(q)) return v.slice(1, -1);
  const end = v.at(-1);
  if ((end === '"' || end === "'") && before.trimEnd().endsWith(end)) return v.slice(0, -1);
  return v;
}

/**
 * An unquoted value with ` #` in it (`- PASSWORD=Pika1! # old`): YAML (a compose file's
 * `environment:`) and compose's env files read the rest as a comment, `docker run --env-file` as
 * the value's own: which the container got is unsure, so the line is refused, never read either way.
 */
export function commentInValue(value: string): string | undefined {
  const v = value.trim();
  if (!/[ \t]#/.test(v) || /^(["']).*\1$/.test(v)) return undefined;
  return 'the value holds ` #`: a compose file (YAML) or a compose env file reads the rest as a comment, `docker run --env-file` as the value; which one the container got is unsure';
}

/** A `docker run -e NAME=x` (or `--env`) option on a line: there each variable is one shell word. */
export const ENV_OPTION = /(?:^|\s)(?:-e\s|--env[\s=])/;

/** Every setting of an account variable in `lines`, in order (the last of a role in a scope wins, as a shell or compose has it). */
export function accountVariables(lines: string[], beside?: Beside, dockerfile?: DockerfileVariable[]): VariableValue[] {
  const set: { prefix: string; name: string; value: string | undefined; line: number; comment?: string; container?: number; unknown?: string; fromFile?: true; envFile?: EnvFileTag; opaque?: true }[] = [];
  // A Secret's or ConfigMap's keys are the env of the pod containers naming it in `envFrom:`, set
  // before each container's own `env:` (which wins); its lines are never the file's own settings.
  const sources = envSourceRanges(lines);
  for (const v of envFromValues(lines, beside)) {
    const [, prefix, name] = PREFIXED.exec(v.name) ?? [];
    if (prefix !== undefined) set.push({ prefix, name: name!, value: v.problem ? '' : v.value, line: v.line, container: v.container, ...(v.problem ? { comment: v.problem } : {}) });
  }
  // A compose file's values are interpolated by compose before the container gets them (compose-interpolation.ts).
  const compose = isComposeFile(lines);
  const env = compose ? dotEnv(beside) : new Map<string, string>();
  // A compose service's env files (`env_file:`, service-env-files.ts): before its own settings, which win.
  const fromFiles: typeof set = [];
  for (const v of serviceFileVariables(lines, beside)) {
    if (v.opaque) {
      fromFiles.push({ prefix: '', name: '', value: undefined, line: v.line, fromFile: true, envFile: v.envFile, opaque: true });
      continue;
    }
    const [, prefix, name] = PREFIXED.exec(v.name) ?? [];
    if (prefix !== undefined) fromFiles.push({ prefix, name: name!, value: v.value, line: v.line, fromFile: true, envFile: v.envFile, ...(v.problem ? { unknown: v.problem } : {}) });
  }
  // A Dockerfile's variables are its image's ENV (dockerfile-command.ts): the last stage's, build arguments put in.
  for (const v of dockerfile ?? []) {
    const [, prefix, name] = PREFIXED.exec(v.name) ?? [];
    if (prefix === undefined) continue;
    const unknown = v.buildArg === undefined ? undefined : `its value takes the build argument ${v.buildArg}, which has no default in this file: \`docker build --build-arg\` gives it`;
    set.push({ prefix, name: name!, value: unknown ? undefined : v.value, line: v.line, ...(unknown ? { unknown } : {}) });
  }
  lines.forEach((raw, i) => {
    if (dockerfile || !PREFIXES.test(raw) || sources.some((r) => r.from <= i + 1 && i + 1 <= r.to)) return;
    // On a `docker run -e NAME=x` line the value is one shell word; elsewhere (an env file, a
    // compose item, `Environment=`) it is the rest of the line, blanks included.
    // A systemd unit's `Environment=` holds one assignment or several, quoted as systemd reads them (systemd-environment.ts).
    const unit = systemdEnvironment(raw);
    if (unit) {
      for (const a of unit) {
        const [, prefix, name] = PREFIXED.exec(a.name) ?? [];
        if (prefix !== undefined) set.push({ prefix, name: name!, value: a.value, line: i + 1, ...(a.problem ? { unknown: a.problem } : {}) });
      }
      return;
    }
    const onCommand = ENV_OPTION.test(raw);
    for (const text of onCommand ? words(raw).filter((w) => PREFIXES.test(w)) : [raw]) {
      const m = VARIABLE.exec(text);
      if (!m) continue;
      // `POGOMAP_PASSWORD: *pass`: YAML gives the anchored scalar (yaml-scalar-alias.ts), which compose then interpolates.
      const alias = compose && !onCommand ? aliasedValue(lines, raw) : undefined;
      if (alias && 'problem' in alias) {
        set.push({ prefix: m[1]!, name: m[2]!, value: undefined, line: i + 1, unknown: alias.problem });
        continue;
      }
      const written = alias ? alias.value : onCommand ? m[3]! : unquote(m[3]!, text.slice(0, m.index));
      const { value, problem } = compose && !onCommand ? composeValue(written, env) : { value: written, problem: undefined };
      set.push({ prefix: m[1]!, name: m[2]!, value, line: i + 1, comment: onCommand || alias ? undefined : commentInValue(m[3]!), ...(problem ? { unknown: problem } : {}) });
    }
  });
  // The same variables as an ECS task definition's or a Kubernetes env list's name/value pairs,
  // a pod's `$(VAR)` references expanded as the kubelet does (kubernetes-expansion.ts).
  const expand = podExpander(lines, beside);
  // A `valueFrom:` a Secret's or ConfigMap's key, of this file or a manifest beside it (kubernetes-env-from.ts).
  for (const v of namedValues(lines, PREFIXES, keyRefValues(lines, beside))) {
    const [, prefix, name] = PREFIXED.exec(v.name) ?? [];
    if (prefix === undefined || sources.some((r) => r.from <= v.line && v.line <= r.to)) continue;
    if (v.problem) {
      set.push({ prefix, name: name!, value: undefined, line: v.line, unknown: v.problem });
      continue;
    }
    const expanded: { text?: string; unknown?: string } = v.value !== undefined && expand ? expand(v.value, v.line) : { text: v.value };
    set.push({ prefix, name: name!, value: expanded.text, line: v.line, ...(expanded.unknown ? { unknown: `its value holds ${expanded.unknown}` } : {}) });
  }
  const pokemongoMap = [...set, ...fromFiles].some((v) => v.prefix === 'POKEMON') && showsPokemongoMap(lines);
  const found: VariableValue[] = [];
  // envFrom's keys first, in the order their sources apply; then the env files' of compose services;
  // the file's own settings after, in file order.
  // The override compose merges over the file (`docker-compose.override.yml`, compose-override.ts): its variables last, winning.
  const fromOverride: typeof set = [];
  for (const v of overrideSettings(lines, beside)?.variables ?? []) {
    const [, prefix, name] = PREFIXED.exec(v.name) ?? [];
    if (prefix !== undefined) fromOverride.push({ prefix, name: name!, value: v.value, line: v.line, ...(v.problem ? { unknown: v.problem } : {}) });
  }
  for (const { prefix, name, value: given, line, comment, container, unknown, fromFile, envFile, opaque } of [...set.filter((v) => v.container !== undefined), ...fromFiles, ...set.filter((v) => v.container === undefined).sort((a, b) => a.line - b.line), ...fromOverride]) {
    const role = roleOf(prefix, name);
    const at = { ...(container === undefined ? {} : { container }), ...(fromFile ? { fromFile } : {}), ...(envFile ? { envFile } : {}) };
    if (opaque) {
      found.push({ role: 'auth', values: [], line, name: '', ...at, opaque });
      continue;
    }
    if (!role || (prefix === 'POKEMON' && !pokemongoMap)) continue;
    if (unknown) {
      found.push({ role, values: [], line, name: `${prefix}_${name}`, ...at, problem: `${prefix}_${name}: ${unknown}` });
      continue;
    }
    // POKEMON_*: its image writes the value into config.ini, whose reader ends it at ` #` itself (configLineValue).
    if (comment && prefix !== 'POKEMON') {
      found.push({ role, values: [], line, name: `${prefix}_${name}`, ...at, problem: `${prefix}_${name}: ${comment}` });
      continue;
    }
    if (given === undefined) {
      found.push({ role, values: [], line, name: `${prefix}_${name}`, ...at, problem: `${prefix}_${name} takes its value from elsewhere (valueFrom: a Secret or ConfigMap this file does not hold)` });
      continue;
    }
    const value = prefix === 'POKEMON' ? configLineValue(given) : given;
    if (value === undefined) {
      found.push({ role, values: [], line, name: `${prefix}_${name}`, ...at, problem: `PokemonGo-Map reads no value from POKEMON_${name} (the config.ini line its image writes of it holds none ConfigArgParse takes)` });
      continue;
    }
    const values = value.startsWith('[') && value.endsWith(']') ? listElements(value).filter((v) => v !== '') : [value];
    found.push({ role, values, line, name: `${prefix}_${name}`, ...at });
  }
  return found;
}

/** A `docker run` / `docker create` command's first line: one container. */
export const DOCKER_RUN = /\bdocker\s+(?:container\s+)?(?:run|create)\b/;

/** Docker's flags that take no value; every other option of `docker run` takes one. */
const DOCKER_FLAGS = new Set(['--rm', '--privileged', '--init', '--read-only', '--detach', '--interactive', '--tty', '--publish-all', '--no-healthcheck', '--oom-kill-disable']);

/** The words after the image of a `docker run` / `docker create` command: the container's command. */
export function dockerCommand(words: string[]): string[] | undefined {
  const at = words.findIndex((w, i) => w === 'docker' && (words[i + 1] === 'run' || words[i + 1] === 'create' || (words[i + 1] === 'container' && /^(run|create)$/.test(words[i + 2] ?? ''))));
  if (at < 0) return undefined;
  let k = at + (words[at + 1] === 'container' ? 3 : 2);
  for (; k < words.length; k++) {
    const w = words[k]!;
    if (!w.startsWith('-')) return words.slice(k + 1);
    if (w.includes('=') || DOCKER_FLAGS.has(w) || /^-[ditP]+$/.test(w)) continue;
    k++; // the option's value
  }
  return undefined;
}

/** Options only RocketMap (and its forks) takes: a command that has one is RocketMap's. */
const ROCKETMAP_OPTIONS = /^(?:-l|--location|-st|--step-limit|-k|--gmaps-key|-hk|--hash-key|-sn|--status-name|-ns|--no-server|-w|--workers|-ac|--accountcsv|-cf|--config|-a|--auth-service)(?:=|$)/;

/** Whether a container's command (words after the image or in `command:`) is RocketMap's options. */
export function isRocketmapArguments(words: string[]): boolean {
  const first = words[0] ?? '';
  return (first.startsWith('-') || /runserver\.py$/.test(first) || /^python/.test(first)) && words.some((w) => ROCKETMAP_OPTIONS.test(w));
}

/** A compose `command:` value on its line: `[...]` as a JSON list of words, else undefined (a string for the shell). */
export function composeList(value: string): string[] | undefined {
  if (!value.startsWith('[')) return undefined;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) && list.every((w) => typeof w === 'string') ? (list as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which part of the file a line (1-based) belongs to: in a compose file its service (each service
 * is its own container, with its own command and environment), elsewhere the whole file (0).
 */
export function serviceScopes(lines: string[]): (line: number) => number {
  const top = lines.findIndex((l) => /^services:\s*$/.test(l));
  // A version 1 file: each top-level key is a service (compose-interpolation.ts).
  if (top < 0 && isVersion1Compose(lines)) {
    const starts = lines.flatMap((l, i) => (/^[\w.-]+:/.test(l) ? [i + 1] : []));
    return (line) => starts.filter((s) => s <= line).at(-1) ?? 0;
  }
  if (top < 0) return () => 0;
  const starts: number[] = [];
  let indent = -1;
  for (let i = top + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const own = l.length - l.trimStart().length;
    if (own === 0) break;
    if (indent < 0) indent = own;
    if (own === indent) starts.push(i + 1);
  }
  return (line) => starts.filter((s) => s <= line).at(-1) ?? 0;
}
