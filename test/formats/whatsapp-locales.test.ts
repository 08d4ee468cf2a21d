// WhatsApp's "Export chat" as phones in other locales write it (issue 14). The stamps are the ones
// real parsers' fixtures hold: joweich/chat-miner `test/whatsapp/test_dateformat1.txt` ... `6.txt`,
// `test_unicode.txt`, `test_mmddyyyy_12hrs.txt`; lucasrodes/whatstk `tests/chats/example-12h-2.txt`
// and its `hformat` docs; Pustur/whatsapp-chat-parser `tests/unit/parser.test.ts` (whatsapp-chat.ts
// cites them too). Each chat: the app's notice, the seller's delivery over three lines, the buyer's
// copy of an account and one of their own, a file the export left out: accounts exact, the buyer's
// lines refused, the app's lines never accounts.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const NNBSP = '\u202f';
const LRM = '\u200e';

/** A locale's stamp before a message, given the minute (a two-digit string). */
interface Locale {
  name: string;
  stamp: (mm: string) => string;
  notice: string;
  omitted: string;
}

/** A number in Arabic-Indic digits, as Arabic locales write the stamp's. */
const arabic = (n: string) => n.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

const LOCALES: Locale[] = [
  // chat-miner test_dateformat1.txt: month first, 24 h, no seconds.
  { name: 'm/d/yy, HH:MM (chat-miner dateformat1)', stamp: (m) => `12/24/19, 11:${m} - `, notice: 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.', omitted: '<Media omitted>' },
  // chat-miner test_dateformat2.txt: no comma, `p.m.` and `p. m.`.
  { name: 'm/d/yyyy h:mm p. m., no comma (chat-miner dateformat2)', stamp: (m) => `11/27/2019 9:${m} p. m. - `, notice: 'Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.', omitted: '<Multimedia omitido>' },
  { name: 'm/d/yyyy h:mm p.m., no comma (chat-miner dateformat2)', stamp: (m) => `9/24/2019 11:${m} p.m. - `, notice: 'Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.', omitted: '<Multimedia omitido>' },
  // chat-miner test_dateformat3.txt: year first, a dot after the time.
  { name: 'yyyy/mm/dd, HH:MM. (chat-miner dateformat3)', stamp: (m) => `2022/12/14, 13:${m}. - `, notice: 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.', omitted: '<Media omitted>' },
  // chat-miner test_dateformat4.txt: iOS brackets, no comma, `p.m.` after seconds.
  { name: '[dd/mm/yy hh:mm:ss p.m.] (chat-miner dateformat4)', stamp: (m) => `[09/10/22 11:${m}:00 p.m.] `, notice: `${LRM}Los mensajes y las llamadas están cifrados de extremo a extremo.`, omitted: `${LRM}imagen omitida` },
  // chat-miner test_dateformat5.txt: iOS brackets, dots, seconds.
  { name: '[mm.dd.yy, HH:MM:SS] (chat-miner dateformat5)', stamp: (m) => `[10.21.21, 15:${m}:45] `, notice: `${LRM}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.`, omitted: `${LRM}Bild weggelassen` },
  // chat-miner test_dateformat6.txt: day first, seconds, ` - `.
  { name: 'dd/mm/yy, HH:MM:SS (chat-miner dateformat6)', stamp: (m) => `21/10/21, 15:${m}:45 - `, notice: 'Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter.', omitted: '<Médias omis>' },
  // chat-miner test_unicode.txt / test_mmddyyyy_12hrs.txt: `p. m.` after a zero-padded hour.
  { name: 'mm/dd/yyyy, hh:mm p. m. (chat-miner mmddyyyy_12hrs)', stamp: (m) => `01/30/2019, 08:${m} p. m. - `, notice: 'Los mensajes y las llamadas están cifrados de extremo a extremo.', omitted: '<Multimedia omitido>' },
  // whatstk example-12h-2.txt: ISO date, `p.m.`.
  { name: 'yyyy-mm-dd, h:mm p.m. (whatstk example-12h-2)', stamp: (m) => `2016-08-06, 1:${m} p.m. - `, notice: 'Messages you send to this group are now secured with end-to-end encryption. Tap for more info.', omitted: '<Media omitted>' },
  // whatstk's hformat docs: `%d.%m.%y, %H:%M - %name:`.
  { name: 'dd.mm.yyyy, HH:MM (whatstk hformat)', stamp: (m) => `06.08.2016, 13:${m} - `, notice: 'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.', omitted: '<Medien ausgeschlossen>' },
  // iOS 16+: a narrow no-break space before PM, U+200E before the app's lines and media.
  { name: '[m/d/yy, h:mm:ss\u202fPM] (iOS 16+)', stamp: (m) => `[1/30/24, 8:${m}:12${NNBSP}PM] `, notice: `${LRM}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.`, omitted: `${LRM}image omitted` },
  // Pustur/whatsapp-chat-parser's tests: `13.06.18 21.25.15: ` and Finnish `klo`.
  { name: 'dd.mm.yy HH.MM.SS: (whatsapp-chat-parser)', stamp: (m) => `13.06.18 21.${m}.15: `, notice: 'Viestit ja puhelut ovat päästä päähän salattuja.', omitted: '<Media omitted>' },
  // AyazKhuraishi/whatsapp-export-inconsistencies `inconsistencies-messages/message-format.md`: Android's
  // ISO date without a comma; iOS's `[1.1.2019, 12.00.00]`, where the encryption notice is written as a
  // message of the other side (`system-messages.md`): the seller's, and no account.
  { name: 'yyyy-mm-dd HH:MM, no comma (whatsapp-export-inconsistencies)', stamp: (m) => `2019-01-01 12:${m} - `, notice: 'Messages to this chat and calls are now secured with end-to-end encryption.', omitted: '<Media omitted>' },
  { name: '[d.m.yyyy, HH.MM.SS], the notice as the seller\'s message (whatsapp-export-inconsistencies)', stamp: (m) => `[1.1.2019, 12.${m}.00] `, notice: 'PokeStockz: Messages to this chat and calls are now secured with end-to-end encryption.', omitted: 'accounts • 1 page document omitted' },
  // starkdmi/whats_json `lib/src/patterns.dart` (`arabicDateTime`, `systemArabic`): Arabic-Indic digits,
  // a right-to-left mark before them, `،` after the date, `م` for PM; the notice in Arabic from its `encrypted`.
  { name: 'Arabic: ١٤/١١/٢٠١٧، ٧:٠٢ م (whats_json)', stamp: (m) => `\u200f١٤/١١/٢٠١٧، ٧:${arabic(m)} م - `, notice: 'الرسائل والمكالمات مشفرة تمامًا بين الطرفين، بحيث لا يستطيع أحد خارج هذه الدردشة، ولا حتى شركة واتساب نفسها، قراءتها أو الاستماع إليها.', omitted: '<Media omitted>' },
  { name: 'd.m.yyyy klo HH.MM (whatsapp-chat-parser)', stamp: (m) => `13.6.2018 klo 21.${m} - `, notice: 'Viestit ja puhelut ovat päästä päähän salattuja.', omitted: '<Media omitted>' },
];

function chat(l: Locale): string {
  const s = l.stamp;
  return [
    `${s('00')}${l.notice}`,
    `${s('01')}Ash K: hi, 2x lvl 30 ptc please`,
    `${s('02')}PokeStockz: sure, 8 USD`,
    `${s('03')}Ash K: paid`,
    `${s('04')}PokeStockz: Here are your accounts (level 30):`,
    'wloc01:Pika!chu1',
    'wloc02:Star!mie2',
    `${s('06')}Ash K: wloc02:Star!mie2 works, and this one?`,
    'wloc09:Mew!two9',
    `${s('07')}PokeStockz: ${l.omitted}`,
    `${s('08')}Ash K: thanks`,
    '',
  ].join('\n');
}

describe("WhatsApp's export in other locales' stamps", () => {
  for (const l of LOCALES) {
    it(l.name, async () => {
      const r = await readDump(input('WhatsApp Chat with PokeStockz.txt', chat(l)));
      expect(r.format).toMatch(/^whatsapp-txt\b/);
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
        [6, 'wloc01', 'Pika!chu1', 30],
        [7, 'wloc02', 'Star!mie2', 30],
      ]);
      expect(r.rejected.map((j) => j.line)).toEqual([9, 10]);
      expect(r.rejected[1]!.reason).toMatch(/PokeStockz sent a file the export left out/);
    });
  }
});

describe("WhatsApp's marks around a seller's words", () => {
  const at = (mm: string) => `14/11/2017, 19:${mm} - `;
  it("an edited message's mark, in English or another language, is no part of the password", async () => {
    // Android appends it to the message's last line (koftezz/whatsapp-chat-analyzer issue 18:
    // `03/06/2023, 6:12 am - author: sample message <This message was edited>`). Before, the first
    // account was lost without a word and the second imported with the mark in its password.
    const text = [
      `${at('00')}Ash K: paid`,
      `${at('01')}PokeStockz: here are your accounts (level 30):`,
      'wed01:Pika!chu1 <This message was edited>',
      `${at('02')}PokeStockz: wed02:Star!mie2 <Se editó este mensaje.>`,
      `${at('03')}Ash K: thanks`,
      '',
    ].join('\n');
    const r = await readDump(input('WhatsApp Chat with PokeStockz.txt', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'wed01', 'Pika!chu1'],
      [4, 'wed02', 'Star!mie2'],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it("a seller's text in angle brackets that is no placeholder stays the seller's", async () => {
    // `<3` and a password holding `<` are the sender's: only letters alone in `<>` are the app's.
    const text = [`${at('00')}Ash K: paid`, `${at('01')}PokeStockz: here are your accounts (level 30):`, 'wlt01:Pika<chu1', `${at('02')}PokeStockz: <3`, ''].join('\n');
    const r = await readDump(input('WhatsApp Chat with PokeStockz.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['wlt01', 'Pika<chu1']]);
    expect(r.rejected).toEqual([]);
  });
});
