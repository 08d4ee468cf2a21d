// LINE's "Send chat history" text (`[LINE] Chat with NAME.txt`), read as its readers read it:
// hellodigua/ChatLab's LINE parser (`line-native-txt`: the header `[LINE] Chat history with NAME`
// for a person, `... in NAME` for a group, and its Japanese and Chinese forms; `Saved on: ...`; date
// lines `2017/11/14(Tue)`, `2017.11.14 Tuesday`, `Tue, 11/14/2017`; a message `TIME\tSENDER\tTEXT`,
// the app's own `TIME\t\tTEXT`; times `19:02`, `7:02PM`, `午後7:02`, `下午7:02`; a message of several
// lines wrapped in double quotes; `[File]`, `[Photo]`, `[Sticker]` for what was sent) and
// meyfa/line-chat-parser `index.js` (a line that begins no message continues the one before).
// How a `"` inside a quoted message is written is not known from either: such a message's
// accounts are refused, never read with a quote added or lost. The header names the other side
// of a personal chat, the seller (telegram-json.ts reads the buyer's lines as copies or refuses
// them); a group's every message is read. One sender's messages in a row are one message, as
// WhatsApp's are (whatsapp-chat.ts): sellers send an account a message.
import type { NestedReader } from './eml.js';
import { withNamedSides } from './discord-sides.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import type { DumpFormat, DumpInput } from '../types.js';

const NAME = 'line-txt';

/** The header's chat: a person's (the other side named) or a group's. */
const HEADERS: [RegExp, boolean][] = [
  [/^\[LINE\] Chat history with (.+)$/, false],
  [/^\[LINE\] Chat history in (.+)$/, true],
  [/^\[LINE\] (.+)とのトーク履歴$/, false],
  [/^\[LINE\] (.+)のトーク履歴$/, true],
  [/^\[LINE\] 与(.+)的聊天记录$/, false],
  [/^\[LINE\] 與(.+)的聊天記錄$/, false],
  [/^\[LINE\] (.+)的聊天[记記][录錄]$/, true],
];
const SAVED = /^(?:Saved on|保存日時|保存日期|儲存日期)\s*[:：]/;
const DATE_LINE = /^(?:\d{4}[/.]\d{1,2}[/.]\d{1,2}(?:\s*[（(].{1,12}[)）]|\s+[A-Za-z]+|周.)?|[A-Za-z]{3,9},\s*\d{1,2}\/\d{1,2}\/\d{4})\s*$/;
const TIME = String.raw`(?:上午|下午|午前|午後)?\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?`;
const MESSAGE = new RegExp(String.raw`^${TIME}\t([^\t]*)\t([^]*)$`);
/** What the app writes for a file sent: the file itself is not in the text. */
const FILE_SENT = /^\[(?:File|文件|檔案|ファイル)\]$/;

const QUOTE_UNSURE = 'a message of several lines holding a `"`: LINE wraps such a message in quotes and how it writes a quote inside is not known, so what was typed is unsure; copy its accounts from the app by hand';

/** The chat the export holds; undefined when the text does not begin as LINE's does. */
export function lineChat(text: string): TelegramChat | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  // Blanks after a line are no one's (an editor's, a Windows copy's): the header's name and a closing quote are read without them.
  const first = lines[0]!.replace(/^\uFEFF/, '').trimEnd();
  const header = HEADERS.map(([re, group]) => ({ m: re.exec(first), group })).find((h) => h.m);
  if (!header || !SAVED.test(lines[1] ?? '')) return undefined;
  const messages: TelegramMessage[] = [];
  let current: TelegramMessage | undefined;
  let own = false;
  /** The lines of a message still open inside its quotes, and whether a `"` stood inside them. */
  let quoted: { lines: number[]; quote: boolean } | undefined;
  const closeQuote = () => {
    if (quoted?.quote && current) for (const l of quoted.lines) (current.unsure ??= new Map()).set(l, QUOTE_UNSURE);
    quoted = undefined;
  };
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]!;
    const at = i + 1;
    const start = quoted ? undefined : MESSAGE.exec(line);
    if (!start) {
      if (!quoted && DATE_LINE.test(line)) {
        current = undefined;
        continue;
      }
      if (own || !current) continue;
      let piece = line;
      const closing = quoted !== undefined && piece.trimEnd().endsWith('"');
      if (closing) piece = piece.trimEnd().slice(0, -1);
      if (quoted) {
        quoted.lines.push(at);
        quoted.quote ||= piece.includes('"');
      }
      current.parts.push({ text: `\n${piece}`, line: at });
      if (closing) closeQuote();
      continue;
    }
    const sender = start[1]!;
    let said = start[2]!;
    own = sender === '';
    if (own) {
      current = undefined;
      continue;
    }
    if (FILE_SENT.test(said.trim())) {
      messages.push({ id: String(messages.length + 1), line: at, type: 'message', from: sender, parts: [], entities: [], unread: `${sender} sent a file (${said.trim()}) the chat's text does not hold: what it held is not read; save that file from the app and import it too` });
      current = undefined;
      continue;
    }
    const opens = said.startsWith('"') && !(said.trimEnd().length > 1 && said.trimEnd().endsWith('"'));
    if (opens) said = said.slice(1);
    if (current && current.from === sender) current.parts.push({ text: `\n${said}`, line: at });
    else {
      current = { id: String(messages.length + 1), line: at, type: 'message', from: sender, parts: [{ text: said, line: at }], entities: [] };
      messages.push(current);
    }
    if (opens) quoted = { lines: [at], quote: said.includes('"') };
  }
  // A quote the file never closes: where the message ends is unsure too.
  if (quoted) {
    quoted.quote = true;
    closeQuote();
  }
  if (messages.length === 0) return undefined;
  const chat: TelegramChat = { name: header.m![1]!, messages };
  return header.group ? chat : withNamedSides(chat, header.m![1]!);
}

function chatOf(input: DumpInput): TelegramChat | undefined {
  return /^\uFEFF?\[LINE\] /.test(input.text) ? lineChat(input.text) : undefined;
}

export function createLineTxt(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.96, notThis: "is not LINE's chat history text (`[LINE] Chat history with NAME`, `Saved on: ...`, then `19:02<TAB>Name<TAB>message` lines)" });
}
