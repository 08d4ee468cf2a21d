// The rules every account passes before the pool takes it, whoever read it: a dump's reader
// (choose.ts withStoreRules) and serve's /account/add and /account/update alike. A template's own
// row (`ptc,username1,password1`, `YOUR_USERNAME`), a password a shop's page hid (`********`) and
// a login no game takes are never accounts, however they arrive: until stop 53 `import` refused
// them and a post to serve added them. Nor is a password's hash (a site's user table: bcrypt,
// Django's, Werkzeug's): a reader of a `username,password` table took one as a password until stop 56.
import { credentialProblem } from '../model.js';
import { EXAMPLE_REASON, isExampleAccount, isMaskedPassword } from './lists/placeholder-passwords.js';
import { isPasswordHash } from './not-accounts/password-hashes.js';
import { passwordControlProblem } from './lists/password-controls.js';
import { missingValueProblem } from './missing-values.js';

/** Why the store refuses this username and password, or null. */
export function accountProblem(username: string, password: string): string | null {
  return credentialProblem(username, password) ?? passwordControlProblem(password) ?? placeholderProblem(username, password);
}

/** Why the pair is a template's or a hidden password rather than an account, or null. */
export function placeholderProblem(username: string, password: string): string | null {
  // `ash01:********`: an order page's hidden password, copied as shown (placeholder-passwords.ts).
  if (isMaskedPassword(password)) return 'the password is hidden (a mask, as a shop\'s page shows it): copy it revealed';
  // `admin,$2y$10$...`, `staff,pbkdf2_sha256$...` (password-hashes.ts): only a hash of one, which no login takes.
  if (isPasswordHash(password)) return HASH_REASON;
  // `123456789012345678<TAB>NULL` (`mysql -B` of a site's users), `\N`: a database's empty cell;
  // `ash01,None`, `null`, `undefined`, `nil`: a program's missing value printed (missing-values.ts).
  const missing = missingValueProblem(password);
  if (missing) return missing;
  // `ptc,username1,password1` (RocketMap's accounts.csv.example), `MyUsername`: a template's row, whoever read it.
  return isExampleAccount(username, password) ? EXAMPLE_REASON : null;
}

/** Why a password's hash is refused, on its line. */
export const HASH_REASON = "a password's hash (as a site's or server's user table keeps it), not a password: no login takes it";
