// Every line a reader names for an HTML page or an HTML-only mail part is a line of the FILE the
// operator opens, accounts and rejections alike: the text made of the markup (mailparser's
// html-to-text, html-tables.ts's label lines) counts its own lines, which name nothing in the file.
// Before, a page's accounts were named at the text's lines and an HTML mail's rejections too.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
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

// A Chinese shop's HTML mail in GB2312 (Foxmail and NetEase mail send `charset=gb2312`/`gbk`,
// 8bit, quoted-printable or base64: RFC 2045 6.7, 6.8): a line with no Latin word,
// `账号：小明同学`, is found by its run of characters outside ASCII, whatever their bytes, never
// named at the line before it.
describe('a line with no Latin word, in a file whose bytes spell no text word', () => {
  const PAGE_CN = '<html><body>\n<p>您好，</p>\n<p>账号：cn_acc01<br>\n密码：Mima!1234</p>\n<p>账号：小明同学</p>\n<p>账号：cn_acc02<br>\n密码：Mima!5678</p>\n<p>谢谢惠顾</p>\n</body></html>';
  const head = (cte: string) => `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: order\nMIME-Version: 1.0\nContent-Type: text/html; charset=gb2312\n${cte}\n`;
  const gb = iconv.encode(PAGE_CN, 'gb2312');
  const qp = [...gb].map((b) => (b >= 128 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');

  it.each([
    ['8bit', Buffer.concat([Buffer.from(head('')), gb, Buffer.from('\n')]), [9, 12], 11],
    ['quoted-printable', Buffer.from(`${head('Content-Transfer-Encoding: quoted-printable\n')}${qp}\n`), [10, 13], 12],
    // 15 bytes a line: `账号：小明同学` starts in the body's 5th line (byte 72), cn_acc01 in its 3rd, cn_acc02 in its 7th.
    ['base64', Buffer.from(`${head('Content-Transfer-Encoding: base64\n')}${gb.toString('base64').replace(/.{1,20}/g, '$&\n')}`), [10, 14], 12],
  ] as const)('%s: the refused CJK-only line at its own line', async (_, bytes, accountLines, refused) => {
    const r = await readDump(input('order.eml', bytes));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[accountLines[0], 'cn_acc01'], [accountLines[1], 'cn_acc02']]);
    expect(r.rejected.map((x) => x.line)).toEqual([refused]);
  });
});

describe('a page read as a mail leaves no mark on the next file', () => {
  // html.ts tells eml.ts "this is a page" with the one call (ParseOptions.page); until stop 61 a
  // module-wide set of inputs did, kept across the files a watcher or a shared worker reads. A mail
  // taken for a page would have its text part read in place of its HTML part's converted text.
  it('a mail read right after a page: its HTML part read as its own markup, the text part not put in its place', async () => {
    const page = await readDump(input('order-5521.html', PAGE));
    expect(page.accounts.map((a) => a.username)).toContain('ash_01');
    const mail = [
      'From: shop@example.invalid',
      'Subject: Your order',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Your accounts are in the HTML part of this mail.',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Username: oak_09<br>Password: Pass&amp;9999</p>',
      '--b1--',
      '',
    ].join('\n');
    for (let i = 0; i < 2; i++) {
      const r = await readDump(input('order.eml', mail));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['oak_09', 'Pass&9999']]);
    }
  });
});
