// Deliveries shaped as mail clients write them, each imported exact or refused by a line of the
// file. The clients' own conventions: Thunderbird's reply and forward headers (its default prefs
// `mailnews.reply_header_ondateauthorwrote` "On #2 #3, #1 wrote:" and `-------- Forwarded Message
// --------`, the Subject/Date/From/To table, as mozilla's mailnews prefs set them), Apple Mail's
// `Begin forwarded message:` above From/Subject/Date/To, RFC 3676 `format=flowed` (a line ending
// in a blank goes on on the next) and its `-- ` signature separator, RFC 2046 multipart/mixed and
// multipart/alternative; Gmail's `---------- Forwarded message ---------` above From/Date/Subject/To and its
// `On DATE NAME <ADDR> wrote:` (as mail composers copying Gmail write them, e.g. the forward bodies built with
// that exact line in public mail clients' code), Outlook's `-----Original Message-----` and its rule of underscores above
// From/Sent/To/Subject (a signature also under a closing, signature-lines.ts), an mbox's `From ` envelope lines (mboxrd).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const H = 'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 10x Lvl 30 PTC\nMIME-Version: 1.0\n';

async function read(name: string, text: string) {
  return readDump(input(name, text)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password, a.level]), rejected: r.rejected.map((x) => [x.line, x.reason]) }),
    (e: Error) => e.message,
  );
}

describe('mail clients\' replies and forwards', () => {
  it('Apple Mail forward with `>` marks: the level from the Subject (`10x Lvl 30`)', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8\n\nHere you go\n\nBegin forwarded message:\n\n> From: Shop <shop@x.example>\n> Subject: Your order\n> Date: November 14, 2017 at 7:02:11 PM GMT+1\n> To: me@example.net\n>\n> Username: ash_01\n> Password: Pass!1111\n`;
    expect(await read('fwd.eml', mail)).toEqual({ accounts: [[16, 'ash_01', 'Pass!1111', 30]], rejected: [] });
  });

  it('a correction above Apple Mail\'s `Begin forwarded message:` (no marks): the reply\'s password wins', async () => {
    const text = 'New password: Fresh!Pass42\n\nBegin forwarded message:\n\nFrom: Shop <shop@x.example>\nSubject: Your order\nDate: November 14, 2017 at 7:02:11 PM GMT+1\nTo: me@example.net\n\nUsername: ash_01\nPassword: Pass!1111\n';
    expect(await read('reply.txt', text)).toEqual({ accounts: [[1, 'ash_01', 'Fresh!Pass42', undefined]], rejected: [] });
  });

  it('Thunderbird inline forward (`-------- Forwarded Message --------`, tab-aligned table), format=flowed', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8; format=flowed\n\nFYI\n\n-------- Forwarded Message --------\nSubject: \tYour order\nDate: \tTue, 14 Nov 2017 19:02:11 +0100\nFrom: \tShop <shop@x.example>\nTo: \tme@example.net\n\nash_01:Pass!1111\nash_02:Pass!2222\n`;
    expect(await read('fwd.eml', mail)).toEqual({ accounts: [[15, 'ash_01', 'Pass!1111', 30], [16, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });

  it('Thunderbird reply (`On DATE, NAME wrote:`) correcting one quoted account', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8; format=flowed\n\nSorry, the second one: ash_02:New!Pass22\n\nOn 11/14/2017 7:02 PM, Shop wrote:\n> ash_01:Pass!1111\n> ash_02:Pass!2222\n`;
    expect(await read('reply.eml', mail)).toEqual({ accounts: [[7, 'ash_02', 'New!Pass22', 30], [10, 'ash_01', 'Pass!1111', 30]], rejected: [] });
  });
});

describe('Gmail\'s and Outlook\'s replies and forwards', () => {
  it('Gmail forward (`---------- Forwarded message ---------` above From/Date/Subject/To): the forwarded accounts exact', async () => {
    const mail = `${H}Content-Type: text/plain; charset=UTF-8\n\nFYI\n\n---------- Forwarded message ---------\nFrom: Shop <shop@x.example>\nDate: Tue, Nov 14, 2017 at 7:02 PM\nSubject: Your order\nTo: <me@example.net>\n\n\nash_01:Pass!1111\nash_02:Pass!2222\n`;
    expect(await read('fwd.eml', mail)).toEqual({ accounts: [[16, 'ash_01', 'Pass!1111', 30], [17, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });

  it('Gmail reply (`On DATE NAME <ADDR> wrote:`, `>` marks) correcting one quoted account', async () => {
    const mail = `${H}Content-Type: text/plain; charset=UTF-8\n\nSorry, the second one: ash_02:New!Pass22\n\nOn Tue, Nov 14, 2017 at 7:02 PM Shop <shop@x.example> wrote:\n\n> ash_01:Pass!1111\n> ash_02:Pass!2222\n>\n`;
    expect(await read('reply.eml', mail)).toEqual({ accounts: [[7, 'ash_02', 'New!Pass22', 30], [11, 'ash_01', 'Pass!1111', 30]], rejected: [] });
  });

  it('Outlook reply (a rule, then From/Sent/To/Subject, no marks): the correction above it wins', async () => {
    const mail = `${H}Content-Type: text/plain; charset=us-ascii\n\nNew password: Fresh!Pass42\n\n________________________________\nFrom: Shop <shop@x.example>\nSent: Tuesday, November 14, 2017 7:02 PM\nTo: me@example.net\nSubject: Your order\n\nUsername: ash_01\nPassword: Pass!1111\n`;
    expect(await read('reply.eml', mail)).toEqual({ accounts: [[7, 'ash_01', 'Fresh!Pass42', 30]], rejected: [] });
  });

  it('Outlook classic `-----Original Message-----`: the quoted delivery read, the reply\'s correction wins', async () => {
    const mail = `${H}Content-Type: text/plain; charset=us-ascii\n\nNew password for ash_01: Fresh!Pass42\n\n-----Original Message-----\nFrom: Shop [mailto:shop@x.example]\nSent: Tuesday, November 14, 2017 7:02 PM\nTo: me@example.net\nSubject: Your order\n\nash_01:Pass!1111\nash_02:Pass!2222\n`;
    expect(await read('reply.eml', mail)).toEqual({ accounts: [[7, 'ash_01', 'Fresh!Pass42', 30], [16, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });
});

describe('bodies, signatures and attachments', () => {
  it('format=flowed: a paragraph joined by the parser still names the file\'s lines, a login alone refused by its line', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n\nHello, here are your accounts, thanks for buying from our shop and \nwelcome back\n\nash_01:Pass!1111\nash_02:Pass!2222\nmisty_03\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[10, 'ash_01', 'Pass!1111', 30], [11, 'ash_02', 'Pass!2222', 30]], rejected: [[12, 'missing password']] });
  });

  it('a signature after `-- ` (RFC 3676 4.3) with a `user:` line: the accounts exact, the shop\'s handle read past as its signature', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8\n\nash_01:Pass!1111\nash_02:Pass!2222\n\n-- \nShop support\nuser: shopbot\nDiscord: shop#1234\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[7, 'ash_01', 'Pass!1111', 30], [8, 'ash_02', 'Pass!2222', 30]], rejected: [] });
    const r = await readDump(input('order.eml', mail));
    expect(r.skipped).toContainEqual({ line: 12, kind: 'signature' });
  });

  it('a signature under a closing (`Best regards,`, `С уважением,`) or a trimmed `--`: its `user:` line read past; a lone label above it still refused', async () => {
    for (const closing of ['Best regards,', 'С уважением,', 'Mit freundlichen Grüßen', '--']) {
      const mail = `${H}Content-Type: text/plain; charset=utf-8\n\nash_01:Pass!1111\nmisty_03\n\n${closing}\nShop\nuser: shopbot\n`;
      expect(await read('order.eml', mail), closing).toEqual({ accounts: [[7, 'ash_01', 'Pass!1111', 30]], rejected: [[8, 'missing password']] });
    }
    // A label alone above the signature is the delivery's: refused, never read past.
    const above = `${H}Content-Type: text/plain; charset=utf-8\n\nash_01:Pass!1111\nUsername: misty_03\n\nBest regards,\nShop\n`;
    expect(await read('order.eml', above)).toEqual({ accounts: [[7, 'ash_01', 'Pass!1111', 30]], rejected: [[8, 'username without a password after it']] });
  });

  it('an account inside the signature is still read: nothing dropped for where it stands', async () => {
    const mail = `${H}Content-Type: text/plain; charset=utf-8\n\nash_01:Pass!1111\n\nBest regards,\nShop\nash_02:Pass!2222\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[7, 'ash_01', 'Pass!1111', 30], [11, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });

  it('a CSV attachment holding the accounts: read at its lines in the .eml', async () => {
    const mail = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nYour accounts are attached.\n--b1\nContent-Type: text/csv; name="accounts.csv"\nContent-Disposition: attachment; filename="accounts.csv"\n\nusername,password\nash_01,Pass!1111\nash_02,Pass!2222\n--b1--\n`;
    expect(await read('order.eml', mail)).toEqual({ accounts: [[16, 'ash_01', 'Pass!1111', 30], [17, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });

  it('a zip attachment that cannot be opened: refused by its name at its line, nothing imported', async () => {
    const mail = `${H}Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nYour accounts are attached.\n--b1\nContent-Type: application/zip; name="accounts.zip"\nContent-Disposition: attachment; filename="accounts.zip"\nContent-Transfer-Encoding: base64\n\nUEsDBAoAAAAAAA==\n--b1--\n`;
    expect(await read('order.eml', mail)).toMatch(/line 12: attachment "accounts\.zip": accounts\.zip: is a zip archive that cannot be read/);
  });

  it('multipart/alternative whose HTML disagrees with the text: that login refused naming both lines', async () => {
    const mail = `${H}Content-Type: multipart/alternative; boundary="b2"\n\n--b2\nContent-Type: text/plain; charset=utf-8\n\nash_01:Pass!1111\nash_02:Pass!2222\n--b2\nContent-Type: text/html; charset=utf-8\n\n<p>ash_01:Pass!1111<br>\nash_02:Other!2222</p>\n--b2--\n`;
    const r = await read('order.eml', mail);
    expect(r).toEqual({ accounts: [[10, 'ash_01', 'Pass!1111', 30]], rejected: [[11, expect.stringContaining('lines 11, 16')], [16, expect.stringContaining('lines 11, 16')]] });
    expect(JSON.stringify(r)).not.toContain('Other!2222');
  });

  it('an mbox of messages: each account at its line of the mbox', async () => {
    const message = (body: string, day: string) => `From shop@x.example ${day} Nov 14 19:02:11 2017\n${H}Content-Type: text/plain\n\n${body}\n`;
    const mbox = [message('ash_01:Pass!1111', 'Tue'), message('ash_02:Pass!2222', 'Wed')].join('\n');
    expect(await read('orders.mbox', mbox)).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111', 30], [17, 'ash_02', 'Pass!2222', 30]], rejected: [] });
  });
});
