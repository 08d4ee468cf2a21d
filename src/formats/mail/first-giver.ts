// The sides of a chat whose export no longer says them: a WhatsApp chat or DiscordChatExporter's
// CSV renamed by the operator (`chat.txt`, `buy.csv`). Those exports name the other side only in
// the file's name (whatsapp-chat.ts, discord-sides.ts); their content names no one. A buyer's
// chat with a seller has two senders, and the seller is the one who gives the accounts: the sender
// of the first message holding an account is taken to be the seller, and the other the buyer,
// whose account lines are then read as telegram-json.ts reads a named buyer's (copies read past,
// any other refused, saying why). Before that message no account was given, so no side was needed.
// A chat of more than two senders is a group: every message is read, as before.
import type { TelegramChat, TelegramMessage } from './telegram-export.js';

/** Said after a buyer's refused line when the sides were taken so: the operator can check it. */
export const FIRST_GIVER_NOTE = " (the export's file name no longer names the other side, so the seller is taken to be the sender of the first account given, and the buyer the other sender)";

const sender = (m: TelegramMessage) => m.fromId ?? m.from;

export interface FirstGiverSides {
  isBuyer: (m: TelegramMessage) => boolean;
  /** After a message is read: the first one holding accounts names the seller. */
  gave: (m: TelegramMessage, accounts: number) => void;
}

/** Sides found as the chat is read, or undefined when the chat is no two senders' (or names its sides). */
export function firstGiverSides(chat: TelegramChat): FirstGiverSides | undefined {
  if (!chat.sidesUnnamed) return undefined;
  const senders = new Set(chat.messages.filter((m) => m.type === 'message' && sender(m) !== undefined).map(sender));
  if (senders.size !== 2) return undefined;
  let seller: string | undefined;
  return {
    isBuyer: (m) => seller !== undefined && sender(m) !== seller,
    gave: (m, accounts) => {
      if (seller === undefined && accounts > 0) seller = sender(m);
    },
  };
}
