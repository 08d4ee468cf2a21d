// A compose file or pod spec dropped into the inbox with the files it takes its settings from (its
// `.env`, its services' `env_file:` files, the base an `extends: file:` names, the manifests
// holding a pod spec's Secrets): the inbox is read as `accountpool import` reads a folder
// (import/container-batch.ts companionPlan), so the container file is imported with them and they
// are filed with it, never read again alone. Files copied in together land one by one: a file of
// such a batch waits while a manifest of the inbox is still being written (as a mail waits for the
// other mails of its conversation, mail-group.ts: the same wait, run.ts GROUP_WAITS), and a
// container file waits a bounded while for a companion it names that is not there yet; one that
// never comes is named, and the file is read as `import` reads it without that file.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isManifestName, type Beside } from '../formats/beside.js';
import { companionPlan, type DumpTree } from '../import/container-batch.js';
import { isJsonExport, jsonLinks } from '../import/chat-export-pages.js';
import { companionsWanted } from '../formats/tools/container-companions.js';
import { inboxRelative, isIgnoredName } from './ignore.js';
import { readInInbox, type MailGroupContext } from './mail-group.js';
import { scanInbox } from './scan.js';
import { ChatHeads } from './chat-heads.js';
import { code, Unimportable } from './read-file.js';
import { fsPath } from './raw-names.js';
import { limitText } from '../byte-size.js';
import { pageLinks, pageNumber } from '../formats/mail/telegram-pages.js';
import { splitChatPart } from '../formats/mail/split-chat-files.js';

/** A container file's batch: the files beside it it is read with, and those of them filed with it. */
/** A file not to be read alone, with why (a file a chat export carries, with no page of it to read it with). */
export interface SetAside {
  setAside: string;
}

export interface ContainerBatch {
  beside: Beside;
  /** The files it used, by their paths in the inbox: filed with it (imported/ or failed/), never read alone. */
  companions: string[];
  /** The files it names that were not in the inbox when it was read (waited for, never came). */
  missing: string[];
}

/** A compose file, a manifest or an env file is kilobytes; a larger file is a dump, read alone at its turn. */
const SETTINGS_MAX = 1024 * 1024;

const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');

/**
 * Whether a container file may be in the folder of `rel` or above it: a file whose folders hold
 * no manifest (`.yml`, `.yaml`, `.json`) is no one's companion, and costs one listing per folder,
 * never a scan of the inbox (a mass drop of 10,000 lists stays linear).
 */
async function manifestAbove(inbox: string, rel: string): Promise<boolean> {
  let dir = dirOf(rel);
  for (;;) {
    const names = await readdir(fsPath(dir === '' ? inbox : join(inbox, dir))).catch(() => [] as string[]);
    if (names.some((n) => !isIgnoredName(n) && (isManifestName(n) || pageNumber(n) !== undefined) && n !== rel.slice(rel.lastIndexOf('/') + 1))) return true;
    if (dir === '') return false;
    dir = dirOf(dir);
  }
}

/** One watcher's remembered heads: its context object lives as long as it does. */
const chatHeads = new WeakMap<MailGroupContext, ChatHeads>();

function chatHeadsOf(ctx: MailGroupContext): ChatHeads {
  let heads = chatHeads.get(ctx);
  if (!heads) chatHeads.set(ctx, (heads = new ChatHeads(ctx.inbox)));
  return heads;
}

/**
 * `path`'s batch when it is a container file with files beside it; `{ with }` when it is a file a
 * container file waiting in the inbox takes its settings from (read and filed at that file's
 * turn); `{ retryMs }` while a file of the batch is still being written, or a companion it names
 * is not there yet and `waited` is false; undefined when it is read alone, as before.
 */
export async function containerGroup(ctx: MailGroupContext, path: string, waited: boolean, now = Date.now()): Promise<ContainerBatch | { with: string } | { retryMs: number } | SetAside | undefined> {
  const name = inboxRelative(ctx.inbox, path);
  if (name === undefined || name === '') return undefined;
  // A file of an export folder a plan gave to its head already: no scan, no plan again (chat-heads.ts).
  const heads = chatHeadsOf(ctx);
  const known = await heads.headOf(name);
  if (known !== undefined) return { with: known };
  // A file a filed chat's pages link, landed late (a slow copy), in a folder of any name: the chat's.
  const filedChat = await heads.filedChatOf(name);
  const chatFile = inChatExport(name) || filedChat !== undefined;
  // A Messenger thread's message_N.html, one of several landed together, is read with the others (split-chat-plan.ts).
  if (!isManifestName(name) && !chatFile && splitChatPart(name) === undefined && !(await manifestAbove(ctx.inbox, name))) return undefined;
  const listed = (await scanInbox(ctx.inbox, ctx.ignored, { root: ctx.root })).map((p) => inboxRelative(ctx.inbox, p)).filter((p): p is string => p !== undefined && p !== '');
  if (!listed.includes(name)) return undefined;
  let retryMs = 0;
  // What the files read hold, each counted once: the plan reads a file more than once (result.json
  // as a manifest's candidate, then as a chat's head), and a second count refused a file half the cap.
  let held = 0;
  const sizes = new Map<string, number>();
  const tree: DumpTree = {
    paths: listed,
    async read(rel) {
      let tooLarge = false;
      // A hidden `.env` is never listed (ignore.ts) but is read when named, as `import FOLDER` reads it.
      const got = await readInInbox(ctx, rel, (info) => {
        // Memory: no file past what a container file or its settings weigh, and no more at once than
        // one dump may (a folder of large JSON dumps is read one by one, never all held here).
        // A chat export's pages and result.json are its messages, dumps' size: only the one-dump cap.
        if ((info.size > SETTINGS_MAX && !isChatText(rel)) || held - (sizes.get(rel) ?? 0) + info.size > ctx.maxSize) {
          tooLarge = true;
          return 1;
        }
        const age = now - info.mtimeMs;
        return age < ctx.settleMs ? Math.max(1, ctx.settleMs - age) : 0;
      }).catch((error: unknown) => {
        // Not there (yet): a companion named that did not come; anything else refused by the line naming it.
        if (['ENOENT', 'ENOTDIR'].includes(code(error) ?? '')) return undefined;
        return { refused: error instanceof Unimportable ? error.message : `cannot be read (${code(error) ?? (error instanceof Error ? error.message : String(error))})` };
      });
      if (got === undefined) return undefined;
      if ('refused' in got) return got;
      if (tooLarge) return rel === name ? undefined : { refused: `holds more than ${limitText(Math.min(SETTINGS_MAX, ctx.maxSize))}, more than a container file's settings: not read` };
      if ('retryMs' in got) {
        retryMs = Math.max(retryMs, got.retryMs);
        return undefined;
      }
      held += got.bytes.length - (sizes.get(rel) ?? 0);
      sizes.set(rel, got.bytes.length);
      return { text: got.bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
    },
  };
  const plan = await companionPlan(tree);
  // A file of the batch still being written (a manifest of the inbox, or a file one names): all wait.
  if (retryMs > 0) return { retryMs };
  heads.remember(plan.used, plan.chats);
  const user = plan.used.get(name);
  if (user !== undefined && user !== name) return { with: user };
  const beside = plan.beside.get(name);
  if (beside === undefined) {
    if (!chatFile || hasFirstPage(plan.chats)) return undefined;
    // A file of a Telegram export folder still being copied, its pages not there yet: it waits for them a bounded while.
    if (!waited) return { retryMs: ctx.settleMs };
    // Still none after the waits: the chat was filed before this file landed (a slow copy), or never
    // came. Read alone, a buyer's own list the chat carries was imported as a delivery (stop 64 X).
    const carrier = carriedBy(name) ?? (filedChat !== undefined ? dirOf(filedChat) || filedChat : undefined);
    if (carrier !== undefined) return { setAside: `is a file of the chat export ${carrier} with no page of the chat beside it (its messages.html or result.json filed already, or not copied): a file a chat carries is read with its messages, which say who sent it (a buyer's own list is no delivery), never alone; drop the whole export folder again, or move the file out of the export folder to import it as a list` };
    return undefined;
  }
  const own = await tree.read(name);
  if (plan.chats.has(name)) {
    // A chat's page or file its pages link that is not in the inbox yet (copied page by page): the chat waits for it.
    const absent = own && 'text' in own ? chatPartsAbsent(own.text, name, beside, listed) : [];
    heads.rememberLinked(name, absent.filter((path) => pageNumber(path) === undefined));
    if (absent.length > 0 && !waited) return { retryMs: ctx.settleMs };
    const companions = [...plan.used].filter(([file, by]) => by === name && file !== name).map(([file]) => file);
    // One still absent after the waits: the reader names it (a page refuses the chat, a file its message), so no note here.
    return { beside, companions, missing: [] };
  }
  const wanted = own && 'text' in own ? companionsWanted(own.text, dirOf(name)) : undefined;
  const missing = (wanted?.paths ?? []).filter((p) => !beside.files.has(p) && !beside.refused.has(p) && !(p.endsWith('.env') && p.slice(p.lastIndexOf('/') + 1) === '.env' && !interpolates(own)));
  if (missing.length > 0 && !waited) return { retryMs: ctx.settleMs };
  const companions = [...plan.used].filter(([file, by]) => by === name && file !== name).map(([file]) => file);
  return { beside, companions, missing };
}

/** Whether a compose file's values name a variable (`${X}`, `$X`): only then does its missing `.env` matter. */
function interpolates(own: { text: string } | { refused: string } | undefined): boolean {
  return own !== undefined && 'text' in own && /\$\{?[A-Za-z_]/.test(own.text.replace(/\$\$/g, ''));
}

/** A folder Telegram Desktop names its export (export_output_abstract.cpp: `ChatExport_DATE`, `DataExport_DATE (N)`). */
const EXPORT_FOLDER = /(?:^|\/)(?:Chat|Data)Export_\d{4}-\d\d-\d\d(?: \(\d+\))?\//;

/** The export folder `rel` is in, when it is no page or result.json of it (a file its messages carry, its css, a photo). */
function carriedBy(rel: string): string | undefined {
  if (pageNumber(rel) !== undefined || isJsonExport(rel)) return undefined;
  const found = EXPORT_FOLDER.exec(rel);
  return found ? found[0].replace(/^\//, '').replace(/\/$/, '') : undefined;
}

/** A file of a Telegram chat export: a page (`messages2.html`), or anything in a folder the app named. */
function inChatExport(rel: string): boolean {
  return pageNumber(rel) !== undefined || EXPORT_FOLDER.test(rel);
}

/** Whether a chat export of the inbox begins where its app begins it (messages.html, or result.json). */
function hasFirstPage(heads: ReadonlySet<string>): boolean {
  return [...heads].some((h) => pageNumber(h) === 1 || isJsonExport(h));
}

/** A chat's own text (its pages, its result.json): as large as its messages are. */
function isChatText(rel: string): boolean {
  return pageNumber(rel) !== undefined || isJsonExport(rel) || splitChatPart(rel) !== undefined;
}

/**
 * The pages and carried files an HTML chat's pages link (the page before the first, the one after
 * the last), or the documents a result.json's messages carry (`"file": "files/accounts.txt"`),
 * that are not in the inbox: a folder copied file by file lands its `files/` after result.json.
 */
function chatPartsAbsent(text: string, head: string, beside: Beside, listed: readonly string[]): string[] {
  const here = new Set(listed);
  const absent = new Set<string>();
  const dir = dirOf(head);
  if (isJsonExport(head)) return jsonLinks(text, dir).files.filter((path) => !here.has(path));
  for (const page of [text, ...[...beside.files].filter(([path]) => pageNumber(path) !== undefined).map(([, t]) => t)]) {
    const links = pageLinks(page, dir);
    for (const path of [links.previous, links.next, ...links.files]) if (path !== undefined && !here.has(path)) absent.add(path);
  }
  return [...absent];
}

