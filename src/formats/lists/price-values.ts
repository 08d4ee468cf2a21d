// `Total: $12.00`, `Price: 5.99 USD`, `Amount paid: €3`, `Сумма: 300 руб.`, `合计: 30.00 ￥`: a
// shop's label and an amount of money, in a receipt, an order mail or a delivery page. Split at its
// colon it is a login of letters and a password of a sign and digits, so a reader that knows only
// the English label words (`total`, `price`: line-kinds.ts' HEADER_WORDS) took `Сумма`, `Gebühr`
// or `Tổng` for a login. Whatever the label's words, in any script, an amount after it is no
// account: the label holds no digit (a PTC login nearly always does, and `ash01: $12.00` stays for
// the other rules to judge), the value is a number with a currency's sign, code or word.

/** Currency signs: the Unicode block's and the ones typed with letters (`R$`, `US$`, `C$`, `kr`). */
const SIGN = String.raw`(?:[A-Z]{1,2}\$|[$€£¥￥₽₩₹₺₫₴₱฿₿¢₪₦₲₵₡₮₸]|zł|kr|Kč|Ft|руб\.?|р\.|грн\.?|тг|lei|元|円|원|đ)`;
/** ISO 4217 codes and the coins sellers took (`USD`, `EUR`, `BTC`, `USDT`), upper case as receipts print them. */
const CODE = String.raw`(?:[A-Z]{3}|USDT|USDC)`;
/** An amount: digits grouped by `,` `.` a blank or `'`, decimals after `.` or `,` (`1,299.00`, `1.299,00`, `50.000`). */
const AMOUNT = String.raw`(?:\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+(?:[.,]\d{1,8})?|\d+(?:[.,]\d{1,8})?)`;
/** What a receipt writes after an amount: `(incl. VAT)`, `/each`, ` each`, ` per account`, `x 3`. */
const AFTER = String.raw`(?:\s*\([^()]{0,40}\)|\s*\/\s*\p{L}{1,12}|\s+(?:each|per\s+\p{L}{1,12}|x\s*\d{1,4}))?`;
const PRICE = new RegExp(String.raw`^[+\-−]?\s?(?:${SIGN}\s?[+\-−]?${AMOUNT}|${AMOUNT}\s?(?:${SIGN}|${CODE})|${CODE}\s?${AMOUNT})${AFTER}$`, 'u');
/** A label: words of letters in any script (marks, blanks, `.` `'` `-` `/` `()` between them), no digit, at most six words. */
const LABEL = /^\p{L}[\p{L}\p{M} .'’()/-]{0,47}$/u;

/** `value` (trimmed) is an amount of money: a number with a currency's sign, code or word. */
export function isPrice(value: string): boolean {
  return value.length <= 60 && /\d/.test(value) && PRICE.test(value);
}

/** `name: value` is a shop's label and a price (`Total: $12.00`, `Сумма: 300 руб.`): no account, whatever the label's words. */
export function isPriceLine(name: string, value: string): boolean {
  const n = name.trim();
  return LABEL.test(n) && n.split(/\s+/).length <= 6 && isPrice(value.trim());
}
