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
  // Filled by place, not pushed: with a capacity (the dump's length) each column is made once at
  // its size; six arrays pushed to 100,000 entries each grew two dozen times (~60-70 ms of CPU
  // in a micro-benchmark, against ~20 ms filled by place). `trim` cuts them to `size`.
  readonly keys: string[];
  readonly usernames: string[];
  readonly passwords: string[];
  readonly providers: Provider[];
  readonly levels: number[];
  readonly seqs: number[];
  /** Each key's place in the columns: a key is added once (key-places.ts: no Map of 100,000 strings). */
  private readonly at: KeyPlaces;
  private count = 0;

  constructor(
    /** When every account here was added (the transaction's time). */
    readonly addedAt: string,
    /** Where every account here came from (the dump's name). */
    readonly source: string,
    /** How many may be added (a hint: more may be); until `trim`, the columns may be longer than `size`. */
    capacity = 0,
  ) {
    const column = <T>(): T[] => (capacity > 0 ? new Array<T>(capacity) : []);
    this.keys = column();
    this.usernames = column();
    this.passwords = column();
    this.providers = column();
    this.levels = column();
    this.seqs = column();
    this.at = new KeyPlaces(this.keys, capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The place of the account of `key` (lower-cased), or -1 when it is none of these. */
  indexOf(key: string): number {
    return this.at.indexOf(key);
  }

  /** Adds one account (its key not yet among them); returns its place. */
  add(key: string, username: string, password: string, provider: Provider, level: number, seq: number): number {
    const n = this.count++;
    this.keys[n] = key;
    this.at.added();
    this.usernames[n] = username;
    this.passwords[n] = password;
    this.providers[n] = provider;
    this.levels[n] = level;
    this.seqs[n] = seq;
    return n;
  }

  /** The columns cut to `size` (the end of the import that gave the capacity). */
  trim(): void {
    if (this.keys.length === this.count) return;
    for (const column of [this.keys, this.usernames, this.passwords, this.providers, this.levels, this.seqs]) column.length = this.count;
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
