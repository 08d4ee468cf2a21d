// A settings document as a tree of maps, lists and scalars, each with its line: what
// settings-account-lists.ts walks to find a list of accounts inside another program's settings.
// Two languages are read into it: YAML (an Ansible vars file, through the yaml package, its
// nodes' offsets turned into lines) and PHP's array literals (`'accounts' => [[...], ...]`,
// `array(...)`), by a small scanner of PHP's tokens: quoted strings, numbers, `=>`, `,`, brackets.
// A value that is no literal (a variable, a constant, `getenv('X')`, a Jinja `{{ x }}`, a vault's
// `!vault` text) is kept as `opaque`: its text is not the value, and no account is read from it.
import { yaml } from '../../yaml-lazy.js';
import { yamlShapeProblem } from '../../yaml-shape.js';

/** No settings document nests deeper than this: a deeper tree (an alias inside itself) is cut there. */
const MAX_DEPTH = 32;
/** No settings document holds more values than this: aliases repeating aliases (a YAML "billion laughs") stop here. */
const MAX_NODES = 100_000;

export type TreeNode =
  | { kind: 'map'; line: number; entries: [string, TreeNode][] }
  | { kind: 'list'; line: number; items: TreeNode[] }
  | { kind: 'scalar'; line: number; value: string; opaque?: true };

/** A YAML document's tree; undefined where the text is no YAML. */
export function yamlTree(text: string): TreeNode | undefined {
  const { LineCounter, parseDocument, isMap, isSeq, isScalar, isAlias } = yaml();
  // A nesting or a count of items no settings file has aborts the yaml package's parse with no error to catch (yaml-shape.ts).
  if (yamlShapeProblem(text)) return undefined;
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  let nodes = 0;
  const walk = (node: unknown, depth = 0): TreeNode => {
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) return { kind: 'scalar', line: 1, value: '', opaque: true };
    if (isAlias(node)) return walk(node.resolve(doc), depth + 1);
    if (isMap(node)) {
      const entries: [string, TreeNode][] = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        entries.push([key, pair.value === null ? { kind: 'scalar', line: lineOf(pair.key as never), value: '', opaque: true } : walk(pair.value, depth + 1)]);
      }
      return { kind: 'map', line: lineOf(node as never), entries };
    }
    if (isSeq(node)) return { kind: 'list', line: lineOf(node as never), items: node.items.map((item) => walk(item, depth + 1)) };
    if (isScalar(node)) {
      const value = node.value;
      const line = lineOf(node as never);
      // A vault's encrypted text, a Jinja expression: the value is elsewhere.
      if (typeof value !== 'string' && typeof value !== 'number') return { kind: 'scalar', line, value: '', opaque: true };
      const s = String(value);
      if (node.tag === '!vault' || /\{\{|\{%/.test(s)) return { kind: 'scalar', line, value: s, opaque: true };
      return { kind: 'scalar', line, value: s };
    }
    return { kind: 'scalar', line: 1, value: '', opaque: true };
  };
  return walk(doc.contents);
}

/** PHP's tokens the array scanner needs. */
type Token = { t: 'str' | 'word' | 'punct'; v: string; line: number };

/** PHP's escapes in a quoted string: `\'` and `\\` in single quotes; C's and `\$` in double quotes (php.net "Strings"). */
function unescape(body: string, quote: string): string {
  if (quote === "'") return body.replace(/\\(['\\])/g, '$1');
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', e: '\x1b', '\\': '\\', $: '$', '"': '"' };
  return body.replace(/\\([ntrvfe\\$"])/g, (_, c: string) => simple[c]!);
}

function phpTokens(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      const body = text.slice(i + 1, j);
      // A double-quoted string interpolating a variable (`"$x"`, `"{$x}"`) is no literal.
      const interpolated = c === '"' && /(?<!\\)\$[A-Za-z_{]/.test(body);
      tokens.push({ t: interpolated ? 'word' : 'str', v: interpolated ? body : unescape(body, c), line });
      for (let k = i; k < j; k++) if (text[k] === '\n') line++;
      i = j + 1;
    } else if (c === '=' && text[i + 1] === '>') {
      tokens.push({ t: 'punct', v: '=>', line });
      i += 2;
    } else if ('[](),;'.includes(c)) {
      tokens.push({ t: 'punct', v: c, line });
      i++;
    } else {
      let j = i + 1;
      while (j < text.length && !/[\s'"[\](),;#]/.test(text[j]!) && !(text[j] === '=' && text[j + 1] === '>')) j++;
      tokens.push({ t: 'word', v: text.slice(i, j), line });
      i = j;
    }
  }
  return tokens;
}

/**
 * Every array literal of a PHP file that is a value of its own (`return [...]`, `$config = [...]`,
 * `'accounts' => [...]` inside another): the outermost ones, as a list of trees. Anything between
 * them (code) is passed over.
 */
export function phpTree(text: string): TreeNode | undefined {
  const tokens = phpTokens(text);
  if (!tokens) return undefined;
  const roots: TreeNode[] = [];
  let i = 0;
  const opens = (k: number) => tokens[k]?.v === '[' || (tokens[k]?.t === 'word' && tokens[k]!.v.toLowerCase() === 'array' && tokens[k + 1]?.v === '(');
  let level = 0;
  const array = (): TreeNode => {
    const start = tokens[i]!;
    // Deeper than any settings file: the rest is no literal to read (and recursion has a bound).
    if (++level > MAX_DEPTH) throw new RangeError('nested too deep');
    const close = start.v === '[' ? ']' : ')';
    i += start.v === '[' ? 1 : 2;
    const entries: [string, TreeNode][] = [];
    const items: TreeNode[] = [];
    let keyed = true;
    while (i < tokens.length && tokens[i]!.v !== close) {
      let key: string | undefined;
      if (tokens[i + 1]?.v === '=>' && (tokens[i]!.t === 'str' || /^\d+$/.test(tokens[i]!.v))) {
        key = tokens[i]!.v;
        i += 2;
      }
      const value = valueAt();
      if (key === undefined) keyed = false;
      entries.push([key ?? String(items.length), value]);
      items.push(value);
      if (tokens[i]?.v === ',') i++;
      else if (tokens[i]?.v !== close) {
        level--;
        return { kind: 'scalar', line: start.line, value: '', opaque: true };
      }
    }
    i++;
    level--;
    return keyed && entries.length > 0 ? { kind: 'map', line: start.line, entries } : { kind: 'list', line: start.line, items };
  };
  const valueAt = (): TreeNode => {
    if (opens(i)) return array();
    const first = tokens[i];
    if (!first) return { kind: 'scalar', line: 1, value: '', opaque: true };
    const single = tokens[i + 1]?.v === ',' || tokens[i + 1]?.v === ']' || tokens[i + 1]?.v === ')';
    if (single && first.t === 'str') {
      i++;
      return { kind: 'scalar', line: first.line, value: first.v };
    }
    if (single && /^-?\d+$/.test(first.v)) {
      i++;
      return { kind: 'scalar', line: first.line, value: first.v };
    }
    // An expression (a constant, `getenv('X')`, `$x . 'y'`): passed to its end at this level.
    let depth = 0;
    while (i < tokens.length) {
      const v = tokens[i]!.v;
      if (depth === 0 && (v === ',' || v === ']' || v === ')' || v === ';')) break;
      if (v === '[' || v === '(') depth++;
      if (v === ']' || v === ')') depth--;
      i++;
    }
    return { kind: 'scalar', line: first.line, value: '', opaque: true };
  };
  try {
    while (i < tokens.length) {
      if (opens(i)) roots.push(array());
      else i++;
    }
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return roots.length > 0 ? { kind: 'list', line: 1, items: roots } : undefined;
}
