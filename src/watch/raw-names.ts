// File names that are not UTF-8, kept whole. Linux allows any bytes in a name but `/` and NUL: a
// zip unpacked with CP437 or latin-1 names, a Windows upload in windows-1251, leave names such as
// `caf\xE9.txt`. Node turns those bytes into U+FFFD when it makes a string of the name, and the
// string then names no file: it can be neither opened nor moved.
//
// The watcher keeps names as strings (its queue, settle check and messages work on them), so a
// name is decoded the way Python's PEP 383 "surrogateescape" does: every byte that is not part of
// valid UTF-8 becomes the lone surrogate U+DC80 + (byte - 0x80). No valid UTF-8 decodes to a lone
// surrogate, so the mapping goes back to the very same bytes (fsPath), and a name that is UTF-8
// stays the plain string it always was. Messages show each such byte as `\xE9` (shownName).

/** A lone low surrogate U+DC80..U+DCFF: one byte of a name that is not UTF-8. */
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPED_ALL = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  // RFC 3629's table: no overlong forms, no surrogates, nothing past U+10FFFF.
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** A name as read from the folder (bytes) as a string that maps back to the same bytes. */
export function nameOf(bytes: Buffer): string {
  const plain = bytes.toString('utf8');
  if (!plain.includes('\uFFFD') || Buffer.from(plain).equals(bytes)) return plain;
  let out = '';
  let start = 0; // start of the run of valid UTF-8 not yet copied
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += bytes.subarray(start, i).toString('utf8') + String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
    start = i;
  }
  return out + bytes.subarray(start).toString('utf8');
}

/** Whether `name` holds bytes that are not UTF-8 (decoded by nameOf). */
export function hasRawBytes(name: string): boolean {
  return ESCAPED.test(name);
}

/** The bytes `name` stands for (the inverse of nameOf). */
export function rawName(name: string): Buffer {
  if (!hasRawBytes(name)) return Buffer.from(name);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const match of name.matchAll(ESCAPED_ALL)) {
    pieces.push(Buffer.from(name.slice(start, match.index)), Buffer.from([match[0].charCodeAt(0) - 0xdc00]));
    start = match.index + 1;
  }
  pieces.push(Buffer.from(name.slice(start)));
  return Buffer.concat(pieces);
}

/** What to hand to node:fs for `path`: the string itself, or its bytes when it holds a name that is not UTF-8. */
export function fsPath(path: string): string | Buffer {
  return hasRawBytes(path) ? rawName(path) : path;
}

/** `name` for messages: each byte that is not UTF-8 as `\xE9`, so the operator can tell and type it. */
export function shownName(name: string): string {
  return hasRawBytes(name) ? name.replace(ESCAPED_ALL, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase().padStart(2, '0')}`) : name;
}
