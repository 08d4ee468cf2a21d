// A letter's sentence that splits like a mail's label block: `Account 2 - fresh` above `Password
// -> are regards` reads as the login `fresh` and the password `are regards`. Sellers write
// `Account 2 - ...` and `Note - ...` in the words around the accounts; a label's value that holds
// no digit after a dash or an arrow between blanks, or after a numbering label (`Account 2 -`), is
// such a sentence's word when the other half holds none either. A hand-typed block with `:` labels
// (`User name: surge_lt` / `Password: zap zap zap`, test/fixtures/dumps/email-text-order.txt) stays
// an account: no generator or shop makes a password of words alone, but a person may, and writes
// the labels with a colon; the letter's words come with the dashes and arrows of a sentence.
import { LABEL_LINE } from '../mail/email-labels.js';

/** What stands between a label and its value: an account's number, then the label's end. */
const BETWEEN = /^(\s+(?:#|no\.?\s*)?\d{1,4}|\s*#\d{1,4})?(\s*)(\S*)\s*$/i;
/** A dash or an arrow, as sentences hold them (`Account 2 - fresh`, `password -> are regards`). */
const SENTENCE_MARK = new Set(['-', '–', '—', '->', '-->', '=>']);

/** How a label line (unquoted) joins its label to its value: numbered, and with a sentence's dash or arrow between blanks. */
function labelShape(s: string): { numbered: boolean; sentenceMark: boolean } | undefined {
  const m = LABEL_LINE.exec(s);
  if (!m) return undefined;
  const from = m.index + m[0].indexOf(m[1]!) + m[1]!.length;
  const between = BETWEEN.exec(s.slice(from, s.length - m[2]!.length));
  if (!between) return undefined;
  return { numbered: between[1] !== undefined, sentenceMark: between[2] !== '' && SENTENCE_MARK.has(between[3]!) };
}

/**
 * A label's value without a digit where no other half came (`Account 2 - fresh`, `Login - after`,
 * `Password -> change it after the first login.`): a sentence, when the label numbers an account,
 * joins its value with a dash or an arrow between blanks, or the value is several words.
 */
export function isLoneLabelProse(labelLine: string, value: string): boolean {
  if (/\d/.test(value)) return false;
  const shape = labelShape(labelLine);
  return shape?.numbered === true || shape?.sentenceMark === true || /\S\s+\S/.test(value);
}

/**
 * Whether the login and password of a label block (each with its label's line, unquoted) are a
 * letter's words: neither holds a digit, and a label numbers the account or joins its value with
 * a dash or an arrow between blanks.
 */
export function isLabelProse(userLine: string, user: string, passLine: string, password: string): boolean {
  if (/\d/.test(user) || /\d/.test(password)) return false;
  const u = labelShape(userLine);
  const p = labelShape(passLine);
  return u?.numbered === true || u?.sentenceMark === true || p?.sentenceMark === true;
}

/**
 * A whole line that is such a sentence: a label numbering an account or joined to its value by a
 * dash or an arrow, the value without a digit (`Account 9 - for`, `Login -> change it after`). A list
 * reads it past as the mail reader does, framed by a letter or not: no login and password come of it.
 * `Password: team` (a colon, one word) is not one: a password may be a word, and an orphan is shown.
 */
export function isLabelProseLine(line: string): boolean {
  const m = LABEL_LINE.exec(line.trim());
  return m !== null && isLoneLabelProse(line.trim(), m[2]!.trim());
}
