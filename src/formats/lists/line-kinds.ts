// What is never an account, line by line and field by field: the rules every line reader shares.
// Operators drop more than account dumps into an inbox: proxy lists, scanner configs, checker
// statistics, newsletters, key files. Split on its first `:`, each of their lines looks like
// `user:pass` (`http` / `//user:pass@host:3128`, `hash-key` / `ABCD...`, `Good` / `120`), so a
// reader that only splits lines invents accounts. These rules say what a line is instead; the
// registry uses them to say what a file without accounts looks like (describe-content.ts).
import { isColumnName, roleOf } from './columns.js';
import { isHost, isIp, isPort, isProxy } from '../not-accounts/hosts.js';
import { isHostLogin } from '../not-accounts/host-logins.js';
import { codeFieldKind } from '../not-accounts/code-fields.js';
import { isSiteName } from '../not-accounts/site-names.js';
import { socialHandleLine } from './social-handles.js';
import { isSystemAccountLine } from '../not-accounts/system-accounts.js';
import { isDiscordToken, isTelegramToken } from '../not-accounts/bot-tokens.js';
import type { LineKind } from '../types.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS } from './level-words.js';
import { isPriceLine, isPriceListLine, isPriceOffer } from './price-values.js';
import { isOrderTitle } from './letter-lines.js';
import { slashNames } from './slash-labels.js';

const ADDRESS = /^[^\s@:;,<>"]+@[^\s@:;,<>"]+\.[A-Za-z]{2,24}$/;
/** An e-mail address, and nothing else. */
export function isAddress(field: string): boolean {
  if (!field.includes('@')) return false;
  const f = field.trim();
  return f.length <= 254 && ADDRESS.test(f);
}

/** How a line of each kind is named in a rejection ("looks like ..., not an account"). */
export const KIND_NAME: Record<LineKind, string> = {
  url: 'a URL',
  proxy: 'a proxy (host:port)',
  address: 'an e-mail address alone',
  key: 'an API or hash key',
  config: 'a config line',
  code: 'code or data (Python, JSON)',
  table: 'a table row',
  stats: 'a statistic (a label and a number)',
  header: 'a header naming columns',
  handle: 'a social media handle',
  log: 'a log line',
  prose: 'prose',
  system: "a line of the machine's own account files (/etc/passwd, /etc/shadow, /etc/group)",
  host: 'a login to a host (`user:password@host`, as ssh and server lists write it)',
  site: 'a host name and a password (a site or server list: no PTC username holds a dot, a Google login is an address)',
  signature: "a mail's signature (under `-- ` or a closing such as `Best regards,`): the shop's contacts, no account",
  price: "a price list's line (a level or a count and a price)",
};

/**
 * Words that name a column, a setting or a secret. A username made only of them (`username`,
 * `auth-service`, `hash_key`, `db-pass`) is a header or a config key, never a login.
 */
const HEADER_WORDS = new Set(
  ('username user usernames users login logins account accounts acc accountname name nick password passwords pass passwd pwd pw ' +
    'email emails mail mails address recovery backup secondary level levels lvl provider auth service services type ' +
    'dob birthday birth date country status state banned ban warn captcha id device model ios version ' +
    'ip host hostname port proxy proxies key keys token tokens secret secrets api apikey hash hashkey gmaps google ptc db database ' +
    'location loc lat lon lng webhook webhooks url uri path file csv config workers worker threads step limit delay ' +
    'total subtotal good bad blind error errors checked count amount price order qty quantity ' +
    'item items product products subject delivery invoice seller buyer customer shop store title description ' +
    // An order confirmation's and a shipping notice's labels (`Coupon: POGO10`, `Tracking: JD0146...`).
    'coupon promo voucher discount code tracking carrier payment shipping shipped paid ' +
    // The same order and product words in the languages accounts were sold in (`Produit : 3x Compte
    // PTC niveau 30`, `Producto: ...`, `Betreff: ...`): a shop's line, never a login.
    'produit produits commande objet sujet article producto productos pedido asunto articulo produto produtos assunto ' +
    'prodotto prodotti ordine oggetto articolo produkt produkte bestellung betreff artikel zamowienie temat').split(' '),
);

export function isHeaderWord(s: string): boolean {
  // None of the words holds a digit; nearly every username does (the check runs per line).
  if (s.length > 60 || /\d/.test(s)) return false;
  const parts = s.toLowerCase().replace(/^[#\s]+/, '').split(/[\s_.-]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 4 && parts.every((p) => HEADER_WORDS.has(p));
}

/** A Python or JSON token: a quoted string, `True`/`False`/`None`/`null`, with or without the comma after it. */
function isCodeToken(s: string): boolean {
  // Cheap first look (this runs for every account line): what such a token starts with.
  if (!/^\s*[\[\]{}()'"TFNntfuN]/.test(s)) return false;
  const t = s.trim().replace(/,$/, '');
  return /^(?:True|False|None|null|true|false|undefined|NaN)$/.test(t) || /^(['"]).*\1$/.test(t) || /^[[{(]$|^[\]})]$/.test(t);
}

/** A number, a percentage or a ratio: a count, a port, a level, a coordinate. Never a password. */
function isNumberValue(s: string): boolean {
  if (/^\d{1,2}:\d{2}(?::\d{2})?$/.test(s)) return true; // a time or a duration
  // `5 %`, `5 (x)`, `5% (x)`, with the blanks before `%` or `(` one run (two runs side by side cost a long run's square).
  return /^[+-]?\d{1,5}(?:[.,]\d+)?\s*(?:%(?:\s*\([^)]*\))?|\([^)]*\))?$/.test(s) || /^\d+\s*\/\s*\d+$/.test(s) || /^[+-]?\d+\.\d+$/.test(s) || isPhoneNumber(s);
}

/** A level noted alone (`(30)`, `[31]`, `30lvl`, `(30 lvl)`, `lvl30`, `L30`, `Level 30`): a login's level, no password (level-suffix.ts). */
/** A level's word alone (`lvl`, `Lv.`, `level`, `уровень`): what stands before a level's number. */
const LEVEL_WORD_ALONE = new RegExp(String.raw`^(?:${LEVEL_WORDS})\.?:?$`, 'i');
const LEVEL_NOTE = new RegExp(String.raw`^(?:[([{<]\d{1,2}\+?(?:\s*(?:${LEVEL_WORDS})\.?)?[)\]}>]|\d{1,2}\+?\s*(?:${LEVEL_WORDS})\.?|(?:lvl|lv|l)\.?\d{1,2}|(?:${LEVEL_WORDS})\.?\s+\d{1,2})$`, 'i');

function isLevelNote(s: string): boolean {
  return s.length <= 16 && LEVEL_NOTE.test(s);
}

/**
 * A telephone number as a shop's signature writes it (`+1 (555) 013-4477`, `0176 12345678`,
 * `(030) 9018-2199`, `1-800-555-0199`): digits in groups, seven or more, with blanks, dashes, dots,
 * a slash or brackets between and perhaps a `+` first. No password is only that.
 */
function isPhoneNumber(s: string): boolean {
  return /^\+?\(?\d[\d ().\/-]{5,22}\d$/.test(s) && /[ ()+.\/-]/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 7;
}

/**
 * A log line: a time stamp, then the message (`2017-09-12 14:22:05,123 [worker] INFO ...`, Python's
 * logging as RocketMap and PokemonGo-Bot print it; `09-12 14:22:05 [Kinan City] ...`, KinanCity's
 * logback pattern `%d{MM-dd HH:mm:ss}`; `[2017-09-12 14:22:05] ...`; `14:22:05 INFO ...`; the stamp's
 * bracket straight before the next one, `[12:01:05][worker][INFO] ...`; a colon after the stamp,
 * `%(asctime)s:%(levelname)s: ...` and `tid + ": " + message`, checker-tags.ts).
 */
const LOG_LINE = /^\[?(?:\d{4}-\d{2}-\d{2}[ T]|\d{2}[-/]\d{2}[ T])?\d{2}:\d{2}:\d{2}(?:[,.]\d{1,6})?(?:\][ \t]*\[|\]?[ \t]+\S|:[ \t]+\S|:[A-Z]{4,8}:)/;

/**
 * Python's logging as `logging.basicConfig(level=logging.INFO)` prints it when no format is given
 * (BASIC_FORMAT, `%(levelname)s:%(name)s:%(message)s`): `INFO:__main__:Adding account ash01`, as
 * hzpz/PGPoolClient's `pgpool_export.py` logs. No time stamp: the level word took the login's place
 * and the logger's name and message the password's. A level name, a dotted logger name, a colon.
 */
const PYTHON_BASIC_LOG = /^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[A-Za-z_][\w.]*:/;

/**
 * The schemes of links and proxies (RFC 3986 3.1's registered ones operators paste: `http`, `socks5`,
 * `mailto`...): a login cut from a link at its `:` is one of them, no game's login is.
 */
const URL_SCHEME = /^(?:https?|socks[45]?[ah]?|s?ftps?|ssh|mailto|file|wss?|tcp|udp|git|svn|irc|tg|discord|steam|magnet|data|javascript)$/i;

/** Two words or more of letters alone, perhaps a `.` or `!` after: a log's message (`Login successful`). */
const LOG_MESSAGE = /^[A-Za-z]+(?:[ \t]+[A-Za-z]+)+[.!]?$/;

const DATE = /^(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4})$/;
const COORDINATES = /^[+-]?\d{1,3}\.\d{3,}\s*[,;]\s*[+-]?\d{1,3}\.\d{3,}$/;
const VERDICT = /^(?:banned|shadow[-_ ]?banned|temp[-_ ]?banned|blind|good|bad|ok|valid|invalid|working|dead|alive|live|failed|success|captcha|error|warned|flagged|locked|verified|unverified)$/i;

/** A flag, a count, a verdict or nothing: a cell of a checker's row, never part of a password. */
function isCellValue(s: string): boolean {
  const v = s.trim();
  return v === '' || /^(?:true|false|yes|no|none|null|undefined|nan)$/i.test(v) || isNumberValue(v) || VERDICT.test(v);
}

/** Two or more cells, all values (`false,true,true,false`, `30;No;Yes`): the rest of a table's row. */
function isValueRow(s: string): boolean {
  if (!/[,;\t|]/.test(s)) return false;
  const cells = s.split(/[,;\t|]/);
  return cells.length >= 2 && cells.length <= 32 && cells.some((c) => c.trim() !== '') && cells.every(isCellValue);
}

/** A setting's value: a list, a boolean, a quoted string, a file name or path. */
function isConfigValue(s: string): boolean {
  const v = s.trim();
  return (
    /^\[.*\]$/.test(v) ||
    /^(?:yes|no|on|off|true|false|none|null)$/i.test(v) ||
    /^(['"]).*\1$/.test(v) ||
    /^(?:\/|\.{1,2}\/|~\/|[a-z]:\\)/i.test(v) ||
    /^[\w.-]+\.(?:csv|txt|json|log|ini|py|db|sqlite|pickle|yaml|yml|conf|cfg)$/i.test(v)
  );
}

/** One token of 20+ characters of key alphabet, with letters and digits: an API key, a hash key, base64, hex. */
function isKeyToken(s: string): boolean {
  return s.length >= 20 && /^[A-Za-z0-9+/=_-]+$/.test(s) && /\d/.test(s) && /[A-Za-z]/.test(s);
}

const FUNCTION_WORDS = /\b(?:the|and|for|your|you|are|is|to|of|in|with|this|that|please|thanks|thank|our|we|will|be|have|has|on|at|from|all|not)\b/i;

/**
 * A digit-less label, a blank, then digit-less words: `Bob: thanks!`, `Note: good luck`, `Re:
 * order`. A mail's or a note's line: the generators of test/fixtures make logins and passwords
 * with digits, a seller's `user:pass` has no blank after the `:`, and a hand-made account that
 * has neither digit nor `:` without a blank is set aside with its line, for the operator to see.
 */
const LABEL_WORDS = /^[A-Za-z]+(?:[ _-][A-Za-z]+)?:[ \t]+[^\d\s:#][^\d:#]*$/;

/**
 * Three words or more that read as a sentence. A mark standing alone between blanks is no word:
 * `cuxux94 : Eaoskh91!` (a login with its digit) is a login and a password around a spaced separator, not three words
 * ending like a sentence (a list mixing `user : pass` with `user;pass` lines lost such accounts).
 */
export function isProse(s: string): boolean {
  if (!/\s\S+\s/.test(s)) return false;
  const words = s.trim().split(/\s+/);
  if (words.length < 3 || !/[A-Za-z]{2,}/.test(s)) return false;
  if (words.length === 3 && /\d/.test(words[0]!) && !/[\p{L}\p{N}]/u.test(words[1]!)) return false;
  return FUNCTION_WORDS.test(s) || /[.!?]$/.test(s);
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Where the username of a plain account line ends (its separator), or -1 when the line is not
 * that simple: a username that starts with a letter and holds a digit (no header word, setting
 * name, host or IP does), then `:` `;` `,` or a tab. A character scan, no regex: most lines of a
 * 100,000-line dump take this road, and every rule below would refuse them anyway.
 */
function plainUsernameEnd(s: string, from: number, end: number): number {
  if (!isLetter(s.charCodeAt(from))) return -1;
  let digit = false;
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (!isLetter(c) && c !== 95 && c !== 46 && c !== 45) return digit && (c === 58 || c === 59 || c === 44 || c === 9) ? i : -1;
  }
  return digit ? end : -1;
}

/** A password of printable ASCII with a digit and something else, not opening like code or ending with a comma. */
function isPlainPassword(s: string, from: number, end: number): boolean {
  if (end <= from) return false;
  const first = s.charCodeAt(from);
  if (first === 34 || first === 39 || first === 47 || first === 91 || first === 123 || first === 40 || s.charCodeAt(end - 1) === 44) return false;
  let digit = false;
  let other = false;
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    // `@` may start a proxy's host (`user:pass@1.2.3.4:8080`): such lines take the full rules.
    // `://` starts a link's rest (`webhook:https://...`), `:` and a digit may start an address
    // or a port (`user:pass:10.0.0.1:8080`, `fe80::1`): such lines take the full rules too.
    if (c <= 32 || c >= 127 || c === 64 || (c === 47 && s.charCodeAt(i - 1) === 58) || (c === 58 && (i === from || isDigit(s.charCodeAt(i + 1))))) return false;
    if (isDigit(c)) digit = true;
    else other = true;
  }
  return digit && other;
}

/** `socks5` / `socks4a` before `end`: the one URL scheme with a digit, which the fast roads would take for a login. */
function isSocksScheme(s: string, end: number): boolean {
  return end >= 6 && end <= 7 && (s.charCodeAt(0) | 32) === 115 && /^socks[45][ah]?$/i.test(s.slice(0, end));
}

/** A port and a `:` or `|` at `from` (`proxy1.example.net:8080:user:pass`, `...:8080|user:pass`): no password starts so. */
function portFollows(s: string, from: number): boolean {
  let i = from;
  while (i < s.length && i - from < 6 && isDigit(s.charCodeAt(i))) i++;
  return i > from && (s.charCodeAt(i) === 58 || s.charCodeAt(i) === 124);
}

/** The words before a sentence's comma (`paguei`, `ya pagué`, `hab gerade überwiesen`): one to five words of letters. */
const LEAD_WORDS = /^\p{L}[\p{L}\p{M}'’]*(?:\s\p{L}[\p{L}\p{M}'’]*){0,4}$/u;

/**
 * What a whole line (trimmed, not blank, not a `#` comment) is when it is certainly not an
 * account line; undefined when it may be one.
 */
export function nonAccountKind(s: string): LineKind | undefined {
  // Before the plain line's fast road: `u1:$6$salt$hash:::::::` (a shadow line) would take it.
  if (isSystemAccountLine(s)) return 'system';
  // `INFO:__main__:Marking account ash01 as banned`: Python's default log line, before the fast road reads `INFO` as a login.
  if (s.charCodeAt(0) <= 87 && PYTHON_BASIC_LOG.test(s)) return 'log';
  const sep = plainUsernameEnd(s, 0, s.length);
  const c0 = s.charCodeAt(0);
  // `110201543:AAHdqTcv...`: a Telegram bot's token, its number before the `:` (bot-tokens.ts).
  if (isDigit(c0) && s.length >= 38 && isTelegramToken(s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1))) return 'key';
  // `mail1.example.org:Secret1`: a host name as the login (site-names.ts), the fast road's one shape that is none.
  if (sep > 2 && sep < s.length && isPlainPassword(s, sep + 1, s.length) && !portFollows(s, sep + 1) && !isSocksScheme(s, sep)) return s.lastIndexOf('.', sep) > 0 && isSiteName(s.slice(0, sep)) ? 'site' : undefined;
  // `root:toor@10.0.0.5:22`, `10.0.0.5:22:root:toor`, `ssh://...`: a login to a machine, before the proxy and link rules.
  if (isHostLogin(s)) return 'host';
  // `L30 - $10`, `Level 30 - 10$`, `lvl 25-29 accounts: 5 USD`: a seller's price list (price-values.ts).
  if (isPriceListLine(s)) return 'price';
  // `paguei, pedido 4410`, `bezahlt, Bestellung 4410`, `paid, order #4410`: words, a comma and a
  // blank as a sentence writes them, then an order's word and its number (letter-lines.ts). Split
  // at its comma it was the login `paguei` and the password `pedido 4410` (a chat's buyer, blind
  // round fourteen); no password is an order's title.
  const comma = s.indexOf(', ');
  if (comma > 0 && LEAD_WORDS.test(s.slice(0, comma)) && isOrderTitle(s.slice(comma + 2).trim())) return 'prose';
  // `login/password`, `логин/пароль`: the columns' names over `user/pass` rows (isSlashHeader).
  if (s.includes('/') && isSlashHeader(s)) return 'header';
  if (s.includes('://') || /^www\./i.test(s)) return /^(?:https?|socks[45][ah]?):\/\//i.test(s) && isProxy(s.replace(/^[a-z0-9]+:\/\//i, '').replace(/\/$/, '')) ? 'proxy' : 'url';
  if ((c0 === 45 || c0 === 115 || c0 === 101) && (/^-----(?:BEGIN|END) /.test(s) || /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+) /.test(s))) return 'key';
  if ((c0 < 48 || c0 > 122 || c0 === 95 || c0 === 61) && /^[|+][-=+|]*|^[-=_*]{3,}$|^[─━│┃┌┐└┘├┤┬┴┼═║╔╗╚╝]/.test(s)) return 'table';
  if (/\S\s+\|\s+\S.*\s\|(?:\s|$)/.test(s)) return 'table'; // `1 | ashuser01 | 30 | No`: columns drawn with bars
  if (isProxy(s)) return 'proxy';
  if (c0 >= 48 && c0 <= 57 ? LOG_LINE.test(s) : c0 === 91 && LOG_LINE.test(s)) return 'log';
  if (s.includes('@') && (isAddress(s) || s.split(/[,;\s]+/).filter(Boolean).every(isAddress))) return 'address';
  if (/^[\d:[a-f]/i.test(s) && isIp(s)) return 'proxy';
  // `[Captcha Handler] Please enter the captcha in the browser window...`: a program's tag before its message (PTCAccount2).
  if (c0 === 91 && /^\[[A-Za-z][\w .-]{0,30}\][ \t]+\S/.test(s) && isProse(s.slice(s.indexOf(']') + 1))) return 'prose';
  // ProxyBroker's `find` output, its Proxy.__repr__ (constverum/ProxyBroker proxybroker/proxy.py):
  // `<Proxy US 0.22s [HTTP: Anonymous, HTTPS] 10.0.0.1:8080>`.
  if (c0 === 60 && /^<Proxy\s[^>]*\s\S+:\d{1,5}>$/.test(s)) return 'proxy';
  if (/^[{}[\]()<]|^["'`]|^\/[/*]|^(?:def|class|import|from|return|if|for|while|print|var|let|const|function|async|await)\b[\s(]/.test(s)) return s.startsWith('[') && /^\[[^\]]+\]$/.test(s) ? 'config' : 'code';
  if (/[{[(,]$/.test(s) && /['"]/.test(s)) return 'code';
  if (c0 === 45 && /^--?[A-Za-z][\w-]*(?:[\s=]|$)/.test(s)) return 'config';
  // `export PGO_USERNAME=ash01`, `declare -x PASS=x`: a shell's variable set, never a login `export` and its password (login-variables.ts reads the game's).
  if ((c0 === 101 || c0 === 100) && /^(?:export|declare(?:\s+-[A-Za-z]+)*)\s+[A-Za-z_]\w*=/.test(s)) return 'config';
  // `Accounts => ready`: an arrow in a sentence, no assignment.
  if (s.includes('=') && /^[A-Za-z_][\w.-]*\s*=(?!>)/.test(s) && !/^[A-Za-z_][\w.-]*=[^=\s]*$/.test(s)) return 'config';
  if (isKeyToken(s) || isDiscordToken(s)) return 'key';
  if (isIdentifierHeader(s)) return 'header';
  const at = s.search(/[:;,\t]|=(?!>)/);
  // `合計：1,500円`, `金额：1,500元`: a full-width colon before an amount whose thousands hold a comma,
  // which the search above splits at (a login `合計：1`, a password `500円`).
  const wide = s.indexOf('：');
  if (wide > 0 && (at < 0 || wide < at) && isPriceLine(s.slice(0, wide), s.slice(wide + 1))) return 'stats';
  if (at > 0) {
    const name = s.slice(0, at).trimEnd();
    const value = s.slice(at + 1).trimStart();
    // A captcha service's key (`2captcha:KEY`, `anticaptcha: KEY`, as the account creators solve
    // captchas with one) and a 2FA secret (`2fa: JBSWY3DP...`) under their labels too: no login is a service's name.
    // `Captcha: 5` alone is a checker's count (checker-speed.txt), not a service.
    if (/(?:^|[\s_.-])(?:key|token|secret|apikey|hashkey|2fa|totp)$|\wcaptcha$/i.test(name) && value !== '') return 'key';
    // `max-queued-jobs: 50   # Maximum number of ...`: a setting of several words, as ConfigArgParse
    // files write them (PGScout's and RocketMap's config.ini), whatever its value and comment say.
    if (/^[a-z]+(?:[-_][a-z]+)+:[ \t]+\S/.test(s)) return 'config';
    // `SLACK_TOKEN:    xoxb-...`, `RPC_ID:   8145...`: an environment variable's name (capitals joined
    // by `_`, no digit) and its value, as `heroku config` and kubectl describe list them; no login is one.
    if (s[at] === ':' && /^[A-Z]+(?:_[A-Z]+)+$/.test(name) && /^[ \t]/.test(s.slice(at + 1))) return 'config';
    // `speed_limit=35`: a setting assigned its number (a `.env`, an INI file), not a statistic.
    if (isNumberValue(value)) return isHost(name) ? 'proxy' : s[at] === '=' ? 'config' : 'stats';
    // `Total: $12.00`, `Сумма: 300 руб.`, `合计: 30.00 ￥`: a shop's label and an amount, whatever the label's words (price-values.ts).
    if (s[at] !== '=' && isPriceLine(name, value)) return 'stats';
    // `Speed: 8.3 acc/min`, `Elapsed: 14 min`: a checker's statistic with its unit, after a word without digits.
    if (/^[A-Za-z]+(?: [A-Za-z]+)?$/.test(name) && /^\d+(?:[.,]\d+)?\s*[A-Za-z]{1,8}(?:\/[A-Za-z]{1,8})?$/.test(value) && /\s|\//.test(value)) return 'stats';
    // `name: thanks!`, `Bob: enjoy the accounts`: a label and a sentence, whatever the label.
    if (LABEL_WORDS.test(s) && (/[.!?]$/.test(value) || FUNCTION_WORDS.test(value))) return 'prose';
    // `Note:keep it safe`, `PS:change it after`: a note's label and its words, with or without a
    // blank after the colon; no login is `note`, and its words would vote that passwords hold blanks.
    if (NOTE_LABEL.test(name) && /\S\s+\S/.test(value)) return 'prose';
    // `user123:pwd`, `ash01;secret`, `ash01:token`: a column's or a secret's name after the login,
    // the whole rest of the line, a template's or a header's cell. No game password is one (PTC's
    // need 6 to 15 characters with a digit; these words have none). Not `pass` and `pw`, which
    // fieldKind leaves to be (poor) passwords: `user3:pass 3` is such a password with a number after.
    // (A login has a digit and no blank: `Re: order` is a mail's subject, prose below; `user pass
    // mail Gr4v:mail` a line whose last password holds the `:`.)
    // One word alone: `pw-good`, `good_pass` are passwords a seller may well type (words joined).
    if (/\d/.test(name) && !/\s/.test(name) && /^[A-Za-z]+$/.test(value) && !/^(?:pass|pw)$/i.test(value) && isHeaderWord(value)) return 'header';
    // `email: ash@example.com`: an address under its label, still no password.
    // A shop's label before one value or a whole account (`Conta: ash01 / Pw`); before a sentence (`conta: nova senha X`) it is the letter's.
    if (isHeaderWord(name) || (isForeignLabel(name) && /^\S+(?:\s*[/|:;,-]\s*\S+)?$/.test(value))) return isHeaderLine(s) ? 'header' : isAddress(value) ? 'address' : 'config';
    // `Utente: ash01 | Parola d'ordine: Pw`: a login's label, its value, then another label of words
    // (blanks or an apostrophe in it, which labelled-items.ts' one-word labels leave): a seller's
    // labelled record, the letter reader's; never the login `Utente` with the rest its password.
    // (A header word returned above.)
    if (LABELLED_REST.test(value) && isForeignLabel(name)) return 'config';
    // `user123: Login successful`, `pika02: Account SHADOWBANNED`: a tool's message after the login it
    // is about (MrMime and PGScout log so), no password: digit-less words after `: `, one of them a
    // column's word or a verdict.
    if (s[at] === ':' && /^[A-Za-z][\w.-]*$/.test(name) && /\d/.test(name) && LOG_MESSAGE.test(value) && /^[ \t]/.test(s.slice(at + 1)) && value.split(/[ \t]+/).some((w) => isHeaderWord(w) || VERDICT.test(w.replace(/[.!]$/, '')))) return 'log';
    // `Re: order`, `Hi: there`: a digit-less word, a blank, digit-less words (below).
    if (LABEL_WORDS.test(s)) return 'prose';
    if (isConfigValue(value) || isCodeToken(value)) return 'config';
  }
  return socialHandleLine(s) ?? (isProse(s) ? 'prose' : undefined); // `twitter:@pokemongo`: a handle (social-handles.ts)
}

/** A note's label before a seller's words (the mail reader's STOPWORDS `note`, `ps`; the same in the shops' languages). */
export const NOTE_LABEL = /^(?:notes?|p\.?s\.?|remarks?|comments?|hinweis|anmerkung|nota|remarque|примечание|заметка)$/i;

/**
 * Splits a line into header cells at `:` `;` `,` a tab or `|` with the blanks around them. Tried
 * only where blanks start or at a mark right after blanks (each split's blanks run to the next
 * field), so a long run of blanks is read once, not from each of its blanks.
 */
export const HEADER_SPLIT = /(?<!\s)\s*[:;,\t|]\s*|(?<=\s)[:;,|]\s*/;

/**
 * The longest line read as a header: PGPool's `mysql -B` header, the widest any tool writes, is
 * under 600 characters. A longer line is no header, and is never split into cells to be asked:
 * a 10 MB line of commas split so cost 4 s and half a GB before the file was refused.
 */
export const HEADER_MAX_CHARS = 2000;

/**
 * Every field of the line names a column: `username:password:email`, `Login;Pass;Mail`, and the
 * templates proxy sellers head their lists with (`ip:port:user:pass`, `user:pass@host:port`:
 * the `@` of a proxy's login splits names too).
 */
export function isHeaderLine(s: string): boolean {
  if (s.length > HEADER_MAX_CHARS) return false;
  const cells = s.replace(/^#\s*/, '').split(HEADER_SPLIT).flatMap((c) => c.split('@')).filter((c) => c !== '');
  return (cells.length >= 2 && cells.every(isHeaderWord)) || isSlashHeader(s);
}

/**
 * A label in a shop's language or two joined by `/` before a colon (`Cuenta: x`, `Compte : x`,
 * `Conta: x`, `Логин/Пароль: x/y`, `Login/Password: x/y`): a column's name (columns.ts roleOf), no
 * login (stop 64 L: `Cuenta` and `Login/Password` were read as the login, the rest as its password).
 * The list and letter readers read `Login/Password: x/y` before this (slash-labels.ts); what they
 * leave here is refused. A name with a digit is a login; none of these words holds one.
 */
function isForeignLabel(name: string): boolean {
  if (/\d/.test(name) || name.length > 60) return false;
  return slashNames(name, (p) => isHeaderWord(p) || ACCOUNT_ROLES.has(roleOf(p)!)) > 0;
}

/** A value, a separator, then a label of a few words and its colon: another field of a labelled record. */
const LABELLED_REST = /^\S+[ \t]*[|,;/][ \t]*\p{L}[\p{L}\p{M} '’.-]{0,30}[:：]/u;

/** The columns an account's label names: a note's or a country's word (`note:remember2`) stays a list's line to judge. */
const ACCOUNT_ROLES = new Set<string>(['user', 'pass', 'email']);

/**
 * `login/password`, `Benutzername / Passwort`, `usuario/contraseña`, `логин/пароль`: a shop's
 * template naming the columns of `user/pass` rows, in any of the languages columns.ts knows (stop
 * 64 L: read as a login missing its password). Two to four names on `/`, no other separator.
 */
export function isSlashHeader(s: string): boolean {
  if (!s.includes('/') || s.length > 200) return false;
  // `Login/Password:` above the rows: the names' own colon at the end, as a label's (stop 65 L).
  const names = s.replace(/^#\s*/, '').replace(/[ \t]*[:：]$/, '');
  if (/[:;,\t|]/.test(names)) return false;
  return slashNames(names, (c) => isHeaderWord(c) || roleOf(c) !== undefined) >= 2;
}

const IDENTIFIER = /^[A-Za-z]+(?:_[A-Za-z]+)*$/;

/**
 * `spawnpoint_id,latitude,longitude,spawn_time`: the column names of a database table or its
 * export, snake_case as peewee and SQL write them (RocketMap/RocketMap pogom/models.py: Pokemon's
 * `encounter_id`, `spawnpoint_id`, `pokemon_id`, `latitude`, `longitude`, `disappear_time`). Three
 * cells or more on one separator, each a digit-less identifier, two of them at least joined by `_`
 * or a column's word: no account's login and password are that (a header, wherever it stands).
 */
export function isIdentifierHeader(s: string): boolean {
  if (s.length > HEADER_MAX_CHARS) return false;
  const sep = /[,;\t|]/.exec(s)?.[0];
  if (!sep) return false;
  if (!s.includes('_')) return isPascalHeader(s, sep);
  const cells = s.split(sep).map((c) => c.trim());
  return cells.length >= 3 && cells.every((c) => IDENTIFIER.test(c)) && cells.filter((c) => c.includes('_') || isHeaderWord(c)).length >= 2;
}

/** A PascalCase name: `Author`, `AuthorID`, `CreatedAt`. */
const PASCAL = /^[A-Z][a-z]*(?:[A-Z][a-z]*)*$/;

/**
 * `AuthorID,Author,Date,Content,Attachments,Reactions`: the column names of an export written by a
 * .NET program, in PascalCase (Tyrrrz/DiscordChatExporter's CSV, a chat export an operator may
 * drop in the inbox with the accounts the channel talked about). Three cells or more, each a
 * capitalised digit-less name, two of them at least a column's word or two names joined
 * (`AuthorID`): no account's login and password are that. Read as an account, the first cell
 * was a login and the others its password.
 */
function isPascalHeader(s: string, sep: string): boolean {
  // Cheap first look (account lines come here): a capital first, no digit anywhere.
  const c = s.charCodeAt(0);
  if (c < 65 || c > 90 || /\d/.test(s)) return false;
  const cells = s.split(sep).map((c) => c.trim());
  if (cells.length < 3 || !cells.every((c) => PASCAL.test(c))) return false;
  return cells.filter((c) => isHeaderWord(c) || /[A-Z]/.test(c.slice(1))).length >= 2;
}

const GROUPED_KEY = /^[A-Z0-9]{4,6}(?:-[A-Z0-9]{4,6}){2,7}$/;

/**
 * `activation:QRST-UVWX-YZ12-3456`, `Game1: ABCDE-FGHIJ-KLMNO`: a licence or game key in groups
 * of capitals and digits, no password (PTC's need a small letter). A dash after 4 to 6 first
 * characters is looked for first: this runs for every account line.
 */
function isGroupedKey(p: string): boolean {
  return p.length >= 14 && (p.charCodeAt(4) === 45 || p.charCodeAt(5) === 45 || p.charCodeAt(6) === 45) && GROUPED_KEY.test(p);
}

/**
 * Why a username and password split from a line cannot be an account, though the line as a
 * whole passed `nonAccountKind`: a URL's scheme and rest, an IP and its port, a header word, a
 * Python or JSON token, a bare number.
 */
export function fieldKind(username: string, password: string): LineKind | undefined {
  // The usual line settled at once; a 20-character login (a key) or a password opening with a
  // digit or a sign (a date, coordinates) or `<` (a level noted `<30>`) takes the full rules.
  const p0 = password.charCodeAt(0);
  // `ash_k1 lvl 30`: a level's word where the password goes, its number read as the level (no password; PTC's have 6 characters or more).
  if (password.length <= 6 && LEVEL_WORD_ALONE.test(password)) return 'stats';
  // `L30` and `$10`, `Level 30` and `10$`: a price list's level and price, split at its dash (price-values.ts).
  if (isPriceOffer(username, password)) return 'price';
  if (username.length < 20 && password.length < 32 && !isDigit(p0) && !isSocksScheme(username, username.length) && p0 !== 45 && p0 !== 43 && p0 !== 60 && !isGroupedKey(password) && plainUsernameEnd(username, 0, username.length) === username.length && isPlainPassword(password, 0, password.length)) return username.includes('.') && isSiteName(username) ? 'site' : undefined;
  const pass = password.trim();
  const user = username.trim();
  const code = codeFieldKind(user, pass);
  if (code) return code;
  // A hash or API key where the login would be (`ABCD1234EFGH5678IJKL,2018-01-01`): no game's login is that long a token.
  if (user.length >= 20 && isKeyToken(user)) return 'key';
  // A date, a time stamp or coordinates (`2018-01-01`, `40.7128,-74.0060`): a log's or a map's, no password.
  if (DATE.test(pass) || COORDINATES.test(pass)) return 'stats';
  // A version (`1.2.3`: `pgoapi:1.2.0` as a lock file pins it): no letter, which no PTC password lacks.
  if (/^\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(pass)) return 'stats'; // (four parts: an IP, a proxy below)
  if (DATE.test(user)) return 'table';
  // A checker's verdict in the password's place (`pika01 banned`, `pika02,ok`), or a value not
  // known yet (`mon_fresh04 - unknown`, Monocle's scripts/print_levels.py for a level never seen).
  if (VERDICT.test(pass) || /^(?:unknown|n\/a|tbd|\?+)$/i.test(pass)) return 'table';
  // `user123 is banned` with `banned` read as a note: a sentence's little word, no password (PTC's have 6 characters or more).
  if (/^(?:is|was|has|had|are|were|got|gets|needs|the|and|for|to|of|in|with|on|at|from|not)$/i.test(pass)) return 'prose';
  // The same verdict in brackets (`user123 (banned)`, `pika02 [captcha]`), as checkers' logs note it.
  if (/^[([{<]\S+[)\]}>]$/.test(pass) && VERDICT.test(pass.slice(1, -1))) return 'table';
  if (pass.startsWith('//') && /^[a-z][a-z0-9+.-]*$/i.test(username)) return 'url';
  if ((username.includes('.') || username.includes(':')) && (isIp(username) || (isPort(pass) && isHost(username)))) return 'proxy';
  // `club.pokemon.com:Pw1`, `mail.example.org;secret`: a host name where the login goes (site-names.ts); with a port after it, a proxy (above).
  if (user.includes('.') && isSiteName(user)) return 'site';
  // `socks5 1.1.1.1 80`, `http 10.0.0.1 3128` with the port read as a note: an IP address (with
  // its port or not) in the password's place, or a proxy's scheme in the login's, is a proxy's.
  if (pass.includes('.') && isIp(pass.replace(/:\d{1,5}$/, ''))) return 'proxy';
  // The same with IPv6, bracketed as URLs and proxy lists write it (`[::1]:8080`, RFC 3986 3.2.2),
  // or bare with its `::` (`fe80::1`), and a machine's own name (`localhost`, `localhost:8080`).
  if (/^\[[^\]]+\](?::\d{1,5})?$/.test(pass) ? isIp(pass.slice(1, pass.indexOf(']'))) : pass.includes('::') && isIp(pass)) return 'proxy';
  if (/^localhost(?::\d{1,5})?$/i.test(pass) || /^localhost$/i.test(user)) return 'proxy';
  if (/^(?:https?|socks[45]?[ah]?|ftp)$/i.test(user) && /^[\d[]/.test(pass)) return 'proxy';
  // A URL's scheme is nobody's login (`http:Pika12345`, `mailto:ash@x.org`): a link cut at its `:`.
  if (URL_SCHEME.test(user)) return 'url';
  // `root:toor@192.168.1.10`: a login to a machine at its address (ssh's `user@host`, a server
  // list), never a game account's password.
  if (pass.includes('@') && isIp(pass.slice(pass.lastIndexOf('@') + 1).replace(/:\d{1,5}$/, ''))) return 'host';
  if (isGroupedKey(pass)) return 'key';
  // Long column names only: `pass` or `pw` may be a (poor) password; `password` or `username` never is.
  if (/^[A-Za-z][A-Za-z _.-]{4,23}$/.test(pass) && isColumnName(pass)) return 'header';
  // `아이디<TAB>레벨`, `Логин;Уровень`: two column names in a seller's script, a header without a password column.
  if (/[^\x00-\x7f]/.test(user + pass) && roleOf(user) && pass.split(/\s*[;,:\t|]\s*/).every((cell) => roleOf(cell) !== undefined)) return 'header';
  if (isNumberValue(pass) || isLevelNote(pass)) return 'stats';
  // A row number, a count or a price (`1,Level 30 PTC,2.99`): no generator or seller makes such a login.
  if (isNumberValue(username.trim())) return 'table';
  if (isHeaderWord(username)) return 'config';
  if (isCodeToken(username) || isCodeToken(pass)) return 'code';
  // The rest of a checker's row (`pika01,false,true,true,false`: node-check-account's
  // `username,banned,warn,store,iap`), flags and counts only: no password.
  if (isValueRow(pass)) return 'table';
  return undefined;
}
