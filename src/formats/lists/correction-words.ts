// The word lists the readers of replies (reply-corrections.ts) build their patterns from, each
// made of the rows of one kind of the wordings table (correction-phrasings.ts): a new word is a
// row there, never an edit here. English's are apart from the other languages' because the
// English sentence patterns place them (`the new password is X`, `changed it to X`), while the
// other languages' words are read wherever they stand beside a password's word.
import { NO_BLANKS, WORDINGS, type WordingKind } from './correction-phrasings.js';
import { onFirstUse } from '../on-first-use.js';

/** Before and after a word of a script with blanks: no letter or digit glued to it. */
const A = String.raw`(?<![\p{L}\p{N}])`;
const Z = String.raw`(?![\p{L}\p{N}])`;

/**
 * The rows of `kind` in English (`en`) or in the other languages (`abroad`) as one alternation
 * (for a `u` regex): a blank as any run of blanks; the words of scripts with blanks bounded by
 * letters, then the Chinese, Japanese and Korean ones as they are.
 */
export function wordsOf(kind: WordingKind, where: 'en' | 'abroad'): string {
  const rows = WORDINGS.filter(([language, k]) => k === kind && (language === 'en') === (where === 'en')).map(([, , w]) => w.replace(/ /g, String.raw`\s+`));
  const spaced = rows.filter((w) => !NO_BLANKS.test(w));
  const glued = rows.filter((w) => NO_BLANKS.test(w));
  return [...(spaced.length > 0 ? [`${A}(?:${spaced.join('|')})${Z}`] : []), ...glued].join('|');
}

/**
 * The word lists, made on first use (on-first-use.ts): the readers of replies build their
 * patterns from them only when a mail's sentence is read.
 */
export const correctionWords = onFirstUse(() => ({
  /** "The password was changed / I changed the password": a change reported, in each language but English. */
  CHANGED: wordsOf('changed', 'abroad'),
  /** "new", "correct", "right" before or after a password's word (`la contraseña nueva es`, `das neue Passwort:`). */
  NEW_WORDS: wordsOf('new', 'abroad'),
  /** A line taking back the correction just made (`en realidad`, `eigentlich`, `на самом деле`, `其实`, `実は`). */
  TAKE_BACK: wordsOf('take-back', 'abroad'),
  /** "sorry" and "it is" (`perdón, es Y`, `Entschuldigung: Y`, `抱歉，是Y`): all a take-back line may hold besides its value. */
  WEAK: wordsOf('weak', 'abroad'),
  /** The words after which a sentence about a password gives its value, but English (`es`, `ist`, `теперь`, `是`). */
  VALUE_WORDS: wordsOf('value', 'abroad'),
  /** The English rows of each kind (`new`, `changed`, `take-back`, `weak`, `wrong`, `use`, `again`, `value`). */
  EN: {
    changed: wordsOf('changed', 'en'),
    new: wordsOf('new', 'en'),
    takeBack: wordsOf('take-back', 'en'),
    weak: wordsOf('weak', 'en'),
    wrong: wordsOf('wrong', 'en'),
    use: wordsOf('use', 'en'),
    again: wordsOf('again', 'en'),
    value: wordsOf('value', 'en'),
  },
}));
