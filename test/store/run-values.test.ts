// The texts of an import's runs of own fields are held as UTF-8 bytes in pieces (store/run-values.ts):
// each must come back exactly as pushed, whatever its characters (JSON.stringify's texts: any
// Unicode, lone surrogates written as escapes), empty or longer than a piece, wherever a piece ends,
// and whether its piece was written to the spill file in the pool's `.cache` or kept in memory.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

  it('give back every text as pushed when full pieces go to a spill file, which leaves no file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accountpool-run-values-'));
    try {
      fc.assert(
        fc.property(fc.array(values, { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), fc.nat(200), (texts, pieceSize, from) => {
          const runs = new RunValues(pieceSize, { dir, from });
          texts.forEach((text, r) => {
            runs.push(text);
            // Read while pushing: a text of a piece spilled meanwhile is read back from the file.
            expect(runs.text(r >> 1)).toBe(texts[r >> 1]);
          });
          texts.forEach((text, r) => expect(runs.text(r)).toBe(text));
          // What is not in memory is in the file: the last piece (the one still written to) never goes.
          const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
          expect(runs.spilledBytes).toBeLessThanOrEqual(bytes);
          if (runs.spilledBytes > 0) expect(runs.pieceBytes).toBeLessThan(bytes + pieceSize + 4 * 64);
          // The file is unlinked once open: only the descriptor reaches it.
          expect(readdirSync(dir)).toEqual([]);
        }),
        { numRuns: 100 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spill past the bytes given, and keep every piece in memory where no file can be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accountpool-run-values-'));
    try {
      const texts = Array.from({ length: 5000 }, (_, i) => JSON.stringify([`row ${i}`, i * 7, i % 3 === 0, 'é😀']));
      const total = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      const spilled = new RunValues(4096, { dir, from: 16_384 });
      // A folder under a regular file cannot be made: the texts stay where they are.
      writeFileSync(join(dir, 'file'), '');
      const kept = new RunValues(4096, { dir: join(dir, 'file', 'cache'), from: 0 });
      for (const text of texts) {
        spilled.push(text);
        kept.push(text);
      }
      // The first 16 KB of pieces stay, the last piece is being written: the rest is in the file.
      expect(spilled.spilledBytes).toBeGreaterThan(total - 16_384 - 2 * 4096);
      expect(spilled.pieceBytes).toBeLessThan(16_384 + 2 * 4096);
      expect(kept.spilledBytes).toBe(0);
      expect(kept.pieceBytes).toBeGreaterThanOrEqual(total);
      for (const r of [0, 1, 777, 2500, 4999]) {
        expect(spilled.text(r)).toBe(texts[r]);
        expect(kept.text(r)).toBe(texts[r]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hold 100,000 texts of a PGPool row each as bytes, not as heap', () => {
    // The heap alive after a full collection, before and after: as strings the texts were a rope
    // each, ~2x their ~70 bytes here (~13 MB), held to the commit's end (docs/scale-log.md, stop 63 M).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const row = (i: number) => JSON.stringify([`2017-12-${10 + (i % 18)}T10:00:00.000Z`, 100_000 + 7 * i, i % 5000, 'mystic', '0,1,3,4,7', false]);
    gc();
    const before = process.memoryUsage().heapUsed;
    const runs = new RunValues();
    let bytes = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = row(i);
      bytes += text.length;
      runs.push(text);
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(2 * 1024 * 1024);
    // The pieces hold the bytes and at most one piece's room more (the last one's, under 1 MB).
    expect(runs.pieceBytes).toBeGreaterThanOrEqual(bytes);
    expect(runs.pieceBytes).toBeLessThan(bytes + 1024 * 1024);
    expect(runs.text(65_432)).toBe(row(65_432));
  });
});
