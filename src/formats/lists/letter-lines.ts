// The lines a person writes around a delivery: a greeting (`Hi John,`, `Hello!`, `Dear customer,`)
// and a sign-off (`Thanks`, `Best regards, Mike`, or `Best regards,` above the name alone), as
// shops' delivery mails open and close (extremeframework/extremeframework
// admin/templates/.email.jvzoo.first-purchase.tpl: `Hello NAME,` ... `Support Team`;
// tahir-salim/pttr_load_board resources/views/emails/send-user-info.blade.php: `Warm regards,`).
// Such a line holds no separator an account needs, or a name after its comma; the list readers
// rejected `Hello!` and `Thanks` as logins without a password, noise that made an operator distrust
// the preview. They are prose, read past as a mail's sentences are. Letters only: a line with a
// digit (`Thanks ash01`) is never one. `Support Team` and `We hope you enjoy the service!` close
// the extremeframework template named above.

/** A name, `there` or `customer` after the greeting word: up to three words of letters. */
const WORDS = String.raw`(?:[ \t]+[\p{L}][\p{L}.'’-]*){0,3}`;
const GREETING = new RegExp(
  String.raw`^(?:hi|hello|hey|hiya|howdy|dear|greetings|good[ \t]+(?:morning|afternoon|evening|day)|hallo|hola|bonjour|buongiorno|ciao|ol[áa]|hej|moin|servus|привет|здравствуйте)${WORDS}[ \t]*[,!.:]*$`,
  'iu',
);
const SIGN_OFF = new RegExp(
  String.raw`^(?:(?:best|kind|warm|warmest|many|with)[ \t]+(?:regards|wishes|thanks)|regards|thanks?(?:[ \t]+(?:you|again|a[ \t]+lot|so[ \t]+much))?|thx|cheers|sincerely|yours(?:[ \t]+(?:truly|sincerely))?|enjoy|have[ \t]+fun|good[ \t]+luck|best|take[ \t]+care|mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en|viele[ \t]+gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|saludos|merci|danke|gracias|obrigado|grazie|спасибо|с[ \t]+уважением|(?:the[ \t]+)?(?:support|sales|shop|store|customer[ \t]+service)[ \t]+team|(?:we[ \t]+)?hope[ \t]+you[ \t]+(?:enjoy|like|love))(?:[ \t]*,)?${WORDS}[ \t]*[,!.:)]*$`,
  'iu',
);
/**
 * A shop's team signing a delivery (`Support Team`, `The PokeShop Team`, `PokeShop Support`,
 * `Customer Service`), as delivery templates close (extremeframework's `Support Team`;
 * wp-premium/memberpress-business app/views/emails/user_product_welcome.php: `Cheers!` / `The {$blog_name} Team`).
 */
const TEAM = /^(?:the[ \t]+)?(?:\p{L}[\p{L}.'’-]*[ \t]+){0,2}(?:team|support|service|customer[ \t]+(?:service|support|care))[ \t]*[.!]?$/iu;
/** The name a sign-off's own line leaves to the next (`Best regards,` / `Mike`): capitalised words of letters. */
const NAME = /^\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,2}$/u;

/**
 * An order's title above its accounts or their table (`Order 4821`, `Invoice #12`, `Order #4821 -
 * 2x Level 30`, `Batch 3 - 20 accounts`): the order's word, its number, perhaps a few words after
 * a dash or a bar. No `:` `;` `,` `/` or `@` after the number, so no account hides in one.
 */
const ORDER_TITLE =
  /^(?:your[ \t]+)?(?:order|invoice|batch|delivery|purchase|receipt|bestellung|rechnung|lieferung|pedido|factura|commande|facture|заказ)[ \t]*(?:#|no\.?|nr\.?|number|id)?[ \t]*[:#]?[ \t]*\d{1,12}(?:[ \t]*[-–—|(][ \t]*[\p{L}\d#.×+ \t()-]*)?[ \t]*[:.!]?$/iu;

/** Whether `s` (trimmed) is an order's title (`Order 4821`, `Invoice #12`, `Batch 3 - 20 accounts`). */
export function isOrderTitle(s: string): boolean {
  return s.length <= 60 && ORDER_TITLE.test(s);
}

/** Whether `s` (trimmed) is a letter's greeting or sign-off, or the name under a sign-off `previous` (the line with content above). */
export function isLetterLine(s: string, previous: string): boolean {
  if (s.length > 60 || /\d/.test(s)) return false;
  if (GREETING.test(s) || SIGN_OFF.test(s) || TEAM.test(s)) return true;
  return NAME.test(s) && /,$/.test(previous) && SIGN_OFF.test(previous.trim());
}

/**
 * Whether the content lines (`isBlank` tells the others) are framed as a letter: the first is a
 * greeting or an order's title (`Order 4821`, as a delivery opens), or one of the last two is a sign-off (or the name under one). Only the ends are
 * read: a list of 100,000 lines costs four lines.
 */
export function isLetterFramed(lines: readonly string[], isBlank: (s: string) => boolean): boolean {
  const content: number[] = [];
  for (let i = 0; i < lines.length && content.length < 1; i++) if (!isBlank(lines[i]!)) content.push(i);
  if (content.length === 0) return false;
  if (isLetterLine(lines[content[0]!]!, '') || isOrderTitle(lines[content[0]!]!)) return true;
  const last: number[] = [];
  for (let i = lines.length - 1; i > content[0]! && last.length < 3; i--) if (!isBlank(lines[i]!)) last.push(i);
  // last[0] is the last line, last[1] the one above, last[2] above that (the previous of last[1]).
  return (last.length >= 1 && isLetterLine(lines[last[0]!]!, last.length >= 2 ? lines[last[1]!]! : '')) || (last.length >= 2 && isLetterLine(lines[last[1]!]!, last.length >= 3 ? lines[last[2]!]! : ''));
}

/**
 * A letter's sentence the list reader reads past: no word in it mixes letters and digits, as a
 * login (`ash01`) or a password (`Pika2017`) does. `You got 2 accounts, enjoy.` is one; `Ask for
 * ash01 if one fails.` is shown, as it may hold an account.
 */
export function isLetterSentence(s: string): boolean {
  return !/[A-Za-z][^\s]*\d|\d[^\s]*[A-Za-z]/.test(s);
}
