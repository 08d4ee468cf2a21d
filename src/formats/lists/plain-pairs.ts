// The usual line of a generated or sold list, `ash_k3tch01:Pikachu.2017`, settled in one scan.
// Every line of a list goes through a chain of checks (plain.ts: level headings, notes, the kinds
// of line that are no account, settings, joined items, the split, the store's rule, the kinds of
// field); for this one shape each of them is known to pass, so the list reader takes the pair as
// it is. A 100,000-line list ran the chain's ~20 functions on every line (~3 µs a line, cold).
//
// Why each check passes, for a line that `plainPairAt` accepts in a list that `takesPlainPairs`:
// - one `:` only, so no joined items (joined-items.ts needs two), no system account line (3, 6 or
//   8 colons), no level heading (its `:` may only be followed by blanks to the line's end), no
//   setting (a blank after the `:`), no second field (the split's common case, two fields);
// - the name starts with an ASCII letter other than `p`/`g` (line-notes.ts `isBare`: a provider
//   prefix `ptc:`/`google:` is read by lineNotes), holds only letters, digits and `_ . -`, a digit
//   (a host name, `mail1.example.org`, takes the full rules: site-names.ts),
//   3-19 characters: line-kinds.ts's plain name (`plainUsernameEnd`), under fieldKind's 20 and the
//   store's 256, never an address (no `@`), never struck through or a fence (a letter first);
// - the password is 1-31 characters of `PASSWORD_CHARS`, with a digit and a character that is not
//   one (line-kinds.ts `isPlainPassword`), not opening with a digit, `-`, `+` or `<` (fieldKind's
//   fast road), no blank (no sign-off, no padding), nothing above ASCII (no trailing mark), and of
//   14 characters or more only without a `-` at index 4-6 (a licence key's shape: the full rules),
//   not ending in a level glued to it (`Pw12345-L30`, glued-level.ts: the full rules refuse it);
// - the pair is no price list's level and price (`L30:$10`, price-values.ts: fieldKind refuses it);
// - the name is no proxy's scheme (`socks5`, the one with a digit: fieldKind refuses it as a URL's);
// - the pair is no template's row (`username1:password1`, placeholder-passwords.ts: the store's
//   rule in choose.ts refuses it), asked only of a name opening as those do (`u`, `l`, `a`, `test`,
//   `sample`, `example`, `demo`, `my`, `your`) or of a pair holding a `_`, `$` or `%`, as a script's
//   token does (`PTC_USER1:PTC_PASS1`, `ash01:%Password%`).
// test/formats/plain-pairs.property.test.ts reads random lists both ways and compares every result.
import type { Layout } from './account-line.js';
import { markedLevelReason } from './glued-level.js';
import { isSiteName } from '../not-accounts/site-names.js';
import { isExampleAccount } from './placeholder-passwords.js';
import { isPriceOffer } from './price-values.js';

/** The layout's own parts that change how a line splits: none of them may be there. */
export function takesPlainPairs(layout: Layout & { headerAt?: number; tableAt?: number; columns?: Layout; comments?: unknown }): boolean {
  return layout.sep === ':' && !layout.roles && !layout.columns && !layout.terminator && !layout.comments && !layout.networkLogins && layout.headerAt === undefined && layout.tableAt === undefined;
}

/** Password characters besides letters and digits that no check of the chain looks at. */
const PASSWORD_CHARS = new Set([...'_.-!?%*$&^'].map((c) => c.charCodeAt(0)));

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The index of the `:` of a plain `name:password` line, or -1 when the line takes the full rules. */
export function plainPairAt(s: string): number {
  const c0 = s.charCodeAt(0) | 32;
  if (c0 < 97 || c0 > 122 || c0 === 112 || c0 === 103) return -1;
  let digit = false;
  let dot = false;
  // A `_`, `$` or `%`: the pair may be a template's token (`TEMPL_USERNAME`, `%Password%`), asked of the store's rule below.
  let mark = false;
  let i = 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (c === 58) break;
    else if (c === 46) dot = true;
    else if (c === 95) mark = true;
    else if (!isLetter(c) && c !== 45) return -1;
  }
  if (!digit || i < 3 || i >= 20 || i === s.length) return -1;
  const at = i;
  // `mail1.example.org:Secret1`: a host name, no login (site-names.ts); `Trainer.07` is one.
  if (dot && isSiteName(s.slice(0, at))) return -1;
  // `socks5:...`: a proxy's scheme cut at its `:`, the one scheme with a digit (line-kinds.ts fieldKind).
  if (c0 === 115 && (at === 6 || at === 7) && /^socks[45][ah]?$/i.test(s.slice(0, at))) return -1;
  const length = s.length - at - 1;
  if (length >= 32) return -1;
  // `L30:$10`, `L30:USD10`: a price list's level and price (price-values.ts), asked of a short name only.
  if (at <= 8 && isPriceOffer(s.slice(0, at), s.slice(at + 1))) return -1;
  const p0 = s.charCodeAt(at + 1);
  if (isDigit(p0) || p0 === 45 || p0 === 43 || p0 === 60) return -1;
  if (length >= 14 && (s.charCodeAt(at + 5) === 45 || s.charCodeAt(at + 6) === 45 || s.charCodeAt(at + 7) === 45)) return -1;
  let pdigit = false;
  let other = false;
  for (let j = at + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (isDigit(c)) pdigit = true;
    else if (isLetter(c)) other = true;
    else if (PASSWORD_CHARS.has(c)) {
      other = true;
      if (c === 95 || c === 36 || c === 37) mark = true;
    }
    else return -1;
  }
  // `Pw12345-L30`: a level glued to it, or its end? The full rules refuse it (glued-level.ts);
  // no bracket among these characters, so only its marked-level look can find one.
  if (!pdigit || !other || (isDigit(s.charCodeAt(s.length - 1)) && markedLevelReason(s, at + 1))) return -1;
  const asked = c0 === 117 || c0 === 108 || c0 === 97 || mark || (TEMPLATE_SECOND.get(c0) === (s.charCodeAt(1) | 32) && TEMPLATE_START.test(s));
  return asked && isExampleAccount(s.slice(0, at), s.slice(at + 1)) ? -1 : at;
}

/**
 * `test1:password1`, `sample2:pass2`, `my-user1:my-pass1`, a programmer's `foo1:foobar1`: the other
 * logins a template's row opens with (placeholder-passwords.ts).
 * Each such word's second letter by its first (te, sa, ex, de, my, yo, fo, ba, qu, ho, pi): most names stop at two characters.
 */
const TEMPLATE_SECOND = new Map([[116, 101], [115, 97], [101, 120], [100, 101], [109, 121], [121, 111], [102, 111], [98, 97], [113, 117], [104, 111], [112, 105]]);
const TEMPLATE_START = /^(?:test|sample|example|demo|my|your|foo|bar|baz|qux|quux|hoge|piyo)/i;
