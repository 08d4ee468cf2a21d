// A correction written as an arrow and nothing else: `gmacc2 -> NewPass1`, `gmacc2 => X`,
// `Old!Pass22 → X` (the old password on the left), `gmacc2: Old!Pass22 ⇒ X`, `gmacc2 ⟶ X`. The
// same arrow separates a login from its password in a hand-typed list (`user -> pass`,
// spaced-separator.ts, tight-separator.ts), so a line alone cannot say which it is: what was
// delivered decides. Its left naming a login a delivery gave, or the password a delivered account
// had, makes it a correction of that account (reply-corrections.ts applies it, or refuses it by its
// line when which account or which value is unsure); never an account of its own, whose login
// would be an old password. Only the shape is read here; the readers of corrections judge it.
import { withoutMarks } from '../lists/line-marks.js';

/**
 * The arrows sellers type: ASCII ones (`->`, `-->`, `=>`, `==>`, `~>`, `>>`) and the right-pointing
 * arrows of Unicode's Arrows, Supplemental Arrows-A, Dingbats and Miscellaneous Symbols and Arrows
 * blocks (`→`, `⇒`, `⇨`, `⟶`, `⟹`, `➔`, `➜`, `➡`, `⮕`, `↦`), an emoji's variation selector after it.
 */
const ARROW = String.raw`(?:-{1,2}>|={1,2}>|~>|>>|[\u2192\u21a6\u21d2\u21e2\u21e8\u21f0\u21fe\u27f6\u27f9\u27fe\u2794\u2799-\u27af\u27b1-\u27be\u2b95\u2b62\u2b46]\uFE0F?|\u{1F449})`;
const SPACED = new RegExp(String.raw`[ \t]+${ARROW}[ \t]+`, 'gu');
const GLUED = new RegExp(ARROW, 'gu');
/** The arrows a hand-typed list separates a login and its password with (spaced-separator.ts, tight-separator.ts). */
const LIST_ARROW = /^(?:-{1,2}>|={1,2}>|~>|>>|[\u2192\u21d2\u2794\u279c\u27a1]\uFE0F?|\u{1F449})$/u;
/** The characters of a PTC username or a Google address: a word holding another mark is no login. */
const LOGIN_CHARS = /^[A-Za-z0-9_.@+-]+$/;

export interface ArrowLine {
  /** The words left of the arrow, marks and quotes around them dropped; a `login:password` word gives both parts too. */
  left: string[];
  /** The words left of the arrow split at blanks only (a login is one word of login characters). */
  written: string[];
  /** The words right of the arrow, as written (a blank between them). */
  right: string[];
  /** The arrow is one a hand-typed list also separates an account with (between blanks, or glued when ASCII). */
  listArrow: boolean;
}

/** A word without the quotes, brackets and the colon or comma a sentence puts around it. */
function bare(word: string): string {
  return word.replace(/^[\["'“‘«(<{\x60]+/, '').replace(/[\]"'”’»)>}\x60]*[:,;.]?$/, '').replace(/[\]"'”’»)>}\x60]+$/, '');
}

/** The words of one side: split at blanks; `login:password` (or `;`, `|`, `,`) also as its two parts. */
function words(side: string): string[] {
  const out: string[] = [];
  for (const w of side.split(/\s+/)) {
    const b = bare(w);
    if (b === '' || /^[-–—/|:=]+$/.test(b)) continue;
    out.push(b);
    const at = b.search(/[:;|,]/);
    if (at > 0 && at < b.length - 1) out.push(b.slice(0, at), b.slice(at + 1));
  }
  return out;
}

/**
 * The line as `left <arrow> right`: one arrow between blanks, or, on a line without a blank, one
 * glued between two words (`gmacc2->X`). Undefined for any other line, and for a line with two
 * arrows (`Settings -> Account -> Password`: a path, no correction).
 */
export function arrowLine(s: string): ArrowLine | undefined {
  // `[b]ash01 -> Pw[/b]`, `**ash01 -> Pw**`: a forum's or a chat's marks around the line are no part of it (line-marks.ts).
  const t = withoutMarks(s.trim()).trim().replace(/^(?:[-*•]|\d{1,3}[.)])\s+/, '');
  if (t.length > 300) return undefined;
  const spaced = [...t.matchAll(SPACED)];
  let at: number;
  let arrow: string;
  if (spaced.length === 1) {
    at = spaced[0]!.index;
    arrow = spaced[0]![0];
  } else if (spaced.length === 0 && !/\s/.test(t)) {
    const glued = [...t.matchAll(GLUED)];
    if (glued.length !== 1 || glued[0]!.index === 0 || glued[0]!.index + glued[0]![0].length >= t.length) return undefined;
    at = glued[0]!.index;
    arrow = glued[0]![0];
  } else return undefined;
  const left = words(t.slice(0, at));
  const written = t.slice(0, at).split(/\s+/).map(bare).filter((w) => w !== '' && !/^[-–—/|:=]+$/.test(w));
  const right = t.slice(at + arrow.length).trim().split(/\s+/).filter((w) => w !== '');
  if (left.length === 0 || right.length === 0) return undefined;
  // Glued, only the ASCII arrows separate a list's account (tight-separator.ts): `gmacc2➜X` is none.
  return { left, written, right, listArrow: LIST_ARROW.test(arrow.trim()) && (spaced.length === 1 || /^[-=~>]+$/.test(arrow)) };
}

/**
 * An arrow line no list's account line is, whatever was delivered: more than one word left of the
 * arrow (`gmacc2: Old!Pass22 -> X`, `password: Old -> X`: a login holds no blank), a word there
 * holding a mark no login holds (`Old!Pass22 -> X`: an old password), or an arrow no list
 * separates with (`gmacc2 ⟶ X`); its right side one word, or a login and one word.
 */
export function isArrowCorrection(s: string): boolean {
  const a = arrowLine(s);
  if (!a || !givesPassword(a)) return false;
  return a.written.length > 1 || !a.listArrow || !LOGIN_CHARS.test(a.written[0] ?? '');
}

/**
 * The right side is one word shaped like a sold password (six characters or more, a digit and
 * something else), maybe after the login it is for (`gmacc2:X`, `gmacc2 X`, `gmacc2 / X`): never
 * `Price: $5 -> $4` or `Settings -> Change password`.
 */
export function givesPassword(a: ArrowLine): boolean {
  if (a.right.length > 3) return false;
  const last = bare(a.right.at(-1)!);
  const value = a.right.length === 1 && /^[A-Za-z0-9_.@+-]+:\S/.test(last) ? last.slice(last.indexOf(':') + 1) : last;
  return value.length >= 6 && /\d/.test(value) && /\D/.test(value);
}

/** A delivered account as the arrow rule sees it. */
export interface Delivered {
  username: string;
  password: string;
}

/**
 * The delivered accounts the arrow's left names: by their login (any case), or by the password
 * they were delivered with (exactly as written).
 */
export function arrowNames<T extends Delivered>(a: ArrowLine, delivered: readonly T[]): { byLogin: T[]; byPassword: T[] } {
  const logins = new Set(a.left.map((w) => w.toLowerCase()));
  const passwords = new Set(a.left);
  return {
    byLogin: delivered.filter((d) => logins.has(d.username.toLowerCase())),
    byPassword: delivered.filter((d) => d.password !== '' && passwords.has(d.password)),
  };
}

/**
 * The lines (indexes of `lines`, each unquoted) that are arrow corrections for the mail's reader to
 * read as sentences, never as accounts: those of isArrowCorrection's shape; those whose left word
 * a line above or an account line anywhere in the mail names (its login or password: `gmacc2:Old`
 * ... `gmacc2 -> X`, `Old -> X`); and every arrow line of a mail whose accounts are written
 * otherwise (`isAccountLine`: `gmacc9 -> X` below `gmacc1:Pw` lines: a correction of an account
 * another file delivered, or an account? the readers of corrections refuse it by its line).
 */
export function arrowProse(lines: readonly string[], isAccountLine: (s: string) => boolean, isQuoted: (i: number) => boolean = () => false): Set<number> {
  const out = new Set<number>();
  const arrows = lines.map((s) => (s.length <= 300 && /[>\u2192-\u2bff\u{1F449}]/u.test(s) ? arrowLine(s) : undefined));
  if (arrows.every((a) => a === undefined)) return out;
  // A reply above its quoted arrow delivery (`gmacc2 -> X` / `gmacc9 -> Y` over `> gmacc1 -> Pw`):
  // one of its own arrow lines naming a quoted login or password makes it a message of
  // corrections, as a later message of an mbox is (later-arrow-lines.ts): each of its own arrow
  // lines is one, and a login nothing delivered is refused by its line, never a new account.
  const quoted = new Set<string>();
  for (const [i, a] of arrows.entries()) if (a && givesPassword(a) && isQuoted(i)) for (const w of a.left.concat(a.right.flatMap((r) => words(r)))) quoted.add(w).add(w.toLowerCase());
  const own = [...arrows.keys()].filter((i) => arrows[i] && givesPassword(arrows[i]!) && !isQuoted(i));
  // Its quoted lines stay the delivery they copy (never prose because a correction above names them).
  const correcting = quoted.size > 0 && own.some((i) => arrows[i]!.left.some((w) => quoted.has(w) || quoted.has(w.toLowerCase())));
  const named = new Set<string>();
  let others = false;
  for (const [i, s] of lines.entries()) {
    if (arrows[i] || !isAccountLine(s)) continue;
    others = true;
    for (const w of words(s)) named.add(w).add(w.toLowerCase());
  }
  const above = new Set<string>();
  for (const [i, a] of arrows.entries()) {
    if (!a) continue;
    if (others || isArrowCorrection(lines[i]!) || a.left.some((w) => named.has(w) || named.has(w.toLowerCase()) || above.has(w) || above.has(w.toLowerCase()))) out.add(i);
    if (givesPassword(a)) for (const w of [...a.left, ...a.right.flatMap((r) => words(r))]) above.add(w).add(w.toLowerCase());
  }
  if (correcting) {
    for (const i of own) out.add(i);
    for (const i of [...out]) if (isQuoted(i)) out.delete(i);
  }
  return out;
}
