// Which chat export's head (its first page, or result.json) each file of a dropped export folder
// goes with, remembered from the companion plan that found it. Without it every file of the
// folder (an export of years holds thousands of photos) scanned the inbox and planned the whole
// export again, in its own turn and again in a burst's check: the cost grew with files x export
// size (docs/scale-log.md, stop 64 T). A file remembered goes with its head while the head is
// still in the inbox; the head plans afresh at its own turn, and files filed with it never come back.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsPath } from './raw-names.js';

/** Past this many files remembered, the oldest half is let go (a watcher of months sees many exports). */
const MAX_REMEMBERED = 200_000;

export class ChatHeads {
  private readonly heads = new Map<string, string>();
  /**
   * The files a chat's pages link (`files/my-list.txt`) that were not in the inbox when its head
   * was planned, by path → head. A slow copy lands one after the chat was read and filed; in a
   * folder renamed from tdesktop's `ChatExport_DATE` nothing else says it is the chat's, and read
   * alone a buyer's own list became a delivery (stop 65 X). Remembered while the watcher runs.
   */
  private readonly linked = new Map<string, string>();

  constructor(private readonly inbox: string) {}

  /** The files a plan gave to a chat's head (`used`: file → head; `chats`: the plan's heads), by inbox-relative path. */
  remember(used: ReadonlyMap<string, string>, chats: ReadonlySet<string>): void {
    for (const [file, head] of used) if (chats.has(head) && file !== head) setCapped(this.heads, file, head);
  }

  /** Paths `head`'s pages link that are not in the inbox yet (a page's absent carried files). */
  rememberLinked(head: string, paths: readonly string[]): void {
    for (const path of paths) setCapped(this.linked, path, head);
  }

  /** The head of a chat whose pages link `file` and that was filed (no longer in the inbox) before `file` landed. */
  async filedChatOf(file: string): Promise<string | undefined> {
    const head = this.linked.get(file);
    return head === undefined || (await this.inInbox(head)) ? undefined : head;
  }

  /** The head `file` goes with, when one was planned for it and is still a file in the inbox. */
  async headOf(file: string): Promise<string | undefined> {
    const head = this.heads.get(file);
    if (head === undefined) return undefined;
    if (await this.inInbox(head)) return head;
    this.heads.delete(file);
    return undefined;
  }

  /** Whether the head is still a file in the inbox (not yet filed). */
  private async inInbox(head: string): Promise<boolean> {
    const info = await lstat(fsPath(join(this.inbox, head))).catch(() => undefined);
    return info?.isFile() === true;
  }
}

/** `key` set newest in `map`; past MAX_REMEMBERED entries the oldest half let go. */
function setCapped(map: Map<string, string>, key: string, value: string): void {
  map.delete(key);
  map.set(key, value);
  if (map.size <= MAX_REMEMBERED) return;
  let drop = map.size - MAX_REMEMBERED / 2;
  for (const k of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(k);
  }
}
