import { describe, expect, it } from 'vitest';
import { parseEmailText } from '../../src/formats/mail/email-text.js';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = (text: string) => parseEmailText(input('mail.txt', text));

describe('email-text', () => {
  it('reads numbered blocks with every label style, value on the same or the next line', async () => {
    const r = await readDump(fixture('email-text-order.txt'));
    expect(r.accounts.slice(0, 6).map((a) => a.username)).toEqual(['MistyFan2017', 'brocklover88', 'gymleader_erika', 'surge_lt', 'blaine_cinnabar', 'sabrina_psy']);
    expect(r.rejected).toEqual([{ line: 26, reason: 'username without a password after it' }]);
  });

  it('reads `Username: x Password: y` on one line, and `Login: x | Pass: y`', () => {
    const r = read('Hello,\n\nUsername: ash01 Password: pika chu\nLogin: ash02 | Pass: p|pe\n\nThanks!\n');
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'ash01', 'pika chu'],
      [4, 'ash02', 'p|pe'],
    ]);
  });

  it('reads quoted replies and labels in other cases and spellings', () => {
    const r = read('On Tue, Tom wrote:\n> USER-NAME = quoted01\n> pwd: Qu0ted!\n> Account No. 2\n> ptc login: quoted02\n> PASSWORD: x y\n');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['quoted01', 'Qu0ted!'],
      ['quoted02', 'x y'],
    ]);
  });

  it('uses an e-mail label as the login when no username is given', () => {
    const r = read('Your Google account:\nE-mail: trainer.red@gmail.com\nPassword: Ch4rizard\n');
    expect(r.accounts).toEqual([{ username: 'trainer.red@gmail.com', password: 'Ch4rizard', line: 2, provider: 'google' }]);
  });

  it('prefers the username when a block has both username and e-mail', () => {
    const r = read('Username: blue_oak\nEmail: blue@mailinator.com\nPassword: Eevee#3\n');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['blue_oak', 'Eevee#3']]);
  });

  it('skips prose, totals, phone numbers, links and times silently; finds the account among them', () => {
    const mail = [
      'Dear customer,',
      'Order #99812 confirmed.',
      'Total:$12.00',
      'Tel:+49301234567',
      'Date: 14.09.2017 10:30',
      'https://shop.example/orders/99812',
      '10:30',
      'Your account:',
      'red_trainer01:Bulb4saur',
      'Note: change the password!',
      'Kind regards,',
      '-- ',
      'Shop Ltd, VAT: DE123456789',
    ].join('\n');
    expect(detectFormat(input('mail.txt', mail))?.name).toBe('email-text');
    const r = read(mail);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[9, 'red_trainer01', 'Bulb4saur']]);
    expect(r.rejected).toEqual([]);
  });

  it('`Account #1: user:pass` (or `Login: user:pass`) gives the whole account on its label line: no login holds a `:`', async () => {
    const r = await readDump(input('order.txt', 'Thanks for your order!\n\nAccount #1: acct0001:Pw!acct01\nAccount 2: acct0002:Pw:acct02\nLogin: acct0003:Pw!acct03\n\nUsername: acct0004\nPassword: Pw!acct04\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'acct0001', 'Pw!acct01'],
      [4, 'acct0002', 'Pw:acct02'],
      [5, 'acct0003', 'Pw!acct03'],
      [7, 'acct0004', 'Pw!acct04'],
    ]);
    expect(r.rejected).toEqual([]);
    const alone = await readDump(input('order.txt', 'Account #1: acct0001:Pw!acct01\nAccount #2: acct0002:Pw!acct02\n'));
    expect(alone.accounts.map((a) => a.username)).toEqual(['acct0001', 'acct0002']);
  });

  it('a mail listing `user pass` with a blank between (the "Space" delimiter) reads them; `Order #48301`, `Good 120` and words are no such pair', async () => {
    const r = await readDump(input('order.txt', 'Hello,\n\nOrder #48301\nYour accounts:\nacct0001 Pw!acct01\nash_k2 Pika!chu7\n\nGood 120\nsee you soon\nRegards\n'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[5, 'acct0001', 'Pw!acct01'], [6, 'ash_k2', 'Pika!chu7']]);
    // Read as the mail it is, the rest is prose it reads past.
    const mail = read('Hello,\n\nOrder #48301\nYour accounts:\nacct0001 Pw!acct01\nash_k2 Pika!chu7\n\nGood 120\nsee you soon\nRegards\n');
    expect(mail.accounts.map((a) => a.username)).toEqual(['acct0001', 'ash_k2']);
    expect(mail.rejected).toEqual([]);
  });

  it('an arrow after a label (`Password -> x`, `Login => y`, `-->`) ends the label whole: the password never opens with its `>`', () => {
    // (seen in the property test of non-account text: `password -> ...` gave a password starting `> `.)
    const r = read('Hello,\n\nAccount 2 - ash_k01\nPassword -> Pika!chu1\n\nUsername => misty_02\nPassword => Star!mie2\n\nLogin --> brock_03\nPassword --> >Onix!rock3\n\nRegards\n');
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash_k01', 'Pika!chu1'],
      ['misty_02', 'Star!mie2'],
      ['brock_03', '>Onix!rock3'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('rejects a password with no username before it, without quoting it', () => {
    const r = read('Hi,\nPassword: S3cretPw!\nBye\n');
    expect(r.rejected).toEqual([{ line: 2, reason: 'password without a username before it' }]);
  });

  it('a new username before a password rejects the previous one', () => {
    const r = read('Username: first_one\nUsername: second_one\nPassword: pw2\n');
    expect(r.accounts.map((a) => a.username)).toEqual(['second_one']);
    expect(r.rejected).toEqual([{ line: 1, reason: 'username without a password after it' }]);
  });

  it('a whole account on one label line: the password ends where an `Email:` or `Level:` label starts, in any order', async () => {
    const r = await readDump(fixture('seller-label-email.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [3, 'magmar_f1', 'Fire!Punch1', undefined],
      [4, 'electabuzz_t2', 'Thunder#P2', 27],
      [5, 'hypno_q3', 'Dream!Eat3', 31],
    ]);
  });

  it('a reply whose correction is a sentence ("The correct password for seel_w2 is: X.") wins over the quoted delivery; a password ending with `!` keeps it', async () => {
    const r = await readDump(fixture('seller-correction-sentence.eml'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [11, 'seel_w2', 'Aurora!Beam9'],
      [19, 'seel_w1', 'Ice!Shard11'],
      [21, 'dewgong_w3', 'Rest#Dew33'],
    ]);
    const bang = await readDump(input('reply.txt', 'Sorry!\nThe new password for seel_w2 is Aurora!Beam9!\n\n> seel_w1:Ice!Shard11\n> seel_w2:Wrong!Pass22\n'), { format: 'email-text' });
    expect(bang.accounts.find((a) => a.username === 'seel_w2')?.password).toBe('Aurora!Beam9!');
  });

  it('`Level:` with its number on the next line is the level (before or after the account), not a numbering line', async () => {
    const r = await readDump(fixture('seller-labels-next-line.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [5, 'chikorita_n1', 'Razor!Leaf01', 30],
      [12, 'cyndaquil_n2', 'Ember#Smoke2', 27],
      [21, 'totodile_n3', 'Water$Gun33', 31],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a letter\'s words split by a label\'s dash or arrow (`Account 2 - fresh` / `Password -> are regards`) are prose, never an account', async () => {
    const text = 'Hi John,\n\nOrder 4821\n\nash4821:Pika2017x\nmisty_kanto12:Star99fish\n\nAccount 2 - fresh\nChange the password -> are regards\nAccount 9 - after\nPassword -> please please\nAccount 1 - the\nPassword - the\n\nBest regards,\nMike\n';
    for (const r of [read(text), await readDump(input('order.txt', text))]) {
      expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
        [5, 'ash4821', 'Pika2017x'],
        [6, 'misty_kanto12', 'Star99fish'],
      ]);
      expect(r.rejected).toEqual([]);
      expect(r.skipped?.filter((k) => k.line >= 8 && k.line <= 13).map((k) => [k.line, k.kind])).toEqual([8, 9, 10, 11, 12, 13].map((l) => [l, 'prose']));
    }
    // A hand-typed block with `:` labels keeps its words (test/fixtures/dumps/email-text-order.txt: `surge_lt` / `zap zap zap`),
    // and so does a login with a digit after a dash (`PTC Username - brocklover88` / `Pass - Onix!Rock`).
    expect(read('Username: surge_lt\nPassword: zap zap zap\n\nAccount 2 - brock88\nPass - Onix!Rock\n').accounts.map((a) => [a.username, a.password])).toEqual([
      ['surge_lt', 'zap zap zap'],
      ['brock88', 'Onix!Rock'],
    ]);
  });
});
