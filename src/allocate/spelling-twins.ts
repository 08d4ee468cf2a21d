// Two spellings of one account already in the pool (account-spelling.ts): `johndoe@gmail.com` and
// `john.doe@gmail.com` imported on two hosts of a git pool, or by a version before the import
// refused the second. They log into one account, so handing one to `east` and the other to `west`
// puts one account in two scanners. The import and `serve` never add a second spelling; for the
// pairs already there, allocate and serve hand out neither (each may hold another password, a
// verdict or a hold the other lacks: which line is right is the operator's call) and say which,
// until one line is removed (`accountpool verify` names both with their files and lines).
//
// Cheap on the hot path: only keys spelled otherwise than written (spellingOf: a Gmail address
// with dots or a +tag, non-ASCII) can be a second spelling, and each shard's circle index lists
// those by a hash of their spelling (circle-index.ts `odd`): each account an allocation takes
// costs a map lookup in the pool's count of those hashes (and, for an odd one, a look for its
// plain spelling); shards are asked only on a hit. Only the whole read (no indexes) passes over
// every key, once per transaction.
//
// A Google name without its domain (`johndoe`, provider google) is its Gmail address, so its
// spelling depends on its provider (account-spelling.ts): the indexes mark such lines.
//
// A name no login can have (a Cyrillic `а` in a PTC username or a Gmail address: login-names.ts),
// in the pool from before the import refused them, by hand or by a git merge, passes on screen
// for the ASCII name it looks like and cannot log in: it is not handed out either, and said why.
import { isOwnSpelling, spellingNeedsProvider, spellingOf, whyOneAccount } from '../account-spelling.js';
import { loginNameProblem } from '../login-name-problem.js';
import { keyOf, type Account, type Provider } from '../model.js';
import type { Transaction } from '../store/transaction.js';

/** What the operator does about a pair (said once per message). */
export const TWIN_ADVICE = 'neither is handed out until one of the two lines is removed (accountpool verify names both; then `accountpool verify --fix --accept-loss`)';

/** What the operator does about a name with a look-alike letter (with each such account). */
export const LOOK_ALIKE_ADVICE = 'not handed out until its name is corrected or its line removed (accountpool verify names it)';

export interface Twin {
  /** The other spelling's username, as the pool holds it. */
  other: string;
  /** Why the two are one account (never a password). */
  reason: string;
}

export class SpellingTwins {
  /** Without a circle view: the pool's odd keys by their spelling (made on the first question). */
  private odd: Map<string, string[]> | undefined;

  constructor(private readonly tx: Transaction) {}

  /** Over the indexes: the Google names without @ that changes not in the lines (the log, this process's commits) made Google, by their spelling. */
  private pending: Map<string, string[]> | undefined;

  /** The keys of the pool spelled `spelling` otherwise than written, but `key`. */
  private spelledAs(spelling: string, key: string): string[] {
    const view = this.tx.circleView;
    if (view) {
      // The indexes mark lines as they were written: a change of provider since (a serve post
      // saying `johndoe` is Google, still in the change log) makes or unmakes a second spelling.
      const keys = new Set(view.spelledAs(spelling, key).filter((k) => this.spells(k, spelling)));
      if (spelling.endsWith('@gmail.com')) {
        if (!this.pending) {
          this.pending = new Map();
          for (const [k, provider] of view.pendingProviders(spellingNeedsProvider)) if (provider === 'google') this.note(this.pending, k, provider);
        }
        for (const k of this.pending.get(spelling) ?? []) if (k !== key && this.spells(k, spelling)) keys.add(k);
        // This transaction's own changes (a post earlier in the same batch of serve's).
        for (const [k, account] of this.tx.putChanges) if (k !== key && account.provider === 'google' && spellingNeedsProvider(k) && spellingOf(k, 'google') === spelling) keys.add(k);
      }
      return [...keys];
    }
    if (!this.odd) {
      // The whole read: one pass over the keys, most of them decided by a scan of their characters.
      this.odd = new Map();
      for (const [key, provider] of this.tx.keysNeedingProvider(spellingNeedsProvider)) this.note(this.odd, key, provider);
    }
    return (this.odd.get(spelling) ?? []).filter((k) => k !== key);
  }

  /** Lists `key` under its spelling in `bySpelling` when it is spelled otherwise than written. */
  private note(bySpelling: Map<string, string[]>, key: string, provider: Provider | undefined): void {
    const s = spellingOf(key, provider); // the key itself, at once, for a PTC name
    if (s === key) return;
    const list = bySpelling.get(s);
    if (!list) bySpelling.set(s, [key]);
    else if (!list.includes(key)) list.push(key);
  }

  /** Whether the pool's account `key` is still spelled `spelling` (its provider may have changed since its line was indexed). */
  private spells(key: string, spelling: string): boolean {
    if (!spellingNeedsProvider(key)) return true;
    const account = this.tx.get(key);
    return account !== undefined && spellingOf(key, account.provider) === spelling;
  }

  /** Whether the pool holds `key`: over the indexes without reading its line (a Gmail spelling is asked for every account of a pool of Google names). */
  private holds(key: string): boolean {
    const view = this.tx.circleView;
    return view ? this.tx.putChanges.has(key) || view.has(key) : this.tx.get(key) !== undefined;
  }

  /** The other spelling of `account` when the pool holds one; else undefined. */
  of(account: Account): Twin | undefined {
    const key = keyOf(account.username);
    const spelling = spellingOf(key, account.provider);
    let other: string | undefined = this.spelledAs(spelling, key)[0];
    // The spelling as a key of its own is that account, unless it spells another (a Google name without @).
    if (other === undefined && spelling !== key && this.holds(spelling) && isOwnSpelling(spelling, () => this.tx.get(spelling)!.provider)) other = spelling;
    if (other === undefined) return undefined;
    const held = this.tx.get(other)?.username ?? other;
    return { other: held, reason: `another spelling of ${held} in the pool (one account: ${whyOneAccount(key, other, spelling)})` };
  }
}

/** Why `account` is never handed out though the pool holds it once (a name no login can have), or undefined. */
export function lookAlikeReason(account: Account): string | undefined {
  const problem = loginNameProblem(account.username, account.provider);
  return problem && `${problem}; ${LOOK_ALIKE_ADVICE}`;
}
