import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { splitMbox } from '../../src/formats/mail/mbox.js';
import { fixture, input } from './helpers.js';
import { toDumpInput } from '../../src/formats/decode.js';

const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');

function mail(parts: string): string {
  return [
    'From: Shop <shop@seller.example>',
    'To: me@example.net',
    'Subject: Your order',
    'Date: Fri, 15 Sep 2017 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    parts,
    '--b1--',
    '',
  ].join('\n');
}

/** A mail whose body is a text part and its HTML alternative (`encoding` for the HTML part). */
function alternative(plain: string, html: string, encoding?: string): string {
  return mail(
    [
      '--b1',
      'Content-Type: multipart/alternative; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain; charset=utf-8',
      '',
      plain,
      '--b2',
      'Content-Type: text/html; charset=utf-8',
      ...(encoding ? [`Content-Transfer-Encoding: ${encoding}`] : []),
      '',
      html,
      '--b2--',
      '',
    ].join('\n'),
  );
}

describe('eml', () => {
  it('reads the QP text part and the base64 .txt attachment, and ignores the picture', async () => {
    const r = await readDump(fixture('seller-order.eml'));
    expect(r.format).toBe('eml+email-text+plain');
    expect(r.accounts.map((a) => a.username)).toEqual(['dragonite_lance', 'jessie_rocket', 'james_rocket', 'meowth_rocket']);
  });

  it('reads an HTML-only mail through its text rendering (entities decoded, tags gone)', async () => {
    const r = await readDump(fixture('html-only.eml'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['oak_professor', 'Pokédex<151>'],
      ['elm_professor', 'Eggs&Togepi'],
    ]);
  });

  it('falls back to the HTML part when the text part is only a "view in HTML" stub', async () => {
    const html = '<p>Your account:</p><p>Username: <b>hoenn_may</b><br>Password: T0rchic=1</p>';
    const text = alternative('Please view this message in an HTML capable mail client.', b64(html), 'base64');
    const r = await readDump(input('stub.eml', text));
    // At the file's line 19, the base64 line holding the login, never the HTML text's own line 3.
    expect(r.accounts).toEqual([{ username: 'hoenn_may', password: 'T0rchic=1', line: 19 }]);
  });

  it('reads accounts from HTML tables: label and value in cells side by side, and grids under a header row', async () => {
    // A shop mail laid out in an outer table, with an order summary table that holds no accounts.
    const html = `<table width="100%"><tr><td>
      <p>Thanks for your order #30218!</p>
      <table><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td>PTC account lvl 30</td><td>4</td><td>$12.00</td></tr></table>
      <table>
        <tr><td>Username</td><td>kanto_ash</td></tr>
        <tr><td>Password</td><td>P&amp;ss w0rd&lt;1&gt;</td></tr>
        <tr><td><b>Username:</b></td><td>&nbsp;kanto_misty&nbsp;</td></tr>
        <tr><td><b>Password:</b></td><td>Star#mie2</td></tr>
      </table>
      <table>
        <tr><th>#</th><th>E-mail</th><th>PTC Username</th><th>Password</th><th>Level</th></tr>
        <tr><td>1</td><td>brock@mail.example</td><td>pewter_brock</td><td>Onix:Rock</td><td>30</td></tr>
        <tr><td>2</td><td>gary@mail.example</td><td>pallet_gary</td><td>Eevee;99</td><td>31</td></tr>
      </table>
    </td></tr></table>`;
    const text = mail(['--b1', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(html), ''].join('\n'));
    const r = await readDump(input('tables.eml', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['kanto_ash', 'P&ss w0rd<1>'],
      ['kanto_misty', 'Star#mie2'],
      ['pewter_brock', 'Onix:Rock'],
      ['pallet_gary', 'Eevee;99'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('takes an account once when the text part and an HTML table of the same mail both list it', async () => {
    const html = '<table><tr><td>Username</td><td>johto_ethan</td></tr><tr><td>Password</td><td>Cynda-quil1</td></tr></table>';
    const text = alternative('Username: johto_ethan\nPassword: Cynda-quil1', html);
    const r = await readDump(input('both.eml', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['johto_ethan', 'Cynda-quil1']]);
  });

  it('reports an attachment it cannot decode and still reads the rest', async () => {
    const text = mail(
      [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Username: sinnoh_dawn',
        'Password: Pipl^p',
        '--b1',
        'Content-Type: text/plain; name="list.txt"',
        'Content-Disposition: attachment; filename="list.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        b64(Buffer.concat([Buffer.from('a:b\nc:s3cretpw'), Buffer.from([0xff, 0xfe, 0x00, 0x41])])),
        '',
      ].join('\n'),
    );
    const r = await readDump(input('bad-attachment.eml', text));
    expect(r.accounts.map((a) => a.username)).toEqual(['sinnoh_dawn']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toMatch(/^attachment "list\.txt": /);
    expect(r.rejected[0]!.reason).not.toContain('s3cretpw');
  });

  it("holds its decoded parts to max_dump_lines together: a base64 attachment past what the parts before it left is refused by its name, the rest read", async () => {
    const list = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i + 1}x:Pw#${prefix}-${i + 1}`).join('\n') + '\n';
    const attached = (file: string, prefix: string) => ['--b1', `Content-Type: text/plain; name="${file}"`, `Content-Disposition: attachment; filename="${file}"`, 'Content-Transfer-Encoding: base64', '', b64(list(prefix)), ''];
    const text = mail([...attached('first.txt', 'kanto'), ...attached('second.txt', 'johto')].join('\n'));
    // The mail's own text is 30-odd lines; its parts decode to 60, over a limit of 50.
    const r = await readDump(toDumpInput('parts.eml', Buffer.from(text), 50));
    expect(r.accounts.map((a) => a.username)).toEqual(Array.from({ length: 30 }, (_, i) => `kanto${i + 1}x`));
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toMatch(/^attachment "second\.txt": .*holds more than 50 lines with the mail's parts before it, over max_dump_lines/);
    // Named at the mail's line naming the attachment, not at a line of the decoded part (past the mail's end).
    expect(text.split('\n')[r.rejected[0]!.line - 1]).toContain('second.txt');
    // At the default limit both are read.
    expect((await readDump(input('parts.eml', text))).accounts).toHaveLength(60);
    // A UTF-16 list (Excel's "Unicode text", its byte-order mark and no charset) counts its 30 lines, not
    // the 0x0A byte of each `上` (U+4E0A) besides: 60 raw, read within the limit of 50.
    const wide = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Array.from({ length: 30 }, (_, i) => `hoenn${i + 1}x:Pw上${i + 1}\r\n`).join(''), 'utf16le')]);
    const cjk = mail(['--b1', 'Content-Type: text/plain; name="cjk.txt"', 'Content-Disposition: attachment; filename="cjk.txt"', 'Content-Transfer-Encoding: base64', '', b64(wide), ''].join('\n'));
    const read = await readDump(toDumpInput('cjk.eml', Buffer.from(cjk), 50));
    expect(read.rejected).toEqual([]);
    expect(read.accounts.map((a) => `${a.username}:${a.password}`)).toEqual(Array.from({ length: 30 }, (_, i) => `hoenn${i + 1}x:Pw上${i + 1}`));
  });

  it('gives an attached checker output its verdict (the attachment name goes through the registry)', async () => {
    const text = mail(
      [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Here are the blind ones.',
        '--b1',
        'Content-Type: text/csv; name="accounts-blind.csv"',
        'Content-Disposition: attachment; filename="accounts-blind.csv"',
        '',
        'ptc,blind_one,Bl1nd',
        '',
      ].join('\n'),
    );
    const r = await readDump(input('fwd.eml', text));
    // Line 16 of the mail file, where the attachment's line is (not line 1 of the attachment).
    expect(r.accounts).toEqual([{ username: 'blind_one', password: 'Bl1nd', line: 16, provider: 'ptc', state: 'blind' }]);
  });

  it('reads a forwarded mail attached as message/rfc822, and no account from a two-word body', async () => {
    const inner = 'From: shop@seller.example\nSubject: accounts\nContent-Type: text/plain\n\nUsername: fwd_user\nPassword: Fwd!pw\n';
    const text = mail(['--b1', 'Content-Type: text/plain', '', 'see attached', '--b1', 'Content-Type: message/rfc822', 'Content-Disposition: attachment', '', inner].join('\n'));
    const r = await readDump(input('fwd.eml', text));
    // Line 20 of the file: the forwarded mail's `Username:` line; a copy as old as the mail forwarded,
    // never a newer password than the pool or the conversation holds (test/import/mail-quoted-copies.test.ts).
    expect(r.accounts).toEqual([{ username: 'fwd_user', password: 'Fwd!pw', line: 20, quoted: true }]);
  });

  it('refuses a mail declaring over 1,000 attached mails before parsing it: a bomb of forwards nested in forwards', async () => {
    // 200,000 such levels (28 MB, under max_dump_size) took minutes and gigabytes to parse before
    // the depth limit below was reached: mailparser parses every level's structure as it goes.
    const core = 'From: a@b.example\nSubject: core\nContent-Type: text/plain\n\nUsername: deep_user\nPassword: D33p_secret\n';
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < 1001; i++) {
      // Every other level's type folded onto a second header line, as a mailer may write it.
      open.push(`From: a@b.example\nSubject: fwd ${i}\nContent-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\nContent-Type:${i % 2 ? '\n ' : ' '}message/rfc822\n\n`);
      close.push(`\n--n${i}--\n`);
    }
    const bomb = open.reverse().join('') + core + close.join('');
    const refused = readDump(input('forwards.eml', bomb));
    await expect(refused).rejects.toThrow(/forwards\.eml.*more than 1000 attached mails/);
    await expect(refused).rejects.not.toThrow(/D33p_secret/);
  });

  it('counts the mails inside base64-encoded attached mails before parsing, against one limit for the whole mail', async () => {
    // Mails hidden in base64 parts show none of their own attached mails in the text, and each
    // alone stays under the limit: 26 forwards of 40 mails each, 1,066 in all. Attached as
    // message/rfc822 (a client forwarding base64-encoded) and as an .eml file sent as
    // application/octet-stream (RFC 2046 4.5.1), and one more level of encoding down.
    const small = (i: number) => `From: a@b.example\nSubject: m${i}\nContent-Type: text/plain\n\nhello ${i}\n`;
    const forty = `From: a@b.example\nSubject: forty\nContent-Type: multipart/mixed; boundary="f"\n\n${Array.from({ length: 40 }, (_, i) => `--f\nContent-Type: message/rfc822\n\n${small(i)}`).join('\n')}\n--f--\n`;
    const asMail = 'Content-Type: message/rfc822';
    const asFile = 'Content-Type: application/octet-stream; name="fwd.eml"\nContent-Disposition: attachment; filename="fwd.eml"';
    const part = (inner: string, type: string) => `--w\n${type}\nContent-Transfer-Encoding: base64\n\n${Buffer.from(inner).toString('base64').replace(/.{76}/g, '$&\n')}\n`;
    const wrap = (parts: string[]) => `From: a@b.example\nSubject: see attached\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="w"\n\n--w\nContent-Type: text/plain\n\nsee attached\n${parts.join('')}--w--\n`;
    const many = (type: string) => Array.from({ length: 26 }, () => part(forty, type));
    for (const text of [wrap(many(asMail)), wrap(many(asFile)), wrap([part(wrap(many(asFile)), asMail)])]) {
      await expect(readDump(input('forwards.eml', text))).rejects.toThrow(/forwards\.eml.*more than 1000 attached mails/);
    }
    // A few such forwards still read.
    const one = await readDump(input('fwd.eml', wrap([part(small(1), asMail), part('From: shop@seller.example\nSubject: accounts\nContent-Type: text/plain\n\nUsername: fwd_user\nPassword: Fwd!pw\n', asFile)])));
    expect(one.accounts.map((a) => [a.username, a.password])).toEqual([['fwd_user', 'Fwd!pw']]);
  });

  it('stops at mails forwarded inside mails more than 8 deep, saying so', async () => {
    let message = 'From: a@b.example\nSubject: core\nContent-Type: text/plain\n\nUsername: deep_user\nPassword: D33p\n';
    for (let i = 0; i < 12; i++) {
      message = `From: a@b.example\nSubject: fwd ${i}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\nContent-Type: message/rfc822\n\n${message}\n--n${i}--\n`;
    }
    // Nothing read: the mail is refused, and the message says why.
    await expect(readDump(input('nested.eml', message))).rejects.toThrow(/no accounts found; read as eml.*nested more than 8 deep/);
  });

  it('does not take a pasted account list with a From: line for an e-mail', () => {
    expect(detectFormat(input('paste.txt', 'From: seller\nUsername: ash\nPassword: pika\n'))?.name).toBe('email-text');
  });
});

describe('mbox', () => {
  it('reads every message (7-bit, base64, quoted-printable)', async () => {
    const r = await readDump(fixture('three-orders.mbox'));
    expect(r.accounts.map((a) => a.username)).toEqual(['mew_original', 'celebi_time01', 'jirachi_wish02', 'deoxys_space03', 'lugia_silver']);
  });

  it('reads an mbox of 1,500 ordinary messages: the bomb is a mail holding too many mails, not a mailbox of many', async () => {
    // Each message is counted alone (attached-mails.ts, per message: mbox.ts); a Google Takeout
    // of a seller's orders holds thousands. Minimal messages (no Content-Type: text/plain by RFC
    // 2045's default) keep the test cheap, ~1 s of CPU (a declared type costs mailparser ~2 ms more each).
    const box = Array.from({ length: 1500 }, (_, i) => `From shop@x.example Tue Dec  1 10:00:00 2026\nSubject: Order ${i}\n\nash${String(i).padStart(5, '0')}:Pika!${i}x9\n`).join('\n');
    const r = await readDump(input('orders.mbox', box));
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toHaveLength(1500);
    expect(r.accounts.at(-1)).toMatchObject({ username: 'ash01499', password: 'Pika!1499x9' });
  });

  it('unescapes >From lines and splits only at envelope lines after a blank line', () => {
    const box = [
      'From a@b.example Mon Sep 11 10:00:00 2017',
      'From: a@b.example',
      'Subject: one',
      '',
      '>From the start',
      '>>From quoted',
      'From here on, no split: no blank line before 2017',
      '',
      'From c@d.example Tue Sep 12 10:00:00 2017',
      'From: c@d.example',
      'Subject: two',
      '',
      'body two',
      '',
    ].join('\n');
    const messages = splitMbox(Buffer.from(box)).map((m) => m.toString());
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('\nFrom the start\n>From quoted\nFrom here on');
    expect(messages[1]).toMatch(/^From: c@d\.example/);
  });
});
