// What a command sees and changes inside one locked transaction. Records read from the snapshot
// are shared with the shard cache and never changed in place: `put` a new object instead.
import { basicsProblem, keyOf, recordProblem, type Account, type Device, type Provider, type TimedStanding } from '../model.js';
import { hasWrittenTimes, writeTimesAsStored } from '../account-times.js';
import { AppError } from '../errors.js';
import type { Location, Snapshot } from './snapshot.js';
import { LazyAccount } from './lazy-account.js';
import { checkHistoryLine } from './history-files.js';
import type { SeenEnds } from '../availability.js';
import type { CircleView } from './circle-view.js';
import { extrasHeld, FreshAccounts, type BorrowedAccounts } from './fresh-accounts.js';
import type { GroupedLookups } from './grouped-lookups.js';
import { importPlaces, numberingWindow } from './import-numbering.js';
import { keyHashOf } from './layout.js';

export interface ExtraWrite {
  target: string;
  data: string | Uint8Array;
  mode: number;
}

export class Transaction {
  /** Accounts put in this transaction, by key (without `fresh`'s: see `changes`). */
  private readonly changed = new Map<string, Account>();
  /** New accounts an import added as columns (fresh-accounts.ts), not yet in `changed`. */
  private fresh: FreshAccounts | undefined;
  /** Files outside the pool that commit together with it (the scanner's accounts.csv). */
  readonly extraWrites: ExtraWrite[] = [];
  /** Move every account to the shard its name hashes to, and rewrite every shard (verify --fix). */
  relocateAll = false;
  /**
   * Reshard: every account to its home among this many shards, every shard file replaced, in
   * one commit (see reshard.ts; Pool.reshard sets it with the config's new text).
   */
  reshardTo: number | undefined;
  /** What this transaction did, in words (the git commit message when the pool commits to git). */
  message = 'update accounts';
  /** Lines for the pool's history (written by src/history/), committed with the changes or not at all. */
  readonly history: string[] = [];
  /** When other hosts' holds and rests end as this host sees them (the pool's seenView; undefined: at the times written). */
  seenEnds: SeenEnds<TimedStanding> | undefined;
  private maxSeq: number | undefined;
  /**
   * For each key of `changes`, in the order they entered it: 1 where the snapshot is known not to
   * hold it (a new account), 0 where that is unknown. An import adds 100,000 accounts; asking a
   * set of 100,000 keys about each of them again when the shards are planned and the history is
   * written cost as much as finding them missing in the first place (large hash tables are cache
   * misses), and a place in a list costs nothing.
   */
  private readonly absent: number[] = [];
  /** How many accounts the next columns may hold (expectFresh). */
  private freshCapacity = 0;
  /** Where the next columns read their names, passwords and devices (expectFresh, in a rehearsal only). */
  private freshBorrowed: BorrowedAccounts | undefined;
  /**
   * Nobody commits this transaction (Pool.rehearse: a dry run). Its new accounts may then be read
   * from the dump they came from (expectFresh), which a dry run holds to the merge's end anyway; a
   * real import lets the dump go before its commit, so it copies them.
   */
  rehearsing = false;
  /** `now` as the accounts added as columns record it (addFresh). */
  private nowText: string | undefined;
  /** The last key `get` found in neither the changes nor the snapshot (a `put` of it is a new account). */
  private lastAbsent: string | undefined;
  /**
   * For each key put with a hold: the `allocated_at` its account had before this transaction (null:
   * none, or a new account). The record of live holds keeps it (live-holds.ts): a copy of the shard
   * from before the hold reads with that time or an older one.
   */
  readonly holdPrevs = new Map<string, string | null>();
  /** Each import's new accounts, by their numbers (`importedAsOne`): numbered again before the commit (`numberImports`). */
  private readonly imports: { first: number; last: number }[] = [];

  /**
   * Where an import's new accounts' own fields may be written out past a few megabytes (the pool's
   * `.cache`, set by the pool; fresh-accounts.ts, run-values.ts). Unset, they are held in memory.
   */
  spillDir: string | undefined;

  /**
   * @param circleView where the pool is read from its derived circle indexes (circle-view.ts;
   *   `snapshot` then answers `get` alone): allocate's selection asks it, not every account.
   */
  constructor(
    readonly snapshot: Snapshot,
    readonly now: Date,
    readonly circleView?: CircleView,
  ) {}

  /**
   * Accounts written in this transaction, by key. The accounts an import added as columns become
   * `Account`s here, first asked (after those put before them): code that reads `changes` sees
   * every change, and only the import's own path (the plan, the history) reads the columns.
   */
  get changes(): Map<string, Account> {
    this.settleFresh();
    return this.changed;
  }

  /** The columns' accounts made `Account`s, after those put so far (the next addFresh starts new columns). */
  settleFresh(): void {
    const fresh = this.fresh;
    if (!fresh) return;
    this.fresh = undefined;
    for (let n = 0; n < fresh.size; n++) {
      this.changed.set(fresh.key(n), fresh.account(n));
      this.absent.push(1); // found nowhere when added (addFresh)
    }
  }

  /** The changes put as `Account`s, without the import's columns (`freshAccounts`): for the code that reads both. */
  get putChanges(): ReadonlyMap<string, Account> {
    return this.changed;
  }

  /** The new accounts an import added as columns and nobody has asked for as `Account`s yet. */
  get freshAccounts(): FreshAccounts | undefined {
    return this.fresh;
  }

  /** How many accounts this transaction changed or added. */
  get changeCount(): number {
    return this.changed.size + (this.fresh?.size ?? 0);
  }

  get(username: string): Account | undefined {
    if (this.fresh) {
      const n = this.fresh.indexOf(keyOf(username));
      if (n >= 0) return this.fresh.account(n);
    }
    return this.getPut(username);
  }

  /**
   * As `get`, for a caller that has looked among the accounts added as columns already (the
   * importer: one lookup less per new account). `key`: keyOf(username), when the caller has it.
   */
  getPut(username: string, key = keyOf(username), keep = true, place?: number): Account | undefined {
    const changed = this.changed.get(key);
    if (changed) return changed;
    const ahead = this.ahead;
    let found: Account | undefined;
    if (place !== undefined && ahead?.answered(place)) {
      const index = ahead.index(place);
      found = index < 0 ? undefined : keep ? this.snapshot.shards[ahead.shard(place)]!.accountAt(index) : this.snapshot.seenAt(ahead.shard(place), index);
    } else {
      // `keep: false` (the importer, which copies what it changes): not held on the shard once read.
      found = keep ? this.snapshot.get(key) : this.snapshot.seen(key);
    }
    if (!found) this.lastAbsent = key;
    return found;
  }

  /**
   * The snapshot's answers for `count` keys (`keyAt(i)`: an import's lines), looked up now grouped
   * by shard (Snapshot.locateAll); getPut's `place` i then reads the i-th. The snapshot does not
   * change within a transaction, so they hold to its end (cleared by `lookedAhead`).
   */
  lookAhead(count: number, keyAt: (i: number) => string): void {
    this.ahead = this.snapshot.locateAll(count, keyAt);
  }

  /** lookAhead's answers let go (the import's merge is over). */
  lookedAhead(): void {
    this.ahead = undefined;
  }

  private ahead: GroupedLookups | undefined;

  /**
   * Where the snapshot holds the account of `key` (lower-cased), as Snapshot.locate says.
   * @param n the key's place in `changes` (its order of entry), when known: a new account is then no lookup
   */
  locate(key: string, n?: number): Location | undefined {
    return n !== undefined && this.absent[n] === 1 ? undefined : this.snapshot.locate(key);
  }

  /** The account of `key` (lower-cased) as the snapshot holds it: before this transaction. `n` as for locate. */
  before(key: string, n?: number): Account | undefined {
    return n !== undefined && this.absent[n] === 1 ? undefined : this.snapshot.get(key);
  }

  /** Every account, with this transaction's changes applied. */
  *accounts(): IterableIterator<Account> {
    const changes = this.changes;
    if (changes.size === 0) {
      yield* this.snapshot.accounts();
      return;
    }
    const seen = new Set<string>();
    for (const account of this.snapshot.accounts()) {
      const key = keyOf(account.username);
      const changed = changes.get(key);
      if (changed) seen.add(key);
      yield changed ?? account;
    }
    for (const [key, account] of changes) if (!seen.has(key)) yield account;
  }

  /**
   * Every account's key (lower-cased): the snapshot's, then those this transaction added (a key
   * may come twice). Read off the lines one by one, not kept: a list of every key of a
   * 1,000,000-account pool, held by each shard, was ~60 MB of an import's heap.
   */
  *keys(): IterableIterator<string> {
    for (const shard of this.snapshot.shards) for (let i = 0; i < shard.size; i++) yield shard.keyAt(i);
    yield* this.changed.keys();
    const fresh = this.fresh;
    for (let n = 0; n < (fresh?.size ?? 0); n++) yield fresh!.key(n);
  }

  /**
   * keys(), each handed to `visit`, in the same order. For a pass over every key that runs once
   * (the spellings check of an import): resuming a generator per key cost ~45 ms per 100,000 keys
   * in a fresh process, a call ~9 ms (docs/scale-log.md, stop 31).
   * `plainLeftOut`: a shard whose keys are all printable ASCII (ShardState.keysPlain) is passed
   * by, for a caller that only wants the others (each key of a paged file made a string, read
   * block by block, was ~0.4 s of CPU of an import into a 1,000,000-account pool, stop 49).
   */
  eachKey(visit: (key: string) => void, plainLeftOut = false): void {
    const shards = this.snapshot.shards;
    for (let s = 0; s < shards.length; s++) {
      const shard = shards[s]!;
      if (plainLeftOut && shard.keysPlain) continue;
      for (let i = 0; i < shard.size; i++) visit(shard.keyAt(i));
    }
    this.changed.forEach((_, key) => visit(key));
    const fresh = this.fresh;
    for (let n = 0; n < (fresh?.size ?? 0); n++) visit(fresh!.key(n));
  }

  /**
   * Every key as keys() gives them, with its account's provider where `needs(key)` (else
   * undefined): read off the line (ShardState.providerAt), not by parsing every account.
   */
  *keysNeedingProvider(needs: (key: string) => boolean): IterableIterator<[string, Provider | undefined]> {
    for (const shard of this.snapshot.shards) {
      for (let i = 0; i < shard.size; i++) {
        const key = shard.keyAt(i);
        if (!this.changed.has(key)) yield [key, needs(key) ? shard.providerAt(i) : undefined]; // else with its change, below
      }
    }
    for (const [key, account] of this.changed) yield [key, account.provider];
    if (this.fresh) {
      for (let n = 0; n < this.fresh.size; n++) {
        const key = this.fresh.key(n);
        yield [key, needs(key) ? this.fresh.provider(n) : undefined];
      }
    }
  }

  /**
   * Every account with this transaction's changes applied, as accounts() gives them, each read
   * only as far as it is used (lazy-account.ts): choosing among them parses only those chosen.
   * `timed`: each read with what the clocks' seen ends judge by (LazyAccount.at), by default where they do.
   */
  lazyAccounts(timed = this.seenEnds !== undefined): LazyAccount[] {
    // Where the clocks' seen ends judge them (candidates), each standing read with its state_at.
    const all = this.snapshot.lazyAccounts(timed);
    if (this.changes.size === 0) return all;
    const seen = new Set<string>();
    for (let i = 0; i < all.length; i++) {
      const changed = this.changes.get(all[i]!.key);
      if (!changed) continue;
      seen.add(all[i]!.key);
      all[i] = LazyAccount.of(changed, all[i]!.key);
    }
    for (const [key, account] of this.changes) if (!seen.has(key)) all.push(LazyAccount.of(account, key));
    return all;
  }

  /**
   * Inserts or replaces an account (matched case-insensitively). A record that breaks the
   * store's rules is refused with `refuse(problem)` (default: naming the account).
   */
  put(account: Account, refuse?: (problem: string) => Error): void {
    const problem = recordProblem(account.username, account);
    if (problem) throw refuse?.(problem) ?? new AppError(`cannot store account ${account.username}: ${problem}`);
    // Times in toISOString's shape only (a JSON lines dump may carry `10:00:00Z`): the store orders them as text (account-times.ts).
    if (!hasWrittenTimes(account as unknown as Record<string, unknown>)) {
      account = { ...account };
      writeTimesAsStored(account as unknown as Record<string, unknown>);
    }
    const key = keyOf(account.username);
    // An account added as columns and now put again: all of them become Accounts first (rare).
    if (this.fresh && this.fresh.indexOf(key) >= 0) this.settleFresh();
    if (account.holder !== undefined && account.held_until !== undefined && !this.holdPrevs.has(key)) {
      this.holdPrevs.set(key, key === this.lastAbsent ? null : (this.snapshot.get(key)?.allocated_at ?? null));
    }
    const size = this.changed.size;
    this.changed.set(key, account);
    if (this.changed.size !== size) this.absent.push(key === this.lastAbsent ? 1 : 0);
    if (this.maxSeq !== undefined && account.seq > this.maxSeq) this.maxSeq = account.seq;
  }

  /**
   * Adds a new account of exactly the shape an import adds (state ok, added now, from `source`,
   * no other field but its own `extras`, each text, a boolean or a number: extrasHeld, which may be a moved account's state, state_at, added_at and source the caller checked, and a `device` as normalizeDevice makes one) as columns, not as an `Account` (fresh-accounts.ts). Only for a key `get`
   * found nowhere; `seq` from nextSeq. A record that breaks the store's rules is not
   * added: what is wrong with it is returned (null: added), for the caller to say where it was read.
   * `key`: keyOf(username), when the caller has it (the importer lower-cases each line once).
   */
  addFresh(username: string, password: string, provider: Provider, level: number, seq: number, source: string, key = keyOf(username), extras?: Record<string, unknown>, device?: Device, place?: number): string | null {
    const problem = basicsProblem(username, password, provider, level);
    if (problem) return problem;
    if (extras && !extrasHeld(extras, true)) throw new Error(`addFresh: ${username}'s own fields are not all text, booleans and numbers`);
    // Looked for again only when another lookup came in between (the importer's spellings check).
    if (key !== this.lastAbsent && (this.changed.has(key) || (this.fresh !== undefined && this.fresh.indexOf(key) >= 0) || this.snapshot.get(key) !== undefined)) throw new Error(`addFresh: ${username} is in the pool already`);
    this.lastAbsent = undefined;
    // Said once per transaction: 100,000 new accounts made 100,000 equal strings.
    const addedAt = (this.nowText ??= this.now.toISOString());
    if (this.fresh && (this.fresh.source !== source || this.fresh.addedAt !== addedAt)) this.settleFresh(); // another batch: the first becomes Accounts
    const borrowed = place === undefined ? undefined : this.freshBorrowed;
    if (this.fresh && this.fresh.isBorrowed !== (borrowed !== undefined)) this.settleFresh();
    this.fresh ??= new FreshAccounts(addedAt, source, this.freshCapacity, this.spillDir === undefined ? undefined : { dir: this.spillDir }, borrowed);
    this.fresh.add(key, username, password, provider, level, seq, extras, device, borrowed && place);
    if (this.maxSeq !== undefined && seq > this.maxSeq) this.maxSeq = seq;
    return null;
  }

  /**
   * Up to `count` accounts are about to be added with addFresh (an import's lines): the next
   * columns are made at that size (fresh-accounts.ts), until `freshAdded`.
   */
  expectFresh(count: number, borrowed?: BorrowedAccounts): void {
    this.freshCapacity = count;
    // `place` given to addFresh is where `borrowed` holds the account (in a rehearsal only: see `rehearsing`).
    this.freshBorrowed = this.rehearsing ? borrowed : undefined;
  }

  /** The adds expectFresh announced are over: later columns start small, and these let go of their lookup table (until asked again). */
  freshAdded(): void {
    this.freshCapacity = 0;
    this.freshBorrowed = undefined;
    this.fresh?.dropLookups();
  }

  /** The next import sequence number (one more than any in the pool). */
  nextSeq(): number {
    if (this.maxSeq === undefined) {
      // As over this.accounts(), without parsing every account of the snapshot.
      let max = this.snapshot.maxSeq(this.changed.keys());
      for (const account of this.changed.values()) if (account.seq > max) max = account.seq;
      for (let n = 0; n < (this.fresh?.size ?? 0); n++) if (this.fresh!.seq(n) > max) max = this.fresh!.seq(n);
      this.maxSeq = max;
    }
    return ++this.maxSeq;
  }

  /**
   * The numbers `first` to `last` (nextSeq's) went to one import's new accounts, in the dump's
   * order: `numberImports` numbers them again as import-numbering.ts says, once the shard count
   * the commit writes is known.
   */
  importedAsOne(first: number, last: number): void {
    this.imports.push({ first, last });
  }

  /**
   * Before the commit, with the pool's shard count as it commits (after a reshard first): each
   * import recorded by `importedAsOne` of more new accounts than import-numbering.ts's window W
   * numbered shard by shard, a window at a time; one of W or fewer keeps the dump's order. An
   * import whose numbers are not each one new account's (an account from a moved pool keeps its
   * own number, which may fall among them) keeps the dump's order too: never two accounts on one
   * number. The shards are the names' hashes off the columns' bytes: ~7 ms of CPU at 100,000 new
   * accounts, ~67 ms at 1,000,000, against 18 and 175 ms as key strings (scale-log.md, stop 56 K2).
   */
  numberImports(shards: number): void {
    for (const { first, last } of this.imports.splice(0)) {
      const count = last - first + 1;
      // More numbers than accounts: some went to no account (one kept its own, far on): no list made.
      if (count <= numberingWindow(shards) || count > this.changeCount) continue;
      const homes = new Int32Array(count).fill(-1);
      let held = 0;
      const hold = (seq: number, hash: number): boolean => {
        const k = seq - first;
        if (k < 0 || k >= count) return true;
        if (homes[k] !== -1) return false;
        homes[k] = hash % shards;
        held++;
        return true;
      };
      let sound = true;
      const fresh = this.fresh;
      for (let n = 0; sound && n < (fresh?.size ?? 0); n++) sound = hold(fresh!.seq(n), fresh!.keyHash(n) ?? keyHashOf(fresh!.key(n)));
      const inColumns = held;
      for (const [key, account] of sound ? this.changed : []) {
        if (hold(account.seq, keyHashOf(key))) continue;
        sound = false;
        break;
      }
      if (!sound || held !== count) continue;
      // None where the rule keeps the dump's order (one shard: nothing to group by).
      const places = importPlaces(homes, shards);
      if (places === undefined) continue;
      if (inColumns > 0) fresh!.renumber(first, places);
      for (const [key, account] of this.changed) {
        const k = account.seq - first;
        if (k >= 0 && k < count) this.changed.set(key, { ...account, seq: first + places[k]! });
      }
    }
  }

  /**
   * How many accounts the pool holds once this transaction commits: the snapshot's and those it
   * adds (nothing is ever removed by one). Asked before a commit, to reshard first when the pool
   * will outgrow its shards (Pool.transaction's `reshardFirst`): lines an import refused or found
   * twice were never put, so they are not counted.
   */
  accountsAfter(): number {
    let added = this.fresh?.size ?? 0;
    let n = 0;
    for (const key of this.changed.keys()) if (this.locate(key, n++) === undefined) added++;
    return this.snapshot.size + added;
  }

  /**
   * This transaction's work over `snapshot`, the same accounts in another layout (the pool
   * resharded under the same lock before this commits): its changes, the import's columns as
   * they are (never made Accounts: `carry` would), the files and history lines to write with it.
   */
  movedTo(snapshot: Snapshot): Transaction {
    const next = new Transaction(snapshot, this.now);
    for (const [key, account] of this.changed) next.changed.set(key, account);
    for (const a of this.absent) next.absent.push(a); // not spread: a list of 100,000s overflows the call's arguments
    next.fresh = this.fresh;
    next.spillDir = this.spillDir;
    next.imports.push(...this.imports);
    next.extraWrites.push(...this.extraWrites);
    next.history.push(...this.history);
    next.message = this.message;
    next.relocateAll = this.relocateAll;
    next.reshardTo = this.reshardTo;
    next.seenEnds = this.seenEnds;
    for (const [key, prev] of this.holdPrevs) next.holdPrevs.set(key, prev);
    next.maxSeq = this.maxSeq;
    next.nowText = this.nowText;
    return next;
  }

  /** Takes over what `other` (worked out over another view of the same pool, under the same lock) did. */
  carry(other: Transaction): void {
    this.startFrom(other);
    this.extraWrites.push(...other.extraWrites);
    this.history.push(...other.history);
  }

  /**
   * Takes `other`'s state (its changed accounts, message, relocation, reshard) but not the lines it
   * appends (history, extra writes): work rehearsed after it (a dry run's next file) that `other`
   * then carries back would otherwise hand those back twice.
   */
  startFrom(other: Transaction): void {
    const changes = this.changes;
    for (const [key, account] of other.changes) {
      const size = changes.size;
      changes.set(key, account);
      if (changes.size !== size) this.absent.push(0);
    }
    for (const [key, prev] of other.holdPrevs) if (!this.holdPrevs.has(key)) this.holdPrevs.set(key, prev);
    this.message = other.message;
    this.relocateAll = other.relocateAll;
    this.reshardTo = other.reshardTo;
  }

  /** Adds one line to the pool's history (the month file of this transaction's time), in the same commit. */
  record(line: string): void {
    checkHistoryLine(line);
    this.history.push(line);
  }

  /** Writes `data` to `target` atomically together with the pool's commit. */
  writeFile(target: string, data: string | Uint8Array, mode = 0o600): void {
    this.extraWrites.push({ target, data, mode });
  }

  get isEmpty(): boolean {
    return this.changeCount === 0 && this.extraWrites.length === 0 && !this.relocateAll && this.reshardTo === undefined && this.history.length === 0;
  }
}
