// What a paste puts around an account that is no part of it. Sellers posted stock on Discord,
// Reddit and forums, and copied it from there: Markdown's and Discord's wrappers around a line
// (`**user:pass**`, `` `user:pass` ``, `||user:pass||`, Discord's spoiler), emoji bullets and arrows
// before it (`✅ user:pass`, `➡️ user:pass`, `🔹`, Discord's `:fire:`), numbering (`#1 `, `[1] `, `(1) `, `1️⃣ `) and a
// check mark after it (`user:pass ✅`). No login starts with such a mark and no generator puts a
// blank and an emoji at a password's end, so they are read past; any other mark after the
// password (`❌`, a buyer's "dead") is left for account-line.ts to refuse the line.

import { withTagAfter, withWordTag } from './checker-tags.js';

/** Wrappers Markdown and Discord render, longest first: bold, spoiler, underline, code, italic; and quotes around a whole line (`"user:pass"`). */
const WRAPPERS = ['**', '||', '__', '`', '*', '"', "'"];

/**
 * Markdown's emphasis marks wrap only when they touch the text (CommonMark's flanking rule):
 * `*user:pass*` is italic, but `* user:pass*` is a bullet whose password ends in `*`.
 */
const EMPHASIS = new Set(['**', '__', '*']);
function flanked(s: string, n: number): boolean {
  return !/\s/.test(s[n]!) && !/\s/.test(s[s.length - n - 1]!);
}

/** A non-ASCII symbol, pictograph, or the joiners and selectors inside an emoji. */
const SYMBOL = String.raw`(?:(?![\x00-\x7f])[\p{Extended_Pictographic}\p{So}\p{Sm}\p{Po}\p{Pd}\uFE0F\u200D\u20E3])`;
/** Emoji and symbol bullets, keycap numbers (`1️⃣`), `#1`, `[1]`, `(1)` before the account. */
const LEAD = new RegExp(String.raw`^(?:${SYMBOL}+[ \t]*|\d\uFE0F?\u20E3[ \t]*|(?:#\d{1,4}[.):]?|\[\d{1,4}\]|\(\d{1,4}\))[ \t]+)(?=\S)`, 'u');
/**
 * Discord's and Slack's emoji shortcodes (`:fire:`, `:white_check_mark:`) standing between blanks.
 * A run of blanks is tried from its first blank only (the lookbehind; here and in CHECKED): tried
 * from each, a line of 80,000 blanks and a word cost 39 s, a megabyte hours (stop 66 A).
 */
const SHORTCODE = /(?:^|(?<![ \t])[ \t]+):[a-z0-9_+-]{2,40}:(?=[ \t]|$)/g;
/** Check marks after the account: the seller's "works". */
const CHECKED = /(?<![ \t])[ \t]+(?:[\u2705\u2714\u2713\u2611\u{1F7E2}\u{1F44D}]\uFE0F?)+$/u;
/** A mark after the account that is no check: left on the line, for the line to be refused. */
export const TRAILING_SYMBOL = new RegExp(String.raw`[ \t]${SYMBOL}+$`, 'u');

/** A Markdown code fence (```` ``` ````, ```` ```txt ````), a forum's BBCode tag or a page's `<pre>` alone on its line (`[code]`, `[/spoiler]`): the lines between are the paste, the fence is none. */
export function isFence(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 96 ? /^```[\w-]*$/.test(s) : c === 91 ? BBCODE_LINE.test(s) : c === 60 && HTML_BLOCK_LINE.test(s);
}

/** A page's source around a pasted block, its tag alone on the line: `<pre>`, `</code>`, `<pre><code>`. */
const HTML_BLOCK_LINE = /^(?:<\/?(?:pre|code)>)+$/i;

/**
 * The BBCode tags forums (vBulletin, phpBB, MyBB, XenForo) wrap a paste in: `[code]`, `[spoiler=Stock]`,
 * `[/quote]`; and a `[list]`'s item mark `[*]` (phpBB's BBCode guide); with the `:uid` phpBB 3 stores after a tag's name (`[/*:m]`, `[/list:u]`).
 */
const BBCODE = String.raw`\[\/?(?:code|php|spoiler|hide|quote|b|i|u|s|center|list|noparse|size|color|font|\*)(?::[a-z0-9]{1,10})?(?:=[^\]]*)?\]`;
const BBCODE_LINE = new RegExp(String.raw`^(?:${BBCODE}[ \t]*)+$`, 'i');
/** Tags around an account on its line: `[b]user:pass[/b]`, `[code]user:pass[/code]`. */
const BBCODE_AROUND = new RegExp(String.raw`^(?:${BBCODE})+([^[\]]+?)(?:${BBCODE})*$|^([^[\]]+?)(?:${BBCODE})+$`, 'i');

/**
 * HTML a paste copied from a shop's page or a forum's source leaves around a line: a line break
 * after it (`user:pass<br>`, `**user:pass**<br />`) and one element around it (`<p>user:pass</p>`,
 * `<li>`, `<td>`, `<code>`, `<b>`). No password ends in a tag's name between `<` and `>`.
 */
const HTML_BREAK = /[ \t]*<br[ \t]*\/?>$/i;
const HTML_AROUND = /^<(p|li|td|div|span|code|pre|b|strong|i|em)>(.+)<\/\1>$/i;

/** Fields each in backticks with one separator between them, that separator written alike every time (`` `a`:`b` ``, `` `a` - `b` ``). */
const FIELD_CODE = /^`[^`\s]+`(?:([ \t]*[:;,|\t/-][ \t]*|[ \t]+)`[^`\s]+`)+$/;

/**
 * The line with each field's backticks dropped: Discord and Telegram render `` `x` `` as code, and
 * sellers there wrap the login and the password apart so a tap copies each. Only blank-free
 * fields, and one separator written the same way between each pair: a backtick inside a field, or
 * `` `a`:`b` `c` ``, is left as written (refused as code), never guessed apart.
 */
function withoutFieldCode(s: string): string {
  const m = FIELD_CODE.exec(s);
  if (!m) return s;
  const parts = s.split('`');
  // ['', f1, sep, f2, sep, f3, '']: the separators at even places inside.
  for (let k = 2; k < parts.length - 1; k += 2) if (parts[k] !== m[1]) return s;
  return parts.filter((_, k) => k % 2 === 1).join(m[1]);
}

/** Markdown's code, bold and underline and Discord's spoiler around a whole label's value (`Login: **ash01**`, `Pass: `Pw1!``). */
const VALUE_WRAPPERS = ['**', '||', '__', '`'];

/**
 * A label's value without the one mark a chat's formatting put around all of it (a Telegram bot's
 * `Login: `ash01``, a Discord post's `Password: ||Pw1!||`): no login is so written, and a scanner
 * sending the marks could not log in. Only a mark at both ends touching the value, none inside.
 */
export function withoutValueMarks(v: string): string {
  for (const w of VALUE_WRAPPERS) {
    if (v.length > 2 * w.length && v.startsWith(w) && v.endsWith(w) && !v.slice(w.length, -w.length).includes(w) && flanked(v, w.length)) return v.slice(w.length, -w.length);
  }
  return v;
}

/** A label line's lead (`✅ Login: ...`, `🔹 Password: ...`, `1️⃣ Login: ...`): the line without it, or the line itself. */
export function withoutLeadMark(s: string): string {
  const lead = LEAD.exec(s);
  return lead ? s.slice(lead[0].length) : s;
}

/** A line opening with a time or a date (`12:01:02 GOOD user:pass`, `2017-11-14 12:01:02 [GOOD] ...`): a checker's log line, maybe (checker-tags.ts). */
const TIMED = /^\d{1,4}[-/.:]\d\d/;

/** Whether the line has a mark to look at: a cheap test, for the 100,000 lines that have none. */
function mayBeMarked(s: string): boolean {
  const c = s.charCodeAt(0);
  const e = s.charCodeAt(s.length - 1);
  return c === 58 || c === 60 || e === 62 || c === 35 || c === 91 || c === 40 || c === 42 || c === 95 || c === 96 || c === 124 || c === 34 || c === 39 || c > 127 || (c >= 48 && c <= 57 && (s.charCodeAt(1) > 127 || TIMED.test(s))) || e > 127 || s.includes(' :');
}

/**
 * Invisible characters a paste brings (a zero-width space from a web page, the left-to-right and
 * right-to-left marks of a chat in Arabic or Hebrew, a word joiner; U+FEFF is read as a blank): no one
 * types them into a login or a password, and a scanner sending them could not log in.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, 'g');

/** The line without the marks around its account (the line itself when it has none). */
export function withoutMarks(raw: string): string {
  // One native scan: most lines hold none.
  const line = INVISIBLE.test(raw) ? raw.replace(EVERY_INVISIBLE, '').trim() : raw;
  if (line === '' || !mayBeMarked(line)) return line;
  let s = line.includes(':') ? line.replace(SHORTCODE, '').trim() : line;
  // `[*] Trying: user:pass`: a checker's mark and word, before `[*]` is taken for a forum's list bullet (checker-tags.ts).
  if (s.charCodeAt(0) === 91 || (s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57)) s = withWordTag(s);
  // `**user:pass**<br>`, `<p>user:pass</p>`: the page's markup, then the marks inside it.
  if (s.endsWith('>')) {
    s = s.replace(HTML_BREAK, '');
    const element = HTML_AROUND.exec(s);
    if (element) s = element[2]!.trim();
  }
  for (const w of WRAPPERS) {
    // Both ends, and no more of the wrapper inside: `**ash:pass**`, not `*a*:*b*`.
    if (s.length > 2 * w.length && s.startsWith(w) && s.endsWith(w) && !s.slice(w.length, -w.length).includes(w) && (!EMPHASIS.has(w) || flanked(s, w.length))) {
      s = s.slice(w.length, -w.length).trim();
      break;
    }
  }
  // `` `ash01`:`Pika!1` ``, `` `ash01` `Pika!1` ``: each field in Discord's or Telegram's inline code.
  if (s.charCodeAt(0) === 96) s = withoutFieldCode(s);
  // `[b]user:pass[/b]`: a forum's tags around the account (a bracketed provider, `[ptc]`, is no tag).
  if (s.charCodeAt(0) === 91 || s.endsWith(']')) {
    const tags = BBCODE_AROUND.exec(s);
    if (tags) s = (tags[1] ?? tags[2])!.trim();
  }
  // `[HIT] user:pass`, `[FAIL] user:pass`, `[CHECKING] user:pass`: a combo checker's tag before the
  // account, as such checkers print their results (jrewv/ptc-capturer `capturer.py`): read as the
  // same word after it (`user:pass | HIT`), so it gives the verdict, or none, and never the login (checker-tags.ts).
  if (s.charCodeAt(0) === 91) s = withTagAfter(s);
  const lead = LEAD.exec(s);
  if (lead) s = s.slice(lead[0].length);
  const checked = CHECKED.exec(s);
  if (checked) s = s.slice(0, checked.index);
  return s;
}
