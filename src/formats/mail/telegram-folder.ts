// A chat exported by Telegram Desktop as HTML is a folder, not a page (telegram-pages.ts): its
// messages in pages of 1,000, the files they carry beside them. Read one page at a time, a
// correction on messages2.html of a password delivered on messages.html was never seen, and
// `files/accounts.txt` was read as a list nobody sent. Here the first page, handed the export's
// other files (DumpInput.beside: import/chat-export-pages.ts), reads the whole chat: its pages in
// the order their "Next messages" links give (messages10.html after messages9.html), and the text
// of each file a message carries read as a message of its own just after it, by the same sender:
// the seller's file a delivery (the level its caption states applied), the buyer's a copy or
// refused, as their written lines are (telegram-json.ts). A page read alone that has pages before
// or after it is refused: a later page may correct what it delivers.
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import type { NestedReader } from './eml.js';
import { readTelegram } from './telegram-json.js';
import type { TelegramExport } from './telegram-export.js';
import { isTelegramPage, telegramPage } from './telegram-html.js';
import { pageNumber, pagination } from './telegram-pages.js';
import { baseName, withFiles } from './carried-files.js';

/** The chat the page `input` begins, with its later pages and files when the export's folder is beside it. */
export function telegramFolder(input: DumpInput): TelegramExport {
  const number = pageNumber(baseName(input.name)) ?? 1;
  const beside = input.beside;
  const dir = beside?.dir ?? '';
  // Only its neighbours: the files it links are found as its messages are read (withFiles).
  const links = pagination(input.text, dir);
  const first = telegramPage(input.text);
  const chat = first.chats[0]!;
  const alone = new Set(beside?.alone ?? []);
  if (links.previous !== undefined) {
    throw new DumpError(`is page ${number} of a Telegram chat export, and the pages before it (${baseName(links.previous)}) are not read with it: ${beside ? 'they are not in the folder' : 'import the export\'s folder (or its zip), whose pages are read as one chat'}; an earlier page delivers what this one may correct`, input.name, 1);
  }
  if (!beside) {
    if (links.next !== undefined) throw new DumpError(`is the first page of a Telegram chat export whose messages go on in ${baseName(links.next)}: a later page may correct a password this one delivers, so it is not read alone; import the export's folder (or its zip), whose pages are read as one chat`, input.name, 1);
    chat.messages = withFiles(chat.messages, dir, undefined, undefined, alone);
    return first;
  }
  chat.messages = withFiles(chat.messages, dir, beside.files, beside.refused, alone);
  // The later pages in the order their links give, each once.
  const seen = new Set<string>();
  for (let next = links.next; next !== undefined; ) {
    const text = beside.files.get(next);
    if (text === undefined || seen.has(next)) {
      const why = beside.refused.get(next) ?? (seen.has(next) ? 'is linked twice (a loop)' : 'is not in the folder');
      throw new DumpError(`is the first page of a Telegram chat export whose page ${baseName(next)} ${why}: a later page may correct a password an earlier one delivers, so no page of it is read; import the whole folder (or its zip) as Telegram Desktop wrote it`, input.name, 1);
    }
    seen.add(next);
    const page = telegramPage(text).chats[0]!;
    // One push each, not a spread: a page of a crafted export may hold any number of messages.
    for (const m of withFiles(page.messages, dir, beside.files, beside.refused, alone, baseName(next))) chat.messages.push(m);
    next = pagination(text, dir).next;
  }
  // A personal chat's pages are titled with the other side's name, which one of its senders has (telegram-html.ts).
  if (chat.type === undefined && chat.name !== undefined && chat.messages.some((m) => m.from === chat.name)) Object.assign(chat, { type: 'personal_chat', id: '' });
  return first;
}

export function createTelegramHtml(readNested: NestedReader): DumpFormat {
  async function parse(input: DumpInput): Promise<DumpResult> {
    if (!isTelegramPage(input.text)) throw new DumpError("is not a page of Telegram Desktop's chat export (messages.html)", input.name, 1);
    return readTelegram(readNested, 'telegram-html', input, telegramFolder(input));
  }
  // Above the page reader's 0.9 (html.ts): the same page read as one letter took the buyer's copies for deliveries.
  return { name: 'telegram-html', detect: (input) => (isTelegramPage(input.text) ? 0.97 : 0), parse };
}
