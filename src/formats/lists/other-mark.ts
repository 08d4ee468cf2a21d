// `ash02x=Pw2!bcd` among `user:pass` lines, or `ash02x#Pw2!bcd`: a login, then a mark no list
// separates its columns with, then the rest, no blank. The mark may be a separator typed by hand
// (a config's `key=value` habit) or the login's or the password's own character: PTC's sign-up
// form asked for symbols in the password (sebastienvercammen/ptc-acc-gen `index.js`,
// `randomPassword()`'s `symbols`), so where the login ends is unsure. The line is refused naming
// the mark it holds, not with a vague "missing password". Never quotes the password.

/** A login as lists hold them (a PTC login or an address), then one such mark, then something. */
const MARKED = /^[A-Za-z0-9_.%+@-]{3,64}([=#~^*+&!$%])(?=\S)/;

/** The mark after the login and where it stands, for a blank-free line shaped so; undefined otherwise. */
export function markAfterLogin(s: string): { mark: string; at: number } | undefined {
  if (/\s/.test(s)) return undefined;
  const m = MARKED.exec(s);
  if (!m) return undefined;
  const at = m[0].length - 1;
  return /[A-Za-z]/.test(s.slice(0, at)) ? { mark: m[1]!, at } : undefined;
}

/** Why the line is refused, naming its mark; undefined when it is no such line. */
export function otherMarkReason(s: string): string | undefined {
  const mark = markAfterLogin(s)?.mark;
  if (!mark) return undefined;
  return `a login, then \`${mark}\` and the rest, no list separator (\`:\` \`;\` \`,\` \`|\` a tab): \`${mark}\` is no list's separator and may be the login's or the password's own character, so where the login ends is unsure; write this account as login:password`;
}
