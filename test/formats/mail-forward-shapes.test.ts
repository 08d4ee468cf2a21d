// Seller deliveries forwarded, replied to and re-encoded as the mail clients write them (issue 14),
// each read exact, a quoted earlier delivery never doubling an account nor beating the correction
// above it. Where each shape comes from:
// - a forward as an attachment: RFC 2046 5.2.1 `message/rfc822` (Thunderbird's "Forward As
//   Attachment", Outlook's "Forward as attachment"), the correction in the forwarding text;
// - Thunderbird's `-------- Original Message --------` over a Subject/Date/From/To table (its
//   inline forward and `mailnews.reply_header_type` 0 header; one saved in a public linux-media list
//   archive, 2009: `format=flowed`, the table, the quoted text) and `-------- Forwarded Message --------`;
// - Gmail's `On DATE NAME <ADDR> wrote:` over `>` lines, quoted again one level deeper by the next
//   reply (RFC 3676 4.5 quote depth), and its HTML-only reply: `<div class="gmail_quote">` holding a
//   `<blockquote class="gmail_quote">` with no `>` marks at all;
// - Outlook's top-posted replies: each earlier mail under a From/Sent/To/Subject block, no marks;
// - Apple Mail's `Begin forwarded message:` over From/Subject/Date/To;
// - HTML-only bodies: `<p>` per account, a `<table>` of cells, `<pre>` lines (WHATWG HTML 13.2:
//   a newline inside `<pre>` is a line);
// - RFC 2045 6.7: `=3D` for `=` and a soft break `=` CRLF inside a password;
// - RFC 2046 4.1.2: an attachment's `charset=` (windows-1252, utf-16 with its BOM, RFC 2781 4.3: a
//   BOM says the byte order when `utf-16` or no charset is declared);
// - 8bit bodies in windows-1252, iso-8859-1, koi8-r, gb2312, shift_jis (RFC 2046 4.1.2, RFC 6152).
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const H = 'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n';
// Mail on the wire ends its lines in CRLF (RFC 5322 2.1): every fixture here is written so.
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

async function read(text: string | Buffer) {
  const r = await readDump(input('mail.eml', typeof text === 'string' ? crlf(text) : text));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password]).sort((x, y) => String(x[1]).localeCompare(String(y[1]))), rejected: r.rejected.map((x) => x.line) };
}

const CORRECTED = { accounts: [expect.anything(), expect.anything()], rejected: [] };
const pairs = (r: Awaited<ReturnType<typeof read>>) => r.accounts.map((a) => `${a[1]}:${a[2]}`);

describe('forwarded and replied deliveries: each account once, the correction above the quote wins', () => {
  it('a delivery forwarded as a message/rfc822 attachment, corrected in the forwarding text', async () => {
    const m = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nSorry, new password for ash_02: Fresh!Pass42\n\n--b1\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="2x Lvl 30 PTC.eml"\n\nFrom: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Mon, 30 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n\n--b1--\n`;
    expect(await read(m)).toEqual({ accounts: [[23, 'ash_01', 'Old!Pass11'], [11, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });

  it("Apple Mail's `Begin forwarded message:` over a quoted `Username | Password | Level` table: each row keeps its level (30, 31, 32 are no counter)", async () => {
    // Stop 62's survey (G): the levels one apart were dropped as a row counter's run, though the header names them.
    const r = await readDump(fixture('apple-mail-forward-level-table.eml'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sunpetal8801', 'Gg4!hh66', 30], ['coldbrook9902', 'Jj8#kk11', 31], ['wildfern1023', 'Ll2$mm33', 32]]);
    // Without the header the same numbers stay a counter's run, as in a plain list: the subject's `Lvl 30` is the level.
    const levels = (await readDump(input('mail.eml', crlf(`${H}Content-Type: text/plain; charset=UTF-8\n\nBegin forwarded message:\n\n> ash_01 | Old!Pass11 | 1\n> ash_02 | Old!Pass22 | 2\n> ash_03 | Old!Pass33 | 3\n`)))).accounts.map((a) => a.level);
    expect(levels).toEqual([30, 30, 30]);
  });

  it('Thunderbird `-------- Original Message --------` table under a correction', async () => {
    const m = `${H}Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 7bit\n\nSorry, new password for ash_02: Fresh!Pass42\n\n-------- Original Message --------\nSubject: \t2x Lvl 30 PTC\nDate: \tTue, 1 Dec 2026 10:00:00 +0000\nFrom: \tShop <shop@x.example>\nTo: \tme@example.net\n\n\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
    expect(await read(m)).toEqual({ accounts: [[19, 'ash_01', 'Old!Pass11'], [9, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });

  it('Thunderbird `-------- Forwarded Message --------` of labelled pairs: each account once', async () => {
    const m = `${H}Content-Type: text/plain; charset=UTF-8; format=flowed\n\n\n\n\n-------- Forwarded Message --------\nSubject: \t2x Lvl 30 PTC\nDate: \tTue, 1 Dec 2026 10:00:00 +0000\nFrom: \tShop <shop@x.example>\nTo: \tme@example.net\n\n\n\nUsername: ash_01\nPassword: Old!Pass11\n\nUsername: ash_02\nPassword: Old!Pass22\n`;
    expect(await read(m)).toEqual({ accounts: [[19, 'ash_01', 'Old!Pass11'], [22, 'ash_02', 'Old!Pass22']], rejected: [] });
  });

  it('Gmail: the buyer\'s reply quoting the correction quoting the delivery (`>` then `>>`): the correction wins', async () => {
    const m = `${H}Content-Type: text/plain; charset=UTF-8\n\nThanks, works now.\n\nOn Tue, Dec 1, 2026 at 11:00 AM Shop <shop@x.example> wrote:\n\n> Sorry, new password for ash_02: Fresh!Pass42\n>\n> On Tue, Dec 1, 2026 at 10:00 AM Shop <shop@x.example> wrote:\n>\n>> ash_01:Old!Pass11\n>> ash_02:Old!Pass22\n`;
    expect(await read(m)).toEqual({ accounts: [[16, 'ash_01', 'Old!Pass11'], [12, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });

  it('Outlook top-posting twice (From/Sent/To/Subject blocks, no marks): the newer block\'s correction wins', async () => {
    const m = `${H}Content-Type: text/plain; charset="us-ascii"\n\nok thanks\n\nFrom: Shop <shop@x.example>\nSent: Tuesday, December 1, 2026 11:00 AM\nTo: me@example.net\nSubject: RE: 2x Lvl 30 PTC\n\nSorry, new password for ash_02: Fresh!Pass42\n\nFrom: Shop <shop@x.example>\nSent: Tuesday, December 1, 2026 10:00 AM\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
    expect(await read(m)).toEqual({ accounts: [[22, 'ash_01', 'Old!Pass11'], [15, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });

  it('Apple Mail `Begin forwarded message:`: the forwarded accounts exact, the headers no account', async () => {
    const m = `${H}Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n\n\nBegin forwarded message:\n\nFrom: Shop <shop@x.example>\nSubject: 2x Lvl 30 PTC\nDate: December 1, 2026 at 10:00:00 GMT\nTo: me@example.net\n\nash_01:Old!Pass11\nash_02:Old!Pass22\n\n`;
    expect(await read(m)).toEqual({ accounts: [[18, 'ash_01', 'Old!Pass11'], [19, 'ash_02', 'Old!Pass22']], rejected: [] });
  });

  it('Gmail HTML-only reply: the delivery in a `gmail_quote` blockquote, the correction above it wins', async () => {
    const m = `${H}Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n<div dir=3D"ltr">Sorry, new password for ash_02: Fresh!Pass42</div><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">On Tue, Dec 1, 2026 at 10:00 AM Shop &lt;<a href=3D"mailto:shop@x.example">shop@x.example</a>&gt; wrote:<br></div><blockquote class=3D"gmail_quote" style=3D"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir=3D"ltr">ash_01:Old!Pass11<br>ash_02:Old!Pass22<br></div></blockquote></div>\n`;
    const r = await read(m);
    expect(r).toEqual(CORRECTED);
    expect(pairs(r)).toEqual(['ash_01:Old!Pass11', 'ash_02:Fresh!Pass42']);
  });
});

describe('bodies and attachments as clients encode them: every account exact', () => {
  it('HTML only: `<p>` per account, a `<table>` row, `<pre>` lines', async () => {
    const m = `${H}Content-Type: text/html; charset="UTF-8"\n\n<html><body><p>Your order:</p><p>ash_01:Old!Pass11</p><p>ash_02:Old!Pass22</p><table><tr><th>Login</th><th>Password</th></tr><tr><td>ash_03</td><td>Old!Pass33</td></tr></table><pre>ash_04:Old!Pass44\nash_05:Old!Pass55</pre></body></html>\n`;
    expect(pairs(await read(m))).toEqual(['ash_01:Old!Pass11', 'ash_02:Old!Pass22', 'ash_03:Old!Pass33', 'ash_04:Old!Pass44', 'ash_05:Old!Pass55']);
  });

  it('quoted-printable `=3D` in a password and soft breaks (`=` CRLF) inside one: decoded, at the line each starts', async () => {
    const m = `${H}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nash_01:Old=3DPass11\nash_02:Old!Pa=\nss22\nash_03:=3D=3DX9y=\n=3Dz\n`;
    expect(await read(m)).toEqual({ accounts: [[9, 'ash_01', 'Old=Pass11'], [10, 'ash_02', 'Old!Pass22'], [12, 'ash_03', '==X9y=z']], rejected: [] });
  });

  it('a `;` CSV attached in windows-1252, declared: the accented passwords exact', async () => {
    const body = iconv.encode('Benutzer;Passwort\r\nash_01;Grüße!11\r\nash_02;Café#22\r\n', 'win1252').toString('base64');
    const m = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nsee attached\n\n--b1\nContent-Type: text/csv; charset=windows-1252; name="accounts.csv"\nContent-Disposition: attachment; filename="accounts.csv"\nContent-Transfer-Encoding: base64\n\n${body}\n--b1--\n`;
    expect(pairs(await read(m))).toEqual(['ash_01:Grüße!11', 'ash_02:Café#22']);
  });

  const utf16 = (bom: number[], text: Buffer) => Buffer.concat([Buffer.from(bom), text]).toString('base64');
  const le = Buffer.from('ash_01:Grüße!11\r\nash_02:Café#22\r\n', 'utf16le');
  for (const [what, charset, body] of [
    ['utf-16 declared, little-endian BOM', 'charset=utf-16; ', utf16([0xff, 0xfe], le)],
    ['no charset, little-endian BOM', '', utf16([0xff, 0xfe], le)],
    ['utf-16 declared, big-endian BOM', 'charset=utf-16; ', utf16([0xfe, 0xff], Buffer.from(le).swap16())],
  ] as const) {
    it(`a .txt attached in UTF-16 (${what}): the accounts exact`, async () => {
      const m = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nsee attached\n\n--b1\nContent-Type: text/plain; ${charset}name="accounts.txt"\nContent-Disposition: attachment; filename="accounts.txt"\nContent-Transfer-Encoding: base64\n\n${body}\n--b1--\n`;
      expect(pairs(await read(m))).toEqual(['ash_01:Grüße!11', 'ash_02:Café#22']);
    });
  }

  for (const [charset, password] of [['windows-1252', 'Grüße€11'], ['iso-8859-1', 'Grüße!11'], ['koi8-r', 'Пароль!11'], ['gb2312', '密码Ab11'], ['shift_jis', 'パスAb11']] as const) {
    it(`an 8bit body in ${charset}, declared: the password exact, at its line`, async () => {
      const m = Buffer.concat([Buffer.from(crlf(`${H}Content-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: 8bit\n\n`)), iconv.encode(`ash_01:${password}\r\nash_02:Old!Pass22\r\n`, charset)]);
      expect(await read(m)).toEqual({ accounts: [[9, 'ash_01', password], [10, 'ash_02', 'Old!Pass22']], rejected: [] });
    });
  }
});

describe('an mbox whose later message quotes an earlier delivery', () => {
  const mail = (id: string, date: string, body: string, answers?: string) =>
    `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: ${answers ? 'Re: ' : ''}2x Lvl 30 PTC\nDate: ${date}\nMessage-ID: <${id}@x.example>\n${answers ? `In-Reply-To: <${answers}@x.example>\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${body}`;
  const mbox = (quoted: string) =>
    [
      mail('d1', 'Tue, 01 Dec 2026 10:00:00 +0000', 'Your accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n'),
      mail('d2', 'Tue, 01 Dec 2026 11:00:00 +0000', 'Hi,\nNew password for ash_02: Fresh!Pass42\n', 'd1'),
      mail('d3', 'Tue, 01 Dec 2026 12:00:00 +0000', `Thanks, got them.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Shop <shop@x.example> wrote:\n> ash_01:Old!Pass11\n> ${quoted}\n`, 'd1'),
    ].map((m) => `From shop@x.example Tue Dec  1 10:00:00 2026\n${m}\n`).join('');

  it('quoting the old password: the correction stays', async () => {
    expect(pairs(await read(mbox('ash_02:Old!Pass22')))).toEqual(['ash_01:Old!Pass11', 'ash_02:Fresh!Pass42']);
  });

  it('quoting a password no message gave: refused by its line, the correction stays (it was the account\'s password)', async () => {
    const r = await readDump(input('all.mbox', crlf(mbox('ash_02:Other!Pass99'))));
    expect(r.accounts.map((a) => `${a.username}:${a.password}`).sort()).toEqual(['ash_01:Old!Pass11', 'ash_02:Fresh!Pass42']);
    expect(r.rejected.map((x) => x.line)).toEqual([38]);
    expect(r.rejected[0]!.reason).toMatch(/^message 3: ash_02 quoted from an earlier mail with another password .*which is newer is unsure/);
    expect(r.rejected[0]!.reason).not.toContain('Pass99');
  });
});
