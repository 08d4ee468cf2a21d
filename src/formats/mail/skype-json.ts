// Skype's "Export chat history" (secure.skype.com/data-export: a tar holding `messages.json`, the
// account's every conversation). Microsoft's writer is not public; the shape is its readers':
// suurjaak/Skyperious `src/skyperious/live.py` (SkypeExport: `{"userId", "exportDate",
// "conversations": [{"id", "displayName", "properties", "threadProperties", "MessageList": [{"id",
// "displayName", "originalarrivaltime", "messagetype", "content", "conversationid", "from",
// "properties": {"edittime"|"deletetime"}}]}]}`; ids prefixed `8:` a person, `19:` a group, `28:` a
// bot, `48:` Skype's own lists such as `48:calllogs`, which it skips; the prefix stripped from a
// person's id), siwen-r/skype-export-parser `src/types/SkypeExport.d.ts`, ArtemVeremienko/skype-parser
// `js/main.js` (the list newest first). Read so:
// - The exporter is `userId`: in a person's conversation the other side is the conversation's id,
//   the seller, and the exporter's account lines are copies or refused (telegram-json.ts); in a
//   group every member's message but the exporter's is read, as a Telegram group's.
// - Text messages (`Text`, `RichText`) are read through skype-content.ts (typed marks back, quotes
//   dropped, `&apos;` given back); calls, joins, pictures read past; a shared data file's message
//   refuses its line, the export not holding the file's text.
// - An edit is a later copy of the message (its `<e_m ts_ms>` the original's time: Skyperious
//   process_message_edit keeps one message per author and original time): the last copy is the
//   message, at the original's place. A deleted message (`deletetime`) says nothing.
// - Oldest first, so a later "new password for" corrects what came before.
import { JsonText, fileJsonText, stringHere, unlessBroken } from '../json-text.js';
import { oncePerInput } from '../memo.js';
import type { NestedReader } from './eml.js';
import { DATA_FILE } from './discord-sides.js';
import { chatFencesOnTheirLines } from './inline-fences.js';
import { type SkypeText, skypeText } from './skype-content.js';
import type { TelegramChat, TelegramExport, TelegramMessage } from './telegram-export.js';
import { readTelegram } from './telegram-json.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

const NAME = 'skype-json';

/** Message types that are somebody's typed words (Skyperious export_finalize_message: `Text`, `RichText`). */
const SPOKEN = new Set(['Text', 'RichText']);
const FILE_TYPE = 'RichText/Media_GenericFile';

/** `8:live:ash` → `live:ash` (Skyperious's PREFIX_RGX). */
const bare = (id: string) => id.replace(/^\d+:/, '');

interface Raw {
  id: string;
  line: number;
  from?: string;
  type?: string;
  content?: string;
  contentLine: number;
  arrival: number;
  deleted: boolean;
}

function properties(j: JsonText, raw: Raw): void {
  if (j.peek() !== '{') return void j.value();
  j.members((k) => {
    if (k === 'deletetime') raw.deleted = true;
    j.value();
  });
}

function message(j: JsonText, line: number): Raw {
  const raw: Raw = { id: '', line, contentLine: line, arrival: Number.NaN, deleted: false };
  j.members((key, keyLine) => {
    if (key === 'id') raw.id = stringHere(j) ?? '';
    else if (key === 'from') {
      const s = stringHere(j);
      if (s !== undefined) raw.from = bare(s);
    } else if (key === 'messagetype') raw.type = stringHere(j);
    else if (key === 'content') {
      raw.content = stringHere(j);
      raw.contentLine = keyLine;
    } else if (key === 'originalarrivaltime') raw.arrival = Date.parse(stringHere(j) ?? '');
    else if (key === 'properties') properties(j, raw);
    else j.value();
  });
  return raw;
}

interface Conversation {
  id?: string;
  name?: string;
  raws: Raw[];
  listed: boolean;
}

function conversation(j: JsonText): Conversation {
  const c: Conversation = { raws: [], listed: false };
  j.members((key) => {
    if (key === 'id') c.id = stringHere(j);
    else if (key === 'displayName') c.name = stringHere(j);
    else if (key === 'MessageList' && j.peek() === '[') {
      c.listed = true;
      j.list(() => void (j.peek() === '{' ? c.raws.push(message(j, j.lineHere())) : j.value()));
    } else j.value();
  });
  return c;
}

const UNKNOWN_TAG = (tag: string) => `its text holds the markup <${tag}>, which Skype's text messages do not: what was typed is unsure, so its accounts are not imported; copy them from Skype by hand`;

/** One conversation as a chat, oldest first, each edited message as last edited. */
function chatOf(c: Conversation, self: string): TelegramChat | undefined {
  const id = c.id!;
  if (id.startsWith('48:')) return undefined;
  // One message per author and original time: an edit's copies name the original's (`<e_m ts_ms>`);
  // the copy that arrived last is the message, at the original's time.
  const latest = new Map<string, { raw: Raw; text: SkypeText; at: number }>();
  c.raws.forEach((raw, i) => {
    const text = skypeText(raw.deleted ? '' : (raw.content ?? ''));
    const at = Math.min(raw.arrival, text.editOf ?? Number.POSITIVE_INFINITY);
    const key = Number.isNaN(at) ? `#${i}` : `${raw.from ?? ''}\u0000${at}`;
    const seen = latest.get(key);
    if (!seen || raw.arrival > seen.raw.arrival) latest.set(key, { raw, text, at });
  });
  // Newest first in the file: reversed, then in time order when every message has its time.
  const kept = [...latest.values()].reverse();
  if (kept.every((k) => !Number.isNaN(k.at))) kept.sort((a, b) => a.at - b.at);
  const ids = new Set(kept.map((k) => k.raw.id));
  const messages = kept.map(({ raw, text }): TelegramMessage => {
    const m: TelegramMessage = { id: raw.id, line: raw.line, parts: [], entities: [], type: SPOKEN.has(raw.type ?? '') || raw.type === FILE_TYPE ? 'message' : 'service' };
    if (raw.from !== undefined) {
      m.from = raw.from;
      m.fromId = raw.from;
    }
    if (m.type !== 'message') return m;
    if (raw.type === FILE_TYPE) {
      if (text.file !== undefined && DATA_FILE.test(text.file)) m.unread = `it carries ${text.file}, which Skype's export does not hold (only the file's link): what it holds is not read; download that file from the conversation and import it too`;
      return m;
    }
    if (text.text.trim() !== '') m.parts.push({ text: text.text, line: raw.contentLine });
    if (text.quotes !== undefined && ids.has(text.quotes)) m.replyTo = text.quotes;
    if (text.unknownTag !== undefined) m.unsure = new Map([[raw.contentLine, UNKNOWN_TAG(text.unknownTag)]]);
    return m;
  });
  const chat: TelegramChat = { ...(c.name !== undefined ? { name: c.name } : {}), id: bare(id), messages };
  if (id.startsWith('19:')) return { ...chat, type: 'private_group' };
  // A person's (or a bot's) conversation: the other side is the conversation; one with oneself is notes.
  return { ...chat, type: bare(id) === self ? 'saved_messages' : 'personal_chat' };
}

/** The export's conversations; undefined when the text is no Skype export. */
export function skypeExport(text: string): TelegramExport | undefined {
  const j = fileJsonText(text);
  j.blank();
  if (j.peek() !== '{') return undefined;
  let self: string | undefined;
  let dated = false;
  let conversations: Conversation[] | undefined;
  j.members((key) => {
    if (key === 'userId') {
      const s = stringHere(j);
      if (s !== undefined) self = bare(s);
    } else if (key === 'exportDate') dated = stringHere(j) !== undefined;
    else if (key === 'conversations' && j.peek() === '[') {
      const list: Conversation[] = [];
      j.list(() => void (j.peek() === '{' ? list.push(conversation(j)) : j.value()));
      conversations = list;
    } else j.value();
  });
  if (!j.done() || self === undefined || !dated || conversations === undefined) return undefined;
  if (!conversations.every((c) => c.id !== undefined && c.listed)) return undefined;
  const chats = conversations.map((c) => chatFencesOnTheirLines(chatOf(c, self!))).filter((c): c is TelegramChat => c !== undefined);
  return { chats, self };
}

const found = oncePerInput((input: DumpInput): TelegramExport | undefined => {
  const text = input.text;
  const head = text.slice(0, 4000);
  if (!/^\uFEFF?\s*\{/.test(head) || !/"userId"\s*:/.test(head) || !/"MessageList"\s*:\s*\[/.test(text)) return undefined;
  return unlessBroken(() => skypeExport(text));
});

export function createSkypeJson(readNested: NestedReader): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    const exp = found(input);
    if (!exp) throw new DumpError("is not Skype's chat export (messages.json: `userId`, `exportDate`, `conversations` of `MessageList`)", input.name, 1);
    return readTelegram(readNested, NAME, input, exp);
  }
  return { name: NAME, detect: (input) => (found(input) ? 0.98 : 0), parse };
}
