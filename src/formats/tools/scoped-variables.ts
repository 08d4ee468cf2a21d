// A bot image's settings given as environment variables, gathered per container: a `docker run`
// line is one container, so is a compose service (under `services:` or, in a version 1 file, a
// top-level key), a Kubernetes pod's container (`env:` of `- name:` / `value:` pairs:
// pod-containers.ts) and an ECS task definition's container (`"environment"` pairs:
// ecs-containers.ts); an env file is the file's one. The images that read plain names
// (konjak/pokemongobot's `POGO_*`, benmag/docker-pokemongo-bot's `USERNAME`) each take them here.
import { commentInValue, DOCKER_RUN, ENV_OPTION, serviceScopes, unquote, words } from './rocketmap-container.js';
import { namedValues, type NamedValue } from './env-pairs.js';
import { ecsContainerScopes } from './ecs-containers.js';
import { podContainerScopes } from './pod-containers.js';
import { envFromValues, envSourceRanges, keyRefValues } from './kubernetes-env-from.js';
import { composeValue, isComposeFile } from './compose-interpolation.js';
import { podExpander } from './kubernetes-expansion.js';
import { dotEnv, serviceFileVariables } from './service-env-files.js';
import { overrideSettings } from './compose-override.js';
import { aliasedValue } from './yaml-scalar-alias.js';
import type { Beside } from '../beside.js';
import type { EnvFileTag } from './compose-environment.js';

export interface ScopedVariable {
  /** The container the setting belongs to; settings of one container share it. */
  scope: string;
  /** The variable's name after its prefix, as `variable`'s first group caught it. */
  name: string;
  /** Undefined where the value is not in the file (a Kubernetes `valueFrom:`, a Secret's). */
  value: string | undefined;
  line: number;
  /** Why the value is unsure: ` #` after it, a comment or its own (rocketmap-container.ts commentInValue). */
  comment?: string;
  /** From a Secret or ConfigMap through `envFrom:`: the first line of the pod container getting it. */
  container?: number;
  /** From a compose service's `env_file:` (service-env-files.ts): below every `environment:` setting once `extends:` merges a base in (compose-environment.ts). */
  fromFile?: true;
  /** Which `env_file:` entry, for compose's reading of a file named twice once (compose-environment.ts). */
  envFile?: EnvFileTag;
  /** No setting: an env file compose requires that the dump lacks (service-env-files.ts), taken out by compose-environment.ts. */
  opaque?: true;
}

/** The container each line (0-based) of `lines` belongs to, as a key shared by the lines of one container. */
export function containerScopes(lines: readonly string[]): (index: number) => string {
  const service = serviceScopes(lines as string[]);
  const pod = podContainerScopes(lines);
  const ecs = ecsContainerScopes(lines);
  const keys: string[] = [];
  let run = 0;
  let top = 0;
  lines.forEach((raw, i) => {
    if (DOCKER_RUN.test(raw)) run++;
    if (/^[\w.-]+:\s*$/.test(raw)) top++;
    const container = pod(i + 1) ?? ecs(i + 1);
    keys.push(container === undefined ? `${service(i + 1)} ${run} ${top}` : `container ${container}`);
  });
  return (index) => keys[index]!;
}

/**
 * Every setting `variable` matches (its groups: the name, then the value to the line's end) on a
 * line `contains` matches, in file order. On a `docker run -e NAME=x` line the value is one shell
 * word; elsewhere (an env file, a compose item) it is the rest of the line, its quotes taken off;
 * a pod's or an ECS container's name/value pair gives its value as env-pairs.ts decodes it.
 * `beside`: the files of the same dump a compose file or pod spec names (service-env-files.ts,
 * kubernetes-env-from.ts): a service's env files set its variables before its own `environment:`.
 */
export function scopedVariables(lines: readonly string[], variable: RegExp, contains: RegExp, beside?: Beside): ScopedVariable[] {
  const scopeOf = containerScopes(lines);
  // A Secret's or ConfigMap's keys are the env of the containers naming it in `envFrom:`, applied
  // before each container's own `env:` (which wins); its lines are never the file's own settings.
  const out: ScopedVariable[] = [];
  for (const v of envFromValues(lines, beside)) {
    const m = variable.exec(`${v.name}=`);
    if (m) out.push({ scope: `container ${v.container}`, name: m[1]!, value: v.problem ? '' : v.value, line: v.line, container: v.container, ...(v.problem ? { comment: v.problem } : {}) });
  }
  // A compose service's env files (`env_file:`) first, its own `environment:` after, winning.
  for (const v of serviceFileVariables(lines, beside)) {
    if (v.opaque) {
      out.push({ scope: scopeOf(v.line - 1), name: '', value: undefined, line: v.line, fromFile: true, envFile: v.envFile, opaque: true });
      continue;
    }
    const m = variable.exec(`${v.name}=`);
    if (m) out.push({ scope: scopeOf(v.line - 1), name: m[1]!, value: v.problem ? '' : v.value, line: v.line, fromFile: true, envFile: v.envFile, ...(v.problem ? { comment: v.problem } : {}) });
  }
  const sources = envSourceRanges(lines);
  // A compose file's values are interpolated by compose before the container gets them (compose-interpolation.ts).
  const compose = isComposeFile(lines);
  const env = compose ? dotEnv(beside) : new Map<string, string>();
  // A pod's `$(VAR)` references expanded as the kubelet does (kubernetes-expansion.ts).
  const expand = podExpander(lines, beside);
  const pairs = new Map<number, NamedValue[]>();
  // A `valueFrom:` a Secret's or ConfigMap's key, of this file or a manifest beside it (kubernetes-env-from.ts).
  for (const v of namedValues(lines as string[], contains, keyRefValues(lines, beside))) pairs.set(v.line, [...(pairs.get(v.line) ?? []), v]);
  lines.forEach((raw, i) => {
    if (sources.some((r) => r.from <= i + 1 && i + 1 <= r.to)) return;
    const paired = pairs.get(i + 1);
    for (const pair of paired ?? []) {
      const m = variable.exec(`${pair.name}=`);
      if (!m) continue;
      if (pair.problem) {
        out.push({ scope: scopeOf(i), name: m[1]!, value: '', line: i + 1, comment: pair.problem });
        continue;
      }
      const expanded: { text?: string; unknown?: string } = pair.value !== undefined && expand ? expand(pair.value, pair.line) : { text: pair.value };
      out.push({ scope: scopeOf(i), name: m[1]!, value: expanded.text ?? (expanded.unknown ? pair.value : undefined), line: i + 1, ...(expanded.unknown ? { comment: `its value holds ${expanded.unknown}` } : {}) });
    }
    if (paired || !contains.test(raw)) return;
    const onCommand = ENV_OPTION.test(raw);
    for (const item of onCommand ? words(raw).filter((w) => contains.test(w)) : [raw]) {
      const m = variable.exec(item);
      if (!m) continue;
      // `PASSWORD: *pass`: YAML gives the anchored scalar (yaml-scalar-alias.ts), which compose then interpolates.
      const alias = compose && !onCommand ? aliasedValue(lines, raw) : undefined;
      if (alias && 'problem' in alias) {
        out.push({ scope: scopeOf(i), name: m[1]!, value: '', line: i + 1, comment: alias.problem });
        continue;
      }
      const written = alias ? alias.value : onCommand ? m[2]! : unquote(m[2]!, item.slice(0, m.index));
      const { value, problem } = compose && !onCommand ? composeValue(written, env) : { value: written, problem: undefined };
      const comment = onCommand || alias ? problem : (commentInValue(m[2]!) ?? problem);
      out.push({ scope: scopeOf(i), name: m[1]!, value, line: i + 1, ...(comment ? { comment } : {}) });
    }
  });
  // The override compose merges over the file (`docker-compose.override.yml`): its variables win.
  for (const v of overrideSettings(lines, beside)?.variables ?? []) {
    const m = variable.exec(`${v.name}=`);
    if (m) out.push({ scope: scopeOf(v.line - 1), name: m[1]!, value: v.problem ? '' : v.value, line: v.line, ...(v.problem ? { comment: v.problem } : {}) });
  }
  return out;
}
