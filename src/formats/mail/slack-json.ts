// One day of a Slack channel from a workspace's export (`CHANNEL/2017-11-14.json` beside
// `channels.json` and `users.json`), read as the export's readers read it: hfaran/slack-export-viewer
// `slackviewer/reader.py` (a folder per channel, each day a JSON list of messages, the days read in
// name order) and `slackviewer/formatter.py` (`find_user`: `user`, or `bot_id` with `username` for a
// bot; `render_text`: the markup Slack writes into `text`). A message is `{"type": "message",
// "subtype"?, "user", "text", "ts", "thread_ts"?, "user_profile"?: {"real_name", "display_name",
// "name"}, "files"?: [{"name"}], "file"?: {"name"}}`. Slack keeps `text` as typed but for its own
// markup: `&`, `<`, `>` are written `&amp;`, `&lt;`, `&gt;`, and what it links is wrapped in angle
// brackets (`<mailto:ash@gmail.com|ash@gmail.com>`, `<https://...|label>`, `<@U0123|bob>`,
// `<!here>`): each is given back as the text shown, so an e-mail login and a password with `<` or `&`
// read exact. A thread's reply (`thread_ts` not its own `ts`) answers the thread's first message:
// a correction in it is scoped there (telegram-json.ts). A channel names no seller and no buyer: every
// message is read, as a Telegram group's or a Discord server channel's; a notice (`channel_join`,
// `channel_topic`, ...) is read past. A day imported alone is read alone; the channel's days
// imported together (its folder, a zip of the export, the files named together) are read as one
// channel from its first day, in time order (split-chat-files.ts): a correction on a later day, or a
// reply on a later day in a thread begun earlier, reaches the account it corrects.
import { JsonText, fileJsonText, stringHere, unlessBroken } from '../json-text.js';
import type { NestedReader } from './eml.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';
import { oneChatReader } from './one-chat-reader.js';
import { DATA_FILE } from './discord-sides.js';
import { DumpError, type DumpFormat, type DumpInput } from '../types.js';
import { chatParts, type ChatPart } from './split-chat-files.js';

const NAME = 'slack-json';

/** Subtypes that are somebody's words; the rest are Slack's notices (joins, topics, pins). */
const SPOKEN = new Set(['bot_message', 'file_share', 'thread_broadcast', 'me_message', 'message_replied']);

/** Slack's markup in `text` given back as the text shown (formatter.py render_text; Slack's escaping of `&`, `<`, `>`); its inline code blocks are one-chat-reader.ts's. */
export function slackText(text: string): string {
  return text
    .replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_, target: string, label: string | undefined) => {
      if (label !== undefined) return /^[@#]/.test(target) ? `${target[0]}${label}` : label;
      if (target.startsWith('mailto:')) return target.slice('mailto:'.length);
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      return target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `name` of one `{"name"}` object, the rest walked past. */
function nameOf(j: JsonText): string | undefined {
  let name: string | undefined;
  if (j.peek() !== '{') return (j.value(), undefined);
  j.members((k) => (k === 'name' ? (name = stringHere(j)) : j.value()));
  return name;
}

interface Raw {
  m: TelegramMessage;
  ts?: string;
  threadTs?: string;
  subtype?: string;
  kind?: string;
  files: string[];
}

function message(j: JsonText, line: number): Raw {
  const raw: Raw = { m: { id: '', line, parts: [], entities: [] }, files: [] };
  let profile: string | undefined;
  let botName: string | undefined;
  j.members((key, keyLine) => {
    if (key === 'type') raw.kind = stringHere(j);
    else if (key === 'subtype') raw.subtype = stringHere(j);
    else if (key === 'user' || (key === 'bot_id' && raw.m.fromId === undefined)) {
      const id = stringHere(j);
      if (id !== undefined) raw.m.fromId = id;
    } else if (key === 'username') botName = stringHere(j);
    else if (key === 'user_profile' && j.peek() === '{') {
      const p: Record<string, string | undefined> = {};
      j.members((k) => (k === 'real_name' || k === 'display_name' || k === 'name' ? (p[k] = stringHere(j)) : j.value()));
      profile = p.display_name || p.real_name || p.name;
    } else if (key === 'text') {
      const s = stringHere(j);
      if (s !== undefined) raw.m.parts.push({ text: slackText(s), line: keyLine });
    } else if (key === 'ts') raw.ts = stringHere(j);
    else if (key === 'thread_ts') raw.threadTs = stringHere(j);
    else if (key === 'files' && j.peek() === '[')
      j.list(() => {
        const n = nameOf(j);
        if (n !== undefined) raw.files.push(n);
      });
    else if (key === 'file') {
      const n = nameOf(j);
      if (n !== undefined) raw.files.push(n);
    } else j.value();
  });
  const from = profile ?? botName ?? raw.m.fromId;
  if (from !== undefined) raw.m.from = from;
  raw.m.type = raw.subtype === undefined || SPOKEN.has(raw.subtype) ? 'message' : 'service';
  return raw;
}

const TS = /^\d{9,10}\.\d{6}$/;

/** The day's raw messages; undefined when the text is no Slack export's day. */
function dayRaws(text: string): Raw[] | undefined {
  const j = fileJsonText(text);
  j.blank();
  if (j.peek() !== '[') return undefined;
  const raws: Raw[] = [];
  let other = false;
  j.list(() => {
    if (j.peek() !== '{') {
      other = true;
      return void j.value();
    }
    raws.push(message(j, j.lineHere()));
  });
  // Every item Slack's: a message with its `ts`.
  if (!j.done() || other || raws.length === 0 || !raws.every((r) => r.kind === 'message' && r.ts !== undefined && TS.test(r.ts))) return undefined;
  return raws;
}

/** A channel's days (oldest first: split-chat-files.ts) as one chat in time order, a later day's messages labelled with its file. */
export function slackDays(parts: readonly ChatPart[]): TelegramChat | undefined {
  const raws: Raw[] = [];
  for (const part of parts) {
    const day = dayRaws(part.text);
    if (!day) return undefined;
    for (const r of day) {
      if (part.page !== undefined) r.m.page = part.page;
      raws.push(r);
    }
  }
  const messages = raws
    .sort((a, b) => Number(a.ts) - Number(b.ts))
    .map(({ m, ts, threadTs, files }) => {
      m.id = ts!;
      if (threadTs !== undefined && threadTs !== ts) m.replyTo = threadTs;
      const data = files.filter((n) => DATA_FILE.test(n));
      if (data.length > 0) m.unread = `it carries ${data.join(', ')}, which Slack's export links but does not hold: what ${data.length === 1 ? 'it holds' : 'they hold'} is not read; download ${data.length === 1 ? 'that file' : 'those files'} from the workspace and import ${data.length === 1 ? 'it' : 'them'} too`;
      return m;
    });
  return { messages };
}

const WHAT = "a Slack channel's export (a file a day)";

function chatOf(input: DumpInput): TelegramChat | DumpError | undefined {
  const text = input.text;
  const head = text.slice(0, 2000);
  if (!/^\uFEFF?\s*\[/.test(head) || !/"type"\s*:\s*"message"/.test(head) || !/"ts"\s*:\s*"\d{9,10}\.\d{6}"/.test(text)) return undefined;
  const parts = chatParts(input, WHAT);
  return parts instanceof DumpError ? parts : unlessBroken(() => slackDays(parts));
}

export function createSlackJson(readNested: NestedReader): DumpFormat {
  return oneChatReader(readNested, { name: NAME, chatOf, certainty: 0.98, notThis: "is not a day of a Slack channel from a workspace's export (a list of `{\"type\": \"message\", \"user\", \"text\", \"ts\"}`)" });
}
