// How a reply marks what it quotes: `>` before each line (RFC 3676), or, without marks, a
// separator line above the quoted mail (Outlook, Gmail, their translations). The e-mail reader
// ranks each account by how deeply it is quoted, so a reply's own password is the correction.
import { stripEnd } from '../decode.js';

/**
 * Where a reply's quotation of an earlier mail begins without `>` marks: the separator lines mail
 * clients write above it (Outlook's `-----Original Message-----`, Gmail's `On ... wrote:`, their
 * German and French forms, a forwarded message, Apple Mail's `Begin forwarded message:`).
 * Everything below is older than the reply.
 */
const QUOTE_START = /^(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|forwarded message|weitergeleitete nachricht|message transféré)\s*-{2,}|begin forwarded message:|on .{4,200} wrote:|am .{4,200} schrieb .{1,200}:|le .{4,200} a écrit\s*:)$/i;

/**
 * The same attribution line as the mail clients of the other languages sellers and buyers wrote
 * in put it: `On DATE, NAME wrote:` in Polish, Dutch, German (verb last), Norwegian, Swedish and
 * Danish (the forms mailgun/talon's `talon/quotations.py` splits replies at), Spanish, Italian
 * and Portuguese (Gmail's `El ... escribió:`, `Il giorno ... ha scritto:`, `Em ... escreveu:`),
 * Russian (`... написал(а):`, `... пишет:`) and Chinese (`在 ... 写道：`, Gmail's `NAME 于DATE写道：`).
 */
const QUOTE_WORDS = /^(?:on|le|w dniu|op|am|på|den|el|il(?: giorno)?|em|в|в \S+|\d).{4,200}(?:wrote|sent|a écrit|napisał\(?a?\)?|schreef|verzond|geschreven|schrieb|skrev|escribió|ha scritto|escreveu|написал\(?а?\)?|пишет)\s*:$|^.{4,200}(?:写道|寫道)\s*[:：]$/iu;

/**
 * Where no word says "wrote": a line stating when and from which address (a date's numbers, a
 * time, an address) and ending with a colon, as Russian and Japanese clients and Gmail outside
 * English head a quotation (`12.09.2017, 10:00, "Shop" <shop@x>:`, `2017年9月12日(火) 10:00 Shop
 * <shop@x>:`, `2017-09-12 10:00 GMT+03:00 Shop <shop@x>:`; talon's date-and-address splitters).
 */
const DATED_FROM = /^(?=.*\d{1,2}:\d{2})(?=.*\d{4})(?=.*[^\s<>()"]+@[^\s<>()"]+\.\w+).{12,300}[:：]$/u;

/**
 * Outlook's quoted header block: a `From:` line followed by `Sent:` or `Date:` (the separator above
 * it may be gone), in Outlook's translations (talon's `talon/quotations.py` From/Date words):
 * `Von:`/`Gesendet:`, `De :`/`Envoyé :` (French puts a blank before the colon), `De:`/`Enviado:`,
 * `Da:`/`Inviato:`, `Van:`/`Verzonden:`, `Od:`/`Wysłano:`, `Fra:`/`Sendt:`, `Från:`/`Skickat:`, `От:`/`Отправлено:`;
 * and in Outlook's Asian and other translations: Japanese `差出人:`/`送信日時:`, Chinese `发件人:`/`发送时间:`
 * (Traditional `寄件者:`/`寄件日期:`), Korean `보낸 사람:`/`보낸 날짜:`, Turkish `Kimden:`/`Gönderildi:`,
 * Ukrainian `Від:`/`Надіслано:`, Czech `Od:`/`Odesláno:`, Hungarian `Feladó:`/`Elküldve:`, Portuguese
 * `Enviado em:`, Finnish `Lähettäjä:`/`Lähetetty:`, Vietnamese `Từ:`/`Đã gửi:`; the colon full-width too.
 */
const HEADER_FROM = /^(?:from|von|de|da|van|od|fra|från|от|від|kimden|feladó|lähettäjä|từ|差出人|发件人|發件人|寄件者|寄件人|보낸\s?사람)\s?[:：]\s*\S/iu;
const HEADER_SENT = /^(?:sent|date|datum|gesendet|envoyé|enviado(?: el| em)?|inviato|verzonden|wysłano|sendt|skickat|отправлено|дата|надіслано|gönderildi|tarih|odesláno|elküldve|lähetetty|đã\s+gửi|送信日時|日時|发送时间|發送時間|寄件日期|时间|時間|日期|보낸\s?날짜)\s?[:：]\s*\S/iu;
function isQuotedHeader(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(unquote(lines[i]!).s)) return false;
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) if (HEADER_SENT.test(unquote(lines[j]!).s)) return true;
  return false;
}

/**
 * The time stamp and sender a chat program puts before each message it copies: Skype's
 * `[14.11.2017 19:02:11] Seller: ` (or `[19:02:11] Seller: `), WhatsApp's exported chat
 * `14/11/2017, 19:02 - Seller: `. Sellers delivered in chats; the message is the line.
 */
export const CHAT_PREFIX = /^(?:\[(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\]|\d{1,2}[./]\d{1,2}[./]\d{2,4},\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s+-)\s+[^\s:[\]][^:[\]]{0,39}?:\s+(?=\S)/i;

/** How many `>` quote a line, and the line without them, a chat's time stamp and sender, its line-end padding and indent. */
export function unquote(raw: string): { s: string; depth: number; chat?: true } {
  const s = stripEnd(raw);
  const m = /^(?:\s*>)+/.exec(s);
  const t = (m ? s.slice(m[0].length) : s).trim();
  const chat = t.charCodeAt(0) === 91 || (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57) ? CHAT_PREFIX.exec(t) : null;
  const depth = m ? m[0].split('>').length - 1 : 0;
  return chat ? { s: t.slice(chat[0].length), depth, chat: true } : { s: t, depth };
}

/** A reply's attribution line in any of the forms above (asked only of a line with a colon at its end). */
function isAttribution(s: string): boolean {
  const last = s.charCodeAt(s.length - 1);
  return (last === 58 || last === 0xff1a) && (QUOTE_WORDS.test(s) || DATED_FROM.test(s));
}

/** Line `i` begins a quotation without `>` marks: a separator, or a quoted header block not right under one. */
export function startsQuotation(lines: string[], i: number): boolean {
  const s = unquote(lines[i]!).s;
  return QUOTE_START.test(s) || isAttribution(s) || (isQuotedHeader(lines, i) && !QUOTE_START.test(unquote(lines[i - 1] ?? '').s));
}
