// The files a Telegram Desktop export's messages carry (`files/accounts.txt`), read with the chat:
// each text file a message of its own just before the message carrying it, by the same sender (the
// seller's a delivery, the level its caption states applied; the buyer's a copy or refused, as
// their written lines are: telegram-json.ts). The HTML export links a file from its page
// (telegram-folder.ts), the JSON export names it in the message's `"file"` (telegram-json.ts); both
// relative to the export's folder, whose files the import hands over (import/chat-export-pages.ts).
import { levelFromText } from '../stated-level.js';
import type { TelegramMessage } from './telegram-export.js';
import { linkedPath } from './telegram-pages.js';

export const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);

/** The file's text as parts of a message, each line at its own line of the file. */
function fileParts(text: string): TelegramMessage['parts'] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((s, i) => ({ text: i === 0 ? s : `\n${s}`, line: i + 1 }));
}

/** The caption's text, for the level it states. */
const captionOf = (m: TelegramMessage) => m.parts.map((p) => p.text).join('');

/**
 * The messages of one page (or of a JSON export's chat: `holder`), each file a message carries read
 * from `files` (the export's files by their paths in the dump) into a message just before it;
 * `files` undefined: the page was read alone.
 */
export function withFiles(messages: TelegramMessage[], dir: string, files: ReadonlyMap<string, string> | undefined, refusedFiles: ReadonlyMap<string, string> | undefined, alone: ReadonlySet<string>, page?: string, holder = 'page'): TelegramMessage[] {
  const out: TelegramMessage[] = [];
  for (const m of messages) {
    if (page !== undefined) m.page = page;
    const file = m.file;
    const path = file?.href !== undefined ? linkedPath(file.href, dir) : undefined;
    const named = file?.name ?? (path !== undefined ? baseName(path) : 'a file');
    if (file?.left !== undefined) m.unread = `the file ${named} it carries was left out of the export ("${file.left}"): what it holds is not read; export the chat again with files included, or import that file itself`;
    else if (path !== undefined && !alone.has(path)) {
      const text = files?.get(path);
      const refused = refusedFiles?.get(path);
      if (refused !== undefined) m.unread = `the file ${path} it carries ${refused}: what it holds is not read`;
      else if (text === undefined) {
        m.unread = files
          ? `the file ${path} it carries is not in the export's folder: what it holds is not read; import the whole folder (or its zip) as Telegram Desktop wrote it`
          : `the file ${path} it carries is not read with this ${holder} alone: import the export's folder (or its zip), whose ${holder === 'page' ? 'pages' : 'messages'} and files are read as one chat`;
      } else {
        const level = levelFromText(captionOf(m));
        // Before the message carrying it, as the app shows a file above its caption: a reply to the message is about the file's accounts.
        out.push({ id: m.id, line: 1, type: m.type ?? 'message', ...(m.from !== undefined ? { from: m.from } : {}), ...(m.fromId !== undefined ? { fromId: m.fromId } : {}), ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}), parts: fileParts(text), entities: [], attached: path, ...(level !== undefined ? { level } : {}) });
      }
    }
    out.push(m);
  }
  return out;
}
