// The words of a note a seller or a checker wrote after an account, read for what they say:
// `(Level 31) OK`, `[lvl 30] banned`, `- Level 31 - OK`, `| Lv.30 | Status: OK`, `level 30  working`,
// `(working)`, `{30}`, `(lvl 30, working)`. Brackets, bars, dashes and commas only frame the words;
// every word must be a level (with or without its level word), a provider, a status word
// (verdict-words.ts) or a `Status:` label, or a word of a seller's note that gives no verdict
// (`sold`, `fresh`, a price `$5` / `2.50 USD`, a date `14.11.17`, a team, an emoji, a counter
// `#3` / `3)`, a country's code in capitals `US 30`: country-codes.ts), else the note is not read (undefined) and the caller keeps its own rule: a
// careful human reads such a tail as a note, never as a password's end.
// Counters are never levels: `#3`, `No. 3` and a number closing a bracket it did not open (`3)`)
// count lines; a bare number beside a level stated with its word (`(Level 31) 3`) is one too.
import { isProvider, isTrainerLevel, type Provider, type State } from '../../model.js';
import { isNoVerdictTag, statusState } from './verdict-words.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS } from './level-words.js';
import { isTeam } from '../tools/checker-fields.js';
import { isCountryCode } from './country-codes.js';

export interface NoteWords {
  level?: number;
  state?: State;
  provider?: Provider;
  /** The note held a counter (`#3`, `3)`). */
  counter?: boolean;
}

/** Framing: blanks, brackets, bars, commas, dashes standing alone. */
const FRAME = /[\s()[\]{}<>|,\u2013\u2014]+/;
/**
 * A level with its word joined to it (`lvl30`, `L30`, `Lv.30`, `Level:30`, `level=30`, `lvl-30`),
 * `+` after its number as shops write "30 or more" (`Lv30+`), or a number then its word (`30lvl`, `30+lvl`).
 */
const JOINED_LEVEL = new RegExp(String.raw`^(?:(?:${LEVEL_WORDS}|l)\.?[:#=-]?(\d{1,2})\+?|(\d{1,2})\+?(?:${LEVEL_WORDS})\.?)$`, 'i');
/** A level word alone, its number the next word (`Level 31`, `Lv. 30`, `level: 30`, `level = 30`: the `=` a word of its own). */
const LEVEL_WORD = new RegExp(String.raw`^(?:${LEVEL_WORDS})\.?[:=]?$`, 'i');
const NUMBER = /^(\d{1,2})\+?$/;
const LABEL = /^(?:status|state|estado|statut|price|preis|precio|prix|team|date|created|bought|added):?$/i;
/**
 * Words sellers add that say nothing of the account's state: sold (to the buyer reading it), fresh,
 * new, unused, reserved, a gift, in the shops' languages.
 */
const PLAIN = /^(?:sold|fresh|new|unused|never used|reserved|gift|bonus|free|replaced|replacement|legit|hand ?made|nuevo|nueva|vendido|vendida|neu|verkauft|frisch|neuf|vendu|nuovo|venduto|новый|продан)$/i;
/** A price: `$5`, `5$`, `4.99€`, `€4,99`, `5usd`, `0.001btc`. */
const PRICE = /^(?:[$€£¥₽]\d+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,8})?(?:[$€£¥₽]|usd|eur|gbp|rub|btc|eth|usdt))$/i;
/** A currency after its amount (`2.50 USD`, `5 EUR`). */
const CURRENCY = /^(?:usd|eur|gbp|rub|btc|eth|usdt|dollars?|euros?|[$€£¥₽])$/i;
/** A date or a time: `2017-11-14`, `14.11.17`, `14/11/2017`, `19:02`. */
const DATE = /^(?:\d{1,4}[-./]\d{1,2}[-./]\d{1,4}|\d{1,2}:\d{2}(?::\d{2})?)$/;
/** A counter: `#3`, `No.3`, `№3`. */
const COUNTER = /^(?:#|no\.?|№)\d{1,6}$/i;
/** Pictographs and their joiners (`🔥`, `⭐️`, `👍🏻`, `✅`). */
const EMOJI = /^[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\u20E3]+$/u;
/**
 * A cross (❌ ✖ ⛔ 🚫) may say banned, sold or dead: such a note is not read (the line is refused
 * where it is, seller-pastes.test.ts). A check mark is read past as line-marks.ts reads it.
 */
const CROSSES = /^[\u274C\u2716\u26D4\u{1F6AB}\u274E]\uFE0F?$/u;
/** A number that closes a bracket it did not open (`1)`, `12.`): the line's number in a list. */
const CLOSING_NUMBER = /^\d{1,6}[).]$/;

/** The note's words, its counters (`#3`, `3)`) taken out, each where it stands alone. */
function uncounted(note: string): string {
  // Cheap first look (most notes hold no counter): a `#`, `№` or `No` before a digit, a digit
  // before a `.` ending a word, or before a `)` that more `)` than `(` show unopened.
  if (!/#\d|№|no\.?\d|\d\.(?:\s|$)/i.test(note) && !(/\d\)/.test(note) && note.split(')').length > note.split('(').length)) return note;
  let open = 0;
  return note
    .split(/([ \t]+)/)
    .map((w) => {
      const counter = COUNTER.test(w) || (open <= 0 && CLOSING_NUMBER.test(w));
      for (const c of w) open += c === '(' ? 1 : c === ')' ? -1 : 0;
      return counter ? ' ' : w;
    })
    .join('');
}

/** What the note says, or undefined when any of its words is none of these. */
export function noteWords(note: string): NoteWords | undefined {
  const rest = uncounted(note);
  // Marks alone between the words frame them too: checkers print `»`, `•`, `→`, `=>`, `::` between a hit's captures (checker-fields.ts).
  const words = rest.split(FRAME).filter((w) => w !== '' && !/^[-/~*+!.=:»•→]+$/.test(w));
  // `user:pass 5)`: a counter alone is a note that says nothing.
  if (words.length === 0 && rest !== note && !/[^\s()[\]{}<>|,\u2013\u2014-]/.test(rest)) return { counter: true };
  if (words.length === 0 || words.length > 8) return undefined;
  const out: NoteWords = {};
  // A bare number beside a level with its word is the line's counter (`(Level 31) 1`).
  let bare: number | undefined;
  let worded = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (k + 1 < words.length && /^\d+(?:[.,]\d+)?$/.test(w) && CURRENCY.test(words[k + 1]!)) {
      k++;
      continue;
    }
    if (NUMBER.test(w)) {
      // A second bare number: which is the level is unsure.
      if (bare !== undefined) return undefined;
      bare = Number(NUMBER.exec(w)![1]);
      continue;
    }
    const joined = JOINED_LEVEL.exec(w);
    let level = joined ? (joined[1] ?? joined[2]) : undefined;
    if (level === undefined && LEVEL_WORD.test(w) && k + 1 < words.length) {
      level = NUMBER.exec(words[k + 1]!)?.[1];
      if (level !== undefined) k++;
    }
    if (level !== undefined) {
      if (out.level !== undefined || !isTrainerLevel(Number(level))) return undefined;
      out.level = Number(level);
      worded = true;
      continue;
    }
    const provider = w.toLowerCase();
    if (isProvider(provider)) {
      if (out.provider) return undefined;
      out.provider = provider;
      continue;
    }
    if (LABEL.test(w) && k + 1 < words.length) continue;
    // `temp banned`, `not banned`, `wrong credentials`: a status of two words before one of one.
    const two = k + 1 < words.length ? statusState(`${w} ${words[k + 1]}`) : undefined;
    const state = two ?? statusState(w);
    if (state === undefined) {
      // Words that give no verdict, tried last: most notes are levels and status words.
      if (PLAIN.test(w) || isNoVerdictTag(w.replace(/-/g, ' ')) || PRICE.test(w) || DATE.test(w) || isTeam(w) || isCountryCode(w) || (EMOJI.test(w) && !CROSSES.test(w))) continue;
      return undefined;
    }
    if (out.state && out.state !== state) return undefined;
    out.state = state;
    if (two) k++;
  }
  // A bare number no level can be (`(0)`, `[99]`) counts lines too.
  if (bare !== undefined && !worded) {
    if (isTrainerLevel(bare)) out.level = bare;
    else out.counter = true;
  }
  return out;
}
