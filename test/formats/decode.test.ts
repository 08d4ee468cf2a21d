import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { stripEnd, toDumpInput } from '../../src/formats/decode.js';
import { DumpError } from '../../src/formats/types.js';
import { LineBudget, textLines } from '../../src/formats/line-limit.js';

function thrown(fn: () => unknown): DumpError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DumpError);
    return err as DumpError;
  }
  throw new Error('did not throw');
}

describe('toDumpInput', () => {
  it('drops a UTF-8 BOM and turns CRLF and lone CR into LF', () => {
    const d = toDumpInput('a.txt', Buffer.from('\ufeffa:1\r\nb:2\rc:3\n', 'utf8'));
    expect(d.text).toBe('a:1\nb:2\nc:3\n');
  });

  it("takes a terminal's escapes out of a console kept with its colours, never a password's `[`: every line where it was", async () => {
    // `| tee` of a checker printing raw SGR codes, `script`'s record (an OSC title, CSI cursor moves),
    // in UTF-8 and in a file of another charset; ISO-2022's `ESC $ B` / `ESC ( B` stay for its decoder.
    const text = '\x1b]0;checker\x07\x1b[32m\x1b[1mash01x:Pw[32mX\x1b[0m\n\x1b[2K\x1b[1Gash02x:Pw!2\x1b[0m\n';
    expect(toDumpInput('console.txt', Buffer.from(text, 'utf8')).text).toBe('ash01x:Pw[32mX\nash02x:Pw!2\n');
    expect(toDumpInput('console.txt', Buffer.from(`${text}caf\xe9x:Pw!3\n`, 'latin1')).text).toBe('ash01x:Pw[32mX\nash02x:Pw!2\ncaféx:Pw!3\n');
    const r = await readDump(toDumpInput('console.txt', Buffer.from(text, 'utf8')));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'ash01x', 'Pw[32mX'], [2, 'ash02x', 'Pw!2']]);
  });

  it('decodes UTF-16 with a byte-order mark (Notepad "Unicode")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ash:pikä\r\n', 'utf16le')]);
    expect(toDumpInput('u.txt', le).text).toBe('ash:pikä\n');
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(toDumpInput('u.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text).toBe('ash:pikä\n');
  });

  it('reads a file that is not UTF-8 without guessing its non-ASCII characters: those lines are rejected, the rest imported', async () => {
    // `third:s3cr\xc3(t` is not UTF-8; in windows-1252 it would read `s3crÃ(t`, in another charset otherwise.
    // Passwords with a digit, as PTC's had: two word-only pairs would be most of the list, `label:value` lines (word-pairs.ts).
    const bytes = Buffer.concat([Buffer.from('ok:fine1\nsecond:line2\nthird:s3cr'), Buffer.from([0xc3, 0x28]), Buffer.from('t\nfourth:caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const input = toDumpInput('dump.txt', bytes);
    expect([...input.nonUtf8Lines!]).toEqual([3, 4]);
    const result = await readDump(input);
    expect(result.accounts.map((a) => [a.username, a.password])).toEqual([['ok', 'fine1'], ['second', 'line2']]);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(result.rejected[0]!.reason).toMatch(/not UTF-8 .*outside ASCII/);
    expect(JSON.stringify(result.rejected)).not.toContain('s3cr');
  });

  it('refuses NUL bytes with the line, and hints at UTF-16 without BOM', () => {
    const err = thrown(() => toDumpInput('bin.txt', Buffer.from('a:b\nc:\0d\n')));
    expect(err.line).toBe(2);
    const utf16 = thrown(() => toDumpInput('u.txt', Buffer.from('ash:pika\n', 'utf16le')));
    expect(utf16.message).toContain('UTF-16');
  });

  it('refuses a text of more lines than max_dump_lines before reading it, naming its first line past the limit; LF, CRLF and a lone CR each end a line', () => {
    // A limit of 4: four lines pass whatever ends them (a last line without its end counts).
    for (const text of ['a\nb\nc\nd\n', 'a\r\nb\r\nc\r\nd', 'a\rb\rc\rd\r']) expect(toDumpInput('ok.txt', Buffer.from(text), 4).text.split('\n').filter(Boolean)).toHaveLength(4);
    // A fifth, as an old Mac's CR ends it, as a UTF-16 file holds it, or unended.
    for (const [bytes, name] of [[Buffer.from('a\rb\rc\rd\re'), 'mac.txt'], [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\nb\nc\nd\ne\n', 'utf16le')]), 'u16.txt'], [Buffer.from('a:1\nb:2\nc:3\nd:4\ne:5'), 'last.txt']] as const) {
      const e = thrown(() => toDumpInput(name, bytes, 4));
      expect(e.line).toBe(5);
      expect(e.message).toBe(`${name}:5: holds more than 4 lines, over max_dump_lines (a million accounts is a million lines); nothing was imported from it: split the file, or raise max_dump_lines in accountpool.yaml`);
    }
    // The limit goes with the input, to the parts a mail's reader decodes from it (eml.ts).
    expect(toDumpInput('ok.txt', Buffer.from('a\n'), 7).maxLines).toBe(7);
  });

  it("counts a mail's parts and an archive's members by the lines their reader reads: UTF-16 on its code units, a binary block not at all", () => {
    // `上` (U+4E0A) holds a 0x0A byte in UTF-16 either way round; a CR alone ends a line there too.
    const text = 'ash:上上上上上上上\r\nmisty:上上上上上上\rbrock:上\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [le, be]) {
      expect(textLines(bytes, 100)).toBe(3);
      expect(toDumpInput('u16.txt', bytes, 3).text.split('\n').filter(Boolean)).toHaveLength(3);
      new LineBudget(3).take('u16.txt', bytes, "the mail's parts");
      expect(() => new LineBudget(2).take('u16.txt', bytes, "the mail's parts")).toThrow(/u16\.txt:3: holds more than 2 lines/);
    }
    expect(textLines(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\nb', 'utf16le')]), 100)).toBe(2);
    // An image's bytes (NUL and 0x0A among them): decode.ts refuses it unread, so it takes nothing from the parts beside it.
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Array(40).fill(0x0a)]);
    const budget = new LineBudget(2);
    budget.take('logo', image, "the mail's parts");
    budget.take('list.txt', Buffer.from('a:b\nc:d\n'), "the mail's parts");
    expect(() => budget.take('more.txt', Buffer.from('e:f\n'), "the mail's parts")).toThrow(/more\.txt:1: holds more than 2 lines with the mail's parts before it/);
  });

  it('decodes an e-mail with an 8-bit latin-1 body leniently (mailparser reads the bytes)', () => {
    const mail = Buffer.concat([Buffer.from('From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=iso-8859-1\n\nGr'), Buffer.from([0xfc]), Buffer.from('\n')]);
    expect(toDumpInput('m.eml', mail).text).toContain('Subject: x');
  });
});

describe('stripEnd', () => {
  it('drops only blanks and tabs at the end', () => {
    expect(stripEnd('pa ss \t ')).toBe('pa ss');
    expect(stripEnd(' x')).toBe(' x');
  });

  // A quadratic scan of 2,000,000 blanks would never finish: the test's timeout is the bound.
  it('finishes on a long run of blanks followed by text', () => {
    const s = `${' '.repeat(2_000_000)}x`;
    expect(stripEnd(s)).toBe(s);
  });
});
