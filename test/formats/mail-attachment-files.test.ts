// A mail's attachment is a file, judged as the same file dropped into the inbox is: refused for
// what the whole of it shows (a proxy table beside the accounts in the body), its level read
// from its own name (`ptc_level32.txt`). Before, each part was read line by line only: the
// proxies' logins came in as accounts and the file name's level was lost. Fixtures:
// test/fixtures/README.md.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { makeArchive } from '../helpers/archives.js';
import { testdir } from '../helpers/testdir.js';
import { fixture, input } from './helpers.js';

/** A seller's mail: `body` in its text part, then each attachment as base64. */
function mailWith(body: string, attachments: { name: string; type: string; bytes: Buffer }[]): string {
  const parts = attachments.map((a) => `--ZZ\nContent-Type: ${a.type}; name="${a.name}"\nContent-Disposition: attachment; filename="${a.name}"\nContent-Transfer-Encoding: base64\n\n${a.bytes.toString('base64').replace(/.{76}/g, '$&\n')}\n`);
  return `From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\n${body}\n${parts.join('')}--ZZ--\n`;
}

const exact = async (file: string) => (await readDump(fixture(file))).accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe('an attachment judged as a file', () => {
  it('an attached `IP,Port,Username,Password` table: the body\'s accounts only, the attachment rejected at its first line, naming a proxy list', async () => {
    const r = await readDump(fixture('mail-attachment-proxies.eml'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [11, 'ptab01', 'Sky#Uppercut1'],
      [12, 'ptab02', 'Sky#Uppercut2'],
    ]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.line).toBe(20);
    expect(r.rejected[0]!.reason).toMatch(/^attachment "proxies\.csv": .*it looks like a proxy or server list/);
    expect(r.rejected[0]!.reason).not.toMatch(/ppass/);
  });

  it('an attachment named `ptc_level32.txt`: its accounts are of level 32, as the same file dropped is', async () => {
    expect(await exact('mail-attachment-level-name.eml')).toEqual([
      [16, 'anl32a', 'Rock#Slide1', 32],
      [17, 'anl32b', 'Rock#Slide2', 32],
    ]);
  });

  it('`Username,Comment` over logins and notes, as a file or an attachment: no account, refused naming the columns', async () => {
    await expect(readDump(fixture('seller-comment-column.csv'))).rejects.toThrow(/no accounts found.*names its columns \(Username, Comment\) and none a password/);
    for (const header of ['Username;Remarks', 'Login\tDescription', 'Username,Kommentar', 'Логин;Комментарий']) {
      const sep = header.match(/[;,\t]/)![0];
      const text = `${header}\ncmtash_fresh01${sep}fresh\ncmtash_fresh02${sep}never used\n`;
      await expect(readDump(input('list.txt', text))).rejects.toThrow(/no accounts found/);
    }
    const csv = 'Username,Comment\r\ncmtash_fresh01,fresh\r\ncmtash_fresh02,never used\r\n';
    const eml = `From: shop@mail.example\r\nTo: buyer@mail.example\r\nSubject: list\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe list is attached.\r\n--b\r\nContent-Type: text/csv; name="list.csv"\r\nContent-Disposition: attachment; filename="list.csv"\r\n\r\n${csv}--b--\r\n`;
    await expect(readDump(input('list.eml', eml))).rejects.toThrow(/no accounts found/);
  });
});

describe('a table of logins without passwords in a mail\'s body', () => {
  const mail = (body: string, attachment = '') =>
    `From: shop@mail.example\r\nTo: buyer@mail.example\r\nSubject: Your order 4410\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n${attachment}--b--\r\n`;
  it('`Username,Comment` between a greeting and a sign-off: the body is named a list of logins without passwords, as the attached file is', async () => {
    for (const table of ['Username,Comment\nash_k01,main\nmisty_w02,spare\nbrock_r03,never used', 'Login;Bemerkung;Team\nash_k01;frisch;Mystic\nmisty_w02;neu;Valor']) {
      // With a blank line above the table, and with the lead-in line right above it.
      for (const lead of ['Hi,\n\nhere is the list of your order.\n\n', 'Hi,\n\nhere is the list of your order:\n']) {
        const body = `${lead}${table}\n\nThe passwords follow in a second mail.\n\nRegards, Shop`;
        await expect(readDump(input('order.eml', mail(body))), body).rejects.toThrow(/body\): no accounts found; it looks like a table whose first line names its columns \(.*\) and none a password: a list of logins without passwords/);
        // The same text dropped as a file: no account either (refused as unsure between two readers).
        await expect(readDump(input('order.txt', `${body}\n`)), body).rejects.toThrow(/no accounts found|unsure what this is/);
      }
    }
  });

  it('the body\'s table is named beside the accounts an attachment gives: they are read, the table\'s rows are none (once ash_k01 / main)', async () => {
    const csv = 'ash_k01:Pika!chu1\r\nmisty_w02:Star!mie2\r\n';
    const attached = `--b\r\nContent-Type: text/plain; name="stock.txt"\r\nContent-Disposition: attachment; filename="stock.txt"\r\n\r\n${csv}`;
    const r = await readDump(input('order.eml', mail('Hi,\n\nUsername,Comment\nash_k01,main\nmisty_w02,spare\nbrock_r03,spare\n\nRegards, Shop', attached)));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k01', 'Pika!chu1'], ['misty_w02', 'Star!mie2']]);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/^body: .*a list of logins without passwords/)]);
  });
});

describe('a body that is only a lead-in, the accounts attached', () => {
  const stock = (text: string) => [{ name: 'accounts.txt', type: 'text/plain', bytes: Buffer.from(text) }];
  const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password]);

  it('`... changed, here is the new one: ash_02:X` above the file giving ash_02 another: the new password at the body\'s line, in a mail and in an mbox\'s message', async () => {
    const body = 'Hi,\n\nThe password of ash_02 changed, here is the new one: ash_02:New!Pw22\n\nRegards, Shop';
    const mail = mailWith(body, stock('ash_01:Pika!chu1\nash_02:Old!Pw22\n'));
    const r = await readDump(input('order.eml', mail));
    expect(rows(r).sort()).toEqual([[12, 'ash_02', 'New!Pw22'], [20, 'ash_01', 'Pika!chu1']]);
    expect(r.rejected).toEqual([]);
    // The same mail as an mbox's second message: its lines counted from the file's top.
    const mbox = await readDump(input('orders.mbox', `From seller@shop.example Mon Nov 14 19:00:00 2017\nFrom: seller@shop.example\nSubject: hi\n\nhello\n\nFrom seller@shop.example Mon Nov 14 19:05:00 2017\n${mail}`));
    expect(rows(mbox).sort()).toEqual([[19, 'ash_02', 'New!Pw22'], [27, 'ash_01', 'Pika!chu1']]);
  });

  it('`Here is your account: ash_03:X` above attached `user:pass` lines is one of them, as the plain reader reads it above its file\'s lines; above lines written otherwise it stays refused', async () => {
    const body = 'Hi,\n\nHere is your account: ash_03:Onix#Rock3\n\nRegards, Shop';
    const r = await readDump(input('order.eml', mailWith(body, stock('ash_01:Pika!chu1\nash_02:Star!mie2\n'))));
    expect(rows(r)).toEqual([[20, 'ash_01', 'Pika!chu1'], [20, 'ash_02', 'Star!mie2'], [12, 'ash_03', 'Onix#Rock3']]);
    expect(r.rejected).toEqual([]);
    const plain = await readDump(input('order.txt', 'Here is your account: ash_03:Onix#Rock3\nash_01:Pika!chu1\nash_02:Star!mie2\n'));
    expect(plain.accounts.map((a) => a.username)).toEqual(['ash_03', 'ash_01', 'ash_02']);
    const other = await readDump(input('order.eml', mailWith(body, stock('ash_01;Pika!chu1;30\nash_02;Star!mie2;30\n'))));
    expect(other.accounts.map((a) => a.username)).toEqual(['ash_01', 'ash_02']);
    expect(other.rejected.map((j) => [j.line, j.reason])).toEqual([[12, expect.stringMatching(/^a sentence, `: `, then what looks like an account/)]]);
  });

  it('"accounts attached" with a TXT and a CSV: each one\'s accounts, every refusal naming its attachment', async () => {
    const mail = mailWith('Hi,\n\nYour accounts are attached (level 30).\n\nRegards, Shop', [
      { name: 'accounts.txt', type: 'text/plain', bytes: Buffer.from('atttxt01:Txt#pass1\natttxt02\n') },
      { name: 'more.csv', type: 'text/csv', bytes: Buffer.from('username,password,level\nattcsv01,Csv#pass1,28\nattcsv02,,28\n') },
    ]);
    const r = await readDump(input('order.eml', mail));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['atttxt01', 'Txt#pass1', 30],
      ['attcsv01', 'Csv#pass1', 28],
    ]);
    expect(r.rejected).toHaveLength(2);
    for (const j of r.rejected) expect(j.reason).toMatch(/^attachment "(?:accounts\.txt|more\.csv)": /);
  });
});

describe('an archive attached to a mail', () => {
  it('`accounts.zip` alone: its member read as an attached file, at the level the subject states', async () => {
    const r = await readDump(fixture('mail-attachment-zip.eml'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['zipacc01', 'Zipped#1', 30],
      ['zipacc02', 'Zipped#2', 30],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a `stock.rar` (RAR 5, stored: generators/make-rar.py) attached: its members read as attached files, their folders\' levels', async () => {
    const bytes = await readFile(new URL('../fixtures/dumps/rar-stored/stock-rar5.rar', import.meta.url));
    const r = await readDump(input('order.eml', mailWith('Your order, in the archive.\n', [{ name: 'stock.rar', type: 'application/x-rar-compressed', bytes }])));
    expect(r.accounts.map((a) => [a.username, a.password, a.level]).sort()).toEqual([
      ...[1, 2].map((i) => [`rartwo${i}`, `Pw#rartwo-${i}`, 2]),
      ...[1, 2, 3].map((i) => [`rarthirty${i}`, `Pw#rarthirty-${i}`, 30]),
    ].sort());
    expect(r.rejected).toEqual([]);
  });

  it('a `.rar` that cannot be read beside accounts in the body: the body imports, the archive is one rejection naming it', async () => {
    const eml = 'From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\nTwo accounts here, the rest in the archive:\nzipbody01:Body#1\nzipbody02:Body#2\n\n--ZZ\nContent-Type: application/octet-stream; name="rest.rar"\nContent-Disposition: attachment; filename="rest.rar"\nContent-Transfer-Encoding: base64\n\nUmFyIRoHAM+QcwAADQAAAAAAAAA=\n--ZZ--\n';
    const r = await readDump(input('order.eml', eml));
    expect(r.accounts.map((a) => a.username)).toEqual(['zipbody01', 'zipbody02']);
    // RAR 4's marker and main header alone: a rar of no file.
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[15, expect.stringMatching(/^attachment "rest\.rar": rest\.rar: (?:is a rar archive that cannot be read \(.*\): corrupt or cut short|holds no file to read); nothing was imported from it$/)]]);
  });

  it('a gzipped list and a zip with a folder: each member read as an attached file, named `archive!member`, its name\'s and its folder\'s level applied', async () => {
    const dir = await testdir();
    const gz = makeArchive('gzip', join(dir, 'stock.gz'), [{ name: '', text: 'mailgz01:Gz#pass1\nmailgz02:Gz#pass2\n' }], { gzip_name: 'stock_L25.txt' });
    const zip = makeArchive('zip', join(dir, 'more.zip'), [{ name: 'ptc/level31_stock.txt', text: 'mailzip01:Zp#pass1\n' }, { name: 'L27/stock.txt', text: 'mailzip02:Zp#pass2\n' }]);
    const eml = mailWith('Thanks for your order, the accounts are attached.', [
      { name: 'stock.gz', type: 'application/gzip', bytes: await readFile(gz) },
      { name: 'more.zip', type: 'application/zip', bytes: await readFile(zip) },
    ]);
    const r = await readDump(input('order.eml', eml));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['mailgz01', 'Gz#pass1', 25],
      ['mailgz02', 'Gz#pass2', 25],
      ['mailzip01', 'Zp#pass1', 31],
      ['mailzip02', 'Zp#pass2', 27],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a password-protected zip (Info-ZIP `zip -P`): one rejection naming the member, the body still imports, the password never shown', async () => {
    const dir = await testdir();
    await writeFile(join(dir, 'accounts.txt'), 'lockedm01:Locked#1\n');
    const zip = join(dir, 'locked.zip');
    expect(spawnSync('zip', ['-q', '-P', 'SellerSecret42', zip, 'accounts.txt'], { cwd: dir }).status).toBe(0);
    const eml = mailWith('One here, the rest in the zip (password: SellerSecret42):\nbodyacc01:Body#1', [{ name: 'locked.zip', type: 'application/zip', bytes: await readFile(zip) }]);
    const r = await readDump(input('order.eml', eml));
    expect(r.accounts.map((a) => a.username)).toEqual(['bodyacc01']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toMatch(/^attachment "locked\.zip": locked\.zip: accounts\.txt is password-protected; extract it with the seller's password/);
    expect(r.rejected[0]!.reason).not.toContain('SellerSecret42');
  });
});

describe("Outlook's winmail.dat (TNEF, MS-OXTNEF) attached", () => {
  it('refused by its name at its line, with the way through; the body still read', async () => {
    const mail = 'From: Shop <shop@seller.example>\nTo: me@example.net\nSubject: Your accounts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mix"\n\n--mix\nContent-Type: text/plain; charset=us-ascii\n\nash_01:Pass1111\n\n--mix\nContent-Type: application/ms-tnef; name="winmail.dat"\nContent-Disposition: attachment; filename="winmail.dat"\nContent-Transfer-Encoding: base64\n\neJ8+IgEAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNy\n--mix--\n';
    const r = await readDump(input('order.eml', mail));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[10, 'ash_01', 'Pass1111']]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toMatch(/^attachment "winmail\.dat": winmail\.dat: Outlook's TNEF wrapper \(application\/ms-tnef\).*extract it with a TNEF reader/);
  });
});

// The body's sentence about an attached file's account (multipart/mixed, RFC 2046 5.1.3: the
// text part, then `Content-Disposition: attachment; filename="acc.txt"`): the seller's word on
// the file, read as a later message's is (later-corrections.ts); never the file's old password
// kept silently.
describe("the body correcting an attached file's account", () => {
  const mail = (sentence: string) =>
    'From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n' +
    `${sentence}\n--b\nContent-Type: text/plain; name="acc.txt"\nContent-Disposition: attachment; filename="acc.txt"\n\nash_01:Pass!1111\nash_02:Pass!2222\n--b--\n`;

  it.each(['Sorry, the password of ash_02 changed: New!Pass22', 'New password for ash_02: New!Pass22', 'Пароль от ash_02 изменён: New!Pass22'])('applied when it names the login and says it changed: %s', async (sentence) => {
    const r = await readDump(input('order.eml', mail(sentence)));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[15, 'ash_01', 'Pass!1111'], [10, 'ash_02', 'New!Pass22']]);
    expect(r.rejected).toEqual([]);
  });

  it('refused, both lines named, when it does not say so', async () => {
    const r = await readDump(input('order.eml', mail('Password for ash_02: New!Pass22')));
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_01']);
    expect(r.rejected.map((x) => [x.line, x.reason.includes('lines 16 and 10')])).toEqual([[10, true], [16, true]]);
    expect(JSON.stringify(r)).not.toContain('New!Pass22');
  });
});
