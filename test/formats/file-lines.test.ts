// A big dump read from its file a piece at a time (file-lines.ts) must be the text decode.ts makes
// of the whole file, line for line, or not be read so at all: every file the scan takes gives
// splitLines(toDumpInput(bytes).text) exactly (BOM dropped, CRLF made LF, UTF-8 split anywhere by
// the pieces), and every file whose decoding does more (NUL, ESC, a lone CR, bytes not UTF-8, a
// UTF-16 or pickle start, an end-of-file mark, too many lines) is left to the whole read.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLines } from '../../src/formats/file-lines.js';
import { splitLines, toDumpInput } from '../../src/formats/decode.js';
import { DumpError } from '../../src/formats/types.js';

const dir = mkdtempSync(join(tmpdir(), 'file-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The file's lines as the scan reads them (its descriptor closed after), or undefined where it leaves it. */
function scanned(bytes: Buffer, maxLines: number, check: (lines: FileLines) => void = () => {}, piece?: number): string[] | undefined {
  const file = join(dir, `f${n++}`);
  writeFileSync(file, bytes);
  const fd = openSync(file, 'r');
  try {
    const lines = FileLines.scan('dump.txt', fd, bytes.length, maxLines, piece);
    if (!lines) return undefined;
    check(lines);
    return Array.from({ length: lines.length }, (_, i) => lines.at(i)!);
  } finally {
    closeSync(fd);
  }
}

function wholeLines(bytes: Buffer, maxLines: number): string[] | undefined {
  try {
    return splitLines(toDumpInput('dump.txt', bytes, maxLines).text);
  } catch (error) {
    if (error instanceof DumpError) return undefined;
    throw error;
  }
}

const PLAIN = ['a', 'Pw1!', '\t', ' ', '\n', '\n', '\r\n', 'é', '日本', '😀', '\\'];
const ODD = ['\r', '\0', '\x1b[0m', '\x1a', '\xff', '\u00a0'];

describe('a file read a piece at a time', () => {
  it('gives the whole decoding\'s lines, or leaves the file to it', () => {
    const parts = fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...ODD) }), { minLength: 4, maxLength: 60 });
    // Pieces of a few bytes: a character, a CRLF and a line split between two reads.
    const file = fc.record({ parts, bom: fc.boolean(), utf16: fc.integer({ min: 0, max: 20 }), maxLines: fc.integer({ min: 1, max: 40 }), piece: fc.integer({ min: 1, max: 24 }) });
    let taken = 0;
    fc.assert(
      fc.property(file, ({ parts, bom, utf16, maxLines, piece }) => {
        // `\xff` a lone byte no UTF-8 holds; the rest written as UTF-8.
        const body = Buffer.concat(parts.map((p) => (p === '\xff' ? Buffer.from([0xff]) : Buffer.from(p, 'utf8'))));
        const bytes = Buffer.concat([utf16 === 0 ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), body]);
        const whole = wholeLines(bytes, maxLines);
        const got = scanned(bytes, maxLines, (lines) => {
          // The pieces joined are the text, and each starts on its line.
          const text = toDumpInput('dump.txt', bytes, maxLines).text;
          const pieces = [...lines.pieces()];
          expect(pieces.map((p) => p.text).join('')).toBe(text);
          for (const p of pieces) expect(splitLines(text).slice(p.line - 1).join('\n').startsWith(p.text.replace(/\n$/, ''))).toBe(true);
          expect(lines.head(2, 0)).toBe(text.split('\n').slice(0, 2).join('\n') + (splitLines(text).length > 2 || text.split('\n').length > 2 ? '\n' : ''));
        }, piece);
        if (got === undefined) return;
        taken++;
        expect(got).toEqual(whole);
      }),
      { numRuns: 120 },
    );
    // Most drawn files are plain: a scan that took none would pass the equality for nothing.
    expect(taken).toBeGreaterThan(30);
  });

  it('takes a plain UTF-8 list, its BOM dropped and its CRLFs made LF', () => {
    const bytes = Buffer.from('\ufeffash01:Pw1!\r\nmisty02:Pässwort2\r\n\r\nbrock03:日本3\n', 'utf8');
    expect(scanned(bytes, 10)).toEqual(['ash01:Pw1!', 'misty02:Pässwort2', '', 'brock03:日本3']);
  });

  it('leaves what decode.ts does more with to it', () => {
    for (const odd of ['a\rb\n', 'a\0b\n', 'a\x1b[32mb\n', 'ash:Pw1\n\x1a\n']) expect(scanned(Buffer.from(`ash01:Pw1!\n${odd}`.repeat(2)), 100)).toBeUndefined();
    expect(scanned(Buffer.concat([Buffer.from('ash01:Pw1!\n'), Buffer.from([0xe9]), Buffer.from('\n')]), 100)).toBeUndefined();
    // (dp0: a Python 2 pickle, ASCII though it is.
    expect(scanned(Buffer.from("(dp0\nS'ash01'\np1\nS'Pw1!'\np2\ns.", 'latin1'), 100)).toBeUndefined();
    // More lines than max_dump_lines: the whole read refuses it, naming the line.
    expect(scanned(Buffer.from('a:b1\n'.repeat(5)), 4)).toBeUndefined();
    expect(scanned(Buffer.from('a:b1\n'.repeat(4)), 4)).toHaveLength(4);
  });

  it('refuses a file written to after it was scanned, by the dump\'s name, never reading two texts', () => {
    const file = join(dir, 'changed.tsv');
    writeFileSync(file, 'ash01:Pw1!\n'.repeat(100));
    const fd = openSync(file, 'r');
    try {
      // Read 64 bytes at a time: line 100 is read after the rewrite.
      const lines = FileLines.scan('changed.tsv', fd, 1100, 1000, 64)!;
      expect(lines.at(0)).toBe('ash01:Pw1!');
      // (Another size: a rewrite of the same size within the file system's clock tick is not seen.)
      writeFileSync(file, 'misty:Pw22!\n'.repeat(100));
      expect(() => lines.at(99)).toThrow(/^changed\.tsv: was written to while it was read; nothing of it is imported/);
    } finally {
      closeSync(fd);
    }
  });
});
