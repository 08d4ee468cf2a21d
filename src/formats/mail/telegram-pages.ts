// The files of Telegram Desktop's HTML export of a chat, as telegramdesktop/tdesktop
// `Telegram/SourceFiles/export/output/export_output_html.cpp` writes them: its messages in pages
// of 1,000 (`messagesFile`: messages.html, messages2.html, ... messages10.html), each but the last
// ending in `<a class="pagination block_link" href="messagesN.html">` ("Next messages") and each
// but the first opening with one to the page before; the files its messages carry in folders
// beside them (export_data_types.cpp `DocumentFolder`: `files/`, `video_files/`, `stickers/`,
// ...; `photos/`), linked relative to the page (`Wrap::relativePath`: `../../` before the path
// in a whole account's export, whose chats are in `chats/chat_NN/`); its style sheet, script and
// icons (`HtmlWriter::start`: `css/style.css`, `js/script.js`, `images/*.png`) linked from its head.
import { besidePath } from '../beside.js';

const PAGE = /^messages(\d*)\.html$/;

/** A page's number in its chat (messages.html 1, messages10.html 10), or undefined for any other name. */
export function pageNumber(path: string): number | undefined {
  const m = PAGE.exec(path.slice(path.lastIndexOf('/') + 1));
  if (!m) return undefined;
  // `messages1.html` is no name tdesktop writes (the first page has no number).
  if (m[1] === '') return 1;
  const n = Number(m[1]);
  return n >= 2 && String(n) === m[1] ? n : undefined;
}

/** The page name tdesktop gives page `n`. */
export function pageName(n: number): string {
  return n === 1 ? 'messages.html' : `messages${n}.html`;
}

/** `&amp;` and the other entities SerializeString writes into an attribute, decoded. */
function attribute(value: string): string {
  return value.replace(/&(amp|quot|apos|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' })[name as 'amp']);
}

/** A relative link's path in the dump, from a page in folder `dir`; undefined for a link elsewhere (`#go_to_message5`, `https:`, `mailto:`, `tg:`). */
export function linkedPath(href: string, dir: string): string | undefined {
  const raw = attribute(href).replace(/#.*$/, '');
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return undefined;
  const at = besidePath(raw, dir);
  return 'path' in at ? at.path : undefined;
}

export interface PageLinks {
  /** The page's "Next messages" and "Previous messages" pages, by their paths in the dump. */
  next?: string;
  previous?: string;
  /** The files its messages attach as documents (`media_file`): the ones read as the message's text. */
  files: string[];
  /** Every other file of the export it links (photos, stickers, its style sheet and script). */
  other: string[];
}

const PAGINATION = /<a class="pagination block_link" href="([^"]*)">\s*(Next|Previous) messages/g;
const MEDIA_FILE = /<a class="media clearfix pull_left block_link media_file" href="([^"]*)">/g;
const LINK = /\s(?:href|src)="([^"]*)"/g;

/** The pages before and after the page in folder `dir` ("Previous messages", "Next messages"), by their paths in the dump. */
export function pagination(html: string, dir: string): Pick<PageLinks, 'next' | 'previous'> {
  const links: Pick<PageLinks, 'next' | 'previous'> = {};
  for (const m of html.matchAll(PAGINATION)) {
    const path = linkedPath(m[1]!, dir);
    if (path !== undefined) links[m[2] === 'Next' ? 'next' : 'previous'] = path;
  }
  return links;
}

/** What the page in folder `dir` links to in the dump. */
export function pageLinks(html: string, dir: string): PageLinks {
  const links: PageLinks = { ...pagination(html, dir), files: [], other: [] };
  const files = new Set<string>();
  for (const m of html.matchAll(MEDIA_FILE)) {
    const path = linkedPath(m[1]!, dir);
    if (path !== undefined) files.add(path);
  }
  const other = new Set<string>();
  for (const m of html.matchAll(LINK)) {
    const path = linkedPath(m[1]!, dir);
    if (path !== undefined && !files.has(path) && pageNumber(path) === undefined) other.add(path);
  }
  links.files = [...files];
  links.other = [...other];
  return links;
}
