// Bytes to text, once, before any reader looks at a dump; plus the small line helpers every
// text reader shares. Readers only ever see LF-terminated UTF-8 text, so no reader has to care
// whether a dump came from Windows Notepad, a Mac or a mail client.
import { isAscii, isUtf8 } from 'node:buffer';
import { DumpError, type DumpInput } from './types.js';
import { databaseFileError } from './databases/database-files.js';
import { officeFileError } from './office-files.js';
import { isSqliteFile } from './databases/sqlite-file.js';
import { undecodedIso2022, withJisDecoded } from './mail/jis-escapes.js';
import { DEFAULT_MAX_LINES, lineOverLimit, textLineOverLimit, tooManyLines } from './line-limit.js';
import { withoutTerminalEscapes } from './terminal-escapes.js';
import { decodedUnits, textTooLong } from './text-length.js';
import { legacyCharset } from './legacy-charset.js';
import { decodedAs, ENCODING_FLAG } from './stated-encoding.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decode one dump. UTF-8 with or without BOM; a UTF-16 file with its BOM (what Notepad calls
 * "Unicode") is decoded too rather than refused, since operators save seller lists that way.
 * E-mail and mbox files may legally carry 8-bit bodies in other charsets, which mailparser
 * decodes from `bytes` itself; their `text` is decoded leniently instead of refused.
 * A text of more than `maxLines` lines (max_dump_lines) is refused before anything is made of it
 * (line-limit.ts); the input keeps the limit, for the parts a mail's reader decodes from it.
 * `encoding` (`import --encoding`, stated-encoding.ts): the charset of a file that is not UTF-8, as
 * its operator says it; a UTF-16 one applies to a file without its BOM too.
 */
export function toDumpInput(name: string, bytes: Buffer, maxLines = DEFAULT_MAX_LINES, encoding?: string): DumpInput {
  const input = decoded(name, bytes, maxLines, encoding);
  if (maxLines !== DEFAULT_MAX_LINES) input.maxLines = maxLines;
  return input;
}

function decoded(name: string, bytes: Buffer, maxLines: number, encoding: string | undefined): DumpInput {
  let text: string;
  const stated = encoding === 'utf-8' ? undefined : encoding;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    // Two bytes a unit: longer than Node.js holds, refused by name before the decoder is asked (text-length.ts).
    const long = textTooLong(name, bytes.length - 2, () => Math.floor((bytes.length - 2) / 2));
    if (long) throw long;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new DumpError(`starts like ${encoding.toUpperCase()} text but is not valid ${encoding.toUpperCase()}`, name);
    }
    const over = textLineOverLimit(text, maxLines);
    if (over !== undefined) throw tooManyLines(name, over, maxLines);
    if (text.includes('\0')) throw new DumpError('contains NUL characters (a binary file?)', name, lineOfOffset(text, text.indexOf('\0')));
  } else if (isBinaryStore(bytes)) {
    // A binary store (Monocle's accounts.pickle, NecroBot2's accounts.db) has no text; its reader works on the bytes.
    text = '';
  } else {
    const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
    // UTF-16 saved without its byte-order mark, as the operator says (its NUL bytes are valid UTF-8 too).
    if (stated?.startsWith('utf-16')) {
      const long = textTooLong(name, body.length, () => Math.floor(body.length / 2));
      if (long) throw long;
      return statedText(name, bytes, body, stated, maxLines);
    }
    const nul = body.indexOf(0);
    if (nul >= 0) {
      // A database file no reader reads (LiteDB) is named for what it is, with the way to export it.
      const database = databaseFileError(name, bytes);
      if (database) throw database;
      // An Outlook .msg or an Excel .xls (compound files): named for what it is, with the way through.
      const office = officeFileError(name, bytes);
      if (office) throw office;
      // Every other byte NUL is the signature of UTF-16 saved without its BOM: say so, it is the usual cause.
      const hint = body.length > 3 && (body[1] === 0 || body[0] === 0) ? ' (UTF-16 without a byte-order mark? save it as UTF-8)' : ' (a binary file?)';
      throw new DumpError(`contains NUL bytes${hint}`, name, countLf(body, nul) + 1);
    }
    // Before anything is made per line (the lines of a charset nobody declared, below; every reader's).
    const over = lineOverLimit(body, maxLines);
    if (over !== undefined) throw tooManyLines(name, over, maxLines);
    // Nor a text longer than Node.js holds: refused by name before it is made (text-length.ts).
    const long = textTooLong(name, body.length, () => decodedUnits(body));
    if (long) throw long;
    if (!isUtf8(body) && !looksLikeMailBytes(body)) {
      // The charset the operator named (`import --encoding`): it wins over a guess and over a page's own word.
      if (stated) return statedText(name, bytes, body, stated, maxLines);
      // Mac Roman or windows-1252 where its accented letters' bytes say which for certain
      // (legacy-charset.ts); a page or document declaring its charset is its reader's to decode.
      const legacy = declaresCharset(body) ? undefined : legacyCharset(body);
      // Else not UTF-8, and nothing says which charset it is: most likely Windows' own
      // (windows-1252), but a guess. ASCII reads the same in every such charset, so the file is
      // read as windows-1252 for its layout. Either way the lines holding other bytes stay marked:
      // an account on one whose username or password is not plain ASCII is rejected (choose.ts
      // charsetCheck), never guessed; a login outside ASCII so even in a charset known for certain.
      const decoded = withoutTerminalEscapes(new TextDecoder(legacy?.encoding ?? 'windows-1252').decode(body));
      return { name, bytes, text: asLines(decoded), nonUtf8Lines: highByteLines(body), ...(legacy && { charsetRead: legacy.name }) };
    }
    // ASCII reads the same as Latin-1 and as UTF-8; Node makes a Latin-1 text over ~1 MB an external
    // string, outside V8's heap, so the heap V8 sizes its collections by is not the dump's text
    // (a 1,000,000-row Monocle CSV's 78 MB): its read's peak then stayed at 354-356 MB in five
    // runs, where a UTF-8 text's ranged 334-465 MB (docs/scale-log.md, stop 45).
    text = isAscii(body) ? body.toString('latin1') : body.toString('utf8');
    // A list in ISO-2022-JP (7-bit, so valid UTF-8) is known for certain by its escapes and
    // decoded as the mail path decodes it; one in ISO-2022-KR or -CN, which nothing here decodes,
    // is named so each line holding its escapes is refused by the charset's name (choose.ts).
    // A mail decodes its own parts (eml.ts): its file's text stays as its bytes are.
    if (text.includes('\x1b') && !looksLikeMailBytes(body)) {
      // A console kept with its colours (`\x1b[32m[HIT]\x1b[0m user:pass`): the terminal's escapes out, the text it showed read (terminal-escapes.ts).
      text = withJisDecoded(withoutTerminalEscapes(text));
      const escaped = undecodedIso2022(text);
      if (escaped) return { name, bytes, text: unixNewlines(text), escapedCharset: escaped };
    }
  }
  return { name, bytes, text: asLines(text) };
}

/** A file decoded in the charset its operator named (stated-encoding.ts); a byte that is no text in it refuses the file, naming its line. */
function statedText(name: string, bytes: Buffer, body: Buffer, encoding: string, maxLines: number): DumpInput {
  const read = decodedAs(body, encoding);
  if (read.badAt !== undefined) throw new DumpError(`holds bytes that are no ${encoding} text: is ${ENCODING_FLAG} ${encoding} the file's charset?`, name, lineOfOffset(read.text, read.badAt));
  const over = textLineOverLimit(read.text, maxLines);
  if (over !== undefined) throw tooManyLines(name, over, maxLines);
  if (read.text.includes('\0')) throw new DumpError('contains NUL characters (a binary file?)', name, lineOfOffset(read.text, read.text.indexOf('\0')));
  return { name, bytes, text: asLines(withoutTerminalEscapes(read.text)) };
}

/**
 * The text without the end-of-file mark DOS tools leave after the last line (Ctrl+Z, byte 0x1A:
 * `copy a+b` appends one, and editors of that age kept it). Glued to the last account
 * (`ash,Pw1,29^Z`) it was read as part of the level or password; on its own line it was a line
 * rejected. Only at the very end, blank lines after it: inside a text it is a control character
 * any reader still refuses.
 */
function withoutEofMark(text: string): string {
  return /\x1a\n*$/.test(text.slice(-16)) ? text.replace(/\x1a+\n*$/, '') : text;
}

/** A charset the text names itself (an HTML page's `<meta charset>`, an XML declaration's `encoding=`), in its first 4 KB. */
function declaresCharset(body: Buffer): boolean {
  return /charset\s*=|encoding\s*=/i.test(body.toString('latin1', 0, 4096));
}

/** Every line ending `\n` (Windows' `\r\n`, classic Mac's `\r`). */
function unixNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The text as its readers take it: `\n` line ends, no end-of-file mark. */
function asLines(text: string): string {
  return withoutEofMark(unixNewlines(text));
}

/** A tool's binary account store, which has no text: Monocle's accounts.pickle, NecroBot2's accounts.db (a SQLite file). */
export function isBinaryStore(bytes: Buffer): boolean {
  return isPythonPickle(bytes) || isSqliteFile(bytes);
}

/**
 * A Python pickle of protocol 2 to 5 (PROTO opcode, then the version): what Python 3's
 * `pickle.dump(..., HIGHEST_PROTOCOL)` writes. No text file starts with byte 0x80. Or a dict
 * pickled with Python 2's default protocol 0 (`(dp0` and a line feed, ending `.`) or protocol 1
 * (EMPTY_DICT, BINPUT 0): what a Python 2 tool's `pickle.dump(accounts, f)` writes (CPython 2.7
 * Lib/pickle.py save_dict); no list or letter starts so and ends with a lone `.`.
 */
export function isPythonPickle(bytes: Buffer): boolean {
  if (bytes.length > 2 && bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5) return true;
  const end = bytes.subarray(-4).toString('latin1').trimEnd();
  return end.endsWith('.') && (/^\(dp\d+\n/.test(bytes.toString('latin1', 0, 16)) || (bytes[0] === 0x7d && bytes[1] === 0x71 && bytes[2] === 0));
}

/** The bytes without a UTF-8 BOM: mailparser would take it for part of the first header name. */
export function withoutBom(bytes: Buffer): Buffer {
  return startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
}

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function countLf(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function lineOfOffset(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The lines (1-based) holding a byte outside ASCII. */
function highByteLines(bytes: Buffer): Set<number> {
  const lines = new Set<number>();
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10) line++;
    else if (b >= 0x80) lines.add(line);
  }
  return lines;
}

// ---- mail shape: needed here (leniency) and by the eml/mbox detectors ----

/** Header names that only e-mail files start with; a seller's `Username:` line is not one of them. */
const MAIL_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 'mime-version', 'content-type', 'content-transfer-encoding',
  'received', 'return-path', 'message-id', 'delivered-to', 'reply-to', 'sender', 'in-reply-to', 'references',
  'dkim-signature', 'authentication-results', 'x-mailer', 'x-originating-ip', 'user-agent', 'thread-topic',
  'x-received', 'arc-seal', 'arc-message-signature', 'arc-authentication-results', 'received-spf', 'x-google-smtp-source',
]);
/** Labels that mean "this is a pasted account list", never a mail header block. */
const ACCOUNT_LABEL = /^(user(name)?|login|pass(word)?|pw|pwd|account)$/i;

/**
 * How many well-known mail headers open the text, or 0 when the top is not a header block
 * (every line `Name: value` or a folded continuation, up to a blank line).
 */
export function mailHeaderCount(text: string, start = 0): number {
  let known = 0;
  let pos = start;
  for (let n = 0; n < 200 && pos < text.length; n++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, Math.min(end, pos + 2000)).replace(/\r$/, '');
    pos = end + 1;
    if (line === '') return known;
    if (n > 0 && (line[0] === ' ' || line[0] === '\t')) continue;
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return 0;
    const header = m[1]!.toLowerCase();
    if (ACCOUNT_LABEL.test(header)) return 0;
    if (MAIL_HEADERS.has(header)) known++;
  }
  return known;
}

/** An mbox opens with a `From sender date` line; the message's headers follow it. */
export function isMboxStart(text: string): boolean {
  return /^From \S+ .*\d/.test(text.slice(0, 300)) && mailHeaderCount(text, text.indexOf('\n') + 1) >= 2;
}

function looksLikeMailBytes(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  return mailHeaderCount(head) >= 2 || isMboxStart(head);
}

// ---- line helpers ----

/** Lines without terminators; a final newline does not make an extra empty line. Index + 1 = line number. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Every line of `text` as `text.split('\n')` gives them, one at a time: a detector that stops after
 * its first few lines never holds the whole file as strings (a 1,000,000-line dump split is ~40 MB
 * of line strings, over issue 16's 300 MB at the import of it, stop 52 I).
 */
export function* eachLine(text: string): Generator<string> {
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    yield text.slice(pos, end);
    pos = end + 1;
  }
}

/** The first `max` lines, without splitting the whole (possibly huge) text: detectors are meant to be cheap. */
export function headLines(text: string, max = 200, maxLength = 1000): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < max && pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    out.push(text.slice(pos, Math.min(end, pos + maxLength)));
    pos = end + 1;
  }
  return out;
}

/** The first `max` lines that hold anything, each trimmed: what the detectors of a whole file count. */
export function contentHead(text: string, max = 2000): string[] {
  const out: string[] = [];
  for (const raw of headLines(text, max)) {
    const s = stripEnd(raw).trim();
    if (s !== '') out.push(s);
  }
  return out;
}

/** Blanks other than space and tab, as JavaScript's `\s` knows them: U+00A0, thin and ideographic spaces, ... */
const OTHER_BLANKS = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/**
 * A space, a tab, or any other blank. Copy-paste from web pages and mails turns spaces into
 * U+00A0 and the like, which look the same: whatever reads a line's layout treats them alike.
 */
export function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || ((c === 11 || c === 12 || c >= 0xa0) && OTHER_BLANK.test(String.fromCharCode(c)));
}
const OTHER_BLANK = new RegExp(OTHER_BLANKS.source);

/**
 * The dump as detectors see it: every blank a plain space, so that which reader is chosen never
 * depends on the kind of blank. Readers themselves get the text as it is (a JSON or CSV password
 * keeps its U+00A0).
 */
export function withPlainBlanks(input: DumpInput): DumpInput {
  // A dump read in pieces (streamed-input.ts) is asked piece by piece: made whole only where it holds such a blank.
  const holds = input.lines ? input.lines.test(OTHER_BLANK) : OTHER_BLANK.test(input.text);
  return holds ? { ...input, lines: undefined, text: input.text.replace(OTHER_BLANKS, ' ') } : input;
}

/**
 * Drop blanks at the end of a line. Line-end blanks are invisible and come from editors
 * and copy-paste, so every line format treats them as padding, not as part of a password; a
 * password that really ends in a space must be quoted (CSV) or JSON. A loop, not /\s+$/, because
 * that regex is quadratic on a long line of blanks.
 */
export function stripEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    if (!isBlankCode(line.charCodeAt(end - 1))) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}
