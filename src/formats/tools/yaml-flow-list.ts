// A YAML flow sequence of strings on one line, `[-u, x, "-p", 'y']`, as Kubernetes manifests write
// a container's `args:` and `command:` (YAML 1.2 flow scalars: plain, `'...'` with `''` a quote,
// `"..."` with JSON's escapes). A plain item ends at `,` or `]` and loses its outer blanks; one
// holding what this reader cannot be sure of (a flow indicator, ` #`, a nested list or map, an
// escape JSON does not share) gives undefined: the line is left unread, never guessed.

/** The strings of `value`, a one-line flow sequence, or undefined. */
export function yamlFlowList(value: string): string[] | undefined {
  const v = value.trim();
  if (!v.startsWith('[') || !v.endsWith(']')) return undefined;
  const body = v.slice(1, -1);
  const out: string[] = [];
  let i = 0;
  const blanks = () => {
    while (body[i] === ' ' || body[i] === '\t') i++;
  };
  blanks();
  if (i === body.length) return out;
  for (;;) {
    blanks();
    const c = body[i];
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(body.slice(i));
      if (!m) return undefined;
      try {
        out.push(JSON.parse(m[0]) as string);
      } catch {
        return undefined;
      }
      i += m[0].length;
    } else if (c === "'") {
      const m = /^'((?:[^']|'')*)'/.exec(body.slice(i));
      if (!m) return undefined;
      out.push(m[1]!.replace(/''/g, "'"));
      i += m[0].length;
    } else {
      const m = /^[^,[\]{}]*/.exec(body.slice(i))!;
      const item = m[0].trimEnd();
      if (item === '' || /^[#&*!|>%@`"']/.test(item) || /\s#/.test(item)) return undefined;
      out.push(item);
      i += m[0].length;
    }
    blanks();
    if (i === body.length) return out;
    if (body[i] !== ',') return undefined;
    i++;
  }
}
