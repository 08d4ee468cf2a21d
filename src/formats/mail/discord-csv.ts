// A Discord chat exported with DiscordChatExporter as CSV, read as Tyrrrz/DiscordChatExporter
// `DiscordChatExporter.Core/Exporting/CsvMessageWriter.cs` writes it: the header
// `AuthorID,Author,Date,Content,Attachments,Reactions`, then a row a message, every field in
// double quotes (`CsvEncode`: a `"` written twice, line breaks kept inside the quotes): the
// author's id and `User.FullName`, the date (`"o"`, or as older versions wrote it), the content
// as typed, the attachments' URLs (or paths, with `--media`) joined by `,`, the reactions. Each
// message is read as the JSON export's are (discord-json.ts, by the Telegram reader). The CSV names
// no guild or channel: a direct chat is known by the default file name, `Direct Messages - NAME
// [ID].csv` (discord-sides.ts), a server channel's by `GUILD - CHANNEL [ID].csv` (every message
// read); renamed (`buy.csv`), the sides of a two-author chat are taken from what it says
// (chat-sides.ts: who delivers, who paid).
import type { NestedReader } from './eml.js';
import { attachmentsUnread, defaultNameParts, userName, withNamedSides } from './discord-sides.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'discord-csv';
const HEADER = 'AuthorID,Author,Date,Content,Attachments,Reactions';

interface Field {
  text: string;
  line: number;
}

/** The rows after the header, each field with the line it starts on; undefined when a row is not six quoted fields. */
function quotedRows(text: string): Field[][] | undefined {
  const rows: Field[][] = [];
  let at = text.indexOf('\n') + 1;
  let line = 2;
  while (at > 0 && at < text.length) {
    if (text[at] === '\n') {
      at++;
      line++;
      continue;
    }
    const row: Field[] = [];
    for (;;) {
      if (text[at] !== '"') return undefined;
      const start = line;
      let value = '';
      for (at++; ; ) {
        const close = text.indexOf('"', at);
        if (close < 0) return undefined;
        const piece = text.slice(at, close);
        value += piece;
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) line++;
        at = close + 1;
        if (text[at] !== '"') break;
        value += '"';
        at++;
      }
      row.push({ text: value, line: start });
      if (text[at] === ',') {
        at++;
        continue;
      }
      // Blanks a copy added at a line's end are no field.
      while (text[at] === ' ' || text[at] === '\t') at++;
      if (at < text.length && text[at] !== '\n') return undefined;
      break;
    }
    if (row.length !== 6) return undefined;
    rows.push(row);
  }
  return rows;
}

/** The export's rows as a chat, or undefined when the text is no DiscordChatExporter CSV. */
export function discordCsv(text: string): TelegramChat | undefined {
  if (!text.startsWith(HEADER) || text.slice(HEADER.length, text.indexOf('\n')).trim() !== '') return undefined;
  const rows = quotedRows(text);
  if (!rows) return undefined;
  const messages: TelegramMessage[] = rows.map(([id, author, date, content, attachments], n) => {
    const m: TelegramMessage = { id: String(n + 1), line: id!.line, type: 'message', date: date!.text, from: userName(author!.text), fromId: id!.text, parts: [], entities: [] };
    m.parts = content!.text.split('\n').map((s, k) => ({ text: k === 0 ? s : `\n${s}`, line: content!.line + k }));
    const unread = attachments!.text === '' ? undefined : attachmentsUnread(attachments!.text.split(','));
    if (unread !== undefined) m.unread = unread;
    return m;
  });
  return { messages };
}

function chatOf(input: DumpInput): TelegramChat | undefined {
  const chat = discordCsv(input.text);
  if (!chat || chat.messages.length === 0) return undefined;
  const parts = defaultNameParts(input.name);
  // A server channel's default name (`GUILD - CHANNEL [ID].csv`) says it is no direct chat: every message is read.
  if (parts !== undefined && parts.guild !== 'Direct Messages') return chat;
  return withNamedSides(chat, parts?.channel);
}

export function createDiscordCsv(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: `is not DiscordChatExporter's CSV export of a channel (\`${HEADER}\`, every field quoted)` });
}
