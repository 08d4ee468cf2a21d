// A PowerShell launcher's accounts kept in the script as an array its loop starts a command for each
// of: `$accounts = @("user:pass", ...)` with `foreach ($acc in $accounts) { $u, $p = $acc -split ':' ...
// -u $u -p $p }`, or hashtables `@(@{Username='x'; Password='y'}, ...)` with `-u $c.Username -p
// $c.Password` (PowerShell's about_Arrays `@( )`, about_Hash_Tables `@{ k = v; ... }`, about_Foreach,
// about_Split: `$a, $b = "x:y" -split ':'` gives $a the first part and $b the rest). Only a literal
// array the loop walks, and only the variables its loop sets from each item, are read: each item is
// one run of the command. A single-quoted string is read as written (`''` a quote); a double-quoted
// one holding `$` or a backtick would be expanded by PowerShell: that item is left unread.

import { lineFinder } from '../line-finder.js';

export interface LoopItem {
  /** The values the loop gives its variables for this item, by the word written in the command (`$u`, `$c.Username`). */
  values: Map<string, string>;
  line: number;
  /** Why a variable of the item has no value here, by the word written in the command (never quoting the value: it may be a password). */
  why?: Map<string, string>;
}

interface ArrayItem {
  value: string | Map<string, string> | undefined;
  line: number;
}

/** The literal arrays of the script (`$name = @( ... )`), by lowercased name: each item a string, a hashtable, or unreadable. */
function arrays(text: string): Map<string, ArrayItem[]> {
  const out = new Map<string, ArrayItem[]>();
  const start = /\$([A-Za-z_]\w*)\s*=\s*@\(/g;
  const lineAt = lineFinder(text); // a long array's items each looked up
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const items: ArrayItem[] = [];
    let k = m.index + m[0].length;
    let table: Map<string, string> | undefined;
    let key: string | undefined;
    for (; k < text.length && text[k] !== ')'; k++) {
      const c = text[k]!;
      if (c === "'" || c === '"') {
        let s = '';
        let j = k + 1;
        for (; j < text.length; j++) {
          if (text[j] === c && text[j + 1] === c) {
            s += c;
            j++;
          } else if (text[j] === c) break;
          else s += text[j];
        }
        const plain = c === "'" || !/[$`]/.test(s);
        if (table) {
          if (key !== undefined) table.set(key, plain ? s : '\u0000');
          key = undefined;
        } else items.push({ value: plain ? s : undefined, line: lineAt(k) });
        k = j;
      } else if (c === '@' && text[k + 1] === '{') {
        table = new Map();
        items.push({ value: table, line: lineAt(k) });
        k++;
      } else if (c === '}') table = undefined;
      else if (table && /[A-Za-z_]/.test(c)) {
        const w = /^([A-Za-z_]\w*)\s*=/.exec(text.slice(k, k + 64));
        if (w) {
          key = w[1]!.toLowerCase();
          k += w[0].length - 1;
        }
      }
    }
    out.set(m[1]!.toLowerCase(), items);
    // The next array starts after this one ends: each character scanned once, an unclosed `@(` included.
    start.lastIndex = Math.max(start.lastIndex, k);
  }
  // `$list += "user:pass"` or `+= @{...}` (about_Assignment_Operators: `+=` on an array appends), each on its line.
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const m = /^\s*\$([A-Za-z_]\w*)\s*\+=\s*(.*?)\s*$/.exec(l);
    const list = m ? out.get(m[1]!.toLowerCase()) : undefined;
    if (!m || !list) return;
    const one = arrays(`$x = @(${m[2]!})`).get('x') ?? [];
    for (const item of one) list.push({ ...item, line: i + 1 });
  });
  return out;
}

/**
 * The script's here-strings (about_Quoting_Rules: `@"` or `@'` ending its line, the text to a line
 * starting `"@` or `'@`), by lowercased name: each line an item as `-split "\`n"` makes it. A line of
 * a `@"` one holding `$` or a backtick would be expanded: left unread.
 */
function hereStrings(lines: string[]): Map<string, ArrayItem[]> {
  const out = new Map<string, ArrayItem[]>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\$([A-Za-z_]\w*)\s*=\s*@(["'])\s*$/.exec(lines[i]!);
    if (!m) continue;
    const items: ArrayItem[] = [];
    let k = i + 1;
    for (; k < lines.length && !lines[k]!.startsWith(`${m[2]}@`); k++) items.push({ value: m[2] === '"' && /[$`]/.test(lines[k]!) ? undefined : lines[k]!, line: k + 1 });
    if (k < lines.length) out.set(m[1]!.toLowerCase(), items);
    i = k;
  }
  return out;
}

/** `foreach ($c in $list) {`: the loop variable and the array's name; or a here-string's lines, `$list -split "\`n"`, `$list.Split("\`n")`. */
const FOREACH = /\bforeach\s*\(\s*\$([A-Za-z_]\w*)\s+in\s+(\()?\$([A-Za-z_]\w*)(\s*-split\s*(?:"(?:`r)?`n"|"\\r\?\\n"|\[Environment\]::NewLine)|\.Split\(\s*"`n"\s*\))?\s*\)?\s*\)/i;
/** `$list | ForEach-Object {` (or its aliases `foreach`, `%`): the loop's item is `$_` (about_PSItem). */
const PIPELINE = /^\s*\$([A-Za-z_]\w*)\s*\|\s*(?:ForEach-Object|foreach|%)\s*(?:-Process\s*)?\{/i;
/** `$u, $p = $acc -split ':'` or `= $acc.Split(":")` (`.Trim()` first or not), a limit of 2 or none. */
const SPLIT = /\$([A-Za-z_]\w*)\s*,\s*\$([A-Za-z_]\w*)\s*=\s*\$([A-Za-z_]\w*)(\.Trim\(\))?(?:\s*-split\s*(['"])(.)\5|\.Split\(\s*(['"])(.)\7)(\s*,\s*2)?\)?/i;

/**
 * `$parts = $acc.Split(':')` (then `$parts[0]`, `$parts[1]`), `$user = $acc.Split(':')[0]`, `$pass =
 * ($acc -split ':')[1]` (about_Split, about_Arrays: an index picks one part; `[1]` is the second part
 * only, never the rest). Groups: the variable set, the loop's variable, `.Trim()`, the separator
 * (`-split`'s quote and character, or `.Split`'s), the index when one is taken on the line.
 */
const PART = /^\s*\$([A-Za-z_]\w*)\s*=\s*\(?\s*\$([A-Za-z_]\w*)(\.Trim\(\))?(?:\s*-split\s*(['"])(.)\4|\.Split\(\s*(['"])(.)\6\s*\))\s*\)?(?:\[(\d)\])?\s*;?\s*$/i;

/** The body's `PART` lines splitting the loop's `variable`, each once per loop (not once per item). */
function partLines(body: string[], variable: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const l of body) {
    const m = PART.exec(l);
    if (!m || m[2]!.toLowerCase() !== variable.toLowerCase()) continue;
    // `-split` takes a regular expression: a separator that is one of its special characters is not split so.
    if (m[5] !== undefined && /[\\^$.|?*+()[\]{}]/.test(m[5])) continue;
    out.push(m);
  }
  return out;
}

/** The values the loop's `PART` lines (partLines) give for one item, by the words a command writes them with. */
function partValues(lines: readonly RegExpExecArray[], item: string, values: Map<string, string>, why: Map<string, string>): void {
  for (const m of lines) {
    const sep = m[5] ?? m[7]!;
    const parts = (m[3] ? item.trim() : item).split(sep);
    if (parts.length < 2 || parts[0] === '') continue;
    const name = m[1]!.toLowerCase();
    // `ash03:Staryu:M03`: the script passes `Staryu` as the password, the item's own says more: which the account has is unsure.
    const cut = parts.length > 2 ? `a second \`${sep}\` in the item: the script passes one part of it, the item's password is unsure` : undefined;
    const words = m[8] !== undefined ? [[`$${name}`, `\${${name}}`, `$(${'$'}${name})`, Number(m[8])] as const] : parts.map((_, k) => [`$${name}[${k}]`, `$(${'$'}${name}[${k}])`, k] as const);
    for (const w of words) {
      const v = parts[w.at(-1) as number];
      for (const word of w.slice(0, -1) as string[]) {
        if (cut && w.at(-1) !== 0) why.set(word, cut);
        else if (v !== undefined) values.set(word, v);
      }
    }
  }
}

/**
 * For each line inside a `foreach` over a literal array (1-based), the items its commands run with:
 * the variables the loop sets, by how a command writes them. A line of no such loop is absent.
 */
export function powershellLoops(lines: string[]): Map<number, LoopItem[]> {
  const out = new Map<number, LoopItem[]>();
  if (!lines.some((l) => FOREACH.test(l) || PIPELINE.test(l))) return out;
  const lists = arrays(lines.join('\n'));
  const texts = hereStrings(lines);
  for (let i = 0; i < lines.length; i++) {
    const each = FOREACH.exec(lines[i]!);
    const piped = each ? null : PIPELINE.exec(lines[i]!);
    // A here-string walked line by line (split at its newlines); an array walked item by item, only an `+=` before the loop.
    const name = (each?.[3] ?? piped?.[1])?.toLowerCase();
    const list = name === undefined ? undefined : each?.[4] ? texts.get(name) : lists.get(name)?.filter((item) => item.line <= i + 1 || item.line > i + 1 && !/\+=/.test(lines[item.line - 1]!));
    if (!list || (!each && !piped)) continue;
    const variable = each ? each[1]! : '_';
    // The loop's body: to the brace that closes the one it opens.
    let depth = 0;
    let end = i;
    for (let k = i; k < lines.length; k++) {
      for (const c of lines[k]!) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      end = k;
      if (k > i && depth <= 0) break;
      if (k === i && depth <= 0 && lines[k]!.includes('}')) break;
    }
    const body = lines.slice(i, end + 1);
    const split = body.map((l) => SPLIT.exec(l)).find((s) => s && s[3]!.toLowerCase() === variable.toLowerCase());
    const parts = split ? [] : partLines(body, variable);
    const items: LoopItem[] = [];
    for (const item of list) {
      const values = new Map<string, string>();
      const why = new Map<string, string>();
      if (typeof item.value === 'string' && split) {
        const sep = split[6] ?? split[8]!;
        // `.Trim()` takes blanks (and a CRLF file's `\r`) off both ends first.
        const value = split[4] ? item.value.trim() : item.value;
        const at = value.indexOf(sep);
        // Without a limit of 2 a second separator makes `$p` an array of the rest: no one password (about_Split).
        const sure = split[9] !== undefined || value.indexOf(sep, at + 1) < 0;
        // `-split` takes a regular expression: a separator that is one of its special characters is not split so.
        const literal = split[6] === undefined || !/[\\^$.|?*+()[\]{}]/.test(sep);
        // An empty line of a here-string gives no account (the command would run with empty values).
        if (value === '' && split) continue;
        for (const [name, v, last] of [[split[1]!, value.slice(0, at), false], [split[2]!, value.slice(at + 1), true]] as const) {
          for (const w of [`$${name}`, `\${${name}}`, `$(${'$'}${name})`]) {
            if (at > 0 && literal && (sure || !last)) values.set(w.toLowerCase(), v);
            else if (!sure && last) why.set(w.toLowerCase(), `a second \`${sep}\` in the item makes \$${split[2]} an array of the rest, split without a limit of 2`);
          }
        }
      } else if (typeof item.value === 'string') {
        if (item.value === '' && each?.[4]) continue;
        partValues(parts, item.value, values, why);
      } else if (item.value instanceof Map) {
        for (const [key, value] of item.value) {
          if (value === '\u0000') continue;
          for (const w of [`$${variable}.${key}`, `$(${'$'}${variable}.${key})`, `$${variable}['${key}']`, `$${variable}["${key}"]`]) values.set(w.toLowerCase(), value);
        }
      }
      items.push({ values, line: item.line, ...(why.size > 0 ? { why } : {}) });
    }
    for (let k = i + 1; k <= end + 1; k++) out.set(k, items);
    // A one-line loop (`foreach (...) { & python runserver.py ... }`): its command is on the loop's own line.
    if (end === i) out.set(i + 1, items);
  }
  return out;
}

/**
 * A command's word as the loop's item gives it, or the word as written: the whole word, or each
 * variable inside it (`"Pw $u"`: PowerShell and bash expand a variable inside double quotes alike).
 */
export function loopValue(item: LoopItem, word: string): string {
  const whole = item.values.get(word.toLowerCase());
  if (whole !== undefined || !word.includes('$')) return whole ?? word;
  return word.replace(/\$\{[^}]+\}|\$[A-Za-z_]\w*/g, (v) => item.values.get(v.toLowerCase()) ?? v);
}

/** PowerShell's escapes inside a double-quoted string (about_Special_Characters), by the letter after the backtick. */
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

/**
 * The text of the double-quoted PowerShell string on a line that holds RocketMap's command
 * (`Start-Process cmd -ArgumentList "/c python runserver.py -u \`"$u\`" ..."`), its escapes
 * resolved as PowerShell does (about_Quoting_Rules: \`" and "" a quote, \`\` a backtick): the
 * command line the program is given. Undefined where the line has no such string, or escapes a `$`
 * (a literal `$` would be taken for a variable here).
 */
export function powershellString(line: string, program: RegExp): string | undefined {
  for (let at = line.indexOf('"'); at >= 0; at = line.indexOf('"', at + 1)) {
    let text = '';
    let k = at + 1;
    for (; k < line.length; k++) {
      const c = line[k]!;
      if (c === '`' && k + 1 < line.length) {
        const next = line[++k]!;
        if (next === '$') return undefined;
        text += ESCAPES[next] ?? next;
      } else if (c === '"' && line[k + 1] === '"') {
        text += '"';
        k++;
      } else if (c === '"') break;
      else text += c;
    }
    if (k >= line.length) return undefined;
    if (program.test(text)) return text;
    at = k;
  }
  return undefined;
}
