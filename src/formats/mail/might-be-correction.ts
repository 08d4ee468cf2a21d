// A long chat's later messages are mostly `ok thanks`, `paid?`: laterCorrections copied every
// account delivered so far for each of them (messages x accounts: a 100,000-message Telegram
// export took 512 s). This asks first, in time linear in the message, whether any of its
// sentences could be read as a correction at all; when none can, the answer is the one the
// readers of corrections would give: nothing applied, nothing refused.
import { arrowLine } from './arrow-corrections.js';
import { isCorrectionLine, loginRuns, mayNamePassword, type ProseLine } from './reply-corrections.js';

/**
 * Whether a sentence of `prose` may be about an account delivered before: it names a word
 * `delivered` holds (lower-cased; a superset of the accounts asked about is enough), as any reader of
 * corrections may find a login in it; or it has the wording of a correction, an arrow or a
 * password's word (read with no login named: the one account delivered, the message answered).
 */
export function mightBeCorrection(prose: readonly ProseLine[], delivered: (login: string) => boolean): boolean {
  return prose.some(({ s }) => isCorrectionLine(s) || mayNamePassword(s) || arrowLine(s) !== undefined || wordsNamed(s).some(delivered));
}

/**
 * Every way reply-corrections.ts takes a login from a sentence, lower-cased: its login runs, and
 * each word (split as endingAccount splits them) whole, without one closing `:` or `,`, and
 * before each separator (`ash01:NewPass1`): a login outside LOGIN_RUN's shape (`jo`, `ash#1`) too.
 */
function wordsNamed(s: string): string[] {
  const out = loginRuns(s);
  for (const w of s.split(/\s+|(?<=：)/)) {
    if (w === '') continue;
    // Cut as endingAccount cuts, then lower-cased as it compares (a letter's lower case may be longer).
    out.push(w.toLowerCase(), w.replace(/[:,]$/, '').toLowerCase());
    for (const sep of [':', ';', '|', ',']) if (w.indexOf(sep) > 0) out.push(w.slice(0, w.indexOf(sep)).toLowerCase());
  }
  return out;
}
