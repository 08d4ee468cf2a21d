// The file a launcher's loop reads its accounts from, where the script holds none itself: `while
// IFS=: read -r u p; do ... done < accounts.txt`, `cat accounts.txt | while read ...`, `for u in
// $(cat users.txt)` (bash: 3.6.1 Redirecting Input, 3.2.3 Pipelines, 3.5.4 Command Substitution),
// PowerShell's `Get-Content accounts.txt | ForEach-Object` or `Import-Csv accounts.csv | ...`, `foreach
// ($l in Get-Content x)`, cmd.exe's `for /f "tokens=1,2 delims=:" %%a in (accounts.txt) do ...` (Microsoft's
// `for /?`: a file set unquoted, or in double quotes under `usebackq`). The command in the loop is still refused (its values are the shell's at run
// time), but its refusal can name the file to import instead.
import { body } from './shell-loops.js';

/** A file name as a script writes it: quoted or not, no variable in it (a `$dir/x` is the shell's), no control character (it is printed in the refusal). */
const FILE = String.raw`(?:"([^"$\`\x00-\x1f\x7f]{1,200})"|'([^'\x00-\x1f\x7f]{1,200})'|([^\s;&|<>()$\`'"\x00-\x1f\x7f]{1,200}))`;
const BASH_DONE = new RegExp(String.raw`(?:^|[\s;])done\s*<\s*${FILE}`);
const BASH_PIPE = new RegExp(String.raw`^\s*(?:cat|grep\s+\S+|sort|tail\s+\S+|head\s+\S+)\s+${FILE}\s*\|\s*while\b`);
const BASH_FOR = new RegExp(String.raw`^\s*for\s+[A-Za-z_]\w*\s+in\s+(?:"?\$\(|\`)\s*(?:cat|<)\s*${FILE}\s*\)?\`?"?\s*(?:;|$)`);
const PS_PIPE = new RegExp(String.raw`^\s*(?:\$\w+\s*=\s*)?(?:Get-Content|gc|cat|type|Import-Csv|ipcsv)\s+(?:-Path\s+)?${FILE}[^|{]*\|\s*(?:ForEach-Object|foreach|%)\s*(?:-Process\s*)?\{`, 'i');
const PS_FOREACH = new RegExp(String.raw`^\s*foreach\s*\(\s*\$\w+\s+in\s+\(?\s*(?:Get-Content|gc|cat|type|Import-Csv|ipcsv)\s+(?:-Path\s+)?${FILE}`, 'i');

// cmd.exe: `for /f ["options"] %%X in (file) do`, the body on the line or a `do (` block to its `)`. Without
// `usebackq` a double-quoted set is a string, no file; a single-quoted or backquoted one is a command.
const BAT_FOR = /^\s*@?for\s+\/f\s+(?:"([^"]*)"\s+)?%%?~?[A-Za-z]\s+in\s*\(\s*(?:"([^"$%\x00-\x1f\x7f]{1,200})"|([^\s"'`()%$\x00-\x1f\x7f]{1,200}))\s*\)\s*do\b(.*)$/i;

const named = (m: RegExpExecArray) => (m[1] ?? m[2] ?? m[3])!;

/** For each line inside a loop over a file's lines (1-based), the file's name as written. */
export function loopSources(lines: string[]): Map<number, string> {
  const out = new Map<number, string>();
  if (!lines.some((l) => /\b(?:while|for|foreach|ForEach-Object)\b|%\s*\{/i.test(l))) return out;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const bat = BAT_FOR.exec(l);
    if (bat) {
      const file = bat[3] ?? (/\busebackq\b/i.test(bat[1] ?? '') ? bat[2] : undefined);
      if (file === undefined) continue;
      // `do (` opens a block that ends at the `)` closing it; a rough count, as cmd.exe's parser counts them outside quotes.
      const end = blockEnd(lines, i, '(', ')', (k) => (k === i ? bat[4]! : lines[k]!).replace(/"[^"]*"/g, ''), false);
      for (let k = i; k <= end; k++) out.set(k + 1, file);
      continue;
    }
    if (/^\s*(?:while\b|\S.*\|\s*while\b)/.test(l) || BASH_FOR.test(l)) {
      const span = body(lines, i);
      if (!span) continue;
      const file = BASH_PIPE.exec(l) ?? BASH_FOR.exec(l) ?? BASH_DONE.exec(lines[span[1]]!);
      if (file) for (let k = span[0]; k <= span[1]; k++) out.set(k + 1, named(file));
      continue;
    }
    const ps = PS_PIPE.exec(l) ?? PS_FOREACH.exec(l);
    if (!ps) continue;
    const end = blockEnd(lines, i, '{', '}', (k) => lines[k]!, true);
    for (let k = i; k <= end; k++) out.set(k + 1, named(ps));
  }
  return out;
}

/** The most lines a loop's block is looked for in (shell-loops.ts `body` bounds its search alike): a block never closed costs no walk of the whole rest per loop. */
const BLOCK_LINES = 2000;

/**
 * The last line (0-based) of the block a loop opens at line `i`: where its `open`/`close` marks
 * (counted in `text(k)`) come back to none. `closedOnFirst`: a first line that opens none ends the
 * block there only when it also closes one (PowerShell's `{` may stand on the next line).
 */
function blockEnd(lines: readonly string[], i: number, open: string, close: string, text: (k: number) => string, closedOnFirst: boolean): number {
  let depth = 0;
  const last = Math.min(lines.length, i + BLOCK_LINES) - 1;
  for (let k = i; k <= last; k++) {
    const t = text(k);
    for (const c of t) depth += c === open ? 1 : c === close ? -1 : 0;
    if (depth <= 0 && (!closedOnFirst || k > i || t.includes(close))) return k;
  }
  return last;
}
