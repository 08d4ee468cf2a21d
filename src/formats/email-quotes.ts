// How a reply marks what it quotes: `>` before each line (RFC 3676), or, without marks, a
// separator line above the quoted mail (Outlook, Gmail, their translations). The e-mail reader
// ranks each account by how deeply it is quoted, so a reply's own password is the correction.
import { stripEnd } from './decode.js';

/**
 * Where a reply's quotation of an earlier mail begins without `>` marks: the separator lines mail
 * clients write above it (Outlook's `-----Original Message-----`, Gmail's `On ... wrote:`, their
 * German and French forms, a forwarded message). Everything below is older than the reply.
 */
const QUOTE_START = /^(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|forwarded message|weitergeleitete nachricht|message transféré)\s*-{2,}|on .{4,200} wrote:|am .{4,200} schrieb .{1,200}:|le .{4,200} a écrit\s*:)$/i;

/** Outlook's quoted header block: a `From:` line followed by `Sent:` or `Date:` (the separator above it may be gone). */
function isQuotedHeader(lines: string[], i: number): boolean {
  if (!/^from:\s*\S/i.test(unquote(lines[i]!).s)) return false;
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) if (/^(?:sent|date|gesendet|envoyé):\s*\S/i.test(unquote(lines[j]!).s)) return true;
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

/** Line `i` begins a quotation without `>` marks: a separator, or a quoted header block not right under one. */
export function startsQuotation(lines: string[], i: number): boolean {
  const s = unquote(lines[i]!).s;
  return QUOTE_START.test(s) || (isQuotedHeader(lines, i) && !QUOTE_START.test(unquote(lines[i - 1] ?? '').s));
}
