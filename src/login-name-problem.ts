// A name no login can have, for any reason a new account's name is refused at import: a
// look-alike letter (login-names.ts), a mark no login holds (login-marks.ts), or a first character
// a spreadsheet runs as a formula (formula-cells.ts: until stop 52 only the import and serve
// refused it, and `=A1` or `@A1` typed into a shard or committed by a peer went into every
// scanner's accounts.csv, verify saying nothing). An account already
// in a pool under such a name (imported before the import refused it, typed in by hand, merged
// from another host) is never handed out and verify names it: the scanner could not log in with
// it, and a `,` in it would cut the line of a scanner's accounts.csv.
import { loginMarkProblem } from './login-marks.js';
import { lookAlikeProblem } from './login-names.js';
import { formulaProblem } from './formula-cells.js';
import type { Provider } from './model.js';

/** Why `username` cannot be a login of `provider`, or undefined. */
export function loginNameProblem(username: string, provider: Provider): string | undefined {
  return lookAlikeProblem(username, provider) ?? loginMarkProblem(username, provider) ?? (username.length > 0 ? formulaProblem(username) : undefined);
}
