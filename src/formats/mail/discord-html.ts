// A Discord chat exported with DiscordChatExporter as HTML (its HtmlDark and HtmlLight formats: the
// same markup, the themes differ in the preamble's CSS alone), read as Tyrrrz/DiscordChatExporter
// `DiscordChatExporter.Core/Exporting/HtmlMessageWriter.cs` writes it: the preamble
// (PreambleTemplate.cshtml: two `<div class=preamble__entry>`, the guild's name and the channel's
// `Channel.GetHierarchicalName`), then each message group on a line (MessageGroupTemplate.cshtml;
// CanJoinGroup: the same author within 7 minutes, no reply), each message a
// `<div id=chatlog__message-container-ID ...>`: the group's first with its header (`<span
// class=chatlog__author title=FULL_NAME data-user-id=ID>DISPLAY_NAME</span>`) and, for a reply, the
// message it answers (`chatlog__reply`, `scrollToMessage(event, 'ID')`, a preview not read); the
// others of the group no header, the first's author; a system notification
// (`chatlog__system-notification-author`) no one's words; the content in `<div class="chatlog__content
// chatlog__markdown"><span class=chatlog__markdown-preserve>` (discord-page-markdown.ts gives back
// its Markdown); a forwarded message (`chatlog__forwarded`), embeds and reactions not the author's
// words; a file in `chatlog__attachment-generic-name`'s link. Every tag went through WebMarkupMin's
// minifier, which drops quotes an attribute's value does not need: both spellings are read. Each
// message is then read as the JSON export's are (discord-json.ts, by the Telegram reader). A direct
// chat is the `Direct Messages` guild's, its channel named for the other side's display name
// (`Channel.Parse`), which the page shows for each of its messages: that author is the seller and
// the other the buyer, whatever the file is named (discord-sides.ts).
import type { NestedReader } from './eml.js';
import { attachmentsUnread, withDirectSides } from './discord-sides.js';
import { attribute, contentMarkdown, hasClass } from './discord-page-markdown.js';
import { decodedReferences } from '../character-reference.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import { lineFinder } from '../line-finder.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'discord-html';
const QUOTE = `["']?`;
const CONTAINER = new RegExp(String.raw`<div\s[^<>]*?\bid=${QUOTE}chatlog__message-container-(\d+)`, 'g');
const GROUP = new RegExp(String.raw`<div\s+class=${QUOTE}chatlog__message-group\b`, 'g');
const ENTRY = new RegExp(String.raw`<div\s+class=${QUOTE}preamble__entry${QUOTE}>([^<]*)</div>`, 'g');
const PREAMBLE = new RegExp(String.raw`<div\s+class=${QUOTE}preamble__entry${QUOTE}>`);

/** The two tags the reader looks for. */
type Tag = 'div' | 'span';
// Each tag's patterns built once, not per tag looked at (a page of 100,000 messages asks millions of times).
// Global: each use sets lastIndex first, and no use calls another while it runs.
// No `<` inside a tag (the writer encodes it): an unclosed tag of a crafted page costs a scan to the next `<`.
const OPENING = { div: /<div\s((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/gi, span: /<span\s((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/gi };
const OPEN_OR_CLOSE = { div: /<(\/?)div(?=[\s>])/gi, span: /<(\/?)span(?=[\s>])/gi };

/** Whether the text is DiscordChatExporter's HTML export of a channel. */
export function isDiscordPage(text: string): boolean {
  // The preamble's CSS and scripts come first: tens of KB.
  const head = text.slice(0, 400_000);
  return PREAMBLE.test(head) && /chatlog__message-container-\d/.test(text);
}

/** The first tag named `tag` with the class `cls` in `html` from `from`: its offset and its end. */
function tagWithClass(html: string, tag: Tag, cls: string, from = 0, to = html.length): { at: number; end: number; text: string } | undefined {
  const re = OPENING[tag];
  re.lastIndex = from;
  for (let m = re.exec(html); m && m.index < to; m = re.exec(html)) {
    if (hasClass(` ${m[1]!}`, cls)) return { at: m.index, end: m.index + m[0].length, text: ` ${m[1]!}` };
  }
  return undefined;
}

/** Where the element whose opening tag ends at `from` ends (its closing tag's offset): the same tag's depth counted. */
function elementEnd(html: string, tag: Tag, from: number): number {
  const re = OPEN_OR_CLOSE[tag];
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return html.length;
}

interface Author {
  name: string;
  id?: string;
}

/** One message container's block (up to the next one) as a message, its author that of its group's first when it shows none. */
function message(block: string, id: string, at: number, lineAt: (at: number) => number, author: Author | undefined): { message: TelegramMessage; author: Author | undefined } {
  const m: TelegramMessage = { id, line: lineAt(at), parts: [], entities: [] };
  if (tagWithClass(block, 'span', 'chatlog__system-notification-author')) return { message: { ...m, type: 'service' }, author };
  m.type = 'message';
  const content = tagWithClass(block, 'div', 'chatlog__content');
  const before = content?.at ?? block.length;
  const header = tagWithClass(block, 'span', 'chatlog__author', 0, before);
  if (header) {
    const close = block.indexOf('</span>', header.end);
    const id = attribute(header.text, 'data-user-id');
    author = { name: decodedReferences(block.slice(header.end, close < 0 ? undefined : close)).trim(), ...(id !== undefined ? { id } : {}) };
  }
  if (author) {
    m.from = author.name;
    if (author.id !== undefined) m.fromId = author.id;
  }
  // The message it answers: in the reply's preview, before the content (a link in the content may scroll too).
  const reply = tagWithClass(block, 'div', 'chatlog__reply', 0, before);
  const answers = reply && /scrollToMessage\(event,\s*(?:'|&#39;|&#x27;)(\d+)/.exec(block.slice(reply.end, before))?.[1];
  if (answers) m.replyTo = answers;
  if (content) {
    const preserve = tagWithClass(block, 'span', 'chatlog__markdown-preserve', content.end, content.end + 200);
    // The content's span right after the div's tag (an edited message without text has none).
    if (preserve && block.slice(content.end, preserve.at).replace(/<!--[^]*?-->/g, '').trim() === '') {
      const end = elementEnd(block, 'span', preserve.end);
      const { parts, unsure } = contentMarkdown(block.slice(preserve.end, end), lineAt(at + preserve.end));
      m.parts = parts;
      if (unsure.size > 0) m.unsure = unsure;
    }
  }
  // Its files (a forwarded message's are another's): each generic file's link.
  const forwarded = tagWithClass(block, 'div', 'chatlog__forwarded');
  const skipFrom = forwarded?.at ?? block.length;
  const skipTo = forwarded ? elementEnd(block, 'div', forwarded.end) : block.length;
  const urls: string[] = [];
  for (let from = 0, file = tagWithClass(block, 'div', 'chatlog__attachment-generic-name'); file; file = tagWithClass(block, 'div', 'chatlog__attachment-generic-name', from)) {
    from = file.end;
    if (file.at >= skipFrom && file.at < skipTo) continue;
    const link = /<a\s((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/i.exec(block.slice(file.end, file.end + 4000));
    const href = link && attribute(` ${link[1]!}`, 'href');
    if (href) urls.push(href);
  }
  const unread = attachmentsUnread(urls);
  if (unread !== undefined) m.unread = unread;
  return { message: m, author };
}

/** The page's messages as a chat, with the guild and channel its preamble names. */
export function discordPage(text: string): { chat: TelegramChat; guild: string; channel: string } {
  const lineAt = lineFinder(text);
  const head = text.slice(0, 400_000);
  const entries = [...head.matchAll(ENTRY)].map((e) => decodedReferences(e[1]!).trim());
  const guild = entries[0] ?? '';
  const channel = entries[1] ?? '';
  const groups = [...text.matchAll(GROUP)].map((g) => g.index!);
  const starts = [...text.matchAll(CONTAINER)];
  const messages: TelegramMessage[] = [];
  let author: Author | undefined;
  let group = -1;
  for (const [i, s] of starts.entries()) {
    // A new group: its first message names its author.
    let g = group;
    while (g + 1 < groups.length && groups[g + 1]! < s.index!) g++;
    if (g !== group) author = undefined;
    group = g;
    const block = text.slice(s.index!, starts[i + 1]?.index ?? text.length);
    const read = message(block, s[1]!, s.index!, lineAt, author);
    author = read.author;
    messages.push(read.message);
  }
  return { chat: { name: channel.replace(/^.* \/ /, ''), messages }, guild, channel };
}

function chatOf(input: DumpInput): TelegramChat | undefined {
  if (!isDiscordPage(input.text)) return undefined;
  const { chat, guild, channel } = discordPage(input.text);
  if (!chat.messages.some((m) => m.type === 'message')) return undefined;
  // A direct chat is the `Direct Messages` pseudo-guild's, named for the other side (discord-sides.ts).
  return guild === 'Direct Messages' ? withDirectSides(chat, channel) : chat;
}

export function createDiscordHtml(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: "is not DiscordChatExporter's HTML export of a channel (`preamble__entry`, `chatlog__message-container` messages)" });
}
