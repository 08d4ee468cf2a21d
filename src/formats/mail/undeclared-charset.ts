// A mail body in an 8-bit charset its part does not declare (RFC 2046 §4.1.2 makes such a part
// US-ASCII; mailparser reads it as UTF-8 and loses every other byte to U+FFFD). mailparser does
// not hand over a part's raw bytes, so the charset, when it is certain, is declared in the
// message's own source and the message parsed again: mailparser then undoes the transfer
// encoding and decodes the bytes as for any declared part. Certain means:
// - the message declares exactly one other charset, in another part's `charset=` or a header's
//   RFC 2047 encoded word (`=?koi8-r?B?...?=`: the client that wrote the subject wrote the body),
//   and the body decodes in it without an invalid byte; or
// - of the charsets it declares, or else of the 8-bit charsets Russian, Chinese, Taiwanese,
//   Korean and Japanese clients send, exactly one decodes the body without an invalid byte into
//   letters of one script (Cyrillic, or Chinese/Japanese/Korean).
// Anything else (windows-1251 and KOI8-R both read a Russian body as Cyrillic) stays refused as
// today (eml.ts undecodedBody): the charset is never guessed.
import { appendAll } from '../long-arrays.js';

/** A label Node's WHATWG decoders know, by its encoding's name; undefined for one they do not. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** Labels that say nothing of 8-bit bytes: a declared ASCII or UTF-8 part. */
const NO_8BIT = /^(?:us-?ascii|ascii|utf-?8|utf-?7)$/i;

/** The 8-bit charsets a part's `charset=` parameter or a header's encoded word declares anywhere in the message. */
export function declaredCharsets(source: Buffer): string[] {
  const text = source.toString('latin1');
  const out = new Set<string>();
  for (const m of text.matchAll(/\bcharset\s*=\s*"?([A-Za-z0-9_:.-]+)/gi)) add(m[1]!);
  for (const m of text.matchAll(/=\?([A-Za-z0-9_:.-]+?)(?:\*[A-Za-z-]+)?\?[BbQq]\?/g)) add(m[1]!);
  return [...out];

  function add(label: string): void {
    if (NO_8BIT.test(label)) return;
    const encoding = encodingOf(label);
    // us-ascii and iso-8859-1 are windows-1252 to WHATWG; a UTF-16 body is not 8-bit text.
    if (encoding && encoding !== 'replacement' && !encoding.startsWith('utf-16')) out.add(encoding);
  }
}

/** The charsets tried when the message declares none: what Russian, Chinese, Taiwanese, Korean and Japanese clients send. */
const NATIONAL = ['windows-1251', 'koi8-r', 'gbk', 'big5', 'euc-kr', 'shift_jis', 'euc-jp'];

/** Every letter outside ASCII Cyrillic, or every one Chinese, Japanese or Korean; at least one. */
function oneScript(text: string): boolean {
  const letters = text.match(/[^\x00-\x7f]/gu)?.filter((c) => /\p{L}/u.test(c)) ?? [];
  if (letters.length === 0) return false;
  return letters.every((c) => /\p{Script=Cyrillic}/u.test(c)) || letters.every((c) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u.test(c));
}

/**
 * `line` with `; charset=X` in place of its trailing blanks (and a `;` before them): what
 * `line.replace(/;?\s*(\r?)$/, ...)` gave, the CR dropped as it dropped it, without that
 * pattern's retry from every blank of a run (stop 66 A2: 20,000 blanks then a letter on a folded
 * Content-Type line took 2.3 s of CPU, 80,000 over two minutes).
 */
function withCharsetAfter(line: string, charset: string): string {
  const body = line.trimEnd();
  return `${body.endsWith(';') ? body.slice(0, -1) : body}; charset=${charset}`;
}

/**
 * `source` with `charset` declared on every text part that declares none (a `Content-Type:
 * text/...` header without one, or a message with no Content-Type at all): its other parts as
 * they were. A folded header gets the parameter after its last line.
 */
export function withCharsetDeclared(source: Buffer, charset: string): Buffer {
  const lines = source.toString('latin1').split('\n');
  let headers = true;
  let sawType = false;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (headers && line.replace(/\r$/, '') === '') {
      // The top headers end: a single-part message without a Content-Type is text/plain (RFC 2045 §5.2).
      if (!sawType) out.push(`Content-Type: text/plain; charset=${charset}`);
      headers = false;
    }
    if (/^content-type:\s*text\//i.test(line)) {
      let j = i;
      while (j + 1 < lines.length && /^[ \t]/.test(lines[j + 1]!)) j++;
      const block = lines.slice(i, j + 1);
      if (!/charset\s*=/i.test(block.join(' '))) {
        const last = block.length - 1;
        block[last] = withCharsetAfter(block[last]!, charset);
      }
      appendAll(out, block);
      if (headers) sawType = true;
      i = j;
      continue;
    }
    if (headers && /^content-type:/i.test(line)) sawType = true;
    out.push(line);
  }
  return Buffer.from(out.join('\n'), 'latin1');
}

/**
 * The charset a body decoded with U+FFFD is certainly in, by the rules above; `decode(charset)`
 * gives the body's text with that charset declared (the message parsed again). Undefined when
 * none is certain.
 */
export async function certainCharset(source: Buffer, decode: (charset: string) => Promise<string>): Promise<string | undefined> {
  const declared = declaredCharsets(source);
  if (declared.length === 1) {
    const text = await decode(declared[0]!);
    return text.includes('\uFFFD') ? undefined : declared[0];
  }
  const fits: string[] = [];
  for (const charset of declared.length > 1 ? declared : NATIONAL) {
    const text = await decode(charset);
    if (!text.includes('\uFFFD') && oneScript(text)) fits.push(charset);
  }
  return fits.length === 1 ? fits[0] : undefined;
}
