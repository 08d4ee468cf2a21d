// The accounts an import adds that are simply new (no device, no verdict, no history carried
// from a moved pool): held as columns, one entry per account, not as an `Account` each.
//
// An import of 100,000 new lines made 100,000 `Account` objects in the importer, each put into
// the transaction's map of changes, checked by the store's record rules and looked up again when
// the shards were planned and the history written; every one lived until the commit, so the
// collector copied them all. Here an account is a key, a name, a password, a provider, a level
// and an import number in arrays; what every account of one import shares (state `ok`, the time,
// the source) is said once. The transaction hands them out as `Account`s only to code that asks
// for accounts (transaction.ts `changes`), and `Account`s made from here are exactly those the
// importer made before (test/import/columnar-import.test.ts).
import type { Account, Provider } from '../model.js';
import { KeyPlaces } from './key-places.js';

export class FreshAccounts {
  readonly keys: string[] = [];
  readonly usernames: string[] = [];
  readonly passwords: string[] = [];
  readonly providers: Provider[] = [];
  readonly levels: number[] = [];
  readonly seqs: number[] = [];
  /** Each key's place in the columns: a key is added once (key-places.ts: no Map of 100,000 strings). */
  private readonly at = new KeyPlaces(this.keys);

  constructor(
    /** When every account here was added (the transaction's time). */
    readonly addedAt: string,
    /** Where every account here came from (the dump's name). */
    readonly source: string,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  /** The place of the account of `key` (lower-cased), or -1 when it is none of these. */
  indexOf(key: string): number {
    return this.at.indexOf(key);
  }

  /** Adds one account (its key not yet among them); returns its place. */
  add(key: string, username: string, password: string, provider: Provider, level: number, seq: number): number {
    const n = this.keys.length;
    this.keys.push(key);
    this.at.added();
    this.usernames.push(username);
    this.passwords.push(password);
    this.providers.push(provider);
    this.levels.push(level);
    this.seqs.push(seq);
    return n;
  }

  /** The account at place `n`, as the importer made it before (same fields, same order). */
  account(n: number): Account {
    return {
      username: this.usernames[n]!,
      password: this.passwords[n]!,
      provider: this.providers[n]!,
      level: this.levels[n]!,
      state: 'ok',
      added_at: this.addedAt,
      seq: this.seqs[n]!,
      source: this.source,
    };
  }
}
