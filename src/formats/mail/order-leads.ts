// An order's number as a line's first cell, before the account's labelled login and password, as
// shop bots and sellers write one delivered account a line: `Order #4410 | User: x | Pass: y`,
// `#4410 - login: x - password: y`, `Заказ №4410 | Логин: x | Пароль: y`, `Pedido 4410; Usuario:
// x; Contraseña: y`. Bots print an order's number first (`f"✅ Заказ №{order_id} успешно
// оформлен!..."`, code corpus file 61403169024; `f"Order #{order_id} | Date: ... | Total: ..."`,
// code corpus file 7827448609), then its fields split by the same mark. Read whole, the line was
// refused as a table or a setting. The number is the order's, never an account's part: the line is
// read from its login's label on, and only where a password's label follows the login on it (an
// order row's `User ID: 42 | Total: $5` is no account).
import { LABEL_LINE, labelKind, SAME_LINE_PASS } from './email-labels.js';

/** The words for an order in the shops' languages. */
const ORDER = String.raw`(?:order|ord\.?|purchase|invoice|заказ|замовлення|pedido|encomenda|commande|bestellung|ordine|bestelling|zam[oó]wienie|objedn[aá]vka|sipari[sş]|注文|订单|訂單|주문)`;
/** What may stand between the word and the number: `#`, `№`, `n°`, `No.`, `Nr.`, `ID`, a colon. */
const MARK = String.raw`(?:#|№|n[°º]\.?|no\.?|nr\.?|num\.?|number|id)`;
/** An order's id: letters, digits, `-` and `_`, with a digit (`4410`, `A-4410`, `ORD_20171114_7`). */
const ID = String.raw`[A-Za-z0-9][\w-]{0,39}`;
const ORDER_LEAD = new RegExp(
  String.raw`^(?:${ORDER}[ \t]*(?:${MARK}[ \t]*)?:?[ \t]*|[#№][ \t]*)(${ID})[ \t]*(?:[|;,/]|[-–—](?=[ \t])|:(?=[ \t]))[ \t]*(?=\S)`,
  'iu',
);

/** The line from its login's label on, when an order's number opens it and a password's label follows the login; else the line. */
export function withoutOrderLead(line: string): string {
  const c = line.charCodeAt(0);
  // Cheap for a list's own lines: only a line opening with `#`, `№` or a letter is looked at, and only one holding a colon.
  if (c !== 35 && c !== 0x2116 && !/\p{L}/u.test(line[0] ?? '')) return line;
  if (!line.includes(':') && !line.includes('：')) return line;
  const m = ORDER_LEAD.exec(line);
  if (!m || !/\d/.test(m[1]!)) return line;
  const rest = line.slice(m[0].length);
  const label = LABEL_LINE.exec(rest);
  if (!label) return line;
  const kind = labelKind(label[1]!);
  return (kind === 'user' || kind === 'mail') && SAME_LINE_PASS.test(label[2]!) ? rest : line;
}

/** The lines with each such lead cell dropped; the same array when no line has one. */
export function withoutOrderLeads(lines: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const s = withoutOrderLead(lines[i]!);
    if (s === lines[i]) continue;
    out ??= lines.slice();
    out[i] = s;
  }
  return out ?? lines;
}
