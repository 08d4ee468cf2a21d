// A correction a seller spread over two sentences, the login in the first and the password in
// the next, on two lines: "Sorry, I gave the wrong password for gmacc2." / "The correct one is X"
// (on one line it is one prose line: loginRuns never ends a login with the full stop). Read apart, the first names an account and no password, the second a password and no
// account: the account kept its old password silently, or the second was refused as about no
// account. Joined, they are one sentence the readers of corrections take under their one rule
// (applied for a delivered login, else refused by its line), at the line giving the password.
import { followUpValues, isCorrectionLine, loginRuns, NAMES_LOGIN, saysPasswordWrong, type LoginSet, type ProseLine } from './reply-corrections.js';
import { withoutValues } from './values-blanked.js';

/** The second sentence follows the first closely: the next line, or the one after a blank. */
const WITHIN = 2;

/**
 * `prose` with each such pair of lines as one line (the second's line and depth, `from` the
 * first's line); the first stays as it was. `logins`: the logins delivered (lower-cased; a look-up
 * is asked as it is, never copied: a long chat's every message asks it). The first
 * names one of them, or a word shaped like a login (NAMES_LOGIN: `gmacc9`, a login nothing
 * delivered, so the joined sentence is offered to the pool under that login, lone-corrections.ts,
 * as the same words on one line are); the second names neither outside its value.
 */
export function withSplitCorrectionsJoined(prose: ProseLine[], logins: Iterable<string> | LoginSet): ProseLine[] {
  const known: LoginSet = 'has' in logins ? logins : new Set(logins);
  const values = (s: string) => followUpValues(s, 'x', known);
  const namesLogin = (s: string) => loginRuns(s).some((run) => known.has(run) || NAMES_LOGIN.test(run));
  let out: ProseLine[] | undefined;
  for (let i = 0; i + 1 < prose.length; i++) {
    const first = prose[i]!;
    const next = prose[i + 1]!;
    if (next.depth !== first.depth || next.line - first.line > WITHIN || next.line === first.line) continue;
    if (!saysPasswordWrong(first.s) || !namesWithoutValue(first.s, known, values)) continue;
    // The second gives a password and names no login of its own (`The correct one is X`).
    const given = values(next.s);
    if (given.length === 0 || !isCorrectionLine(next.s) || namesLogin(withoutValues(next.s, given))) continue;
    out ??= [...prose];
    out[i + 1] = { ...next, s: `${first.s} ${next.s}`, from: first.line };
  }
  return out ?? prose;
}

/**
 * The first line names a login and gives no value: a delivered login and no password-shaped word;
 * or one word shaped like a login (`gmacc9`: a password too might be so shaped, so the line says
 * no new password of its own, no correction read alone, and that word is its only such one).
 */
function namesWithoutValue(s: string, known: LoginSet, values: (s: string) => string[]): boolean {
  const given = values(s).map((v) => v.toLowerCase());
  if (loginRuns(s).some((run) => known.has(run))) return given.length === 0;
  const shaped = [...new Set(loginRuns(s).filter((run) => NAMES_LOGIN.test(run)))];
  return shaped.length === 1 && given.every((v) => v === shaped[0]) && !isCorrectionLine(s);
}
