// Seller mails in shapes stop 44's tests had not seen (issue 14), each imported exact or refused by a
// line of the file, never an invented account. Where the shapes come from:
// - RFC 3676 `format=flowed`: a line ending in a space goes on on the next (4.2); with `delsp=yes`
//   (Apple Mail writes it) that space is deleted too, so a soft break may fall inside a word, here
//   inside `user:pass` (4.3); decoded by libmime's decodeFlowed (nodemailer/libmime lib/libmime.js,
//   asked by mailparser lib/mail-parser.js with the part's delSp).
// - RFC 2045 6.2 / RFC 6152 `Content-Transfer-Encoding: 8bit` with a charset label the bytes do not
//   match (a shop's PHP mailer labelling UTF-8 text `us-ascii` or `iso-8859-1`).
// - RFC 2045 6.7 quoted-printable soft line breaks (`=` at a line's end) inside an account.
// - Gmail's `---------- Forwarded message ---------` and Outlook's `-----Original Message-----` as
//   mail-client-shapes.test.ts cites them; a delivery attached as `.txt` / `.csv` (RFC 2183
//   `Content-Disposition: attachment; filename=...`) with a correction in the body above it.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const H = 'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n';

async function read(name: string, text: string | Buffer) {
  return readDump(input(name, text)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => x.line) }),
    (e: Error) => e.message,
  );
}

describe('seller mails from real clients, fresh shapes', () => {
  it('format=flowed; delsp=yes: a soft break inside `user:pass` joined, the account at its first line', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n\nYour accounts:\nash_01:Old!Pa \nss11\nash_02:Old!Pass22\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[9, 'ash_01', 'Old!Pass11'], [11, 'ash_02', 'Old!Pass22']], rejected: [] });
  });

  it('format=flowed without delsp: a soft break after `Password: X ` runs into the next label, the password ends there', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8; format=flowed\n\nUsername: ash_01 \nPassword: Old!Pass11 \nLevel: 30\n`;
    const r = await read('order.eml', mail);
    expect(typeof r === 'string' ? r : r.accounts.map((a) => a.slice(1))).toEqual([['ash_01', 'Old!Pass11']]);
  });

  it('quoted-printable soft line break inside `user:pass`: one account, at the line it starts', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nYour accounts:\nash_01:Old!Pa=\nss11\nash_02:Old!Pass22\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[10, 'ash_01', 'Old!Pass11'], [12, 'ash_02', 'Old!Pass22']], rejected: [] });
  });

  it('8bit UTF-8 labelled us-ascii: the ASCII accounts exact, none with a character guessed', async () => {
    const mail = Buffer.from(`${H}Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 8bit\n\nGrüße aus München!\nash_01:Old!Pass11\njörg_02:Pässwort22\n`, 'utf8');
    const r = await read('order.eml', mail);
    expect(typeof r).not.toBe('string');
    if (typeof r === 'string') return;
    expect(r.accounts.filter((a) => a[1] === 'ash_01')).toEqual([[10, 'ash_01', 'Old!Pass11']]);
    // jörg_02 exact or refused by its line; never a mangled login or password.
    const jorg = r.accounts.filter((a) => a[1] !== 'ash_01');
    expect(jorg.length === 0 ? r.rejected : jorg).toEqual(jorg.length === 0 ? expect.arrayContaining([11]) : [[11, 'jörg_02', 'Pässwort22']]);
  });

  it('8bit windows-1252 bytes labelled utf-8: the ASCII account exact, the other refused by its line', async () => {
    const mail = Buffer.concat([Buffer.from(`${H}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nash_01:Old!Pass11\n`), Buffer.from('jörg_02:Pässwort22\n', 'latin1')]);
    const r = await read('order.eml', mail);
    expect(r).toEqual({ accounts: [[9, 'ash_01', 'Old!Pass11']], rejected: [10] });
  });

  it('Gmail forward of a delivery, with a correction above it: the correction wins', async () => {
    const mail = `${H}Content-Type: text/plain; charset=UTF-8\n\nThe shop wrote me the password of ash_02 changed, new password for ash_02: Fresh!Pass42\n\n---------- Forwarded message ---------\nFrom: Shop <shop@x.example>\nDate: Tue, Dec 1, 2026 at 10:00 AM\nSubject: 2x Lvl 30 PTC\nTo: <me@example.net>\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
    expect(await read('fwd.eml', mail)).toEqual({ accounts: [[8, 'ash_02', 'Fresh!Pass42'], [16, 'ash_01', 'Old!Pass11']], rejected: [] });
  });

  it('Outlook reply above `-----Original Message-----` naming the account by its place', async () => {
    const mail = `${H}Content-Type: text/plain; charset="us-ascii"\n\nSorry, the 2nd account's new password is Fresh!Pass42\n\n-----Original Message-----\nFrom: Shop <shop@x.example>\nSent: Tuesday, December 1, 2026 10:00 AM\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
    const r = await read('reply.eml', mail);
    expect(r).toEqual({ accounts: [[8, 'ash_02', 'Fresh!Pass42'], [16, 'ash_01', 'Old!Pass11']], rejected: [] });
  });

  it('a delivery as a .txt attachment, the body correcting one of its accounts by login', async () => {
    const mail = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nHi, sorry: the password of ash_02 changed, new password: Fresh!Pass42\n\n--b1\nContent-Type: text/plain; charset=utf-8; name="accounts.txt"\nContent-Disposition: attachment; filename="accounts.txt"\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n--b1--\n`;
    const r = await read('order.eml', mail);
    expect(typeof r === 'string' ? r : r.accounts.map((a) => [a[1], a[2]])).toEqual([['ash_01', 'Old!Pass11'], ['ash_02', 'Fresh!Pass42']]);
  });

  it('a delivery as a base64 .csv attachment, the body naming a login the file lacks: refused by the line, the file exact', async () => {
    const csv = Buffer.from('Username,Password,Level\nash_01,Old!Pass11,30\nash_02,Old!Pass22,30\n').toString('base64');
    const mail = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nNew password for misty_09: Fresh!Pass42\n\n--b1\nContent-Type: text/csv; name="accounts.csv"\nContent-Disposition: attachment; filename="accounts.csv"\nContent-Transfer-Encoding: base64\n\n${csv}\n--b1--\n`;
    const r = await read('order.eml', mail);
    expect(typeof r === 'string' ? r : r.accounts.map((a) => [a[1], a[2]])).toEqual([['ash_01', 'Old!Pass11'], ['ash_02', 'Old!Pass22']]);
    expect(typeof r === 'string' ? r : r.rejected).toEqual([11]);
  });

  it('Apple Mail reply (format=flowed; delsp=yes) quoting the delivery with `>`: the sentence wins for the login it names', async () => {
    const mail = `${H}Content-Type: text/plain; charset=us-ascii; format=flowed; delsp=yes\n\nSorry, new password for ash_02: Fresh!Pass42\n\nOn Dec 1, 2026, at 10:00, Shop <shop@x.example> wrote:\n\n> ash_01:Old!Pass11\n> ash_02:Old!Pass22\n`;
    const r = await read('reply.eml', mail);
    expect(typeof r === 'string' ? r : r.accounts.map((a) => [a[1], a[2]]).sort()).toEqual([['ash_01', 'Old!Pass11'], ['ash_02', 'Fresh!Pass42']]);
  });

  it('Outlook HTML-only mail (MsoNormal paragraphs, `<o:p>`): the labelled account exact', async () => {
    const mail = `${H}Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><div class=3DWordSection1><p class=3DMsoNormal>Username: ash_01<o:p></o:p></p><p class=3DMsoNormal>Password: Old!Pass11<o:p></o:p></p><p class=3DMsoNormal><o:p>&nbsp;</o:p></p></div></body></html>\n`;
    const r = await read('order.eml', mail);
    expect(typeof r === 'string' ? r : r.accounts.map((a) => [a[1], a[2]])).toEqual([['ash_01', 'Old!Pass11']]);
  });
});
