// A compose service's `extends:` (the Compose Specification's `services.md` "extends": `extends:
// NAME`, or `service:` with an optional `file:`), as compose-go resolves it (`loader/extends.go`
// applyServiceExtends): the base service, of the same file or of `file:` (a path relative to the
// extending file's folder, the base's own relative paths then resolved from its folder:
// getExtendsBaseFromFile), itself extended first; a chain that comes back to a service it passed
// is an error compose stops on. The base is then merged under the service (`override/merge.go`
// mergeSpecials): `command:` and `entrypoint:` the service's own replace the base's whole,
// `environment:` is the base's followed by the service's (a variable set by both: the service's),
// sequences such as `env_file:` the base's followed by the service's, `image:` and other scalars
// the service's where it has one.
//
// This module finds the links and the files they lead to; what each reader takes from the base
// (its variables, its command) is the reader's (rocketmap-command.ts).
import { containerSpans, type Span } from './container-spans.js';
import { isComposeFile } from './compose-interpolation.js';
import { besideKey, besidePath, type Beside } from '../beside.js';
import { minOf } from '../long-arrays.js';

export interface ExtendsLink {
  /** The extending service: its span in the file. */
  span: Span;
  /** The `extends:` line (1-based). */
  line: number;
  /** The base service's name. */
  service: string;
  /** `file:` as written, where the base is in another file. */
  file?: string;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const scalar = (v: string) => v.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each service of a compose file that extends another, with the base it names. */
export function extendsLinks(lines: readonly string[]): ExtendsLink[] {
  if (!isComposeFile(lines) || !lines.some((l) => /^\s+extends\s*:/.test(l))) return [];
  const out: ExtendsLink[] = [];
  for (const span of containerSpans(lines)) {
    if (!span.key.startsWith('service ')) continue;
    const body = lines.slice(span.from, span.to);
    const own = minOf(body.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')).map(indentOf));
    const at = body.findIndex((l) => indentOf(l) === own && /^\s*extends\s*:/.test(l));
    if (at < 0) continue;
    const line = span.from + 1 + at;
    const value = scalar(/^\s*extends\s*:(.*)$/.exec(lines[line - 1]!)![1]!);
    let service: string | undefined;
    let file: string | undefined;
    if (value.startsWith('{')) {
      // A flow mapping: `extends: {file: common.yml, service: base}`.
      for (const m of value.slice(1, -1).matchAll(/(service|file)\s*:\s*("[^"]*"|'[^']*'|[^,}]+)/g)) {
        if (m[1] === 'service') service = scalar(m[2]!);
        else file = scalar(m[2]!);
      }
    } else if (value !== '') service = value;
    else {
      for (let k = line + 1; k <= span.to; k++) {
        const l = lines[k - 1]!;
        if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
        if (indentOf(l) <= own) break;
        const m = /^\s*(service|file)\s*:\s*(.*)$/.exec(l);
        if (m?.[1] === 'service') service = scalar(m[2]!);
        else if (m?.[1] === 'file') file = scalar(m[2]!);
      }
    }
    if (service !== undefined && service !== '') out.push({ span, line, service, ...(file !== undefined ? { file } : {}) });
  }
  return out;
}

/** The span of the service `name` in a compose file, or undefined; a version 1 file's services are its top-level keys (docker/compose `docs/extends.md` of 2015: `webapp:` in `common-services.yml`). */
export function serviceSpan(lines: readonly string[], name: string): Span | undefined {
  const key = new RegExp(`^\\s*["']?${literal(name)}["']?\\s*:\\s*(?:#.*)?$`);
  return containerSpans(lines).find((s) => s.key.startsWith('service ') && key.test(lines[s.from - 1]!));
}

/** The compose file a service's base is in: its lines, its path in the dump, and the files beside it as its own folder sees them. */
export interface BaseFile {
  lines: string[];
  path: string;
  beside: Beside | undefined;
}

/**
 * The extending compose file `lines` (named `name`, its folder's files `beside`) as a base file too (a
 * base may extend a service of it: `file: ../docker-compose.yml`, so it is in the dump), and the
 * project's `.env` every file of the project is interpolated with (`baseFileOf`'s `projectEnv`).
 */
export function extendingFile(lines: string[], name: string, beside: Beside | undefined): { self: BaseFile; projectEnv: string | undefined } {
  const file = name.slice(name.lastIndexOf('/') + 1);
  const path = beside && beside.dir !== '' ? `${beside.dir}/${file}` : file;
  return {
    self: { lines, path, beside: beside && { ...beside, files: new Map(beside.files).set(path, lines.join('\n')) } },
    projectEnv: beside?.files.get(beside.dir === '' ? '.env' : `${beside.dir}/.env`),
  };
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * The file `link` takes its base from, the file at `path` (in the dump) being the extending one:
 * the same file, or `file:` read from the dump; or why it is not read. Interpolation stays the
 * project's (`.env` of the first file's folder, `projectEnv`), as compose reads every file of a
 * project with it; the base's own `env_file:` paths are resolved from its own folder.
 */
export function baseFileOf(link: ExtendsLink, current: BaseFile, projectEnv: string | undefined): BaseFile | { problem: string } {
  if (link.file === undefined) return current;
  const p = besidePath(link.file, dirOf(current.path));
  if ('refused' in p) return { problem: `extends file ${p.refused}` };
  const beside = current.beside;
  if (beside?.refused.has(p.path)) return { problem: `extends file ${link.file}: ${beside.refused.get(p.path)}` };
  const text = beside?.files.get(p.path) ?? (p.path === current.path ? current.lines.join('\n') : undefined);
  if (text === undefined) {
    return { problem: `extends service ${link.service} of ${link.file}, which is not in this dump: which account compose gives this service is unsure (import the folder or archive holding both, or the output of \`docker compose config\`)` };
  }
  const dir = dirOf(p.path);
  // The base's folder sees the project's `.env`, never one of its own.
  const files = new Map(beside!.files);
  files.delete(besideKey({ dir }, '.env'));
  if (projectEnv !== undefined) files.set(besideKey({ dir }, '.env'), projectEnv);
  return { lines: text.split(/\r?\n/), path: p.path, beside: { dir, files, refused: beside!.refused } };
}

/** A base service a chain of `extends:` passes: its file, and its span there. */
export interface ExtendsBase {
  file: BaseFile;
  span: Span;
  /** Reached through a `file:` link (this one or a nearer one): compose-go loaded its file apart, its paths joined to its folder (compose-environment.ts). */
  viaFile: boolean;
}

/** The bases a service's `extends:` leads to, nearest first; where the walk stops short, why. */
export interface ExtendsChain {
  bases: ExtendsBase[];
  /** Why the walk stopped before a base without `extends:`: that service's settings are unsure. */
  problem?: string;
  /** A problem compose refuses the whole project for (a cycle, a base service its file does not hold). */
  fatal?: boolean;
}

const serviceName = (lines: readonly string[], span: Span) => /^\s*["']?([^"':]+)["']?\s*:/.exec(lines[span.from - 1]!)?.[1] ?? '?';

/**
 * The one walk of a service's `extends:` chain, as compose-go's loader/extends.go follows it
 * (each base extended first, from its own file and folder): the services `link`'s service
 * extends, nearest first, every reader taking from them what it reads (extends-variables.ts,
 * rocketmap-extends.ts). A base the dump lacks stops the walk with a problem; a base service its
 * file does not hold, or a chain coming back to a service it passed, is an error compose refuses
 * the whole project for (`fatal`), the chain named.
 */
export function extendsChain(self: BaseFile, link: ExtendsLink, projectEnv: string | undefined): ExtendsChain {
  const bases: ExtendsBase[] = [];
  const seen = [`${self.path} service ${serviceName(self.lines, link.span)}`];
  let file = self;
  let viaFile = false;
  for (let next: ExtendsLink | undefined = link; next; ) {
    const base = baseFileOf(next, file, projectEnv);
    if ('problem' in base) return { bases, problem: base.problem };
    const span = serviceSpan(base.lines, next.service);
    const where = `${base.path} service ${next.service}`;
    if (!span) return { bases, problem: `extends service ${next.service}, which ${base.path} does not hold: compose refuses the file, so no service of it started`, fatal: true };
    if (seen.includes(where)) return { bases, problem: `extends comes back to ${where} (${[...seen, where].join(' extends ')}): compose refuses a cycle, so no service of this file started`, fatal: true };
    seen.push(where);
    viaFile ||= next.file !== undefined;
    bases.push({ file: base, span, viaFile });
    file = base;
    const from = span.from;
    next = extendsLinks(base.lines).find((l) => l.span.from === from);
  }
  return { bases };
}

/** Whether the service's own lines (not its base's) set `key:` (`command`, `entrypoint`). */
export function setsOwn(lines: readonly string[], span: Span, key: string): boolean {
  const body = lines.slice(span.from, span.to);
  const own = minOf(body.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')).map(indentOf));
  return body.some((l) => indentOf(l) === own && new RegExp(`^\\s*${literal(key)}\\s*:`).test(l));
}
