// What DiscordChatExporter's text exports (discord-txt.ts, discord-csv.ts) say of a chat's two
// sides, read as Tyrrrz/DiscordChatExporter writes them. They carry no channel kind or user ids
// the way its JSON does (discord-json.ts): a direct chat is known by its pseudo-guild `Direct
// Messages` (`Guild.DirectMessages`), which the TXT preamble names and the default file name
// begins with (`ExportRequest.GetDefaultOutputFileName`: `Direct Messages - NAME [CHANNEL_ID].csv`),
// and is named for the other side (`Channel.Parse`: a DM is named for its recipients' display
// names). An author is written as `User.FullName`: `Name#1234` under Discord's old discriminators,
// `Name` alone under the new usernames. So when one author is named as the channel, that author is
// the seller and every other the buyer (telegram-json.ts reads the buyer's lines as copies);
// otherwise (a server's channel, a group DM, a display name not the user name) every message is read.
import type { TelegramChat } from './telegram-export.js';

/**
 * DiscordChatExporter's default file name, `GUILD - CHANNEL [CHANNEL_ID].EXT` with an optional
 * ` (DATES)` and ` [part N]` (ExportRequest.GetDefaultOutputFileName): one pattern for both
 * questions (a direct chat? a server's channel?), over the base name after the path's folders (`/`,
 * `\`, an archive's `!`).
 */
const DEFAULT_NAME = /^(.+?) - (.+) \[\d+\](?: \([^)]*\))?(?: \[part \d+\])?\.[a-z]+$/i;

/** The guild and channel a default file name gives, or undefined for another name (`buy.csv`). */
export function defaultNameParts(path: string): { guild: string; channel: string } | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'), path.lastIndexOf('!')) + 1);
  const m = DEFAULT_NAME.exec(name);
  return m ? { guild: m[1]!, channel: m[2]! } : undefined;
}

/** `Name#1234` → `Name`: the user name a DM's channel is named for. */
export const userName = (fullName: string) => fullName.replace(/#\d{4}$/, '');

/** The chat with its sides when `peer` (the DM's other side) is one of its authors; else as it is (every message read). */
export function withDirectSides(chat: TelegramChat, peer: string | undefined): TelegramChat {
  if (peer === undefined) return chat;
  const theirs = chat.messages.find((m) => m.from === peer);
  if (!theirs) return chat;
  return { ...chat, name: peer, type: 'personal_chat', id: theirs.fromId ?? '' };
}

/**
 * The chat with its sides when `peer` (the other side, from the file's name) is one of its
 * authors; else marked as naming none, for its sides to be taken from what it says (chat-sides.ts).
 */
export function withNamedSides(chat: TelegramChat, peer: string | undefined): TelegramChat {
  const sided = withDirectSides(chat, peer);
  return sided.type !== undefined ? sided : { ...chat, sidesUnnamed: true };
}

/** File names a seller's accounts come in (a list, a table, a workbook, an archive): an attachment named so is a delivery not read here. */
export const DATA_FILE = /\.(?:txt|csv|tsv|json|jsonl|xlsx?|ods|zip|rar|7z|gz|tar)$/i;

/** Why a message's attachments (URLs, or paths with `--media`) hold accounts not read, or undefined when none may. */
export function attachmentsUnread(urls: string[]): string | undefined {
  const names = urls.map((u) => decodeURIComponent(u.replace(/[?#].*$/, '').replace(/^.*[/\\]/, ''))).filter((n) => DATA_FILE.test(n));
  if (names.length === 0) return undefined;
  return `it carries ${names.join(', ')}, which the export links but does not hold: what ${names.length === 1 ? 'it holds' : 'they hold'} is not read; download ${names.length === 1 ? 'that file' : 'those files'} from the chat and import ${names.length === 1 ? 'it' : 'them'} too`;
}
