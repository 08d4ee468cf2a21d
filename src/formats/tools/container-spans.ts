// Which container a line of a container file belongs to, as the lines that make it up: a compose
// service (its key under `services:` to the next service's), a `docker run` command (its line and
// the lines its `\` or `^` continues onto), a Kubernetes container (an item of a pod's
// `containers:` list, pod-containers.ts), an ECS container (an object of a task definition's
// `"containerDefinitions"`, ecs-containers.ts). An image's plain variables (benmag's `USERNAME`) are that
// image's only in the container naming it: a postgres service's `USERNAME` beside the bot's is the
// database's login. A compose service merging a YAML anchor (`<<: *bot`) names what the anchor's
// block names, and one extending another service of the same file (`extends: bot` or `extends:`
// `service: bot`, the Compose Specification's `extends` without `file:`) is that service with its
// own settings over it: its image and its environment (a `file:` of another file is not followed).
import { serviceScopes, DOCKER_RUN } from './rocketmap-container.js';
import { podContainerScopes } from './pod-containers.js';
import { ecsContainerScopes } from './ecs-containers.js';
import { isVersion1Compose } from './compose-interpolation.js';
import { appendAll } from '../long-arrays.js';

export interface Span {
  /** A name for the container, the same for every line of it. */
  key: string;
  /** First and last line (1-based) of the container's text. */
  from: number;
  to: number;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
/** `name` matched as written inside a RegExp (an anchor's or a service's name may hold `.`). */
const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines grouped by `scope` (undefined: no group) into spans, keyed `kind first-line`. */
function spansOf(count: number, scope: (line: number) => number | undefined, kind: string): Span[] {
  const byStart = new Map<number, Span>();
  for (let line = 1; line <= count; line++) {
    const s = scope(line);
    if (s === undefined || s === 0) continue;
    const span = byStart.get(s) ?? { key: `${kind} ${s}`, from: line, to: line };
    span.to = line;
    byStart.set(s, span);
  }
  return [...byStart.values()];
}

/** The `docker run` commands, each with its continuation lines. */
function runSpans(lines: readonly string[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!DOCKER_RUN.test(lines[i]!)) continue;
    let k = i;
    while (k + 1 < lines.length && /[\\^]\s*$/.test(lines[k]!)) k++;
    out.push({ key: `run ${i + 1}`, from: i + 1, to: k + 1 });
    i = k;
  }
  return out;
}

/** Every container of the file: compose services, `docker run` commands, Kubernetes and ECS containers. */
export function containerSpans(lines: readonly string[]): Span[] {
  const services = lines.some((l) => /^services:\s*$/.test(l)) || isVersion1Compose(lines) ? spansOf(lines.length, serviceScopes(lines as string[]), 'service') : [];
  // A service's span ends where the `services:` block does (the next top-level key).
  for (const s of services) {
    for (let line = s.from + 1; line <= s.to; line++) {
      const l = lines[line - 1]!;
      if (l.trim() !== '' && !l.trimStart().startsWith('#') && indentOf(l) === 0) {
        s.to = line - 1;
        break;
      }
    }
  }
  return [...services, ...runSpans(lines), ...spansOf(lines.length, podContainerScopes(lines), 'pod'), ...spansOf(lines.length, ecsContainerScopes(lines), 'ecs')];
}

/** The container holding `line`, the innermost (shortest) where spans nest, or undefined. */
export function spanAt(spans: readonly Span[], line: number): Span | undefined {
  let best: Span | undefined;
  for (const s of spans) if (s.from <= line && line <= s.to && (!best || s.to - s.from < best.to - best.from)) best = s;
  return best;
}

/** The lines of the YAML block an anchor `&name` opens: its line and those indented under it. */
function anchorBlock(lines: readonly string[], name: string): string[] {
  const at = lines.findIndex((l) => new RegExp(`&${literal(name)}(?:\\s|$)`).test(l));
  if (at < 0) return [];
  const own = indentOf(lines[at]!);
  const out = [lines[at]!];
  for (let k = at + 1; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    if (indentOf(l) <= own) break;
    out.push(l);
  }
  return out;
}

/**
 * The anchors a `<<:` line merges, in order: `<<: *a` or a list `<<: [*a, *b]` (YAML's merge key
 * takes a sequence of mappings too, yaml.org/type/merge.html).
 */
export function mergedAnchors(line: string): string[] {
  const m = /^\s*(?:-\s+)?<<\s*:\s*(\*[\w.-]+|\[[^\]]*\])/.exec(line);
  return m ? [...m[1]!.matchAll(/\*([\w.-]+)/g)].map((r) => r[1]!) : [];
}

/** Whether anchor `name`'s mapping has the key `key` of its own (at its first level). */
function anchorHasKey(lines: readonly string[], name: string, key: string): boolean {
  const block = anchorBlock(lines, name).slice(1);
  const child = block.length > 0 ? indentOf(block[0]!) : -1;
  return block.some((l) => indentOf(l) === child && new RegExp(`^\\s*${literal(key)}\\s*:`).test(l));
}

/**
 * The anchor (`x-db: &dbenv`) whose block holds `line`, climbing its parents, when the line lies
 * in one: a block outside every service that the services merging or naming it (`<<: *dbenv`,
 * `environment: *dbenv`) take as theirs.
 */
export function anchorHolding(lines: readonly string[], line: number): string | undefined {
  let indent = indentOf(lines[line - 1]!);
  for (let k = line - 1; k >= 1 && indent > 0; k--) {
    const l = lines[k - 1]!;
    if (l.trim() === '' || l.trimStart().startsWith('#') || indentOf(l) >= indent) continue;
    const m = /&([\w.-]+)(?:\s|$)/.exec(l);
    if (m) return m[1];
    indent = indentOf(l);
  }
  return undefined;
}

/**
 * The containers a line outside every container takes effect in, where it lies in an anchor's
 * block (`x-env: &env`): those naming the anchor whose own keys do not replace what it gives
 * (mergedAway); undefined for a line in no such block (an env file's: the file's own).
 */
export function anchoredInto(lines: readonly string[], spans: readonly Span[], line: number): Span[] | undefined {
  if (spans.length === 0 || spanAt(spans, line)) return undefined;
  const anchor = anchorHolding(lines, line);
  return anchor === undefined ? undefined : spans.filter((s) => spanRefers(lines, s, anchor) && !mergedAway(lines, s, anchor, line));
}

/**
 * A compose file's settings with those in an anchor's block outside every service (`x-env: &env`,
 * merged by `<<: *env`) copied into each service naming it (`into`: the copy for that service), put
 * first so that the service's own settings, later, win; a block no service names is nobody's.
 */
export function withAnchoredCopies<T extends { line: number; container?: number }>(lines: readonly string[], settings: T[], into: (v: T, span: Span) => T): T[] {
  if (!lines.some((l) => /&[\w.-]+(?:\s|$)/.test(l))) return settings;
  const spans = containerSpans(lines);
  const merged: T[] = [];
  const own: T[] = [];
  for (const v of settings) {
    const targets = v.container === undefined ? anchoredInto(lines, spans, v.line) : undefined;
    if (targets) appendAll(merged, targets.map((s) => into(v, s)));
    else own.push(v);
  }
  return [...merged, ...own];
}

/** Whether the container's own lines name the anchor `name` (`<<: *name`, `environment: *name`). */
export function spanRefers(lines: readonly string[], span: Span, name: string): boolean {
  const ref = new RegExp(`\\*${literal(name)}(?![\\w.-])`);
  for (let line = span.from; line <= span.to; line++) if (ref.test(lines[line - 1]!)) return true;
  return false;
}

/**
 * Whether the line `line` of anchor `name`'s block is replaced in the container by YAML's merge:
 * `<<: *name` merges the anchor's mapping key by key into the service's own, the service's own key
 * winning whole, and in `<<: [*a, *b]` the first mapping's key over a later one's (YAML's merge key type, yaml.org/type/merge.html; go-yaml v3, which compose-go's
 * loader uses, does the same): an anchor's `environment:` is none of a service that writes its own
 * `environment:`, whatever variables each holds. A reference deeper in the service (`environment:
 * *name`, or `<<: *name` inside its own `environment:` map) merges the variables themselves.
 */
export function mergedAway(lines: readonly string[], span: Span, name: string, line: number): boolean {
  const at = lines.findIndex((l) => new RegExp(`&${literal(name)}(?:\\s|$)`).test(l));
  if (at < 0 || line - 1 <= at) return false;
  const content = (k: number) => lines[k] !== undefined && lines[k]!.trim() !== '' && !lines[k]!.trimStart().startsWith('#');
  let child = -1;
  for (let k = at + 1; k < lines.length; k++) if (content(k)) { child = indentOf(lines[k]!); break; }
  // The anchor's own key (`environment:`) holding the line: the key the merge puts in the service.
  let key: string | undefined;
  for (let k = line - 1; k > at; k--) {
    if (!content(k) || indentOf(lines[k]!) !== child) continue;
    key = k === line - 1 ? undefined : /^\s*([\w.-]+)\s*:/.exec(lines[k]!)?.[1];
    break;
  }
  if (key === undefined) return false;
  let own = -1;
  for (let k = span.from; k < span.to; k++) if (content(k)) { own = indentOf(lines[k]!); break; }
  const body = lines.slice(span.from, span.to).filter((l) => l.trim() !== '' && indentOf(l) === own);
  const merge = body.map(mergedAnchors).find((names) => names.includes(name));
  if (!merge) return false;
  // The service's own key wins; in a list `<<: [*a, *b]` an earlier mapping's key wins over a later one's.
  return body.some((l) => new RegExp(`^\\s*${literal(key!)}\\s*:`).test(l)) || merge.slice(0, merge.indexOf(name)).some((n) => anchorHasKey(lines, n, key!));
}

/** The compose service `span` extends in the same file (`extends: NAME`, or `service: NAME` under `extends:` without `file:`), or undefined. */
export function extendedService(lines: readonly string[], spans: readonly Span[], span: Span): Span | undefined {
  if (!span.key.startsWith('service ')) return undefined;
  for (let line = span.from + 1; line <= span.to; line++) {
    const l = lines[line - 1]!;
    const m = /^(\s+)extends:\s*(.*?)\s*$/.exec(l);
    if (!m) continue;
    let name = m[2]!.replace(/^["']|["']$/g, '');
    if (name === '') {
      for (let k = line + 1; k <= span.to && indentOf(lines[k - 1]!) > m[1]!.length; k++) {
        const entry = /^\s+(service|file):\s*["']?([^"'#\s]+)["']?/.exec(lines[k - 1]!);
        if (entry?.[1] === 'file') return undefined; // another file: not read here
        if (entry?.[1] === 'service') name = entry[2]!;
      }
    }
    return spans.find((s) => s.key.startsWith('service ') && s !== span && new RegExp(`^\\s+["']?${literal(name)}["']?:\\s*$`).test(lines[s.from - 1]!));
  }
  return undefined;
}

/** Whether the container's own lines, a block it merges (`<<: *name`) or the service it extends name `image`. */
export function spanNames(lines: readonly string[], span: Span, image: RegExp, spans: readonly Span[] = [], seen = new Set<Span>()): boolean {
  seen.add(span);
  for (let line = span.from; line <= span.to; line++) {
    const l = lines[line - 1]!;
    if (image.test(l)) return true;
    for (const name of mergedAnchors(l)) if (anchorBlock(lines, name).some((b) => image.test(b))) return true;
  }
  const base = extendedService(lines, spans, span);
  return base !== undefined && !seen.has(base) && spanNames(lines, base, image, spans, seen);
}
