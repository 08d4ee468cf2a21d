// A seller's delivery in a Telegram chat, exported with Telegram Desktop's "Export chat history"
// as JSON (`result.json`, telegram-export.ts). Each message is read as a mail's body is (through
// the registry: its greeting and sign-off prose, its accounts, the level it states), its text
// joined from its parts: a `pre` block keeps its line breaks and stands on lines of its own, as
// the app shows it; `code`, `bold` and the other entities run on inline. The messages are read in
// order as an mbox's are (message-sequence.ts): a later message's `New password for ash_02: X`, or
// a reply (`reply_to_message_id`) saying so of the account it answers, corrects it, by the mail
// reader's rules. The buyer's own messages (the account that exported the chat) deliver nothing:
// an account written there is a copy of what the seller gave (`ash_02:Pw does not work`), read
// past when it is, refused by its line when it is not. Read from the export: in a personal or a
// bot chat (`personal_chat`, `bot_chat`) the other side is the chat itself (`from_id` is `user` +
// the chat's `id`), so every other sender is the exporter; in the whole account's export,
// `personal_information.user_id` is the exporter in every chat but Saved Messages (all the
// exporter's own notes). A group's export alone names no exporter: every message is read.
import { toDumpInput } from '../decode.js';
import { JsonBroken } from '../json-text.js';
import { PartCollector, type NestedReader } from './eml.js';
import { withLinesAt } from './mail-lines.js';
import { MessageSequence } from './message-sequence.js';
import { loginRuns } from './reply-corrections.js';
import { hasTdesktopEscapes, withJsonEscapes } from './tdesktop-escapes.js';
import { telegramExport, type TelegramChat, type TelegramExport, type TelegramMessage, type TelegramPart } from './telegram-export.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';
import { oncePerInput } from '../memo.js';
import { sidesOfWhatIsSaid, type MessageAsRead } from './chat-sides.js';
import { withFiles } from './carried-files.js';

const NAME = 'telegram-json';

/** A text with a chat's `messages` list of Telegram's message or service records: cheap, before any parse (the import's plan asks it too). */
export function holdsTelegramMessages(text: string): boolean {
  return /"messages"\s*:\s*\[/.test(text) && /"type"\s*:\s*"(?:message|service)"/.test(text);
}

/** Walked once for detection and parsing alike: a chat of years is tens of MB. */
const exportOf = oncePerInput((input: DumpInput): TelegramExport | undefined => {
  const text = input.text;
  let found: TelegramExport | undefined;
  if (/^\uFEFF?\s*\{/.test(text.slice(0, 200)) && holdsTelegramMessages(text)) {
    try {
      found = telegramExport(text);
    } catch (err) {
      // Broken JSON is the JSON readers' to name (json-error.ts), unless it is broken only by
      // Telegram Desktop's own `\x0B` escapes (tdesktop-escapes.ts): then it is read as meant.
      if (!(err instanceof JsonBroken)) throw err;
      if (hasTdesktopEscapes(text)) {
        try {
          found = telegramExport(withJsonEscapes(text));
        } catch (again) {
          if (!(again instanceof JsonBroken)) throw again;
        }
      }
    }
  }
  return found;
});

export function detectTelegramJson(input: DumpInput): number {
  return exportOf(input) ? 0.98 : 0;
}

/**
 * What the app shows as a line break: `\n`, and Word's manual line break (U+000B, pasted from a
 * document), a form feed and Unicode's line and paragraph separators (tdesktop writes the last two
 * as `\u2028`, `\u2029`): each a line of its own here, so an account is never glued to the next.
 */
const LINE_BREAK = /\r?\n|[\v\f\u2028\u2029]/;

/** Entities the app shows as blocks of their own lines. */
const BLOCKS = new Set(['pre', 'blockquote']);

/** A message's text as lines, each with the file line holding its last word (the first part's, for a blank one). */
function messageLines(parts: TelegramPart[]): { lines: string[]; at: number[] } {
  const lines = [''];
  const at: (number | undefined)[] = [undefined];
  const starts = [parts[0]?.line ?? 1];
  const put = (text: string, line: number) => {
    const pieces = text.split(LINE_BREAK);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) {
        lines.push('');
        at.push(undefined);
        starts.push(line);
      }
      lines[lines.length - 1] += piece;
      if (piece.trim() !== '') at[at.length - 1] = line;
    }
  };
  let afterBlock = false;
  for (const part of parts) {
    const block = part.type !== undefined && BLOCKS.has(part.type);
    // `Accounts:` then a `pre` block: the block on lines of its own, as the app shows it.
    if ((block && lines[lines.length - 1] !== '') || (afterBlock && !part.text.startsWith('\n'))) put('\n', part.line);
    put(part.text, part.line);
    afterBlock = block;
  }
  return { lines: lines.map((s) => s.replace(/\r$/, '')), at: at.map((line, i) => line ?? starts[i]!) };
}

/** `user5012345678` and the older export's `5012345678` name one user. */
const bare = (id: string | undefined) => id?.replace(/^user/, '');

/**
 * Whether `m` is the buyer's own (the exporter's), or undefined when the export cannot tell: the
 * other side of a personal or bot chat is the chat itself; in the whole account's export the
 * exporter is `self`, in every chat but Saved Messages.
 */
function buyerOf(chat: TelegramChat, self: string | undefined): (m: TelegramMessage) => boolean {
  const peer = (chat.type === 'personal_chat' || chat.type === 'bot_chat') && chat.id !== undefined ? chat.id : undefined;
  if (peer !== undefined) return (m) => (m.fromId !== undefined ? bare(m.fromId) !== peer : m.from !== undefined && m.from !== chat.name);
  if (self !== undefined && chat.type !== 'saved_messages') return (m) => bare(m.fromId) === self;
  return () => false;
}

const BUYER_COPY_OTHER = 'written in the exporter\'s own message (the buyer\'s side of the chat) with another password than the other side gave it: the buyer\'s messages quote or ask, they deliver nothing, so which password is right is unsure; correct it by hand if the buyer\'s is';
const BUYER_ACCOUNT = 'an account in the exporter\'s own message (the buyer\'s side of the chat) that no message of the other side delivers: the buyer\'s messages quote or ask, they deliver nothing, so it is not imported; import it from where it came from';

/** Accounts on lines the export shows altered (`unsure`, by file line) refused, each with its line's reason. */
function refuseUnsure(result: DumpResult, unsure: Map<number, string>, fileLine: number[]): void {
  const reasonOf = (line: number) => unsure.get(fileLine[line - 1]!);
  const refused = result.accounts.filter((a) => reasonOf(a.line) !== undefined);
  if (refused.length === 0) return;
  result.accounts = result.accounts.filter((a) => reasonOf(a.line) === undefined);
  for (const a of refused) result.rejected.push({ line: a.line, reason: reasonOf(a.line)! });
}

/** One message read on its own, before the sides are known: where its lines are in `virtual`, what its reader gave. */
interface ReadMessage {
  m: TelegramMessage;
  label: string;
  /** The line of `virtual` saying its carried file is unread, when it is. */
  unreadAt?: number;
  lines: string[];
  offset: number;
  result?: DumpResult;
  error?: unknown;
}

/** Every message of `chat` read by the registry, at lines of `virtual` (every message's text, a blank line after each). */
async function readEach(readNested: NestedReader, input: DumpInput, chat: TelegramChat, virtual: string[], fileLine: number[], filePage: (string | undefined)[]): Promise<ReadMessage[]> {
  const read: ReadMessage[] = [];
  for (const m of chat.messages) {
    if (m.type !== 'message') continue;
    const label = m.attached !== undefined ? `message ${m.id}'s file ${m.attached}` : `${m.page !== undefined ? `${m.page} ` : ''}message ${m.id}`;
    let unreadAt: number | undefined;
    if (m.unread !== undefined) {
      virtual.push('');
      fileLine.push(m.line);
      filePage.push(m.page);
      unreadAt = virtual.length;
    }
    const { lines, at } = messageLines(m.parts.length > 0 ? m.parts : m.entities);
    if (lines.every((s) => s.trim() === '')) {
      if (unreadAt !== undefined) read.push({ m, label, unreadAt, lines: [], offset: virtual.length });
      continue;
    }
    const offset = virtual.length;
    for (const [i, s] of lines.entries()) {
      virtual.push(s);
      fileLine.push(at[i]!);
      filePage.push(m.page);
    }
    virtual.push('');
    fileLine.push(m.line);
    filePage.push(m.page);
    const one: ReadMessage = { m, label, lines, offset, ...(unreadAt !== undefined ? { unreadAt } : {}) };
    try {
      // A file is read as a mail's attached file is; its name (`accounts.csv`, `lvl30.txt`) a hint as a loose file's.
      const part = toDumpInput(m.attached ?? `${input.name} (${label})`, Buffer.from(lines.join('\n'), 'utf8'), input.maxLines);
      const got = await readNested(part, m.attached !== undefined ? { attachment: true } : { mailBody: true });
      if (got && m.level !== undefined) for (const a of got.accounts) a.level ??= m.level;
      const result = withLinesAt(got ?? { format: NAME, accounts: [], rejected: [] }, (n) => offset + n);
      if (m.unsure) refuseUnsure(result, m.unsure, fileLine);
      one.result = result;
    } catch (err) {
      one.error = err;
    }
    read.push(one);
  }
  return read;
}

/** The prose lines of a message as read (those holding no account), for its sides to be taken from (chat-sides.ts). */
function asRead(r: ReadMessage): MessageAsRead {
  const held = new Set(r.result?.accounts.map((a) => a.line - r.offset - 1) ?? []);
  return { m: r.m, prose: r.lines.filter((_, i) => !held.has(i)), logins: r.result?.accounts.map((a) => a.username.toLowerCase()) ?? [] };
}

/** One chat's messages in order, at lines of `virtual` (every message's text, a blank line after each). */
async function readChat(readNested: NestedReader, name: string, input: DumpInput, chat: TelegramChat, self: string | undefined, virtual: string[], fileLine: number[], filePage: (string | undefined)[]): Promise<DumpResult> {
  const out = new PartCollector(name);
  const sequence = new MessageSequence(out, virtual);
  const read = await readEach(readNested, input, chat, virtual, fileLine, filePage);
  // Only a chat whose export names no sides is read for them (chat-sides.ts): the rest skip the messages' walk.
  const taken = chat.sidesUnnamed ? sidesOfWhatIsSaid(chat, read.map(asRead)) : undefined;
  const isBuyer = taken?.isBuyer ?? buyerOf(chat, self);
  const note = taken?.note ?? '';
  for (const { m, label, unreadAt, lines, offset, result, error } of read) {
    // A file the seller's message carries that could not be read: its accounts are missing, said by the message's line.
    if (unreadAt !== undefined && !isBuyer(m)) out.add({ format: name, accounts: [], rejected: [{ line: unreadAt, reason: `${label}: ${m.unread}`, part: true }] });
    if (error !== undefined) {
      out.fail(error, label, offset + 1);
      continue;
    }
    if (!result) continue;
    if (taken?.unsure !== undefined) {
      // Sides not told apart: each account refused, none imported (chat-sides.ts).
      out.add({ format: result.format, accounts: [], rejected: [...result.rejected, ...result.accounts.map((a) => ({ line: a.line, reason: taken.unsure! }))] }, label);
      continue;
    }
    const thread = { id: m.id, answers: m.replyTo !== undefined ? [m.replyTo] : [], subject: '' };
    if (!isBuyer(m)) {
      sequence.next(result, label, thread);
      continue;
    }
    // The buyer's message: its accounts are copies of the seller's, or nobody's delivery.
    const rejected: Rejection[] = [];
    for (const a of result.accounts) {
      const known = sequence.earlier(a.username);
      if (known && (known.password === a.password || known.before.has(a.password))) continue;
      rejected.push({ line: a.line, reason: (known ? `${a.username} ${BUYER_COPY_OTHER}` : BUYER_ACCOUNT) + note });
    }
    out.add({ format: result.format, accounts: [], rejected }, label);
    // The delivered logins it names (`tgacc02 does not work`): a reply to it is about those.
    const named = lines.flatMap(loginRuns).filter((run) => out.current(run) !== undefined);
    sequence.heard(thread, [...named, ...result.accounts.map((a) => a.username.toLowerCase())]);
  }
  return out.result();
}

/** The chats of a Telegram export (its JSON or its HTML pages), read as `name`, at the file's lines. */
export async function readTelegram(readNested: NestedReader, name: string, input: DumpInput, found: TelegramExport): Promise<DumpResult> {
  const virtual: string[] = [];
  const fileLine: number[] = [];
  // The file each line is in, where it is a later file of the conversation (ChatPart.page), not the one imported.
  const filePage: (string | undefined)[] = [];
  const chats: { chat: TelegramChat; result: DumpResult }[] = [];
  for (const chat of found.chats) chats.push({ chat, result: await readChat(readNested, name, input, chat, found.self, virtual, fileLine, filePage) });
  const read = chats.filter((c) => c.result.accounts.length > 0 || c.result.rejected.length > 0 || (c.result.skipped?.length ?? 0) > 0);
  let result: DumpResult;
  if (read.length <= 1) result = read[0]?.result ?? { format: name, accounts: [], rejected: [] };
  else {
    // Chats of one export: a login two chats give different passwords is refused in each (PartCollector).
    const all = new PartCollector(name, 'export');
    for (const { chat, result: r } of read) all.add(r, `chat "${chat.name ?? chat.id ?? ''}"`);
    result = all.result();
  }
  // Each account of a later file names that file (DumpAccount.file), its line that file's.
  for (const a of result.accounts) {
    const page = filePage[a.line - 1];
    if (page !== undefined) a.file = page;
  }
  // Every line named at the file's line holding it (`line N` in the reasons too).
  return withLinesAt(result, (n) => fileLine[n - 1]);
}

/**
 * The export with each document its messages carry (`"file": "files/accounts.txt"`) read as a
 * message of its sender's (carried-files.ts), from the export's folder when the import handed it
 * over (DumpInput.beside: import/chat-export-pages.ts); read alone, each such file is said unread.
 */
function withCarriedFiles(found: TelegramExport, input: DumpInput): TelegramExport {
  if (!found.chats.some((c) => c.messages.some((m) => m.file !== undefined))) return found;
  const beside = input.beside;
  const alone = new Set(beside?.alone ?? []);
  const chats = found.chats.map((c) => ({ ...c, messages: withFiles(c.messages, beside?.dir ?? '', beside?.files, beside?.refused, alone, undefined, 'result.json') }));
  return { ...found, chats };
}

export function createTelegramJson(readNested: NestedReader): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    const found = exportOf(input);
    if (!found) throw new DumpError("is not Telegram Desktop's chat export (result.json: a chat's `messages`, or `chats.list`)", input.name, 1);
    return readTelegram(readNested, NAME, input, withCarriedFiles(found, input));
  }

  return { name: NAME, detect: detectTelegramJson, parse };
}
