// A shop's or seller's social handle: `twitter:@pokemongo`, `Instagram: @shop`, `Discord:
// Shop#1234`, `Follow us on Telegram @pogo_shop1`, `IG - @accs4u`. Split on its first `:` such a
// line is a login and a password like any other, and a handle often holds a digit, so the shape
// of the line does not tell it. What does is the name before it: a social network (or a contact
// label) is never a game login, and a value opening with `@` after a contact label is a handle,
// never a password a seller lists. A real `user:@Pass1` line keeps its account: its login is no
// such name. A network's name alone can be a login, though (`discord:Pass1`): in a file that is
// plainly a list of accounts, where such a line sits among them shaped like them, the list reader
// takes it (plain.ts, `networkLogin`); a handle's value (`@shop`, `Shop#1234`) never.
import type { LineKind } from '../types.js';

/** Social networks and messengers sellers point buyers to, and their usual short forms. */
const NETWORKS = new Set(
  ('twitter instagram insta ig facebook fb discord telegram tg snapchat snap reddit youtube yt tiktok twitch ' +
    'skype kik whatsapp wechat viber signal vk vkontakte steam github tumblr pinterest linkedin messenger mastodon threads').split(' '),
);

/** Words that label a handle or how to reach someone (`Contact`, `Follow us on`, `DM me`, `Discord ID`, `x`). */
const LABEL_WORDS = new Set(
  ('contact contacts support follow us me on at my our dm pm message msg add find join handle id tag name username user ' +
    'page channel group server chat community shop store seller owner admin x line').split(' '),
);

/** A handle after a contact label: `@name`, a Discord tag `name#1234`, `u/name`. */
const HANDLE = /^(?:@[\w.]{2,40}|[\w.]{2,32}#\d{4}|u\/[\w-]{3,20})(?:\W.*)?$/;

/** The name before a value, as words, when every word labels a handle; undefined otherwise. */
function labelWords(name: string): string[] | undefined {
  const words = name.toLowerCase().split(/[\s_.-]+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && words.every((w) => NETWORKS.has(w) || LABEL_WORDS.has(w)) ? words : undefined;
}

/** 'handle' when `name` / `value` (a line split on its separator) is a social handle, not a login and a password. */
export function socialHandleKind(name: string, value: string): LineKind | undefined {
  // Cheap first look (this runs for lines that passed the quick account rules): a login with a digit is no label.
  if (/\d/.test(name)) return undefined;
  const words = labelWords(name.trim());
  if (!words) return undefined;
  return words.some((w) => NETWORKS.has(w)) || HANDLE.test(value.trim()) ? 'handle' : undefined;
}

/**
 * A chat message copied from Discord, its speaker's tag first (`Shop#1234: thanks!`), or opening
 * with a mention (`@trainer42 thanks`): a Discord tag or a mention is a handle, never a game's
 * login (PTC's had neither `#` nor `@`), and what follows it is a message.
 */
const CHAT_LINE = /^(?:[\w.]{2,32}#\d{4}:|@[\w.]{2,40})[ \t]+\S/;

/** The same for a whole line: the label, then `:` `;` `,` a tab or `-` (with blanks), or only blanks, then the handle. */
export function socialHandleLine(s: string): LineKind | undefined {
  if (CHAT_LINE.test(s)) return 'prose';
  // The label is short (five words at most, labelWords): bounding it keeps each regex linear on a
  // line of a megabyte of blanks, which the label's blanks and those after it would both try.
  const m = /^([A-Za-z][A-Za-z\s_.-]{0,48}?)\s*(?:[:;,\t]|\s-(?=\s))\s*(\S.*)$/.exec(s) ?? /^([A-Za-z][A-Za-z\s_.-]{0,48}?)\s+(@\S.*)$/.exec(s);
  return m ? socialHandleKind(m[1]!, m[2]!) : undefined;
}

/**
 * `name` / `value` may be a login that is a network's name and its password (`discord` / `Pass1`),
 * when the list around it says so: one network word, a value with a letter and a digit and no
 * blank, nothing shaped like a handle.
 */
export function networkLogin(name: string, value: string): boolean {
  const words = labelWords(name);
  const v = value.trim();
  return words?.length === 1 && NETWORKS.has(words[0]!) && !HANDLE.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v) && !/\s/.test(v);
}
