// How deep a YAML text nests its flow collections (`[` and `{`), and how many lines and list items
// it holds, found before the YAML library sees it.
//
// The library (`yaml`) parses nesting by recursion: an account in a shard nesting 5,000 `[` (5 KB,
// far under the 64 KB an account may take) aborted the process ("RegExpCompiler Allocation failed -
// process out of memory", no error to catch) as it read the shard. A peer's accountpool.yaml
// of one megabyte of `[` (far under the 16 MB bound on a settings file) took 18.8 s and 877 MB in
// one parse and killed the process with "out of memory" in the next; `sync` reads a peer's settings
// before it takes them, so one push stopped every host that synced. No settings file nests more
// than a few levels. Nor many nodes: the library keeps a few hundred bytes of objects a node, and an
// 8 MB flow list `[1,1,1,...]` (or `[*a,*a,...]`) took 40 s and 3.3 GB; a settings file holds a
// few hundred lines. The scan skips quoted scalars and comments, where a bracket is text.

/** No settings file nests flow collections deeper than this. */
export const MAX_FLOW_DEPTH = 64;

/** No settings file holds more lines and flow items (commas between `[`/`{` and their end) than this. */
export const MAX_ITEMS = 50_000;

export interface YamlShapeProblem {
  line: number;
  what: string;
}

/**
 * Where `text` first nests `[`/`{` deeper than MAX_FLOW_DEPTH, or passes `maxItems` lines and items;
 * undefined when it does neither. A shard holds a line an account (maxItems: Infinity), a settings
 * file a few hundred.
 */
export function yamlShapeProblem(text: string, maxItems = MAX_ITEMS): YamlShapeProblem | undefined {
  let depth = 0;
  let line = 1;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (++items > maxItems) return { line, what: `holds more than ${maxItems} lines and list items` };
      line++;
    } else if (c === ',' && depth > 0) {
      if (++items > maxItems) return { line, what: `holds more than ${maxItems} lines and list items` };
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return { line, what: `nests [ and { more than ${MAX_FLOW_DEPTH} deep` };
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '"') {
      // A double-quoted scalar: backslash escapes; it may run over lines.
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') line++;
      }
    } else if (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) {
      // A single-quoted scalar ('' is a quote inside it); an apostrophe within a plain word is no quote.
      for (i++; i < text.length && !(text[i] === "'" && text[i + 1] !== "'"); i++) {
        if (text[i] === "'") i++;
        else if (text[i] === '\n') line++;
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    }
  }
  return undefined;
}
