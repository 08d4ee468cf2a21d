// A bash launcher's accounts kept in the script and walked by a loop that starts a command for each:
// an array `USERS=(a b c)` walked by `for u in "${USERS[@]}"` or by index (`for i in "${!USERS[@]}"`,
// `for ((i=0; i<${#USERS[@]}; i++))`) with `${USERS[$i]}` and a parallel `${PASSES[$i]}`; an item
// `user:pass` split by `IFS=: read -r u p <<< "$acc"` or `${acc%%:*}` / `${acc#*:}`; a here-document's
// lines read by `while IFS=: read -r u p; do ... done <<EOF`. The semantics are bash's own (the Bash
// Reference Manual: 6.7 Arrays, 3.6.6 Here Documents, 3.6.7 Here Strings, 3.5.3 Shell Parameter
// Expansion, 3.5.7 Word Splitting, the `read` builtin), checked against bash 5 on each fixture.
// Only what the script itself holds is read: an item bash would expand (`$`, a backquote, an unquoted
// glob or `\`), a loop over a file or a command's output, gives no value, and its command stays
// refused by the unset-variable rule, never read with the variable's name.
import type { LoopItem } from './powershell-loops.js';
import { lineFinder } from '../line-finder.js';

/** One run of a loop's body: its line, the values it gives its variables (undefined: unknown here), whether an array's item is one bash expands. */
interface Run {
  line: number;
  values: Map<string, string | undefined>;
  expanded?: boolean;
}

interface Item {
  /** The value bash gives the item, or undefined where bash would expand it (unknown here). */
  value: string | undefined;
  line: number;
}

const ARRAY_START = /^\s*(?:(?:declare|typeset|local|readonly)\s+(?:-[aglrx]+\s+)*)?([A-Za-z_]\w*)(\+?)=\(/;

/**
 * The words of a compound array assignment or a `for` list from `text[at]` on, to the `)` that ends
 * it (or the end of the text, `stop` a character ending the list too): each word's value as bash
 * gives it, undefined where it would expand it. `lineOf` numbers the words.
 */
function listWords(text: string, at: number, closing: string | undefined, lineOf: (at: number) => number): { items: Item[]; end: number } {
  const items: Item[] = [];
  let k = at;
  while (k < text.length) {
    const c = text[k]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      k++;
      continue;
    }
    if (closing !== undefined && c === closing) return { items, end: k + 1 };
    if (closing === undefined && (c === ';' || c === '&' || c === '|')) break;
    if (c === '#') {
      while (k < text.length && text[k] !== '\n') k++;
      continue;
    }
    const line = lineOf(k);
    let value = '';
    let known = true;
    for (; k < text.length; k++) {
      const d = text[k]!;
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '&' || d === '|' || (closing !== undefined && d === closing)) break;
      if (d === "'") {
        const close = text.indexOf("'", k + 1);
        if (close < 0) return { items, end: text.length };
        value += text.slice(k + 1, close);
        k = close;
      } else if (d === '"') {
        let j = k + 1;
        for (; j < text.length && text[j] !== '"'; j++) {
          // Inside double quotes bash expands `$` and backquotes; `\` escapes only `$ \` " \` and a newline.
          if (text[j] === '$' || text[j] === '`') known = false;
          if (text[j] === '\\' && /[$`"\\\n]/.test(text[j + 1] ?? '')) j++;
          value += text[j];
        }
        k = j;
      } else if (d === '\\' && k + 1 < text.length) value += text[++k];
      // Unquoted: a parameter, a command's output, a glob, braces or a tilde are expanded by bash.
      else if (/[$`*?[{~(<>]/.test(d)) {
        known = false;
        value += d;
      } else value += d;
    }
    items.push({ value: known ? value : undefined, line });
  }
  return { items, end: k };
}


/** One setting of an array: `NAME=(...)` (its items), `NAME+=(...)` (appended), or `NAME[2]=x` (item by item: unknown here). */
interface ArraySetting {
  name: string;
  line: number;
  items?: Item[];
  append?: boolean;
}

/** Every array setting of the script, in order, each read once (a loop then folds those above it). */
function arraySettings(lines: string[], text: string, lineStarts: number[], lineOf: (at: number) => number): ArraySetting[] {
  const out: ArraySetting[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ARRAY_START.exec(lines[i]!);
    if (m) {
      const { items, end } = listWords(text, lineStarts[i]! + m[0].length, ')', lineOf);
      out.push({ name: m[1]!, line: i + 1, items, ...(m[2] === '+' ? { append: true } : {}) });
      i = lineOf(end - 1) - 1;
      continue;
    }
    const one = /^\s*([A-Za-z_]\w*)\[[^\]]*\]\+?=/.exec(lines[i]!);
    if (one) out.push({ name: one[1]!, line: i + 1 });
  }
  return out;
}

/** The arrays as the settings above line `before` (1-based) leave them, by name; undefined where one was set item by item. */
function arraysBefore(settings: ArraySetting[], before: number): Map<string, Item[] | undefined> {
  const out = new Map<string, Item[] | undefined>();
  for (const s of settings) {
    if (s.line >= before) break;
    const old = out.get(s.name);
    if (!s.items) out.set(s.name, undefined);
    else out.set(s.name, s.append ? (old === undefined && out.has(s.name) ? undefined : [...(old ?? []), ...s.items]) : s.items);
  }
  return out;
}

/** The `do ... done` body of a loop whose header starts on line `i` (0-based): its first and last lines. */
export function body(lines: string[], i: number): [number, number] | undefined {
  let depth = 0;
  let opened = false;
  // A launcher's loop body is a few lines: a `for` line with no `done` within 2,000 lines is no loop read here (each such line would scan the rest).
  for (let k = i; k < Math.min(lines.length, i + 2000); k++) {
    // Keywords as words: `do` and `done` outside quotes and comments (a rough count: a script's loop bodies rarely quote them).
    const plain = lines[k]!.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|(?:^|\s)#.*$/g, ' ');
    for (const m of plain.matchAll(/(?:^|[\s;&|])(do|done)(?=$|[\s;&|<>])/g)) {
      if (m[1] === 'do') {
        depth++;
        opened = true;
      } else depth--;
      if (opened && depth === 0) return [i, k];
    }
  }
  return undefined;
}

/** `read`'s split of one line into names (the `read` builtin): IFS's whitespace trimmed and runs of it one separator, each other IFS character one, the last name the rest. */
export function readSplit(line: string, names: number, ifs: string, raw: boolean): string[] | undefined {
  // Without -r a backslash escapes the character after it: an item holding one is left to the operator.
  if (!raw && line.includes('\\')) return undefined;
  const white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isWhite = (c: string) => white.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  let s = line;
  while (s.length > 0 && isWhite(s[0]!)) s = s.slice(1);
  const out: string[] = [];
  let k = 0;
  while (out.length < names - 1 && k <= s.length) {
    let j = k;
    while (j < s.length && !isSep(s[j]!)) j++;
    if (j >= s.length && k >= s.length) break;
    out.push(s.slice(k, j));
    // One separator: IFS whitespace around at most one other IFS character.
    while (j < s.length && isWhite(s[j]!)) j++;
    if (j < s.length && isSep(s[j]!) && !isWhite(s[j]!)) {
      j++;
      while (j < s.length && isWhite(s[j]!)) j++;
    }
    k = j;
    if (j >= s.length) break;
  }
  let rest = k < s.length ? s.slice(k) : '';
  while (rest.length > 0 && isWhite(rest.at(-1)!)) rest = rest.slice(0, -1);
  // bash drops one IFS character ending the last name's rest when the rest is one field and that character
  // (`IFS=: read a b <<< 'x:y:'` gives b=`y`); with more fields it is kept (`y:z:`).
  if (rest.length > 0 && isSep(rest.at(-1)!) && ![...rest.slice(0, -1)].some(isSep)) rest = rest.slice(0, -1);
  if (out.length < names) out.push(rest);
  while (out.length < names) out.push('');
  return out;
}

/** `IFS=X read -r a b` (the words after `read`): the names, the IFS and whether -r is given. */
const READ = /^\s*(?:while\s+)?(?:IFS=(?:'([^']*)'|"([^"]*)"|(\S*))\s+)?read\s+((?:-[a-zA-Z]+\s+)*)([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*(?:<<<\s*"?\$\{?([A-Za-z_]\w*)\}?"?)?\s*(?:;|$)/;

/** Variables a loop's body sets from its item: `IFS=: read -r u p <<< "$acc"`, `u=${acc%%:*}`, `p=${acc#*:}`. */
function bodyDerivations(lines: string[], from: number, to: number, variable: string): ((item: string) => Map<string, string | undefined>)[] {
  const out: ((item: string) => Map<string, string | undefined>)[] = [];
  for (let k = from; k <= to; k++) {
    const l = lines[k]!;
    const r = READ.exec(l);
    if (r && r[6] === variable && !/-[a-zA-Z]*[adn]/.test(r[4]!)) {
      const ifs = r[1] ?? r[2] ?? r[3] ?? ' \t\n';
      const names = r[5]!.split(/\s+/);
      const raw = /-[a-zA-Z]*r/.test(r[4]!);
      out.push((item) => {
        // A here-string is the item with a newline: `read` stops at the item's first newline.
        const parts = readSplit(item.split('\n')[0]!, names.length, ifs, raw);
        return new Map(names.map((n, j) => [n, parts?.[j]]));
      });
    }
    for (const m of l.matchAll(/(?:^|[\s;])([A-Za-z_]\w*)=(["']?)\$\{([A-Za-z_]\w*)(%%|%|##|#)([^}]*)\}\2(?=$|[\s;])/g)) {
      if (m[3] !== variable) continue;
      const [name, op, pattern] = [m[1]!, m[4]!, m[5]!];
      // Only a literal separator and `*` on its far side (`%%:*`, `#*:`): the shapes launchers write.
      const sep = /^\*([^*?[\\]+)$/.exec(pattern)?.[1] ?? /^([^*?[\\]+)\*$/.exec(pattern)?.[1];
      if (sep === undefined) continue;
      out.push((item) => {
        let v: string | undefined;
        if (op === '%%' && pattern.endsWith('*')) v = item.includes(sep) ? item.slice(0, item.indexOf(sep)) : item;
        else if (op === '%' && pattern.endsWith('*')) v = item.includes(sep) ? item.slice(0, item.lastIndexOf(sep)) : item;
        else if (op === '#' && pattern.startsWith('*')) v = item.includes(sep) ? item.slice(item.indexOf(sep) + sep.length) : item;
        else if (op === '##' && pattern.startsWith('*')) v = item.includes(sep) ? item.slice(item.lastIndexOf(sep) + sep.length) : item;
        return new Map([[name, v]]);
      });
    }
  }
  return out;
}

/** How a command writes a variable's value: `$u`, `${u}` (quotes gone: the words as rocketmap-command splits them). */
function forms(name: string): string[] {
  return [`$${name}`, `\${${name}}`];
}

/** Whether `name` is used unquoted in the lines (bash then splits its value at blanks and expands globs in it). */
function usedUnquoted(lines: string[], from: number, to: number, name: string): boolean {
  const use = new RegExp(String.raw`\$(?:\{${name}(?:\[[^\]]*\])?\}|${name}(?!\w))`, 'g');
  for (let k = from; k <= to; k++) {
    const l = lines[k]!;
    for (const m of l.matchAll(use)) {
      let inDouble = false;
      let inSingle = false;
      for (let j = 0; j < m.index; j++) {
        if (l[j] === '\\' && !inSingle) j++;
        else if (l[j] === "'" && !inDouble) inSingle = !inSingle;
        else if (l[j] === '"' && !inSingle) inDouble = !inDouble;
      }
      if (!inDouble && !inSingle && !/^\s*(?:[A-Za-z_]\w*=|IFS=|read\b|while\b)/.test(l.slice(0, m.index).split(/[;&|]/).at(-1)!)) return true;
    }
  }
  return false;
}

/** A value bash would change where used unquoted: split at blanks, or a glob. */
const SPLIT_OR_GLOB = /[\s*?[]/;

/** `for u in ...` (the list after `in`), `for i in "${!A[@]}"`, `for ((i=0; i<N; i++))`, `while ... read ...`. */
const FOR_IN = /^\s*for\s+([A-Za-z_]\w*)\s+in\s+/;
const FOR_ARITH = /^\s*for\s*\(\(\s*([A-Za-z_]\w*)\s*=\s*(\d+)\s*;\s*\1\s*(<=?)\s*(\d+|\$\{#([A-Za-z_]\w*)\[[@*]\]\}|\$?\{?([A-Za-z_]\w*)\}?)\s*;\s*(?:\1\s*\+\+|\+\+\s*\1|\1\s*\+=\s*1|\1\s*=\s*\1\s*\+\s*1)\s*\)\)/;
const WHILE_READ = /^\s*while\s+(?:IFS=(?:'([^']*)'|"([^"]*)"|(\S*))\s+)?read\s+((?:-[a-zA-Z]+\s+)*)([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*(?:;\s*do\b|$)/;
const HEREDOC = /(?:^|[\s;])done\s*<<(-?)\s*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z_]\w*))\s*$/;

/**
 * For each line inside a bash loop over values the script holds (1-based), the items its commands
 * run with: the variables the loop sets, by how a command writes them. A line of no such loop is absent.
 */
export function shellLoops(lines: string[]): Map<number, LoopItem[]> {
  const out = new Map<number, LoopItem[]>();
  if (!lines.some((l) => /^\s*(?:for|while)\b/.test(l))) return out;
  const text = lines.join('\n');
  const lineStarts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) lineStarts.push(at);
  const lineOf = lineFinder(text);
  let settings: ArraySetting[] | undefined;
  const scalarsBefore = (before: number) => {
    const s = new Map<string, string>();
    for (let i = 0; i < before - 1; i++) {
      const m = /^\s*(?:export\s+|readonly\s+|local\s+)?([A-Za-z_]\w*)=(\d+)\s*$/.exec(lines[i]!);
      if (m) s.set(m[1]!, m[2]!);
    }
    return s;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const forIn = FOR_IN.exec(l);
    const arith = forIn ? null : FOR_ARITH.exec(l);
    const whileRead = forIn || arith ? null : WHILE_READ.exec(l);
    if (!forIn && !arith && !whileRead) continue;
    const span = body(lines, i);
    if (!span) continue;
    const [from, to] = span;
    // Per item: its line and the values it gives each variable (undefined: bash's value is unknown here).
    const runs: Run[] = [];
    settings ??= arraySettings(lines, text, lineStarts, lineOf);
    const known = arraysBefore(settings, i + 1);
    const arrays = () => known;
    if (forIn) {
      const variable = forIn[1]!;
      const list = l.slice(forIn[0].length);
      const all = /^"?\$\{(!?)([A-Za-z_]\w*)\[@\]\}"?\s*(?:;|$)/.exec(list);
      if (all) {
        const items = arrays().get(all[2]!);
        if (items === undefined) continue;
        if (all[1] === '!') for (let n = 0; n < items.length; n++) runs.push(indexRun(arrays(), variable, n, items[n]!.line));
        else {
          const derivations = bodyDerivations(lines, from, to, variable);
          for (const item of items) runs.push(itemRun(derivations, variable, item));
        }
      } else {
        // A list written out (`for acc in ash1:Pw1 ash2:Pw2; do`), to `;`/`do` or the line's end.
        const { items } = listWords(text, lineStarts[i]! + forIn[0].length, undefined, lineOf);
        const words = items.filter((w) => w.value !== 'do');
        if (words.length === 0 || l.includes('$(') || l.includes('`')) continue;
        const derivations = bodyDerivations(lines, from, to, variable);
        for (const item of words) runs.push(itemRun(derivations, variable, item));
      }
    } else if (arith) {
      const [variable, start, cmp] = [arith[1]!, Number(arith[2]), arith[3]!];
      const bound = arith[5] !== undefined ? arrays().get(arith[5])?.length : arith[6] !== undefined ? Number(scalarsBefore(i + 1).get(arith[6]) ?? NaN) : Number(arith[4]);
      if (bound === undefined || Number.isNaN(bound) || bound > 100_000) continue;
      const own = arrays();
      for (let n = start; cmp === '<' ? n < bound : n <= bound; n++) {
        const at = [...own.values()].find((items) => items?.[n] !== undefined)?.[n]?.line ?? i + 1;
        runs.push(indexRun(own, variable, n, at));
      }
    } else if (whileRead) {
      const doc = HEREDOC.exec(lines[to]!);
      if (!doc || /-[a-zA-Z]*[adnu]/.test(whileRead[4]!)) continue;
      const delimiter = (doc[2] ?? doc[3] ?? doc[4])!;
      // An unquoted delimiter: bash expands `$`, backquotes and `\` in the lines (3.6.6 Here Documents).
      const literal = doc[2] !== undefined || doc[3] !== undefined || /\\[A-Za-z_]/.test(lines[to]!.slice(lines[to]!.lastIndexOf('<<')));
      const names = whileRead[5]!.split(/\s+/);
      const ifs = whileRead[1] ?? whileRead[2] ?? whileRead[3] ?? ' \t\n';
      const raw = /-[a-zA-Z]*r/.test(whileRead[4]!);
      for (let k = to + 1; k < lines.length; k++) {
        let docLine = lines[k]!;
        if (doc[1] === '-') docLine = docLine.replace(/^\t+/, '');
        if (docLine === delimiter) break;
        const known = literal || !/[$`\\]/.test(docLine);
        const parts = known ? readSplit(docLine, names.length, ifs, raw) : undefined;
        runs.push({ line: k + 1, values: new Map(names.map((n, j) => [n, parts?.[j]])) });
      }
    }
    if (runs.length === 0) continue;
    // Whether the body uses a name unquoted depends on the loop and the name, not the item: asked once a name.
    const unquotedIn = new Map<string, boolean>();
    const isUnquoted = (name: string) => unquotedIn.get(name) ?? unquotedIn.set(name, usedUnquoted(lines, from, to, name)).get(name)!;
    const items: LoopItem[] = runs.map((run) => {
      const values = new Map<string, string>();
      const why = new Map<string, string>();
      for (const [name, value] of run.values) {
        const written = name.includes('[') ? [`\${${name}}`] : forms(name);
        const unquoted = value !== undefined && SPLIT_OR_GLOB.test(value) && isUnquoted(name.replace(/\[.*$/, ''));
        if (value === undefined || unquoted) {
          const reason = unquoted
            ? 'the command uses it unquoted, so bash splits its value at a blank or expands it as a file pattern'
            : name.includes('[') && !run.expanded
              ? `the array ${name.replace(/\[.*$/, '')} has no item ${run.values.get(variableOf(name)) ?? ''} there: bash passes an empty value`
              : 'its item holds a `$`, a backquote, a file pattern, braces, a tilde or a backslash that bash expands when the script runs';
          for (const w of written) why.set(w.toLowerCase(), reason);
          continue;
        }
        for (const w of written) values.set(w.toLowerCase(), value);
      }
      return { values, line: run.line, why };
    });
    for (let k = from; k <= to; k++) out.set(k + 1, items);
  }
  return out;
}

/** An item of a `for VAR in` list: VAR's value, and what the body derives from it (`derivations`: bodyDerivations, found once a loop). */
function itemRun(derivations: ReturnType<typeof bodyDerivations>, variable: string, item: Item): Run {
  const values = new Map<string, string | undefined>([[variable, item.value]]);
  for (const derive of derivations) for (const [name, v] of derive(item.value ?? '')) values.set(name, item.value === undefined ? undefined : v);
  return { line: item.line, values };
}

/** The index variable of `A[$i]`, `A[i]`, `A[${i}]`. */
function variableOf(name: string): string {
  return name.replace(/^[^[]*\[\$?\{?|\}?\]$/g, '');
}

/** An index of a loop over indices: `${A[$i]}`, `${A[i]}`, `${A[${i}]}` of every array, and `$i` itself. */
function indexRun(arrays: Map<string, Item[] | undefined>, variable: string, n: number, line: number): Run {
  const values = new Map<string, string | undefined>([[variable, String(n)]]);
  let expanded = false;
  for (const [name, items] of arrays) {
    // An index past an array's end is bash's empty string: no value (the command's option would be given none).
    const v = items?.[n]?.value;
    if (items?.[n] !== undefined && v === undefined) expanded = true;
    for (const index of [`$${variable}`, variable, `\${${variable}}`]) values.set(`${name}[${index}]`, v);
  }
  return { line, values, expanded };
}
