// CSV read a few thousand lines at a time (csv.ts csvRows, so a 1,000,000-row Monocle or RocketMap
// file is never held as rows at once) gives exactly what the whole text parsed at once gives: the
// same rows with their lines and raw text, and for a broken file the same refusal, word for word
// and line for line, wherever the chunks happen to be cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows, type CsvRow } from '../../src/formats/csv.js';
import { DumpError } from '../../src/formats/types.js';

const field = fc.constantFrom('ash01', ' Pika1 ', '"iPhone9,1"', '"a ""q"" b"', 'pa"ss', '', '\t', 'x y', '"open', 'close"', '# c', 'é✅', '"  padded "');
const row = fc.array(field, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
const line = fc.oneof({ weight: 8, arbitrary: row }, { weight: 2, arbitrary: fc.constantFrom('', ' ', ',,,', '# comment', '"', 'a,"b', 'a,b"') });
const text = fc.tuple(fc.array(line, { minLength: 0, maxLength: 30 }), fc.boolean()).map(([lines, lf]) => lines.join('\n') + (lf ? '\n' : ''));
const comments = (l: string) => l.startsWith('#');

/** Rows, or the refusal with its line, read `chunk` lines at a time. */
function read(t: string, chunk: number, skip?: (l: string) => boolean): CsvRow[] | { refused: string; line?: number } {
  try {
    return [...csvRows('a.csv', t, skip, chunk)];
  } catch (error) {
    if (!(error instanceof DumpError)) throw error;
    return { refused: error.message, line: error.line };
  }
}

describe('CSV read in chunks of lines', () => {
  it('gives the rows, lines and refusals of the whole text parsed at once', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 4 }), fc.boolean(), (t, chunk, skipping) => {
        const skip = skipping ? comments : undefined;
        expect(read(t, chunk, skip)).toEqual(read(t, Number.MAX_SAFE_INTEGER, skip));
      }),
      { numRuns: 800 },
    );
  });

  // byLine (RocketMap's reader): a line whose quotes are no CSV comes as a `broken` row at its line,
  // wherever the chunks are cut; a text the whole parse reads gives its rows unchanged.
  it('byLine: the same rows wherever the chunks are cut, the whole parse\'s rows when it reads the text, a broken line named', () => {
    const byLine = (t: string, chunk: number, skip?: (l: string) => boolean) => [...csvRows('a.csv', t, skip, chunk, true)];
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 4 }), fc.boolean(), (t, chunk, skipping) => {
        const skip = skipping ? comments : undefined;
        const rows = byLine(t, Number.MAX_SAFE_INTEGER, skip);
        expect(byLine(t, chunk, skip)).toEqual(rows);
        const whole = read(t, Number.MAX_SAFE_INTEGER, skip);
        if (Array.isArray(whole)) expect(rows).toEqual(whole);
        else expect(rows.filter((r) => r.broken).map((r) => r.line)).toContain(whole.line);
      }),
      { numRuns: 800 },
    );
    expect(byLine('ptc,ash01,Pika1\nptc,misty02,"Star2\nptc,brock03,Onix3\n', 2)).toEqual([
      { fields: ['ptc', 'ash01', 'Pika1'], line: 1, raw: 'ptc,ash01,Pika1' },
      { fields: [], line: 2, raw: 'ptc,misty02,"Star2', broken: 'a quoted field is never closed (unbalanced quote)' },
      { fields: ['ptc', 'brock03', 'Onix3'], line: 3, raw: 'ptc,brock03,Onix3' },
    ]);
  });

  it('an unbalanced quote on the last line of a chunk is refused as the whole text refuses it, at its line', () => {
    const t = 'username,password\nash01,Pika1\nmisty02,"Star2\nbrock03,Onix3\n';
    const whole = read(t, Number.MAX_SAFE_INTEGER);
    expect(whole).toEqual({ refused: expect.stringContaining('unbalanced quote'), line: 3 });
    for (const chunk of [1, 2, 3]) expect(read(t, chunk)).toEqual(whole);
  });
});
