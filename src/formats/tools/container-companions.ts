// The files beside it a container file takes its settings from, so that the import of a folder, an
// archive or an inbox batch hands them to its readers (beside.ts) and imports them through it, not
// again as dumps of their own:
//   - a docker-compose file: the `.env` of its folder, which compose-go reads for interpolation
//     (compose-spec/compose-go `cli/options.go` WithDotEnv: `.env` in the project's working
//     folder, the compose file's), and each service's `env_file:` (the Compose Specification's
//     `services.md` env_file: a path, a list of paths, or `- path:` items with `required:`;
//     relative to the compose file's folder; later files over earlier ones, the service's own
//     `environment:` over them all: compose-go `types/project.go` WithServicesEnvironmentResolved);
//   - a Kubernetes pod spec whose containers take variables from Secrets or ConfigMaps
//     (`envFrom:`, `secretKeyRef:`, `configMapKeyRef:`): the other manifests of its folder, where
//     an operator keeps `secret.yaml` beside `deployment.yaml` (`kubectl apply -f FOLDER`).
import { anchorHolding, containerSpans, spanAt, spanRefers, type Span } from './container-spans.js';
import { isComposeFile } from './compose-interpolation.js';
import { extendsLinks } from './compose-extends.js';
import { yamlFlowList } from './yaml-flow-list.js';
import { besideKey, besidePath, type Beside } from '../beside.js';
import { envFromValues, keyRefValues } from './kubernetes-env-from.js';
import { minOf } from '../long-arrays.js';

export interface EnvFileEntry {
  /** The service's first line (its key under `services:`), as serviceScopes numbers it. */
  service: number;
  /** The line naming the file; for a file a YAML anchor's block names, the service's line merging it (`<<: *bot`). */
  line: number;
  /** Where the file is named, where that is not `line`: in the anchor's block. */
  at?: number;
  /** As written. */
  written: string;
  /** `required: false`: compose starts the service without it. */
  optional: boolean;
  /** `format:` of the long syntax (`raw`: read as `docker run --env-file` reads it, dotenv.ts rawEnvFileVariables). */
  format?: string;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const scalar = (v: string) => v.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');

/**
 * The services an `env_file:` key on `line` is theirs (first line, line to name it by): the service
 * holding it, and those merging the YAML anchor whose block holds it (`x-bot: &bot` with `env_file:`,
 * merged by `<<: *bot`: YAML's merge puts the anchor's `env_file` into the service, as compose-go's
 * loader reads it), save a service writing its own `env_file:`, which replaces the anchor's whole.
 */
function envFileOwners(lines: readonly string[], spans: readonly Span[], line: number): { service: number; line: number }[] {
  const own = spanAt(spans, line);
  const owners = own && own.key.startsWith('service ') ? [{ service: own.from, line }] : [];
  const anchor = anchorHolding(lines, line);
  if (anchor === undefined) return owners;
  const ref = new RegExp(`\\*${anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`);
  for (const span of spans) {
    if (span === own || !span.key.startsWith('service ') || !spanRefers(lines, span, anchor)) continue;
    const body = lines.slice(span.from, span.to);
    const indent = minOf(body.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')).map(indentOf));
    if (body.some((l) => indentOf(l) === indent && /^\s*env_file\s*:/.test(l))) continue;
    const naming = body.findIndex((l) => ref.test(l));
    owners.push({ service: span.from, line: span.from + 1 + naming });
  }
  return owners;
}

/** Each service's `env_file:` entries, in the order compose reads them. */
export function composeEnvFiles(lines: readonly string[]): EnvFileEntry[] {
  if (!isComposeFile(lines)) return [];
  const spans = containerSpans(lines);
  const all: EnvFileEntry[] = [];
  lines.forEach((raw, i) => {
    if (!/^\s+env_file\s*:/.test(raw)) return;
    for (const owner of envFileOwners(lines, spans, i + 1)) {
      for (const e of envFilesAt(lines, i, owner.service)) all.push(owner.line === i + 1 ? e : { ...e, line: owner.line, at: e.line });
    }
  });
  // In the order each service reads them: a service's files by where they are written.
  return all.sort((a, b) => a.service - b.service || (a.at ?? a.line) - (b.at ?? b.line));
}

/** The entries of the `env_file:` key on line `i` (0-based), for the service `owner`. */
function envFilesAt(lines: readonly string[], i: number, owner: number): EnvFileEntry[] {
  const out: EnvFileEntry[] = [];
  const raw = lines[i]!;
  {
    const m = /^(\s+)env_file\s*:\s*(.*?)\s*$/.exec(raw);
    if (!m) return out;
    const value = m[2]!.replace(/^#.*$/, '');
    if (value !== '') {
      const maps = flowMappingItems(value);
      if (maps) {
        for (const body of maps) {
          const entry: EnvFileEntry = { service: owner, line: i + 1, written: '', optional: false };
          setFlowKeys(entry, body);
          if (entry.written !== '') out.push(entry);
        }
        return out;
      }
      for (const written of yamlFlowList(value) ?? [scalar(value)]) out.push({ service: owner, line: i + 1, written, optional: false });
      return out;
    }
    // A block list: `- path` items, or `- path: x` mappings with `required:` (compose 2.24) and
    // `format:`, also written as flow mappings (`- {path: x, required: false}`).
    const key = indentOf(raw);
    let entry: EnvFileEntry | undefined;
    for (let k = i + 1; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const own = indentOf(l);
      const item = /^\s*-\s+(.*?)\s*$/.exec(l);
      if (own < key || (own === key && !item)) break;
      const flow = item && /^\{(.*)\}$/.exec(scalar(item[1]!));
      if (flow) {
        entry = { service: owner, line: k + 1, written: '', optional: false };
        setFlowKeys(entry, flow[1]!);
        if (entry.written !== '') out.push(entry);
        entry = undefined;
        continue;
      }
      const setting = /^(?:-\s+)?(path|required|format)\s*:\s*(.+)$/.exec(l.trim());
      if (item && !setting) {
        entry = undefined;
        out.push({ service: owner, line: k + 1, written: scalar(item[1]!), optional: false });
        continue;
      }
      if (!setting) continue;
      // A mapping item: its first key (`- path:`, `- required:`) starts it, the keys under it fill it.
      if (item || !entry) {
        entry = { service: owner, line: k + 1, written: '', optional: false };
        out.push(entry);
      }
      setKey(entry, setting[1]!, scalar(setting[2]!));
    }
  }
  return out.filter((e) => e.written !== '');
}

/** The keys of a flow mapping's body (`path: x, required: false`) set on `entry`. */
function setFlowKeys(entry: EnvFileEntry, body: string): void {
  for (const m of body.matchAll(/(path|required|format)\s*:\s*("[^"]*"|'[^']*'|[^,}]+)/g)) setKey(entry, m[1]!, scalar(m[2]!));
}

/**
 * The bodies of a one-line flow list holding flow mappings, `[{path: a.env, format: raw}, b.env]`
 * (a plain item is the body `path: b.env`), or undefined for any other value (yaml-flow-list.ts
 * reads a list of plain paths; a list it cannot split so is left as before).
 */
function flowMappingItems(value: string): string[] | undefined {
  const m = /^\[(.*)\]$/.exec(value.trim());
  if (!m || !m[1]!.includes('{')) return undefined;
  const bodies: string[] = [];
  const item = /\s*(?:\{([^{}[\]]*)\}|("[^"]*"|'[^']*'|[^,{}[\]"']+?))\s*(,|$)/y;
  for (let at = 0; at < m[1]!.length; ) {
    item.lastIndex = at;
    const got = item.exec(m[1]!);
    if (!got || got[0] === '') return undefined;
    bodies.push(got[1] ?? `path: ${got[2]!}`);
    at = item.lastIndex;
  }
  return bodies;
}

/** One key of a long-syntax `env_file:` item. */
function setKey(entry: EnvFileEntry, key: string, value: string): void {
  if (key === 'path') entry.written = value;
  else if (key === 'required') entry.optional = /^false$/i.test(value);
  else entry.format = value;
}

/** Whether compose reads an env file of `format:` (compose-go `dotenv/format.go`: `.env`, the default; docker compose adds `raw`). */
export function knownFormat(format: string | undefined): boolean {
  return format === undefined || format === '.env' || format === 'raw';
}

/**
 * Each service's entries as compose keeps them: a path named twice in one service's list is one
 * entry, the later replacing the earlier at its place, so its `required:` and `format:` are the
 * later's (compose-go `override/uncity.go` EnforceUnicity, `seq[j] = entry`; the key the path as
 * written, envFileIndexer).
 */
export function unitedEnvFiles(entries: readonly EnvFileEntry[]): EnvFileEntry[] {
  const at = new Map<string, number>();
  const out: EnvFileEntry[] = [];
  for (const e of entries) {
    const key = `${e.service}\0${e.written}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(e);
    } else out[i] = e;
  }
  return out;
}

/**
 * An env file of a `format:` compose does not read, as compose keeps the service's list, which
 * stops the whole project: compose-go `types/project.go` WithServicesEnvironmentResolved returns
 * loadEnvFile's error for the project, and `dotenv/format.go` ParseWithFormat's is
 * `unsupported env_file format` (loadEnvFile skips only a missing file with `required: false`;
 * a missing required one stops it as well, "env file ... not found"). So no service of the file
 * ran as written: the reason, by the entry's line, or undefined.
 */
export function unreadableEnvFormat(lines: readonly string[], beside: Beside | undefined): { line: number; reason: string } | undefined {
  for (const e of unitedEnvFiles(composeEnvFiles(lines))) {
    if (knownFormat(e.format)) continue;
    const p = beside ? besidePath(e.written, beside.dir) : undefined;
    const here = p !== undefined && 'path' in p && beside!.files.has(p.path);
    const stops = here || !e.optional ? 'compose stops the whole project on it' : 'compose stops the whole project on it wherever that file exists (it is `required: false`, and this dump lacks it)';
    return { line: e.at ?? e.line, reason: `env_file ${e.written} has format: ${e.format}, which compose does not read ("unsupported env_file format", compose-go dotenv/format.go), and ${stops} (types/project.go WithServicesEnvironmentResolved): no service of this file ran with these settings, so nothing of it is imported; mend the format (\`.env\` or \`raw\`) or drop the line` };
  }
  return undefined;
}

/** Whether a pod spec takes variables from Secrets or ConfigMaps, which may be in other files of its folder. */
export function takesEnvSources(text: string): boolean {
  return /^\s*(?:-\s+)?(?:envFrom|secretKeyRef|configMapKeyRef)\s*:/m.test(text) && /^\s*(?:-\s+)?(?:initContainers|containers)\s*:/m.test(text);
}

export interface Wanted {
  /** Files by their path relative to the container file's folder. */
  paths: string[];
  /** Also every manifest (`.yaml`, `.yml`, `.json`) of its own folder. */
  manifests: boolean;
}

/** What a container file in the folder `dir` of its dump takes from files beside it (paths in the dump), or undefined for a file that takes nothing. */
export function companionsWanted(text: string, dir = ''): Wanted | undefined {
  if (!/^[\w.-]+:\s*$|envFrom|KeyRef|^\s+extends\s*:/m.test(text)) return undefined;
  const lines = text.split(/\r?\n/);
  const compose = isComposeFile(lines);
  const paths = compose ? [besideKey({ dir }, '.env')] : [];
  for (const e of composeEnvFiles(lines)) {
    const p = besidePath(e.written, dir);
    if ('path' in p && !paths.includes(p.path)) paths.push(p.path);
  }
  // The files its services extend (compose-extends.ts), whose own companions the caller adds in turn.
  for (const link of compose ? extendsLinks(lines) : []) {
    const p = link.file === undefined ? undefined : besidePath(link.file, dir);
    if (p && 'path' in p && !paths.includes(p.path)) paths.push(p.path);
  }
  const manifests = !compose && takesEnvSources(text);
  return paths.length > 0 || manifests ? { paths, manifests } : undefined;
}

/**
 * The files of `beside` the container file takes its settings from: never imported again as dumps
 * of their own (their accounts count once, through the containers using them). A compose file's
 * env files, and its `.env` where it names one of its variables or reads it as an env file (a
 * `.env` whose variables no value uses is imported as it would be alone); a pod spec's manifests
 * whose Secrets or ConfigMaps its containers name (`envFrom:`, or one key: `secretKeyRef:`).
 */
export function companionsUsed(text: string, beside: Beside): string[] {
  const lines = text.split(/\r?\n/);
  const used = new Set<string>();
  if (isComposeFile(lines)) {
    for (const e of composeEnvFiles(lines)) {
      const p = besidePath(e.written, beside.dir);
      if ('path' in p && beside.files.has(p.path)) used.add(p.path);
    }
    const dotEnv = besideKey(beside, '.env');
    const names = [...(beside.files.get(dotEnv) ?? '').matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]/gm)].map((m) => m[1]!);
    // Its values or the override's (compose-override.ts), which compose interpolates with it too.
    // And the files its services extend (compose-extends.ts), read with the same `.env`.
    const bases = [...beside.files.entries()].filter(([p, t]) => p !== beside.override && p !== dotEnv && isComposeFile(t.split(/\r?\n/))).map(([, t]) => t);
    const values = [text, ...(beside.override ? [beside.files.get(beside.override) ?? ''] : []), ...bases].join('\n');
    if (names.some((n) => new RegExp(`\\$\\{?${n}(?![A-Za-z0-9_])`).test(values))) used.add(dotEnv);
  } else {
    for (const v of envFromValues(lines, beside)) if (v.path !== undefined) used.add(v.path);
    for (const v of keyRefValues(lines, beside).values()) if (v.path !== undefined) used.add(v.path);
  }
  return [...used];
}

/**
 * A compose file's env files that were not read, said by the line naming each: one outside the dump
 * or behind a link refused (a rejected line), one the dump lacks a note (compose would not start the
 * service without it, unless `required: false`; the operator may hold it elsewhere).
 */
export function companionRefusals(text: string, beside: Beside): { rejected: { line: number; reason: string }[]; notes: string[] } {
  const rejected: { line: number; reason: string }[] = [];
  const notes: string[] = [];
  for (const e of unitedEnvFiles(composeEnvFiles(text.split(/\r?\n/)))) {
    // Named once in an anchor's block merged by several services: said once, by that line.
    const line = e.at ?? e.line;
    const p = besidePath(e.written, beside.dir);
    if ('refused' in p) rejected.push({ line, reason: `env_file ${p.refused}` });
    else if (!knownFormat(e.format)) rejected.push({ line, reason: `env_file ${e.written} has format: ${e.format}, which compose does not read ("unsupported env_file format"): it refuses the project, so its variables reached no container` });
    else if (beside.refused.has(p.path)) rejected.push({ line, reason: `env_file ${e.written}: ${beside.refused.get(p.path)}` });
    else if (!beside.files.has(p.path) && !e.optional) notes.push(`line ${line}: env_file ${e.written} is not in this dump: the service's variables from it were not read`);
  }
  const once = new Set<string>();
  return { rejected: rejected.filter((r) => !once.has(`${r.line} ${r.reason}`) && once.add(`${r.line} ${r.reason}`)), notes: [...new Set(notes)] };
}
