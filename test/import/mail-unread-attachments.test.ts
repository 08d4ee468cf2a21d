// A mail's attachment is never passed over without a word. A text attachment holding a line longer than any list's (2 MB: long-lines.ts) was passed
// over: no reader of whole documents claims such a part, so the mail was "a letter without
// accounts", the attachment silently unread (stop 67 A: a 30 MB one-line attachment). It is
// refused as the same file dropped alone is, naming the attachment, its line and why; each of two
// such attachments at its own line. The mail is RFC 5322 / 2046 multipart/mixed as
// test/formats/mail-attachment-files.test.ts writes it; an 8bit part keeps the test fast (base64
// costs mailparser ~4 s of CPU per 30 MB, the same refusal). The watcher sets such a mail aside in
// failed/ with this reason (a DumpError, as every refused file: test/watch/rejections.test.ts).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { input } from '../formats/helpers.js';

const LONG = (2 << 20) + 10;

function mailWith(body: string, attachments: { name: string; text: string; type?: string }[]): string {
  const parts = attachments.map((a) => `--ZZ\nContent-Type: ${a.type ?? 'text/plain'}; name="${a.name}"\nContent-Disposition: attachment; filename="${a.name}"\nContent-Transfer-Encoding: 8bit\n\n${a.text}\n`);
  return `From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\n${body}\n${parts.join('')}--ZZ--\n`;
}

describe("a mail's attachment with a line past 2 MB", () => {
  it('alone: the mail is refused naming the attachment and its line, never "a letter without accounts"', async () => {
    const mail = mailWith('Your accounts are attached.', [{ name: 'stock.txt', text: 'x'.repeat(LONG) }]);
    const err = await readDump(input('order.eml', mail)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DumpError);
    expect((err as Error).message).toContain('line 16: attachment "stock.txt": stock.txt:1: this line is 2.0 M characters long');
    expect((err as Error).message).not.toMatch(/letter without accounts/);
  });

  it("two: each refused at its own line, naming its own name; the body's account still read", async () => {
    const mail = mailWith('ptc,lngbody1,Secret#123', [
      { name: 'first.txt', text: `ptc,lngfirst1,Secret#123\n${'a'.repeat(LONG)}` },
      { name: 'second.txt', text: 'b'.repeat(LONG) },
    ]);
    const r = await readDump(input('order.eml', mail));
    expect(r.accounts.map((a) => a.username)).toEqual(['lngbody1']);
    expect(r.rejected.map((x) => [x.line, x.reason.replace(/ characters long.*/, '')])).toEqual([
      [17, 'attachment "first.txt": first.txt:2: this line is 2.0 M'],
      [23, 'attachment "second.txt": second.txt:1: this line is 2.0 M'],
    ]);
  });

  it('an attachment of a kind no reader reads (a PDF): named in a note, and in the refusal of a mail of nothing else', async () => {
    const pdf = { name: 'stock.pdf', type: 'application/pdf', text: '%PDF-1.4 ptc,lngpdf1,Secret#123' };
    const err = await readDump(input('order.eml', mailWith('Your accounts are attached.', [pdf]))).catch((e: unknown) => e);
    expect((err as Error).message).toContain('not read: attachment "stock.pdf" (application/pdf), of a kind accountpool does not read');
    const r = await readDump(input('order.eml', mailWith('ptc,lngbody1,Secret#123', [pdf])));
    expect(r.accounts.map((a) => a.username)).toEqual(['lngbody1']);
    expect(r.notes).toContainEqual(expect.stringContaining('not read: attachment "stock.pdf" (application/pdf)'));
  });
});
