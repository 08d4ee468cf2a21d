// Names that are not UTF-8 as strings that map back to the same bytes (PEP 383's surrogateescape).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fsPath, hasRawBytes, nameOf, rawName, shownName } from '../../src/watch/raw-names.js';

describe('raw names', () => {
  it('any bytes come back as the same bytes; UTF-8 stays the plain string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const name = nameOf(Buffer.from(bytes));
        expect(rawName(name).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        expect(nameOf(Buffer.from(text))).toBe(text);
        expect(hasRawBytes(text)).toBe(false);
        expect(fsPath(text)).toBe(text);
      }),
    );
  });
  it('bytes that are not UTF-8 (code pages, overlong forms, encoded surrogates) are shown as \\xNN, each name apart', () => {
    expect(shownName(nameOf(Buffer.from('caf\xe9.txt', 'latin1')))).toBe('caf\\xE9.txt');
    expect(shownName(nameOf(Buffer.from([0xe7, 0xe0, 0xea, 0xe0, 0xe7])))).toBe('\\xE7\\xE0\\xEA\\xE0\\xE7');
    expect(shownName(nameOf(Buffer.from([0xc0, 0xaf])))).toBe('\\xC0\\xAF'); // overlong `/`
    expect(shownName(nameOf(Buffer.from([0xed, 0xb0, 0x80])))).toBe('\\xED\\xB0\\x80'); // U+DC00 encoded
    expect(shownName(nameOf(Buffer.from('🐉é')))).toBe('🐉é'); // a pair whose low half is in U+DC80..U+DCFF is no raw byte
    expect(nameOf(Buffer.from('\uFFFD'))).not.toBe(nameOf(Buffer.from([0xff])));
    expect(fsPath(`/x/${nameOf(Buffer.from([0xff]))}`)).toEqual(Buffer.from([0x2f, 0x78, 0x2f, 0xff]));
  });
});
