// How long a dump's text will be, known from its bytes before the text is made. Node.js holds no
// string over buffer.constants.MAX_STRING_LENGTH characters (536,870,888 on 64-bit): making one
// failed with "Cannot create a string longer than 0x1fffffe8 characters", naming no file, after
// 28 s of copying a 616 MB list into a string it could not keep (1.3 GB peak), and the
// windows-1252 decoder aborted the whole process (a V8 fatal error, no message at all). A
// `mysql -X` export of a 1,000,000-row PGPool table is 1.2 GB (docs/scale-log.md, stop 64 M).
import { constants, isAscii, isUtf8 } from 'node:buffer';
import { DumpError } from './types.js';

/** The longest text Node.js holds, in UTF-16 units. */
export const MAX_TEXT = constants.MAX_STRING_LENGTH;

/**
 * The UTF-16 units decoding `body` (no byte-order mark) gives: one a byte for ASCII and for bytes
 * read as windows-1252 (not UTF-8); for UTF-8 one a character, two for one past U+FFFF (a
 * surrogate pair). A mail's body that is not UTF-8 is decoded leniently, never to more units
 * than bytes: counted as one a byte, the most it can be.
 */
export function decodedUnits(body: Uint8Array): number {
  if (isAscii(body) || !isUtf8(body)) return body.length;
  let units = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    // A lead or ASCII byte starts a character; a 4-byte lead's character is a surrogate pair.
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/**
 * The refusal of a dump whose text would be longer than Node.js holds, or undefined. `units` is
 * asked only of a dump of more bytes than MAX_TEXT: every decoding here gives at most one unit a
 * byte, so a smaller one always fits and costs no count.
 */
export function textTooLong(name: string, bytes: number, units: () => number): DumpError | undefined {
  if (bytes <= MAX_TEXT) return undefined;
  const length = units();
  if (length <= MAX_TEXT) return undefined;
  const mb = (n: number) => Math.round(n / 2 ** 20).toLocaleString('en-US');
  return new DumpError(
    `is ${mb(bytes)} MB, a text of ${length.toLocaleString('en-US')} characters: more than Node.js holds in one text (${MAX_TEXT.toLocaleString('en-US')}), so it cannot be read; import it in parts of under ${mb(MAX_TEXT)} MB each (a list cut with split -l; a table exported in ranges of rows, or as mysql -B's tab-separated rows, a seventh of mysql -X's XML)`,
    name,
  );
}
