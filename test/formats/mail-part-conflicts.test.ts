// One message, two parts giving its accounts: the text part and its HTML alternative (RFC 2046
// §5.1.4: the same content in two forms), or the body and an attached .txt that repeats it. The
// same account twice is one account; two passwords for one login are refused by their lines,
// never two versions of one account, never a guess between them.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const HEAD = 'From: Shop <shop@seller.example>\nTo: me@example.net\nSubject: Your order\nMIME-Version: 1.0\n';

function alternative(text: string, html: string): string {
  return `${HEAD}Content-Type: multipart/alternative; boundary="b2"\n\n--b2\nContent-Type: text/plain; charset=utf-8\n\n${text}\n--b2\nContent-Type: text/html; charset=utf-8\n\n${html}\n--b2--\n`;
}

function withAttachment(body: string, file: string, name = 'accounts.txt'): string {
  return `${HEAD}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n${body}\n--b1\nContent-Type: text/plain; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(file).toString('base64')}\n--b1--\n`;
}

async function read(text: string) {
  const r = await readDump(input('order.eml', text));
  return { accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => [x.line, x.reason]) };
}

describe('a mail whose parts repeat or contradict each other', () => {
  it('the HTML alternative repeating the text part: each account once', async () => {
    const r = await read(alternative('Your accounts:\nash_01:Pass1111\nmisty_02:Pass2222\n', '<p>Your accounts:<br>ash_01:Pass1111<br>misty_02:Pass2222</p>'));
    expect(r).toEqual({ accounts: [[11, 'ash_01', 'Pass1111'], [12, 'misty_02', 'Pass2222']], rejected: [] });
  });

  it('an account only the HTML alternative shows is the mail\'s too, named at its line in the file', async () => {
    const r = await read(alternative('Your accounts:\nash_01:Pass1111\n', '<p>Your accounts:<br>ash_01:Pass1111<br>brock_03:Pass3333</p>'));
    expect(r).toEqual({ accounts: [[11, 'ash_01', 'Pass1111'], [16, 'brock_03', 'Pass3333']], rejected: [] });
  });

  it('the HTML alternative giving another password: that login refused at both lines, the others kept', async () => {
    const r = await read(alternative('Your accounts:\nash_01:Pass1111\nmisty_02:Pass2222\n', '<p>Your accounts:<br>ash_01:Pass1111<br>misty_02:Other999</p>'));
    expect(r.accounts).toEqual([[11, 'ash_01', 'Pass1111']]);
    expect(r.rejected.map(([line]) => line)).toEqual([12, 17]);
    expect(r.rejected[0]![1]).toMatch(/^2 passwords for this login in one mail \(the body and the HTML part; lines 12, 17\): which one is right is unsure$/);
    expect(JSON.stringify(r.rejected)).not.toContain('Other999');
  });

  it('a label block in the text and an HTML table disagreeing: refused, never two versions of the account', async () => {
    await expect(readDump(input('order.eml', alternative('Username: ash_01\nPassword: Pass1111\n', '<table><tr><td>Username</td><td>ash_01</td></tr><tr><td>Password</td><td>Other999</td></tr></table>')))).rejects.toThrow(/2 passwords for this login in one mail \(the body and the HTML part/);
  });

  it('an attached .txt or .csv repeating the body\'s accounts: imported once', async () => {
    const body = 'Your accounts:\nash_01:Pass1111\nmisty_02:Pass2222\n';
    const expected = { accounts: [[11, 'ash_01', 'Pass1111'], [12, 'misty_02', 'Pass2222']], rejected: [] };
    expect(await read(withAttachment(body, 'ash_01:Pass1111\r\nmisty_02:Pass2222\r\n'))).toEqual(expected);
    expect(await read(withAttachment(body, 'username,password\nash_01,Pass1111\nmisty_02,Pass2222\n', 'accounts.csv'))).toEqual(expected);
  });

  it('an attachment giving another password than the body: that login refused at the body\'s line and the attachment\'s', async () => {
    const r = await read(withAttachment('Your accounts:\nash_01:Pass1111\nmisty_02:Pass2222\n', 'ash_01:Pass1111\nmisty_02:Other999\n'));
    expect(r.accounts).toEqual([[11, 'ash_01', 'Pass1111']]);
    expect(r.rejected).toEqual([
      [12, '2 passwords for this login in one mail (the body and attachment "accounts.txt"; lines 12, 19): which one is right is unsure'],
      [19, '2 passwords for this login in one mail (the body and attachment "accounts.txt"; lines 12, 19): which one is right is unsure'],
    ]);
  });
});

describe('an account only an encoded HTML alternative shows: named at the file line holding it', () => {
  // RFC 2045 §6.7 and §6.8: a quoted-printable part keeps its lines (soft breaks `=` at 76
  // characters), a base64 part's lines are 76 characters of the encoded bytes. The account's line
  // is the one holding its login's first encoded character, never the part's `Content-Type` line.
  const html = `<html><body>\n<p>Your accounts:</p>\n<p>ash_01:Pass1111</p>\n<p>This line is long enough that quoted-printable folds it: ${'x'.repeat(60)}</p>\n<p>brock_03:Pass3333</p>\n</body></html>\n`;
  const mail = (encoding: string, encoded: string) => `${HEAD}Content-Type: multipart/alternative; boundary="b2"\n\n--b2\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Pass1111\n\n--b2\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: ${encoding}\n\n${encoded}\n--b2--\n`;
  const fileLineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('quoted-printable, the login folded by a soft break: the line holding its first character', async () => {
    // As mail clients encode it: `=` as `=3D`, lines folded at 76 with a soft break `=`.
    const styled = `<p style="font-family:Arial,Helvetica,sans-serif;font-size:14.5px">brock_03:Pass3333</p>`;
    const qp = `<p>Your accounts:</p>\n<p>ash_01:Pass1111</p>\n${styled}\n`.replace(/=/g, '=3D').split('\n').map((l) => l.replace(/.{75}(?=.)/g, '$&=\n')).join('\n');
    const text = mail('quoted-printable', qp);
    // The login stands on no line of the file whole: it is found decoded.
    expect(fileLineOf(text, 'brock_03')).toBe(0);
    const r = await read(text);
    expect(r.accounts).toContainEqual([fileLineOf(text, 'brock_'), 'brock_03', 'Pass3333']);
  });

  it('base64: the line holding the start of `brock_03`\'s encoded bytes', async () => {
    const b64 = Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\n');
    const text = mail('base64', b64);
    const start = html.indexOf('brock_03');
    // Byte b is encoded from character 4 * floor(b / 3) + b % 3 of the base64 text (RFC 4648 §4), 76 to a line.
    const bodyStart = fileLineOf(text, 'Content-Transfer-Encoding: base64') + 2;
    const expected = bodyStart + Math.floor((4 * Math.floor(start / 3) + (start % 3)) / 76);
    const r = await read(text);
    expect(r.accounts).toContainEqual([expected, 'brock_03', 'Pass3333']);
  });

  // A forward as attachment (RFC 2046 5.2.1 message/rfc822, Thunderbird's "Forward As Attachment"):
  // the attached mail is a copy as old as it, as an inline forward's `>` lines are, and the mail's
  // own line wins over it as it does over a quoted line (email-text.ts).
  it('the body against a mail attached as message/rfc822: the body\'s own password, the attached copy read past', async () => {
    const inner = 'From: Shop <shop@seller.example>\nSubject: Your order\nDate: Mon, 30 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\nash_01:Old!Pass11\nmisty_02:Pass2222\n';
    const text = `${HEAD}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nash_01:Fresh!Pass42\n\n--b1\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n${inner}\n--b1--\n`;
    const r = await readDump(input('order.eml', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.quoted])).toEqual([[10, 'ash_01', 'Fresh!Pass42', undefined], [22, 'misty_02', 'Pass2222', true]]);
    expect(r.rejected).toEqual([]);
  });
});
