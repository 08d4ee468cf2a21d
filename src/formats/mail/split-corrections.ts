// A correction a seller spread over two sentences, the login in the first and the password in
// the next, on two lines: "Sorry, I gave the wrong password for gmacc2." / "The correct one is X"
// (on one line it is one prose line: loginRuns never ends a login with the full stop). Read apart, the first names an account and no password, the second a password and no
// account: the account kept its old password silently, or the second was refused as about no
// account. Joined, they are one sentence the readers of corrections take under their one rule
// (applied for a delivered login, else refused by its line), at the line giving the password.
import { followUpValues, isCorrectionLine, loginRuns, saysPasswordWrong, type ProseLine } from './reply-corrections.js';

/** The second sentence follows the first closely: the next line, or the one after a blank. */
const WITHIN = 2;

/**
 * `prose` with each such pair of lines as one line (the second's line and depth); the first stays
 * as it was. `logins`: the logins delivered (lower-cased), which the first names and the second does not.
 */
export function withSplitCorrectionsJoined(prose: ProseLine[], logins: Iterable<string>): ProseLine[] {
  const known = new Map([...logins].map((l) => [l, 0]));
  const values = (s: string) => followUpValues(s, 'x', known);
  const namesLogin = (s: string) => loginRuns(s).some((run) => known.has(run));
  let out: ProseLine[] | undefined;
  for (let i = 0; i + 1 < prose.length; i++) {
    const first = prose[i]!;
    const next = prose[i + 1]!;
    if (next.depth !== first.depth || next.line - first.line > WITHIN || next.line === first.line) continue;
    if (!namesLogin(first.s) || !saysPasswordWrong(first.s) || values(first.s).length > 0) continue;
    // The second gives a password and names no login of its own (`The correct one is X`).
    const given = values(next.s);
    if (given.length === 0 || !isCorrectionLine(next.s) || namesLogin(next.s)) continue;
    out ??= [...prose];
    out[i + 1] = { ...next, s: `${first.s} ${next.s}` };
  }
  return out ?? prose;
}
