// RocketMap started with its accounts on the command line, as operators kept it in a start.bat or
// a shell script: `python runserver.py -a ptc -u ash1 -u ash2 -p Pass1 -p Pass2 -l "New York" -k
// KEY`. RocketMap's options (RocketMap/RocketMap pogom/utils.py get_args): `-u/--username`,
// `-p/--password`, `-a/--auth-service` are `action='append'`, paired as in its config.ini
// (rocketmap-config.ts); pgoapi's own `pokecli.py` (tejado/pgoapi) takes the same `-a -u -p`.
// Every other option (the Maps key `-k`, hash keys, database password) is never read. A line
// ending with `^` (cmd.exe) or `\` (sh) goes on on the next one.
import { headLines, splitLines } from './decode.js';
import { pairAccounts } from './rocketmap-config.js';
import type { DumpFormat, DumpInput, DumpResult } from './types.js';

const COMMAND = /\b(?:runserver|pokecli)\.py\b/;
const OPTIONS = new Map<string, 'user' | 'pass' | 'auth'>([
  ['-u', 'user'],
  ['--username', 'user'],
  ['-p', 'pass'],
  ['--password', 'pass'],
  ['-a', 'auth'],
  ['--auth-service', 'auth'],
]);

/** The words of a command line as a shell splits them: blanks apart, quotes kept together. */
function words(s: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === ' ' || c === '\t') {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Each line of the commands in `lines` (continued lines included), with its words. */
function commandLines(lines: string[]): { line: number; words: string[] }[] {
  const out: { line: number; words: string[] }[] = [];
  let inCommand = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trimEnd();
    if (!inCommand && !COMMAND.test(raw)) continue;
    inCommand = /[\^\\]$/.test(raw);
    out.push({ line: i + 1, words: words(inCommand ? raw.slice(0, -1) : raw) });
  }
  return out;
}

/** The option a word names and its value (`--username=x`), or the option alone. */
function option(w: string): { role?: 'user' | 'pass' | 'auth'; value?: string } {
  const eq = w.startsWith('--') ? w.indexOf('=') : -1;
  return eq > 0 ? { role: OPTIONS.get(w.slice(0, eq)), value: w.slice(eq + 1) } : { role: OPTIONS.get(w) };
}

export function detectRocketmapCommand(input: DumpInput): number {
  return commandLines(headLines(input.text, 200)).some((c) => c.words.some((w) => option(w).role === 'user')) ? 0.9 : 0;
}

export function parseRocketmapCommand(input: DumpInput): DumpResult {
  const users: { value: string; line: number }[] = [];
  const pass = { values: [] as string[], line: undefined as number | undefined };
  const auth = { values: [] as string[], line: undefined as number | undefined };
  for (const { line, words: ws } of commandLines(splitLines(input.text))) {
    for (let k = 0; k < ws.length; k++) {
      const { role, value: given } = option(ws[k]!);
      if (!role) continue;
      const value = given ?? ws[++k];
      if (value === undefined) continue;
      if (role === 'user') users.push({ value, line });
      else if (role === 'pass') [pass.values, pass.line] = [[...pass.values, value], line];
      else [auth.values, auth.line] = [[...auth.values, value], line];
    }
  }
  return { format: 'rocketmap-command', ...pairAccounts(users, pass, auth) };
}

export const rocketmapCommand: DumpFormat = { name: 'rocketmap-command', detect: detectRocketmapCommand, parse: parseRocketmapCommand };
