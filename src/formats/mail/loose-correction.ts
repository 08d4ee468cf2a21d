// A text file holding only a seller's word that a password changed (`Sorry, ash_02 had a typo, use
// this: ash_02:X`, `New password for ash_02: X`): no account is delivered, so none is read, and the
// whole file was described as "a letter without accounts (no line gives a login and a password)",
// which the line plainly does (stop 60 W2). What is true is said instead: the line, the login it
// corrects, and that nothing in the pool changed. (A mail read alone offers such a sentence to the
// pool, lone-corrections.ts; a loose text file changes no pool account's password unseen.)
import { isCorrectionLine, loginRuns, passwordSaid } from './reply-corrections.js';
import { withoutValues } from './values-blanked.js';
import { isOfferedLogin } from './offered-logins.js';

/** A login for passwordSaid's shape checks of the values, which ask it only to be one (a word no value's check refuses). */
const ANY_LOGIN = 'x';

/** Only a short file is looked at: a reply is a few lines; a big file without accounts is something else. */
const MAX_LINES = 200;

/** What such a file's refusal says, or undefined when no line of it corrects a login's password. */
export function looseCorrectionSaid(text: string): string | undefined {
  const lines = text.split('\n', MAX_LINES + 1);
  if (lines.length > MAX_LINES) return undefined;
  for (const [i, line] of lines.entries()) {
    const s = line.trim();
    if (s === '' || !isCorrectionLine(s)) continue;
    // A piece of the new password (`Fresh!Pass42`: `pass42`) is no login the line names.
    const values = passwordSaid(s, ANY_LOGIN)?.values ?? [];
    const login = loginRuns(withoutValues(s, values)).find(isOfferedLogin);
    if (login === undefined) continue;
    return `line ${i + 1} corrects the password of \`${login}\`, and this file delivers no account for it to correct: nothing was imported and the pool was not changed; if the pool's \`${login}\` should take the new password, import it as an account line (\`${login}:<password>\`)`;
  }
  return undefined;
}
