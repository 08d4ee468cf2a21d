// `Enter the number of bots: ash01@example.com:Pika!chu1 | HIT` (a checker's console: `input()`'s
// prompt printed, its typed answer not, so the first result is glued after it), `Here is your
// account: a@x.com:pw` above a seller's other lines: a sentence, `: `, then an account. Read past
// as prose, the account was lost without a word. The tail is read as the account line it is only
// where the file's other account lines say what one looks like and the tail is exactly such a line
// (its first word's separator, number of fields and kind of login, what follows it); a tail shaped
// as an account that the file does not confirm is refused by its line, never read past.
import { isAddress, isSpacedAccount, lineSep } from './account-line.js';
import { isHeaderWord, nonAccountKind } from './line-kinds.js';

/** A sentence (a letter and a blank, no `:`), `: `, then the rest of the line. */
const LEAD_IN = /^([^:]*\p{L}[^:]*?\S[ \t][^:]*?):[ \t]+(\S.*)$/u;

/**
 * `ash01:Pika!chu1`, `a@x.com;pw`: a login, a list's separator, a password, with no link, time or
 * number-only shape (`12:30`, `https://x`, `5:1`): what is read as an account on its own line.
 */
function isAccountWord(word: string): boolean {
  const sep = lineSep(word, false);
  if (!sep || sep === ' ') return false;
  const at = word.indexOf(sep);
  if (at <= 0 || at === word.length - 1) return false;
  if (word.includes('://') || /^(?:www\.|mailto:|tel:|sms:)/i.test(word)) return false;
  return !/^\d{1,2}[:.]\d{2}/.test(word) && !/^[\d:.,;/$€£%+-]+$/.test(word) && /\p{L}/u.test(word.slice(0, at));
}

/**
 * What a line of accounts looks like, from its first word on: that word's separator, fields and
 * kind of login (`:2@`), or a `login password` pair (` 2w`); then what follows, by its first mark
 * (`:2@ |` for `a@x.com:pw | HIT`). Undefined for a line no account opens.
 */
export function accountShape(s: string): string | undefined {
  const words = s.trim().split(/[ \t]+/);
  const pair = words.length >= 2 && isSpacedAccount(`${words[0]} ${words[1]}`);
  const [first, rest] = pair ? [` 2${isAddress(words[0]!) ? '@' : 'w'}`, words.slice(2)] : [undefined, words.slice(1)];
  let head = first;
  if (head === undefined) {
    if (!isAccountWord(words[0]!)) return undefined;
    const sep = lineSep(words[0]!, false)!;
    const fields = words[0]!.split(sep);
    head = `${sep}${fields.length}${isAddress(fields[0]!) ? '@' : 'w'}`;
  }
  return rest.length === 0 ? head : `${head} ${/^[\p{L}\p{N}]/u.test(rest[0]!) ? 'w' : rest[0]![0]}`;
}

/** The header words (line-kinds.ts) that name an account or what it is made of, not another thing. */
const ACCOUNT_LABELS = new Set(
  ('username user usernames users login logins account accounts acc accountname name nick password passwords pass passwd pwd pw ' +
    'email emails mail mails address ptc google provider auth service type level lvl').split(' '),
);

/**
 * `Use code: BF2017:HALFOFF`, `Proxy: bob:pw`, `API key: a1:b2`: the sentence ends on a label
 * naming another thing than an account (a coupon, a proxy, a key: line-kinds.ts' header words),
 * so what follows is that thing, however much it looks like `user:pass`.
 */
function labelsOtherThing(sentence: string): boolean {
  const last = sentence.trim().split(/[ \t]+/).at(-1)!.toLowerCase();
  return isHeaderWord(last) && !ACCOUNT_LABELS.has(last);
}

/** The account line after a sentence's `: ` closing the line (the sentence itself no account), or undefined. */
export function leadInTail(s: string): string | undefined {
  if (!s.includes(': ') && !s.includes(':\t')) return undefined;
  const m = LEAD_IN.exec(s.trim());
  if (!m || accountShape(m[1]!) !== undefined || labelsOtherThing(m[1]!)) return undefined;
  // `Our server: shop.example.com:8080`, `Proxy: socks5 1.2.3.4 1080`: what the tail is alone, no account.
  return accountShape(m[2]!) !== undefined && nonAccountKind(m[2]!) === undefined ? m[2]! : undefined;
}

/**
 * `tail` is written as most of the account lines among `lines` are (one such line at least; a
 * header, a note or prose among them does not count).
 */
export function isLikeAccountLines(tail: string, lines: readonly string[]): boolean {
  const want = accountShape(tail);
  if (want === undefined) return false;
  let same = 0;
  let accounts = 0;
  for (const s of lines) {
    const shape = accountShape(s);
    if (shape === undefined) continue;
    accounts++;
    if (shape === want) same++;
  }
  return same > 0 && same * 2 > accounts;
}

/** The other lines nearest line `i` that hold something (up to 40 of them). */
export function nearbyLines(lines: readonly string[], i: number): string[] {
  const near: string[] = [];
  for (let d = 1; near.length < 40 && (i - d >= 0 || i + d < lines.length) && d <= 400; d++) {
    for (const j of [i - d, i + d]) if (j >= 0 && j < lines.length && lines[j]!.trim() !== '') near.push(lines[j]!);
  }
  return near;
}

export const LEAD_IN_UNSURE =
  'a sentence, `: `, then what looks like an account, and the file\'s other account lines are not written the same way: unsure the tail is an account; put it on a line of its own and import the file again';

/**
 * Each line of `lines` a lead-in sentence opens is made its tail where the lines around it confirm
 * the tail's shape (in place); the set of those left unconfirmed, to be refused, or undefined.
 */
export function leadInLines(lines: string[]): Set<number> | undefined {
  let unsure: Set<number> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (!s.includes(': ') && !s.includes(':\t')) continue;
    const tail = leadInTail(s);
    if (tail === undefined) continue;
    if (isLikeAccountLines(tail, nearbyLines(lines, i))) lines[i] = tail;
    else (unsure ??= new Set()).add(i);
  }
  return unsure;
}
