// An mbox holds messages in the order they were appended (RFC 4155; mboxrd as qmail's and
// mutt's mbox writers append): a later message naming a delivered account's new password in a
// sentence that quotes nothing is applied when certain (the login named, a "new/changed
// password" sentence in any of correction-words.ts' languages), else that account and the
// sentence are refused naming both lines: the old password is never kept silently.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const H = 'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n';
const message = (body: string, day: string) => `From shop@x.example ${day} Nov 14 19:02:11 2017\n${H}\n${body}\n`;
/** The delivery: ash_01 at line 8, ash_02 at line 9; the later message's first body line is 18. */
const mbox = (later: string) => [message('ash_01:Pass!1111\nash_02:Pass!2222', 'Tue'), message(later, 'Wed')].join('\n');

async function read(text: string) {
  return readDump(input('orders.mbox', text)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => x.line) }),
    (e: Error) => e.message,
  );
}

describe('a later message of an mbox correcting a delivered account', () => {
  it.each([
    ['New password for ash_02: Fresh!Pass42', 'Fresh!Pass42'],
    ['The password of ash_02 was changed to Fresh!Pass42', 'Fresh!Pass42'],
    ['La nueva contraseña de ash_02 es Nueva!Clave9', 'Nueva!Clave9'],
    ['Пароль от ash_02 изменён: Novyi!Pass7', 'Novyi!Pass7'],
    ['ash_02 的新密码：Xin!Mima88', 'Xin!Mima88'],
    ['Das neue Passwort für ash_02 ist Neu!Pass22', 'Neu!Pass22'],
    // A change said by `is now` alone, the value after it shaped as a password (a digit or a sign).
    ['the password of ash_02 is now Fresh!Pass42', 'Fresh!Pass42'],
    // A body of this line alone was claimed by no reader (no list, no letter): read as nothing, it
    // kept ash_02's old password silently (stop 50). A mail's body is read as a letter then.
    ['ash_02 계정의 새 비밀번호: Sae!Bimil42', 'Sae!Bimil42'],
  ])('applied when it names the login and says the password is new: %s', async (sentence, password) => {
    expect(await read(mbox(`Hi,\n${sentence}\nThanks`))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [19, 'ash_02', password]], rejected: [] });
  });

  it('a later message whose body is that one line alone, which no reader claims, still applies it', async () => {
    expect(await read(mbox('ash_02 계정의 새 비밀번호: Sae!Bimil42'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [18, 'ash_02', 'Sae!Bimil42']], rejected: [] });
  });

  it.each([
    ['Password for ash_02: Fresh!Pass42', [9, 18]],
    ['Sorry, use this: ash_02:Fresh!Pass42', [9, 18]],
    ['The new password is Fresh!Pass42', [8, 9, 18]],
  ])('refused naming both lines when not certain: %s', async (sentence, lines) => {
    const r = await readDump(input('orders.mbox', mbox(sentence))).then((x) => x, (e: Error) => e);
    const text = r instanceof Error ? r.message : JSON.stringify(r);
    for (const line of lines) expect(text).toMatch(new RegExp(`lines? [^)]*\\b${line}\\b`));
    expect(text).not.toContain('Fresh!Pass42');
    if (!(r instanceof Error)) expect(r.accounts.map((a) => a.username)).not.toContain('ash_02');
  });

  it('a later message saying nothing of a delivered password changes nothing; its own accounts are added', async () => {
    expect(await read(mbox('Thanks for your order! Your password is now active.'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [9, 'ash_02', 'Pass!2222']], rejected: [] });
    expect(await read(mbox('Thanks for your order! Change your password after login.'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [9, 'ash_02', 'Pass!2222']], rejected: [] });
    expect(await read(mbox('Your replacement:\nash_03:Other!333'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [9, 'ash_02', 'Pass!2222'], [19, 'ash_03', 'Other!333']], rejected: [] });
  });

  it('a later message quoting the delivery keeps its own reply rules; the quoted old line corrects nothing', async () => {
    expect(await read(mbox('Sorry, the second one: ash_02:New!Pass22\n\n> ash_01:Pass!1111\n> ash_02:Pass!2222'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [18, 'ash_02', 'New!Pass22']], rejected: [] });
  });
});

// The later message as mail clients send it: quoted-printable (Thunderbird for non-ASCII text),
// base64 (Gmail, Outlook for UTF-8 bodies) or HTML alone. mailparser (nodemailer/mailparser,
// lib/mail-parser.js) decodes the part; the sentence is read from that decoded text, as the
// delivery's accounts are, at the file line holding its first encoded character.
describe('a later correction in an encoded or HTML-only part is read decoded', () => {
  const later = (headers: string, body: string) =>
    [message('ash_01:Pass!1111\nash_02:Pass!2222', 'Tue'), `From shop@x.example Wed Nov 15 19:02:11 2017\nFrom: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nMIME-Version: 1.0\n${headers}\n\n${body}\n`].join('\n');
  const sentence = 'Hi,\nПароль от ash_02 изменён: Novyi!Pass7\nThanks';

  it('quoted-printable', async () => {
    const qp = 'Hi,\n=D0=9F=D0=B0=D1=80=D0=BE=D0=BB=D1=8C =D0=BE=D1=82 ash_02 =D0=B8=D0=B7=D0=BC=D0=B5=\n=D0=BD=D1=91=D0=BD: Novyi!Pass7\nThanks';
    expect(await read(later('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable', qp))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [20, 'ash_02', 'Novyi!Pass7']], rejected: [] });
  });

  it('base64', async () => {
    const b64 = Buffer.from(sentence, 'utf8').toString('base64').replace(/.{1,60}/g, '$&\n').trimEnd();
    // `Hi,` and the sentence decode from the first base64 line (19): both are named at it.
    expect(await read(later('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', b64))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [19, 'ash_02', 'Novyi!Pass7']], rejected: [] });
  });

  it('HTML alone', async () => {
    const html = '<html><body><p>Hi,</p>\n<p>New password for <b>ash_02</b>: Fresh!Pass42</p>\n<p>Thanks</p></body></html>';
    expect(await read(later('Content-Type: text/html; charset=utf-8', html))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [19, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });

  it('an unsure one in such a part refuses the account, never keeps its old password', async () => {
    const b64 = Buffer.from('Hi,\nPassword for ash_02: Fresh!Pass42\nThanks', 'utf8').toString('base64');
    const r = await readDump(input('orders.mbox', later('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', b64)));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_01']);
    expect(r.rejected.map((x) => x.line)).toEqual([9, 19]);
    expect(JSON.stringify(r)).not.toContain('Fresh!Pass42');
  });
});

// Which message a reply answers: its `In-Reply-To` / `References` name the answered message's
// `Message-ID` (RFC 5322 3.6.4; mailparser gives them as inReplyTo / references), or its subject
// is that message's with a reply prefix in the client's language (`Re:`, Outlook's German `AW:`).
// A correction naming no login is about that message's accounts only.
describe('a later correction naming no login is scoped to the message it answers', () => {
  const msg = (headers: string, body: string, day: number) =>
    `From shop@x.example Wed Nov ${day} 19:02:11 2017\nFrom: Shop <shop@x.example>\nTo: me@example.net\n${headers}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
  /** ash_01 at line 8, ash_02 at 9 (order 1); misty_09 at 18 (order 2); the third message's sentence at `at` (27 after two header lines). */
  const box = (headers: string, sentence: string) =>
    [
      msg('Subject: Order 1\nMessage-ID: <m1@x.example>', 'ash_01:Pass!1111\nash_02:Pass!2222', 14),
      msg('Subject: Order 2\nMessage-ID: <m2@x.example>', 'misty_09:Pass!9999', 15),
      msg(headers, sentence, 16),
    ].join('\n');
  const kept = [[8, 'ash_01', 'Pass!1111'], [9, 'ash_02', 'Pass!2222']];
  const at = (headers: string) => 26 + headers.split('\n').length - 1;

  it.each([
    ['In-Reply-To', 'Subject: Sorry\nIn-Reply-To: <m2@x.example>\nReferences: <m2@x.example>'],
    ['References alone', 'Subject: Sorry\nMessage-ID: <m3@x.example>\nReferences: <m0@x.example> <m2@x.example>'],
    ['its subject with Re:', 'Subject: Re: Order 2\nMessage-ID: <m3@x.example>'],
    ["Outlook's German AW:", 'Subject: AW: [Shop] Order 2\nMessage-ID: <m3@x.example>'.replace('[Shop] ', '')],
  ])('a single-account delivery answered (%s) takes the new password; the other order stays', async (_, headers) => {
    expect(await read(box(headers, 'Sorry, the new password is Fresh!Pass42'))).toEqual({ accounts: [...kept, [at(headers), 'misty_09', 'Fresh!Pass42']], rejected: [] });
  });

  it('in another language too', async () => {
    expect(await read(box('Subject: Re: Order 2\nMessage-ID: <m3@x.example>', 'Извините, новый пароль: Novyi!Pass7'))).toEqual({ accounts: [...kept, [27, 'misty_09', 'Novyi!Pass7']], rejected: [] });
  });

  it('answering a delivery of two, it refuses those two only, naming the lines', async () => {
    const r = await readDump(input('orders.mbox', box('Subject: Re: Order 1\nIn-Reply-To: <m1@x.example>', 'Sorry, the new password is Fresh!Pass42')));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[18, 'misty_09', 'Pass!9999']]);
    expect(r.rejected.map((x) => x.line)).toEqual([8, 9, 27]);
    expect(JSON.stringify(r)).not.toContain('Fresh!Pass42');
  });

  it('answering a delivery of two, the place it names tells the account', async () => {
    expect(await read(box('Subject: Re: Order 1\nIn-Reply-To: <m1@x.example>', 'Sorry, the new password of the 2nd account is Fresh!Pass42'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [27, 'ash_02', 'Fresh!Pass42'], [18, 'misty_09', 'Pass!9999']], rejected: [] });
  });

  it('answering no message it can tell, every account before it is unsure', async () => {
    const r = await readDump(input('orders.mbox', box('Subject: Hello\nMessage-ID: <m3@x.example>', 'Sorry, the new password is Fresh!Pass42'))).catch((e: Error) => e.message);
    expect(typeof r === 'string' ? r : JSON.stringify(r)).toMatch(/lines 8, 9, 18, 27/);
    expect(JSON.stringify(r)).not.toContain('Fresh!Pass42');
  });

  it('the same subject on two deliveries tells none', async () => {
    const two = box('Subject: Re: Order 1\nMessage-ID: <m3@x.example>', 'Sorry, the new password is Fresh!Pass42').replace('Subject: Order 2', 'Subject: Order 1');
    const r = await readDump(input('orders.mbox', two)).catch((e: Error) => e.message);
    expect(typeof r === 'string' ? r : JSON.stringify(r)).toMatch(/lines 8, 9, 18, 27/);
  });
});

describe('a reply of one sentence with a comma before its password word', () => {
  it.each(['Sorry, new password: Fresh!Pass42', 'Извините, новый пароль: Novyi!Pass7', 'Entschuldigung, neues Passwort: Neu!Pass22'])('is no account named by its first word: %s', async (sentence) => {
    const eml = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: Order 2\nContent-Type: text/plain; charset=utf-8\n\n${sentence}\n`;
    // Read alone it delivers nothing: the sentence is refused by its line (the import refuses the file, unless the pool holds the one login it names).
    const r = await readDump(input('reply.eml', eml)).then((x) => JSON.stringify({ accounts: x.accounts, rejected: x.rejected }), (e: Error) => e.message);
    expect(r).toMatch(/"accounts":\[\]|no accounts found/);
    expect(r).not.toMatch(/Pass42|Pass7|Pass22/);
  });
});

// Separate .eml files are read one by one (import a.eml b.eml, the inbox): the reply correcting
// an account the other file delivered cannot be applied alone, and is never read past as "a
// message without accounts" either: refused by its line, saying the other file's password may
// be stale and how to read the two together.
describe('a mail read alone that only corrects a password', () => {
  const eml = (body: string) => `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
  it.each([
    ['Hi,\nNew password for ash_02: Fresh!Pass42\nThanks', 7],
    ['Sorry, the new password is Fresh!Pass42', 6],
    ['Извините, новый пароль: Fresh!Pass42', 6],
  ])('is refused by its line: %s', async (body, line) => {
    const r = await readDump(input('reply.eml', eml(body))).then((x) => `${x.accounts.length} accounts; ${x.rejected.map((j) => `line ${j.line}: ${j.reason}`).join('; ')}`, (e: Error) => e.message);
    expect(r).not.toMatch(/^[1-9]/);
    expect(r).toContain(`line ${line}: a correction of a password for no account this mail delivers`);
    expect(r).toContain('one mbox');
    expect(r).not.toContain('Fresh!Pass42');
  });

  it('a mail saying nothing of a new password is still named as a message without accounts', async () => {
    const r = await readDump(input('reply.eml', eml('Thanks for your order! Change your password after login.'))).then(() => 'read', (e: Error) => e.message);
    expect(r).toContain('a letter without accounts (sentences');
  });

  it('in an mbox the same message is read as a later correction, not refused alone', async () => {
    expect(await read(mbox('Hi,\nNew password for ash_02: Fresh!Pass42\nThanks'))).toEqual({ accounts: [[8, 'ash_01', 'Pass!1111'], [19, 'ash_02', 'Fresh!Pass42']], rejected: [] });
  });
});

// Gmail Takeout writes a label's mbox in no date order, CRLF lines, each message opened by
// `From <X-GM-MSGID>@xxx <date>` and carrying X-GM-THRID / X-Gmail-Labels (the envelope as
// vivdiwakar/GSuite ParseGmailMboxToMaildir/parsembox.py splits it: `^From .*@xxx `). The reply
// is read after the delivery it answers: by Date, and after the message its In-Reply-To names.
describe('an mbox whose messages are in no date order', () => {
  const takeout = (id: string, date: string, subject: string, body: string, answers?: string) =>
    [
      `From 15836${id}@xxx Tue Dec 01 10:00:00 +0000 2026`,
      'X-GM-THRID: 1583600000000000001',
      'X-Gmail-Labels: Inbox,Category Updates',
      'From: Shop <shop@x.example>',
      'To: me@example.net',
      `Subject: ${subject}`,
      `Date: ${date}`,
      `Message-ID: <${id}@x.example>`,
      ...(answers ? [`In-Reply-To: <${answers}@x.example>`, `References: <${answers}@x.example>`] : []),
      'Content-Type: text/plain; charset=UTF-8',
      '',
      body,
      // A blank line ends each message, before the next one's `From ` line (RFC 4155).
      '',
      '',
    ].join('\r\n');
  const delivery = (date: string) => takeout('d1', date, '1x Lvl 30 PTC', 'Your account:\r\nmisty_01:Old!Pass33');
  const reply = (date: string) => takeout('d2', date, 'Re: 1x Lvl 30 PTC', 'Hi,\r\nthe password of the account you bought is now Fresh!Pass44\r\nThanks', 'd1');

  it('reads the reply after the delivery when the reply comes first in the file', async () => {
    const r = await readDump(input('Takeout/Mail/Shop.mbox', reply('Tue, 01 Dec 2026 11:00:00 +0000') + delivery('Tue, 01 Dec 2026 10:00:00 +0000')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['misty_01', 'Fresh!Pass44']]);
    expect(r.rejected).toEqual([]);
  });

  it('reads the reply after the message it answers even when its Date is earlier (a clock behind)', async () => {
    const r = await readDump(input('Shop.mbox', delivery('Tue, 01 Dec 2026 10:00:00 +0000') + reply('Tue, 01 Dec 2026 09:58:00 +0000')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['misty_01', 'Fresh!Pass44']]);
  });

  it('keeps the file order when a message has no Date', async () => {
    const undated = takeout('d3', 'not a date', '1x Lvl 30 PTC', 'misty_01:Other!Pass55');
    const r = await readDump(input('Shop.mbox', undated + delivery('Tue, 01 Dec 2026 10:00:00 +0000')));
    // Read in the file's order: the second message's password is the newer one.
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['misty_01', 'Old!Pass33']]);
  });
});
