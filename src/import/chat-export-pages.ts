// A chat Telegram Desktop exported as HTML, in a folder named to `import` or in an archive: its
// first page (messages.html) is read with the export's other files (formats/mail/telegram-folder.ts
// reads them as one chat): its later pages, as their "Next messages" links chain them, and the
// text files its messages carry (`files/accounts.txt`). Exported as JSON, its `result.json` is
// read with the files its messages name (`"file": "files/accounts.txt"`: telegram-json.ts). Those, the photos and the export's own
// style sheet and script the pages link, are part of the chat and never imported on their own.
// A carried file that is no text (a workbook, an archive, bytes in another code page) is left to
// be imported alone, by the readers that read it loose (Beside.alone). Read from the same dump
// only, as a container file's companions are (container-batch.ts). Exported as "HTML and JSON"
// (tdesktop `export_output_html_and_json.cpp`: both writers into one folder, the files once), the
// folder holds the chat twice: it is read once, from result.json (its senders' ids tell the sides
// exactly; the pages name senders only), and its pages are said read with it.
import type { Beside } from '../formats/beside.js';
import { isTelegramPage, pageTitle } from '../formats/mail/telegram-html.js';
import { holdsTelegramMessages } from '../formats/mail/telegram-json.js';
import { pageLinks, pageNumber, type PageLinks } from '../formats/mail/telegram-pages.js';
import { dirOf, type DumpTree } from './container-batch.js';
import { besidePath } from '../formats/beside.js';
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
  const listed = new Set(tree.paths);
  const jsons = await jsonExportPlan(tree, listed, plan);
  if (firsts.size === 0) return plan;
  for (const { path: head, n } of firsts.values()) {
    const got = await tree.read(head);
    if (!got || !('text' in got) || !isTelegramPage(got.text)) continue;
    const dir = dirOf(head);
    const carried: Carried = { files: new Map(), refused: new Map(), alone: [], used: new Set() };
    const { files, refused, used } = carried;
    const pages: PageLinks[] = [pageLinks(got.text, dir)];
    const over = exportBudget(tree, got.text, carried);
    // The later pages, as the links chain them: a page missing, refused or past the budget ends the chain (the reader names it).
    let next = pages[0]!.next;
    while (next !== undefined && next !== head && !files.has(next)) {
      const page = await tree.read(next);
      if (!page) break;
      if ('refused' in page) {
        refused.set(next, page.refused);
        break;
      }
      if (over(next, page.text)) break;
      files.set(next, page.text);
      used.add(next);
      pages.push(pageLinks(page.text, dir));
      next = pages.at(-1)!.next;
    }
    // A folder whose lowest page is not the first (messages.html not copied) is refused as the chain
    // broken after it is: the files the pages before it carry were no one's until stop 64.
    const broken = n > 1 || (next !== undefined && next !== head && !files.has(next));
    // The same chat as the folder's result.json, asked before the files the pages carry are read:
    // the JSON's plan read them (the export writes its files once), so they are only named here.
    const twin = jsons.get(dir);
    const twinned = twin !== undefined && twin.name !== undefined && twin.name === pageTitle(got.text);
    const jsonAlone = twinned ? (plan.beside.get(twin.path)?.alone ?? []) : [];
    for (const links of pages) {
      if (twinned) linkedOnly(links, listed, jsonAlone, used);
      else await readCarried(tree, links, listed, carried, over);
    }
    // The chat is refused (telegram-folder.ts names the page): the documents its unread pages carry
    // (tdesktop's `files/`: DocumentFolder) are its too, never imported on their own as lists nobody
    // sent (the buyer's `my-list.txt` with a password the seller corrected).
    if (broken) for (const path of tree.paths) if (path.startsWith(dir === '' ? 'files/' : `${dir}/files/`)) used.add(path);
    if (twinned) {
      // The same chat as the folder's result.json: the pages and what they link are the JSON's, read once.
      if (!plan.beside.has(twin.path)) record(plan, twin.path, dir, { files: new Map(), refused: new Map(), alone: [], used: new Set() });
      for (const file of [head, ...used]) if (!plan.used.has(file)) plan.used.set(file, twin.path);
      continue;
    }
    record(plan, head, dir, carried);
  }
  return plan;
}

/** An export's first file (`head`) planned with what it carries; each file it uses is the first export's to name it. */
function record(plan: ChatExportPlan, head: string, dir: string, { files, refused, alone, used }: Carried): void {
  plan.beside.set(head, { dir, files, refused, ...(alone.length > 0 ? { alone } : {}) });
  for (const file of used) if (!plan.used.has(file)) plan.used.set(file, head);
}

/** Whether a dump's file is Telegram Desktop's JSON export by its name (`result.json`, in any folder). */
export function isJsonExport(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1) === 'result.json';
}

interface Carried {
  files: Map<string, string>;
  refused: Map<string, string>;
  alone: string[];
  used: Set<string>;
}

/**
 * What an export's files read so far hold, its first file's text counted: past tree.maxBytes the next
 * is refused, as an archive's member past it is, and stays the export's (never imported on its own: a
 * carried accounts.txt read as a list nobody sent). True for a file refused so.
 */
function exportBudget(tree: DumpTree, first: string, into: Pick<Carried, 'refused' | 'used'>): (path: string, text: string) => boolean {
  let held = Buffer.byteLength(first);
  return (path, text) => {
    const size = Buffer.byteLength(text);
    if (tree.maxBytes === undefined || held + size <= tree.maxBytes) {
      held += size;
      return false;
    }
    into.refused.set(path, `takes the export's files read with it past max_dump_size (${limitText(tree.maxBytes)}), as a zip of it would: not read`);
    into.used.add(path);
    return true;
  };
}

/** The text files a chat's messages carry read into `into` (anything else left alone), the other files it links marked used. */
async function readCarried(tree: DumpTree, links: Pick<PageLinks, 'files' | 'other'>, listed: ReadonlySet<string>, into: Carried, over: (path: string, text: string) => boolean): Promise<void> {
  for (const file of links.files) {
    if (into.files.has(file) || into.refused.has(file) || into.alone.includes(file)) continue;
    const read = await tree.read(file);
    if (!read) continue;
    if ('refused' in read) into.refused.set(file, read.refused);
    else if (over(file, read.text)) continue;
    else if (isText(read.text)) {
      into.files.set(file, read.text);
      into.used.add(file);
    } else into.alone.push(file);
  }
  for (const other of links.other) if (listed.has(other)) into.used.add(other);
}

/** An HTML twin's links marked as the chat's, none read: a document the JSON left to be imported alone (no text) stays so. */
function linkedOnly(links: Pick<PageLinks, 'files' | 'other'>, listed: ReadonlySet<string>, jsonAlone: readonly string[], used: Set<string>): void {
  for (const file of [...links.files, ...links.other]) if (listed.has(file) && !jsonAlone.includes(file)) used.add(file);
}

/** A JSON export's members naming a file of the export (export_output_json.cpp pushPath): `file` a document's, the rest media. */
const JSON_PATH = /"(file|photo|thumbnail|contact_vcard)"\s*:\s*("(?:[^"\\\n]|\\.)*")/g;

/** The files a Telegram JSON export (`result.json` in folder `dir`) names: its documents, and its other media. */
export function jsonLinks(text: string, dir: string): Pick<PageLinks, 'files' | 'other'> {
  const files = new Set<string>();
  const other = new Set<string>();
  for (const m of text.matchAll(JSON_PATH)) {
    let value: unknown;
    try {
      value = JSON.parse(m[2]!);
    } catch {
      continue;
    }
    // `(File not included. ...)`: no file in the export.
    if (typeof value !== 'string' || value.startsWith('(')) continue;
    const at = besidePath(value, dir);
    if ('path' in at) (m[1] === 'file' ? files : other).add(at.path);
  }
  return { files: [...files], other: [...other] };
}

/** A chat exported alone begins with its name (export_output_json.cpp `writeChatStart`: `"name"` first): looked at, not parsed. */
const CHAT_NAME = /^\uFEFF?\s*\{\s*"name"\s*:\s*("(?:[^"\\\n]|\\.)*")/;

function jsonChatName(text: string): string | undefined {
  const quoted = CHAT_NAME.exec(text.slice(0, 4096))?.[1];
  try {
    return quoted !== undefined ? (JSON.parse(quoted) as string) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Telegram Desktop's JSON exports among the dump's files (`result.json`), each with the files its
 * messages carry; returned by folder, with the chat's name, for an HTML twin to be found.
 */
async function jsonExportPlan(tree: DumpTree, listed: ReadonlySet<string>, plan: ChatExportPlan): Promise<Map<string, { path: string; name?: string }>> {
  const found = new Map<string, { path: string; name?: string }>();
  for (const path of tree.paths) {
    if (!isJsonExport(path)) continue;
    const got = await tree.read(path);
    if (!got || !('text' in got) || !holdsTelegramMessages(got.text)) continue;
    const dir = dirOf(path);
    const name = jsonChatName(got.text);
    found.set(dir, { path, ...(name !== undefined ? { name } : {}) });
    const links = jsonLinks(got.text, dir);
    if (links.files.length === 0 && links.other.length === 0) continue;
    const carried: Carried = { files: new Map(), refused: new Map(), alone: [], used: new Set() };
    await readCarried(tree, links, listed, carried, exportBudget(tree, got.text, carried));
    record(plan, path, dir, carried);
  }
  return found;
}
