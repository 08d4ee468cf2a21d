// Every regular expression literal in src/, fed long runs of the characters it names, alone and in
// pairs, after a literal piece of itself: prints each whose time grows more than 6x when the run
// grows 4x (1,000 to 4,000 characters), with the shape that shows it. A hint where to look, not a
// verdict: a pattern the readers only meet on short text costs nothing. Stop 66 (A) ran it over
// 1,994 literals in 10 min (2 min of CPU): 91 printed, five of them reached by readDump (hostile.test.ts).
//   node scripts/regex-sweep.mjs [PATH-PART]     (only the literals whose file:line holds PATH-PART)
import ts from 'typescript';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..', 'src');
const only = process.argv[2];

export function literals() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const sf = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n) => {
          if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
            const t = n.getText();
            const end = t.lastIndexOf('/');
            out.push({ at: `${relative(root, p)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, source: t.slice(1, end), flags: t.slice(end + 1) });
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
    }
  };
  walk(root);
  return out;
}

const CHARS = [' ', '\t', 'a', 'A', '1', ':', ';', ',', '.', '-', '_', '@', '<', '>', '"', "'", '=', '/', '|', '#', '*', '\\', '(', '[', '{', '&', '+', 'é', '\u00a0', '\n', '\r', 'x', '%', '$', '!', '~', '?', '0'];

/** Milliseconds one test of `s` takes. */
function ms(re, s) {
  const t = process.hrtime.bigint();
  re.test(s);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Prints `r` ({at, source, flags}) when a run of one of its characters, or a pair of them, after a
 * literal piece of it, costs over 6x more at 4,000 characters than at 1,000. `extra` caps how many
 * characters of its own source join CHARS (a pattern built from tables of words names hundreds).
 */
export function sweepOne(r, extra = Infinity) {
  let re;
  try {
    re = new RegExp(r.source, r.flags.replace(/[gy]/g, ''));
  } catch {
    return;
  }
  const own = [...new Set(r.source.replace(/\\./g, '').split('').filter((c) => c > ' ' && !CHARS.includes(c)))].slice(0, extra);
  const chars = [...CHARS, ...own];
  const pumps = [...chars, ...chars.flatMap((a) => chars.filter((b) => b !== a).map((b) => a + b))];
  const prefixes = ['', ...(r.source.replace(/\\[dDwWsSbB]/g, ' ').match(/[A-Za-z0-9:=@<>#_-]{1,12}/g) ?? []).slice(0, 6)];
  for (const pre of prefixes) {
    for (const pump of pumps) {
      for (const end of ['\x00', '']) {
        const t1 = ms(re, pre + pump.repeat(1000 / pump.length) + end);
        if (t1 < 0.3) continue;
        const t2 = ms(re, pre + pump.repeat(4000 / pump.length) + end);
        if (t2 > 4 && t2 / t1 > 6) {
          console.log(JSON.stringify({ at: r.at, source: r.source, flags: r.flags, shape: [pre, pump, end], ms: [+t1.toFixed(1), +t2.toFixed(1)] }));
          return;
        }
      }
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of literals()) if (!only || r.at.includes(only)) sweepOne(r);
}
