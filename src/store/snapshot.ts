// The pool as read at one moment: every shard's accounts, and where each account lives.
import { lookUpGrouped, type GroupedLookups } from './grouped-lookups.js';
import { keyOf, type Account, type Standing, type TimedStanding } from '../model.js';
import { compareAccountKeys } from './shard-codec.js';
import { ShardState } from './shard-state.js';
import { LazyAccount } from './lazy-account.js';
import { KeyIndex } from './key-index.js';

export { ShardState };

export interface Location {
  shard: number;
  index: number;
}

function positionsOf(shard: ShardState): KeyIndex {
  return (shard.positions ??= new KeyIndex(shard.keys()));
}

export class Snapshot {
  /** Accounts found outside their home shard, by key (built on the first miss in a home shard). */
  private strayIndex: Map<string, Location> | undefined;

  /**
   * @param homeOf the shard (index in `shards`) an account's name hashes to: looked in first, so
   *   finding a known account touches one shard, not the whole pool.
   */
  constructor(
    readonly shards: ShardState[],
    private readonly homeOf: (username: string) => number | undefined = () => undefined,
    /**
     * homeOf by a plain name's keyHashOf (layout.ts), as read off its bytes: with it, the sorted
     * check of a shard whose bytes are held reads them (ShardState.orderOffBytes), no key made.
     */
    private readonly homeOfHash?: (keyHash: number) => number | undefined,
  ) {}

  get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.size;
    return n;
  }

  *accounts(): IterableIterator<Account> {
    for (const shard of this.shards) yield* shard.accounts;
  }

  /** Each account's standing (model.ts), in the order of accounts(), parsing only what its line does not say plainly. */
  standings(): Standing[] {
    // An array, not a generator: a yield per account cost as much as reading its fields.
    const all: Standing[] = [];
    for (const shard of this.shards) for (let i = 0; i < shard.size; i++) all.push(shard.standingAt(i));
    return all;
  }

  /**
   * Each account's timed standing (model.ts TIMED_FIELDS), in the order of accounts(), handed to
   * `visit` and kept nowhere: a pool shared through git is counted and its holds' sightings
   * recorded off the lines, where every account parsed whole (and kept on its shard) was most of
   * a status's and an allocation's time and peak at 1,000,000 accounts (scale-log.md, stop 54 Y).
   * A line that does not say them plainly (hand-edited, an odd value) is parsed, as accounts() does.
   */
  eachTimed(visit: (timed: TimedStanding) => void): void {
    for (const shard of this.shards) for (let i = 0; i < shard.size; i++) visit(shard.timedAt(i));
  }

  /** Every account read as far as used (lazy-account.ts), in the order of accounts(); `timed`: LazyAccount.at's. */
  lazyAccounts(timed = false): LazyAccount[] {
    const all: LazyAccount[] = [];
    for (const shard of this.shards) for (let i = 0; i < shard.size; i++) all.push(LazyAccount.at(shard, i, shard.keyAt(i), timed));
    return all;
  }

  /**
   * Accounts held more than once: twice in one shard (only in a file whose canonical hash was
   * recorded before usernames were compared case-insensitively everywhere: the reader refuses
   * any other) or in two shards (hand edits, copied files, a git merge across a change of the
   * shard count). Found through the keys each shard indexes anyway and the strays, not by a pass
   * over every account.
   */
  duplicates(): { username: string; places: Location[] }[] {
    const found = new Map<string, Location[]>();
    const add = (key: string, at: Location) => {
      const places = found.get(key) ?? [];
      if (!places.some((p) => p.shard === at.shard && p.index === at.index)) places.push(at);
      found.set(key, places);
    };
    this.shards.forEach((shard, s) => {
      // Strictly increasing keys are each there once (and need no map of them to say so).
      if (this.isSorted(shard) || positionsOf(shard).size === shard.size) return;
      const first = new Map<string, number>();
      for (let i = 0; i < shard.size; i++) {
        const key = shard.keyAt(i);
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, i);
        } else {
          add(key, { shard: s, index: earlier });
          add(key, { shard: s, index: i });
        }
      }
    });
    const strays = new Map<string, Location[]>();
    this.shards.forEach((shard, s) => {
      for (const key of this.straysOf(shard)) strays.set(key, [...(strays.get(key) ?? []), { shard: s, index: this.indexIn(shard, key)! }]);
    });
    for (const [key, places] of strays) {
      const home = this.homeOf(key);
      const atHome = home === undefined ? undefined : this.indexIn(this.shards[home]!, key);
      const all = atHome === undefined ? places : [{ shard: home!, index: atHome }, ...places];
      if (all.length > 1) for (const at of all) add(key, at);
    }
    return [...found.values()].map((places) => ({ username: this.shards[places[0]!.shard]!.accountAt(places[0]!.index).username, places }));
  }

  /**
   * Where an account is: in its home shard, or (moved there by hand) in the few strays elsewhere.
   * A new account is a miss in both, so adding 100,000 accounts never searches every shard.
   */
  locate(username: string): Location | undefined {
    const key = keyOf(username);
    const home = this.homeOf(username);
    if (home !== undefined) {
      const index = this.indexIn(this.shards[home]!, key);
      if (index !== undefined) return { shard: home, index };
      return this.strays().get(key);
    }
    for (let s = 0; s < this.shards.length; s++) {
      const index = this.indexIn(this.shards[s]!, key);
      if (index !== undefined) return { shard: s, index };
    }
    return undefined;
  }

  private strays(): Map<string, Location> {
    if (!this.strayIndex) {
      const index = new Map<string, Location>();
      this.shards.forEach((shard, s) => {
        for (const key of this.straysOf(shard)) index.set(key, { shard: s, index: this.indexIn(shard, key)! });
      });
      this.strayIndex = index;
    }
    return this.strayIndex;
  }

  /** Keys in `shard` whose name hashes to another shard: moved there by hand, nearly always none. */
  private straysOf(shard: ShardState): string[] {
    if (shard.strays) return shard.strays;
    if (this.isSorted(shard)) return shard.strays!; // found by the same pass
    shard.strays = [...positionsOf(shard).distinct()].filter((key) => this.isStray(shard, key));
    return shard.strays;
  }

  private isStray(shard: ShardState, key: string): boolean {
    // Keys hash to the same shard as the names they come from. Compared by shard name, not by
    // place in the list: the list may grow (a new shard file) while the shard state is cached.
    const home = this.homeOf(key);
    return home === undefined || this.shards[home]!.name !== shard.name;
  }

  /**
   * Whether `shard`'s keys are strictly increasing (ShardState.sortedKeys), found by one pass
   * over them that also notes the strays. Each key is read off its line and dropped: no list or
   * map of the keys is kept for a sorted shard (binary search finds an account: `indexIn`).
   */
  private isSorted(shard: ShardState): boolean {
    const homeOfHash = this.homeOfHash;
    // As isStray says of each key below (no home: a stray), off the bytes.
    if (shard.sortedKeys === undefined && homeOfHash) shard.orderOffBytes((hash) => this.shards[homeOfHash(hash) ?? -1]?.name === shard.name);
    if (shard.sortedKeys === undefined) {
      let sorted = true;
      const strays: string[] = [];
      let previous: string | undefined;
      for (let i = 0; i < shard.size; i++) {
        const key = shard.keyAt(i);
        if (previous !== undefined && compareAccountKeys(previous, key) >= 0) sorted = false;
        if (this.isStray(shard, key)) strays.push(key);
        previous = key;
      }
      shard.sortedKeys = sorted;
      // Over a sorted shard's keys, each once: the strays as straysOf finds them.
      if (sorted) shard.strays ??= strays;
    }
    return shard.sortedKeys;
  }

  /**
   * Where the account of `key` is in `shard` (undefined: not there). In a sorted shard by binary
   * search (~log2(size) keys read off their lines), until the shard has been searched more than
   * an eighth of its size times: past that the map of its keys (`size` keys read once) is
   * cheaper, and a dump large enough to get there (a million lines) holds far more than it.
   */
  private indexIn(shard: ShardState, key: string): number | undefined {
    // A paged file's keys by hash: an import's new keys are answered without reading a block.
    const paged = shard.indexOfKey(key);
    if (paged !== undefined) return paged < 0 ? undefined : paged;
    if (shard.positions || !this.isSorted(shard) || (shard.searches = (shard.searches ?? 0) + 1) > shard.size >> 3) return positionsOf(shard).get(key);
    // The line just before the first whose key comes after `key` holds it, if any does.
    const after = shard.upperBound(key);
    return after > 0 && compareAccountKeys(shard.keyAt(after - 1), key) === 0 ? after - 1 : undefined;
  }

  /**
   * `count` keys are about to be looked up (an import's lines, spread over the shards by their
   * hash). A shard that many lookups would switch to its map of keys anyway (indexIn: past an
   * eighth of its size) gets it now: its keys are read off their lines once, and the sorted check,
   * the strays and the spellings check (Transaction.keys) read them from there. Built on the way,
   * each key was read off its line three times (the sorted check, the map, the spellings), and
   * the first eighth of the lookups were binary searches reading keys off lines too.
   */
  expectLookups(count: number): void {
    const perShard = count / Math.max(1, this.shards.length);
    // A paged file answers by its keys' hashes (indexIn): a map of its keys would only hold them all.
    // A file whose bytes are held gets the same table off them (no key made a string: stop 52).
    for (const shard of this.shards) if (perShard > shard.size >> 3 && !shard.keysHashed && !shard.hashKeysOffBytes()) positionsOf(shard);
  }

  /**
   * `count` keys (`keyAt(i)`, lower-cased: an import's lines) looked up all at once, grouped by
   * shard (grouped-lookups.ts), answered by place as locate would; undefined where no shard is
   * paged (then locate answers each, as it did).
   */
  locateAll(count: number, keyAt: (i: number) => string): GroupedLookups | undefined {
    const hasStrays = this.shards.some((shard) => this.straysOf(shard).length > 0);
    return lookUpGrouped(this.shards, count, keyAt, this.homeOf, (key) => this.strays().get(key), hasStrays);
  }

  /** The account at a place locateAll found, not kept on its shard (as `seen`). */
  seenAt(shard: number, index: number): Account {
    return this.shards[shard]!.accountSeen(index);
  }

  /** The highest `seq` (at least 0) of the accounts other than those with the keys `except`. */
  maxSeq(except: Iterable<string>): number {
    const skip = new Map<number, Set<number>>();
    for (const key of except) {
      const at = this.locate(key);
      if (at) (skip.get(at.shard) ?? skip.set(at.shard, new Set()).get(at.shard)!).add(at.index);
    }
    return this.shards.reduce((max, shard, s) => shard.maxSeq(max, skip.get(s)), 0);
  }

  get(username: string): Account | undefined {
    const at = this.locate(username);
    return at && this.shards[at.shard]!.accountAt(at.index);
  }

  /** `get`, the account not kept on its shard where it was not held already (ShardState.accountSeen). */
  seen(username: string): Account | undefined {
    const at = this.locate(username);
    return at && this.shards[at.shard]!.accountSeen(at.index);
  }
}
