// One order of several products at different levels, each product line above its own accounts
// (`Product: 2x PTC Level 30` / its accounts / `Product: 1x PTC Level 35` / its accounts): each
// account takes its product's level. Before, two levels stated in one delivery named none, and
// every account came in without a level. A summary listing the products together above all the
// accounts says nothing of which is which: still no level. Fixtures: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const levels = async (r: ReturnType<typeof readDump>) => (await r).accounts.map((a) => [a.username, a.password, a.level]);

describe('several products at different levels in one delivery', () => {
  it('a base64 mail whose subject names both: each account has its own product\'s level', async () => {
    expect(await levels(readDump(fixture('seller-order-two-products.eml')))).toEqual([
      ['mpq30a', 'Leaf#Storm30a', 30],
      ['mpq30b', 'Leaf#Storm30b', 30],
      ['mpq35a', 'Leaf#Storm35a', 35],
    ]);
  });

  it('the same as a pasted list, the product lines in other words (`3 x PTC account lvl 25:`)', async () => {
    const text = 'Order #77\n\n3 x PTC account lvl 25:\nps25a:Bubble#1\nps25b:Bubble#2\nps25c:Bubble#3\n\n1 x PTC account lvl 31:\nps31a:Bubble#4\n';
    expect(await levels(readDump(input('order.txt', text)))).toEqual([
      ['ps25a', 'Bubble#1', 25],
      ['ps25b', 'Bubble#2', 25],
      ['ps25c', 'Bubble#3', 25],
      ['ps31a', 'Bubble#4', 31],
    ]);
  });

  it('an order summary above all the accounts, or an account above the first product: no level is guessed', async () => {
    expect((await readDump(fixture('seller-order-summary.eml'))).accounts.map((a) => a.level)).toEqual([undefined, undefined, undefined]);
    const above = 'psx01:Bubble#0\nProduct: 2x PTC Level 30\npsx02:Bubble#1\nProduct: 1x PTC Level 35\npsx03:Bubble#2\n';
    expect((await readDump(input('order.txt', above))).accounts.map((a) => a.level)).toEqual([undefined, undefined, undefined]);
  });

  // WooCommerce's "Completed order" mail (plain) with License Manager for WooCommerce's `Licenses`
  // blocks (test/fixtures/README.md): the order's items first (a summary, each product with its
  // quantity and cost), the totals, then each product again over `----------` and its own keys.
  // Stop 52 read the summary as two product lines without accounts: no level for any account.
  it('the items listed first, then each product over its own keys: each account its product\'s level', async () => {
    expect(await levels(readDump(fixture('seller-woocommerce-licenses.eml')))).toEqual([
      ['wcacc3001', 'Vine!Whip31', 30],
      ['wcacc3002', 'Razor#Leaf32', 30],
      ['wcacc3501', 'Solar$Beam35', 35],
    ]);
    // A summary whose levels the sections below do not state (Level 40 there): which is which is unsure, no level.
    const text = 'Items:\nPTC Level 30 x2\nPTC Level 35 x1\n\nLicenses\n\nPTC Level 30\n----------\nwc30a:Vine!Whip31\n\nPTC Level 40\n----------\nwc40a:Solar$Beam40\n';
    expect((await readDump(input('order.txt', text))).accounts.map((a) => a.level)).toEqual([undefined, undefined]);
  });
});
