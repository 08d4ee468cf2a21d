// Chat bots' tokens, which a scanner's alarm config takes (PokeAlarm/PokeAlarm `alarms.json.example`:
// Discord's `webhook_url`, Telegram's `bot_token`) and which operators keep in lists beside it.
// Telegram's splits like `user:pass` (`110201543:AAHdqTcv...`: the bot's number, `:`, some 35 characters,
// Telegram's Bot API "Authorizing your bot", whose own example has 34); Discord's is three base64url parts joined by dots,
// the first the account's number (a snowflake) in base64, so it opens with `M`, `N` or `O`
// (the base64 of an ASCII digit). Neither is a login and a password.

const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{32,46}$/;
const DISCORD = /^[MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,38}$/;

/** `110201543` / `AAHdqTcv...` (32 to 46 characters): a Telegram bot's number and its secret. */
export function isTelegramToken(user: string, pass: string): boolean {
  return user.length >= 5 && user.length <= 12 && /^\d+$/.test(user) && TELEGRAM_SECRET.test(pass);
}

/** A Discord token: its first part the base64 of the account's number, all digits. */
export function isDiscordToken(s: string): boolean {
  if (!DISCORD.test(s)) return false;
  const id = Buffer.from(s.slice(0, s.indexOf('.')), 'base64url').toString('latin1');
  return /^\d{15,20}$/.test(id);
}
