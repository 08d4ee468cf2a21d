// Telegram Desktop's chat export as JSON (`result.json`), walked as telegramdesktop/tdesktop
// `Telegram/SourceFiles/export/output/export_output_json.cpp` writes it: one chat exported alone is
// `{"name", "type", "id", "messages": [...]}`; the whole account's export holds
// `"personal_information": {"user_id", ...}` and the chats under `"chats": {"about", "list": [...]}`
// (and `"left_chats"`). A message is `{"id", "type": "message"|"service", "date", "edited",
// "from", "from_id": "user123", "forwarded_from", "reply_to_message_id", ..., "text",
// "text_entities", "file", "file_name"}` (`file` a document's path in the export, `files/NAME`, or
// in brackets why it is left out): `text` is one string when the message has no formatting, else a list mixing
// strings and entity objects (`{"type": "pre"|"code"|"bold"|"link"|"email"|..., "text": ...}`);
// `text_entities` is the same text as objects only. Only those members are kept, each string
// part with its file line (json-text.ts), the rest walked past: nothing here is parsed twice.
import { JsonText, fileJsonText, stringHere } from '../json-text.js';

/** One piece of a message's text and the file line its string starts on. */
export interface TelegramPart {
  text: string;
  line: number;
  /** The entity's type (`pre`, `code`, `bold`, ...); none for plain text. */
  type?: string;
}

export interface TelegramMessage {
  /** The message's number in its chat, as the export writes it. */
  id: string;
  /** The line of its `"id"`. */
  line: number;
  type?: string;
  /** `2017-11-14T19:03:00`, as Qt's ISODate writes it. */
  date?: string;
  from?: string;
  /** `user123` (older exports: the number alone). */
  fromId?: string;
  replyTo?: string;
  parts: TelegramPart[];
  /** `text_entities`: the same text, for an export whose `text` is empty. */
  entities: TelegramPart[];
  /** A document it carries (the HTML export's `media_file`): its link as written, its name, or why the export left it out. */
  file?: { href?: string; name?: string; left?: string };
  /** The page of an HTML export it is on, past the first (`messages2.html`): its line is that page's. */
  page?: string;
  /** Set on a file's text read as a message of its own, after the one carrying it: the file's path in the dump (its lines are the file's). */
  attached?: string;
  /** The level the message carrying that file states, for the file's accounts that state none. */
  level?: number;
  /** Why the file the message carries is not read (left out by the export, not beside the page). */
  unread?: string;
  /** File lines the export shows altered (DiscordChatExporter's HTML: italics, an emoji inside a word), each with why an account on it is refused. */
  unsure?: Map<number, string>;
}

export interface TelegramChat {
  name?: string;
  type?: string;
  id?: string;
  /** The export's sides were said only by its file's name, which was changed (chat-sides.ts). */
  sidesUnnamed?: boolean;
  messages: TelegramMessage[];
}

export interface TelegramExport {
  chats: TelegramChat[];
  /** The exporting account's `user_id` (the whole account's export only). */
  self?: string;
}

/** export_output_json.cpp pushPath: a file the export left out is said in place of its path, in brackets. */
const SKIPPED = /^\((File (?:not included|exceeds maximum size|unavailable)[^)]*)\)$/;

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** The string the walker is at, or undefined (the value walked past) when it is anything else. */
/** A number or string as written (`5012345678`, `"user5012345678"`), or undefined past anything else. */
function idHere(j: JsonText): string | undefined {
  const c = j.peek();
  if (c === '"') return j.string();
  const start = j.at;
  j.value();
  return c !== undefined && /[-\d]/.test(c) ? j.text.slice(start, j.at) : undefined;
}

/** `text`: one string, or a list of strings and `{"type", "text"}` objects. */
function textParts(j: JsonText, line: number): TelegramPart[] {
  if (j.peek() === '"') return [{ text: j.string(), line }];
  if (j.peek() !== '[') {
    j.value();
    return [];
  }
  const parts: TelegramPart[] = [];
  j.list(() => {
    const at = j.lineHere();
    if (j.peek() === '"') parts.push({ text: j.string(), line: at });
    else if (j.peek() === '{') {
      let type: string | undefined;
      let text: { text: string; line: number } | undefined;
      j.members((key, keyLine) => {
        if (key === 'type') type = stringHere(j);
        else if (key === 'text') {
          const s = stringHere(j);
          if (s !== undefined) text = { text: s, line: keyLine };
        } else j.value();
      });
      if (text) parts.push({ ...text, ...(type !== undefined && type !== 'plain' ? { type } : {}) });
    } else j.value();
  });
  return parts;
}

function message(j: JsonText, line: number): TelegramMessage {
  const m: TelegramMessage = { id: '', line, parts: [], entities: [] };
  j.members((key, keyLine) => {
    switch (key) {
      case 'id':
        m.id = idHere(j) ?? '';
        m.line = keyLine;
        break;
      case 'type':
        m.type = stringHere(j);
        break;
      case 'date':
        m.date = stringHere(j);
        break;
      case 'from':
        m.from = stringHere(j);
        break;
      case 'from_id':
        m.fromId = idHere(j);
        break;
      case 'reply_to_message_id':
        m.replyTo = idHere(j);
        break;
      case 'text':
        m.parts = textParts(j, keyLine);
        break;
      case 'text_entities':
        m.entities = textParts(j, keyLine);
        break;
      case 'file': {
        // A document's path in the export (`files/accounts.txt`), or why it is not there (pushPath: `(File not included. ...)`).
        const path = stringHere(j);
        if (path !== undefined) m.file = { ...m.file, ...(SKIPPED.test(path) ? { left: path.replace(SKIPPED, '$1') } : { href: path }) };
        break;
      }
      case 'file_name': {
        const name = stringHere(j);
        if (name) m.file = { ...m.file, name };
        break;
      }
      default:
        j.value();
    }
  });
  return m;
}

function messages(j: JsonText): TelegramMessage[] {
  const list: TelegramMessage[] = [];
  if (j.peek() !== '[') {
    j.value();
    return list;
  }
  j.list(() => {
    if (j.peek() === '{') list.push(message(j, j.lineHere()));
    else j.value();
  });
  return list;
}

/** A chat's own member (`name`, `type`, `id`, `messages`) into `chat`; false for any other key (not walked). */
function chatMember(j: JsonText, key: string, chat: TelegramChat): boolean {
  if (key === 'name') chat.name = stringHere(j);
  else if (key === 'type') chat.type = stringHere(j);
  else if (key === 'id') chat.id = idHere(j);
  else if (key === 'messages') chat.messages = messages(j);
  else return false;
  return true;
}

/** `"chats": {"about", "list": [chat, ...]}` into `chats`. */
function chatList(j: JsonText, chats: TelegramChat[]): void {
  if (j.peek() !== '{') {
    j.value();
    return;
  }
  j.members((key) => {
    if (key !== 'list' || j.peek() !== '[') return void j.value();
    j.list(() => {
      if (j.peek() !== '{') return void j.value();
      const chat: TelegramChat = { messages: [] };
      j.members((k) => void (chatMember(j, k, chat) || j.value()));
      chats.push(chat);
    });
  });
}

/** The export's chats and messages; undefined when the text is no such export (or no JSON: JsonBroken is thrown). */
export function telegramExport(text: string): TelegramExport | undefined {
  const j = fileJsonText(text);
  j.blank();
  if (j.peek() !== '{') return undefined;
  const single: TelegramChat = { messages: [] };
  let alone = false;
  const chats: TelegramChat[] = [];
  let self: string | undefined;
  j.members((key) => {
    if (chatMember(j, key, single)) alone ||= key === 'messages';
    else if (key === 'chats' || key === 'left_chats') chatList(j, chats);
    else if (key === 'personal_information' && j.peek() === '{') j.members((k) => void (k === 'user_id' ? (self = idHere(j)) : j.value()));
    else j.value();
  });
  if (!j.done()) return undefined;
  const all = alone ? [single, ...chats] : chats;
  // Telegram's own shape: a message typed `message` or `service` dated by Qt's ISODate (Slack's API
  // also types its messages `message`, dated by `ts`; DiscordChatExporter types them `Default`).
  const ours = all.some((c) => c.messages.some((m) => (m.type === 'message' || m.type === 'service') && ISO_DATE.test(m.date ?? '')));
  return ours ? { chats: all, ...(self !== undefined ? { self } : {}) } : undefined;
}
