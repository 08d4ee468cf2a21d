// Shops' delivery mails around the goods: order and invoice IDs (some holding a colon), prices,
// quantities, coupon codes (\`SUMMER:15\`), a payment's transaction ID, custom fields, links and
// the shop's footer, with the goods as \`user:pass\` lines (or a label block) under a heading.
// The layouts are our own, in the shape of the order mails of Shoppy.gg, Sellix, Selly.gg/io,
// SellPass, Sellfy and Gumroad (their templates are not public; no source was found to cite):
// nothing but the goods becomes an account, each at its line, with the level the product states.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, input } from './helpers.js';

const H = (from: string, subj: string) => `From: ${from}\nTo: buyer@mail.example\nSubject: ${subj}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n`;

const MAILS: [string, string, (string | number | undefined)[][]][] = [
 ['shoppy', H('Shoppy <no-reply@shoppy.gg>', 'Your order 7f3c2a1e-9b4d-4c11-8e2f-1a2b3c4d5e6f') + `Thank you for your purchase!\n\nOrder ID: 7f3c2a1e-9b4d-4c11-8e2f-1a2b3c4d5e6f\nProduct: PTC Level 30 Account\nQuantity: 2\nPrice: $4.99\nTotal: $9.98\nCoupon: POKE10\nPayment Method: PayPal\n\nYour items:\nash_ketchum30:Pikachu#2017\nmisty_water30:Starmie!55\n\nView your order: https://shoppy.gg/@pokeshop/order/7f3c2a1e-9b4d-4c11-8e2f-1a2b3c4d5e6f\n\nShoppy.gg - Sell digital goods\nhttps://shoppy.gg | support@shoppy.gg\n`, [[18, 'ash_ketchum30', 'Pikachu#2017', 30], [19, 'misty_water30', 'Starmie!55', 30]]],
 ['sellix', H('Sellix <no-reply@sellix.io>', 'Order #a1b2c3-d4e5f6a7b8-c9d0e1 completed') + `Hi buyer@mail.example,\n\nYour order has been completed.\n\nInvoice ID: a1b2c3-d4e5f6a7b8-c9d0e1\nProduct: 5x Pokemon GO Account | Level 30\nQuantity: 5\nUnit price: 1.50 USD\nCoupon code: SUMMER:15\nTotal: 7.50 USD\nGateway: BTC\n\nDelivered goods:\nbulba_saur11:Vine!Whip11\nchar_mander22:Ember#Fire22\nsquir_tle33:Water$Gun33\ncater_pie44:String!Shot44\nweed_le55:Poison#Sting55\n\nhttps://sellix.io/invoice/a1b2c3-d4e5f6a7b8-c9d0e1\n\nSellix, Inc. · 1234 Market St · San Francisco, CA\nUnsubscribe: https://sellix.io/unsubscribe?e=buyer%40mail.example\n`, [[20, 'bulba_saur11', 'Vine!Whip11', 30], [21, 'char_mander22', 'Ember#Fire22', 30], [22, 'squir_tle33', 'Water$Gun33', 30], [23, 'cater_pie44', 'String!Shot44', 30], [24, 'weed_le55', 'Poison#Sting55', 30]]],
 ['selly', H('Selly <noreply@selly.gg>', 'Your purchase from PokeShop') + `Thanks for purchasing PTC Accounts from PokeShop!\n\nOrder: 3d5e1c2a-77aa-4bb0-9cc1-0123456789ab\nQuantity: 1\nValue: $3.00 USD\n\nProduct:\ngengar_ghost9:Shadow!Ball9\n\nIf you have any issues please contact the seller: https://selly.gg/@pokeshop\nSelly.gg\n`, [[14, 'gengar_ghost9', 'Shadow!Ball9', undefined]]],
 ['sellpass', H('SellPass <noreply@sellpass.io>', 'Order Delivered #SP-58213') + `Your order has been delivered!\n\nOrder #SP-58213\nDate: 2023-05-14 12:31 UTC\nItems: PTC Account L35 x 2  -  $12.00\nDiscount (CODE20): -$2.40\nTotal paid: $9.60\n\n---- Product: PTC Account L35 ----\nonix_rock35:Rock!Slide35\ngeo_dude35:Mag#Nitude35\n\nTrack order: https://pokeshop.sellpass.io/order/SP-58213\nPowered by SellPass | Terms | Privacy\n`, [[16, 'onix_rock35', 'Rock!Slide35', 35], [17, 'geo_dude35', 'Mag#Nitude35', 35]]],
 ['sellfy', H('PokeShop via Sellfy <noreply@sellfy.com>', 'Your order from PokeShop') + `Hi there,\n\nThank you for your order!\n\nOrder #1928374\nPokemon Go Account (Level 40)   1 x $15.00\nSubtotal: $15.00\nTax: $0.00\nTotal: $15.00\n\nYour purchase:\nLogin: drago_nite40\nPassword: Hyper!Beam40\n\nDownload: https://sellfy.com/p/abc123/download?key=Zx9:kk22\n\nSellfy, 1 Example Ave, Riga\n`, [[18, 'drago_nite40', 'Hyper!Beam40', 40]]],
 ['gumroad', H('Gumroad <noreply@gumroad.com>', 'You bought PTC Level 30 Account!') + `You bought PTC Level 30 Account!\n\nPTC Level 30 Account\n$5\nQuantity: 1\nOrder number: 8YxK2QwE-1\nLicense key: 4A3B2C1D-11223344-AABBCCDD-EEFF0011\n\nYour content:\nlapras_sea30:Surf!Wave30\n\nView content: https://app.gumroad.com/d/8a9b0c1d2e3f\nQuestions? Reply to this email to contact PokeShop.\nGumroad, Inc. 548 Market St, San Francisco, CA 94104\n`, [[16, 'lapras_sea30', 'Surf!Wave30', 30]]],
 ['shoppy, IDs and a coupon holding colons', H('Shoppy <no-reply@shoppy.gg>', 'Order confirmed') + `Order ID: 5f2b:88c1\nTransaction ID: 9XK12345AB123456C\nPayPal email: buyer@mail.example\nDiscord: pokeshop#1234\nCoupon: SAVE:10\nQuantity: 2 x $4.99 = $9.98\nTime: 12:31:05\n\nYour items:\nash_ketchum30:Pikachu#2017\nmisty_water30:Starmie!55\n\nSupport: support@shoppy.gg:443\nhttps://shoppy.gg/@pokeshop\n`, [[16, 'ash_ketchum30', 'Pikachu#2017', undefined], [17, 'misty_water30', 'Starmie!55', undefined]]],
 ['sellix, custom fields', H('Sellix <no-reply@sellix.io>', 'Order') + `Invoice: inv_8a7b:c6d5e4\nEmail: buyer@mail.example\nCustom fields:\n  Discord username: ashfan:1234\n  Trainer name: AshFan99\n\nProducts:\n1x PTC Account - $2.00\n\nSerials:\nash_ketchum30:Pikachu#2017\n\nRate your purchase: https://sellix.io/feedback/inv_8a7b\n© 2024 Sellix\n`, [[17, 'ash_ketchum30', 'Pikachu#2017', undefined]]],
 ['selly.io, a card line', H('Selly <noreply@selly.io>', 'Your order') + `Order Details\nID: 2b1f4c3d-aaaa-bbbb-cccc-1234567890ab\nProduct: PTC L30\nQuantity: 2\nTotal: 6.00 EUR\nGateway: Stripe\nCard: visa:4242\n\nGoods\nash_ketchum30:Pikachu#2017\nmisty_water30:Starmie!55\n\nselly.io\n`, [[16, 'ash_ketchum30', 'Pikachu#2017', 30], [17, 'misty_water30', 'Starmie!55', 30]]],
];

describe('a shop\'s delivery mail: the goods, and nothing else', () => {
  for (const [shop, mail, accounts] of MAILS) {
    it(`${shop}: only the delivered accounts, exact`, async () => {
      const r = await readDump(input('order.eml', mail));
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level ?? undefined])).toEqual(accounts);
      expect(r.rejected).toEqual([]);
    });
  }
});

// A public template, cited (stop 53): dujiaoka ("独角数卡", assimon/dujiaoka), the open-source
// auto-delivery shop Chinese account sellers ran, mails each buyer its `card_send_user_email`
// template (database/sql/install.sql, 2020): the order title `{ord_title}` (the product's name,
// ` x `, the quantity: app/Service/OrderProcessService.php), "订单号: {order_id}", the time,
// "以下是您的卡密信息：" and `{ord_info}`, the sold stock lines joined by `<br/>`, then a table of the
// product, `x {buy_amount}` and "总价 | {ord_price} ￥". Laravel's mailer sends it quoted-printable.
// The markup of test/fixtures/dumps/seller-dujiaoka-delivery.eml is ours, in that shape.
describe('dujiaoka\'s delivery mail (card_send_user_email)', () => {
  it('gives the stock lines exact, with the level its product title states, and nothing of the order', async () => {
    const bytes = readFileSync(`${FIXTURES}seller-dujiaoka-delivery.eml`);
    const r = await readDump(input('seller-dujiaoka-delivery.eml', bytes));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.provider ?? 'ptc'])).toEqual([
      ['pkgoacc301', 'Kq7!mZt2x', 30, 'ptc'],
      ['pkgoacc302', 'Rw4$nPd8v', 30, 'ptc'],
      ['pkgoacc303', 'Hs9#cLb5q', 30, 'ptc'],
    ]);
    expect(r.rejected).toEqual([]);
    // Another product of the same shop: its own level, never the last order's.
    const other = await readDump(input('order.eml', bytes.toString('latin1').replaceAll('30=E7=BA=A7', '35=E7=BA=A7')));
    expect(other.accounts.map((a) => a.level)).toEqual([35, 35, 35]);
  });
});

// Each delivered item under the word its platform calls one (stop 53): License Manager for
// WooCommerce's "license key", dujiaoka's "卡密" (card secret), the serial-stock shops' "serial",
// "item", "goods", "stock" (sell.app/docs/digital-items), before each `user:pass` on its line (the
// layout is ours). Stop 52 read `License: ash01:Pw` as the login `License` with the password
// `ash01:Pw`, an account no one sold, and refused `License key: ...` / `Key: ...` / `Item: ...`
// deliveries whole (an API key's label, a newsletter).
describe('a delivered item\'s label before each account', () => {
  const LABELS = ['License key', 'Licence key', 'License', 'Serial', 'Serial number', 'Key', 'Product key', 'Code', 'Item', 'Goods', 'Stock', 'Key #2', 'Item 1', '卡密'];
  it('gives the accounts exact, in a mail and a pasted list, never the label as a login', async () => {
    for (const [k, label] of LABELS.entries()) {
      const items = [`${label}: skyacc3001:Vine!Whip31`, `${label}: skyacc3002:Razor#Leaf32`];
      const mail = H('PokeStock <shop@pokestock.example>', 'Your order #2417') + ['Thanks for your order #2417', 'Product: PTC Account Level 30', '', ...items, '', 'Regards, PokeStock', ''].join('\n');
      // The pasted list for every other label (cheaper).
      for (const [name, text] of [['order.eml', mail], ...(k % 2 === 0 ? [['order.txt', `Order #2417\n${items.join('\n')}\n`]] : [])]) {
        const r = await readDump(input(name!, text!));
        expect(r.accounts.map((a) => [a.username, a.password]), `${name}: ${label}`).toEqual([['skyacc3001', 'Vine!Whip31'], ['skyacc3002', 'Razor#Leaf32']]);
        expect(r.rejected, `${name}: ${label}`).toEqual([]);
      }
    }
  });
});

// The login a shop made for its buyer on its own site, mailed with the order (stop 53): JVZoo's
// first-purchase mail (extremeframework/extremeframework, admin/templates/.email.jvzoo.first-purchase.tpl:
// "An account has been created for you with the following access information:" / `- URL:` /
// `- Username:` / `- Password:`, then its TRANSACTION DETAILS with `- Amount:`). Stop 52 imported the
// client-area login `john_buyer42` as a level-30 game account.
describe('a shop\'s client-area login mailed with the order', () => {
  const jvzoo = (url: string, extra: string[] = []) => H('PokeStock <support@pokestock.example>', 'Your purchase: PTC Level 30 Accounts x2') + ['Hello John,', '', 'Thanks for your purchase of PTC Level 30 Accounts x2.', '', 'An account has been created for you with the following access information:', '', `- URL: ${url}`, '- Username: john_buyer42', '- Password: Xk29!pqL', '', 'Please use the information above to login to your client area to download the product and access other related stuffs.', '', ...extra, '====================', 'TRANSACTION DETAILS:', '====================', '- Name: John Smith', '- Product title: PTC Level 30 Accounts x2', '- Amount: 24.95', '- Receipt: ABCD1234EFGH', '', 'We hope you enjoy the service!', '', 'Support Team', ''].join('\n');
  it('is refused by its line naming the site, never a game account; the accounts delivered beside it import', async () => {
    await expect(readDump(input('order.eml', jvzoo('https://members.pokestock.example/login')))).rejects.toThrow(/line 14: a login to the web site members\.pokestock\.example/);
    const both = await readDump(input('order.eml', jvzoo('https://members.pokestock.example/login', ['Your accounts:', 'jvacc3001:Vine!Whip31', 'jvacc3002:Razor#Leaf32', ''])));
    expect(both.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['jvacc3001', 'Vine!Whip31', 30], ['jvacc3002', 'Razor#Leaf32', 30]]);
    expect(both.rejected.map((r) => r.line)).toEqual([14]);
    expect(JSON.stringify(both.rejected)).not.toContain('Xk29');
  });
  it('a game\'s own login page beside the labels, or a shop\'s link a blank line away, leaves the account', async () => {
    const ptc = await readDump(input('order.eml', jvzoo('https://club.pokemon.com/us/pokemon-trainer-club/login')));
    expect(ptc.accounts.map((a) => a.username)).toEqual(['john_buyer42']);
    const apart = H('Shop <s@shop.example>', 'Order 12 - 1x Level 30') + 'Your order: https://shop.example/order/12\n\nUsername: jvacc3001\nPassword: Vine!Whip31\n';
    expect((await readDump(input('order.eml', apart))).accounts.map((a) => a.username)).toEqual(['jvacc3001']);
  });
  // The same rule for a heading that names another service (stop 54): an operator's notes and a
  // host's welcome mail give the map's database, panel and server logins beside the accounts
  // (RocketMap's config.ini.example asks for `db-user`/`db-pass` of its MySQL; phpMyAdmin and
  // cPanel logins come in the host's mail). Stop 53 imported `root` / `dbadmin` as game accounts.
  it('a login under a heading naming a database, a panel or a server is refused by its line, in a list and a letter', async () => {
    const notes = (tail: string) => `ash01x:Pika!1234\nash02x:Pika!2345\n\n${tail}`;
    const files: [string, string, number[]][] = [
      ['labels.txt', notes('MySQL login\nuser: dbadmin\npass: Sql!12345\n'), [5]],
      ['heading-blank.txt', notes('Database:\n\nroot:Sql!12345\n'), [6]],
      ['framed.txt', 'ash01x Pika!1234\nash02x Pika!2345\n=== phpMyAdmin ===\nhost: localhost\nuser: root\npass: Sql!12345\n', [5]],
      ['pairs.txt', notes('cPanel:\nshopadmin:Panel!123\n'), [5]],
      ['server-label.txt', notes('Login: mapuser\nPassword: Map!Db123\nHost: 10.0.0.5\nDatabase: rocketmap\n'), [4]],
      ['order.eml', H('Host <s@host.example>', 'Your server') + notes('DB credentials:\nuser: rmuser\npassword: Sql!12345\n'), [11]],
    ];
    for (const [name, text, refused] of files) {
      const r = await readDump(input(name, text));
      expect(r.accounts.map((a) => [a.username, a.password]), name).toEqual([['ash01x', 'Pika!1234'], ['ash02x', 'Pika!2345']]);
      expect(r.rejected.filter((j) => /another service's login|a server's or a database's login/.test(j.reason)).map((j) => j.line), name).toEqual(refused);
      expect(JSON.stringify(r.rejected), name).not.toMatch(/Sql!|Panel!|Map!Db/);
    }
    // A list read as columns (a large file) says the same; a heading that names no service leaves its accounts.
    const big = await readDump(input('big.txt', notes('DB:\nroot:Sql!12345\n')), { columnsFrom: 1 });
    expect([...(big.columns?.records() ?? big.accounts)].map((a) => a.username)).toEqual(['ash01x', 'ash02x']);
    const game = await readDump(input('ok.txt', 'PTC accounts:\nash01x:Pika!1234\n\nGoogle:\nmail01@gmail.com:Pika!2345\ndbuser01:Pika!3456\n'));
    expect(game.accounts.map((a) => a.username)).toEqual(['ash01x', 'mail01@gmail.com', 'dbuser01']);
  });

  // One list of services' words with the settings readers' keys (src/formats/other-services.ts, stop 55):
  // the words only the keys knew name a heading's logins too; the keys' words no heading is sure of stay the game's.
  it("a heading naming a chat, an API, a broker, a registry or a captcha solver refuses its login; `Admin:`, `Web`, `Basic` do not", async () => {
    const under = (heading: string) => `ash01x:Pika!1234\nash02x:Pika!2345\n\n${heading}:\nsvcuser1:Svc!12345\n`;
    const services = ['Discord', 'Telegram', 'Twitter', 'GitHub', 'Git', 'Docker', 'Registry', 'MQTT', 'AMQP', 'RabbitMQ', 'HTTP proxy', 'Dashboard', 'Panel', 'API', 'Webhook', 'Hash', 'Captcha', '2Captcha', 'Anti-Captcha'];
    for (const heading of services) {
      const r = await readDump(input('notes.txt', under(heading)));
      expect(r.accounts.map((a) => a.username), heading).toEqual(['ash01x', 'ash02x']);
      expect(r.rejected.filter((j) => j.reason.includes("another service's login")).map((j) => j.line), heading).toEqual([5]);
    }
    for (const heading of ['Admin', 'Web-created', 'Basic', 'Account manager', 'Sender']) {
      const r = await readDump(input('notes.txt', under(heading)));
      expect(r.accounts.map((a) => a.username), heading).toEqual(['ash01x', 'ash02x', 'svcuser1']);
    }
    // A sentence that begins with a service's word is a log line, no heading: a creator's console
    // (PTCAccount2: `Captcha successful. Sleeping for 1 second...` above the account it printed).
    for (const sentence of ['Captcha successful. Sleeping for 1 second...', 'Captcha was not entered within 600 seconds.', 'Proxy failed! Retrying']) {
      const r = await readDump(input('run.log', `Attempting to create user...\n${sentence}\nAccount successfully created.\nash03x:Pika!3456\n`));
      expect(r.accounts.map((a) => a.username), sentence).toEqual(['ash03x']);
    }
  });
});
