// The pool as read at one moment: every shard's accounts, and where each account lives.
import { keyOf, type Account } from '../model.js';
import { FileError } from '../errors.js';

export interface ShardState {
  name: string;
  file: string;
  accounts: Account[];
  /** The canonical line each account was read from (undefined when the shard was hand-edited). */
  lines: (string | undefined)[];
}

export interface Location {
  shard: number;
  index: number;
}

export class Snapshot {
  private index: Map<string, Location> | undefined;

  constructor(readonly shards: ShardState[]) {}

  get size(): number {
    let n = 0;
    for (const shard of this.shards) n += shard.accounts.length;
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

  locate(username: string): Location | undefined {
    if (!this.index) {
      const index = new Map<string, Location>();
      this.shards.forEach((shard, s) => {
        shard.accounts.forEach((account, i) => {
          const key = keyOf(account.username);
          const other = index.get(key);
          if (other) {
            throw new FileError(shard.file, 1, `account ${account.username} is also in ${this.shards[other.shard]!.file}; run accountpool verify`);
          }
          index.set(key, { shard: s, index: i });
        });
      });
      this.index = index;
    }
    return this.index.get(keyOf(username));
  }

  get(username: string): Account | undefined {
    const at = this.locate(username);
    return at && this.shards[at.shard]!.accounts[at.index];
  }
}
