// A Discord chat exported with DiscordChatExporter as plain text, read as Tyrrrz/DiscordChatExporter
// `DiscordChatExporter.Core/Exporting/PlainTextMessageWriter.cs` writes it: a preamble between two
// lines of 62 `=` (`Guild: NAME`, `Channel: CATEGORY / NAME`, then `Topic:`, `After:`, `Before:`
// when set) and a blank line; each message a header `[DATE] AUTHOR` (`Context.FormatDate`: the
// culture's short date and time, "g"; `User.FullName`; ` (pinned)` after it), its content as typed
// (Discord's Markdown: PlainTextMarkdownVisitor only writes mentions, emoji and timestamps out) and
// a blank line, then its `{Forwarded Message}`, `{Attachments}` (a URL a line), `{Embed}`,
// `{Stickers}` and `{Reactions}` sections, and a blank line; a postamble `Exported N message(s)`
// between two lines of `=`. Each message is read as the JSON export's are (discord-json.ts, by
// the Telegram reader): in order, the buyer's lines copies or refused in a direct chat
// (discord-sides.ts). The file has no line that marks a message's end: a message whose own text
// holds a blank line and then a line shaped as a header is read as two.
import type { NestedReader } from './eml.js';
import { attachmentsUnread, userName, withDirectSides } from './discord-sides.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'discord-txt';
const RULE = '='.repeat(62);
/** `[11/14/2017 7:02 PM] PokeStockz#1234 (pinned)`: a date with a time in any culture's short form. */
const HEADER = /^\[([^\]\n]*\d[^\]\n]*\d{1,2}[:.]\d{2}[^\]\n]*)\] (.+?)( \(pinned\))?$/;
const SECTIONS = new Set(['{Forwarded Message}', '{Attachments}', '{Embed}', '{Stickers}', '{Reactions}']);

/** Whether the text begins as DiscordChatExporter's plain-text export does. */
export function isDiscordText(text: string): boolean {
  // Blanks a copy added at a line's end are no part of the layout.
  return /^={62}[ \t]*\nGuild: /.test(text) && /^Channel: /m.test(text.slice(0, 2000)) && /^={62}[ \t]*$/m.test(text.slice(63, 4000));
}

/** The export's messages as a chat (lines 1-based), with the guild and channel its preamble names. */
export function discordText(text: string): { chat: TelegramChat; guild: string; channel: string } {
  const lines = text.split('\n');
  /** A line as the layout is judged: blanks a copy added at its end dropped. */
  const bare = (n: number) => lines[n]?.trimEnd() ?? '';
  let guild = '';
  let channel = '';
  let i = 1;
  for (; i < lines.length && bare(i) !== RULE; i++) {
    if (bare(i).startsWith('Guild: ')) guild = bare(i).slice(7);
    else if (bare(i).startsWith('Channel: ')) channel = bare(i).slice(9);
  }
  const messages: TelegramMessage[] = [];
  let current: { message: TelegramMessage; body: number[]; urls: string[]; section?: string } | undefined;
  const close = () => {
    if (!current) return;
    const { message, body, urls } = current;
    while (body.length > 0 && lines[body.at(-1)!]!.trim() === '') body.pop();
    message.parts = body.map((n, k) => ({ text: k === 0 ? lines[n]! : `\n${lines[n]!}`, line: n + 1 }));
    const unread = attachmentsUnread(urls);
    if (unread !== undefined) message.unread = unread;
    messages.push(message);
    current = undefined;
  };
  for (i++; i < lines.length; i++) {
    const line = bare(i);
    // The postamble: a rule, then `Exported N message(s)`.
    if (line === RULE && /^Exported [\d,. \u00a0\u202f]+ message\(s\)$/.test(bare(i + 1))) break;
    const header = lines[i - 1]!.trim() === '' && HEADER.exec(line);
    if (header) {
      close();
      const n = messages.length + 1;
      current = { message: { id: String(n), line: i + 1, type: 'message', date: header[1]!, from: userName(header[2]!), parts: [], entities: [] }, body: [], urls: [] };
      continue;
    }
    if (!current) continue;
    // A section after the content's blank line: not the author's words (a link's preview, a forward), its attachments noted.
    if (SECTIONS.has(line) && lines[i - 1]!.trim() === '') {
      current.section = line;
      continue;
    }
    if (current.section === undefined) current.body.push(i);
    else if (current.section === '{Attachments}' && line.trim() !== '') current.urls.push(line.trim());
  }
  close();
  return { chat: { name: channel.replace(/^.* \/ /, ''), messages }, guild, channel };
}

function chatOf(input: DumpInput): TelegramChat | undefined {
  if (!isDiscordText(input.text)) return undefined;
  const { chat, guild, channel } = discordText(input.text);
  if (chat.messages.length === 0) return undefined;
  // A direct chat is the `Direct Messages` pseudo-guild's, named for the other side (discord-sides.ts).
  return guild === 'Direct Messages' ? withDirectSides(chat, channel) : chat;
}

export function createDiscordTxt(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: "is not DiscordChatExporter's plain-text export of a channel (`Guild:`, `Channel:`, `[date] author` messages)" });
}
