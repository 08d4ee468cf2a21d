// Which word of a seller's sentence the pool may be offered as the login it corrects, when no file
// of the import delivered it (lone-corrections.ts: "New password for ash_02: X" in a reply read
// alone). Every word of the sentence is tried as the login; the pool applies the correction when
// it holds exactly one of the words offered. A word of prose offered too (`the`, `para`, `ist`,
// `und`, `pour`, `correct`) is noise in `--dry-run`, and two offered words the pool both holds make
// a certain correction unsure. So only a word shaped as the logins sellers deliver is offered:
// - an e-mail address: a Google login, or a PTC account's own address;
// - letters with a digit or `_` in them, as generators make PTC names (KinanCity, PTCAccount2,
//   Pikaptcha: a name and a number; sellers' lists `ash_k01`), which no word of prose holds
//   (the stop-word lists of the 14 languages of correction-phrasings.ts hold none: test/fixtures/
//   words/), less an ordinal, a count or a level (`2nd`, `3x`, `30lvl`, `lvl30`).
// A login of letters alone (`ashketchum`) is never offered: its sentence is still refused by its
// line (import both mails together, or correct it by hand), never applied to a guess.
import { isAddress } from '../lists/line-kinds.js';

/** A digit or `_` beside a letter, the whole word of login characters. */
const LETTERS_AND_MARKS = /^(?=[^@]*[A-Za-z])(?=[^@]*[0-9_])[A-Za-z0-9_.+-]+$/;
/** An ordinal, a count or a level glued to its number: prose and product lines, never a login. */
const NUMBER_WORD = /^(?:\d{1,4}(?:st|nd|rd|th|x|k|pcs|lvl|lv|level)|(?:lvl|lv|l|level)[._-]?\d{1,3}\+?)$/i;

/** Whether `word` (a lower-cased run of a sentence, reply-corrections.ts' loginRuns) may be offered to the pool as a login. */
export function isOfferedLogin(word: string): boolean {
  if (word.includes('@')) return isAddress(word);
  return LETTERS_AND_MARKS.test(word) && !NUMBER_WORD.test(word);
}
