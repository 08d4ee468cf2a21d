// More files that hold no accounts, as operators drop them beside their deliveries: key shops'
// licence and game keys, logins at machines' addresses, a checker's summary with units, a shop's
// order confirmation, invoice, shipping notice and sale newsletter, a proxy list of every shape.
// Each is refused, saying what it looks like. Before, the keys and the server logins were
// imported as accounts (`activation` / `QRST-UVWX-YZ12-3456`, `root` / `toor@192.168.1.10`),
// and the order and the checker's summary were refused as "unsure" after one line split like an
// account (`Coupon` / `POGO10`, `Speed` / `8.3 acc/min`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("a shop's and a checker's files without accounts", () => {
  const cases: [file: string, says: RegExp][] = [
    ['licence-keys.txt', /no accounts found; .*it looks like API or hash keys/],
    ['game-keys.txt', /no accounts found; .*it looks like API or hash keys/],
    ['server-logins.txt', /no accounts found; .*it looks like logins to hosts \(`user:password@host`, as ssh and server lists write them\), not game accounts/],
    ['checker-speed.txt', /no accounts found; .*it looks like statistics \(labels and numbers\) \(7 of 9 lines\)/],
    ['order-confirmation.txt', /no accounts found; .*it looks like a shop's order confirmation, invoice, shipping notice or newsletter \(7 of 11 lines/],
    ['shipping-notice.txt', /no accounts found; .*it looks like a shop's order confirmation, invoice, shipping notice or newsletter \(4 of 5 lines/],
    ['invoice.eml', /no accounts found; read as eml.*it looks like a shop's order confirmation, invoice, shipping notice or newsletter/],
    ['newsletter-sale.eml', /no accounts found; read as eml.*it looks like a newsletter without accounts \(/],
    ['proxies-mixed.txt', /no accounts found; .*it looks like a proxy list \(7 of 7 lines\)/],
    // with a port (`root:pw@IP:22`, `IP:22:root:pw`, `ssh://`, RDP combos), and THC-Hydra's finds: before, "a proxy list" or code
    ['server-logins-ports.txt', /no accounts found; .*it looks like logins to hosts .* \(10 of 10 lines\)/],
    ['hydra-found.txt', /no accounts found; .*it looks like logins to hosts .* \(4 of 4 lines\)/],
    // what MrMime and PokeMobBot write to disk about their accounts: logs and dumps, no password
    ['mrmime.log', /no accounts found; .*it looks like a log file/],
    ['mrmime-bad-requests.txt', /no accounts found; .*it looks like code or data/],
    ['pokemobbot-log.txt', /no accounts found; .*it looks like a log file/],
    ['pokemobbot-pokebagstats.txt', /no accounts found; /],
  ];
  for (const [file, says] of cases) {
    it(`${file} is refused, saying what it looks like`, async () => {
      await expect(readDump(fixture(file))).rejects.toThrow(says);
      // MrMime's log names a proxy with its password (`Rotating proxy. Old: http://user7:Prox!y77@...`)
      await expect(readDump(fixture(file))).rejects.not.toThrow(/Prox!y77/);
    });
  }

  it('a key or a server login among real accounts is no account; the accounts are read', async () => {
    const r = await readDump(input('stock.txt', 'ash_k01:Pika!chu01\nactivation:QRST-UVWX-YZ12-3456\nmisty_w02:Star!mie02\nroot:toor@192.168.1.10\nbrock_r03:Onix!Rock03\n'));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'ash_k01'], [3, 'misty_w02'], [5, 'brock_r03']]);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[2, 'looks like an API or hash key, not an account'], [4, 'looks like a login to a host (`user:password@host`, as ssh and server lists write it), not an account']]);
  });

  it("a login at a service's port is a host's, one at a proxy's port a proxy; `root@IP:pass` is never an account", async () => {
    const host = 'looks like a login to a host (`user:password@host`, as ssh and server lists write it), not an account';
    const r = await readDump(input('stock.txt', 'ash_k01:Pika!chu01\nroot:Toor!22@10.0.0.5:22\nmisty_w02:Star!mie02\nuser7:Prox!y77@10.0.0.6:3128\nroot@10.0.0.7:Toor!2017\nbrock_r03:Onix!Rock03\n'));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'ash_k01'], [3, 'misty_w02'], [6, 'brock_r03']]);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[2, host], [4, 'looks like a proxy (host:port), not an account'], [5, host]]);
  });
});

// Stop 52 (M2): a shop's receipt with no goods (the product line states a level, the totals a
// subtotal) was read by the plain reader as the account `Subtotal` / `$20.00` at level 30. The
// labels are those of the order mails in shop-delivery-templates.test.ts (Shoppy, Sellix, SellPass).
describe("a shop's receipt without goods", () => {
  it('imports nothing and says it is an order confirmation', async () => {
    const lines = ['Thank you for your order!', '', 'Order #4455', 'Product: 10x PTC Level 30', 'Subtotal: $20.00', 'Coupon: SAVE:10', 'Total: $18.00', 'Invoice ID: INV-2023-0042', '', 'Your goods will be delivered shortly.'];
    const mail = `From: Shop <orders@shop.example>\nTo: buyer@mail.example\nSubject: Receipt for your order #4455\nContent-Type: text/plain; charset=utf-8\n\n${lines.join('\n')}\n`;
    for (const text of [mail, mail.replace('Product: 10x PTC Level 30\n', '')]) {
      await expect(readDump(input('order.eml', text))).rejects.toThrow(/no accounts found; .*order confirmation/);
    }
    // The totals alone, as a text file: no account either.
    await expect(readDump(input('order.txt', lines.filter((l) => /total|Order/.test(l)).join('\n')))).rejects.toThrow(/no accounts found/);
  });
});
