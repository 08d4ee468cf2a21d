// The sides of a chat whose export no longer says them: a WhatsApp chat or DiscordChatExporter's
// CSV renamed by the operator (`chat.txt`, `buy.csv`). Those exports name the other side only in
// the file's name (whatsapp-chat.ts, discord-sides.ts); their content names no one. The whole chat
// is read first, then the sides are taken as a careful reader takes them: the seller is who says
// "here are your accounts", "enjoy", "payment received"; the buyer is who pays ("paid", "sent you
// $12"), asks to buy, or holds an account up with a question or a complaint ("is this one yours?
// ash01:Pw", "ash01:Pw does not work"), in English, German, Spanish, Portuguese, Russian or French
// (side-phrases.ts). Who writes an account first says nothing: buyers paste
// accounts to ask about them. Only when nothing is said either way does giving decide: one sender
// gives accounts and the other none (writing again what the other gave is a copy, no giving). When both give accounts and nothing tells the sides apart,
// every account is refused, saying so: a guess would import the buyer's copies or drop the
// seller's delivery. A chat of more than two senders is a group: every message is read, as before.
import { BUYER_SAYS, SELLER_SAYS, type Phrase } from './side-phrases.js';
import type { TelegramChat, TelegramMessage } from './telegram-export.js';

const sender = (m: TelegramMessage) => m.fromId ?? m.from;

/** One message as read: its prose lines (those holding no account) and how many accounts it gave. */
export interface MessageAsRead {
  m: TelegramMessage;
  prose: string[];
  /** The logins of the accounts it gave (lower-cased), in order. */
  logins: string[];
}

export interface TakenSides {
  isBuyer: (m: TelegramMessage) => boolean;
  /** Said after each of the buyer's refused lines: how the sides were taken, for the operator to check. */
  note: string;
  /** Set when the sides could not be told: why every account of the chat is refused. */
  unsure?: string;
}

/** How a reason names the first of `patterns` the lines say, or undefined. */
function said(lines: string[], patterns: Phrase[]): string | undefined {
  for (const line of lines) for (const [p, named] of patterns) if (p.test(line)) return named;
  return undefined;
}

interface Evidence {
  name: string;
  seller: string[];
  buyer: string[];
  /** Messages giving accounts with nothing a buyer says around them. */
  gives: number;
}

/** A prose line asking (`is this one yours?`): with an account beside it, the account is held up, not given. */
const ASKS = /\?\s*$|\?\s/;

const quote = (phrases: string[]) => [...new Set(phrases)].slice(0, 2).map((p) => `"${p}"`).join(', ');

/**
 * The sides of `chat` taken from what its messages say, or undefined when the export names them
 * (or the chat is no two senders'): every message then read as the export's own sides say.
 */
export function sidesOfWhatIsSaid(chat: TelegramChat, read: MessageAsRead[]): TakenSides | undefined {
  if (!chat.sidesUnnamed) return undefined;
  const by = new Map<string, Evidence>();
  let given = 0;
  /** Who first gave each login: the other side writing it again copies it (quotes, asks), giving nothing. */
  const firstBy = new Map<string, string>();
  for (const { m, prose, logins } of read) {
    given += logins.length;
    const who = sender(m);
    if (m.type !== 'message' || who === undefined) continue;
    const own = logins.filter((login) => (firstBy.get(login) ?? who) === who);
    for (const login of logins) if (!firstBy.has(login)) firstBy.set(login, who);
    const accounts = own.length;
    const e = by.get(who) ?? { name: m.from ?? who, seller: [], buyer: [], gives: 0 };
    by.set(who, e);
    const sells = said(prose, SELLER_SAYS);
    const buys = said(prose, BUYER_SAYS) ?? (logins.length > 0 && prose.some((s) => ASKS.test(s)) ? 'a question beside the account' : undefined);
    if (sells !== undefined) e.seller.push(sells);
    if (buys !== undefined) e.buyer.push(buys);
    else if (accounts > 0) e.gives++;
  }
  if (by.size !== 2) return undefined;
  const [a, b] = [...by.entries()] as [[string, Evidence], [string, Evidence]];
  const picked = sellerOf(a, b);
  if (picked === undefined) {
    if (given === 0) return undefined;
    const both = a[1].gives > 0 ? 'both give accounts' : 'both hold accounts up only beside a question or a complaint';
    const unsure = `the export's file name no longer names the other side, and nothing in the chat tells which of ${a[1].name} and ${b[1].name} sold the accounts (${both}; neither says "here are your accounts" or "paid" more than the other): no account of it is imported; name the seller as the app names the export (\`WhatsApp Chat with NAME.txt\`, \`Direct Messages - NAME [ID].csv\`) and import it again`;
    return { isBuyer: () => false, note: '', unsure };
  }
  const { seller, why } = picked;
  const sellerId = seller[0];
  const buyerName = (seller === a ? b : a)[1].name;
  return {
    isBuyer: (m) => sender(m) !== sellerId,
    note: ` (the export's file name no longer names the other side: ${seller[1].name} is taken for the seller and ${buyerName} for the buyer, as ${why})`,
  };
}

/** The seller of two senders and why: by what each says, else by who alone gives accounts; undefined when neither tells. */
function sellerOf(a: [string, Evidence], b: [string, Evidence]): { seller: [string, Evidence]; why: string } | undefined {
  const score = (e: Evidence) => e.seller.length - e.buyer.length;
  if (score(a[1]) !== score(b[1])) {
    const seller = score(a[1]) > score(b[1]) ? a : b;
    const buyer = (seller === a ? b : a)[1];
    const says = [seller[1].seller.length > 0 ? `${seller[1].name} says ${quote(seller[1].seller)}` : '', buyer.buyer.length > 0 ? `${buyer.name} says ${quote(buyer.buyer)}` : ''];
    return { seller, why: says.filter(Boolean).join(' and ') };
  }
  if (a[1].gives > 0 === b[1].gives > 0) return undefined;
  const seller = a[1].gives > 0 ? a : b;
  return { seller, why: `only ${seller[1].name} gives accounts` };
}
