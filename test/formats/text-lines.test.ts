// A reader that takes its lines one at a time from the text (text-lines.ts: PGPool's mysql -B
// table) must see exactly the lines the split it replaced gave: the same count, the same text, a
// last line feed making no empty line, blank lines kept in their places.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextLines } from '../../src/formats/text-lines.js';
import { splitLines } from '../../src/formats/decode.js';

describe('a text read line by line', () => {
  it('gives the lines splitLines gives, and nothing past them', () => {
    const text = fc.array(fc.constantFrom('a', 'b\tc', '\n', '\n', ' ', 'é'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const lines = new TextLines(t);
        expect(Array.from({ length: lines.length }, (_, i) => lines.at(i))).toEqual(splitLines(t));
        expect([lines.at(-1), lines.at(lines.length)]).toEqual([undefined, undefined]);
      }),
      { numRuns: 500 },
    );
  });
});
