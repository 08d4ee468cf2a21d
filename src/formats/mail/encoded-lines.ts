// The parts of a mail file that are there only encoded (Content-Transfer-Encoding base64 or
// quoted-printable, RFC 2045 6.7 and 6.8), decoded line by line with the file line each decoded
// line starts on, so that an account read from such a part is named by a line the operator can
// open (mail-lines.ts). This only numbers lines: mailparser decodes the mail that is read.
// A part's headers end at a blank line (RFC 2045, RFC 5322 2.1); its body ends at the next
// boundary line (`--...`, RFC 2046 5.1.1) or the end of the file. Characters outside the base64
// alphabet are ignored, as RFC 2045 6.8 has a decoder do.

/** One encoded part: file lines [start, end) (0-based) and its decoded lines, each at its file line (0-based). */
export interface EncodedPart {
  start: number;
  end: number;
  /** `atChar(i)`: the file line (0-based) holding the encoded character(s) of the line's character `i`. */
  lines: { text: string; at: number; atChar: (i: number) => number }[];
}

/** Decoded bytes, and the body line (0-based) holding the start of byte `b`. */
interface Decoded {
  bytes: Buffer;
  lineOf: (b: number) => number;
}

const ENCODING = /^content-transfer-encoding:[ \t]*(base64|quoted-printable)[ \t]*$/i;

export function encodedParts(file: string[]): EncodedPart[] {
  const parts: EncodedPart[] = [];
  for (let i = 0; i < file.length; i++) {
    const m = ENCODING.exec(file[i]!.trimEnd());
    if (!m) continue;
    // The part's body: after the blank line that ends its headers.
    let start = i;
    while (start < file.length && file[start]!.trim() !== '') start++;
    start++;
    let end = start;
    while (end < file.length && !file[end]!.startsWith('--')) end++;
    const body = file.slice(start, end).map((l) => l.replace(/\r$/, ''));
    const decoded = m[1]!.toLowerCase() === 'base64' ? base64Bytes(body) : quotedPrintableBytes(body);
    parts.push({ start, end, lines: decodedLines(decoded, start) });
    i = end - 1;
  }
  return parts;
}

/** The bytes of a base64 body, and the body line (0-based) where the encoded characters of byte `b` start. */
function base64Bytes(body: string[]): Decoded {
  const clean = body.map((line) => line.replace(/[^A-Za-z0-9+/]/g, ''));
  // ends[k]: how many base64 characters lines 0..k hold.
  const ends: number[] = [];
  let total = 0;
  for (const c of clean) ends.push((total += c.length));
  const bytes = Buffer.from(clean.join(''), 'base64');
  // Every 3 bytes come from 4 characters: byte b starts in character 4 * floor(b / 3) + b % 3.
  const lineOf = (b: number) => {
    const c = 4 * Math.floor(b / 3) + (b % 3);
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > c) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return { bytes, lineOf };
}

/** The bytes of a quoted-printable body (`=XX`, a soft line break `=` at a line's end), each with its body line. */
function quotedPrintableBytes(body: string[]): Decoded {
  const out: number[] = [];
  const lineOf: number[] = [];
  const push = (byte: number, k: number) => {
    out.push(byte);
    lineOf.push(k);
  };
  body.forEach((raw, k) => {
    const line = raw.trimEnd();
    const soft = line.endsWith('=');
    const text = soft ? line.slice(0, -1) : line;
    for (let j = 0; j < text.length; j++) {
      const hex = text[j] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(text.slice(j + 1, j + 3)) : null;
      if (hex) {
        push(parseInt(hex[0], 16), k);
        j += 2;
      } else for (const b of Buffer.from(text[j]!, 'utf8')) push(b, k);
    }
    if (!soft) push(10, k);
  });
  return { bytes: Buffer.from(out), lineOf: (b) => lineOf[Math.min(b, lineOf.length - 1)] ?? 0 };
}

/**
 * The decoded body's lines, each at the file line of its first byte. Read as latin1: the lines
 * are only compared by their ASCII (mail-lines.ts), so the part's charset does not matter.
 */
function decodedLines({ bytes, lineOf }: Decoded, start: number): EncodedPart['lines'] {
  const lines: EncodedPart['lines'] = [];
  let from = 0;
  while (from <= bytes.length) {
    let nl = bytes.indexOf(10, from);
    if (nl < 0) nl = bytes.length;
    // Read as latin1, a character of the line is one byte: its offset is the byte's.
    const first = from;
    if (from < bytes.length || nl > from) lines.push({ text: bytes.toString('latin1', from, nl), at: start + lineOf(Math.min(from, bytes.length - 1)), atChar: (i) => start + lineOf(Math.min(first + i, bytes.length - 1)) });
    from = nl + 1;
  }
  return lines;
}
