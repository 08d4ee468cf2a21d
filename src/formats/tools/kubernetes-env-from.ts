// A Kubernetes container's `envFrom:` (the Kubernetes API's EnvFromSource: `secretRef` or
// `configMapRef` naming a Secret or ConfigMap, and an optional `prefix` put before each key): every
// key of the named object becomes a variable of that container (kubernetes/website `content/en/docs/
// tasks/inject-data-application/distribute-credentials-secure.md`, "Configure all key-value pairs in
// a Secret as container environment variables"; `.../configure-pod-configmap.md`, "Configure all
// key-value pairs in a ConfigMap as container environment variables"). A Secret's `data:` holds its
// values base64-encoded and `stringData:` plain text merged over it; a ConfigMap's `data:` is plain
// text (its `binaryData:` never becomes a variable). Where two sources give a key the last source
// wins, and the container's own `env:` wins over all of them (the API's Container.envFrom doc).
// A Secret's or ConfigMap's keys belong to the containers naming it in the same file (or, where the
// import holds the folder, in another manifest of it: beside.ts), and to no other: a database's Secret of `USERNAME`/`PASSWORD` is not the bot's login, so no reader reads
// those documents' lines as the file's own (envSourceRanges).
// A pod finds them in its own namespace only (the API resolves secretRef, secretKeyRef and their
// ConfigMap kin in the pod's namespace; a pod template takes its workload's): the objects are found by
// kind and name in a namespace that may be the pod's, an object naming no namespace being in the one
// it is applied to (sameNamespace: a Secret naming none is the pod's, whatever namespace the pod
// names, as `kubectl apply -n X` puts them together; a pod naming none is in `default`). Where two objects
// of one kind, namespace and name could both apply and differ on a key, that key's value is unsure:
// its account is refused by its line, never given one of the two passwords by file order.
import type { Document, Node } from 'yaml';
// Loaded on first use (yaml-lazy.ts): only a manifest naming envFrom needs the parser.
import { yaml } from '../../yaml-lazy.js';
import { yamlShapeProblem } from '../../yaml-shape.js';
import { itemsOf, pairsOf, scalarText as text, valueAt } from './yaml-mapping.js';
import type { Beside } from '../beside.js';
import { isManifestName } from '../beside.js';

export interface EnvFromValue {
  /** First line (1-based) of the container item getting it: pod-containers.ts's key for that container. */
  container: number;
  /** The variable's name: the source's `prefix` and the key. */
  name: string;
  /** The value as the container gets it; undefined with `problem` where this reader cannot be sure. */
  value: string | undefined;
  /** The key's line (1-based) in its Secret or ConfigMap. */
  line: number;
  /** Why the value is unsure (said after the variable's name). */
  problem?: string;
  /** From a manifest beside the file (beside.ts): its path in the dump. */
  path?: string;
}

const SOURCE_KIND = /^(?:Secret|ConfigMap)$/;

/**
 * A `data:` value of a Secret as the container gets it: standard base64 (RFC 4648, as the API server
 * checks it) decoded, or undefined where it is no base64 or its bytes are no UTF-8 text, which this
 * reader cannot be sure the bot would log in with.
 */
export function decodedSecretValue(value: string): string | undefined {
  const v = value.trim();
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(v, 'base64'));
  } catch {
    return undefined;
  }
}

interface Parsed {
  docs: { node: Node; doc: Document.Parsed; first: number; last: number }[];
  line: (offset: number) => number;
}

/** The file's YAML documents (those YAML reads without error), each with its lines; none for a file that is no YAML. */
function parsed(lines: readonly string[]): Parsed {
  const { LineCounter, parseAllDocuments } = yaml();
  const counter = new LineCounter();
  const docs: Parsed['docs'] = [];
  const line = (offset: number) => counter.linePos(offset).line;
  const all = lines.join('\n');
  // Nesting no manifest has: the yaml package's recursion aborts the process on it (yaml-shape.ts); readDump refuses such a file by its line.
  if (yamlShapeProblem(all, Infinity)) return { docs: [], line };
  try {
    for (const doc of parseAllDocuments(all, { lineCounter: counter, uniqueKeys: false })) {
      if (!('contents' in doc) || doc.errors.length > 0 || !doc.contents) continue;
      const [start, , end] = doc.contents.range ?? [0, 0, 0];
      docs.push({ node: doc.contents, doc, first: line(start), last: line(Math.max(start, end - 1)) });
    }
  } catch {
    return { docs: [], line };
  }
  return { docs, line };
}


/** First and last line (1-based) of each Secret or ConfigMap document: no reader takes their lines as the file's own. */
export function envSourceRanges(lines: readonly string[]): { from: number; to: number }[] {
  if (!/^kind:\s*["']?(?:Secret|ConfigMap)/m.test(lines.join('\n'))) return [];
  return parsed(lines).docs.filter((d) => SOURCE_KIND.test(text(valueAt(d.node, 'kind', d.doc)) ?? '')).map((d) => ({ from: d.first, to: d.last }));
}

type SourceKey = { name: string; value: string | undefined; line: number; problem?: string };
/** One Secret or ConfigMap: what it is found by, its keys, and the first line of its document. */
type Source = { kind: string; namespace: string; name: string; keys: SourceKey[]; line: number; path?: string };

/** An object's namespace: its `metadata.namespace`, '' where it names none (it goes where it is applied: matches). */
function namespaceOf(node: unknown, doc: Document.Parsed): string {
  return text(valueAt(valueAt(node, 'metadata', doc), 'namespace', doc)) ?? '';
}

/**
 * Whether an object of namespace `object` ('' where it names none) may be in the pod's namespace
 * `pod`: kubectl puts an object naming no namespace in the one it applies the files to (`-n X`,
 * else the context's, `default` unless set: kubernetes/website `content/en/docs/concepts/overview/
 * working-with-objects/namespaces.md`, "Setting the namespace for a request"), the same for the
 * pod and the Secret applied together, and refuses `-n X` for a manifest naming another (`the
 * namespace from the provided object "Y" does not match the namespace "X"`): so `kubectl apply -n
 * prod -f dir/`, the only `-n` applying a pod naming `prod`, puts a Secret naming none beside it
 * with it. A Secret naming none is the pod's whatever the pod names; one naming a namespace is the
 * pod's where the pod names the same (a pod naming none: `default`, the usual context's).
 */
const sameNamespace = (pod: string, object: string) => object === '' || (pod || 'default') === object;

/** A Kubernetes object (`kind:` and `metadata:`), not a mapping inside one that happens to hold a `kind:` (a volume claim's `dataSourceRef`). */
function isObject(node: unknown, doc: Document.Parsed): boolean {
  return valueAt(node, 'kind', doc) !== undefined && valueAt(node, 'metadata', doc) !== undefined;
}

/** The key Secrets and ConfigMaps are listed by: kind and name (their namespace compared by sameNamespace). */
const sourceKey = (kind: string, name: string | undefined) => `${kind} ${name}`;

/**
 * The keys a pod gets from the objects of one kind, namespace and name: the one object's; where
 * several could apply, each key they all give alike, and each other key unsure (a problem naming
 * the objects' lines), whichever of them the cluster holds last being unknown to this reader.
 */
function keysOf(candidates: readonly Source[], pod: string): SourceKey[] {
  const [one] = candidates;
  if (one === undefined) return [];
  if (candidates.length === 1) return one.keys;
  const { kind, name } = one;
  const namespace = pod || 'default';
  const names = [...new Set(candidates.flatMap((c) => c.keys.map((k) => k.name)))];
  const lines = candidates.map((c) => (c.path === undefined ? c.line : `${c.path}:${c.line}`)).join(', ');
  return names.map((key) => {
    const found = candidates.map((c) => c.keys.filter((k) => k.name === key).at(-1));
    const last = found.filter((k) => k !== undefined).at(-1)!;
    const alike = found.every((k) => k !== undefined && k.value === last.value && k.problem === last.problem);
    return alike ? last : { name: key, value: undefined, line: found.find((k) => k !== undefined)!.line, problem: `${candidates.length} ${kind}s named ${name} in namespace ${namespace} could apply (lines ${lines}) and differ on this key` };
  });
}

/**
 * Each pod container's variables from the Secrets and ConfigMaps its `envFrom:` names, in the order
 * they apply: those of the same file, and those of the manifests `beside` it in its folder (a
 * `secret.yaml` beside `deployment.yaml`, applied together by `kubectl apply -f FOLDER`), the same
 * file's first where both define one. A key of another file is given the container's first line,
 * its own file and line named in a problem.
 */
export function envFromValues(lines: readonly string[], beside?: Beside): EnvFromValue[] {
  const all = lines.join('\n');
  if (!/envFrom/.test(all)) return [];
  const { docs, line } = parsed(lines);
  const { find } = sourcesOf(docs, line, beside);
  const out: EnvFromValue[] = [];
  const visit = (node: unknown, doc: Document.Parsed, outer: string): void => {
    const get = (n: unknown, key: string) => valueAt(n, key, doc);
    if (yaml().isSeq(node)) for (const item of node.items) visit(item, doc, outer);
    if (!yaml().isMap(node)) return;
    // An object (a Pod, a workload, a List's item: `kind:` and `metadata:`) sets the namespace; a pod template's metadata does not.
    const ns = isObject(node, doc) ? namespaceOf(node, doc) : outer;
    for (const pair of node.items) {
      const key = text(pair.key);
      if (key === 'containers' || key === 'initContainers') {
        for (const container of itemsOf(pair.value, doc)) {
          if (!yaml().isMap(container)) continue;
          const from = itemsOf(get(container, 'envFrom'), doc);
          const first = line(container.range?.[0] ?? 0);
          for (const source of from) {
            const prefix = text(get(source, 'prefix')) ?? '';
            for (const [ref, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
              const name = text(get(get(source, ref), 'name'));
              if (name === undefined) continue;
              const { own, other } = find(kind, ns, name);
              for (const v of own ?? []) out.push({ container: first, ...v, name: prefix + v.name });
              for (const v of other?.keys ?? []) {
                const origin = `${other!.path}:${v.line}`;
                out.push({ container: first, name: prefix + v.name, value: v.value, line: first, path: other!.path, ...(v.problem ? { problem: `in ${origin}, ${v.problem}` } : {}) });
              }
            }
          }
        }
      } else visit(pair.value, doc, ns);
    }
  };
  for (const { node, doc } of docs) visit(node, doc, '');
  return out;
}

/** A pod's Secret or ConfigMap: the keys of the file's own objects of its kind, name and namespace, else those of the manifests beside it. */
type Find = (kind: string, pod: string, name: string | undefined) => { own?: SourceKey[]; other?: { path: string; keys: SourceKey[] } };

/** The Secrets and ConfigMaps of the file (`sources`, by sourceKey) and how a pod finds its own among them or, where the file has none for it, among the manifests beside it. */
function sourcesOf(docs: Parsed['docs'], line: Parsed['line'], beside: Beside | undefined): { sources: Map<string, Source[]>; find: Find } {
  const sources = new Map<string, Source[]>();
  addSources(docs, line, sources);
  // All the manifests' objects of one kind, namespace and name are candidates together: `kubectl apply
  // -f FOLDER` applies each, so two files that differ on a key leave it unsure, never the first file's.
  const found = new Map<string, Source[]>();
  for (const [path, text] of beside?.files ?? []) {
    if (!isManifestName(path) || !/^kind:\s*["']?(?:Secret|ConfigMap)/m.test(text)) continue;
    const other = parsed(text.split(/\r?\n/));
    addSources(other.docs, other.line, found, path);
  }
  const find: Find = (kind, pod, name) => {
    const own = (sources.get(sourceKey(kind, name)) ?? []).filter((c) => sameNamespace(pod, c.namespace));
    if (own.length > 0) return { own: keysOf(own, pod) };
    const other = (found.get(sourceKey(kind, name)) ?? []).filter((c) => sameNamespace(pod, c.namespace));
    return other.length > 0 ? { other: { path: other[0]!.path!, keys: keysOf(other, pod) } } : {};
  };
  return { sources, find };
}

export interface KeyRefValue {
  /** The value the container gets; undefined with `problem`. */
  value: string | undefined;
  problem?: string;
  /** From a manifest beside the file (beside.ts): its path in the dump. */
  path?: string;
}

/**
 * A pod container's `env:` items whose value comes from one key of a Secret or ConfigMap
 * (`valueFrom: secretKeyRef:` or `configMapKeyRef:`, the API's EnvVarSource: `name` of the object,
 * `key` in it, `optional`; kubernetes/website `content/en/docs/tasks/inject-data-application/
 * distribute-credentials-secure.md`, "Define a container environment variable with data from a
 * single Secret"), by the line of its `valueFrom:`: the key's value where the object is in the same
 * file or in a manifest beside it (the same file's first), read as envFrom reads it. Where the
 * object or its key is in neither, the kubelet would not start the container (CreateContainerConfigError),
 * or with `optional: true` start it without the variable: either way the value is not in this
 * dump, and the account it belongs to is refused by that line, saying which object and key it names.
 */
export function keyRefValues(lines: readonly string[], beside?: Beside): Map<number, KeyRefValue> {
  const out = new Map<number, KeyRefValue>();
  // Looked for line by line: no copy of a large file's text for the many that name no KeyRef.
  if (!lines.some((l) => /KeyRef\s*:/.test(l))) return out;
  const { docs, line } = parsed(lines);
  const { sources, find } = sourcesOf(docs, line, beside);
  const visit = (node: unknown, doc: Document.Parsed, outer: string): void => {
    if (yaml().isSeq(node)) for (const item of node.items) visit(item, doc, outer);
    if (!yaml().isMap(node)) return;
    // As envFromValues: an object sets the namespace its pod specs find their Secrets in.
    const ns = isObject(node, doc) ? namespaceOf(node, doc) : outer;
    for (const pair of node.items) {
      if (text(pair.key) !== 'valueFrom') {
        visit(pair.value, doc, ns);
        continue;
      }
      const at = line((pair.key as Node).range?.[0] ?? 0);
      for (const [ref, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
        const selector = valueAt(pair.value, ref, doc);
        if (selector === undefined) continue;
        const name = text(valueAt(selector, 'name', doc));
        const key = text(valueAt(selector, 'key', doc));
        const optional = text(valueAt(selector, 'optional', doc)) === 'true';
        const what = `${kind} ${name ?? '(unnamed)'}${ns === '' || ns === 'default' ? '' : ` (namespace ${ns})`}'s key ${key ?? '(none)'} (${ref})`;
        const { own, other } = find(kind, ns, name);
        const found = (own ?? other?.keys ?? []).filter((k) => k.name === key).at(-1);
        if (name === undefined || key === undefined || !found) {
          // Another namespace's object of that name is said: the pod never gets it, and the operator may wonder why.
          const elsewhere = [...new Set((sources.get(sourceKey(kind, name)) ?? []).filter((c) => !sameNamespace(ns, c.namespace)).map((c) => c.namespace))];
          const there = elsewhere.length > 0 ? ` in the pod's namespace ${ns} (the file's is in namespace ${elsewhere.join(', ')})` : '';
          const missing = !own && !other ? `in neither this file nor a manifest beside it${there}` : `that the ${kind} does not hold`;
          out.set(at, { value: undefined, problem: `comes from a ${kind} (valueFrom) ${missing}: ${what}${optional ? ', optional: the container starts without it' : ''}` });
        } else if (found.problem) out.set(at, { value: undefined, problem: `comes from a ${kind} (valueFrom), ${what}: ${other ? `in ${other.path}:${found.line}, ` : ''}${found.problem}`, ...(other ? { path: other.path } : {}) });
        else out.set(at, { value: found.value, ...(other ? { path: other.path } : {}) });
      }
    }
  };
  for (const { node, doc } of docs) visit(node, doc, '');
  return out;
}

/** The keys of each Secret and ConfigMap among `docs`, by sourceKey: all of one kind, namespace and name, in file order. */
function addSources(docs: Parsed['docs'], line: Parsed['line'], sources: Map<string, Source[]>, path?: string): void {
  for (const { node, doc, first } of docs) {
    const get = (n: unknown, key: string) => valueAt(n, key, doc);
    const kind = text(get(node, 'kind'));
    const name = text(get(get(node, 'metadata'), 'name'));
    if (!kind || !SOURCE_KIND.test(kind) || name === undefined) continue;
    const keys: SourceKey[] = [];
    // A Secret's `data:` first: `stringData:` is merged over it, so its keys come later and win.
    for (const block of kind === 'Secret' ? ['data', 'stringData'] : ['data']) {
      // Aliases and merge keys followed (`stringData: *logins`, `<<: *common`): yaml-mapping.ts.
      for (const pair of pairsOf(get(node, block), doc)) {
        const key = text(pair.key);
        if (key === undefined) continue;
        const at = line((pair.key as Node).range?.[0] ?? 0);
        const raw = text(yaml().isAlias(pair.value) ? pair.value.resolve(doc) : pair.value);
        const encoded = kind === 'Secret' && block === 'data';
        const value = raw !== undefined && encoded ? decodedSecretValue(raw) : raw;
        const problem = value !== undefined ? undefined : encoded ? "the Secret's data: value is no base64 of UTF-8 text" : `the ${kind}'s value is no plain text`;
        keys.push({ name: key, value, line: at, ...(problem ? { problem } : {}) });
      }
    }
    const namespace = namespaceOf(node, doc);
    const key = sourceKey(kind, name);
    sources.set(key, [...(sources.get(key) ?? []), { kind, namespace, name, keys, line: first, ...(path === undefined ? {} : { path }) }]);
  }
}
