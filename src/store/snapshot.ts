// The pool as read at one moment: every shard's accounts, and where each account lives.
import { keyOf, type Account } from '../model.js';
import { ShardState } from './shard-state.js';

export { ShardState };

export interface Location {
  shard: number;
  index: number;
}

function positionsOf(shard: ShardState): Map<string, number> {
  if (!shard.positions) {
    const positions = new Map<string, number>();
    for (let i = 0; i < shard.size; i++) positions.set(shard.keyAt(i), i);
    shard.positions = positions;
  }
  return shard.positions;
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
  ) {}

  get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.size;
    return n;
  }

  *accounts(): IterableIterator<Account> {
    for (const shard of this.shards) yield* shard.accounts;
  }

  /** Accounts found in more than one shard (only possible after hand edits or copied files). */
  duplicates(): { username: string; files: string[] }[] {
    const seen = new Map<string, string[]>();
    for (const shard of this.shards) {
      for (const account of shard.accounts) {
        const key = keyOf(account.username);
        const files = seen.get(key);
        if (files) files.push(shard.file);
        else seen.set(key, [shard.file]);
      }
    }
    return [...seen].filter(([, files]) => files.length > 1).map(([username, files]) => ({ username, files }));
  }

  /**
   * Where an account is: in its home shard, or (moved there by hand) in the few strays elsewhere.
   * A new account is a miss in both, so adding 100,000 accounts never searches every shard.
   */
  locate(username: string): Location | undefined {
    const key = keyOf(username);
    const home = this.homeOf(username);
    if (home !== undefined) {
      const index = positionsOf(this.shards[home]!).get(key);
      if (index !== undefined) return { shard: home, index };
      return this.strays().get(key);
    }
    for (let s = 0; s < this.shards.length; s++) {
      const index = positionsOf(this.shards[s]!).get(key);
      if (index !== undefined) return { shard: s, index };
    }
    return undefined;
  }

  private strays(): Map<string, Location> {
    if (!this.strayIndex) {
      const index = new Map<string, Location>();
      this.shards.forEach((shard, s) => {
        // Keys hash to the same shard as the names they come from.
        shard.strays ??= [...positionsOf(shard).keys()].filter((key) => this.homeOf(key) !== s);
        for (const key of shard.strays) index.set(key, { shard: s, index: positionsOf(shard).get(key)! });
      });
      this.strayIndex = index;
    }
    return this.strayIndex;
  }

  get(username: string): Account | undefined {
    const at = this.locate(username);
    return at && this.shards[at.shard]!.accountAt(at.index);
  }
}
