// Which accounts the requests of one batch get: allocate's rules (levels, cool-downs, holds,
// least-recently-used first by compareLru), found with one pass over the pool per batch, or, where
// the batch runs over the shards' circle indexes (circle-view.ts, as allocate does), taken from the
// front of the circle: only the accounts looked at are read from their shards.
//
// `candidates()` in select.ts sorts every available account, fine for one allocate but 25 ms on a
// 100,000-account pool — per transaction. A batch only needs as many accounts as its requests ask
// for, so this keeps the best k in a bounded heap while passing over the pool once (O(n log k)),
// and the requests of the batch take from that list in the order they arrived. Every account is
// re-read from the transaction before it is given, so a change made earlier in the same batch (a
// hand-out, a ban posted by an update) is never overlooked; when the list runs short the pass is
// simply made again.
import { keyOf, type Account, type Standing } from '../model.js';
import type { Config } from '../config.js';
import type { Transaction } from '../store/transaction.js';
import type { LazyAccount } from '../store/lazy-account.js';
import { availabilityOf, isHeld, isRetired, type SeenEnds } from '../availability.js';
import { compareLru, type LevelRange } from '../allocate/select.js';
import type { AccountRequest, SelectionMode } from './request-params.js';
import { lookAlikeReason, SpellingTwins, TWIN_ADVICE } from '../allocate/spelling-twins.js';
import { SERVED_TO } from './pgpool-account.js';

/**
 * The `k` smallest accounts by compareLru among those `accept` admits, smallest first. Takes the
 * shards' account lists as they are: looping over arrays, not a generator over the whole pool,
 * is what keeps a pass over 100,000 accounts near 2 ms.
 */
export function bestK(lists: readonly (readonly Account[])[], k: number, accept: (account: Account) => boolean): Account[] {
  if (k <= 0) return [];
  // A max-heap on compareLru: the root is the worst of the best k seen so far.
  const heap: Account[] = [];
  const worse = (i: number, j: number) => compareLru(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const accounts of lists) {
    for (const account of accounts) {
      if (heap.length === k && compareLru(account, heap[0]!) >= 0) continue; // cheapest test first
      if (!accept(account)) continue;
      if (heap.length < k) {
        heap.push(account);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else {
        heap[0] = account;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let top = i;
          if (l < heap.length && worse(l, top)) top = l;
          if (r < heap.length && worse(r, top)) top = r;
          if (top === i) break;
          swap(i, top);
          i = top;
        }
      }
    }
  }
  return heap.sort(compareLru);
}

function inLevels(account: Standing, levels: LevelRange): boolean {
  return account.level >= levels.min && account.level <= levels.max;
}

/** What the rules read of an account: its standing, and for `banned_or_new` whether it was ever used or judged. */
type Judged = Standing & Partial<Pick<Account, 'allocated_at' | 'state_at'>>;

/**
 * Whether `account` may be handed out at `nowIso` under `mode` (the same rule for every request;
 * `ends`: see SeenEnds). Given a standing alone (no `allocated_at`, no `state_at`), it admits every
 * account the rule could admit: exact for `free` and `shadow`, more for `banned_or_new`.
 */
export function acceptsFor<A extends Judged = Account>(mode: SelectionMode, levels: LevelRange, nowIso: string, config: Config, ends?: SeenEnds<A>): (account: A) => boolean {
  if (mode === 'free') return (a) => inLevels(a, levels) && availabilityOf(a, nowIso, config, ends) === 'available';
  // The other modes take accounts resting after a verdict, cool-down or not: never retired ones,
  // never ones without a password, never anyone's held ones.
  const usable = (a: A) => inLevels(a, levels) && a.password !== undefined && !isRetired(a, config) && !isHeld(a, nowIso, ends);
  // shadow (codename-art's PGPool: not banned, shadowbanned): blind accounts, which still see gyms and raids.
  if (mode === 'shadow') return (a) => usable(a) && a.state === 'blind';
  // banned_or_new (PGPool: banned IS NULL OR banned OR shadowbanned): accounts a checker should look
  // at — never used and never judged, or resting after a temp ban or blindness.
  return (a) => usable(a) && ((a.state === 'ok' && a.allocated_at === undefined && a.state_at === undefined) || a.state === 'temp_banned' || a.state === 'blind');
}

function selectionKey(mode: SelectionMode, levels: LevelRange): string {
  return `${mode}:${levels.min}:${levels.max}`;
}

interface Candidates {
  items: Account[];
  next: number;
  /** The pass found fewer than it looked for: there are no more. */
  exhausted: boolean;
}

/** Candidates from the circle indexes: the circle from its front, read as far as the requests go. */
interface CircleCandidates {
  list: Iterator<LazyAccount>;
  /** Made with every change of the batch so far: when it runs out, there are no more. */
  exact: boolean;
}

/** The candidate lists of one batch, shared by its requests. */
export class BatchSelection {
  private readonly lists = new Map<string, Candidates>();
  private readonly circles = new Map<string, CircleCandidates>();
  /** Accounts given in this batch (their new records are staged until the job succeeds). */
  private readonly given = new Set<string>();
  private ownHolds: Map<string, Account[]> | undefined;
  private readonly nowIso: string;

  /** `demand`: how many accounts the batch's requests ask for, per selection. */
  constructor(
    private readonly tx: Transaction,
    private readonly config: Config,
    private readonly demand: Map<string, number>,
  ) {
    this.nowIso = tx.now.toISOString();
  }

  /** Adds a request's count to `demand` (called for every request of the batch before any runs). */
  static addDemand(demand: Map<string, number>, request: AccountRequest): void {
    const key = selectionKey(request.mode, request.levels);
    demand.set(key, (demand.get(key) ?? 0) + request.count);
  }

  /** Of one account under two spellings in the pool, neither is given (spelling-twins.ts): made on first use. */
  private twins: SpellingTwins | undefined;

  /** The other spelling of `account` in the pool, if any: it is not given, and `skipped` says why. */
  private twinOf(account: Account, skipped: string[]): boolean {
    const twin = (this.twins ??= new SpellingTwins(this.tx)).of(account);
    const why = twin ? `${twin.reason}; ${TWIN_ADVICE}` : lookAlikeReason(account);
    if (why) skipped.push(`${JSON.stringify(account.username.slice(0, 64))}: ${why}`);
    return why !== undefined;
  }

  /**
   * Up to `request.count` accounts for the request, current records, best first. `skipped` is
   * told the accounts left out because the pool holds them under two spellings.
   */
  take(request: AccountRequest, skipped: string[] = []): Account[] {
    const chosen: Account[] = [];
    const accept = acceptsFor(request.mode, request.levels, this.nowIso, this.config, this.tx.seenEnds);
    if (request.reuse) {
      // PGPool's reuse: the system's own healthy accounts first (a restarted scanner gets its accounts back).
      for (const own of this.ownHoldsOf(request.systemId)) {
        if (chosen.length >= request.count) break;
        const current = this.tx.get(own.username);
        // Only a hold serve gave: an `allocate` lease of an instance of that name is in a scanner's
        // accounts file for its whole lease, and handed out here it would become a hold of
        // release_timeout that the client's release ends (then the next request's, twice).
        if (!current || this.given.has(keyOf(current.username)) || current.holder !== request.systemId || current[SERVED_TO] !== request.systemId) continue;
        if (!inLevels(current, request.levels) || availabilityOf({ ...current, holder: undefined }, this.nowIso, this.config, this.tx.seenEnds) !== 'available') continue;
        if (this.twinOf(current, skipped)) continue;
        chosen.push(current);
        this.given.add(keyOf(current.username));
      }
    }
    const key = selectionKey(request.mode, request.levels);
    const next = this.tx.circleView ? () => this.fromCircle(key, request) : () => this.fromPass(key, accept, request.count - chosen.length);
    while (chosen.length < request.count) {
      const candidate = next();
      if (!candidate) break;
      const current = this.tx.get(candidate.username);
      if (!current || this.given.has(keyOf(current.username)) || !accept(current)) continue;
      if (this.twinOf(current, skipped)) {
        this.given.add(keyOf(current.username)); // never offered again in this batch
        continue;
      }
      chosen.push(current);
      this.given.add(keyOf(current.username));
    }
    this.demand.set(key, Math.max(0, (this.demand.get(key) ?? 0) - request.count));
    return chosen;
  }

  /** The next candidate of a whole-read pass (another pass when the list is used up), or undefined when there are none. */
  private fromPass(key: string, accept: (a: Account) => boolean, wanted: number): Account | undefined {
    let list = this.lists.get(key);
    if (!list || list.next >= list.items.length) {
      if (list?.exhausted) return undefined;
      list = this.pass(accept, Math.max(this.demand.get(key) ?? 0, wanted), list !== undefined);
      this.lists.set(key, list);
      if (list.items.length === 0) return undefined;
    }
    return list.items[list.next++];
  }

  /**
   * The next candidate from the front of the circle (circle-view.ts), judged by its standing and,
   * for the rule that needs more, by the `allocated_at` its index holds before its line is read.
   * The first list is made with the batch's changes so far; when it runs out, one made with all of
   * them (a release earlier in the batch may have freed an account) says whether there are more.
   */
  private fromCircle(key: string, request: AccountRequest): Account | undefined {
    const rule = acceptsFor<Judged>(request.mode, request.levels, this.nowIso, this.config);
    let circle = this.circles.get(key);
    for (;;) {
      if (!circle) {
        circle = { list: this.tx.circleView!.front(rule, this.tx.changes)[Symbol.iterator](), exact: false };
        this.circles.set(key, circle);
      }
      for (let step = circle.list.next(); !step.done; step = circle.list.next()) {
        const lazy = step.value;
        if (this.given.has(lazy.key) || !rule(lazy.standing)) continue;
        return lazy.account();
      }
      if (circle.exact) return undefined;
      circle = { list: this.tx.circleView!.front(rule, this.tx.changes)[Symbol.iterator](), exact: true };
      this.circles.set(key, circle);
    }
  }

  /**
   * The first pass of a selection reads the snapshot as committed, not the transaction's merged
   * view: merging costs a lower-cased key per account (100,000 of them) once the batch has changed
   * anything. That is safe because take() re-reads and re-checks every candidate before giving it.
   * Should changes made earlier in the batch spoil enough of the list, the next pass is exact.
   */
  private pass(accept: (a: Account) => boolean, k: number, exact: boolean): Candidates {
    const source = exact ? [[...this.tx.accounts()]] : this.tx.snapshot.shards.map((shard) => shard.accounts);
    const items = bestK(source, k, (a) => accept(a) && (this.given.size === 0 || !this.given.has(keyOf(a.username))));
    return { items, next: 0, exhausted: exact && items.length < k };
  }

  /** Accounts each system holds now, least recently used first (one pass, made only for reuse requests). */
  private ownHoldsOf(systemId: string): Account[] {
    const view = this.tx.circleView;
    if (view) {
      // Over the indexes: the accounts held by this system alone, read from their lines.
      const held = view.heldBy((holder) => holder === systemId, this.tx.changes).filter((lazy) => isHeld(lazy.standing, this.nowIso));
      return held.map((lazy) => lazy.account()).sort(compareLru);
    }
    if (!this.ownHolds) {
      this.ownHolds = new Map();
      for (const account of this.tx.accounts()) {
        if (account.holder === undefined || !isHeld(account, this.nowIso, this.tx.seenEnds)) continue;
        const list = this.ownHolds.get(account.holder) ?? [];
        list.push(account);
        this.ownHolds.set(account.holder, list);
      }
      for (const list of this.ownHolds.values()) list.sort(compareLru);
    }
    return this.ownHolds.get(systemId) ?? [];
  }
}
