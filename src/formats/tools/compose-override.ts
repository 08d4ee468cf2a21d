// The override file docker compose reads over a compose file on its own: given neither `-f` nor
// COMPOSE_FILE, compose takes the first of `compose.yaml`, `compose.yml`, `docker-compose.yml`,
// `docker-compose.yaml` in the folder, then the first of `compose.override.yml`,
// `compose.override.yaml`, `docker-compose.override.yml`, `docker-compose.override.yaml` beside it
// (compose-spec/compose-go `cli/options.go` DefaultFileNames, DefaultOverrideFileNames), and merges
// the second over the first (compose-spec `merge.md`): a service's `environment:` is merged variable
// by variable, the override's winning; its `command:`, `entrypoint:` and `image:` replace the base's;
// its `env_file:` files are added to the base's. docker-compose 1.x read `docker-compose.override.yml`
// the same way.
//
// Read here: an override's `environment:` variables (a map or a `NAME=value` list, interpolated as
// the compose file's values are) set after the service's own, winning. What else it changes in a
// service that decides the account (`command:`, `entrypoint:`, `image:`, `env_file:`, `extends:`, a
// merge key) is not merged here: that service's accounts are refused by their lines, naming the
// override's line, never read as the base alone gives them (the container did not get that).
import type { Document, Node } from 'yaml';
import { yaml } from '../../yaml-lazy.js';
import { yamlShapeProblem } from '../../yaml-shape.js';
import { pairsOf, scalarText, deref } from './yaml-mapping.js';
import { composeValue } from './compose-interpolation.js';
import { containerSpans, type Span } from './container-spans.js';
import { dotEnv } from './service-env-files.js';
import type { Beside } from '../beside.js';

export const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
export const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** The names in each folder of a dump's paths, gathered once: a plan asks for every path's folder (an export folder of 2,000 photos asked 2,000 x 2,000). */
export class FolderNames {
  private readonly byDir = new Map<string, Set<string>>();

  constructor(paths: readonly string[]) {
    for (const p of paths) {
      const dir = dirOf(p);
      let names = this.byDir.get(dir);
      if (!names) this.byDir.set(dir, (names = new Set()));
      names.add(baseName(p));
    }
  }

  in(dir: string): ReadonlySet<string> {
    return this.byDir.get(dir) ?? new Set();
  }
}

/**
 * The override compose reads over the compose file at `path` among the dump's paths (`folders`, all
 * `/`-separated): where that file is the one compose takes in its folder, the first override name
 * there; else undefined.
 */
export function overrideOf(path: string, folders: FolderNames): string | undefined {
  const dir = dirOf(path);
  const inDir = folders.in(dir);
  const base = COMPOSE_NAMES.find((n) => inDir.has(n));
  if (base === undefined || base !== baseName(path)) return undefined;
  const override = OVERRIDE_NAMES.find((n) => inDir.has(n));
  return override === undefined ? undefined : dir === '' ? override : `${dir}/${override}`;
}

export interface OverrideVariable {
  name: string;
  value: string | undefined;
  /** The base file's line of the service (its key): the account's line. */
  line: number;
  /** Why the value is unsure, the override's file and line named. */
  problem?: string;
}

export interface OverrideRead {
  variables: OverrideVariable[];
  /** Services whose account-deciding settings the override changes otherwise: their accounts are refused. */
  unsure: { span: Span; reason: string }[];
  /** Whether every service of the override is one of the base's: then the override is nothing of its own. */
  within: boolean;
}

/** Keys of a service that decide its account, besides `environment:`, which are not merged here. */
const UNSURE_KEYS = new Set(['image', 'command', 'entrypoint', 'env_file', 'extends', '<<']);

/** What the override `beside.override` sets over the compose file `lines`, or undefined with none. */
export function overrideSettings(lines: readonly string[], beside: Beside | undefined): OverrideRead | undefined {
  const path = beside?.override;
  const text = path === undefined ? undefined : beside!.files.get(path);
  if (path === undefined || text === undefined) return undefined;
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  let doc: Document.Parsed;
  // Nesting no compose file has is never handed to the yaml package, whose recursion aborts the process on it (yaml-shape.ts).
  const deep = yamlShapeProblem(text, Infinity);
  try {
    doc = deep ? (undefined as unknown as Document.Parsed) : parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    doc = undefined as unknown as Document.Parsed;
  }
  const spans = containerSpans(lines).filter((s) => s.key.startsWith('service '));
  const spanOf = (name: string) => spans.find((s) => new RegExp(`^\\s+["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(lines[s.from - 1]!));
  const out: OverrideRead = { variables: [], unsure: [], within: true };
  if (!doc || doc.errors.length > 0) {
    // An override compose could not read stops compose: no service of this file started as written.
    const why = deep ? `${deep.what} at its line ${deep.line}, which no compose file does, so it was not read` : 'is no YAML compose reads';
    for (const span of spans) out.unsure.push({ span, reason: `${path}, which compose merges over this file, ${why}: which account the container got is unsure` });
    out.within = false;
    return out;
  }
  const at = (node: unknown) => counter.linePos((node as Node | undefined)?.range?.[0] ?? 0).line;
  const env = dotEnv(beside);
  const services = deref(pairsOf(doc.contents, doc).filter((p) => scalarText(p.key) === 'services').at(-1)?.value, doc);
  for (const pair of pairsOf(services, doc)) {
    const name = scalarText(pair.key);
    const span = name === undefined ? undefined : spanOf(name);
    if (!span) {
      out.within = false;
      continue;
    }
    for (const setting of yaml().isMap(deref(pair.value, doc)) ? (deref(pair.value, doc) as { items: typeof pair[] }).items : []) {
      const key = scalarText(setting.key);
      if (key !== undefined && UNSURE_KEYS.has(key)) {
        out.unsure.push({ span, reason: `${path}:${at(setting.key)} sets this service's ${key === '<<' ? 'settings through a merge key' : `${key}:`}, which compose merges over this file's: which account the container got is unsure here (\`docker compose config\` in the folder writes the two merged: import its output)` });
      }
    }
    const environment = deref(pairsOf(pair.value, doc).filter((p) => scalarText(p.key) === 'environment').at(-1)?.value, doc);
    const set = (variable: string, raw: string | undefined, node: unknown) => {
      const origin = `${path}:${at(node)}`;
      if (raw === undefined) {
        out.variables.push({ name: variable, value: undefined, line: span.from, problem: `in ${origin}, the override sets it to a value of the operator's shell (or none): not in this dump` });
        return;
      }
      const read = composeValue(raw, env);
      out.variables.push({ name: variable, value: read.problem ? undefined : read.value, line: span.from, ...(read.problem ? { problem: `in ${origin}, ${read.problem}` } : {}) });
    };
    if (yaml().isMap(environment)) {
      for (const v of pairsOf(environment, doc)) {
        const variable = scalarText(v.key);
        const value = deref(v.value, doc);
        if (variable !== undefined) set(variable, value === null || (yaml().isScalar(value) && value.value === null) ? undefined : scalarText(value), v.key);
      }
    } else if (yaml().isSeq(environment)) {
      for (const item of environment.items) {
        const written = scalarText(deref(item, doc));
        if (written === undefined) continue;
        const eq = written.indexOf('=');
        set(eq < 0 ? written : written.slice(0, eq), eq < 0 ? undefined : written.slice(eq + 1), item);
      }
    }
  }
  return out;
}
