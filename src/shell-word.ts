// A path in a hint the operator pastes into a shell (`every line: accountpool import --dry-run
// PATH`), written as one word that bash, zsh and fish all read back to the very same bytes:
// - plain names (letters, digits, `_ . / , : @ + -`) as they are;
// - anything else in single quotes, each `'` outside them as `\'`, and a `\` too where fish would
//   read it as an escape (fish reads `\'` and `\\` as escapes even inside single quotes):
//   `a b;rm -rf ~.txt` pastes as one harmless word;
// - a name holding bytes that are not UTF-8 (raw-names.ts: `caf\xE9.txt`) or a control character,
//   which no quoting types, as `"$(printf 'caf\351.txt')"`: printf's octal escapes are the same in
//   bash, zsh and fish's own printf, and fish reads `$(...)` in double quotes since 3.4 (bash's
//   `$'\xe9'` is no fish syntax, fish's `\xe9` outside quotes no bash syntax).
// Checked by running each shell on the printed word (test/watch/shell-word.test.ts).

/** Characters no shell of the three treats specially, anywhere in a word (`=` and `~` may start an expansion in zsh). */
const PLAIN = /^[A-Za-z0-9_./,:@+-]+$/;

/** `path` as one word for bash, zsh and fish. */
export function shellWord(path: string): string {
  if (PLAIN.test(path) && !path.startsWith('-')) return path;
  if (!/[\x00-\x1f\x7f\uDC80-\uDCFF]/.test(path)) return quoted(path);
  let format = '';
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    // A lone low surrogate U+DC80..U+DCFF is one byte of a name that is not UTF-8 (raw-names.ts).
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff);
    if (lone) format += octal(c - 0xdc00);
    // A format that starts with `-` is an option to bash's printf (`printf: -|: invalid option`).
    else if (c < 0x20 || c === 0x7f || (i === 0 && c === 0x2d)) format += octal(c);
    else if (c === 0x5c) format += '\\\\';
    else if (c === 0x25) format += '%%';
    else format += path[i];
  }
  return `"$(printf ${quoted(format)})"`;
}

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/** Single-quoted runs; `'` and `\` outside them, escaped. */
function quoted(s: string): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run !== '') out += `'${run}'`;
    run = '';
  };
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    // A `\` stays inside when fish cannot take it for an escape: before anything but `'`, `\` or the closing quote.
    if (ch === "'" || (ch === '\\' && (next === undefined || next === "'" || next === '\\'))) {
      flush();
      out += `\\${ch}`;
    } else run += ch;
  }
  flush();
  return out === '' ? "''" : out;
}
