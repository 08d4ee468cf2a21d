// Where a text that should be JSON breaks, by line and column, and what is wrong there in words
// that quote nothing of it (JSON.parse's own message quotes the text around the error, which may
// hold a password, and Node 20's gives no position at all for some errors: `Unexpected token ']',
// "..." is not valid JSON` for a trailing comma). Values written one after another (appended
// documents, JSON lines) are scanned in turn, so the place named is inside the value that
// breaks, never "more text after the first document". Run only on a text already refused.

export interface JsonBreak {
  /** 1-based. */
  line: number;
  /** 1-based, in characters from the line's start. */
  column: number;
  /** What is wrong there, quoting nothing. */
  what: string;
}

class Broken {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}

/** Deeper than this, the scan stops without an answer rather than overflow the stack. */
const MAX_DEPTH = 2000;

/** The first place `text` breaks as JSON values written one after another, or undefined where it does not. */
export function jsonBreak(text: string): JsonBreak | undefined {
  let i = 0;
  const blank = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (what: string): never => {
    throw new Broken(i, i >= text.length ? 'the text ends with an object or a list left open (a `}` or `]` missing)' : what);
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) throw new Broken(i, 'the text ends inside a string: a closing `"` is missing');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x0a || c === 0x0d) throw new Broken(i, 'a string runs to the end of its line: a closing `"` is missing (or a line break inside a string, which JSON writes as \\n)');
      if (c < 0x20) throw new Broken(i, 'a control character inside a string (JSON writes it escaped)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Broken(i, 'a `\\u` escape without four hex digits');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Broken(i, 'a backslash starting no escape JSON knows (a `\\` in a password is written `\\\\`)');
        i += 2;
        continue;
      }
      i++;
    }
    i++;
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Broken(-1, '');
    blank();
    const c = text[i];
    if (c === '{') {
      i++;
      blank();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        blank();
        if (text[i] === '}') fail('a comma before `}`: JSON allows none after the last member');
        if (text[i] !== '"') fail(text[i] === "'" ? 'a key in single quotes: JSON writes keys in double quotes' : text[i] === '/' ? 'a comment: JSON has none' : 'a key expected (in double quotes)');
        string();
        blank();
        if (text[i] !== ':') fail('a `:` expected after the key');
        i++;
        value(depth + 1);
        blank();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(text[i] === '"' ? 'a comma missing between two members' : 'a `,` or `}` expected after a member');
      }
    }
    if (c === '[') {
      i++;
      blank();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        blank();
        if (text[i] === ']') fail('a comma before `]`: JSON allows none after the last item');
        value(depth + 1);
        blank();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(text[i] === '{' || text[i] === '"' || text[i] === '[' ? 'a comma missing between two items' : 'a `,` or `]` expected after an item');
      }
    }
    if (c === '"') return string();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(c === "'" ? 'a string in single quotes: JSON writes strings in double quotes' : c === '/' ? 'a comment: JSON has none' : 'a value expected (a string in double quotes, a number, an object or a list)');
  };
  try {
    blank();
    if (i >= text.length) return undefined;
    while (i < text.length) {
      value(0);
      blank();
      // Values one after another may be separated by a comma (objects pasted out of a list).
      if (text[i] === ',') i++;
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof Broken) || error.at < 0) return undefined;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    return { line, column: error.at - before.lastIndexOf('\n'), what: error.what };
  }
}
