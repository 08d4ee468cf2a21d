// What a shop's paste holds besides its `user:pass` lines: an order's header and footer (total,
// price, payment, thanks, contact), dividers (`----------`, `=== END ===`, a mail's `-- `), and
// lines whose separator or level is typed differently from the rest (`user=pass`, `mail--pass`,
// `user:pass:level: 30` on one line). Every account is read exact; a line that is unsure is refused
// by its line, naming what it holds, never the password.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const A = 'ash01x:Pw1!abc\nash02x:Pw2!bcd\n';
const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.username, a.password, a.level]);
const EXACT = [['ash01x', 'Pw1!abc', undefined], ['ash02x', 'Pw2!bcd', undefined]];

describe("a shop's paste", () => {
  it('its order header and footer are read past; the accounts import exact', async () => {
    const dumps = [
      `${A}Total: 2 accounts\nPrice: $5\nPaid via PayPal\nThanks for buying!\nContact: telegram @shop\n`,
      `Order #12345\nThanks for your purchase!\n${A}`,
      `${A}\nThank you for your purchase!\nSupport: support@shop.example\n`,
      `Here are your 2 accounts\n${A}Enjoy!\n`,
      `${A}Order ID: 55123\nQty: 2\nTotal: $10.00\n`,
      `${A}Warranty: 24h\nReplacement within 24 hours\nLeave feedback please :)\n`,
      `${A}Telegram: @pogoshop\nDiscord: shop#1234\nWhatsApp: +1 555 0100\n`,
      `${A}Sold by PogoShop\nInvoice: INV-2017-0042\n`,
    ];
    for (const text of dumps) {
      const r = await readDump(input('order.txt', text));
      expect([rows(r), r.rejected], text).toEqual([EXACT, []]);
    }
  });

  it('dividers around and between the accounts, and a mail signature delimiter, are layout', async () => {
    const dumps = [
      `==========\n${A}==========\n`,
      `ash01x:Pw1!abc\n----------\nash02x:Pw2!bcd\n`,
      `=== ACCOUNTS ===\n${A}=== END ===\n`,
      `${A}~~~~~~\n`,
      `${A}***\n`,
      `${A}-----END-----\n`,
      `${A}-- \nThanks for buying!\n`,
      `* * *\n${A}__________\n`,
    ];
    for (const text of dumps) {
      const r = await readDump(input('order.txt', text));
      expect([rows(r), r.rejected], text).toEqual([EXACT, []]);
    }
  });

  it("the lines under a mail's or a post's signature delimiter `-- ` (RFC 3676 4.3) are its signature, read past; an account-shaped line there stays refused, and a `--` with accounts below it is a divider", async () => {
    const signatures = [
      `${A}\n-- \nJohn\nTelegram: @shop\n`,
      `${A}-- \r\nMike\r\nshopbot\r\n`,
      `${A}--\nJohn Smith\nDiscord: shop#1234\n`,
      'ash01x Pw1!abc\nash02x Pw2!bcd\n-- \nMike\n',
    ];
    for (const text of signatures) {
      const r = await readDump(input('order.txt', text));
      expect([rows(r), r.rejected], text).toEqual([EXACT, []]);
    }
    // `ash05x=Pw5!abc` under it is shaped like an account: refused, never read past as the signature.
    const shaped = await readDump(input('order.txt', `${A}-- \nash05x=Pw5!abc\nJohn\nash06x\n`));
    expect([rows(shaped), shaped.rejected.map((j) => j.line)]).toEqual([EXACT, [4, 6]]);
    // An account below the `--`: a divider between stocks, its lines judged as the list's.
    const divider = await readDump(input('order.txt', 'ash01x:Pw1!abc\n-- \nash02x:Pw2!bcd\nJohn\n'));
    expect([rows(divider), divider.rejected]).toEqual([EXACT, [{ line: 4, reason: 'missing password' }]]);
  });

  it('`user=pass` or `user#pass` among `user:pass` lines: refused by its line naming the mark, never "missing password"', async () => {
    for (const mark of ['=', '#', '~', '*']) {
      const r = await readDump(input('l.txt', `ash01x:Pw1!abc\nash02x${mark}Pw2!bcd\nash03x:Pw3!cde\n`));
      expect(rows(r)).toEqual([['ash01x', 'Pw1!abc', undefined], ['ash03x', 'Pw3!cde', undefined]]);
      expect(r.rejected.map((j) => j.line)).toEqual([2]);
      expect(r.rejected[0]!.reason).toContain(`a login, then \`${mark}\``);
      expect(r.rejected[0]!.reason).not.toContain('Pw2');
    }
    // A login alone is still a missing password.
    const lone = await readDump(input('l.txt', 'ash01x:Pw1!abc\nash02x\n'));
    expect(lone.rejected).toEqual([{ line: 2, reason: 'missing password' }]);
  });

  it('`login=value` on every line: refused whole (a settings file\'s shape, no account tool\'s), naming the way through; `--format plain` reads each split at its first `=`', async () => {
    const lists = [
      'ash01x=Pw1!abc\nash02x=Pw2!bcd\n',
      '# stock\r\nash01x=Pw1!abc\r\n\r\nash02x=Pw2!bcd\r\n',
    ];
    for (const text of lists) {
      const refused = readDump(input('stock.txt', text));
      await expect(refused, text).rejects.toThrow(/stock\.txt: .*`name=value` lines \(2 of 2\).*import the file with --format plain/);
      await expect(refused, text).rejects.not.toThrow(/Pw1|Pw2/);
    }
    // A program's settings stay named so.
    await expect(readDump(input('.env', 'DB_USER=admin1\nDB_PASS=S3cret!x\n'))).rejects.toThrow(/it looks like a config file/);
    const forced = await readDump(input('stock.txt', lists[1]!), { format: 'plain' });
    expect([rows(forced), forced.rejected]).toEqual([EXACT, []]);
    // A password holding `=` or `:` stays whole: the login ends at the first `=`.
    const marks = await readDump(input('stock.txt', 'ash01x=Pw=1:abc\nash02x=Pw2!bcd\n'), { format: 'plain' });
    expect(rows(marks)).toEqual([['ash01x', 'Pw=1:abc', undefined], ['ash02x', 'Pw2!bcd', undefined]]);
  });

  it('`mail@x.com--pass`: two dashes after an address end it (a top-level domain is letters only), read; after a PTC login, refused by its line', async () => {
    expect(rows(await readDump(input('l.txt', 'a1@x.example.com--Pw1!abc\na2@x.com--Pw2!bcd\n')))).toEqual([['a1@x.example.com', 'Pw1!abc', undefined], ['a2@x.com', 'Pw2!bcd', undefined]]);
    // Among `user:pass` lines too.
    expect(rows(await readDump(input('l.txt', 'ash01x:Pw1!abc\na2@x.com--Pw2!bcd\n')))).toEqual([['ash01x', 'Pw1!abc', undefined], ['a2@x.com', 'Pw2!bcd', undefined]]);
    // A password starting with `-` after a seller's `--`: unsure where it starts, refused (a run of three is `---`).
    const ptc = await readDump(input('l.txt', 'ash01x:Pw1!abc\nash02x--Pw2!bcd\n'));
    expect(rows(ptc)).toEqual([['ash01x', 'Pw1!abc', undefined]]);
    expect(ptc.rejected.map((j) => j.line)).toEqual([2]);
    expect(ptc.rejected[0]!.reason).toMatch(/a login, then `--`.*no e-mail address/);
    // No password a seller sells after the dashes: refused, never the password `password`.
    const weak = await readDump(input('l.txt', 'a1@x.com--Pw1!abc\na2@x.com--password\n'));
    expect(weak.rejected.map((j) => j.line)).toEqual([2]);
  });

  it('`user:Pw:level: 30` on one line of a list without levels: refused naming the separated level, never the password `Pw:level: 30`; on every line, read', async () => {
    for (const [sep, tail] of [[':', ':level: 30'], ['|', '|lvl 30'], [';', ';Level 30']] as const) {
      const r = await readDump(input('l.txt', `ash01x${sep}Pw1!abc\nash02x${sep}Pw2!bcd${tail}\nash03x${sep}Pw3!cde\n`));
      expect(rows(r), tail).toEqual([['ash01x', 'Pw1!abc', undefined], ['ash03x', 'Pw3!cde', undefined]]);
      expect(r.rejected.map((j) => j.line), tail).toEqual([2]);
      expect(r.rejected[0]!.reason, tail).toMatch(/a column separator, a level word, a blank and a number.*other lines have no level column/);
    }
    expect(rows(await readDump(input('l.txt', 'ash01x:Pw1!abc:level: 30\nash02x:Pw2!bcd:level: 31\n')))).toEqual([['ash01x', 'Pw1!abc', 30], ['ash02x', 'Pw2!bcd', 31]]);
  });
});
