// A YAML mapping's keys as a loader that follows aliases and merge keys sees them, kept as nodes
// (for their lines): `data: *common` is the anchored mapping, and `<<: *base` (or `<<: [*a, *b]`)
// merges the anchored mappings' keys under the map's own, which win, an earlier listed mapping's
// over a later one's (yaml.org/type/merge.html; go-yaml, which kubectl and the API server's
// sigs.k8s.io/yaml use, applies it). The `yaml` package parses `<<` as a plain key unless asked,
// and leaves `*name` an Alias node: both followed here.
import type { Document, Pair } from 'yaml';
import { yaml } from '../../yaml-lazy.js';
import { appendAll } from '../long-arrays.js';

type Doc = Document.Parsed;

/** The node an alias names (in `doc`), or the node itself. */
export function deref(node: unknown, doc: Doc): unknown {
  return yaml().isAlias(node) ? node.resolve(doc) : node;
}

/** A scalar's text, or undefined for anything else. */
export function scalarText(node: unknown): string | undefined {
  return yaml().isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

/** The mapping's pairs in the order they apply (a later pair of a key wins): merged ones first, its own last. */
export function pairsOf(node: unknown, doc: Doc, seen = new Set<unknown>()): Pair[] {
  const map = deref(node, doc);
  if (!yaml().isMap(map) || seen.has(map)) return [];
  seen.add(map);
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const pair of map.items) {
    if (scalarText(pair.key) !== '<<') {
      own.push(pair);
      continue;
    }
    const value = deref(pair.value, doc);
    // `<<: [*a, *b]`: a's keys over b's, so b's come first.
    const sources = yaml().isSeq(value) ? [...value.items].reverse() : [value];
    for (const source of sources) appendAll(merged, pairsOf(source, doc, seen));
  }
  return [...merged, ...own];
}

/** The value of `key` in the mapping (aliases and merges followed), or undefined. */
export function valueAt(node: unknown, key: string, doc: Doc): unknown {
  return deref(pairsOf(node, doc).filter((p) => scalarText(p.key) === key).at(-1)?.value, doc);
}

/** A sequence's items, aliases followed, or none. */
export function itemsOf(node: unknown, doc: Doc): unknown[] {
  const seq = deref(node, doc);
  return yaml().isSeq(seq) ? seq.items.map((item) => deref(item, doc)) : [];
}
