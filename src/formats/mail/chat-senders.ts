// The line a chat program puts above a sender's messages when they are copied, the messages
// below it: Discord's `Name — Today at 7:02 PM`, Telegram Desktop's `Name, [14.11.17 19:02]`
// ("Copy selected as text"). Sellers delivered in chats; such a line is no account, and a list
// reader must not take its `,` for the separator of the list (list-layout.ts).

/** Discord: `Name — Today at 7:02 PM`, `Name — 14/11/2017`. */
const DISCORD_SENDER = /^\S.{0,40}[ \t][\u2014\u2013-][ \t](?:Today|Yesterday|Last \w+|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?: at)? \d{1,2}:\d{2}(?:[ \t]*[AP]M)?$/i;
/** Telegram Desktop: `Name, [14.11.17 19:02]`, `Name, [11/14/17 7:02 PM]`, `Name, [19:02]`. */
const TELEGRAM_SENDER = /^\S.{0,40}, \[(?:\d{1,2}[./]\d{1,2}[./]\d{2,4},? )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?\]$/i;

/** A trimmed line that is a chat's sender line. Looks at the last character first: most lines end otherwise. */
export function isChatSender(s: string): boolean {
  const last = s.charCodeAt(s.length - 1);
  if (last === 93) return TELEGRAM_SENDER.test(s);
  // `... 7:02 PM`, or `... at 19:02`: a time's `:` two characters before the end.
  return (last === 77 || last === 109 || (last >= 48 && last <= 57 && s.charCodeAt(s.length - 3) === 58)) && DISCORD_SENDER.test(s);
}
