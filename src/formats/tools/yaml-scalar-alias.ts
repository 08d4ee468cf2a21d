// A compose file's variable written as a YAML alias of a scalar, `PASSWORD: *pass` with
// `x-pass: &pass Pika1` elsewhere, or carrying an anchor itself, `PASSWORD: &pass Pika1`: YAML (and
// compose-go's loader, go-yaml) gives the container the anchored scalar, `Pika1`, never the text
// `*pass` or `&pass Pika1` (yaml.org/spec/1.2.2 §3.2.2.2 "Anchors and Aliases", §7.1 "Alias Nodes").
// Only a mapping entry's value is one (`NAME: *x`): in a `- NAME=*x` list item the `*` is the
// string's own. An alias whose anchor is no scalar on its line (a mapping, a list, a block scalar)
// or is nowhere in the file is unsure here: the account it belongs to is refused by its line.

const ENTRY = /^\s*[\w.-]+\s*:\s+(.*)$/;
const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A YAML flow scalar as written (`'a''b'`, `"a"`, plain up to ` #`), or undefined where unsure. */
function scalar(written: string): string | undefined {
  const v = written.trim();
  if (v.startsWith("'")) return /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(v)?.[1]!.replace(/''/g, "'");
  if (v.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s*(?:#.*)?$/.exec(v);
    if (!m) return undefined;
    try {
      return JSON.parse(m[1]!) as string;
    } catch {
      return undefined;
    }
  }
  if (v === '' || /^[[\]{}&*!|>%@`]/.test(v)) return undefined;
  return v.replace(/\s+#.*$/, '');
}

/**
 * The value of the mapping entry `raw` (a line of `lines`) where it is an alias or carries an
 * anchor; undefined for a line that is neither (read as before).
 */
export function aliasedValue(lines: readonly string[], raw: string): { value: string } | { problem: string } | undefined {
  const value = ENTRY.exec(raw)?.[1]?.trim();
  if (value === undefined) return undefined;
  const anchored = /^&[\w.-]+(?:\s+(.*))?$/.exec(value);
  if (anchored) {
    const v = anchored[1] === undefined ? undefined : scalar(anchored[1]);
    return v === undefined ? { problem: 'its value is a YAML anchor of no plain value on its line: which value the container got is unsure' } : { value: v };
  }
  const alias = /^\*([\w.-]+)\s*(?:#.*)?$/.exec(value)?.[1];
  if (alias === undefined) return undefined;
  const at = lines.find((l) => new RegExp(`&${literal(alias)}(?:\\s|$)`).test(l));
  const after = at === undefined ? undefined : new RegExp(`&${literal(alias)}\\s+(.+)$`).exec(at)?.[1];
  const v = after === undefined ? undefined : scalar(after);
  if (v !== undefined) return { value: v };
  return { problem: at === undefined ? `its value is the YAML alias *${alias}, whose anchor &${alias} is not in this file` : `its value is the YAML alias *${alias}, whose anchor holds no plain value on its line: which value the container got is unsure` };
}
