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
});
