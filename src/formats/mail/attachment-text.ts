// A text attachment's bytes as UTF-8, decoded from the charset its part declares
// (`Content-Type: text/plain; charset=windows-1251; name=acc.txt`). mailparser decodes a mail's
// bodies but hands attachments over as raw bytes; read as UTF-8 (or, failing that, as
// windows-1252) a KOI8-R or windows-1251 list came out as `Ëîãèí`, and its labels as logins.
import type { Attachment } from 'mailparser';
import { withJisDecoded } from './jis-escapes.js';

/** Charsets whose ASCII bytes read the same as UTF-8's: nothing to decode. */
const UTF8_LIKE = /^(?:utf-?8|us-ascii|ascii)$/i;

export function attachmentBytes(att: Attachment): Buffer {
  const type = att.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const charset = type?.params?.charset?.trim();
  if (!charset || UTF8_LIKE.test(charset)) return jisDecoded(att.content);
  try {
    // WHATWG labels (Node's ICU): windows-125x, koi8-r/u, iso-8859-x, gbk, gb18030, big5, shift_jis, euc-jp, iso-2022-jp, euc-kr, utf-16.
    return Buffer.from(new TextDecoder(charset, { fatal: true }).decode(att.content), 'utf8');
  } catch {
    // A charset no decoder knows, or bytes that are not in it: read as an undeclared file is
    // (decode.ts), where an account with characters outside ASCII is rejected, never guessed.
    return att.content;
  }
}

/** An attached list in ISO-2022-JP that declares no charset (or ASCII): known by its escapes (jis-escapes.ts). */
function jisDecoded(bytes: Buffer): Buffer {
  if (!bytes.includes(0x1b)) return bytes;
  const text = bytes.toString('latin1');
  const decoded = withJisDecoded(text);
  return decoded === text ? bytes : Buffer.from(decoded, 'utf8');
}
