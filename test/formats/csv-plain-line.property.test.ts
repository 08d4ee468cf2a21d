// A CSV line split without csv-parse (csv-plain-line.ts) gives csv-parse's own fields under the
// options every reader of ours uses, or is left to csv-parse: random lines of the characters
// that matter to CSV (quotes, commas, blanks, tabs, non-ASCII) against csv-parse itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/formats/csv.js';
import { plainFields } from '../../src/formats/csv-plain-line.js';
import { csvRows, writeCsv } from '../../src/formats/csv.js';
import { plainRowsText } from '../../src/formats/csv-plain-rows.js';
import { createRequire } from 'node:module';

const char = fc.constantFrom('a', 'B', '1', ' ', ',', '"', '""', '\t', 'é', '#', ';', "'");
const line = fc.array(char, { maxLength: 24 }).map((cs) => cs.join(''));
const cell = fc.constantFrom('ash01', ' Pika1 ', '"iPhone9,1"', '"a ""q"" b"', ' "x" ', '""', '', 'x y', '"open', 'pa"ss', '"a"b');
const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((cells) => cells.join(','));

/** csv-parse's fields for one line: none for a line it skips as empty. */
function parsed(l: string): string[][] | 'error' {
  try {
    return parseText(l).map((p) => p.record);
  } catch {
    return 'error';
  }
}

describe('a plain CSV line split without csv-parse', () => {
  it("gives csv-parse's fields whenever it splits a line", () => {
    fc.assert(
      fc.property(fc.oneof(line, row), (l) => {
        const fields = plainFields(l);
        if (!fields) return;
        const theirs = parsed(l);
        if (Array.isArray(theirs) && theirs.length === 0) expect(fields.every((f) => f === '')).toBe(true);
        else expect([fields]).toEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits the lines scanners and sellers write, quoted device models included', () => {
    expect(plainFields('user01,Pw1!,ptc,"iPhone9,1",11.2.1,656412a9b8a1abcd1a6916c74da4f9fc')).toEqual(['user01', 'Pw1!', 'ptc', 'iPhone9,1', '11.2.1', '656412a9b8a1abcd1a6916c74da4f9fc']);
    expect(plainFields('ptc, ash , "pa""ss" ,')).toEqual(['ptc', 'ash', 'pa"ss', '']);
  });

  it('leaves to csv-parse what it cannot be sure of: stray quotes, tabs, non-ASCII', () => {
    for (const l of ['a,pa"ss', '"open,b', '"a"b,c', 'a\tb', 'é,b']) expect(plainFields(l)).toBeUndefined();
  });

  it('a file of plain lines gives the rows csv-parse gives, line numbers and raw text included', () => {
    const text = 'username,password,provider,model\n ash01 , Pika1 ,ptc,"iPhone9,1"\n\n,,,\nmisty02,"St""ar",google,\n';
    const rows = [...csvRows('a.csv', text)];
    const theirs = parseText(text.replace(/\n$/, '')).filter((p) => p.record.some((f) => f.trim() !== ''));
    expect(rows.map((r) => [r.fields, r.line])).toEqual(theirs.map((p) => [p.record, p.info.lines]));
    expect(rows.map((r) => r.raw)).toEqual(['username,password,provider,model', ' ash01 , Pika1 ,ptc,"iPhone9,1"', 'misty02,"St""ar",google,']);
  });
});

// The writer's twin (csv-plain-rows.ts): rows written without csv-stringify are csv-stringify's
// own text under writeCsv's options, or left to it.
describe('plain CSV rows written without csv-stringify', () => {
  const field = fc.array(fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\t', '\n', '\r', 'é', '#', '=', '-', "'"), { maxLength: 8 }).map((cs) => cs.join(''));
  const rows = fc.array(fc.array(field, { maxLength: 6 }), { maxLength: 5 });
  const stringified = (all: string[][]) => createRequire(import.meta.url)('csv-stringify/sync').stringify(all, { quoted_match: /^\s|\s$/, eof: true }) as string;

  it("gives csv-stringify's text whenever it writes the rows, and writeCsv always does", () => {
    fc.assert(
      fc.property(rows, (all) => {
        const theirs = stringified(all);
        const ours = plainRowsText(all);
        if (ours !== undefined) expect(ours).toBe(theirs);
        expect(writeCsv(all)).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
  });

  it("writes an allocation's Monocle rows itself (a device model's comma, a password's quote quoted), and leaves an edge blank to csv-stringify", () => {
    const all = [['username', 'password', 'provider', 'model', 'iOS', 'id'], ['ash01', 'Pw1!x,y', 'ptc', 'iPhone9,4', '13.1.3', '656412a9b8a1abcd'], ['misty02', '', 'google', '', '', '']];
    expect(plainRowsText(all)).toBe('username,password,provider,model,iOS,id\nash01,"Pw1!x,y",ptc,"iPhone9,4",13.1.3,656412a9b8a1abcd\nmisty02,,google,,,\n');
    expect(plainRowsText(all)).toBe(stringified(all));
    // The bench's passwords (bench/make-pool.ts, test/helpers/accounts.ts) hold a quote and a comma.
    const quoted = [['user000001', 'pw-1:x,y"z', 'ptc'], ['u', '"', '""a""']];
    expect(plainRowsText(quoted)).toBe('user000001,"pw-1:x,y""z",ptc\nu,"""","""""a"""""\n');
    expect(plainRowsText(quoted)).toBe(stringified(quoted));
    for (const odd of [' lead', 'trail ', 'tab\there', 'é', 'a\nb']) expect(plainRowsText([['u', odd]])).toBeUndefined();
  });
});
