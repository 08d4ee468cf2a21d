// A Java `.properties` file read as `java.util.Properties.load` reads it (the JDK's javadoc of
// `Properties.load(Reader)`): `#` and `!` open comment lines; a key ends at the first unescaped
// `=`, `:` or blank, and blanks (with one `=` or `:`) between key and value are dropped, while
// blanks at the end of a value are kept; a line ending in an odd number of backslashes goes on
// on the next, whose leading blanks are dropped; `\t`, `\n`, `\r`, `\f` and `\uXXXX` are those
// characters and a backslash before any other character is that character. A key given twice
// keeps its last value, as `Properties.put` does.

export interface Property {
  value: string;
  /** 1-based line the key is on. */
  line: number;
}

const BLANK = /[ \t\f]/;

/** Undo the escapes of one key or value; `undefined` for a malformed `\u` (the JDK throws). */
function unescape(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[++i]!;
    if (n === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += n === 't' ? '\t' : n === 'n' ? '\n' : n === 'r' ? '\r' : n === 'f' ? '\f' : n;
  }
  return out;
}

/** Whether a line goes on on the next: it ends in an odd number of backslashes. */
function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Split one logical line into its raw key and raw value (escapes still in). */
function split(logical: string): [string, string] {
  let i = 0;
  while (i < logical.length) {
    const c = logical[i]!;
    if (c === '\\') i += 2;
    else if (c === '=' || c === ':' || BLANK.test(c)) break;
    else i++;
  }
  const key = logical.slice(0, Math.min(i, logical.length));
  let j = i;
  while (j < logical.length && BLANK.test(logical[j]!)) j++;
  if (j < logical.length && (logical[j] === '=' || logical[j] === ':')) {
    j++;
    while (j < logical.length && BLANK.test(logical[j]!)) j++;
  }
  return [key, logical.slice(j)];
}

/** The file's properties, or `undefined` when an escape is malformed (the JDK refuses the whole file). */
export function readProperties(text: string): Map<string, Property> | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const out = new Map<string, Property>();
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!.replace(/^[ \t\f]+/, '');
    if (line === '' || line[0] === '#' || line[0] === '!') continue;
    let logical = '';
    while (continues(line) && i + 1 < lines.length) {
      logical += line.slice(0, -1);
      line = lines[++i]!.replace(/^[ \t\f]+/, '');
    }
    logical += continues(line) ? line.slice(0, -1) : line;
    const [rawKey, rawValue] = split(logical);
    const key = unescape(rawKey);
    const value = unescape(rawValue);
    if (key === undefined || value === undefined) return undefined;
    out.set(key, { value, line: start + 1 });
  }
  return out;
}
