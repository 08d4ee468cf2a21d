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

export class SqlScanner {
  pos = 0;
  private counted = 1;
  /** The first line feed not yet counted: MySQL 5.7 writes a whole extended INSERT on one line of megabytes. */
  private nextLf: number;

  constructor(
    readonly text: string,
    private readonly file: string,
  ) {
    this.nextLf = text.indexOf('\n');
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
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  /** The match of a sticky pattern at the current position, consumed; undefined when none. */
  private take(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** Blanks and comments. */
  skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos = this.pos + 1;
      else if (c === '#' || (c === '-' && t[this.pos + 1] === '-' && /[\s]|^$/.test(t[this.pos + 2] ?? ''))) {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('a comment is never closed');
        this.pos = end + 2;
      } else return;
    }
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
      const end = this.text.indexOf('`', i);
      if (end < 0) this.fail('a `quoted` name is never closed');
      out += this.text.slice(i, end);
      if (this.text[end + 1] === '`') {
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
      if (j >= this.text.length) this.fail('a quoted string is never closed', start);
      out += this.text.slice(i, j);
      if (this.text[j] === '\\') {
        const next = this.text[j + 1] ?? '';
        out += ESCAPES[next] ?? next;
        i = j + 2;
      } else if (this.text[j + 1] === quote) {
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
        let j = this.pos + 1;
        while (j < this.text.length && !/[;'"`\s#/-]/.test(this.text[j]!)) j++;
        this.pos = j;
      }
    }
  }
}
