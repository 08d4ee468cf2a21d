// A delivery saved as a web page (`order-5521.html`): the shop's order page, or an HTML mail's
// body saved on its own. It is read as the body of an HTML-only mail is (eml.ts): account tables
// become label lines (html-tables.ts), a Level column gives each account its level, the rest of
// the page is text for the registry's readers. Only the MIME wrapper is added here.
import { isMessengerPage, MESSENGER_PAGE } from './messenger-html.js';
import { mailHeaderCount } from '../decode.js';
import { headText, MAIL_HEAD, textHas } from '../streamed-input.js';
import { messageAt } from './eml.js';
import { MAX_HTML_DEPTH, tooDeepAt } from './html-depth.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

/** A page, not a text that mentions a tag: it opens like HTML, or holds a table with cells. */
export function detectHtml(input: DumpInput): number {
  // (A dump read in pieces, streamed-input.ts: its first lines, and its pieces asked for the tags.)
  const first = headText(input, MAIL_HEAD);
  const head = first.slice(0, 2000).trimStart();
  if (/^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>])/i.test(head)) return 0.9;
  // A mail's HTML part is the mail reader's (eml.ts), with its headers and charset.
  return textHas(input, /<table[\s>]/i) && textHas(input, /<\/t[dh]>/i) && mailHeaderCount(first) < 2 ? 0.9 : 0;
}

/** The charset a page declares (`<meta charset="windows-1252">` or its http-equiv form). */
function declaredCharset(text: string): string | undefined {
  const m = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(text.slice(0, 4000));
  return m?.[1];
}

export function createHtml(eml: DumpFormat): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    // Messenger's HTML download: every message read as the page's would import the buyer's copies (messenger-html.ts).
    if (isMessengerPage(input.text)) throw new DumpError(MESSENGER_PAGE, input.name, 1);
    // Elements opened without end, thousands deep: refused before any parser builds their tree (html-depth.ts).
    const deep = await tooDeepAt(input.text);
    if (deep !== undefined) throw new DumpError(`elements nested more than ${MAX_HTML_DEPTH} deep (tags opened and never closed, as no real page is); nothing of this page was read`, input.name, deep);
    // A page in a legacy charset is decoded by the mail reader from the bytes, as the page says;
    // one that says nothing is read as UTF-8, and a byte that is not becomes U+FFFD: an account
    // holding one is rejected (choose.ts), never imported as a guess.
    const charset = input.nonUtf8Lines ? (declaredCharset(input.text) ?? 'utf-8') : 'utf-8';
    const page = input.nonUtf8Lines ? input.bytes : Buffer.from(input.text, 'utf8');
    const bytes = Buffer.concat([Buffer.from(`Content-Type: text/html; charset=${charset}\r\n\r\n`, 'ascii'), page]);
    // The two lines of that wrapper are taken off every line named: the operator opens the page.
    const result = await eml.parse(messageAt({ name: input.name, bytes, text: `Content-Type: text/html\n\n${input.text}` }, -2), { page: true });
    if (result.accounts.length === 0 && result.rejected.length === 0 && !result.skipped?.length) throw new DumpError('no text in this page', input.name);
    return { ...result, format: result.format.replace(/^eml/, 'html') };
  }
  return { name: 'html', detect: detectHtml, parse };
}
