// A chat Telegram Desktop exported as HTML, in a folder named to `import` or in an archive: its
// first page (messages.html) is read with the export's other files (formats/mail/telegram-folder.ts
// reads them as one chat): its later pages, as their "Next messages" links chain them, and the
// text files its messages carry (`files/accounts.txt`). Those, the photos and the export's own
// style sheet and script the pages link, are part of the chat and never imported on their own.
// A carried file that is no text (a workbook, an archive, bytes in another code page) is left to
// be imported alone, by the readers that read it loose (Beside.alone). Read from the same dump
// only, as a container file's companions are (container-batch.ts).
import type { Beside } from '../formats/beside.js';
import { isTelegramPage } from '../formats/mail/telegram-html.js';
import { pageLinks, pageNumber, type PageLinks } from '../formats/mail/telegram-pages.js';
import { dirOf, type DumpTree } from './container-batch.js';
import { limitText } from '../byte-size.js';

/** Text as UTF-8 with no NUL and nothing that failed to decode: read with the chat; anything else alone. */
const isText = (text: string) => !text.includes('\u0000') && !text.includes('\ufffd');

export interface ChatExportPlan {
  /** Each chat's first page, with the export's files read for it. */
  beside: Map<string, Beside>;
  /** Each other file of the export the pages link, by its path: the first page's path. */
  used: Map<string, string>;
}

/** The Telegram chat exports among the dump's files: per folder, its lowest page begins one. */
export async function chatExportPlan(tree: DumpTree): Promise<ChatExportPlan> {
  const plan: ChatExportPlan = { beside: new Map(), used: new Map() };
  const firsts = new Map<string, { path: string; n: number }>();
  for (const path of tree.paths) {
    const n = pageNumber(path);
    if (n === undefined) continue;
    const first = firsts.get(dirOf(path));
    if (!first || n < first.n) firsts.set(dirOf(path), { path, n });
  }
  if (firsts.size === 0) return plan;
  const listed = new Set(tree.paths);
  for (const { path: head } of firsts.values()) {
    const got = await tree.read(head);
    if (!got || !('text' in got) || !isTelegramPage(got.text)) continue;
    const dir = dirOf(head);
    const files = new Map<string, string>();
    const refused = new Map<string, string>();
    const alone: string[] = [];
    const used = new Set<string>();
    const pages: PageLinks[] = [pageLinks(got.text, dir)];
    // What the export's files read so far hold: past tree.maxBytes the next is refused, as an archive's member past it.
    let held = Buffer.byteLength(got.text);
    // Still the export's: never imported on its own (a carried accounts.txt read as a list nobody sent).
    const over = (path: string, text: string): boolean => {
      const size = Buffer.byteLength(text);
      if (tree.maxBytes === undefined || held + size <= tree.maxBytes) {
        held += size;
        return false;
      }
      refused.set(path, `takes the export's files read with it past max_dump_size (${limitText(tree.maxBytes)}), as a zip of it would: not read`);
      used.add(path);
      return true;
    };
    // The later pages, as the links chain them: a page missing or refused ends the chain (the reader names it).
    let broken = false;
    for (let next = pages[0]!.next; next !== undefined && next !== head && !files.has(next); ) {
      const page = await tree.read(next);
      broken = true;
      if (!page) break;
      if ('refused' in page) {
        refused.set(next, page.refused);
        break;
      }
      if (over(next, page.text)) break;
      broken = false;
      files.set(next, page.text);
      used.add(next);
      pages.push(pageLinks(page.text, dir));
      next = pages.at(-1)!.next;
    }
    for (const links of pages) {
      for (const file of links.files) {
        if (files.has(file) || refused.has(file) || alone.includes(file)) continue;
        const read = await tree.read(file);
        if (!read) continue;
        if ('refused' in read) refused.set(file, read.refused);
        else if (over(file, read.text)) continue;
        else if (isText(read.text)) {
          files.set(file, read.text);
          used.add(file);
        } else alone.push(file);
      }
      for (const other of links.other) if (listed.has(other)) used.add(other);
    }
    // The chat is refused (telegram-folder.ts names the page): the documents its unread pages carry
    // (tdesktop's `files/`: DocumentFolder) are its too, never imported on their own as lists nobody
    // sent (the buyer's `my-list.txt` with a password the seller corrected).
    if (broken) for (const path of tree.paths) if (path.startsWith(dir === '' ? 'files/' : `${dir}/files/`)) used.add(path);
    plan.beside.set(head, { dir, files, refused, ...(alone.length > 0 ? { alone } : {}) });
    for (const file of used) if (!plan.used.has(file)) plan.used.set(file, head);
  }
  return plan;
}
