// A list of `login password` lines split by one blank, as DeirhX/PokemonGo-Map's accounts.txt is
// (its `logins_to_db.py`: `user, password = line.split(' ')`; 1,749 generated accounts, a quarter
// of them without a digit: `izijifuz ekexiv` beside `futuqok0 wijonixux5`). A line of two words
// without a digit is a sentence in a seller's mail, so alone it is refused (account-line.ts); in a
// list whose every line is such a pair and most have a digit, the list's columns say it is an
// account. Only a pair shaped as a generator writes one is taken so: a lower-case login of six
// characters or more (PTC's sign-up asked for 6 to 16) and a password of six or more without a
// sentence's last mark, so `Thanks everyone!` or `Best regards` under such a list stay prose.

/** Two fields split by one blank, nothing else on the line. */
const PAIR = /^\S+ \S+$/;

/** A digitless line read as an account in such a list. */
const WORD_LOGIN = /^[a-z][a-z_.-]{5,}$/;
const WORD_PASSWORD = /^\S{5,}[^\s.,!?;:]$/;

/** At least this many lines, so a two-line note is never a list's columns. */
const MIN_LINES = 4;

/**
 * Whether the prepared content lines are a blank-separated two-column list: every line one pair,
 * at least half of them with a digit (a generator's or a seller's accounts, never a letter).
 */
export function isSpacedPairList(lines: readonly string[]): boolean {
  if (lines.length < MIN_LINES) return false;
  let digits = 0;
  for (const s of lines) {
    if (!PAIR.test(s)) return false;
    if (/\d/.test(s)) digits++;
  }
  return digits * 2 >= lines.length;
}

/** A digitless pair such a list's columns make an account of (see above). */
export function isSpacedWordPair(s: string): boolean {
  const blank = s.indexOf(' ');
  return blank > 0 && WORD_LOGIN.test(s.slice(0, blank)) && WORD_PASSWORD.test(s.slice(blank + 1));
}
