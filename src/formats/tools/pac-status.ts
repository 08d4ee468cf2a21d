// Pogo-Account-Checker's own status words, as its results' `status` holds them and
// PAC-Data-Converter's `accounts.csv` copies them (pogo-account-checker/Pogo-Account-Checker
// `README.md`, the JSON schema's `status.enum`: notBanned, tutorial, tosParentNotAccepted,
// wrongCredentials, new, notActivated, locked, disabled, tempBanned, banned, maintenanceError,
// error). The words shared with other checkers (notBanned, tempBanned, banned, wrongCredentials)
// are verdict-words.ts's; the rest are PAC's alone, read only in a checker CSV's `status` column
// (monocle.ts), never as a seller's word after an account on a list's line. They map as the checker's own result files do (verdict-files.ts):
// `tutorial` is an account not banned that has not done the tutorial (`tutorial.txt`) → ok;
// `notActivated` and `locked` log in only after the mail's activation or a password change
// (`not_activated.txt`, `locked.txt`) → invalid, as `tosParentNotAccepted` (a child's account
// waiting for its parent's consent) does; `disabled` is the game refusing the account itself, not
// its credentials → perm_banned; `new` (never logged in to the game), `maintenanceError` and
// `error` (the check failed) state nothing.
import type { State } from '../../model.js';

const PAC: ReadonlyMap<string, State | null> = new Map<string, State | null>([
  ['tutorial', 'ok'],
  ['notactivated', 'invalid'],
  ['locked', 'invalid'],
  ['tosparentnotaccepted', 'invalid'],
  ['disabled', 'perm_banned'],
  ['new', null],
  ['maintenanceerror', null],
  ['error', null],
]);

/** The verdict of one of PAC's own status words; null for one that states none; undefined for a word not PAC's. */
export function pacStatusState(value: string): State | null | undefined {
  return PAC.get(value.trim().toLowerCase());
}
