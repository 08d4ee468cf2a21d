// What a dump without accounts looks like, in one phrase for the error that refuses it: "a proxy
// list (40 of 40 lines)", "a config file", "a list of e-mail addresses without passwords". The
// operator who dropped the wrong file sees at once what it was.
import { counted } from '../../counted-noun.js';
import { contentHead } from '../decode.js';
import { knownFile } from './known-files.js';
import { passwordlessTable, passwordlessTableIn } from '../lists/passwordless-tables.js';
import { hostTable } from './host-columns.js';
import { isHeaderWord, KIND_NAME, nonAccountKind, NOTE_LABEL } from '../lists/line-kinds.js';
import { settingsLines } from '../tools/settings-file.js';
import { describeEqualsLines, equalsLineCount } from '../lists/equals-lines.js';
import { CHAT_PREFIX } from '../mail/email-quotes.js';
import { describeOrder } from '../mail/order-text.js';
import { mysqlBatchWithoutHeader } from '../databases/mysql-batch-bare.js';
import { isChatSender } from '../mail/chat-senders.js';
import { REPLY_WORDS } from '../mail/mail-thread.js';
import type { LineKind } from '../types.js';

export const WHOLE: Record<LineKind, string> = {
  url: 'a list of links',
  proxy: 'a proxy list',
  address: 'a list of e-mail addresses without passwords',
  key: 'API or hash keys',
  config: 'a config file',
  code: 'code or data (Python, JSON)',
  table: 'a table (checker statistics?)',
  stats: 'statistics (labels and numbers)',
  header: 'column headers without accounts',
  handle: 'social media handles',
  log: 'a log file',
  prose: 'a letter without accounts (sentences: no line gives a login and a password)',
  system: "the machine's own account file (/etc/passwd, /etc/shadow or /etc/group), not a dump",
  host: 'logins to hosts (`user:password@host`, as ssh and server lists write them), not game accounts',
  site: 'host names with passwords (a site or server list: no PTC username holds a dot, a Google login is an address), not game accounts',
  signature: "a mail's signature without accounts",
  price: 'a price list (levels or counts and prices), no accounts',
};

/** Counts of each kind of line among the first lines that are not blank or `#` comments. */
export function countKinds(text: string): { kinds: Map<LineKind, number>; lines: number } {
  const kinds = new Map<LineKind, number>();
  let lines = 0;
  for (const s of contentHead(text)) {
    if (s.startsWith('#')) continue;
    lines++;
    const kind = nonAccountKind(s);
    if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return { kinds, lines };
}

/**
 * A file some tool is known to write (a system file, a host list, a tool's table without its
 * header...), named: what it is, whatever its lines look like one by one.
 * (The table under a greeting too, `Hi,` above `Username,Comment`: passwordless-tables.ts.)
 */
export function knownContent(text: string, name?: string): string | undefined {
  return knownFile(text, name) ?? hostTable(text) ?? passwordlessTable(text) ?? passwordlessTableIn(text)?.what ?? mysqlBatchWithoutHeader(text);
}

/** "it looks like a proxy list (12 of 12 lines)", or the mix of what was seen; '' when nothing stands out (`name`: the file's, a hint for a few known files). */
export function describeContent(text: string, name?: string): string {
  const known = knownContent(text, name);
  if (known) return `it looks like ${known}`;
  const chat = chatLines(text);
  if (chat.messages * 2 >= chat.lines && chat.messages > 0) return `it looks like a chat without accounts (${chat.messages} of ${counted(chat.lines, 'line')} name a sender and a time, as Skype, WhatsApp, Discord and Telegram copy a chat)`;
  // `Bob: hi`, `seller: here` / `buyer: thx`: a name before every line's words, a chat copied without times.
  const named = namedLines(text);
  if (named.messages > 0 && named.messages === named.lines) return `it looks like a message without accounts: chat lines (${named.messages} of ${counted(named.lines, 'line')} name who wrote, then words)`;
  const { kinds, lines } = countKinds(text);
  const sorted = [...kinds].sort((a, b) => b[1] - a[1]);
  const [kind, n] = sorted[0] ?? [];
  if (kind && n! * 2 >= lines) return `it looks like ${kind === 'prose' ? describeLetter(text) : WHOLE[kind]} (${n} of ${counted(lines, 'line')})`;
  if (kind) {
    // An order's labels and prices read as config lines, statistics and prose, no kind the most.
    const order = describeOrder(text);
    if (order) return order;
    // Flags, numbers, paths and keys under names of their own: a program's settings (settings-file.ts).
    const settings = settingsLines(text);
    if (settings > 0) return `it looks like ${WHOLE.config} (${counted(settings, 'setting')}, one \`name:value\` a line)`;
  }
  // `ash01x=Pika1234` on every line: settings, or accounts no tool writes so (equals-lines.ts).
  const equals = equalsLineCount(text);
  if (equals > 0) return `it looks like ${describeEqualsLines(equals)}`;
  if (!kind) return loginsAlone(text);
  return `of its ${counted(lines, 'line')}, ${sorted.slice(0, 3).map(([k, c]) => `${c} look like ${KIND_NAME[k]}`).join(', ')}`;
}

/**
 * A mass mailing's own marks, each named as the operator would see it (RFC 2369's `List-Unsubscribe`
 * header, the unsubscribe and view-in-browser links of Mailchimp's and Sendinblue's templates, in
 * a few languages): what tells a newsletter from a letter a person wrote.
 */
const NEWSLETTER_MARKS: readonly [RegExp, string][] = [
  [/^List-Unsubscribe:/im, 'a List-Unsubscribe header'],
  [/unsubscribe|abbestellen|abmelden|d[ée]sabonner|d[ée]sinscri|darse de baja|cancelar (?:a )?(?:inscri|subscri)|отписаться|退订|配信停止/i, 'an unsubscribe link'],
  [/view (?:this (?:e-?mail|message|newsletter) )?(?:in|on) (?:your |a )?(?:web )?browser/i, 'a view-in-browser link'],
  [/newsletter/i, 'the word newsletter'],
];

/** A message of sentences without accounts, named for what shows it: a newsletter by its marks, else a letter. */
export function describeLetter(text: string): string {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const marks = NEWSLETTER_MARKS.filter(([mark]) => mark.test(head)).map(([, what]) => what);
  return marks.length > 0 ? `a newsletter without accounts (${marks.slice(0, 2).join(', ')})` : WHOLE.prose;
}

/** "3 proxies (host:port), 2 config lines": the kinds of the lines a reader set aside. */
export function describeKinds(kinds: LineKind[]): string {
  const counts = new Map<LineKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${c} like ${KIND_NAME[k]}`).join(', ');
}

/**
 * What a reader that found no account saw, from the kinds of the lines it skipped or rejected
 * ('' when no kind is most of them): a mail's raw text is headers and MIME parts, and a table's
 * rows (`1,Level 30 PTC,2.99`) are known for one only once split into fields.
 */
export function describeRead(lines: { kind?: LineKind }[]): string {
  const counts = new Map<LineKind, number>();
  for (const l of lines) if (l.kind) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
  const [kind, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return kind && n! * 2 >= lines.length ? `it looks like ${WHOLE[kind]}` : '';
}

/** A PTC login: a letter, then letters, digits, `_ . -` (6 to 32 in all), with a digit, as generators make them. */
const LOGIN = /^[A-Za-z][A-Za-z0-9_.-]{5,31}$/;

/**
 * "it looks like a list of usernames without passwords": every line one login and nothing else,
 * as a creator's `usernames.txt` holds them (Lutmak/pikapy `pikapy/console.py` wrote only the
 * username there at first). '' for anything else.
 */
function loginsAlone(text: string): string {
  let lines = 0;
  for (const s of contentHead(text)) {
    if (s.startsWith('#')) continue;
    if (!LOGIN.test(s) || !/\d/.test(s)) return '';
    lines++;
  }
  return lines > 0 ? `it looks like a list of usernames without passwords (${lines} of ${counted(lines, 'line')})` : '';
}


/** A name of one or two words without digits, `:` and a blank, then the message (unknown-labels.ts reads the same lines between accounts). */
const NAMED_LINE = /^(\p{L}[\p{L}'’.-]{0,30}(?: \p{L}[\p{L}'’.-]{0,30})?)[ \t]*[:：][ \t]+\S/u;
/** A mail's reply and forward marks, in mail clients' languages (mail-thread.ts): `Re: order`, `AW: order` is a subject, not a sender. */
const REPLY_MARK = new RegExp(`^(?:${REPLY_WORDS})$`, 'iu');

/** Lines (among those with content) that are a name and words, the name no column's, setting's or note's word. */
function namedLines(text: string): { messages: number; lines: number } {
  let messages = 0;
  let lines = 0;
  for (const s of contentHead(text)) {
    lines++;
    const m = NAMED_LINE.exec(s);
    if (m && !isHeaderWord(m[1]!) && !REPLY_MARK.test(m[1]!) && !NOTE_LABEL.test(m[1]!) && (nonAccountKind(s) ?? 'prose') === 'prose') messages++;
  }
  return { messages, lines };
}

/**
 * Lines of a chat copied from Skype or WhatsApp (a time stamp and a sender before each message,
 * email-quotes.ts) or Discord and Telegram (the sender's line above them, chat-senders.ts), among the lines with content.
 */
function chatLines(text: string): { messages: number; lines: number } {
  let messages = 0;
  let lines = 0;
  for (const s of contentHead(text)) {
    lines++;
    const c = s.charCodeAt(0);
    if (((c === 91 || (c >= 48 && c <= 57)) && CHAT_PREFIX.test(s)) || isChatSender(s)) messages++;
  }
  return { messages, lines };
}
