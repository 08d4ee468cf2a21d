// Apache Commons Lang 3's `StringEscapeUtils.unescapeJson` (the same translator as `unescapeJava`,
// `StringEscapeUtils.java` `UNESCAPE_JAVA`): octal escapes (`\0`-`\377`), `\uXXXX` (any number of
// `u`s), `\b` `\n` `\t` `\f` `\r`, `\\`, `\"`, `\'` and `\/`; a backslash ending the text is
// dropped, and one before any other character is kept with it. Java programs that store a value
// with `escapeJson` before handing it to their JSON library read it back with this.

const CONTROL: Record<string, string> = { b: '\b', n: '\n', t: '\t', f: '\f', r: '\r', '\\': '\\', '"': '"', "'": "'", '/': '/' };

/** The text unescaped, or `undefined` for a `\u` without four hex digits (Lang throws). */
export function unescapeJava(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    if (i + 1 >= text.length) break;
    const n = text[i + 1]!;
    const octal = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8));
      i += octal[0].length;
    } else if (n === 'u') {
      let j = i + 1;
      while (text[j] === 'u') j++;
      if (text[j] === '+') j++;
      const hex = text.slice(j, j + 4);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i = j + 3;
    } else if (n in CONTROL) {
      out += CONTROL[n];
      i++;
    } else out += c;
  }
  return out;
}
