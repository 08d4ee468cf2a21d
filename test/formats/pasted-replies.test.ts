// A seller's reply that corrects one password of an earlier delivery, pasted as plain text
// instead of saved as an .eml: the reply's own password wins over the one it quotes, as it does
// in seller-correction.eml, whether the client quoted with `> ` (Gmail) or under
// `-----Original Message-----` (Outlook). Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

describe('a reply with a correction, pasted as text', () => {
  it('Gmail\'s `On ... wrote:` and `> ` quoting: the reply\'s `user:pass` wins, the other quoted accounts stay', async () => {
    const r = await readExact('seller-correction-pasted.txt');
    expect(r.format).toBe('email-text');
    expect(r.accounts).toEqual([
      [2, 'raikou_thunder3', 'Volt!Tackle88', undefined, undefined],
      [5, 'entei_blaze12', 'Sacred#Fire7', undefined, undefined],
      [7, 'suicune_aurora5', 'Aurora$Beam2', undefined, undefined],
      [8, 'zapdos_storm1', 'Drill#Peck40', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('Outlook\'s `-----Original Message-----` block without `>` marks (CRLF): the reply\'s password wins', async () => {
    const r = await readExact('seller-correction-outlook.txt');
    expect(r.accounts).toEqual([
      [3, 'lugia_silver4', 'Aero!Blast61', 30, undefined],
      [14, 'ho_oh_rainbow2', 'Sacred!Fire9', 30, undefined],
      [16, 'celebi_time8', 'Leaf#Storm33', 30, undefined],
    ]);
  });

  it('a quoted delivery with no correction gives the quoted accounts, once each', async () => {
    const text = 'Thanks, got them!\n\nOn Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n';
    const r = await readDump(input('reply.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['entei_blaze12', 'Sacred#Fire7'], ['raikou_thunder3', 'Volt!Tackle7']]);
  });

  it('a list with no reply marks is still a list: `>` only counts before an account', async () => {
    const r = await readDump(input('stock.txt', 'entei_blaze12:Sacred#Fire7\nraikou_thunder3:Volt>Tackle7\n'));
    expect(r.format).toBe('plain');
  });
});

// A correction that names no login ("new pass: X"): with one account quoted it can only be that
// one; with several, keeping the quoted passwords would keep a stale one silently, so each is refused.
describe('a reply correcting a password without naming the login', () => {
  const quote = 'On Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n';
  for (const said of ['new pass: Fresh!Pass42', 'Sorry, the password is now Fresh!Pass42.', 'the pw was changed to Fresh!Pass42']) {
    it(`one account quoted: "${said}" corrects it`, async () => {
      const r = await readDump(input('reply.txt', `${said}\n\n${quote}> entei_blaze12:Sacred#Fire7\n`));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['entei_blaze12', 'Fresh!Pass42']]);
    });

    it(`several accounts quoted: "${said}" refuses them, naming the correction's line`, async () => {
      const text = `${said}\n\n${quote}> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n`;
      await expect(readDump(input('reply.txt', text))).rejects.toThrow(/reply\.txt.*line 1: a correction giving a password for no named login while the reply quotes 2 accounts.*line 4: its password may be stale.*line 5: its password may be stale/);
      await expect(readDump(input('reply.txt', text))).rejects.not.toThrow(/Fresh!Pass42|Sacred#Fire7|Volt!Tackle7/);
    });
  }

  it('the reply\'s own accounts stay; only the quoted ones are refused', async () => {
    const text = `zapdos_storm1:Drill#Peck40\nnew pass: Fresh!Pass42\n\n${quote}> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n`;
    const r = await readDump(input('reply.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['zapdos_storm1', 'Drill#Peck40']]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 5, 6]);
  });

  it('a sentence about the password with no new one ("the password is fine") changes nothing', async () => {
    const r = await readDump(input('reply.txt', `Thanks, the password is now working\n\n${quote}> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n`));
    expect(r.accounts.map((a) => a.password)).toEqual(['Sacred#Fire7', 'Volt!Tackle7']);
  });
});

// Outlook's translated header block above the quoted mail, no separator line (the From/Date
// words mailgun/talon's talon/quotations.py splits replies at): the reply's password wins.
describe('a reply quoting under a translated Outlook header block', () => {
  const blocks = [
    'Von: Shop <shop@x.example>\nGesendet: Sonntag, 15. Oktober 2017 21:40\nAn: me@x.example\nBetreff: Bestellung',
    'De : Shop <shop@x.example>\nEnvoyé : dimanche 15 octobre 2017 21:40\nÀ : me@x.example\nObjet : Commande',
    'Van: Shop <shop@x.example>\nVerzonden: zondag 15 oktober 2017 21:40\nAan: me@x.example\nOnderwerp: Bestelling',
    // Outlook's Japanese, Chinese (Simplified and Traditional) and Korean blocks: before, the
    // Japanese `送信日時: 2017年10月15日 21:40` line was read as an account `送信日時` (issue 14).
    '差出人: Shop <shop@x.example>\n送信日時: 2017年10月15日 21:40\n宛先: me@x.example\n件名: ご注文',
    '发件人: Shop <shop@x.example>\n发送时间: 2017年10月15日 21:40\n收件人: me@x.example\n主题: 订单',
    '寄件者: Shop <shop@x.example>\n寄件日期: 2017年10月15日 下午 09:40\n收件者: me@x.example\n主旨: 訂單',
    '보낸 사람: Shop <shop@x.example>\n보낸 날짜: 2017년 10월 15일 일요일 오후 9:40\n받는 사람: me@x.example\n제목: 주문',
    'Kimden: Shop <shop@x.example>\nGönderildi: 15 Ekim 2017 Pazar 21:40\nKime: me@x.example\nKonu: Sipariş',
  ];
  for (const block of blocks) {
    it(block.split('\n')[0]!.split(':')[0]!.trim(), async () => {
      const r = await readDump(input('reply.txt', `entei_blaze12:New!Pass42\n\n${block}\n\nentei_blaze12:Sacred#Fire7\nraikou_thunder3:Volt!Tackle7\n`));
      expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['entei_blaze12', 'New!Pass42'], ['raikou_thunder3', 'Volt!Tackle7']]);
    });
  }
});
