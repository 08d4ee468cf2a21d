// What a shop's mail without accounts is: an order confirmation, an invoice, a shipping notice or
// a newsletter. Their lines are an order's labels (`Order number: 100045`, `Total: $24.99`,
// `Tracking: ...`, `Coupon: POGO10`) and prices, and split on `:` each looks like `user:pass`;
// the refusal names them, so the operator who dropped the shop's other mail sees what it was.
import { counted } from '../../counted-noun.js';
import { contentHead } from '../decode.js';

/** An order's label at a line's start, in the languages of the shop words of line-kinds.ts. */
const ORDER_LABEL =
  /^(?:order|order\s*(?:number|no\.?|id|#|date)|invoice(?:\s*(?:number|no\.?|date))?|bill\s*to|sub-?total|total|price|unit\s*price|qty|quantity|amount|payment(?:\s*method)?|paid|transaction(?:\s*id)?|vat|tax|tracking(?:\s*(?:number|no\.?|id|link))?|track|carrier|shipping|estimated\s*delivery|coupon|promo(?:\s*code)?|voucher|discount|commande|facture|pedido|factura|bestellung|rechnung|bestellnummer|summe|gesamt)\s*[:#]/i;
/** A price: `$24.99`, `24,99 €`, `EUR 24.99`. */
const PRICE = /[$€£]\s?\d+(?:[.,]\d{2})?\b|\b\d+[.,]\d{2}\s?(?:€|EUR|USD|GBP)\b|\b(?:EUR|USD|GBP)\s?\d+(?:[.,]\d{2})?\b/;

/** "it looks like a shop's order, invoice, shipping notice or newsletter (...)", or '' when it does not. */
export function describeOrder(text: string): string {
  let lines = 0;
  let marks = 0;
  for (const s of contentHead(text)) {
    lines++;
    if (ORDER_LABEL.test(s) || PRICE.test(s)) marks++;
  }
  return marks >= 3 && marks * 4 >= lines
    ? `it looks like a shop's order confirmation, invoice, shipping notice or newsletter (${marks} of ${counted(lines, 'line')} name an order, a price, tracking or a coupon)`
    : '';
}
