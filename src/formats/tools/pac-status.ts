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
// waiting for its parent's consent) does; `new` (never logged in to the game), `maintenanceError`
// and `error` (the check failed) state nothing.
//
// `disabled` states no verdict we can hold. The checker's source after 2019 is closed; its APK
// (Pogo-Account-Checker `apk/pac_v1_credits.apk`, 2021, its classes.dex strings) tells the
// "account disabled" screen by the words `because` and `disabled` on it, apart from the banned
// screen (`terminated`) and the temporarily banned one (`suspended`), and writes such an account
// to its own `disabled` result, neither `banned` nor `temp_banned`; nothing there says whether the
// game ever lets the account in again, nor why (the screen's reason is not kept). Read as a ban it
// would retire accounts that may come back; read as clean it would hand out one the game refuses.
// So the account is imported without a verdict, its status kept as the field `pac_status`, and the
// import names the status in a note with the way to record what the operator knows (`mark`).
import type { State } from '../../model.js';

const PAC: ReadonlyMap<string, State | null> = new Map<string, State | null>([
  ['tutorial', 'ok'],
  ['notactivated', 'invalid'],
  ['locked', 'invalid'],
  ['tosparentnotaccepted', 'invalid'],
  ['disabled', null],
  ['new', null],
  ['maintenanceerror', null],
  ['error', null],
]);

/** The verdict of one of PAC's own status words; null for one that states none; undefined for a word not PAC's. */
export function pacStatusState(value: string): State | null | undefined {
  return PAC.get(value.trim().toLowerCase());
}

/** PAC's statuses that state no verdict we can tell, kept as the field `pac_status` and named in a note. */
const UNREAD = new Set(['disabled']);

/** The PAC status word (as PAC writes it) when it is one the import keeps unread, else undefined. */
export function pacUnreadStatus(value: string): string | undefined {
  const word = value.trim();
  return UNREAD.has(word.toLowerCase()) ? word : undefined;
}

/** The note naming the accounts whose PAC status was kept unread (their lines), or undefined. */
export function pacUnreadNote(lines: readonly number[]): string | undefined {
  if (lines.length === 0) return undefined;
  const many = lines.length !== 1;
  return `${lines.length} account${many ? 's' : ''} (line${many ? 's' : ''} ${lines.join(', ')}) hold${many ? '' : 's'} Pogo-Account-Checker's status \`disabled\`: the game's "account disabled" screen, which the checker tells apart from a ban and from a temporary ban without saying whether it lasts, so no verdict is read (kept as the field pac_status); to record one: accountpool mark NAME... --verdict perm_banned (or temp_banned)`;
}
