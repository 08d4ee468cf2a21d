// A sentence saying a delivered login was renamed or replaced by another: `sorry, ash_k01 was
// renamed to ash_k09`, `the new login for ash_k01 is ash_k09`, `ash_k01 is now ash_k09`. It says
// no password, so it is no correction; read past (stop 63), the account kept its old login as if
// nothing was said. A careful reader does not know which login works now: the account it names is
// refused with the sentence, each naming the other (reply-corrections.ts), the rest of the letter
// read. `is now` and `changed to` say a password as often (`ash01 is now Xk9!pq`): there the word
// after them must be a login the letter delivers or one of their series (`ash_k09` beside
// `ash_k01`, sameSeries), never a password-shaped word.

const LOGIN = String.raw`["'“‘\x60]?([A-Za-z0-9][A-Za-z0-9_.@+-]{3,})`;
/** `renamed to X`, `renamed as X`, `new login: X`, `new username for ash01 is X`: a login's own words. */
const RENAMED = new RegExp(String.raw`\brenamed\s+(?:to|as|into)\s+${LOGIN}|\bnew\s+(?:user\s?name|login(?:\s+name)?|account\s+name)\b[^:]*?(?::|\bis\b)\s*${LOGIN}`, 'i');
/** `is now X`, `changed to X`: a login's words only when X is one (see above). */
const NOW = new RegExp(String.raw`\b(?:is\s+now|(?:was\s+|has\s+been\s+)?changed\s+(?:to|into))\s+${LOGIN}`, 'i');

/**
 * The delivered login a sentence renames and the word it renames it to; undefined when it names
 * none or several of `delivered` (lower case) besides the new one, asks, or denies.
 */
export function renameSaid(s: string, named: readonly string[], delivered: readonly string[]): { from: string; to: string } | undefined {
  if (/\?|\b(?:not|never|n't)\b/i.test(s)) return undefined;
  const renamed = RENAMED.exec(s);
  const now = renamed ? undefined : NOW.exec(s);
  const to = (renamed?.[1] ?? renamed?.[2] ?? now?.[1])?.replace(/[.,;:!)]+$/, '');
  if (to === undefined) return undefined;
  const lower = to.toLowerCase();
  if (now && !delivered.some((d) => d === lower || sameSeries(d, to))) return undefined;
  const from = [...new Set(named)].filter((l) => l !== lower);
  return from.length === 1 ? { from: from[0]!, to } : undefined;
}

/**
 * Whether `word` is a login of `login`'s series: the same letters (4 or more, case aside) before
 * other digits at the end, and nothing but a login's characters (`ash_k09` beside `ash_k01`). A
 * seller's password is no such word (generators mix in marks and other letters); a login is.
 */
export function sameSeries(login: string, word: string): boolean {
  const a = /^([A-Za-z][A-Za-z0-9_.-]{3,}?)(\d+)$/.exec(login);
  const b = /^([A-Za-z][A-Za-z0-9_.-]{3,}?)(\d+)$/.exec(word);
  return a !== null && b !== null && a[1]!.toLowerCase() === b[1]!.toLowerCase() && a[2] !== b[2];
}
