// A container's environment written as a list of name/value pairs, as the platforms that start
// containers keep it, rather than as `NAME=value` lines:
//   - an Amazon ECS task definition, `"environment": [{"name": "POGOMAP_USERNAME", "value": "x"}, ...]`
//     (RocketMap/RocketMap `docs/advanced-install/amazon-ecs.md`, the task definition its operators
//     pasted into the ECS console; PokemonGo-Map's page before it named the variables `POKEMON_*`,
//     for Ashex's image: pokemongo-map-docker.ts). The value is a JSON string;
//   - a Kubernetes container's `env:` list, `- name: POGOMAP_USERNAME` and `value: x` on the next
//     line (the Kubernetes API's EnvVar: name, value; kubernetes/website `content/en/docs/tasks/
//     inject-data-application/define-environment-variable-container.md`). The value is a YAML
//     string: plain, `'...'` (`''` a quote) or `"..."`.
// A value this reader cannot be sure of (a YAML flow list or block scalar, a double-quoted escape
// JSON does not share) is left out, never guessed: the account it belongs to is then refused for
// its missing half.

export interface NamedValue {
  name: string;
  /** Undefined where the value is not in the file (Kubernetes' `valueFrom`, a Secret's). */
  value: string | undefined;
  /** The line of the value (1-based). */
  line: number;
  /** Why a value from elsewhere (`valueFrom:`) is not known (kubernetes-env-from.ts keyRefValues). */
  problem?: string;
  /** A value from a manifest beside the file: its path in the dump. */
  path?: string;
}

/** A `valueFrom:` resolved, by its line (kubernetes-env-from.ts keyRefValues). */
export type KeyRefs = ReadonlyMap<number, { value: string | undefined; problem?: string; path?: string }>;

const NAME = /^\s*(?:-\s+)?(")?name\1\s*:\s*(["']?)([A-Z][A-Z0-9_]*)\2\s*,?\s*$/;
const VALUE = /^\s*(?:-\s+)?(")?value\1\s*:\s*(.*?)\s*$/;
/** Both on one line, as an ECS definition written compactly has them. */
const INLINE = /"name"\s*:\s*"([A-Z][A-Z0-9_]*)"\s*,\s*"value"\s*:\s*("(?:[^"\\]|\\.)*")/g;

/** A JSON string literal's text, or undefined. */
function jsonString(literal: string): string | undefined {
  try {
    const v: unknown = JSON.parse(literal);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A value as written after `value:` in JSON (`json`) or YAML, or undefined where unsure. */
function decode(raw: string, json: boolean): string | undefined {
  const v = json ? raw.replace(/,$/, '').trimEnd() : raw;
  if (v.startsWith('"')) return jsonString(v);
  if (json) return undefined;
  if (v.startsWith("'")) return /^'((?:[^']|'')*)'$/.exec(v)?.[1]!.replace(/''/g, "'");
  // A plain YAML scalar ends before ` #`; one starting with an indicator is no plain text.
  if (v === '' || /^[[\]{}&*!|>%@`,?:-](?:\s|$)|^[[{&*!|>%@`]/.test(v)) return undefined;
  return v.replace(/\s+#.*$/, '');
}

/**
 * Every name/value pair whose name matches `names`, in file order. A Kubernetes `valueFrom:` has
 * the value `keyRefs` finds for it (a Secret's or ConfigMap's key), else none.
 */
export function namedValues(lines: string[], names: RegExp, keyRefs?: KeyRefs): NamedValue[] {
  const out: NamedValue[] = [];
  lines.forEach((raw, i) => {
    if (!names.test(raw)) return;
    for (const m of raw.matchAll(INLINE)) {
      const value = jsonString(m[2]!);
      if (names.test(m[1]!) && value !== undefined) out.push({ name: m[1]!, value, line: i + 1 });
    }
    const name = NAME.exec(raw);
    if (!name || !names.test(name[3]!)) return;
    // Its value is on the line below, in the same item (not a `- ` starting the next), or above
    // where the item was written value first (the line above opening it: `- value:`, or after `{`).
    if (/^\s*valueFrom\s*:/.test(lines[i + 1] ?? '')) {
      const ref = keyRefs?.get(i + 2);
      out.push({ name: name[3]!, value: ref?.value, line: i + 2, ...(ref?.problem ? { problem: ref.problem } : {}), ...(ref?.path ? { path: ref.path } : {}) });
      return;
    }
    for (const k of [i + 1, i - 1]) {
      const line = lines[k] ?? '';
      const value = VALUE.exec(line);
      const item = /^\s*-\s/.test(line);
      if (!value || (k > i ? item : !item && !(lines[k - 1] ?? '').trimEnd().endsWith('{'))) continue;
      const text = decode(value[2]!, value[1] === '"');
      if (text !== undefined) out.push({ name: name[3]!, value: text, line: k + 1 });
      return;
    }
  });
  return out;
}

/** Where an environment list begins: an ECS container's `"environment": [`, a Kubernetes container's `env:`. */
// `(?:-\s*)?`, not `-?\s*`: after `^\s*` the two split a run of blanks every way (80,000 blanks: 5 s).
const LIST_START = /^\s*(?:"environment"\s*:\s*\[|(?:-\s*)?env:\s*$)/;

/**
 * Which container's environment a line (1-based) is in: the number of the list it follows (each
 * container of a task definition or pod has its own), or undefined before any.
 */
export function envListScopes(lines: readonly string[]): (line: number) => number | undefined {
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (LIST_START.test(l)) starts.push(i + 1);
  });
  return (line) => {
    const k = starts.filter((s) => s <= line).length;
    return k > 0 ? k : undefined;
  };
}
