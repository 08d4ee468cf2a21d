// Python 2's strings in a pickle, read exactly. A Python 2 `str` is bytes (protocol 0: opcode S, its
// repr on one line; protocols 1-2: T/U, the raw bytes), a `unicode` is text (protocol 0: opcode V,
// raw-unicode-escape on one line; 1-2: X, UTF-8). Python 2 tools (RocketMap forks, Monocle forks run
// on 2.7) keep what they read from a UTF-8 file as str, so its bytes are UTF-8. pickleparser reads
// T/U as windows-1252 ("ascii" to TextDecoder) and S/V without undoing their escapes (`P\xc3\xa4ss`
// stays as typed), both mangling any password with a byte past ASCII or a quote or a backslash.
// This reader gives the text instead: bytes that are UTF-8 as their text; other bytes (latin-1?
// cp1252?) cannot be told apart, so they are marked, never guessed (`isUnsureBytes`).
// Facts: CPython 2.7 Lib/pickle.py (save_string, save_unicode, load_string's escape_decode,
// load_unicode's raw-unicode-escape); checked against pickles python 2.7.18 wrote (test fixtures).
import type { BufferReader as BufferReaderType } from 'pickleparser';

/** Starts a string whose bytes were not UTF-8: a lone low surrogate and a NUL, which no decoded text starts with. */
const UNSURE = '\udfff\u0000';

/** The string stands for Python 2 bytes that are not UTF-8: which characters they were is unsure. */
export function isUnsureBytes(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(UNSURE);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A Python 2 str's bytes as their text where they are UTF-8; undefined where not (latin-1? cp1252? never guessed). */
export function python2StrText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A Python 2 str's bytes as text: UTF-8 when they are, else marked unsure. */
function strText(bytes: Uint8Array): string {
  return python2StrText(bytes) ?? UNSURE + Buffer.from(bytes).toString('latin1');
}

const SIMPLE: Record<string, number> = { '\\': 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** The bytes of a Python 2 string literal's inside (codecs.escape_decode): `\\`, `\'`, `\n`, `\xhh`, `\ooo`. */
function escapeDecode(inside: Buffer): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i]!;
    if (c !== 0x5c || i + 1 === inside.length) {
      out.push(c);
      continue;
    }
    const next = String.fromCharCode(inside[i + 1]!);
    const hex = /^x([0-9a-fA-F]{2})/.exec(inside.toString('latin1', i + 1, i + 4));
    const octal = /^[0-7]{1,3}/.exec(inside.toString('latin1', i + 1, i + 4));
    if (Object.hasOwn(SIMPLE, next)) {
      out.push(SIMPLE[next]!);
      i++;
    } else if (hex) {
      out.push(parseInt(hex[1]!, 16));
      i += 3;
    } else if (octal) {
      out.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else out.push(c); // an unknown escape keeps its backslash, as Python's does
  }
  return Uint8Array.from(out);
}

/** raw-unicode-escape: `\uXXXX` and `\UXXXXXXXX` are escapes (pickle writes a backslash itself as \u005c), every other byte is latin-1. */
function rawUnicodeEscape(raw: Buffer): string {
  return raw.toString('latin1').replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u: string | undefined, U: string | undefined) => String.fromCodePoint(parseInt((u ?? U)!, 16)));
}

const S = 0x53;
const LONG1 = 0x8a;
const V = 0x56;

/** A pickleparser reader whose strings are Python 2's exact text (or marked unsure), whatever the protocol. */
export function python2Reader(Base: typeof BufferReaderType, bytes: Buffer): BufferReaderType {
  class Python2Reader extends Base {
    /** The opcode a line belongs to: every opcode with a line argument reads it first, right after the opcode byte. */
    private last = -1;
    /** Where `last` was read, and the byte read before it and where. */
    private lastAt = -1;
    private before = -1;
    private beforeAt = -1;

    override byte(): number {
      this.before = this.last;
      this.beforeAt = this.lastAt;
      this.lastAt = this.position;
      this.last = super.byte();
      return this.last;
    }

    override bytes(size: number): ReturnType<BufferReaderType["bytes"]> {
      // LONG1 (0x8a, its length a byte) of an integer past 8 bytes (a fork's 2**70, an id):
      // pickleparser refuses the whole file. No field read here holds such a number, so it
      // stands as the largest 64-bit one, the same too-large value for a level or a time.
      // Only the opcode itself: 0x8a two bytes back read as one, its length byte right before,
      // this very length. A memo place or a small int of 138 (`q\x8a`, `h\x8a`, `K\x8a`) before
      // a string's opcode (`X`, whose length is read as 4 bytes, not through byte()) is none:
      // taken for LONG1, that string (a device id, a password) was read as 8 bytes of 0xff.
      const at = this.position;
      if (size > 8 && this.before === LONG1 && this.beforeAt === at - 2 && this.lastAt === at - 1 && this.last === size) {
        super.bytes(size);
        return new Uint8Array(8).fill(0xff);
      }
      return super.bytes(size);
    }

    override string(size: number, encoding: 'ascii' | 'utf-8'): string {
      // 'ascii' is asked only for T and U, Python 2's str of protocols 1-2.
      if (encoding === 'utf-8') return super.string(size, encoding);
      const b = this.bytes(size);
      return strText(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    }

    override line(): string {
      const op = this.last;
      const start = this.position;
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) throw new Error('Could not find end of line.');
      // The line's own bytes, never LONG1's (bytes above): `super`, whatever was read before it.
      const raw = Buffer.from(super.bytes(end - start));
      this.skip(1);
      if (op === V) return rawUnicodeEscape(raw);
      const quote = raw[0];
      // S: a repr, quoted; pickleparser takes the quotes off again.
      if (op === S && raw.length >= 2 && (quote === 0x27 || quote === 0x22) && raw.at(-1) === quote) {
        const q = String.fromCharCode(quote);
        return q + strText(escapeDecode(raw.subarray(1, -1))) + q;
      }
      return raw.toString('latin1'); // numbers, memo places, module and class names
    }
  }
  return new Python2Reader(bytes);
}
