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
 * Moves the word pairs of `accounts` to `rejected` when the list's other accounts (and `others`
 * more, read elsewhere with a digit in their login) all have a digit and are at least as many.
 */
export function refuseWordPairs(accounts: DumpAccount[], rejected: Rejection[], others = 0): void {
  let pairs = 0;
  for (const a of accounts) {
    if (isWordPair(a)) pairs++;
    else if (!hasDigit(a)) return;
  }
  if (pairs === 0 || pairs > accounts.length - pairs + others) return;
  let k = 0;
  for (const a of accounts) {
    if (isWordPair(a)) rejected.push({ line: a.line, reason: WORD_PAIR_REASON });
    else accounts[k++] = a;
  }
  accounts.length = k;
  rejected.sort((x, y) => x.line - y.line);
}

/** A value of words (`Paris`, `New York`, `Mystic`): letters, a blank or an apostrophe between them. */
const WORDS = /^\p{L}+(?:[ '’]\p{L}+)*$/u;

/**
 * What a file reads as when every account its lines split into is a word and a value of words
 * (`city:Paris`, `team:Mystic`, `note:Sold out`) and no line of it holds a digit: a profile's or a
 * note's `label:value` lines, no account list, since no password of it has the number PTC's form
 * asked for (the rule above). Undefined otherwise; a list of accounts is settled by its first one.
 */
export function wordPairLines(accounts: readonly { username: string; password: string }[], text: string): string | undefined {
  const n = accounts.length;
  if (n === 0) return undefined;
  for (let i = 0; i < n; i++) if (!WORD.test(accounts[i]!.username) || !WORDS.test(accounts[i]!.password)) return undefined;
  if (/\d/.test(text)) return undefined;
  return `\`label:value\` lines (${n} of them, such as a profile's \`city:Paris\`): a word, a separator and words, no digit in the file, where PTC's sign-up form asked for numbers in every password`;
}
