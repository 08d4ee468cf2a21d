// An account read only as far as it is used: its circle standing (model.ts) and key off its canonical
// line, its import number and the whole account only when asked for.
//
// Why: `allocate` looks at every account of the pool to choose the least recently used 400, and
// parsing every line whole (JSON.parse of 17 MB at 100,000 accounts, and the garbage it leaves)
// was most of what an allocation cost. The order needs the standing, `allocated_at` and the key;
// the import number only between two accounts never handed out; the whole account only for the
// 400 chosen and the instance's previous ones.
import type { Account, CircleStanding, TimedStanding } from '../model.js';
import type { ShardState } from './shard-state.js';

/** Where an account not held in a shard state is read from when asked (the circle index, circle-view.ts). */
export interface AccountReader {
  /** The import number, or undefined to read it off the whole account. */
  seq(): number | undefined;
  account(): Account;
}

export class LazyAccount {
  private whole: Account | undefined;
  private seqRead: number | undefined;

  /** `standing`: read off the line at `index` of `shard` (`timedRead`: as its timed standing), or `whole` itself when it is at hand. */
  private constructor(
    readonly standing: CircleStanding,
    readonly key: string,
    private readonly shard: ShardState | undefined,
    private readonly index: number,
    whole?: Account,
    private readonly reader?: AccountReader,
    private readonly timedRead = false,
    seq?: number,
  ) {
    this.whole = whole;
    this.seqRead = seq;
  }

  /** An account known by its standing and key, read through `reader` only when more is asked. */
  static reading(standing: CircleStanding, key: string, reader: AccountReader): LazyAccount {
    return new LazyAccount(standing, key, undefined, -1, undefined, reader);
  }

  /**
   * The account at `index` of `shard` (`key`: its key, where the caller read it already).
   * `timed`: its standing read with `state_at`, for a choice the clocks' seen ends judge
   * (`timed()`), and its import number, in the same read of its line (ShardState.timedSeqAt).
   */
  static at(shard: ShardState, index: number, key = shard.keyAt(index), timed = false): LazyAccount {
    if (!timed) return new LazyAccount(shard.circleAt(index), key, shard, index);
    const read = shard.timedSeqAt(index);
    return new LazyAccount(read.timed, key, shard, index, undefined, undefined, true, read.seq);
  }

  /** An account already parsed (or changed in a transaction). */
  static of(account: Account, key: string): LazyAccount {
    return new LazyAccount(account, key, undefined, -1, account);
  }

  get allocated_at(): string | undefined {
    return this.standing.allocated_at;
  }

  /**
   * The import number: off the line where it says it plainly, once (a sort asks again and again).
   * Asked of the shard by index (seqAt), not through `shard.lines`: over a file's bytes that decodes
   * and keeps every line of the shard, and walked them all on each call (~20 s of CPU choosing among
   * 1,000,000 accounts read without parsing them whole: scale-log.md, stop 55 Y).
   */
  get seq(): number {
    if (this.seqRead === undefined) {
      if (this.whole) this.seqRead = this.whole.seq;
      else if (this.shard) this.seqRead = this.shard.seqAt(this.index);
      else this.seqRead = this.reader?.seq() ?? this.account().seq;
    }
    return this.seqRead;
  }

  /**
   * What the clocks' seen ends judge it by (model.ts TIMED_FIELDS): the standing where it was read
   * so, or the account whole. Every account parsed whole for them was most of an allocation's
   * time and peak on a pool shared through git at 1,000,000 accounts (scale-log.md, stop 54 Y).
   */
  timed(): TimedStanding {
    if (this.timedRead || this.whole) return this.timedRead ? this.standing : this.whole!;
    return this.shard ? this.shard.timedAt(this.index) : this.account();
  }

  /** The whole account (parsed once, shared with the shard state: never change it in place). */
  account(): Account {
    this.whole ??= this.shard ? this.shard.accountAt(this.index) : this.reader!.account();
    return this.whole;
  }
}
