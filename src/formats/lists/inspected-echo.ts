// A program's console that prints the records it read before working on each: Node's
// `console.log(rows)` (interbiznw/PogoPlayer `pogo.js`: `console.log(acc)`, the rows of its
// accounts.csv split at `,`; its first version's `console.log(args)`, `{ a: 'ptc', u: 'x', p: 'y',
// l: [ ... ] }`) prints them as `util.inspect` does: `[ [ 'ptc',\n    'user',\n    'pass', ... ],`,
// a long array one element a line. Those lines are the echo of the records the console then prints
// one by one (`Auth service: ptc, Username: x, Password: y`): a careful reader reads the records and
// passes over their echo, never taking it for code or data that makes the console unsure.
import type { DumpAccount, DumpResult } from '../types.js';

/** A JavaScript string as util.inspect quotes it (`'`, else `"` or a backtick), its escapes undone. */
const STRING = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\\n]|\\.)*)`/y;
/** What else util.inspect writes between an array's or object's strings. */
const OTHER = /\s+|[[\]{},]|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|undefined|null|true|false|[A-Za-z_$][\w$]*:|'(?:[^'\\\n]|\\.)*':/y;

/** A record of numbers alone (`[ '13.37', '-90.01' ]`, a location split at `,`) holds no login. */
const NUMBER = /^-?\d+(?:\.\d+)?$/;

const unescape = (s: string): string => s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));

/**
 * The records (each innermost `[...]` or `{...}`: its strings in order) of a printout, or
 * undefined where the text is anything but util.inspect's literals.
 */
function records(text: string): string[][] | undefined {
  const out: string[][] = [];
  const open: string[][] = [];
  let at = 0;
  while (at < text.length) {
    STRING.lastIndex = at;
    const s = STRING.exec(text);
    if (s) {
      // A quoted key (`'auth service': 'ptc'`) is a key, not a value.
      if (text[STRING.lastIndex] !== ':') open.at(-1)?.push(unescape(s[1] ?? s[2] ?? s[3] ?? ''));
      at = STRING.lastIndex + (text[STRING.lastIndex] === ':' ? 1 : 0);
      continue;
    }
    OTHER.lastIndex = at;
    const o = OTHER.exec(text);
    if (!o) return undefined;
    const t = o[0];
    if (t === '[' || t === '{') open.push([]);
    else if (t === ']' || t === '}') {
      const done = open.pop();
      if (!done) return undefined;
      // An outer list's own strings are none: only the innermost records count.
      if (done.length > 0) out.push(done);
    }
    at = OTHER.lastIndex;
  }
  return open.length === 0 ? out : undefined;
}

/** Whether a record holds an account's login and, after it, its password. */
function holdsAccount(record: string[], byLogin: Map<string, Set<string>>): boolean {
  for (let i = 0; i < record.length; i++) {
    const passwords = byLogin.get(record[i]!);
    if (passwords && record.slice(i + 1).some((v) => passwords.has(v))) return true;
  }
  return false;
}

/**
 * The result with the lines refused as code or data that are Node's printout of the accounts'
 * records set aside as the console's prose: each run of such lines must be util.inspect's literals
 * alone, every record in it empty (`[ '' ]`, the empty last row) or holding an account read
 * elsewhere in the file, login then password. Anything else in a run leaves the run as it was.
 */
export function inspectedEchoAsProse(text: string, result: DumpResult): DumpResult {
  // A mail's reader skips such lines as code, a list's reader refuses them: either way they are code here.
  const code = [...new Set([...result.rejected, ...(result.skipped ?? [])].filter((r) => r.kind === 'code').map((r) => r.line))].sort((a, b) => a - b);
  if (code.length === 0 || result.accounts.length === 0) return result;
  const byLogin = new Map<string, Set<string>>();
  for (const a of result.accounts as DumpAccount[]) byLogin.set(a.username, (byLogin.get(a.username) ?? new Set()).add(a.password));
  const lines = text.split(/\r?\n/);
  const echo = new Set<number>();
  for (let k = 0; k < code.length; ) {
    let end = k;
    while (end + 1 < code.length && code[end + 1] === code[end]! + 1) end++;
    const run = code.slice(k, end + 1);
    const found = records(run.map((n) => lines[n - 1] ?? '').join('\n'));
    if (found && found.some((r) => holdsAccount(r, byLogin)) && found.every((r) => r.every((v) => v === '' || NUMBER.test(v)) || holdsAccount(r, byLogin))) for (const n of run) echo.add(n);
    k = end + 1;
  }
  if (echo.size === 0) return result;
  return {
    ...result,
    rejected: result.rejected.filter((r) => !(r.kind === 'code' && echo.has(r.line))),
    skipped: [...(result.skipped ?? []).filter((s) => !(s.kind === 'code' && echo.has(s.line))), ...[...echo].map((line) => ({ line, kind: 'prose' as const }))].sort((a, b) => a.line - b.line),
  };
}
