// Words a seller typed after a whole account with a blank before them and no mark:
// `user:pass 30`, `user:pass lvl30 ptc`, `user;pass banned`, `user:pass OK`, `user,pass 30 temp
// banned`. In a list whose separator is no blank, the password ends at the first blank after it
// when what follows is only such words (a level, a provider, a status word): a generator never
// puts a blank and a level at a password's end, and a password with blanks (`user:Blaze Tail 4`)
// is told apart by the blank before its last word. Anything else after the blank is left as written.
import { isProvider, isTrainerLevel, type Provider, type State } from '../model.js';
import { statusState } from './verdict-words.js';
import { LEVEL_WORDS } from './level-words.js';

/** `login<sep>password` (and any fixed columns after it) with no blank: the account the tail follows. */
const ACCOUNT = /^[^\s:;,|]+[:;,|]+\S*[^\s:;,|]$/;
/** A level with its word joined to it (`lvl30`, `L30`, `Lv.30`, `niveau30`). */
const JOINED_LEVEL = new RegExp(String.raw`^(?:${LEVEL_WORDS}|l)\.?(\d{1,2})$`, 'i');

export interface LineTail {
  line: string;
  level?: number;
  state?: State;
  provider?: Provider;
}

/** The account line without the words after it, and what they say; undefined when they are not all such words. */
export function lineTail(s: string): LineTail | undefined {
  const blank = firstBlank(s);
  if (blank <= 0) return undefined;
  const line = s.slice(0, blank);
  if (!ACCOUNT.test(line)) return undefined;
  const words = s.slice(blank).trim().split(/[ \t]+/);
  if (words.length > 4 || words[0] === '') return undefined;
  const out: LineTail = { line };
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const level = /^\d{1,2}$/.test(w) ? Number(w) : JOINED_LEVEL.exec(w)?.[1];
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
    // `temp banned`, `not banned`, `wrong credentials`: a status of one word or of the words left.
    const rest = words.slice(k).join(' ');
    const state = statusState(w) ?? statusState(rest);
    if (state === undefined || out.state) return undefined;
    out.state = state;
    if (statusState(w) === undefined) break;
  }
  return out;
}

function firstBlank(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) return i;
  }
  return -1;
}
