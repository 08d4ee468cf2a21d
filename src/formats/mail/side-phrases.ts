// What a seller and a buyer say in a chat, in the languages 2017-2018 account sellers wrote in
// (English, German, Spanish, Portuguese, Russian, French), for chat-sides.ts to take a renamed
// chat's sides from. Each phrase is one a careful reader takes for that side alone: delivering
// ("hier sind deine Accounts", "voici vos comptes", "вот ваши аккаунты"), taking the money ("pago
// recibido"), paying in the first person ("paguei", "оплатил"), complaining ("no funciona", "не
// работает"), asking to buy ("quanto custa"). Words either side says ("bezahlt" alone: "paid?"
// or "paid, thanks") are left out; a phrase followed by `?` is a question and says nothing of who
// paid. Each is named in a reason by a fixed English label and its language, never by the line,
// which may hold a password. Letters past ASCII are no `\w`, so the edges of such words are
// `(?<!\p{L})` / `(?!\p{L})` (the `u` flag).

export type Phrase = [RegExp, string];

/** `source` as a case-blind pattern whose words end at a letter's edge in any script. */
const words = (source: string) => new RegExp(String.raw`(?<![\p{L}\d])(?:${source})(?![\p{L}\d])`, 'iu');

/** Not a question: no `?` right after. */
const STATED = String.raw`(?! *\?)`;
/** A question: a `?` within a few words. */
const ASKED = String.raw`(?=[^.!\n]{0,20}\?)`;
/** Not said of what may happen ("if it does not work, tell me" is the seller's). */
const NOT_IF = String.raw`(?<!(?:\bif|\bwenn|\bfalls|\bsi|если)[^.!?\n]{0,20})`;

export const SELLER_SAYS: Phrase[] = [
  [/\bhere(?:'s| is| are|re)\b[^.!?\n]{0,30}\b(?:accounts?|accs?|accts?|logins?|order|details)\b/i, 'here are the accounts'],
  [/\byour (?:accounts?|accs?|accts?|logins?|order)\b[^.!?\n]{0,20}(?:below|attached|ready|are|is|:)/i, 'your accounts are'],
  [/\benjoy\b/i, 'enjoy'],
  [/\bas (?:promised|ordered)\b/i, 'as promised'],
  [/\bthanks?(?: you)? for (?:your |the )?(?:purchase|order|buying|business|payment)\b/i, 'thanks for your order'],
  [/\b(?:payment|money|funds) (?:received|confirmed|arrived)\b|\bgot (?:your|the) (?:payment|money|btc|transfer)\b/i, 'payment received'],
  [/\bnew password (?:for|of|is)\b/i, 'new password for'],
  // German
  [words(String.raw`hier (?:sind|ist|hast du|habt ihr) (?:(?:deine|ihre|eure|die|dein|ihr|euer) )?(?:\d+ )?(?:accounts?|accs?|zugangsdaten|logins?|bestellung)`), 'here are the accounts (German)'],
  [words(String.raw`viel spa(?:ß|ss)`), 'enjoy (German)'],
  [words(String.raw`danke (?:dir |euch )?f(?:ü|ue)r (?:deinen |ihren |den |die |deine |ihre )?(?:kauf|einkauf|bestellung|zahlung)`), 'thanks for your order (German)'],
  [words(String.raw`(?:zahlung|geld|überweisung) (?:ist )?(?:erhalten|eingegangen|angekommen|bestätigt)`), 'payment received (German)'],
  [words(String.raw`neues (?:passwort|kennwort|pw) (?:f(?:ü|ue)r|von|ist)`), 'new password for (German)'],
  // Spanish
  [words(String.raw`aqu[ií] (?:tienes|tiene|ten[eé]is|est[aá]n?|van) (?:(?:tus|sus|las|los|el|la|tu|su) )?(?:\d+ )?(?:cuentas?|datos|accesos|pedido)`), 'here are the accounts (Spanish)'],
  [words(String.raw`disfr[uú]ta(?:la|lo|las|los|d)?`), 'enjoy (Spanish)'],
  [words(String.raw`gracias por (?:tu |su |la )?(?:compra|pedido|pago)`), 'thanks for your order (Spanish)'],
  [words(String.raw`pago (?:recibido|confirmado)|(?:he )?recib[ií] (?:el |tu |su )?(?:pago|dinero)`), 'payment received (Spanish)'],
  [words(String.raw`nueva contrase[ñn]a (?:para|de|es)`), 'new password for (Spanish)'],
  // Portuguese
  [words(String.raw`(?:aqui (?:est[aã]o|est[aá]|vai|v[aã]o)|seguem?) (?:(?:as|os|suas|seus|sua|seu|tuas|teus|a|o) )?(?:\d+ )?(?:contas?|dados|acessos|pedido)`), 'here are the accounts (Portuguese)'],
  [words(String.raw`aproveit[ea]m?`), 'enjoy (Portuguese)'],
  [words(String.raw`obrigad[oa] pel[ao] (?:sua |tua )?(?:compra|pedido|pagamento|prefer[eê]ncia)`), 'thanks for your order (Portuguese)'],
  [words(String.raw`pagamento (?:recebido|confirmado)|recebi (?:o |seu |teu )?(?:pagamento|dinheiro)`), 'payment received (Portuguese)'],
  [words(String.raw`nova senha (?:para|de|da|do|[eé])`), 'new password for (Portuguese)'],
  // Russian
  [words(String.raw`(?:вот|держи(?:те)?) (?:(?:ваши|твои|ваш|твой) )?(?:\d+ )?(?:аккаунты|аккаунт|акки|акк|логины|заказ)`), 'here are the accounts (Russian)'],
  [words(String.raw`приятной игры|пользуйтесь`), 'enjoy (Russian)'],
  [words(String.raw`спасибо за (?:покупку|заказ|оплату)`), 'thanks for your order (Russian)'],
  [words(String.raw`(?:оплата|деньги|платёж|платеж) (?:получен[аы]?|пришл[аи]|пришёл|пришел)|(?:оплату|деньги) получил`), 'payment received (Russian)'],
  [words(String.raw`новый пароль (?:для|от|на)`), 'new password for (Russian)'],
  // French
  [words(String.raw`voici (?:(?:vos|tes|les|ton|votre|le|la) )?(?:\d+ )?(?:comptes?|identifiants|acc[eè]s|commande)`), 'here are the accounts (French)'],
  [words(String.raw`bon jeu|profite[sz]? bien|amusez-vous bien`), 'enjoy (French)'],
  [words(String.raw`merci pour (?:votre |ton |ta |l'|le |la )?(?:achat|commande|paiement)`), 'thanks for your order (French)'],
  [words(String.raw`paiement (?:re[çc]u|confirm[ée])|j'ai (?:bien )?re[çc]u (?:le |ton |votre )?(?:paiement|virement|argent)`), 'payment received (French)'],
  [words(String.raw`nouveau mot de passe (?:pour|de|du|est)`), 'new password for (French)'],
];

export const BUYER_SAYS: Phrase[] = [
  [/\b(?:paid|sent (?:you )?(?:the )?(?:payment|money|\$ ?\d+|\d+ ?(?:\$|usd|eur|€|btc)|btc|eth|paypal))(?!\w)(?! *\?)|\bpayment (?:sent|done|made)\b(?! *\?)/i, 'paid'],
  [/\b(?:i(?:'d| would)? (?:like|want) to (?:buy|order|get)|can i (?:buy|order|get)|how much (?:for|is|are))\b/i, 'can I buy'],
  [new RegExp(String.raw`${NOT_IF}\b(?:does ?n[o']?t|do ?n[o']?t|not|won'?t|can'?t|cannot|isn'?t|aren'?t) (?:work|working|log ?in|login|sign ?in)\b`, 'i'), 'does not work'],
  [/\b(?:wrong|incorrect|invalid) (?:password|pass|pw|login|credentials)\b/i, 'wrong password'],
  [/\bis (?:this|that) (?:one )?(?:yours|from you)\b|\bare (?:these|those) (?:yours|from you)\b/i, 'is this one yours'],
  [/\b(?:banned|locked|suspended)\b(?=[^.!\n]{0,20}\?)/i, 'banned?'],
  [/\b(?:can you |could you |pls |please )?check (?:these|this|them|it|my)\b/i, 'check these'],
  // German
  [words(String.raw`(?:ich )?hab(?:e)? (?:schon |gerade |jetzt )?(?:bezahlt|gezahlt|(?:ü|ue)berwiesen)|zahlung (?:ist raus|gesendet|geschickt)`), 'paid (German)'],
  [words(String.raw`(?:ich )?(?:m(?:ö|oe)chte|will|w(?:ü|ue)rde gerne?)[^.!?\n]{0,25}(?:kaufen|bestellen)|kann ich[^.!?\n]{0,25}kaufen|was kost(?:et|en)|wie ?viel (?:kostet|kosten|f(?:ü|ue)r)`), 'can I buy (German)'],
  [words(String.raw`${NOT_IF}(?:(?:funktioniert|geht|klappt) (?:leider )?nicht|kann mich nicht (?:einloggen|anmelden)|login (?:geht|klappt) nicht)`), 'does not work (German)'],
  [words(String.raw`falsche[sn]? (?:passwort|kennwort|zugangsdaten)|(?:passwort|kennwort) (?:ist )?falsch`), 'wrong password (German)'],
  [words(String.raw`(?:gebannt|gesperrt)${ASKED}`), 'banned? (German)'],
  // Spanish
  [words(String.raw`(?:ya )?(?:he pagado|pagu[eé]|te pagu[eé])${STATED}|pago (?:enviado|hecho|realizado)${STATED}|te (?:envi[eé]|mand[eé]) (?:el pago|el dinero)`), 'paid (Spanish)'],
  [words(String.raw`(?:quiero|quisiera|me gustar[ií]a) (?:comprar|pedir)|puedo comprar|cu[aá]nto (?:cuesta|cuestan|vale|valen|por|es)`), 'can I buy (Spanish)'],
  [words(String.raw`${NOT_IF}(?:no (?:me )?(?:funciona|funcionan|sirve|sirven|anda|entra)|no puedo (?:entrar|iniciar sesi[oó]n|loguearme))`), 'does not work (Spanish)'],
  [words(String.raw`contrase[ñn]a (?:incorrecta|equivocada|err[oó]nea|mal)`), 'wrong password (Spanish)'],
  [words(String.raw`(?:baneada|baneado|bloqueada|bloqueado|suspendida|suspendido)${ASKED}`), 'banned? (Spanish)'],
  // Portuguese
  [words(String.raw`(?:j[aá] )?(?:paguei|te paguei)${STATED}|pagamento (?:enviado|feito|realizado)${STATED}|(?:fiz|mandei) o (?:pagamento|pix|dinheiro)`), 'paid (Portuguese)'],
  [words(String.raw`(?:quero|queria|gostaria de) comprar|posso comprar|quanto (?:custa|custam|[eé]|fica|por)`), 'can I buy (Portuguese)'],
  [words(String.raw`${NOT_IF}(?:n[aã]o (?:est[aá] )?(?:funciona|funcionam|funcionando|entra|loga)|n[aã]o consigo (?:entrar|logar))`), 'does not work (Portuguese)'],
  [words(String.raw`senha (?:errada|incorreta|inv[aá]lida)`), 'wrong password (Portuguese)'],
  [words(String.raw`(?:banida|banido|bloqueada|bloqueado|suspensa|suspenso)${ASKED}`), 'banned? (Portuguese)'],
  // Russian
  [words(String.raw`(?:я )?(?:оплатил[аи]?|перев[её]л[аи]?|скинул[аи]? деньги|отправил[аи]? деньги)${STATED}`), 'paid (Russian)'],
  [words(String.raw`(?:хочу|можно|хотел бы|хотела бы) (?:купить|заказать)|сколько (?:стоит|стоят|за)`), 'can I buy (Russian)'],
  [words(String.raw`${NOT_IF}(?:не (?:работает|работают|заходит|входит|пускает)|не могу (?:войти|зайти))`), 'does not work (Russian)'],
  [words(String.raw`(?:неверный|неправильный) пароль|пароль (?:неверный|неправильный|не подходит)`), 'wrong password (Russian)'],
  [words(String.raw`(?:забанен|забанили|заблокирован|бан)${ASKED}`), 'banned? (Russian)'],
  // French
  [words(String.raw`j'ai (?:bien |d[ée]j[àa] )?(?:pay[ée]|r[ée]gl[ée]|envoy[ée] (?:le paiement|l'argent|les sous))${STATED}|paiement (?:envoy[ée]|effectu[ée]|fait)${STATED}`), 'paid (French)'],
  [words(String.raw`(?:je voudrais|je veux|j'aimerais) (?:acheter|commander)|(?:est-ce que )?je peux acheter|combien (?:pour|co[uû]te|co[uû]tent|[çc]a co[uû]te)`), 'can I buy (French)'],
  [words(String.raw`${NOT_IF}(?:(?:ne )?(?:marche|marchent|fonctionne|fonctionnent) pas|je n'arrive pas [àa] (?:me connecter|me log))`), 'does not work (French)'],
  [words(String.raw`mot de passe (?:incorrect|invalide|erron[ée]|faux)|mauvais mot de passe`), 'wrong password (French)'],
  [words(String.raw`(?:banni|bannie|bloqu[ée]|suspendu)${ASKED}`), 'banned? (French)'],
];
