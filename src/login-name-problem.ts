// A name no login can have, for either reason a new account's name is refused at import: a
// look-alike letter (login-names.ts) or a mark no login holds (login-marks.ts). An account already
// in a pool under such a name (imported before the import refused it, typed in by hand, merged
// from another host) is never handed out and verify names it: the scanner could not log in with
// it, and a `,` in it would cut the line of a scanner's accounts.csv.
import { loginMarkProblem } from './login-marks.js';
import { lookAlikeProblem } from './login-names.js';
import type { Provider } from './model.js';

/** Why `username` cannot be a login of `provider`, or undefined. */
export function loginNameProblem(username: string, provider: Provider): string | undefined {
  return lookAlikeProblem(username, provider) ?? loginMarkProblem(username, provider);
}
