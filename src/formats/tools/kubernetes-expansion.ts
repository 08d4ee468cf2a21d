// A Kubernetes container's `$(VAR)` references, as the kubelet expands them before the container
// starts (the Kubernetes API's EnvVar.value and Container.command/args docs; kubernetes/kubernetes
// `third_party/forked/golang/expansion/expand.go`, used by `pkg/kubelet/kubelet_pods.go`
// makeEnvironmentVariables): an `env:` value's `$(NAME)` is NAME's value among the variables defined
// before it (every `envFrom:` source's keys, then the `env:` items above it, each already expanded),
// `args:` and `command:` see them all; `$$` is one `$` (`$$(NAME)` the text `$(NAME)`), a `$` before
// anything else stays, and so does a reference to a name the container does not define: the text
// `$(NAME)` as written. That last is what the kubelet hands on, but a login never holds it: the
// operator meant a variable this file does not give (a Secret of another file, one defined below
// the reference), so the account it belongs to is refused by its line, never read with `$(NAME)`.
import { namedValues } from './env-pairs.js';
import { envFromValues, keyRefValues } from './kubernetes-env-from.js';
import { podContainerScopes } from './pod-containers.js';
import type { Interpolated } from './compose-interpolation.js';
import type { Beside } from '../beside.js';

/** `value` with its `$(NAME)` references expanded from `defined` (undefined: a value not in the file). */
export function expandReferences(value: string, defined: ReadonlyMap<string, string | undefined>): Interpolated {
  if (!value.includes('$')) return { text: value };
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const next = value[i + 1];
    if (c !== '$' || next === undefined) out += c;
    else if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(' && value.indexOf(')', i + 2) >= 0) {
      const end = value.indexOf(')', i + 2);
      const name = value.slice(i + 2, end);
      if (!defined.has(name)) return { unknown: `$(${name}), which Kubernetes leaves as written where the container defines no ${name} before it: the value meant is not in this file` };
      const v = defined.get(name);
      if (v === undefined) return { unknown: `$(${name}), a variable whose value is not in this file (valueFrom, or a Secret's that is no text)` };
      out += v;
      i = end;
    } else out += c;
  }
  return { text: out };
}

interface Defined {
  name: string;
  value: string | undefined;
  line: number;
}

/**
 * For a pod container's env value or args word on `line`, the text the container gets: expanded with
 * the variables defined before that line (`all`: every variable of the container, for `args:` and
 * `command:`). Undefined where the file has no `$(`: nothing to expand.
 */
export function podExpander(lines: readonly string[], beside?: Beside): ((value: string, line: number, all?: boolean) => Interpolated) | undefined {
  if (!lines.some((l) => l.includes('$('))) return undefined;
  const pod = podContainerScopes(lines);
  const byContainer = new Map<number, Defined[]>();
  const add = (container: number, d: Defined) => byContainer.set(container, [...(byContainer.get(container) ?? []), d]);
  // envFrom's keys first (never expanded themselves), then the `env:` items in order, each expanded as it is defined.
  for (const v of envFromValues(lines, beside)) add(v.container, { name: v.name, value: v.problem ? undefined : v.value, line: 0 });
  for (const v of namedValues(lines as string[], /[A-Za-z_]/, keyRefValues(lines, beside))) {
    const container = pod(v.line);
    if (container === undefined) continue;
    const before = definedBefore(byContainer.get(container) ?? [], v.line);
    const expanded = v.value === undefined ? undefined : expandReferences(v.value, before).text;
    add(container, { name: v.name, value: expanded, line: v.line });
  }
  return (value, line, all = false) => {
    const container = pod(line);
    const own = container === undefined ? [] : (byContainer.get(container) ?? []);
    return expandReferences(value, definedBefore(own, all ? Number.POSITIVE_INFINITY : line));
  };
}

/** The variables defined before `line`, a later definition of a name over an earlier one. */
function definedBefore(defined: readonly Defined[], line: number): Map<string, string | undefined> {
  return new Map(defined.filter((d) => d.line < line).map((d) => [d.name, d.value]));
}
