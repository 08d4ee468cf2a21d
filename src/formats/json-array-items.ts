// The objects of a JSON document that is one list of them, found one at a time in its text: `[{...},
// {...}]` or `{"accounts": [{...}, {...}]}` (the list the one key of the document holds), as
// generators and our bench write them. Why: JSON.parse of the whole document made every object of
// it at once and held them all (the reader's records made beside them): a 1,000,000-account
// document of 83 MB peaked at ~527 MB (docs/scale-log.md, stop 62 R). Parsed an object at a time,
// each object is garbage once read. Only what the whole document's reading would read the same way
// is taken: any other shape (a second key, a list holding anything but objects, an escaped key,
// text after the document) gives undefined, and the caller parses the document whole as before.

/**
 * Given each object in turn: `text.slice(start, end)` is its JSON, `line` that of its `{` (1-based).
 * False stops the walk (an object the caller cannot read so: the whole is parsed instead).
 */
export type VisitItem = (start: number, end: number, line: number) => boolean;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Each object given to `visit` as it is found; then the key that holds the list (undefined: the
 * document is the list), or undefined where the text is no such document, found maybe only after
 * some objects were given: what the caller made of them is then thrown away. Only the structure
 * around the objects is checked here; each object's own JSON is the caller's to parse (a broken
 * one: parse the whole, whose error names its line). Nothing is kept per object.
 */
export function eachArrayItem(text: string, visit: VisitItem): { key: string | undefined } | undefined {
  let i = 0;
  let line = 1;
  const n = text.length;
  const skip = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      else if (c !== SPACE && c !== TAB && c !== CR) return;
    }
  };
  skip();
  let key: string | undefined;
  if (text.charCodeAt(i) === OPEN_BRACE) {
    i++;
    skip();
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const close = text.indexOf('"', i + 1);
    // A key written with an escape: where its list starts is not found by its name (json.ts openingLines), so read whole.
    if (close < 0 || text.slice(i + 1, close).includes('\\') || text.slice(i + 1, close).includes('\n')) return undefined;
    key = text.slice(i + 1, close);
    i = close + 1;
    skip();
    if (text.charCodeAt(i) !== COLON) return undefined;
    i++;
    skip();
  }
  if (text.charCodeAt(i) !== OPEN_BRACKET) return undefined;
  i++;
  for (;;) {
    skip();
    // Every item an object (an empty list, a string or a list among them: read whole, as ever).
    if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
    const start = i;
    const at = line;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
        // A raw line feed in a string is no JSON: the whole parse says where.
        else if (c === LF) return undefined;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) break;
      } else if (c === LF) line++;
    }
    if (i >= n) return undefined;
    i++;
    if (!visit(start, i, at)) return undefined;
    skip();
    const c = text.charCodeAt(i);
    i++;
    if (c === COMMA) continue;
    if (c !== CLOSE_BRACKET) return undefined;
    break;
  }
  skip();
  if (key !== undefined) {
    if (text.charCodeAt(i) !== CLOSE_BRACE) return undefined;
    i++;
    skip();
  }
  return i >= n ? { key } : undefined;
}
