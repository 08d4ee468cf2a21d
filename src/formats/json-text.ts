// One scanner of JSON text, by JSON's own grammar, for what JSON.parse loses or hides: each
// member's line and key as written (JSON.parse forgets lines, puts keys of digits first and keeps
// only the last of two equal keys: login-map.ts), and where a text breaks, said in words that
// quote nothing of it (JSON.parse's message quotes the text around the error, which may hold a
// password: json-error.ts). A walk that ends walked valid JSON; one that breaks throws JsonBroken.

/** Where the text breaks (`at`) and what is wrong there, quoting nothing. */
export class JsonBroken {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}

/** A value: its text where it is a string, else only what it is. */
export type JsonValue = { kind: 'string'; text: string } | { kind: 'object' | 'list' | 'number' | 'flag' | 'null' };

export interface JsonMember {
  /** 1-based line of its key. */
  line: number;
  key: string;
  value: JsonValue;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Shared: a scalar's kind is all a walk says of it. */
const A_NUMBER: JsonValue = { kind: 'number' };
const A_FLAG: JsonValue = { kind: 'flag' };
const A_NULL: JsonValue = { kind: 'null' };

export class JsonText {
  at = 0;
  private line = 1;
  private counted = 0;

  constructor(readonly text: string) {}

  /** The 1-based line of `at` (counted on from the last call: cheap when asked in order). */
  lineHere(): number {
    for (; this.counted < this.at; this.counted++) if (this.text.charCodeAt(this.counted) === 10) this.line++;
    return this.line;
  }

  blank(): void {
    const t = this.text;
    while (this.at < t.length && (t[this.at] === ' ' || t[this.at] === '\t' || t[this.at] === '\n' || t[this.at] === '\r')) this.at++;
  }

  peek(): string | undefined {
    return this.text[this.at];
  }

  take(c: string): boolean {
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  /** Past blanks, at the text's end. */
  done(): boolean {
    this.blank();
    return this.at >= this.text.length;
  }

  fail(what: string): never {
    throw new JsonBroken(this.at, this.at >= this.text.length ? 'the text ends with an object or a list left open (a `}` or `]` missing)' : what);
  }

  /** Past one string, its text decoded. */
  string(): string {
    const t = this.text;
    const start = this.at;
    if (t[start] !== '"') this.fail('a string expected (in double quotes)');
    let escaped = false;
    for (this.at++; ; ) {
      if (this.at >= t.length) throw new JsonBroken(this.at, 'the text ends inside a string: a closing `"` is missing');
      const c = t.charCodeAt(this.at);
      if (c === 0x22) break;
      if (c === 0x0a || c === 0x0d) this.fail('a string runs to the end of its line: a closing `"` is missing (or a line break inside a string, which JSON writes as \\n)');
      if (c < 0x20) this.fail('a control character inside a string (JSON writes it escaped)');
      if (c === 0x5c) {
        escaped = true;
        const e = t[this.at + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.at + 2, this.at + 6))) this.fail('a `\\u` escape without four hex digits');
          this.at += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('a backslash starting no escape JSON knows (a `\\` in a password is written `\\\\`)');
        this.at += 2;
        continue;
      }
      this.at++;
    }
    this.at++;
    // Checked above, so JSON.parse only decodes (and only where there is an escape to decode).
    return escaped ? (JSON.parse(t.slice(start, this.at)) as string) : t.slice(start + 1, this.at - 1);
  }

  /**
   * Past one value (after blanks), nested ones walked and checked, saying what it was. Nested
   * values are walked by a loop over a stack of the open ones, never by recursion: a value nested
   * 100,000 deep (JSON.parse takes it) is walked like any other, no stack overflow.
   */
  value(): JsonValue {
    this.blank();
    const c = this.peek();
    if (c !== '{' && c !== '[') return this.scalar();
    const open: string[] = [];
    do {
      this.blank();
      const d = this.peek();
      if (d === '{' || d === '[') {
        this.at++;
        this.blank();
        if (!this.take(d === '{' ? '}' : ']')) {
          open.push(d);
          this.opened(d);
          continue;
        }
      } else this.scalar();
      // A value ended: close what it ends, until a container goes on past a comma.
      while (open.length > 0 && !this.next(open[open.length - 1]!)) open.pop();
      if (open.length > 0) this.opened(open[open.length - 1]!);
    } while (open.length > 0);
    return { kind: c === '{' ? 'object' : 'list' };
  }

  /** Past a string, number, `true`, `false` or `null`. */
  private scalar(): JsonValue {
    const c = this.peek();
    if (c === '"') return { kind: 'string', text: this.string() };
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m) {
      this.at += m[0].length;
      return A_NUMBER;
    }
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return word === 'null' ? A_NULL : A_FLAG;
      }
    }
    this.fail(c === "'" ? 'a string in single quotes: JSON writes strings in double quotes' : c === '/' ? 'a comment: JSON has none' : 'a value expected (a string in double quotes, a number, an object or a list)');
  }

  /** One `"key": value` member, the scanner at its key (after `{` or `,`). */
  member(): JsonMember {
    this.itemAhead('{');
    const line = this.lineHere();
    return { line, key: this.keyed(), value: this.value() };
  }

  /** Past what opens an item of the object or list `open` (after `{`, `[` or `,`): a member's key and colon. */
  private opened(open: string): void {
    this.itemAhead(open);
    if (open === '{') this.keyed();
  }

  /** At an item of the object or list `open` (past blanks), or a clear break where none is. */
  private itemAhead(open: string): void {
    this.blank();
    const c = this.peek();
    if (open === '[') {
      if (c === ']') this.fail('a comma before `]`: JSON allows none after the last item');
      return;
    }
    if (c === '}') this.fail('a comma before `}`: JSON allows none after the last member');
    if (c !== '"') this.fail(c === "'" ? 'a key in single quotes: JSON writes keys in double quotes' : c === '/' ? 'a comment: JSON has none' : 'a key expected (in double quotes)');
  }

  /** Past a member's key and its colon, the key's text returned. */
  private keyed(): string {
    const key = this.string();
    this.blank();
    if (!this.take(':')) this.fail('a `:` expected after the key');
    return key;
  }

  /** After an item of the object or list `open`: true past a `,` (another item follows), false past its closer. */
  private next(open: string): boolean {
    this.blank();
    if (this.take(',')) return true;
    if (this.take(open === '{' ? '}' : ']')) return false;
    const c = this.peek();
    if (open === '{') this.fail(c === '"' ? 'a comma missing between two members' : 'a `,` or `}` expected after a member');
    this.fail(c === '{' || c === '"' || c === '[' ? 'a comma missing between two items' : 'a `,` or `]` expected after an item');
  }

  /** The object the scanner is at (`{`), each member handed to `each` as it is walked. */
  object(each: (m: JsonMember) => void): void {
    this.at++;
    this.blank();
    if (this.take('}')) return;
    do each(this.member());
    while (this.next('{'));
  }

  /**
   * The object the scanner is at (`{`), walked by the caller: `each` is called at each member's
   * value (past its key, colon and blanks), given the key and the key's line, and walks that value
   * (`value()`, or a walk of its own into it). For a reader that keeps a few members deep inside a
   * big document with their lines (telegram-export.ts), without a second parse.
   */
  members(each: (key: string, line: number) => void): void {
    this.at++;
    this.blank();
    if (this.take('}')) return;
    do {
      this.itemAhead('{');
      const line = this.lineHere();
      const key = this.keyed();
      this.blank();
      each(key, line);
    } while (this.next('{'));
  }

  /** The list the scanner is at (`[`): `item` walks each item, called at it (after blanks). */
  list(item: () => void): void {
    this.at++;
    this.blank();
    if (this.take(']')) return;
    do {
      this.itemAhead('[');
      item();
    } while (this.next('['));
  }

  /** The 1-based line and column of `at`. */
  static where(text: string, at: number): { line: number; column: number } {
    const before = text.slice(0, at);
    return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
  }
}

/** The string value at `j`, or undefined with any other value walked past. */
export function stringHere(j: JsonText): string | undefined {
  if (j.peek() === '"') return j.string();
  j.value();
  return undefined;
}

/** A scanner of a whole file's text: a byte order mark read as a blank, so every offset and line stays the file's. */
export function fileJsonText(text: string): JsonText {
  return new JsonText(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
}

/**
 * What `walk` makes of a text, or undefined where the text is broken JSON: a chat reader that
 * finds its shape says nothing of a broken file, which the JSON readers name (json-error.ts).
 */
export function unlessBroken<T>(walk: () => T): T | undefined {
  try {
    return walk();
  } catch (err) {
    if (!(err instanceof JsonBroken)) throw err;
    return undefined;
  }
}
