// `city:Paris`, `team:Mystic`, `note:fresh` among a seller's `ash01:Pw12345!` lines: a label and
// its value split like an account. A word of letters as the login and a password without a digit,
// in a list whose every other account has a digit, is a note's or a profile's line far more often
// than an account: PTC's sign-up form asked for "numbers" in every password (sebastienvercammen/
// ptc-acc-gen `index.js`, the comment of `randomPassword()`), and the generators of
// test/fixtures/README.md put digits in their logins. Unsure, the line is refused naming what was
// seen, never imported as an account named `city`; the list's other accounts are read.
import type { DumpAccount, Rejection } from '../types.js';

/** A login of letters only (any script, no digit, no `@`). */
const WORD = /^\p{L}+$/u;

function isWordPair(a: { username: string; password: string }): boolean {
  return WORD.test(a.username) && !/\d/.test(a.password);
}

/** A digit in the login or the password, as every PTC password had. */
export function hasDigit(a: { username: string; password: string }): boolean {
  return /\d/.test(a.username) || /\d/.test(a.password);
}

export const WORD_PAIR_REASON =
  'a `label:value` line among accounts? a word as the login and no digit in the password, while every other account of the list has a digit: a note or a profile field (`city:Paris`) more likely than an account; unsure, not imported';

/**
 * `level:30`, `km:12`, `age:25`: a word over a bare number of one to four digits, the value of a
 * profile's or a note's label. Counted as a label only in a file whose lines are mostly labels (below):
 * among real accounts it may be a login over a PIN-like password, and is read.
 */
function isNumberLabel(a: { username: string; password: string }): boolean {
  return WORD.test(a.username) && /^\d{1,4}$/.test(a.password);
}

/**
 * Moves the word pairs of `accounts` to `rejected`, each by its line, when the whole list shows
 * them as no accounts: the list's other accounts (and `others` more, read elsewhere with a digit
 * in their login) all have a digit and are at least as many (a stray `city:Paris` among them); or
 * the word pairs and `level:30`-like lines are most of the list (`city:Paris` / `team:Mystic` /
 * `level:30`, `brock:Onix` / `misty:Starmie` / `ash_k1:Pika!1`), where a digit on one line said
 * nothing of the others. A real list of digit passwords with one odd line keeps its accounts.
 */
export function refuseWordPairs(accounts: DumpAccount[], rejected: Rejection[], others = 0, way = ''): void {
  let pairs = 0;
  let numbers = 0;
  let digitless = false;
  let digits = others;
  for (const a of accounts) {
    if (isWordPair(a)) pairs++;
    else if (isNumberLabel(a)) numbers++;
    else if (!hasDigit(a)) digitless = true;
    if (hasDigit(a)) digits++;
  }
  if (pairs === 0) return;
  const labels = pairs + numbers;
  // A file without a digit anywhere is the whole-file rule's (wordPairLines, which --format plain overrules).
  const most = digits > 0 && labels * 2 > accounts.length + others;
  const stray = !digitless && pairs <= accounts.length - pairs + others;
  if (!most && !stray) return;
  const refused = most ? (a: DumpAccount) => isWordPair(a) || isNumberLabel(a) : isWordPair;
  let k = 0;
  for (const a of accounts) {
    if (refused(a)) rejected.push({ line: a.line, reason: (most ? LABEL_LINES_REASON : WORD_PAIR_REASON) + way });
    else accounts[k++] = a;
  }
  accounts.length = k;
  rejected.sort((x, y) => x.line - y.line);
}

/** The way through a list's `label:value` refusal (plain.ts): the reader chosen, its lines are accounts. */
export const FORCE_PLAIN = '; if they are accounts, import the file with --format plain';

export const LABEL_LINES_REASON =
  'a `label:value` line? most lines of the list are a word and a value without a digit or a bare number (`city:Paris`, `level:30`), where PTC asked for a number in every password: a profile or a note more likely than accounts; unsure, not imported';

/** A value of words (`Paris`, `New York`, `Mystic`): letters, a blank or an apostrophe between them. */
const WORDS = /^\p{L}+(?:[ '’]\p{L}+)*$/u;

/**
 * What a file reads as when every account its lines split into is a word and a value of words
 * (`city:Paris`, `team:Mystic`, `note:Sold out`) and no line of it holds a digit: a profile's or a
 * note's `label:value` lines, no account list, since no password of it has the number PTC's form
 * asked for (the rule above). Undefined otherwise; a list of accounts is settled by its first one.
 */
export function wordPairLines(accounts: readonly { username: string; password: string }[], text: string, statLines: readonly number[] = []): string | undefined {
  const n = accounts.length;
  if (n === 0) return undefined;
  let random = 0;
  for (let i = 0; i < n; i++) {
    const a = accounts[i]!;
    if (!WORD.test(a.username) || !WORDS.test(a.password)) return undefined;
    if (randomLetters(a.username) && randomLetters(a.password)) random++;
  }
  // A generator's random letters on both sides of most lines (`EhONzIRbnrTZ:OZWmSXPjfACm`) are
  // accounts, not a profile's labels: see randomLetters.
  if (random * 2 > n) return undefined;
  // `level:30` beside `city:Paris` / `team:Mystic`, refused as a label and its number: the digit a
  // profile's own line holds says nothing of a password (a line refused for its charset still does).
  if (/\d/.test(statLines.length === 0 ? text : withoutLines(text, statLines))) return undefined;
  return `\`label:value\` lines (${n} of them, such as a profile's \`city:Paris\`): a word, a separator and words, no digit in the file, where PTC's sign-up form asked for numbers in every password`;
}

/**
 * A word as people write it: lower case, UPPER CASE, Capitalized, or words joined with a capital
 * each (`camelCase`, `PascalCase`, `McDonald`, `iPhone`). A label (`city`) and its value (`Paris`,
 * `Mystic`) always are; a value of blanks-apart words is judged word by word.
 */
const CASED_WORD = /^(?:\p{Lu}+|\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)*)$/u;

/**
 * Letters whose case no word has (`qoImfbXDznsV`): what a generator drawing each letter from both
 * cases writes. A Ruby PTC creator (code corpus file 8905691776, `create_account`) draws its
 * username and password each as 12 letters from `('a'..'z')` and `('A'..'Z')`, no digit, and
 * appends `username:password` to accounts.txt; 12 such letters fall into a word's case about one
 * time in twenty.
 */
export function randomLetters(s: string): boolean {
  return s.split(/[ '’]/).some((w) => !CASED_WORD.test(w));
}

/** `text` without its lines numbered (1-based) in `lines`. */
function withoutLines(text: string, lines: readonly number[]): string {
  const drop = new Set(lines);
  return text.split('\n').filter((_, i) => !drop.has(i + 1)).join('\n');
}
