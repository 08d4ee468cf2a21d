// An order's number as the first cell of a delivered account's line, as shop bots and sellers write
// one account a line (order-leads.ts): the login and password read from their labels, the order's
// number never an account's part. Fixture: test/fixtures/README.md (`shop-bot-order-lines.txt`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const read = async (text: string) => (await readDump(input('order.txt', text))).accounts.map((a) => [a.username, a.password, a.level]);

describe("an order's number before a labelled account", () => {
  it("a Telegram shop bot's delivery: `Заказ №N | Логин: x | Пароль: y` under its order message", async () => {
    const r = await readDump(fixture('shop-bot-order-lines.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [5, 'sandshrew_q7', 'Sand!Att4ck', 30],
      [6, 'nidoran_f22', 'Poison#St1ng', 30],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('in the shapes sellers write: `Order #N |`, `#N -`, `Pedido N;`, `Commande n°N -`, each mark between the cells', async () => {
    expect(await read('Order #4410 | User: ash01x | Pass: Pika!234\nOrder #4411 | User: misty02 | Pass: Star!567\n')).toEqual([
      ['ash01x', 'Pika!234', undefined],
      ['misty02', 'Star!567', undefined],
    ]);
    expect(await read('#4410 - login: ash01x - password: Pika!234\n')).toEqual([['ash01x', 'Pika!234', undefined]]);
    expect(await read('Pedido 4410; Usuario: ash01x; Contraseña: Pika!234\n')).toEqual([['ash01x', 'Pika!234', undefined]]);
    expect(await read('Order ORD-2017-4410 | E-mail: ash01x@mail.example | Password: Pika!234 | Level: 31\n')).toEqual([['ash01x@mail.example', 'Pika!234', 31]]);
  });

  it("an order's row of other fields (`User ID: 42`, `Buyer: x`, a total) gives no account", async () => {
    await expect(readDump(input('orders.txt', 'Order #4410 | User ID: 42 | Total: $5.00\nOrder #4411 | Buyer: misty | Date: 2017-11-14\n'))).rejects.toThrow(/no accounts found/);
  });
});
