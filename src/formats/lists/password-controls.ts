// A password read from a dump holding a control character (ESC, BEL, a C1 CSI) is no password: no
// game's login takes one. It is a seller's note stuck to the password, terminal escapes included,
// and kept it went raw into every accounts file and `export` (a scanner's file is the scanner's
// bytes, never escaped), where `cat accounts.csv` let it rewrite the operator's screen or set the
// terminal's clipboard (OSC 52). A tab is left to the readers: some split on it, none keep it.
// Dumps and serve's posts (server/updates.ts) only: the store's own rule (model.ts
// credentialProblem) stays as it was, so a pool holding such a password from before still reads.

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
/** Printable ASCII and tab: nearly every password, settled without the regex's Unicode scan. */
const PLAIN = /^[\x09\x20-\x7e]*$/;

/** Why a dump's password cannot be imported, or null. */
export function passwordControlProblem(password: string): string | null {
  return PLAIN.test(password) || !CONTROL.test(password) ? null : 'password contains control characters (a terminal escape, a note stuck to it?): no login takes one';
}
