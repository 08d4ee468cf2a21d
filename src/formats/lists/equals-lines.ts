// A file whose every line is `name=value`: `ash01x=Pika1234` on every line. No account tool or
// shop we know writes accounts so (every creator, checker and scanner file here separates with
// `:` `,` `;` a tab or a bar: peer-formats.md, test/fixtures/README.md), while a settings file
// (`.env`, `.properties`, `.ini`: `timeout=30`, `host=localhost`) is exactly that shape, and `=`
// may be a password's own character (other-mark.ts): unsure, the file is refused naming what it
// looks like, with the way through. Under `import --format plain` the operator has said they are
// accounts: each line is read split at its first `=` (a PTC login holds none), a line of the file
// of another shape still judged as the list's.
import { contentHead } from '../decode.js';
import { markAfterLogin } from './other-mark.js';

/** A comment line in such a file: `#` or `;` (INI), `!` (Java properties). */
const COMMENT = /^[#;!]/;

/**
 * The login and password of one `login=value` line, or undefined. `=>` is an arrow a seller types
 * (tight-separator.ts reads it), and `==` no single mark: neither is such a line.
 */
export function equalsPair(s: string): { username: string; password: string } | undefined {
  const m = markAfterLogin(s);
  if (!m || m.mark !== '=' || s[m.at + 1] === '>' || s[m.at + 1] === '=') return undefined;
  return { username: s.slice(0, m.at), password: s.slice(m.at + 1) };
}

/** How many of the file's first lines with content are `login=value`, when every one is (comments aside); 0 otherwise. */
export function equalsLineCount(text: string): number {
  let n = 0;
  for (const s of contentHead(text)) {
    if (COMMENT.test(s)) continue;
    if (!equalsPair(s)) return 0;
    n++;
  }
  return n;
}

/** The phrase naming such a file, for the refusal (describe-content.ts). */
export function describeEqualsLines(n: number): string {
  return `\`name=value\` lines (${n} of ${n}): a settings file, or accounts written \`login=password\`? no account tool or shop writes \`=\` between them, and \`=\` may be a password's own character; if they are accounts, import the file with --format plain`;
}
