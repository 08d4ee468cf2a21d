// A compose service's variables from the files beside the compose file (beside.ts): each of its
// `env_file:` files read as compose reads them (dotenv.ts), interpolated with the `.env` of the
// compose file's folder (compose-go `types/project.go` WithServicesEnvironmentResolved: the env
// files' values looked up in the project's environment, a later file over an earlier one, the
// service's own `environment:` over them all), and that `.env` itself, which interpolates the
// compose file's own values. A variable from a file is given the line of the compose file naming
// that file (the service's line: its accounts are refused by it), its own file and line in `origin`.
import type { Beside } from '../beside.js';
import { besideKey, besidePath } from '../beside.js';
import { composeEnvFiles, knownFormat } from './container-companions.js';
import { envFileMap, envFileVariables, rawEnvFileVariables } from './dotenv.js';
import type { EnvVariables } from './compose-interpolation.js';
import type { EnvFileTag } from './compose-environment.js';

export interface ServiceFileVariable {
  name: string;
  value: string | undefined;
  /** The compose file's line naming the env file. */
  line: number;
  /** `rocketmap.env:3`: where the value is written. */
  origin: string;
  /** Why the value is unsure, its origin named. */
  problem?: string;
  /** The `env_file:` entry it came from, which compose-environment.ts reads once per path. */
  envFile: EnvFileTag;
  /** No variable (`name` ''): the entry's place in the list; with `envFile.lacking`, an env file compose requires that the dump lacks or refused, which may set any (compose-environment.ts). */
  opaque?: true;
}

/** The variables the `.env` beside a compose file sets for its interpolation (none without one). */
export function dotEnv(beside: Beside | undefined): EnvVariables {
  const key = beside && besideKey(beside, '.env');
  const text = key === undefined ? undefined : beside!.files.get(key);
  return text === undefined ? new Map() : envFileMap(envFileVariables(text, new Map(), key), key);
}

/** Every variable the services' env files give, in the order compose applies them (a service's own settings come after). */
export function serviceFileVariables(lines: readonly string[], beside: Beside | undefined): ServiceFileVariable[] {
  if (!beside) return [];
  const env = dotEnv(beside);
  const out: ServiceFileVariable[] = [];
  for (const [index, entry] of composeEnvFiles(lines).entries()) {
    const p = besidePath(entry.written, beside.dir);
    const text = 'path' in p ? beside.files.get(p.path) : undefined;
    const envFile = { key: entry.written, path: 'path' in p ? p.path : entry.written, entry: String(index), named: `line ${entry.at ?? entry.line}` };
    // Every entry marked at its place, read or not: compose keys the list by path, a later entry's
    // `required:` and `format:` replacing an earlier one's at the earlier's place (compose-environment.ts).
    // Refused or missing (said once for the file: companionRefusals): where compose requires it, it
    // existed where the service ran, its variables unknown here (`lacking`).
    const lacking = text === undefined && !entry.optional && knownFormat(entry.format);
    out.push({ name: '', value: undefined, line: entry.line, origin: envFile.path, envFile: lacking ? { ...envFile, lacking: true } : envFile, opaque: true });
    // Of a format compose does not know: refused by its line (companionRefusals).
    if (text === undefined || !knownFormat(entry.format)) continue;
    const vars = entry.format === 'raw' ? rawEnvFileVariables(text) : envFileVariables(text, env, 'path' in p ? p.path : entry.written);
    // A line compose stops on: the service never started with any of this file's variables.
    const broken = vars.find((v) => v.name === '');
    for (const v of vars) {
      if (v.name === '') continue;
      const origin = `${'path' in p ? p.path : entry.written}:${v.line}`;
      const problem = broken ? `in ${origin.replace(/:\d+$/, `:${broken.line}`)}, ${broken.problem}` : v.problem ? `in ${origin}, ${v.problem}` : undefined;
      out.push({ name: v.name, value: v.value, line: entry.line, origin, envFile, ...(problem ? { problem } : {}) });
    }
  }
  return out;
}
