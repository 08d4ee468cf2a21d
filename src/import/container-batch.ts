// The files of one dump (a folder named to `import`, an archive's members) that its container
// files take their settings from (formats/tools/container-companions.ts): each compose file or
// pod spec is handed the files it names (its `.env`, its `env_file:` files, the manifests of its
// folder: formats/beside.ts), read from the same dump only, and the files it used are not
// imported again as dumps of their own: their accounts count once, through the containers using
// them. A file that is a container file itself is always imported as one.
import { besidePath, isManifestName, type Beside } from '../formats/beside.js';
import { companionsUsed, companionsWanted, type Wanted } from '../formats/tools/container-companions.js';
import { COMPOSE_NAMES, FolderNames, overrideOf, overrideSettings } from '../formats/tools/compose-override.js';
import { isComposeFile } from '../formats/tools/compose-interpolation.js';
import { chatExportPlan, isJsonExport, type ChatExportPlan } from './chat-export-pages.js';
import { pageNumber } from '../formats/mail/telegram-pages.js';
import { splitChatPart } from '../formats/mail/split-chat-files.js';
import { splitChatPlan } from './split-chat-plan.js';

/** A dump's files by their paths in it (`/`-separated). */
export interface DumpTree {
  paths: readonly string[];
  /** A file's text; undefined where the dump has none at that path; or why it is not read (a link, too large). */
  read(path: string): Promise<{ text: string } | { refused: string } | undefined>;
  /**
   * The most bytes one chat export's pages and files may hold together (max_dump_size), where
   * nothing else bounds them: a folder named to `import`, each of whose files is bounded alone. An
   * archive's members are bounded together as it unpacks, the inbox's by its own reads.
   */
  maxBytes?: number;
}

/**
 * Texts over this are not kept between the plan's reads (read again if wanted again): every
 * `.json` and `.yml` of a folder is read to see whether it is a container file, and a folder of
 * 40 MB JSON dumps was held whole (stop 63: six of 38 MB, 357 MB peak for the plan alone). A
 * container file, its `.env` or a manifest's Secret is far smaller (Kubernetes caps a Secret at 1 MiB).
 */
const KEPT_TEXT = 1024 * 1024;

export interface CompanionPlan {
  /** Each container file's files beside it, by its path. */
  beside: Map<string, Beside>;
  /**
   * Each file a container file used, by its path: the container file's path. Also a file the dump
   * names but does not list as a dump of its own (a folder's `.env`, whose hidden name keeps it
   * from the walk): read for the container file all the same, as compose reads it.
   */
  used: Map<string, string>;
  /** The first pages (or `result.json`) of Telegram chat exports among them (chat-export-pages.ts): the files they use are their chat's, not settings. */
  chats: Set<string>;
}

/** Why a file `by` used is not imported on its own, for the import's report. */
export function usedWhy(plan: Pick<CompanionPlan, 'chats'>, by: string, file?: string): string {
  if (!plan.chats.has(by)) return `read with ${by}, whose containers take their settings from it`;
  if (file !== undefined && isTwinPage(file, by)) return twinWhy(by);
  const split = splitChatPart(by)?.kind;
  if (split !== undefined) return `read with ${by}, ${split === 'slack' ? "the first day of the Slack channel's export" : "the newest file of the Messenger conversation"} it belongs to: one conversation, in time order`;
  return isJsonExport(by) ? `read with ${by}, the chat export it belongs to (the files its messages carry, its photos)` : `read with ${by}, the first page of the chat export it belongs to (its pages, the files its messages carry, its photos and style)`;
}

/** What a chat export headed by `by` is, for the import's line saying its other files are read with it. */
export function chatKindOf(by: string): string {
  const split = splitChatPart(by)?.kind;
  return split === 'slack' ? 'one Slack channel' : split === 'messenger' ? 'one Messenger conversation' : 'one Telegram chat';
}

/** A page of a chat read from `by`, its result.json: the chat exported as "HTML and JSON" (chat-export-pages.ts). */
export const isTwinPage = (file: string, by: string) => isJsonExport(by) && pageNumber(file) !== undefined;

/** Why an "HTML and JSON" export's pages are not read: which copy of the chat is. */
export const twinWhy = (by: string) => `the same chat as ${by} (Telegram Desktop's "HTML and JSON" export writes it twice): read once, from ${by}`;

/** The folder part of a path inside a dump's tree ('' at its top). */
export const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** Which container files of the dump get which files beside them, and which files are theirs alone. */
export async function companionPlan(tree: DumpTree): Promise<CompanionPlan> {
  const plan: CompanionPlan = { beside: new Map(), used: new Map(), chats: new Set() };
  const texts = new Map<string, Awaited<ReturnType<DumpTree['read']>>>();
  const read = async (path: string) => {
    if (texts.has(path)) return texts.get(path);
    const got = await tree.read(path);
    if (!got || !('text' in got) || got.text.length <= KEPT_TEXT) texts.set(path, got);
    return got;
  };
  // Compose files and manifests are YAML (or JSON): no other file is read here.
  const wanting = new Map<string, { text: string; wanted: Wanted }>();
  for (const path of tree.paths) {
    if (!isManifestName(path)) continue;
    const got = await read(path);
    const wanted = got && 'text' in got ? companionsWanted(got.text, dirOf(path)) : undefined;
    if (wanted) wanting.set(path, { text: (got as { text: string }).text, wanted });
  }
  // A compose file compose takes in its folder has the override beside it merged over it (compose-override.ts).
  const folders = new FolderNames(tree.paths);
  for (const path of tree.paths) {
    const override = overrideOf(path, folders);
    if (override === undefined || wanting.has(path)) continue;
    const got = await read(path);
    if (got && 'text' in got && isComposeFile(got.text.split('\n'))) wanting.set(path, { text: got.text, wanted: { paths: [], manifests: false } });
  }
  const overrides = new Map<string, string>();
  const bases = new Map<string, string>();
  for (const [path, { text, wanted }] of wanting) {
    const files = new Map<string, string>();
    const refused = new Map<string, string>();
    const manifests = wanted.manifests ? tree.paths.filter((p) => p !== path && dirOf(p) === dirOf(path) && isManifestName(p)) : [];
    const override = isComposeFile(text.split('\n')) ? overrideOf(path, folders) : undefined;
    const queue = [...wanted.paths, ...manifests, ...(override ? [override] : [])];
    for (let k = 0; k < queue.length; k++) {
      const p = queue[k]!;
      if (!('path' in besidePath(p))) continue;
      const got = await read(p);
      if (got && 'text' in got) files.set(p, got.text);
      else if (got) refused.set(p, got.refused);
      // A compose file a service extends brings its own env files and bases, read from its own folder (compose-extends.ts).
      if (got && 'text' in got && p !== override && !manifests.includes(p) && isComposeFile(got.text.split('\n'))) {
        // Its services are this file's bases, never run on their own where compose would not take it in its folder by its name (`common.yml`).
        if (!(COMPOSE_NAMES as readonly string[]).includes(p.slice(p.lastIndexOf('/') + 1))) bases.set(p, path);
        for (const more of companionsWanted(got.text, dirOf(p))?.paths ?? []) if (!queue.includes(more) && more !== path) queue.push(more);
      }
    }
    const beside: Beside = { dir: dirOf(path), files, refused, ...(override && files.has(override) ? { override } : {}) };
    plan.beside.set(path, beside);
    for (const u of companionsUsed(text, beside)) if (!wanting.has(u) && files.has(u) && !plan.used.has(u)) plan.used.set(u, path);
    // The override is part of this file, never a dump of its own, where it names only this file's services (else its own are read alone too).
    if (beside.override && overrideSettings(text.split('\n'), beside)?.within) overrides.set(beside.override, path);
  }
  // A base's own files are read through the file extending it, as the base itself is.
  for (const [base, path] of bases) for (const [u, by] of plan.used) if (by === base) plan.used.set(u, path);
  for (const [override, path] of [...overrides, ...bases]) {
    plan.used.set(override, path);
    plan.beside.delete(override);
  }
  // A Telegram chat exported as HTML: its first page read with its other pages and files.
  // Through `read`: the pages and result.json files a manifest's look already read are not read again.
  addChats(plan, await chatExportPlan({ ...tree, read }));
  // A Messenger thread's or a Slack channel's files: the first read with the others (split-chat-plan.ts).
  addChats(plan, await splitChatPlan({ ...tree, read }));
  return plan;
}

/** A chat plan's conversations added to `plan`, where no earlier plan took their first file; their other files used by them. */
function addChats(plan: CompanionPlan, chats: ChatExportPlan): void {
  for (const [head, beside] of chats.beside) {
    if (plan.beside.has(head) || plan.used.has(head)) continue;
    plan.beside.set(head, beside);
    plan.chats.add(head);
  }
  for (const [file, head] of chats.used) if (plan.chats.has(head) && !plan.used.has(file) && !plan.beside.has(file)) plan.used.set(file, head);
}
