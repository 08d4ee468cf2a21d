// The conversations among a dump's files that their exporter split over several files of one
// folder (formats/mail/split-chat-files.ts: a Messenger thread's message_1.json, message_2.json,
// ...; a Slack channel's days): the first of each (message_1, the channel's first day) is read
// with the others (Beside.files), which are never imported on their own. A file whose text is not
// its kind's (a `2017-11-14.json` that is a list of accounts) stays out and is read alone.
import type { Beside } from '../formats/beside.js';
import { isMessengerPage } from '../formats/mail/messenger-html.js';
import { splitChatPart } from '../formats/mail/split-chat-files.js';
import { limitText } from '../byte-size.js';
import { dirOf, type DumpTree } from './container-batch.js';
import type { ChatExportPlan } from './chat-export-pages.js';

/** Cheap looks at a file's start: a Messenger thread's JSON, its HTML page, a Slack day's list. */
const LOOKS: Record<string, (text: string) => boolean> = {
  'messenger.json': (text) => /^\uFEFF?\s*\{/.test(text) && /"participants"\s*:\s*\[/.test(text.slice(0, 200_000)) && /"sender_name"\s*:/.test(text),
  'messenger.html': isMessengerPage,
  slack: (text) => /^\uFEFF?\s*\[/.test(text) && /"type"\s*:\s*"message"/.test(text.slice(0, 2000)),
};

/** The split conversations of `tree`: each first file with its others (beside), each other file by the first's path (used). */
export async function splitChatPlan(tree: DumpTree): Promise<ChatExportPlan> {
  const plan: ChatExportPlan = { beside: new Map(), used: new Map() };
  const groups = new Map<string, { path: string; order: number }[]>();
  for (const path of tree.paths) {
    const part = splitChatPart(path);
    if (!part) continue;
    const key = `${dirOf(path)}\u0000${part.group}`;
    groups.set(key, [...(groups.get(key) ?? []), { path, order: part.order }]);
  }
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    const looks = LOOKS[key.slice(key.indexOf('\u0000') + 1)]!;
    members.sort((a, b) => a.order - b.order);
    // Messenger's first file is its newest (message_1), a channel's its first day.
    const head = key.endsWith('slack') ? members[0]! : members.at(-1)!;
    const first = await tree.read(head.path);
    if (!first || !('text' in first) || !looks(first.text)) continue;
    const files = new Map<string, string>();
    const refused = new Map<string, string>();
    let held = Buffer.byteLength(first.text);
    for (const { path } of members) {
      if (path === head.path) continue;
      const got = await tree.read(path);
      if (!got) continue;
      if ('refused' in got) refused.set(path, got.refused);
      else if (!looks(got.text)) continue;
      else if (tree.maxBytes !== undefined && held + Buffer.byteLength(got.text) > tree.maxBytes) {
        // Bounded together, as a zip of the folder is unpacked (import/container-batch.ts DumpTree.maxBytes).
        refused.set(path, `takes the conversation's files read with it past max_dump_size (${limitText(tree.maxBytes)}), as a zip of it would: not read`);
      } else {
        held += Buffer.byteLength(got.text);
        files.set(path, got.text);
      }
    }
    if (files.size + refused.size === 0) continue;
    const beside: Beside = { dir: dirOf(head.path), files, refused };
    plan.beside.set(head.path, beside);
    for (const path of [...files.keys(), ...refused.keys()]) plan.used.set(path, head.path);
  }
  return plan;
}
