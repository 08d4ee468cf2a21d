// Facebook Messenger's conversation page from "Download Your Information" in its HTML format
// (`messages/inbox/NAME_ID/message_1.html`, a long thread split over message_2.html, ...:
// split-chat-files.ts), read as a chat (reader `messenger-html`): each message's sender, time and
// text, fed to the same reading as the JSON download's (messenger-json.ts: the title the seller of
// a two-person thread, the buyer's lines copies or refused, a later correction applied). Facebook's
// writer is closed; the markup is its readers' (code corpus files, no repository named with them):
// - 2018-2021: a message `<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">`, its sender
//   `<div class="_3-96 _2pio _2lek _2lel">`, its text `<div class="_3-96 _2let"><div><div></div>
//   <div>TEXT</div><div></div><div></div></div></div>`, its date `<div class="_3-94 _2lem">`
//   (files 45615588147, 31768540089, 38053462253: `'%d %b %Y, %H:%M'`; reactions in `<ul class="_tqp">`);
// - 2022 on: `<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder">` (later a `<section
//   class="_a6-g">`), the sender an `<h2 class="_3-95 _2pim _a6-h _a6-i">`, the text `<div
//   class="_3-95 _a6-p">` as above, the date `<div class="_3-94 _a6-o">` (files 56886371415,
//   34101064980, 21215885670, 68944155795: `_a6-o` nested in `_a72d`).
// Both write the messages newest first (21215885670 and 38053462253's readers reverse them): read
// in reverse document order, never by the date's text, which is in the exporter's language.
import { decodedReferences } from '../character-reference.js';
import type { NestedReader } from './eml.js';
import { DATA_FILE } from './discord-sides.js';
import { sidedThread } from './messenger-json.js';
import { oneChatReader } from './one-chat-reader.js';
import { chatParts, type ChatPart } from './split-chat-files.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { DumpError, type DumpFormat, type DumpInput } from '../types.js';

const NAME = 'messenger-html';

/**
 * Elements whose class list (an attribute in double quotes) holds one of the tokens. The tag is
 * matched with its whole class list, which is tested apart: one pattern for both took minutes on a
 * class attribute never closed (quadratic: 75 ms at 4,000 tokens, stop 67's review).
 */
interface Classed {
  readonly tag: RegExp;
  readonly token: RegExp;
}
const classed = (tag: string, tokens: string): Classed => ({
  tag: new RegExp(`<${tag}\\s+class="([^"<>]*)"[^<>]*>`, 'g'),
  token: new RegExp(`(?:^|\\s)(?:${tokens})(?:\\s|$)`),
});

/** Every element of `text` that `c` names, in document order. */
function* elements(text: string, c: Classed): Generator<RegExpMatchArray> {
  for (const m of text.matchAll(c.tag)) if (c.token.test(m[1]!)) yield m;
}

/** The first element of `text` that `c` names. */
function firstElement(text: string, c: Classed): RegExpMatchArray | undefined {
  for (const m of elements(text, c)) return m;
  return undefined;
}

/** A message's block: the 2018 layout's `_2lej` box, the 2022 one's `_a6-g`. */
const MESSAGE = classed('(?:div|section)', '_2lej|_a6-g');
const SENDER = classed('(?:div|h2)', '_2lel|_a6-h');
const TEXT = classed('div', '_2let|_a6-p');
const DATE = classed('div', '_2lem|_a6-o|_a72d');

/** Whether the page is Messenger's HTML download of a conversation: a sender and a text marked as Facebook marks them. */
export function isMessengerPage(text: string): boolean {
  return firstElement(text, SENDER) !== undefined && firstElement(text, TEXT) !== undefined && firstElement(text, MESSAGE) !== undefined;
}

/** The text of the page's HTML: a `<br>` or an element's end a line break, tags dropped, entities decoded. */
function shown(html: string): string {
  const text = decodedReferences(
    withoutLists(html)
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:div|p|h\d|li|section)>/gi, '\n')
      .replace(/<[^<>]*>/g, ''),
  );
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('\n');
}

const LIST_START = /<ul\b[^<>]*>/gi;
const LIST_END = /<\/ul>/gi;

/**
 * `html` without its lists (a message's reactions, `<ul class="_tqp">`), each from its start to the
 * first end after it; from a list never ended on, the rest is kept. One pass: a lazy pattern for
 * it was quadratic on many starts never ended (1.2 s at 40,000, stop 67's review).
 */
function withoutLists(html: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    LIST_START.lastIndex = at;
    const start = LIST_START.exec(html);
    if (!start) break;
    LIST_END.lastIndex = start.index + start[0].length;
    const end = LIST_END.exec(html);
    if (!end) break;
    out += html.slice(at, start.index);
    at = end.index + end[0].length;
  }
  return out + html.slice(at);
}

const lineAt = (text: string, at: number, from: { at: number; line: number }) => {
  let line = from.line;
  for (let k = from.at; k < at; k++) if (text.charCodeAt(k) === 10) line++;
  from.at = at;
  from.line = line;
  return line;
};

/** The page's messages in document order (newest first), each its sender, text and file line. */
function pageMessages(text: string, page: string | undefined): TelegramMessage[] {
  const starts = [...elements(text, MESSAGE)].map((m) => m.index!);
  const out: TelegramMessage[] = [];
  const counted = { at: 0, line: 1 };
  for (const [i, start] of starts.entries()) {
    const block = text.slice(start, starts[i + 1] ?? text.length);
    const line = lineAt(text, start, counted);
    const sender = firstElement(block, SENDER);
    const body = firstElement(block, TEXT);
    const m: TelegramMessage = { id: '', line, type: 'message', parts: [], entities: [], ...(page !== undefined ? { page } : {}) };
    if (sender) {
      const end = block.indexOf('</', sender.index! + sender[0].length);
      m.from = shown(block.slice(sender.index! + sender[0].length, end < 0 ? undefined : end));
    }
    if (body) {
      const from = body.index! + body[0].length;
      const date = firstElement(block.slice(from), DATE);
      const html = block.slice(from, date ? from + date.index! : undefined);
      const said = shown(html);
      if (said !== '') m.parts.push({ text: said, line: lineAt(text, start + from, counted) });
      // A file the message carries is a link to the export's `files/` folder: its accounts are not on the page.
      const data = [...html.matchAll(/<a\s+href="([^"]*)"/gi)].map((a) => decodedReferences(a[1]!).replace(/^.*\//, '')).filter((n) => DATA_FILE.test(n) && !/^https?:/i.test(n));
      if (data.length > 0) m.unread = `it carries ${data.join(', ')}, which the export keeps in the conversation's \`files\` folder: what ${data.length === 1 ? 'it holds' : 'they hold'} is not read here; import ${data.length === 1 ? 'that file' : 'those files'} too`;
    }
    out.push(m);
  }
  return out;
}

const TITLE = /<title>([^<]*)<\/title>/i;

/** The conversation of one or more pages (oldest file first) as one chat, oldest message first. */
export function messengerPages(parts: readonly ChatPart[]): TelegramChat | undefined {
  const messages: TelegramMessage[] = [];
  let title: string | undefined;
  for (const part of parts) {
    if (!isMessengerPage(part.text)) return undefined;
    const page = pageMessages(part.text, part.page);
    for (let k = page.length - 1; k >= 0; k--) messages.push(page[k]!);
    const t = TITLE.exec(part.text.slice(0, 4000))?.[1];
    // The newest file's title (read last).
    if (t !== undefined) title = decodedReferences(t).trim();
  }
  if (messages.length === 0) return undefined;
  messages.forEach((m, i) => (m.id = String(i + 1)));
  return sidedThread(messages, title, undefined, 0);
}

const WHAT = 'a Messenger conversation Facebook split over several pages (message_1.html the newest)';

function chatOf(input: DumpInput): TelegramChat | DumpError | undefined {
  if (!isMessengerPage(input.text)) return undefined;
  const parts = chatParts(input, WHAT);
  return parts instanceof DumpError ? parts : messengerPages(parts);
}

/** The html reader's word when forced on such a page (`--format html`). */
export const MESSENGER_PAGE = `is Facebook Messenger's conversation page from "Download Your Information" (HTML): read as a page, the buyer's own messages would give accounts as the seller's do; nothing of it is imported; import it without --format (reader messenger-html reads it message by message, the seller's side told from the buyer's)`;

export function createMessengerHtml(readNested: NestedReader): DumpFormat {
  // Above the page reader's 0.9 (html.ts): read as one letter, the buyer's copies were deliveries.
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.97, notThis: "is not Facebook Messenger's HTML conversation page (messages marked `_2lej` or `_a6-g`, senders `_2lel` or `_a6-h`, texts `_2let` or `_a6-p`)" });
}
