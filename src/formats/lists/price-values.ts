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

// `L30 - $10`, `Level 30 - 10$`, `lvl 25-29 accounts: 5 USD each`, `10 accounts = 20€`: a seller's
// price list, a level or a count and what it costs (MyBB and Nulled sale threads, shop pages). Split
// at its dash or colon it is a login (`L30`) and a password (`$10`), and it was imported as such
// (blind round fourteen, docs/scale-log.md "Stop 65 (G2)"). No generator names a login only by a
// level or a count, and no password is only an amount with a currency.

/** A level's word in the languages sellers wrote, then its number (`L30`, `Lv.35`, `lvl 25`, `Nivel 30`, `уровень 30`). */
const LEVEL = String.raw`(?:l|lv|lvl|lev|level|nivel|niveau|livello|stufe|уровень|ур|лвл)\.?\s?\d{1,2}`;
/** A level or a range of them (`L25-L35`, `lvl 25-29`, `L30+`), or a count (`10`, `10x`, `x10`, `5 accounts`, `1-10 pcs`). */
const COUNT = String.raw`(?:\d{1,5}(?:\s?[-–]\s?\d{1,5})?\+?(?:\s?(?:x|pcs|accounts?|accts?|accs?))?|x\s?\d{1,5})(?:\s${LEVEL}\+?)?`;
const OFFER = new RegExp(String.raw`^(?:${LEVEL}(?:\s?[-–~/]\s?(?:${LEVEL}|\d{1,2}))?\+?|${COUNT})`, 'iu');
/** The same without a range: `Level 35 - 25$` is level 35 at 25$, not levels 35 to 25. */
const OFFER_ONE = new RegExp(String.raw`^(?:${LEVEL}\+?|${COUNT})`, 'iu');
const OFFER_WHOLE = new RegExp(OFFER.source + '$', 'iu');
/** A currency's sign, code or word somewhere in the line: a numbered list's line (`30 - ash01:Pw`) asks no more (~1 µs a line saved). */
const CURRENCY_ANYWHERE = new RegExp(SIGN + '|[A-Z]{3}', 'u');
/** What may stand between the offer and its price: words, blanks and separators, no digit (`accounts PTC -`, ` : `). */
const BETWEEN = /^[\s\p{L}\p{M}.,:;=|@>~()\-–—]*$/u;
/** A separator run alone (`-`, ` : `, `=`): the price may follow it without a blank (`L30:$10`). */
const SEP_ONLY = /^\s*[-–—:;=|@>~]+\s*$/;

/** `username` is a level or a count alone (`L30`, `Level 30`, `lvl 25-29`, `10x`) and `password` an amount with a currency. */
export function isPriceOffer(username: string, password: string): boolean {
  return username.length <= 24 && OFFER_WHOLE.test(username.trim()) && isPrice(password.trim());
}

/** The whole line (trimmed) is a price list's line: a level or a count, a few words, then a price (`L30 - $10`, `lvl 25-29 ... 5 USD`). */
export function isPriceListLine(s: string): boolean {
  if (s.length > 100) return false;
  const m = OFFER.exec(s);
  if (!m || !CURRENCY_ANYWHERE.test(s)) return false;
  if (pricedAfter(s.slice(m[0].length))) return true;
  const one = OFFER_ONE.exec(s);
  return one !== null && one[0].length < m[0].length && pricedAfter(s.slice(one[0].length));
}

/** `rest` (what follows the level or count) is a few words and separators, then a price. */
function pricedAfter(rest: string): boolean {
  // `L30acc:...`, `100ash:...`: the level's or count's digits run on into a login.
  if (rest === '' || /^[\p{L}\p{N}_]/u.test(rest)) return false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (!/[\s\-–—:;=|@>~]/.test(c)) continue;
    const between = rest.slice(0, i + 1);
    if (!BETWEEN.test(between)) return false;
    if (!/\s/.test(c) && !SEP_ONLY.test(between)) continue;
    if (isPrice(rest.slice(i + 1).trim())) return true;
  }
  return false;
}
