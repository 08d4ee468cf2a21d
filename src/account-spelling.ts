// One account under two spellings. Usernames are keys in any capitals (model.ts keyOf), but a
// login service reads more spellings as one account than capitals alone: Gmail ignores dots and
// a `+tag` in the part before the @, and googlemail.com is gmail.com, so `john.doe@gmail.com`,
// `JohnDoe+pogo@gmail.com` and `johndoe@googlemail.com` are one Google account; and a name typed
// with fullwidth letters or carrying an invisible character (a zero-width space a seller's web
// page left in) shows as the other on every screen. Held as two entries, such an account would be
// handed to two scanners at once. The import refuses the second spelling (import/merge.ts): the
// pool's keys and shards stay as they are, so no account moves between shards.
//
// A Google account may also be written without its domain (`johndoe`, provider google: Google's
// login reads it as johndoe@gmail.com), so its spelling depends on its provider: `johndoe` of PTC
// is another account than johndoe@gmail.com, `johndoe` of Google the same one.
import type { Provider } from './model.js';

/** Characters that show as nothing: a login never holds one, a copied web page often does. */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** The domains Gmail answers for: the part before the @ is read without dots and `+tag`. */
const GMAIL = /^(.*)@(?:gmail|googlemail)\.com$/;

/** 0: plain ASCII without an @, its own spelling (nearly every name, decided by a scan); 1: ASCII with an @; 2: other. */
function kindOf(key: string): 0 | 1 | 2 {
  let at = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 127) return 2;
    if (c === 64) at = true;
  }
  return at ? 1 : 0;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** A Gmail address (as a lower-cased key): its spelling folds dots and a `+tag`. */
export function isGmail(key: string): boolean {
  return GMAIL.test(spellingOf(key));
}

/**
 * The account a lower-cased username (keyOf) of `provider` logs into: two keys with one spelling
 * are one account. Equal to the key for nearly every name; folds compatibility forms (NFKC:
 * fullwidth letters, `ſ`), drops invisible characters, reads Gmail addresses as Gmail does, and a
 * Google name without a domain as its Gmail address. Without a provider: as for PTC.
 */
export function spellingOf(key: string, provider?: Provider): string {
  const kind = kindOf(key);
  if (kind === 0) return provider === 'google' ? gmailSpelling(`${key}@gmail.com`) : key;
  if (kind === 1) return gmailSpelling(key);
  const s = key.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
  return gmailSpelling(provider === 'google' && !s.includes('@') ? `${s}@gmail.com` : s);
}

/** Whether the spelling of `key` depends on its provider (a name without @: a Google one is a Gmail address). */
export function spellingNeedsProvider(key: string): boolean {
  return !key.includes('@') && (kindOf(key) === 0 || !key.normalize('NFKC').includes('@'));
}

/**
 * Whether the account the pool holds under the key `spelling` (a spelling spellingOf gave) is
 * that spelling's own: not when it is a Google name without @, whose own spelling is its Gmail
 * address. `providerOf` (that account's provider) is asked only for a name without @.
 */
export function isOwnSpelling(spelling: string, providerOf: () => Provider): boolean {
  return !spellingNeedsProvider(spelling) || spellingOf(spelling, providerOf()) === spelling;
}

/**
 * A lower-cased name as Gmail reads it: the part before the @ without dots and `+tag` where the
 * domain is Gmail's, else the name. Without a regular expression or a string where nothing
 * changes: the circle indexes ask this of every key with an @ (a pool of Google accounts).
 */
function gmailSpelling(s: string): string {
  const at = s.endsWith('@gmail.com') ? s.length - 10 : s.endsWith('@googlemail.com') ? s.length - 15 : -1;
  if (at < 0 || LINE_BREAK.test(s)) return s; // as GMAIL's `.` never matched one (no login holds one)
  const plus = s.indexOf('+');
  const end = plus >= 0 && plus < at ? plus : at;
  let local = s.slice(0, end);
  if (local.includes('.')) local = local.replace(/\./g, '');
  // `+x@gmail.com` or `...@gmail.com` names no mailbox: left as written, never one with another.
  if (local === '') return s;
  return end === at && local.length === at && at === s.length - 10 ? s : `${local}@gmail.com`;
}

/** Why two keys of one spelling (spellingOf, `spelling`) are one account, in words for a message. */
export function whyOneAccount(key: string, otherKey: string, spelling: string): string {
  if (!GMAIL.test(spelling)) return 'the two show the same (fullwidth letters, invisible characters)';
  if (isGmail(key) && isGmail(otherKey)) return 'Gmail reads dots, a +tag and googlemail.com as one address';
  return 'Google reads a name without its domain as that @gmail.com address, dots and a +tag aside';
}

/** A Gmail address's spelling as a number, read off the key without making a string (see Spellings). */
function gmailNumber(key: string): number {
  let h = 0;
  let i = 0;
  for (; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 64 || c === 43) break; // @ or +
    if (c !== 46) h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** An ASCII key of a Gmail domain, as a lower-cased key ends (GMAIL, without a regular expression per key). */
function isGmailDomain(key: string): boolean {
  return key.endsWith('@gmail.com') || key.endsWith('@googlemail.com');
}

/**
 * Which known key holds the spelling of each account an import may add. Built from the spellings
 * of the accounts it may add and every key of the pool, but keeping only the few pool keys that
 * spell one of them otherwise than they are written: a pool of a million plain names costs a
 * scan of each, a million Gmail addresses a loop over each one's characters, never a string or a
 * map entry per account. A spelling that is itself a key is found by the caller's own lookup.
 * `isGoogle` tells a pool key's provider; asked only of a name without @ whose Gmail spelling
 * would be wanted (or one outside ASCII), so rarely that a lookup of its account is cheap.
 */
export class Spellings {
  private readonly odd = new Map<string, string>();

  /**
   * @param eachPoolKey hands every key of the pool to its argument (Transaction.eachKey): a call per key, no iterator.
   *   With `plainLeftOut` true it may leave out keys of printable ASCII: none is wanted when no Gmail spelling is.
   * @param newSpellings the spellings of the accounts it may add, or a function handing each to its argument, as
   *   eachPoolKey (an import's lines: made on the way, not held as a list of 1,000,000 strings)
   */
  constructor(eachPoolKey: (visit: (poolKey: string) => void, plainLeftOut: boolean) => void, newSpellings: readonly string[] | ((visit: (spelling: string) => void) => void), isGoogle: (poolKey: string) => boolean) {
    const eachNew = typeof newSpellings === 'function' ? newSpellings : (visit: (spelling: string) => void) => newSpellings.forEach((s) => visit(s));
    // A spelling without an @ is no Gmail address: most need no regular expression.
    const gmailWanted = new Set<number>();
    eachNew((spelling) => {
      if (kindOf(spelling) !== 0 && GMAIL.test(spelling)) gmailWanted.add(gmailNumber(spelling));
    });
    // The pool keys spelled otherwise than written, in pool order; the set of the wanted
    // spellings is made only when there is one (a pool of plain names has none: no set of
    // 100,000 keys for an import of 100,000 lines).
    const odd: [string, string][] = [];
    eachPoolKey((key) => {
      // One pass over the key: whether it is plain ASCII, ASCII with an @, or other, and the
      // number its Gmail spelling would have (gmailNumber), so most keys cost nothing more.
      let h = 0;
      let local = true;
      let at = false;
      let other = false;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        if (c >= 127) {
          other = true;
          break;
        }
        if (c === 64) at = true;
        if (c === 64 || c === 43) local = false;
        else if (local && c !== 46) h = (Math.imul(h, 31) + c) | 0;
      }
      // A plain name matters only as a Google name whose Gmail address is wanted.
      if (!other && (!gmailWanted.has(h) || (at ? !isGmailDomain(key) : !isGoogle(key)))) return;
      // A plain name got here as a Google one; a name outside ASCII is asked only without an @.
      const google = at ? false : other ? spellingNeedsProvider(key) && isGoogle(key) : true;
      const spelling = spellingOf(key, google ? 'google' : undefined);
      if (spelling !== key) odd.push([spelling, key]);
    }, gmailWanted.size === 0); // then an ASCII key returns above, whatever it is
    if (odd.length === 0) return;
    const wanted = new Set<string>();
    eachNew((spelling) => wanted.add(spelling));
    for (const [spelling, key] of odd) if (wanted.has(spelling) && !this.odd.has(spelling)) this.odd.set(spelling, key);
  }

  /** `key` of `provider` is now in the pool too (an account this import added); `spelling`: spellingOf(key, provider), when the caller has it. */
  add(key: string, provider: Provider, spelling = spellingOf(key, provider)): void {
    if (spelling !== key && !this.odd.has(spelling)) this.odd.set(spelling, key);
  }

  /**
   * The key, other than `key` itself, of an account `key` (of `provider`) is another spelling
   * of, or undefined. `providerOf(k)` gives the provider of `k` where it is a key already known
   * (the transaction's own lookup), else undefined. `spelling`: spellingOf(key, provider), when
   * the caller has it (an import made every line's for the constructor).
   */
  otherOf(key: string, provider: Provider, providerOf: (k: string) => Provider | undefined, spelling = spellingOf(key, provider)): string | undefined {
    const odd = this.odd.get(spelling);
    if (odd !== undefined && odd !== key) return odd;
    if (spelling === key) return undefined;
    // The spelling as a key of its own is that account, unless it spells another (a Google name without @).
    const known = providerOf(spelling);
    return known !== undefined && isOwnSpelling(spelling, () => known) ? spelling : undefined;
  }
}
