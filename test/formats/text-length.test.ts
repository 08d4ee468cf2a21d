// A dump whose text would be longer than Node.js holds in one string (text-length.ts): refused by
// its name with the way through, before a decoder is asked; what decides it, a count of the text's
// UTF-16 units made from the bytes, is exactly the length of the text the decoding makes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDumpInput } from '../../src/formats/decode.js';
import { decodedUnits, MAX_TEXT, textTooLong } from '../../src/formats/text-length.js';
import { DumpError } from '../../src/formats/types.js';

describe('a text longer than Node.js holds', () => {
  it('counts the units of a text from its bytes as the decoding makes them: UTF-8 (surrogate pairs too), ASCII, windows-1252', () => {
    const windows1252 = new TextDecoder('windows-1252');
    fc.assert(
      // Code points of one, two, three and four UTF-8 bytes (a lone surrogate is written as U+FFFD's three).
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x7ff }), fc.integer({ min: 0x800, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff })), { maxLength: 40 }), (points) => {
        const utf8 = Buffer.from(String.fromCodePoint(...points), 'utf8');
        return decodedUnits(utf8) === utf8.toString('utf8').length;
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        // Bytes that are no UTF-8 are read as windows-1252 (decode.ts): one character a byte.
        const valid = Buffer.from(bytes).equals(Buffer.from(Buffer.from(bytes).toString('utf8'), 'utf8'));
        return decodedUnits(bytes) === (valid ? Buffer.from(bytes).toString('utf8') : windows1252.decode(bytes)).length;
      }),
      { numRuns: 300 },
    );
  });

  it('refuses only past the longest text, counting only a dump of more bytes than that', () => {
    let asked = 0;
    const units = (n: number) => () => (asked++, n);
    expect(textTooLong('t.txt', MAX_TEXT, units(MAX_TEXT + 1))).toBeUndefined();
    expect(asked).toBe(0);
    expect(textTooLong('t.txt', MAX_TEXT + 9, units(MAX_TEXT))).toBeUndefined();
    const refused = textTooLong('t.txt', MAX_TEXT + 9, units(MAX_TEXT + 1));
    expect(refused).toBeInstanceOf(DumpError);
    expect(refused!.message).toBe(
      't.txt: is 512 MB, a text of 536,870,889 characters: more than Node.js holds in one text (536,870,888), so it cannot be read; import it in parts of under 512 MB each (a list cut with split -l; a table exported in ranges of rows, or as mysql -B\'s tab-separated rows, a seventh of mysql -X\'s XML)',
    );
  });

  it("refuses a UTF-16 file of more units than that by its name, before its decoder (which would abort Node) is asked", () => {
    // Zeroed pages never written take no memory: the 1 GB is its length only.
    const bytes = Buffer.alloc(2 * MAX_TEXT + 4);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    let error: unknown;
    try {
      toDumpInput('table.xml', bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DumpError);
    expect((error as DumpError).message).toMatch(/^table\.xml: is 1,024 MB, a text of 536,870,889 characters: more than Node\.js holds in one text/);
  });
});
