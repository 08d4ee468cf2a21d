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

/**
 * The ISO-2022 charset whose designations `text` holds when no decoder here reads it (ISO 2022
 * announcers, RFC 1557 §2 and RFC 1922 §3, as chardet's escape prober tells them apart,
 * chardet/escsm.py ISO2022KR_SM_MODEL and HZ/ISO2022CN_SM_MODEL): `ESC $ ) C` KS C 5601 for
 * ISO-2022-KR; `ESC $ ) A` GB 2312, `ESC $ ) G` / `ESC $ * H` CNS 11643, `ESC $ ) E` ISO-IR-165
 * for ISO-2022-CN; `ESC $ ( D` JIS X 0212 and the other sets of ISO-2022-JP-1/2 (RFC 2237,
 * RFC 1554), which the WHATWG decoder lacks. Neither Node's decoders nor iconv-lite read these:
 * a line holding them is refused naming the charset, never decoded by a guess.
 */
export function undecodedIso2022(text: string): string | undefined {
  if (!text.includes('\x1b')) return undefined;
  if (/\x1b\$\)C/.test(text)) return 'ISO-2022-KR';
  if (/\x1b\$(?:\)[AGE]|\*H|\+[I-M])/.test(text)) return 'ISO-2022-CN';
  if (/\x1b(?:\$\(D|\$A|\$\(C|\.[AF])/.test(text)) return 'ISO-2022-JP-2';
  return undefined;
}

/** A line holding an ISO-2022 escape or shift (ESC, SO, SI): text in a charset not decoded. */
export const ISO_2022_MARKS = /[\x1b\x0e\x0f]/;
