// A lone word on the line right after an account, in a file whose every account line has a
// separator: the account's password may go on there. Tools that rewrote an account file split it
// at the separator: Go2Engle/PoGoMap-GUI's `PreReqs/newcsvusernames.ps1` (2016) joins the lines of
// Pikaptcha's usernames.txt with `,`, splits the text on `,` again and writes each piece as a line
// of usernames.txt and, as `ptc,` + piece with every `:` made `,`, of usernames.csv: so
// `user:Pallet,Town1` comes back as `user:Pallet` and a line `Town1` (`ptc,user,Pallet` and
// `ptc,Town1`). Reading `Pallet` as the password would be an invented account; the file cannot say
// whether the word is the password's rest or a line of its own, so both lines are refused.

/** A piece that could be a password's rest: one word, nothing around it. */
export const LONE_WORD = /^\S+$/;

/** Why the account on the line before a lone word is refused (never quotes the password). */
export function splitPasswordReason(wordLine: number): string {
  return `line ${wordLine} after it holds a lone word where this password may go on (a password holding the separator, split into two lines by a tool that rewrote the file): where the password ends is unsure`;
}
