// A Skype message's `content` given back as the text its sender typed. Skype keeps a message as
// rich text (Terrance/SkPy `skpy/msg.py`: SkypeMsg.bold, italic, strike, mono, link, emote, mention,
// quote; its `plain` and `markup`): `&`, `<`, `>`, `"`, `'` written as `&amp;` ... `&apos;`, so a `<`
// in `content` is always Skype's markup. What it means for an account:
// - `*bold*`, `_italic_`, `~strike~` and `{code}` are typed marks Skype turns into `<b raw_pre="*"
//   raw_post="*">`: the marks typed are kept in `raw_pre`/`raw_post`, so `Eevee_evo_4` reads back
//   exact. A line struck through whole (`~skacc01:Pw~`, the seller's "sold") is given back as
//   `~~...~~`, which every list reader refuses.
// - `<pre>` (`{code}` or `!! `) is a code block: put between fences (inline-fences.ts puts them on
//   lines of their own).
// - `<quote ...>` is another message copied in (its `<legacyquote>`s the copy's `[time] name:` and
//   `<<<`): not the sender's words, dropped; its `messageid` is the message it answers.
// - `<e_m ts_ms>` marks an edit (suurjaak/Skyperious `live.py` process_message_edit: the later copy,
//   ts_ms the original's time; "Edited previous message: " before it in older clients).
// - `<URIObject>` is a shared file (its `<OriginalName v>`), `<ss>` an emoticon (its typed
//   shortcut kept), `<at>` a mention (`@name`), `<a>` a link (the text shown).
// Any other tag is markup this reader was not taught: the message's accounts are refused.
import { decodedReferences } from '../character-reference.js';

export interface SkypeText {
  text: string;
  /** The `messageid` of the message a quote in it copies. */
  quotes?: string;
  /** An edit's original time (`<e_m ts_ms>`). */
  editOf?: number;
  /** A shared file's name (`<URIObject>`'s `<OriginalName v>`). */
  file?: string;
  /** A tag Skype's text messages do not hold, named. */
  unknownTag?: string;
}

/** Tags a client writes into a text message, read below; `font` and `e` are shown around their text. */
const KNOWN = new Set(['b', 'i', 's', 'pre', 'ss', 'at', 'a', 'font', 'e', 'legacyquote']);

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/** `raw_pre` / `raw_post` as typed (their `&...;` given back). */
const raw = (attrs: string, name: string) => {
  const v = attr(attrs, name);
  return v === undefined ? undefined : decodedReferences(v);
};

/** The typed marks around a formatted span, or `~~...~~` for a strike that fills its line. */
function formatted(tag: string, attrs: string, inner: string, whole: boolean): string {
  if (tag === 's' && whole) return `~~${inner}~~`;
  const pre = raw(attrs, 'raw_pre');
  const post = raw(attrs, 'raw_post');
  if (pre !== undefined || post !== undefined) return `${pre ?? ''}${inner}${post ?? ''}`;
  return tag === 's' ? `~~${inner}~~` : inner;
}

type Replacer = (match: string, ...groups: string[]) => string;

/**
 * `s.replace(span, fn)` read up to the last `close` only, the same result: past it an opening tag
 * has no close to reach, and each would be tried to the message's end (quadratic: 20,000 unclosed
 * `<quote>` cost seconds, stop 66 review). `tail`: what may still match past it (a self-closing tag).
 */
function upToLastClose(s: string, span: RegExp, close: RegExp, tail: RegExp | undefined, fn: Replacer): string {
  let end = 0;
  for (const m of s.matchAll(close)) end = m.index + m[0].length;
  const rest = s.slice(end);
  return s.slice(0, end).replace(span, fn) + (tail ? rest.replace(tail, fn) : rest);
}

/** Formatting nested deeper than any a person types (Skype's editor nests a few). */
const NESTING = 8;

/**
 * Whether only blanks stand between `from`..`to` and its line's ends: read outward only as far as
 * blanks go (not the whole line from its start: a line of 20,000 spans made that quadratic).
 */
function blankAround(all: string, from: number, to: number): boolean {
  for (let i = from - 1; i >= 0 && all[i] !== '\n'; i--) if (!/\s/.test(all[i]!)) return false;
  for (let i = to; i < all.length && all[i] !== '\n'; i++) if (!/\s/.test(all[i]!)) return false;
  return true;
}

export function skypeText(content: string): SkypeText {
  const out: SkypeText = { text: '' };
  let s = content.replace(/^Edited previous message: /, '');
  s = upToLastClose(s, /<e_m\b([^>]*?)(?:\/>|>[\s\S]*?<\/e_m>)/g, /<\/e_m>/g, /<e_m\b([^>]*?)\/>/g, (_, attrs: string) => {
    const ts = Number(attr(attrs, 'ts_ms'));
    if (Number.isFinite(ts) && ts > 0) out.editOf = ts;
    return '';
  });
  s = upToLastClose(s, /<quote\b([^>]*)>[\s\S]*?<\/quote>/g, /<\/quote>/g, undefined, (_, attrs: string) => {
    const id = attr(attrs, 'messageid');
    if (id !== undefined) out.quotes = id;
    return '';
  });
  s = upToLastClose(s, /<URIObject\b[^>]*>[\s\S]*?<\/URIObject>/gi, /<\/URIObject>/gi, undefined, (whole) => {
    const name = /<OriginalName\b[^>]*\bv="([^"]*)"/i.exec(whole)?.[1];
    if (name !== undefined) out.file = decodedReferences(name);
    return '';
  });
  s = upToLastClose(s, /<pre\b[^>]*>([\s\S]*?)<\/pre>/g, /<\/pre>/g, undefined, (_, inner: string) => '```' + inner + '```');
  // Innermost spans first: `<b>` inside `<i>` is read before the `<i>`. At most NESTING passes
  // (what is nested deeper loses its marks to the last replace below): each pass reads the whole
  // message, so 20,000 nested `<b>` cost seconds (stop 66 review).
  for (let before = '', pass = 0; before !== s && pass < NESTING; pass++) {
    before = s;
    s = s.replace(/<(b|i|s)\b([^>]*)>([^<]*)<\/\1>/g, (_, tag: string, attrs: string, inner: string, at: number, all: string) =>
      formatted(tag, attrs, inner, tag === 's' && blankAround(all, at, at + _.length)));
  }
  s = s.replace(/<ss\b[^>]*>([\s\S]*?)<\/ss>/g, '$1');
  s = s.replace(/<at\b[^>]*>([\s\S]*?)<\/at>/g, '@$1');
  s = s.replace(/<a\b[^>]*>([\s\S]*?)<\/a>/g, '$1');
  s = s.replace(/<\/?([A-Za-z][\w:-]*)\b[^>]*>/g, (_, tag: string) => {
    if (!KNOWN.has(tag.toLowerCase())) out.unknownTag ??= tag;
    return '';
  });
  out.text = decodedReferences(s);
  return out;
}
