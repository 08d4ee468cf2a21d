// One conversation that its exporter writes over several files of one folder, read as one when they
// are imported together (import/split-chat-plan.ts hands the others to the first: DumpInput.beside):
// - Facebook's "Download Your Information" splits a Messenger thread over `message_1.json`,
//   `message_2.json`, ... (or `.html`), `message_1` the newest: mlomb/chat-analytics
//   `pipeline/parse/parsers/MessengerParser.ts` (`sortFiles`: "the lower the number, the newer the
//   messages", read 4, 3, 2, 1), each file's own messages newest first as well;
// - Slack's workspace export writes a channel as a folder of one file a day (`2017-11-14.json`):
//   hfaran/slack-export-viewer `slackviewer/reader.py` (`_create_messages`: `sorted(day_files)`,
//   one list of the channel's messages).
// Read file by file, a seller's correction in a later file never reached the account an earlier
// file gave, and a reply in a thread begun on another day was nobody's.
import { DumpError, type DumpInput } from '../types.js';
import { baseName } from './carried-files.js';

export type SplitChatKind = 'messenger' | 'slack';

const MESSENGER_PART = /^message_([1-9]\d{0,5})\.(json|html)$/;
const SLACK_DAY = /^(\d{4})-(\d\d)-(\d\d)\.json$/;

/** The conversation a file's name makes it part of, and its place in time (lower: older), or undefined. */
export function splitChatPart(path: string): { kind: SplitChatKind; group: string; order: number } | undefined {
  const name = baseName(path);
  const m = MESSENGER_PART.exec(name);
  // message_1 is the newest: the order is the number negated. JSON and HTML downloads are two conversations.
  if (m) return { kind: 'messenger', group: `messenger.${m[2]!}`, order: -Number(m[1]) };
  const d = SLACK_DAY.exec(name);
  if (d) return { kind: 'slack', group: 'slack', order: Number(`${d[1]}${d[2]}${d[3]}`) };
  return undefined;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

export interface ChatPart {
  text: string;
  /** Its file's name, for a message's label, where it is not the file imported (`message_2.json`). */
  page?: string;
}

/**
 * The conversation `input` heads: its own text and the other files of the same conversation its
 * import handed it (DumpInput.beside), oldest first. A file of it that could not be read refuses the
 * whole conversation: an unread file may hold the correction of an account a read one gives.
 */
export function chatParts(input: DumpInput, what: string): ChatPart[] | DumpError {
  const own = splitChatPart(input.name);
  const beside = input.beside;
  if (!own || !beside) return [{ text: input.text }];
  const dir = beside.dir;
  const same = (path: string) => baseName(path) !== baseName(input.name) && dirOf(path) === dir && splitChatPart(path)?.group === own.group;
  for (const [path, why] of beside.refused) {
    if (same(path)) return new DumpError(`is the first file of ${what} whose file ${baseName(path)} ${why}: a later file may correct a password an earlier one gives, so no file of it is read; import the whole folder (or its zip) as it was exported`, input.name, 1);
  }
  const parts: (ChatPart & { order: number })[] = [{ text: input.text, order: own.order }];
  for (const [path, text] of beside.files) if (same(path)) parts.push({ text, page: baseName(path), order: splitChatPart(path)!.order });
  return parts.sort((a, b) => a.order - b.order);
}
