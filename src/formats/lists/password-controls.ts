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

/**
 * The characters a terminal shows otherwise than as written, beside the controls: the direction
 * marks, embeddings, overrides and isolates, and the Unicode line separators (terminal-text.ts
 * escapes the same set in our own output). A JSON or CSV dump's password kept them, written raw
 * into accounts files and `export`: U+202E showed the rest of the line reversed on the operator's
 * screen, and U+2028 is a line break to Python's splitlines. No one types one into a password; the
 * list readers drop them from a pasted line (line-marks.ts). Zero-width spaces and U+FEFF show
 * nothing and reorder nothing: a pool may hold such a password, and it reads back as it is.
 */
const REORDERING = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Why a dump's password cannot be imported, or null. */
export function passwordControlProblem(password: string): string | null {
  if (PLAIN.test(password)) return null;
  if (CONTROL.test(password)) return 'password contains control characters (a terminal escape, a note stuck to it?): no login takes one';
  const mark = REORDERING.exec(password);
  if (mark) return `password holds U+${mark[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, a direction mark or line separator no one types into a password: on a screen it reverses or breaks what follows`;
  return null;
}
