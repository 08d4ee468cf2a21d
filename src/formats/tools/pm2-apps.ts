// RocketMap started by PM2 from its ecosystem file (`ecosystem.config.js`, or the JSON `process.json`):
// `apps: [{ name, script: 'runserver.py', interpreter: 'python', args: '-a ptc -u x -p y' }]`. PM2
// (Unitech/pm2 `lib/API/schema.json`: `args` an array or a string; `lib/tools/Config.js` _valid) passes
// an array's items as they are, and splits a string itself, no shell: from 2014 to 5.4 with
// `split(/([\w\-]+\="[^"]*")|([\w\-]+\='[^']*')|"([^"]*)"|'([^']*)'|\s/)`, since CVE-2025-5891's fix
// (2026) with a `match` of the same pieces, quotes around a whole word dropped. Where the two give
// other words, or a value is computed (a template's `${}`, `+`, a variable), the app is refused by
// its line: which account PM2 passed is unsure.

export interface Pm2App {
  /** The words PM2 runs: the script, then its arguments. */
  words: { word: string; line: number }[];
  /** Why the app's arguments are unknown here. */
  problem?: string;
  line: number;
  /** The app's lines (1-based, first and last): no other reader of the launch file reads them again. */
  from: number;
  to: number;
}

/** Whether the text is a PM2 ecosystem file: an `apps` list of objects naming a `script`. */
export function isPm2Ecosystem(text: string): boolean {
  return /["']?apps["']?\s*:\s*\[/.test(text) && /(?<![\w$])["']?(?:script|exec)["']?\s*:/.test(text);
}

/** A JS or JSON string literal at `text[at]`: its value (simple escapes), its end; computed where it is a template with `${`. */
function literal(text: string, at: number): { value?: string; end: number } | undefined {
  const q = text[at];
  if (q !== "'" && q !== '"' && q !== '`') return undefined;
  let value = '';
  for (let k = at + 1; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\\') {
      const n = text[++k] ?? '';
      value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[n] ?? n;
    } else if (c === q) return q === '`' && value.includes('${') ? { end: k + 1 } : { value, end: k + 1 };
    else if (c === '\n' && q !== '`') return undefined;
    else value += c;
  }
  return undefined;
}

/** PM2 before 2026: the split by its pieces, each captured piece kept, empty ones dropped. */
function splitOld(value: string): string[] {
  return value.split(/([\w-]+="[^"]*")|([\w-]+='[^']*')|"([^"]*)"|'([^']*)'|\s/).filter((v) => v !== undefined && v.trim() !== '');
}

/** PM2 since CVE-2025-5891's fix: the pieces matched, a whole word's quotes dropped. */
function splitNew(value: string): string[] {
  return (value.match(/[^\s"'=]+="[^"]*"|[^\s"'=]+='[^']*'|"([^"]*)"|'([^']*)'|\S+/g) ?? [])
    .map((v) => ((v[0] === '"' && v.at(-1) === '"') || (v[0] === "'" && v.at(-1) === "'") ? v.slice(1, -1) : v))
    .filter((v) => v.trim() !== '');
}

/** The app objects of a PM2 ecosystem file with their script and arguments. */
export function pm2Apps(text: string, lineOf: (at: number) => number): Pm2App[] {
  const out: Pm2App[] = [];
  const key = /(?<![\w$])["']?(?:script|exec)["']?\s*:\s*/g;
  for (let m = key.exec(text); m; m = key.exec(text)) {
    // The object holding the key: from the `{` that opens it to the `}` that closes it.
    let depth = 0;
    let open = m.index;
    for (; open >= 0; open--) {
      const c = text[open];
      if (c === '}') depth++;
      else if (c === '{' && depth-- === 0) break;
    }
    let close = m.index;
    for (depth = 0; close < text.length; close++) {
      const c = text[close];
      if (c === '{') depth++;
      else if (c === '}' && depth-- === 0) break;
    }
    if (open < 0 || close >= text.length) continue;
    const body = text.slice(open, close + 1);
    const script = literal(text, m.index + m[0].length);
    if (!script?.value) continue;
    const line = lineOf(m.index);
    const app: Pm2App = { words: [{ word: script.value, line }], line, from: lineOf(open), to: lineOf(close) };
    const args = /["']?args["']?\s*:\s*/.exec(body);
    if (args) {
      const at = open + args.index + args[0].length;
      const argsLine = lineOf(at);
      const one = literal(text, at);
      if (one && one.value === undefined) app.problem = "its args are a template filled in when PM2 loads the file: the account is not written here";
      else if (one) {
        const [old, now] = [splitOld(one.value!), splitNew(one.value!)];
        if (old.join('\u0000') !== now.join('\u0000')) app.problem = 'PM2 before and since 2026 split this args string into other words (a quote inside a word): which account it passed is unsure';
        else for (const word of now) app.words.push({ word, line: argsLine });
        if (/\s*\+/y.test(text.slice(one.end, one.end + 3))) app.problem = "its args are joined from pieces when PM2 loads the file: the account is not all written here";
      } else if (text[at] === '[') {
        // An array: each item one argument, as written; anything but a string literal is computed.
        for (let k = at + 1; k < text.length && text[k] !== ']'; k++) {
          if (/[\s,]/.test(text[k]!)) continue;
          const item = literal(text, k);
          if (!item || item.value === undefined) {
            app.problem = "an item of its args is computed when PM2 loads the file: the account is not all written here";
            break;
          }
          app.words.push({ word: item.value, line: lineOf(k) });
          k = item.end - 1;
        }
      } else app.problem = "its args are computed when PM2 loads the file: the account is not written here";
    }
    out.push(app);
  }
  return out;
}
