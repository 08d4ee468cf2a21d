// A Discord chat exported with DiscordChatExporter as JSON, walked as Tyrrrz/DiscordChatExporter
// `DiscordChatExporter.Core/Exporting/JsonMessageWriter.cs` writes it (System.Text.Json, indented):
// `{"guild": {"id", "name", "iconUrl"}, "channel": {"id", "type", "categoryId", "category", "name",
// "topic"}, "dateRange", "exportedAt", "messages": [...], "messageCount"}`. A message is `{"id",
// "type": "Default"|"Reply"|<a system notification's kind>, "timestamp", "timestampEdited",
// "isPinned", "content", "author": {"id", "name", "discriminator", "nickname", "isBot", ...},
// "attachments", "embeds", "reactions", "mentions", "reference": {"messageId", ...}}`: its
// `content` is Discord's Markdown as typed (code blocks and all). Each message is read as a
// Telegram export's is (telegram-json.ts: in order, a reply's correction scoped to the message it
// answers). The export names no exporter: in a direct chat (`DirectTextChat`) the channel's name
// is the other side's user name (`Channel.cs`: a DM is named for its recipients), so when one
// author has that name it is the seller and every other author the buyer, whose account lines
// are copies or refused; in a server's channel or a group every message is read.
import { JsonText, fileJsonText, stringHere, unlessBroken } from '../json-text.js';
import type { NestedReader } from './eml.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'discord-json';

/** Message kinds that are somebody's words (MessageKind.cs: the rest are system notifications). */
const SPOKEN = new Set(['Default', 'Reply']);

interface Author {
  id?: string;
  name?: string;
}

function objectOf(j: JsonText, keep: (key: string, line: number) => boolean): void {
  if (j.peek() !== '{') return void j.value();
  j.members((key, line) => void (keep(key, line) || j.value()));
}

function message(j: JsonText, line: number): TelegramMessage {
  const m: TelegramMessage = { id: '', line, parts: [], entities: [] };
  const author: Author = {};
  objectOf(j, (key, keyLine) => {
    if (key === 'id') {
      m.id = stringHere(j) ?? '';
      m.line = keyLine;
    } else if (key === 'type') {
      const kind = stringHere(j);
      m.type = kind !== undefined && SPOKEN.has(kind) ? 'message' : 'service';
    } else if (key === 'timestamp') m.date = stringHere(j);
    else if (key === 'content') {
      const text = stringHere(j);
      if (text !== undefined) m.parts.push({ text, line: keyLine });
    } else if (key === 'author') objectOf(j, (k) => (k === 'id' ? ((author.id = stringHere(j)), true) : k === 'name' ? ((author.name = stringHere(j)), true) : false));
    else if (key === 'reference') objectOf(j, (k) => k === 'messageId' && ((m.replyTo = stringHere(j)), true));
    else return false;
    return true;
  });
  if (author.id !== undefined) m.fromId = author.id;
  if (author.name !== undefined) m.from = author.name;
  return m;
}

/** The export's one channel as a chat, or undefined when the text is no DiscordChatExporter JSON. */
export function discordExport(text: string): TelegramChat | undefined {
  const j = fileJsonText(text);
  j.blank();
  if (j.peek() !== '{') return undefined;
  let guild = false;
  let channel: { type?: string; name?: string } | undefined;
  const messages: TelegramMessage[] = [];
  j.members((key) => {
    if (key === 'guild') {
      guild = j.peek() === '{';
      j.value();
    } else if (key === 'channel') {
      const c: { type?: string; name?: string } = {};
      objectOf(j, (k) => (k === 'type' ? ((c.type = stringHere(j)), true) : k === 'name' ? ((c.name = stringHere(j)), true) : false));
      channel = c;
    } else if (key === 'messages' && j.peek() === '[') j.list(() => void (j.peek() === '{' ? messages.push(message(j, j.lineHere())) : j.value()));
    else j.value();
  });
  if (!j.done() || !guild || !channel) return undefined;
  // Its own shape: messages with an author and a DiscordChatExporter kind, or none at all.
  if (messages.length > 0 && !messages.some((m) => m.fromId !== undefined && m.type !== undefined)) return undefined;
  const chat: TelegramChat = { ...(channel.name !== undefined ? { name: channel.name } : {}), messages };
  // A direct chat is named for the other side: that author, when one is, is the seller (see above).
  if (channel.type === 'DirectTextChat') {
    const peer = messages.find((m) => m.from !== undefined && m.from === channel!.name)?.fromId;
    if (peer !== undefined) return { ...chat, type: 'personal_chat', id: peer };
  }
  return chat;
}

/** The channel's chat (walked once per dump by oneChatReader: a channel of years is tens of MB). */
function chatOf(input: DumpInput): TelegramChat | undefined {
  const text = input.text;
  if (!/^\uFEFF?\s*\{/.test(text.slice(0, 200)) || !/"guild"\s*:\s*\{/.test(text.slice(0, 2000)) || !/"messages"\s*:\s*\[/.test(text)) return undefined;
  return unlessBroken(() => discordExport(text));
}

export function createDiscordJson(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: "is not DiscordChatExporter's JSON export of a channel (`guild`, `channel`, `messages`)" });
}
