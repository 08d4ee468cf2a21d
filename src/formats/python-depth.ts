// How deep a Python text nests its brackets, found before py-ast parses it. py-ast parses by
// recursion: past about 500 nested `[` it overflows the stack, and the readers said "syntax error"
// of a file Python would call too deep. Python itself refuses more than 200 open brackets
// (CPython Parser/tokenizer.h MAXLEVEL: "too many nested parentheses"), so a deeper text is no
// program's config or output: refused naming the line of the bracket past 200. Strings and comments
// are skipped, where a bracket is text.

/** CPython's tokenizer refuses a text with more brackets open than this. */
export const PYTHON_MAX_NESTING = 200;

/** The refusal of such a text, named by that line. */
export const PYTHON_TOO_DEEP = `nests brackets more than ${PYTHON_MAX_NESTING} deep (Python itself refuses such a file: "too many nested parentheses"); nothing of it was read`;

/** The line of the first bracket opened past PYTHON_MAX_NESTING, or undefined. */
export function pythonTooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '(' || c === '[' || c === '{') {
      if (++depth > PYTHON_MAX_NESTING) return line;
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      // A backslash keeps the next character in the string (a raw string's too, as the tokenizer reads it);
      // a one-quoted string ends at its line's end, whatever the parser says of it.
      for (i += close.length; i < text.length && !text.startsWith(close, i); i++) {
        if (text[i] === '\\') {
          if (text[++i] === '\n') line++;
        } else if (text[i] === '\n') {
          line++;
          if (!triple) break;
        }
      }
      i += close.length - 1;
    }
  }
  return undefined;
}
