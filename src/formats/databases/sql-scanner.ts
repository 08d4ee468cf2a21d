// A scanner for the SQL that mysqldump writes: just enough of MySQL's lexical rules to walk a
// dump statement by statement and read INSERT values exactly. No SQL library fits: the
// maintained parsers take seconds for a thousand rows and hand string literals back with their
// escapes undone wrongly or not at all. The rules (MySQL reference manual, "String Literals";
// mysqldump writes strings with mysql_real_escape_string):
//   '...' or "...": a backslash escapes the next character (\0 \b \n \r \t \Z are NUL, backspace,
//   LF, CR, tab, ^Z; \% and \_ keep their backslash; any other \x is x); a doubled quote is one;
//   `name`: an identifier, a doubled backtick is one; -- and # comments to the line end, /* */
//   comments (mysqldump's /*!40101 ... */ version comments are skipped like any other); 0x41 and
//   X'41' hex literals are their bytes (hexText).
import { DumpError } from '../types.js';

const ESCAPES: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_' };
// Sticky patterns, matched in place: a dump of 100,000 rows has millions of values.
const WORD = /[A-Za-z0-9_$]+/y;
const INTRODUCER = /_[A-Za-z0-9]+\s*(?=['"])|[bBxX](?=')/y;
const LITERAL = /NULL\b|TRUE\b|FALSE\b|[-+]?(?:0x[0-9A-Fa-f]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/iy;

/**
 * A hex literal's bytes as text. `mysqldump --hex-blob` writes every BINARY, VARBINARY and BLOB
 * value so (MariaDB client/mysqldump.c, opt_hex_blob: `0x` and two hex digits a byte), a password
 * column made binary included; the bytes are the text the scanner stored, UTF-8 as the dump's
 * strings. A BIT column is written so too: its 0x01 is read as true where a flag is read.
 */
function hexText(digits: string): string {
  return Buffer.from(digits.length % 2 ? `0${digits}` : digits, 'hex').toString('utf8');
}

/** A character that ends any try of WORD, INTRODUCER and LITERAL (letters, digits, blanks, `$._+-` do not). */
const STOP = /[^\w$\s.+-]/g;
/** Text read past in a window (SqlScanner.release) before it is let go. */
const RELEASED = 1 << 20;

export class SqlScanner {
  pos = 0;
  private counted = 1;
  /** The first line feed not yet counted: MySQL 5.7 writes a whole extended INSERT on one line of megabytes. */
  private nextLf: number;
  /** The text as far as it is read: the whole text, or a window of a big dump's whole lines (`more`). */
  text: string;

  /**
   * `text`, or where `rest` is given the first of its pieces of whole lines, the text being all of
   * them joined (file-lines.ts FileLines.pieces: a big dump read from its file a piece at a time).
   * Every place that finds the end of `text` asks `more` first, so what the scanner reads is what it
   * reads of the whole text; the window is let go behind the statements read (`release`).
   */
  constructor(
    text: string,
    private readonly file: string,
    private readonly rest?: Iterator<string>,
  ) {
    this.text = text;
    this.nextLf = text.indexOf('\n');
  }

  /** The next piece of the text added to the window, if there is more: whether there was. */
  private more(): boolean {
    const next = this.rest?.next();
    if (!next || next.done) return false;
    const from = this.text.length;
    this.text += next.value;
    if (this.nextLf < 0) this.nextLf = this.text.indexOf('\n', from);
    return true;
  }

  /** Whether `at` is past the text's end, more of it read first (a window's end is no end). */
  private past(at: number): boolean {
    while (at >= this.text.length) if (!this.more()) return true;
    return false;
  }

  /**
   * Between statements: the window's text already read let go, once it is 1 MB or half the window
   * (its lines counted first). Only a window read from a file has any.
   */
  release(): void {
    if (!this.rest || this.pos === 0 || this.pos < Math.min(RELEASED, this.text.length >> 1)) return;
    void this.line;
    const shift = this.pos;
    this.text = this.text.slice(shift);
    this.pos = 0;
    if (this.nextLf >= 0) this.nextLf -= shift;
  }

  /** The 1-based line of the current position. */
  get line(): number {
    while (this.nextLf >= 0 && this.nextLf < this.pos) {
      this.counted++;
      this.nextLf = this.text.indexOf('\n', this.nextLf + 1);
    }
    return this.counted;
  }

  fail(what: string, line = this.line): never {
    throw new DumpError(`not valid SQL: ${what}`, this.file, line);
  }

  get done(): boolean {
    return this.past(this.pos);
  }

  peek(): string {
    return this.past(this.pos) ? '' : this.text[this.pos]!;
  }

  /** The match of a sticky pattern at the current position, consumed; undefined when none. */
  private take(re: RegExp): string | undefined {
    // In a window, a try that may run to its end (no character before it that stops every
    // pattern here) may match otherwise with the next piece: that is read first.
    if (this.rest) while (!this.stopsBeforeEnd() && this.more());
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** Whether a character no pattern of take() runs over comes between the position and the window's end. */
  private stopsBeforeEnd(): boolean {
    STOP.lastIndex = this.pos;
    return STOP.test(this.text);
  }

  /** The first `what` from `from` on, more of the text read until it is found or there is no more. */
  private find(what: string, from: number): number {
    for (;;) {
      const at = this.text.indexOf(what, from);
      if (at >= 0 || !this.more()) return at;
    }
  }

  /** Blanks and comments. */
  skipSpace(): void {
    for (;;) {
      const c = this.past(this.pos) ? undefined : this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos = this.pos + 1;
      else if (c === '#' || (c === '-' && this.charAt(this.pos + 1) === '-' && /[\s]|^$/.test(this.charAt(this.pos + 2)))) {
        const end = this.find('\n', this.pos);
        this.pos = end < 0 ? this.text.length : end;
      } else if (c === '/' && this.charAt(this.pos + 1) === '*') {
        const end = this.find('*/', this.pos + 2);
        if (end < 0) this.fail('a comment is never closed');
        this.pos = end + 2;
      } else return;
    }
  }

  /** The character at `at`, or '' past the text's end. */
  private charAt(at: number): string {
    return this.past(at) ? '' : this.text[at]!;
  }

  /** The next word (keyword or bare identifier), upper-cased, or '' when the next token is not one. */
  word(): string {
    this.skipSpace();
    return this.take(WORD)?.toUpperCase() ?? '';
  }

  /** An identifier, backticked or bare, as written (no case change). */
  identifier(): string {
    this.skipSpace();
    if (this.peek() !== '`') return this.take(WORD) ?? this.fail('an identifier was expected');
    let out = '';
    for (let i = this.pos + 1; ; ) {
      const end = this.find('`', i);
      if (end < 0) this.fail('a `quoted` name is never closed');
      out += this.text.slice(i, end);
      if (this.charAt(end + 1) === '`') {
        out += '`';
        i = end + 2;
        continue;
      }
      this.pos = end + 1;
      return out;
    }
  }

  /** `db`.`table` or `table`: the table's own name. */
  tableName(): string {
    let name = this.identifier();
    this.skipSpace();
    if (this.peek() === '.') {
      this.pos++;
      name = this.identifier();
    }
    return name;
  }

  /** Consumes `c` (after blanks), or fails. */
  expect(c: string): void {
    this.skipSpace();
    if (this.peek() !== c) this.fail(`\`${c}\` was expected`);
    this.pos++;
  }

  /** Consumes `c` when it comes next. */
  accept(c: string): boolean {
    this.skipSpace();
    if (this.peek() !== c) return false;
    this.pos++;
    return true;
  }

  /** A quoted string at the current position, with its escapes undone. */
  string(): string {
    const quote = this.text[this.pos]!;
    const start = this.line;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      let j = i;
      while (j < this.text.length && this.text[j] !== quote && this.text[j] !== '\\') j++;
      if (j >= this.text.length) {
        // The string goes on past the window: the rest of it from the next piece.
        if (this.more()) {
          out += this.text.slice(i, j);
          i = j;
          continue;
        }
        this.fail('a quoted string is never closed', start);
      }
      out += this.text.slice(i, j);
      if (this.text[j] === '\\') {
        const next = this.charAt(j + 1);
        out += ESCAPES[next] ?? next;
        i = j + 2;
      } else if (this.charAt(j + 1) === quote) {
        out += quote;
        i = j + 2;
      } else {
        this.pos = j + 1;
        return out;
      }
    }
  }

  /** One value of a VALUES tuple: a string, NULL (null), or the text of a number, bit or hex literal. */
  value(): string | null {
    this.skipSpace();
    const c = this.peek();
    if (c === "'" || c === '"') return this.string();
    // _utf8mb4'...' charset introducers, b'0101' bits, x'4142' hex: the literal that follows is the value.
    const introducer = this.take(INTRODUCER);
    if (introducer !== undefined) {
      const body = this.string();
      if (/^b$/i.test(introducer)) return String(parseInt(body || '0', 2));
      return /^x$/i.test(introducer) ? hexText(body) : body;
    }
    const token = this.take(LITERAL) ?? this.fail('a value was expected');
    const word = token.toUpperCase();
    if (word.startsWith('0X')) return hexText(token.slice(2));
    return word === 'NULL' ? null : word === 'TRUE' ? '1' : word === 'FALSE' ? '0' : token;
  }

  /** Skips to just past the `;` that ends the current statement (strings and comments respected). */
  skipStatement(): void {
    for (;;) {
      this.skipSpace();
      if (this.done) return;
      const c = this.peek();
      if (c === ';') {
        this.pos++;
        return;
      }
      if (c === "'" || c === '"') this.string();
      else if (c === '`') this.identifier();
      else {
        // (To the window's end at most: the next turn reads on.)
        let j = this.pos + 1;
        while (j < this.text.length && !/[;'"`\s#/-]/.test(this.text[j]!)) j++;
        this.pos = j;
      }
    }
  }
}
