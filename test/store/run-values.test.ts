// The texts of an import's runs of own fields are held as UTF-8 bytes in pieces (store/run-values.ts):
// each must come back exactly as pushed, whatever its characters (JSON.stringify's texts: any
// Unicode, lone surrogates written as escapes), empty or longer than a piece, wherever a piece ends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RunValues } from '../../src/store/run-values.js';

// What FreshAccounts pushes: a JSON list of values, or '' for a run of no fields.
const values = fc.oneof(
  fc.constant(''),
  fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00', '"') }), fc.integer(), fc.boolean()), { maxLength: 6 }).map((list) => JSON.stringify(list)),
);

describe('the texts of runs of own fields, held as bytes', () => {
  it('give back every text as pushed, across pieces of any size', () => {
    fc.assert(
      fc.property(fc.array(values, { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), (texts, pieceSize) => {
        const runs = new RunValues(pieceSize);
        texts.forEach((text, r) => {
          runs.push(text);
          expect(runs.last).toBe(text);
          // Read while pushing too: an earlier text stays as it was when later ones open pieces.
          expect(runs.text(r >> 1)).toBe(texts[r >> 1]);
        });
        expect(runs.size).toBe(texts.length);
        texts.forEach((text, r) => expect(runs.text(r)).toBe(text));
      }),
      { numRuns: 100 },
    );
  });

  it('hold 200,000 texts of a PGPool row each as bytes, not as heap', () => {
    // The size of the array buffers grown is what a text a row costs (here ~70 bytes); the heap
    // held a rope of ~2x that per row before (docs/scale-log.md, stop 63 M).
    const runs = new RunValues();
    const before = process.memoryUsage().arrayBuffers;
    let bytes = 0;
    for (let i = 0; i < 200_000; i++) {
      const text = JSON.stringify([`2017-12-${10 + (i % 18)}T10:00:00.000Z`, 100_000 + 7 * i, i % 5000, 'mystic', '0,1,3,4,7', false]);
      bytes += text.length;
      runs.push(text);
    }
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(grown).toBeGreaterThanOrEqual(bytes);
    // Beside them: the last piece's room (under 1 MB) and the ends, 8 bytes a text (2 MB, and the
    // 2 MB of their smaller copies the collector may not have freed yet).
    expect(grown).toBeLessThan(bytes + 6 * 1024 * 1024);
    expect(JSON.parse(runs.text(123_456))).toEqual([`2017-12-${10 + (123_456 % 18)}T10:00:00.000Z`, 100_000 + 7 * 123_456, 123_456 % 5000, 'mystic', '0,1,3,4,7', false]);
  });
});
