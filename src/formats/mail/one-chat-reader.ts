// A reader for an export that holds one chat (DiscordChatExporter's JSON, plain text and CSV; WhatsApp's
// exported chat): the chat is found once per dump (memo.ts) for detection and reading alike, then read as
// the Telegram exports' chats are (telegram-json.ts readTelegram: the seller's messages deliveries, the
// buyer's copies or refused). Each export's own file says only how its chat is found.
import { oncePerInput } from '../memo.js';
import { chatFencesOnTheirLines } from './inline-fences.js';
import type { NestedReader } from './eml.js';
import type { TelegramChat } from './telegram-export.js';
import { readTelegram } from './telegram-json.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';

export interface OneChatExport {
  name: string;
  /**
   * The chat the dump holds, or undefined where it is not this export's (no messages read counts as
   * not); or why it is this export's and not read (a file of its conversation unread: split-chat-files.ts).
   */
  chatOf: (input: DumpInput) => TelegramChat | DumpError | undefined;
  /** How sure a found chat makes detection (the registry's scale). */
  certainty: number;
  /** Why a dump forced on this reader is not its export: what its export looks like. */
  notThis: string;
}

export function oneChatReader(readNested: NestedReader, how: OneChatExport): DumpFormat {
  // Code blocks typed inline (```a:b```) given fences of their own lines, as a paste's are read (inline-fences.ts).
  const chatOf = oncePerInput((input: DumpInput) => {
    const found = how.chatOf(input);
    return found instanceof DumpError ? found : chatFencesOnTheirLines(found);
  });
  async function parse(input: DumpInput): Promise<DumpResult> {
    const chat = chatOf(input);
    if (!chat) throw new DumpError(how.notThis, input.name, 1);
    if (chat instanceof DumpError) throw chat;
    return readTelegram(readNested, how.name, input, { chats: [chat] });
  }
  return { name: how.name, detect: (input) => (chatOf(input) ? how.certainty : 0), parse };
}
