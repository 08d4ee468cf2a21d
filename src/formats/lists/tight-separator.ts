// Separators typed without blanks that are no list separator of their own: `user----pass` (four
// dashes: Chinese account shops' delivery), `user/pass`, `user->pass`, `user=>pass`, `user>>pass`.
// The login holds none of these characters, so the first run after it is the separator, and the
// line is the same account as `user<TAB>pass`. A path, a URL, a date, a word pair or a key
// (`and/or`, `2017/11/14`, `discord.gg/x1`, `home/user1/file`, `AIza...`) is none: the login must
// look like a PTC login (a letter and a digit or `_`, no `.`, 4 to 16 characters), the password
// must have six characters or more with a digit and, after a `/`, no other `/` (`src_dir/lib/x1y2`
// is a path): such a line is refused, never split.
import { isAddress } from './line-kinds.js';

// login, run, password: the whole line, no blank in it. Four dashes, as those shops write them, or
// three (`user---pass`, forum sellers); a longer run would hide a password that starts with `-`
// (`user-----x1` is refused by its line, never read as the password `x1`).
const LOGIN = String.raw`[A-Za-z0-9_](?:[A-Za-z0-9_-]*?[A-Za-z0-9_])?`;
const JOINED = new RegExp(String.raw`^(${LOGIN})(-{3,4}(?!-)|\/|-{1,2}>|={1,2}>|>>|~>)(?=[^-=>/~])(\S+)$`);

// An e-mail address as the login (`mail@x.com----pass`: Google accounts and the shops' mail
// bundles): its own dashes sit before the `@` or inside the domain, never right after the top-level
// domain's letters (a top-level domain is letters only: RFC 1123's labels end in a letter or digit),
// so the run after them is the separator, two dashes too (`mail@x.com--pass`, as forum sellers type
// it). Not before a `/` (`user@host/path`).
const ADDRESS = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
const ADDRESS_JOINED = new RegExp(String.raw`^(${ADDRESS})(-{2,4}(?!-)|-{1,2}>|={1,2}>|>>|~>)(?=[^-=>/~])(\S+)$`);

/** Whether the line may hold such a separator: a cheap look, for the 100,000 lines that do not. */
const MAY = /--|\/|>/;

/** The line as `login<TAB>password` when it is such an account; the line itself otherwise. */
export function withTightSeparator(s: string): string {
  if (!MAY.test(s)) return s;
  const m = JOINED.exec(s) ?? (s.includes('@') ? ADDRESS_JOINED.exec(s) : null);
  if (!m) return s;
  const [, login, mark, password] = m as unknown as [string, string, string, string];
  // PTC's logins are 4 to 16 characters (a longer run of letters is a key's), its passwords six or more.
  if (!login.includes('@') && !isPtcLogin(login)) return s;
  if (!/\d/.test(password) || password.length < 6) return s;
  // A key holds dashes and slashes too (a Maps key `AIza...`, a PEM key's base64 body): long, and
  // nothing but its alphabet.
  if (s.length >= 30 && /^[A-Za-z0-9_+/=-]+$/.test(s)) return s;
  if (mark === '/' && password.includes('/')) return s;
  return `${login}\t${mark === '/' ? password : columnsAfter(password, mark)}`;
}

/** A login as PTC makes them: 4 to 16 characters, a letter and a digit or `_`. */
function isPtcLogin(login: string): boolean {
  return login.length >= 4 && login.length <= 16 && /[A-Za-z]/.test(login) && /[\d_]/.test(login);
}

/** A login (PTC's or an address), a run of two dashes or more (or `=>`, `->`, `>>`), then the rest: no blank in the line. */
const DASHED = new RegExp(String.raw`^(${LOGIN}|${ADDRESS})(-{2,}|=>|->|>>)(\S+)$`);

/**
 * Why `ash01x-----Pw12345` or `mail@x.com----Pw1!a` is refused: a login and a separator run a
 * seller types (`----`, `---`, `=>`), but the line is not certain. A run of five dashes or more may
 * end in the password's own `-`; a password of under six characters or without a digit is none
 * PTC or the shops sell, so the run may be inside one field. Only for lines already refused; counts
 * and lengths only, never the characters.
 */
export function dashedReason(s: string): string | undefined {
  const m = DASHED.exec(s);
  if (!m) return undefined;
  const [, login, mark, rest] = m as unknown as [string, string, string, string];
  if (!login.includes('@') && !isPtcLogin(login)) return undefined;
  // `ash01x--Pw1!a`: a login as the list readers take it may hold `-` (JOINED), and a password may begin with one, so
  // two dashes after a login that is no address may be `ash01x-` and `-Pw1!a` as well.
  if (mark === '--' && !login.includes('@')) return 'a login, then `--` and the rest: two dashes after a login that is no e-mail address may be the login\'s or the password\'s own `-` (a seller\'s separator is `----` or `---`); write this account as login:password';
  if (mark.startsWith('-') && mark.length > 4) return `a run of ${mark.length} \`-\` after the login: unsure which of them are the password's (a seller's separator is \`----\` or \`---\`); write this account as login:password`;
  return `a login, then \`${mark}\` and what is no password a seller sells (under six characters, or no digit): unsure where the login ends; write this account as login:password`;
}

/**
 * `pass----mail@x.example----mailpass`: the shops' columns after the password, parted by the same
 * run, begin at an e-mail address. A run with no address after it is the password's own
 * (`A----0_^0`: a PTC password may hold dashes), as a list's `user:pa:ss` keeps its second `:`;
 * turned into a tab it left a tab inside the password.
 */
function columnsAfter(rest: string, mark: string): string {
  const parts = rest.split(mark);
  if (parts.length === 1) return rest;
  let at = parts.findIndex((p, k) => k > 0 && isAddress(p));
  // `pass----30`: a plain number last is a column of its own (a level, a count), which the list's
  // column rules read or refuse by its line (odd-level.ts); kept, the password was `pass----30`.
  if (at < 0 && /^\d{1,4}$/.test(parts[parts.length - 1]!)) at = parts.length - 1;
  if (at < 0) return rest;
  return [parts.slice(0, at).join(mark), ...parts.slice(at)].join('\t');
}

/** A login as JOINED has it, then `/`, then more with another `/` in it, no blank. */
const SLASHED = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*?[A-Za-z0-9_])?\/\S*\/\S*$/;

/**
 * Why `user/Thunder/Punch3` is refused, in words that say what was seen: a login like a PTC
 * login and two `/` or more, no other separator. Each `/` could end the login (a password may
 * hold `/`), and a path looks the same. Only for lines already refused: never costs an account line.
 * Counts, never the characters: the password must not reach the message.
 */
export function slashedReason(s: string): string | undefined {
  if (!SLASHED.test(s)) return undefined;
  const login = s.slice(0, s.indexOf('/'));
  if (login.length < 4 || login.length > 16 || !/[A-Za-z]/.test(login) || !/[\d_]/.test(login)) return undefined;
  const slashes = s.split('/').length - 1;
  return `${slashes} \`/\` and no other separator: unsure which \`/\` ends the login (a password holding \`/\`, or a path?); write this account as login:password`;
}
