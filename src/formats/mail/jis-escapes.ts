// ISO-2022-JP (RFC 1468), as Japanese mail clients send it: 7-bit, the kanji and kana between
// `ESC $ B` (or `ESC $ @`: JIS X 0208) and `ESC ( B` (or `ESC ( J`) back to ASCII. A part that
// declares no charset is still known for certain by those escapes: no other charset a mail
// carries writes them, and ASCII text never holds ESC (chardet's escape-sequence prober,
// chardet/escsm.py ISO2022JP_SM_MODEL, recognises it by them alone). mailparser reads such a part
// as UTF-8 and leaves the escapes in its text; decoded here, with the WHATWG decoder Node ships.

/** A switch to a two-byte JIS set: ESC $ @ or ESC $ B. */
const TWO_BYTE_SET = /\x1b\$[@B]/;
const SEVEN_BIT = /^[\x00-\x7f]*$/;

/**
 * `text` decoded as ISO-2022-JP when it is 7-bit and switches to JIS X 0208; unchanged
 * otherwise, and when its escapes are not all ones ISO-2022-JP knows (JIS X 0212's `ESC $ ( D`):
 * then its ESC bytes stay, and the caller names the lines holding them.
 */
export function withJisDecoded(text: string): string {
  if (!text.includes('\x1b') || !TWO_BYTE_SET.test(text) || !SEVEN_BIT.test(text)) return text;
  try {
    return new TextDecoder('iso-2022-jp', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}
