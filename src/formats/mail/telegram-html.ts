// Telegram Desktop's chat export as HTML (`messages.html`, `messages2.html`, ... of 1,000 messages
// each), as telegramdesktop/tdesktop `Telegram/SourceFiles/export/output/export_output_html.cpp`
// writes it: each message a `<div class="message default clearfix" id="message104">` (`... joined`
// when it follows the same sender's within 15 minutes: then it has no `from_name` of its own),
// its sender in `<div class="from_name">`, `<div class="reply_to details">In reply to <a
// href="#go_to_message105" ...>`, its text on one line in `<div class="text">` (line breaks as
// `<br>`, `pre` and `code` entities as `<pre>` and `<code>`, `& " ' < >` as entities). Read as a
// plain page, the whole chat was one letter: the buyer's copies of the accounts were deliveries.
// Here each message is read as the JSON export's are (telegram-json.ts). The page names no
// sender's id: the chat's title (`page_header`) is the other side of a personal chat when a sender
// has that name, and every other sender is then the exporter; a group's page names no exporter.
import type { TelegramChat, TelegramExport, TelegramMessage } from './telegram-export.js';
import { decodedReferences } from '../character-reference.js';

const MESSAGE = /<div class="message default clearfix( joined)?" id="message(\d+)">/g;
const TITLE = /<div class="page_header">[\s\S]{0,400}?<div class="text bold">\s*([^<]*?)\s*<\/div>/;

/** Whether the page is Telegram Desktop's export of a chat. */
export function isTelegramPage(text: string): boolean {
  return text.includes('<div class="page_body chat_page">') && /<div class="message default clearfix(?: joined)?" id="message\d+">/.test(text);
}

/** The text of HTML the exporter wrote: its entities decoded, `<br>` a line break, tags dropped. */
function pageText(html: string): string {
  return decodedReferences(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/?pre>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

/** A document the message carries (`pushGenericMedia`, class `media_file`): linked, or left out with the export's word why. */
function fileOf(block: string): TelegramMessage['file'] {
  const at = block.search(/<(?:a|div) class="media clearfix pull_left (?:block_link )?media_file"/);
  if (at < 0) return undefined;
  const media = block.slice(at, at + 2000);
  const href = /^<a class="[^"]*" href="([^"]*)">/.exec(media)?.[1];
  const field = (cls: string) => {
    const m = new RegExp(`<div class="${cls}">\\s*([^<]*?)\\s*</div>`).exec(media)?.[1];
    return m !== undefined && m !== '' ? pageText(m) : undefined;
  };
  const name = field('title bold');
  const left = href === undefined ? (field('description') ?? 'not included in the export') : undefined;
  return { ...(href !== undefined ? { href } : {}), ...(name !== undefined ? { name } : {}), ...(left !== undefined ? { left } : {}) };
}

/** The 1-based line of each offset asked in increasing order. */
function lineCounter(text: string): (at: number) => number {
  let line = 1;
  let counted = 0;
  return (at) => {
    for (; counted < at; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
}

/** The chat's name its page's header shows (a personal chat's: the other side's), or undefined. */
export function pageTitle(text: string): string | undefined {
  const title = TITLE.exec(text)?.[1];
  return title !== undefined ? pageText(title) : undefined;
}

/** The page's messages as the JSON export's chat (no ids of senders: their names). */
export function telegramPage(text: string): TelegramExport {
  const title = pageTitle(text);
  const lineAt = lineCounter(text);
  const starts = [...text.matchAll(MESSAGE)];
  const messages: TelegramMessage[] = [];
  let from: string | undefined;
  for (const [i, m] of starts.entries()) {
    const block = text.slice(m.index!, starts[i + 1]?.index ?? text.length);
    // A joined message is the sender's of the one before it.
    const named = /<div class="from_name">\s*([^<]*?)\s*(?:<|$)/.exec(block)?.[1];
    if (!m[1]) from = named !== undefined ? pageText(named).replace(/ via @\S+$/, '').trim() : undefined;
    const reply = /<div class="reply_to details">[\s\S]*?go_to_message(\d+)/.exec(block)?.[1];
    // Blanks after the tag (a copy whose lines gained trailing blanks) are not the message's line.
    const textDiv = /<div class="text">[ \t\r]*\n?/.exec(block);
    const message: TelegramMessage = { id: m[2]!, line: lineAt(m.index!), type: 'message', ...(from !== undefined ? { from } : {}), ...(reply ? { replyTo: reply } : {}), parts: [], entities: [] };
    const file = fileOf(block);
    if (file) message.file = file;
    if (textDiv) {
      const start = textDiv.index + textDiv[0].length;
      const end = block.indexOf('\n', start);
      const html = block.slice(start, end < 0 ? undefined : end).trim();
      message.parts.push({ text: pageText(html).replace(/^\n+|\n+$/g, ''), line: lineAt(m.index! + start) });
    }
    messages.push(message);
  }
  // A personal chat's page is titled with the other side's name, which one of its senders has.
  const personal = title !== undefined && messages.some((m) => m.from === title);
  const chat: TelegramChat = { ...(title !== undefined ? { name: title } : {}), ...(personal ? { type: 'personal_chat', id: '' } : {}), messages };
  return { chats: [chat] };
}
