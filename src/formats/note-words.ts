// The words of a note a seller or a checker wrote after an account, read for what they say:
// `(Level 31) OK`, `[lvl 30] banned`, `- Level 31 - OK`, `| Lv.30 | Status: OK`, `level 30  working`,
// `(working)`, `{30}`, `(lvl 30, working)`. Brackets, bars, dashes and commas only frame the words;
// every word must be a level (with or without its level word), a provider, a status word
// (verdict-words.ts) or a `Status:` label, else the note is not read (undefined) and the caller
// keeps its own rule: a careful human reads such a tail as a note, never as a password's end.
import { isProvider, isTrainerLevel, type Provider, type State } from '../model.js';
import { statusState } from './verdict-words.js';
import { LEVEL_WORDS } from './level-words.js';

export interface NoteWords {
  level?: number;
  state?: State;
  provider?: Provider;
}

/** Framing: blanks, brackets, bars, commas, dashes standing alone. */
const FRAME = /[\s()[\]{}<>|,\u2013\u2014]+/;
/** A level with its word joined to it (`lvl30`, `L30`, `Lv.30`, `Level:30`), or a number then its word (`30lvl`). */
const JOINED_LEVEL = new RegExp(String.raw`^(?:(?:${LEVEL_WORDS}|l)\.?[:#]?(\d{1,2})|(\d{1,2})\+?(?:${LEVEL_WORDS})\.?)$`, 'i');
/** A level word alone, its number the next word (`Level 31`, `Lv. 30`, `level: 30`). */
const LEVEL_WORD = new RegExp(String.raw`^(?:${LEVEL_WORDS})\.?:?$`, 'i');
const NUMBER = /^(\d{1,2})\+?$/;
const LABEL = /^(?:status|state|estado|statut):?$/i;

/** What the note says, or undefined when any of its words is none of these. */
export function noteWords(note: string): NoteWords | undefined {
  const words = note.split(FRAME).filter((w) => w !== '' && !/^[-/~*]+$/.test(w));
  if (words.length === 0 || words.length > 8) return undefined;
  const out: NoteWords = {};
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    let level = NUMBER.exec(w)?.[1];
    if (level === undefined) {
      const joined = JOINED_LEVEL.exec(w);
      level = joined ? (joined[1] ?? joined[2]) : undefined;
    }
    if (level === undefined && LEVEL_WORD.test(w) && k + 1 < words.length) {
      level = NUMBER.exec(words[k + 1]!)?.[1];
      if (level !== undefined) k++;
    }
    if (level !== undefined) {
      if (out.level !== undefined || !isTrainerLevel(Number(level))) return undefined;
      out.level = Number(level);
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
    if (state === undefined || (out.state && out.state !== state)) return undefined;
    out.state = state;
    if (two) k++;
  }
  return out;
}
