// The labels seller mails put before account fields: `Username:`, `PTC Login -`, `Pass =`,
// `E-mail:`, `Level:`, in English and German, numbered or not; and what ends an account's block.
// Shared by the e-mail text reader and the HTML table reader (html-tables.ts).
import { isTrainerLevel } from '../../model.js';
import { LEVEL_WORDS } from '../lists/level-words.js';
import { FOREIGN_LEVEL, FOREIGN_MAIL, FOREIGN_PASS, FOREIGN_USER, LABEL_END } from './foreign-labels.js';

/**
 * `ID:` above `PW:` / `パスワード:`, as Japanese and Korean shops label a login. Also an order's or
 * a payment's number (`ID: 48211`), so it is a label only where a password's label follows it
 * (email-text.ts asks `isSoftUserLabel`).
 */
const SOFT_USER = 'id';
export function isSoftUserLabel(label: string): boolean {
  return label.toLowerCase() === SOFT_USER;
}

// `Acc 3:` / `Acc. 3 -`: the short form of `Account 3`, as shops' templates numbered accounts.
const USER = String.raw`ptc[\s_-]*user[\s_-]*name|ptc[\s_-]*login|ptc[\s_-]*user|ptc[\s_-]*account|user[\s_-]?name|login(?:[\s_-]*name)?|user|account(?:[\s_-]*name)?|acc\.?(?=\s*#?\d)|benutzer(?:[\s_-]*name)?|nutzername|${FOREIGN_USER}|${SOFT_USER}`;
// `Passwort`, `Kennwort`, `Benutzername`: German shops sold many of these accounts.
export const PASS = String.raw`password|passwort|kennwort|passwd|pass|pwd|pw|${FOREIGN_PASS}`;
const MAIL = String.raw`e-?mail(?:[\s_-]*address)?|${FOREIGN_MAIL}`;
// `Niveau:`, `Nivel:`, `Stufe:` too: the level words of every language sellers wrote (level-words.ts).
const LEVEL = String.raw`(?:trainer[\s_-]*|account[\s_-]*)?level|${LEVEL_WORDS}|${FOREIGN_LEVEL}`;
// Optional list marker or numbering before the label (`3. Username:`, `#3 Username:`, `- Login:`),
// optional number after it (`Account 3:`, `Password #3 =`, `Account 3)`), then `:`, `=` or a dash. The number
// must stand apart from the label, or every `user1:pass1` list line would read as a label.
export const LABEL_LINE = new RegExp(
  String.raw`^(?:#?\d{1,4}[.):]?\s+|[-*•]\s*)?(${USER}|${PASS}|${MAIL}|${LEVEL})(?:(?:\s+(?:#|no\.?\s*)?\d{1,4}|\s*#\d{1,4})\s*(?:${LABEL_END}|\))|\s*${LABEL_END})\s*(.*)$`,
  'i',
);
const PASS_LABEL = new RegExp(`^(?:${PASS})$`, 'i');
const MAIL_LABEL = new RegExp(`^(?:${MAIL})$`, 'i');
const LEVEL_LABEL = new RegExp(`^(?:${LEVEL})$`, 'i');
/** `Username: x Password: y` on one line (also with `|`, `/`, `,`, `;` or a dash between blanks). */
export const SAME_LINE_PASS = new RegExp(String.raw`^([^\s|/,;]+)(?:\s*[|/,;]\s*|\s+[-–]\s+|\s+)(?:${PASS})\s*${LABEL_END}\s*(.*)$`, 'i');
/**
 * The labels that may follow a password on its line (`Password: x Email: x@mail.example`,
 * `Pass: x | E-mail: y | E-mail password: z | Level: 30`), as account creators and shop templates
 * print a whole account on one line: where the first of them starts, the password has ended.
 */
const AFTER_PASS = new RegExp(String.raw`(?<![ 	])[,;]?[ 	]+(?:[|/,;-][ 	]*)?(?:${MAIL}|recovery(?:[\s_-]*${MAIL})?|${LEVEL}|dob|birthday|country)(?:[\s_-]*(?:${PASS}))?[ 	]*[:：=]`, 'i');

/** The password of a label line and what its line says after it (`Email: ...`, `Level: 30`), or the value alone. */
export function passwordAndRest(value: string): { password: string; rest: string } {
  const m = AFTER_PASS.exec(value);
  return m && m.index > 0 ? { password: value.slice(0, m.index), rest: value.slice(m.index) } : { password: value, rest: '' };
}

/** A numbering line that opens the next account: `Account 3`, `Account No. 3`, `#3`, `3.`, or a rule `-----`. */
export const BOUNDARY = /^(?:(?:account|acc\.?)\s*)?(?:#|no\.?\s*)?\d{1,4}\s*[:.)-]?$|^[-=*_]{3,}$/i;
/** Words that start `Word:value` lines in mails without being usernames. */
export const STOPWORDS = new Set(
  'order,order#,total,subtotal,tax,vat,price,qty,quantity,amount,date,time,tel,phone,fax,mobile,invoice,ref,id,status,note,ps,re,fw,fwd,subject,from,to,cc,paypal,transaction,txn,http,https,mailto,www,web,website,support,discord,skype,telegram,payment,shipping,delivery,level,team,region,country,code,coupon,promo,voucher,discount'.split(','),
);

const MAIL_HEADER = new Set(['from', 'to', 'cc', 'bcc', 'date', 'sent', 'subject', 'reply-to', 'von', 'an', 'gesendet', 'betreff', 'datum']);

/**
 * A mail's own line, no setting: a header of a forwarded or quoted mail pasted as text (`From:
 * Shop <noreply@...>`, `Sent: ...`), a shop's order or contact label (`Discord: Shop#1234`), or
 * the `-- ` that opens a signature (RFC 3676, 4.3).
 */
export function isMailChrome(s: string): boolean {
  if (s.trimEnd() === '--') return true;
  const m = /^([A-Za-z-]+)[ \t]*:[ \t]*\S/.exec(s);
  const word = m?.[1]!.toLowerCase();
  return word !== undefined && (MAIL_HEADER.has(word) || STOPWORDS.has(word));
}

export type Label = 'user' | 'pass' | 'mail' | 'level';

export function labelKind(label: string): Label {
  const l = label.replace(/\s+/g, '');
  return PASS_LABEL.test(l) ? 'pass' : MAIL_LABEL.test(label) ? 'mail' : LEVEL_LABEL.test(label) ? 'level' : 'user';
}

const CELL_LABEL = new RegExp(String.raw`^(${USER}|${PASS}|${MAIL}|${LEVEL})\s*${LABEL_END}?$`, 'i');

/** What a table cell that says only `Username`, `Password:`, `E-mail`, `Level` ... labels (html-tables.ts). */
export function cellLabel(cell: string): Label | undefined {
  const m = CELL_LABEL.exec(cell.trim());
  return m ? labelKind(m[1]!) : undefined;
}

const LEVEL_VALUE = new RegExp(String.raw`^(?:(?:${LEVEL_WORDS}|l)\.?\s*)?(\d{1,2})\b`, 'i');

/** The level a `Level:` label gives: a whole number from 1 to 50 (`30`, `30+`, `Lvl 30`, `Lv. 30`, `L30`). */
export function levelValue(value: string): number | undefined {
  const m = LEVEL_VALUE.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  return isTrainerLevel(n) ? n : undefined;
}
