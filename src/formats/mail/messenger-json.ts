// Facebook Messenger's conversation from "Download Your Information" as JSON (`messages/inbox/
// NAME_ID/message.json`, from 2018 `message_1.json`, `message_2.json`, ...). Facebook's writer is
// not public; the shape is read from the readers of it: jpfranci/facebook-messages-visualizer
// `angular-electron/src/app/core/models/message-model.ts` (`participants[].name`, `messages[]` of
// `sender_name`, `timestamp_ms`, `content`, `type`; `title`, `is_still_participant`, `thread_type`,
// `thread_path`), kami-sqmf/insta-message-analyzer `src/instagram.d.ts` (`thread_type` "Regular",
// "RegularGroup", "Pending", "PendingGroup"; a title written `\u00f0\u009d...`) and
// kacperfaber/facebook-messenger-archive-viewer `archive/models.py` (`photos[].uri` a path from
// the export's root, `messages/inbox/NAME/photos/...`; types Generic, Share, Call, Subscribe).
// Two things a reader must undo: the messages are newest first (read here oldest first, so a
// later "new password for" corrects what came before), and every string is its UTF-8 bytes each
// written as a `\u00XX` escape (`é` is `\u00c3\u00a9`): taken back to bytes and read as UTF-8.
// A string that is no UTF-8 so (a file some tool rewrote) leaves its message's accounts refused.
// The export is the exporter's own: in a two-person thread the title is the other side's name,
// the seller, and the exporter's account lines are copies or refused (telegram-json.ts); a title
// no sender has leaves the sides to what the chat says (chat-sides.ts); a group's every message
// is read.
import { JsonText, fileJsonText, stringHere, unlessBroken } from '../json-text.js';
import type { NestedReader } from './eml.js';
import { DATA_FILE, withNamedSides } from './discord-sides.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import { chatParts, type ChatPart } from './split-chat-files.js';
import { DumpError, type DumpFormat, type DumpInput } from '../types.js';

const NAME = 'messenger-json';

/** Message types that are somebody's words (the rest: calls, people added or leaving). */
const SPOKEN = new Set(['Generic', 'Share']);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Facebook's string taken back to the text it wrote, or undefined when its bytes are no UTF-8. */
export function facebookText(s: string): string | undefined {
  if (!/[\u0080-\u00ff]/.test(s)) return s;
  try {
    return UTF8.decode(Buffer.from(s, 'latin1'));
  } catch {
    return undefined;
  }
}

interface Raw {
  m: TelegramMessage;
  stamp?: number;
  files: string[];
}

function numberHere(j: JsonText): number | undefined {
  const start = j.at;
  const c = j.peek();
  j.value();
  return c !== undefined && /[-\d]/.test(c) ? Number(j.text.slice(start, j.at)) : undefined;
}

/** Each `{"uri"}` of a list (`files`, `photos`): the paths. */
function uris(j: JsonText): string[] {
  const out: string[] = [];
  if (j.peek() !== '[') return (j.value(), out);
  j.list(() => {
    if (j.peek() !== '{') return void j.value();
    j.members((k) => {
      const s = k === 'uri' ? stringHere(j) : (j.value(), undefined);
      if (s !== undefined) out.push(s);
    });
  });
  return out;
}

function message(j: JsonText, line: number): Raw {
  const raw: Raw = { m: { id: '', line, parts: [], entities: [] }, files: [] };
  j.members((key, keyLine) => {
    if (key === 'sender_name') {
      const s = stringHere(j);
      if (s !== undefined) raw.m.from = s;
    } else if (key === 'timestamp_ms') raw.stamp = numberHere(j);
    else if (key === 'type') {
      const t = stringHere(j);
      raw.m.type = t !== undefined && SPOKEN.has(t) ? 'message' : 'service';
    } else if (key === 'content') {
      const s = stringHere(j);
      if (s !== undefined) raw.m.parts.push({ text: s, line: keyLine });
    } else if (key === 'files') raw.files = uris(j);
    else j.value();
  });
  // The first exports wrote no type on a text message.
  raw.m.type ??= 'message';
  return raw;
}

interface Thread {
  title?: string;
  threadType?: string;
  participants: string[];
  raws: Raw[];
}

function thread(text: string): Thread | undefined {
  const j = fileJsonText(text);
  j.blank();
  if (j.peek() !== '{') return undefined;
  const t: Thread = { participants: [], raws: [] };
  let hasParticipants = false;
  let hasMessages = false;
  j.members((key) => {
    if (key === 'participants' && j.peek() === '[') {
      hasParticipants = true;
      // `[{"name": ...}]`; the first exports wrote the names alone.
      j.list(() => {
        if (j.peek() === '"') t.participants.push(j.string());
        else if (j.peek() === '{') j.members((k) => void (k === 'name' ? t.participants.push(stringHere(j) ?? '') : j.value()));
        else j.value();
      });
    } else if (key === 'messages' && j.peek() === '[') {
      hasMessages = true;
      j.list(() => void (j.peek() === '{' ? t.raws.push(message(j, j.lineHere())) : j.value()));
    } else if (key === 'title') t.title = stringHere(j);
    else if (key === 'thread_type') t.threadType = stringHere(j);
    else j.value();
  });
  if (!j.done() || !hasParticipants || !hasMessages) return undefined;
  if (t.raws.length > 0 && !t.raws.some((r) => r.m.from !== undefined && r.stamp !== undefined)) return undefined;
  return t;
}

const NOT_UTF8 = "its text is not Facebook's (each UTF-8 byte written as a `\\u00XX` escape), so a password in it may be read wrong: not imported; import the file as Facebook gave it";

/**
 * The thread of one or more files (split-chat-files.ts: oldest file first) as one chat, oldest
 * message first; a later file's messages labelled with its name. Undefined when a file is no thread.
 */
export function messengerThread(parts: readonly ChatPart[]): TelegramChat | undefined {
  let t: Thread | undefined;
  const raws: Raw[] = [];
  for (const part of parts) {
    const one = thread(part.text);
    if (!one) return undefined;
    // Facebook escapes every byte past ASCII, so a character past U+00FF means a tool rewrote the file as text: left as it is.
    const rewritten = one.raws.some((r) => r.m.parts.some((p) => /[^\u0000-\u00ff]/.test(p.text)) || /[^\u0000-\u00ff]/.test(r.m.from ?? ''));
    const fix = (s: string) => (rewritten ? s : facebookText(s));
    // Newest first in each file: reversed (one push each: a file holds up to 10,000 messages).
    for (let k = one.raws.length - 1; k >= 0; k--) {
      const r = one.raws[k]!;
      if (part.page !== undefined) r.m.page = part.page;
      if (r.m.from !== undefined) r.m.from = fix(r.m.from) ?? r.m.from;
      for (const p of r.m.parts) {
        const back = fix(p.text);
        if (back === undefined) (r.m.unsure ??= new Map()).set(p.line, NOT_UTF8);
        else p.text = back;
      }
      raws.push(r);
    }
    // The title and kind as the newest file says them (the last read).
    if (t === undefined || part === parts.at(-1)) t = { ...one, title: one.title !== undefined ? (fix(one.title) ?? one.title) : undefined };
  }
  if (!t) return undefined;
  // In time order (stable: equal stamps keep the files' order).
  raws.sort((a, b) => (a.stamp ?? 0) - (b.stamp ?? 0));
  const messages = raws.map(({ m, files }, i) => {
    m.id = String(i + 1);
    const data = files.map((u) => u.replace(/^.*\//, '')).filter((n) => DATA_FILE.test(n));
    if (data.length > 0) m.unread = `it carries ${data.join(', ')}, which the export keeps in the conversation's \`files\` folder: what ${data.length === 1 ? 'it holds' : 'they hold'} is not read here; import ${data.length === 1 ? 'that file' : 'those files'} too`;
    return m;
  });
  return sidedThread(messages, t.title, t.threadType, t.participants.length);
}

/** Two people: the title names the other side (the seller); a group names no side. */
export function sidedThread(messages: TelegramMessage[], title: string | undefined, threadType: string | undefined, participants: number): TelegramChat {
  const senders = new Set(messages.map((m) => m.from));
  const group = threadType !== undefined ? /Group$/.test(threadType) : Math.max(participants, senders.size) > 2;
  const chat: TelegramChat = { ...(title !== undefined ? { name: title } : {}), messages };
  return group ? chat : withNamedSides(chat, title);
}

const WHAT = 'a Messenger conversation Facebook split over several files (message_1.json the newest)';

function chatOf(input: DumpInput): TelegramChat | DumpError | undefined {
  const text = input.text;
  const head = text.slice(0, 4000);
  if (!/^\uFEFF?\s*\{/.test(head) || !/"participants"\s*:\s*\[/.test(text) || !/"sender_name"\s*:/.test(text)) return undefined;
  const parts = chatParts(input, WHAT);
  return parts instanceof DumpError ? parts : unlessBroken(() => messengerThread(parts));
}

export function createMessengerJson(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: "is not Facebook Messenger's JSON conversation (`participants`, `messages` of `sender_name`, `timestamp_ms`, `content`)" });
}
