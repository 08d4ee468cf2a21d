// Every line a reader names for an HTML page or an HTML-only mail part is a line of the FILE the
// operator opens, accounts and rejections alike: the text made of the markup (mailparser's
// html-to-text, html-tables.ts's label lines) counts its own lines, which name nothing in the file.
// Before, a page's accounts were named at the text's lines and an HTML mail's rejections too.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const PAGE = [
  '<!doctype html>', // 1
  '<html>',
  '<head><title>Order 5521</title></head>',
  '<body>',
  '<h1>Your order</h1>', // 5
  '<p>Thanks for buying &amp; welcome.</p>',
  '<table>',
  '<tr><th>Username</th><th>Password</th></tr>',
  '<tr><td>ash_01</td><td>Pass1111</td></tr>',
  '<tr><td>misty_02</td><td></td></tr>', // 10
  '</table>',
  '<p>Username: brock_03<br>',
  'Password: Pass&amp;3333</p>',
  '<p>Username: gary_04</p>',
  '</body></html>', // 15
  '',
].join('\n');

const lines = (r: Awaited<ReturnType<typeof readDump>>) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => [x.line, x.reason]) });

describe('an HTML page or part names the lines of its file', () => {
  it('a page read by html.ts: a grid row, a label block and two refused logins at their page lines', async () => {
    expect(lines(await readDump(input('order.html', PAGE)))).toEqual({
      accounts: [[9, 'ash_01', 'Pass1111'], [12, 'brock_03', 'Pass&3333']],
      rejected: [[10, 'username without a password after it'], [14, 'username without a password after it']],
    });
  });

  it('the same page as an HTML-only mail, 8bit or quoted-printable: the lines of the .eml', async () => {
    const head = 'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: order\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n';
    const plain = await readDump(input('order.eml', `${head}\n${PAGE}`));
    expect(lines(plain)).toEqual({
      accounts: [[15, 'ash_01', 'Pass1111'], [18, 'brock_03', 'Pass&3333']],
      rejected: [[16, 'username without a password after it'], [20, 'username without a password after it']],
    });
    // Quoted-printable (RFC 2045 6.7): `=3D` for `=`, a soft break `=` at a line's end splitting `misty_=` / `02`.
    const qp = PAGE.replace('<tr><td>misty_02</td>', '<tr><td>misty_=\n02</td>');
    const r = lines(await readDump(input('order.eml', `${head}Content-Transfer-Encoding: quoted-printable\n\n${qp}`)));
    expect(r.rejected.map(([line]) => line)).toEqual([17, 22]);
    expect(r.accounts.map(([line]) => line)).toEqual([16, 20]);
  });

  it('an mbox\'s second message, HTML only: counted from the top of the mbox', async () => {
    const message = (n: number, body: string) => `From shop@x.example Tue Nov 14 19:02:11 2017\nFrom: Shop <shop@x.example>\nTo: me@example.net\nSubject: order ${n}\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n${body}\n\n`;
    const mbox = message(1, '<p>Username: first_01<br>Password: First!111</p>') + message(2, '<p>Hello</p>\n<p>Username: second_02</p>\n<p>Username: third_03<br>Password: Third!333</p>');
    expect(lines(await readDump(input('orders.mbox', mbox)))).toEqual({
      accounts: [[8, 'first_01', 'First!111'], [19, 'third_03', 'Third!333']],
      rejected: [[18, 'message 2: username without a password after it']],
    });
  });
});
