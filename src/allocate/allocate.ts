// Allocation: the least-recently-used healthy accounts of the right level, each checked just
// before use, written as the scanner's accounts file together with the new holdings.
//
// Checking can take minutes, so it never runs under the pool lock: a round reserves the next
// candidates (a short hold named "<instance> (checking)"), checks them unlocked, and the final
// transaction records every verdict, ends the reservations, and — when enough passed — moves
// the instance's holdings and writes the accounts file in the same atomic commit. A crash at any
// point leaves the old file and old holdings; stale reservations run out by themselves.
import { reservationOf, type Account } from '../model.js';
import type { Config } from '../config.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import { removeDeadTransactionTemps } from '../store/output-file.js';
import type { LazyAccount } from '../store/lazy-account.js';
import { CANNOT_START, type Checker, type CheckResult } from '../checker/types.js';
import { AppError } from '../errors.js';
import { applyCheckError, applyVerdict } from '../verdicts.js';
import { generateDevice } from '../device.js';
import { candidatesIn, isOwnHold, ownHolds, type Exclusions, type LevelRange } from './select.js';
import { isHeld, withoutHold } from '../availability.js';
import type { CarryCheck } from '../formats/carry.js';
import { recordHistory } from '../history/record.js';
import { lookAlikeReason, SpellingTwins } from './spelling-twins.js';
import { growthCollector } from '../collect-garbage.js';

export interface AllocateRequest {
  count: number;
  levels: LevelRange;
  instance: string;
  checker: Checker;
  concurrency: number;
  allowPartial: boolean;
  /**
   * Writes the scanner file from the chosen accounts (the caller picks the format and path).
   * `check` names the accounts that file cannot carry: they are left out (never checked, never
   * held) and the next candidates are taken instead.
   */
  /** The accounts file; `mode` 0600 unless the operator lets its group read it. */
  output?: { path: string; render: (accounts: Account[]) => string; check?: CarryCheck; mode?: number };
  /** Told how many accounts have been checked so far (for a progress line). */
  onProgress?: (checked: number) => void;
}

export interface AllocateOutcome {
  /** Accounts handed out (empty when the pool ran dry without --allow-partial). */
  allocated: Account[];
  satisfied: boolean;
  /** Accounts that could be given (passed their check, or needed none). */
  passed: number;
  checked: number;
  verdicts: Record<string, number>;
  errors: number;
  excluded: Exclusions;
  /** Candidates that existed when the run started. */
  available: number;
  /** Candidates the scanner file cannot carry, in the order they came up, with the reason (never a password). */
  leftOut: { username: string; reason: string }[];
  /** Candidates under two spellings in the pool (spelling-twins.ts), never handed out, with why (never a password). */
  twins: { username: string; reason: string }[];
  /** Candidates named as no login can be (a look-alike letter or a mark no login holds: spelling-twins.ts lookAlikeReason), never handed out, with why. */
  lookAlikes: { username: string; reason: string }[];
}

function tally(results: CheckResult[], into: AllocateOutcome): void {
  for (const r of results) {
    into.checked++;
    if (r.error !== undefined || r.verdict === undefined) into.errors++;
    else if (r.verdict !== 'ok') into.verdicts[r.verdict] = (into.verdicts[r.verdict] ?? 0) + 1;
  }
}

/** The account after its check: verdict (with cool-down), reported level, or a short retry after an error. */
function judged(account: Account, result: CheckResult, tx: Transaction, config: Config): Account {
  if (result.error !== undefined || result.verdict === undefined) return applyCheckError(account, tx.now, config);
  let next = account;
  if (result.verdict !== 'ok' || account.state !== 'ok') next = applyVerdict(next, result.verdict, tx.now, config);
  if (typeof result.level === 'number' && Number.isInteger(result.level) && result.level !== next.level) next = { ...next, level: result.level };
  return next;
}

/**
 * Allocate's transactions read the pool through the shards' derived circle indexes where they
 * hold (src/store/circle-view.ts): their work asks `candidatesIn`, `ownHolds` and `tx.get`, and
 * may run again over the whole read (it changes nothing outside `tx` and `outcome`).
 */
const overIndexes = { lean: true } as const;

/**
 * The scanner's accounts file, in the transaction: 0600 unless the operator chose 0640. A temp of
 * it an allocate killed before its journal left in the scanner's folder (every password it was
 * to hand out) is removed first: we hold the lock and the interrupted commit is finished.
 */
export function writeAccountsFile(tx: Transaction, request: AllocateRequest, accounts: Account[]): void {
  if (!request.output) return;
  removeDeadTransactionTemps(request.output.path);
  tx.writeFile(request.output.path, request.output.render(accounts), request.output.mode ?? 0o600);
}

export async function allocate(pool: Pool, request: AllocateRequest): Promise<AllocateOutcome> {
  const { config } = pool;
  const outcome: AllocateOutcome = { allocated: [], satisfied: false, passed: 0, checked: 0, verdicts: {}, errors: 0, excluded: { wrongLevel: 0, cooling: 0, held: 0, retired: 0 }, available: 0, leftOut: [], twins: [], lookAlikes: [] };
  const leftOut = new Map<string, string>(); // by username: candidates the file cannot carry
  const carried = (account: Account): boolean => {
    const reason = request.output?.check?.(account);
    if (reason === undefined) return true;
    if (!leftOut.has(account.username)) {
      leftOut.set(account.username, reason);
      outcome.leftOut.push({ username: account.username, reason });
    }
    return false;
  };
  /**
   * The first `n` of `list` that are `wanted` and the file can carry (the ones it cannot carry
   * are left out on the way). Only the accounts looked at are parsed whole.
   */
  const twinsNamed = new Set<string>();
  const firstCarried = (tx: Transaction, list: Iterable<LazyAccount>, n: number, wanted: (account: Account) => boolean = () => true): Account[] => {
    const taken: Account[] = [];
    const twins = new SpellingTwins(tx);
    for (const lazy of list) {
      if (taken.length >= n) break;
      const account = lazy.account();
      if (!wanted(account)) continue;
      const twin = twins.of(account);
      const lookAlike = twin ? undefined : lookAlikeReason(account);
      if (twin || lookAlike) {
        if (!twinsNamed.has(account.username)) {
          twinsNamed.add(account.username);
          if (twin) outcome.twins.push({ username: account.username, reason: twin.reason });
          else outcome.lookAlikes.push({ username: account.username, reason: lookAlike! });
        }
        continue;
      }
      if (carried(account)) taken.push(account);
    }
    return taken;
  };
  const results = new Map<string, CheckResult>(); // by username as checked
  const unreserve = new Set<string>(); // reserved, never checked
  let cannotStart: string | undefined;
  const passed: string[] = []; // usernames that passed, in LRU order of checking
  const needsCheck = request.checker.name !== 'none';

  if (needsCheck) {
    // A checked allocation reads the pool three times (the reservation, the final transaction over
    // the view it kept, the fold due after it, read afresh): memory is handed back while the checker
    // works and before that fold, else each read's garbage lay under the next (collect-garbage.ts);
    // only where the reads grew the memory in use (a small pool's let go of little).
    pool.giveBack ??= growthCollector();
    const giveBack = pool.giveBack;
    let first = true;
    const reservation = reservationOf(request.instance);
    for (;;) {
      const wanted = request.count - passed.length;
      // Reserve the next candidates under the lock, then check them without it.
      const batch = await pool.transaction((tx) => {
        const found = candidatesIn(tx, config, request.levels, request.instance);
        const fresh = firstCarried(tx, found.list, wanted, (a) => !results.has(a.username) && a.holder !== request.instance);
        if (first) {
          // Counted once the list was taken from (candidatesIn: exact where other hosts' holds are timed here).
          outcome.excluded = found.excluded;
          outcome.available = found.available;
          first = false;
        }
        const until = new Date(tx.now.getTime() + config.checker_timeout * Math.max(1, Math.ceil(fresh.length / request.concurrency)) + 60_000).toISOString();
        for (const a of fresh) tx.put({ ...a, holder: reservation, held_until: until });
        tx.message = `reserve ${fresh.length} accounts for ${request.instance} to check`;
        recordHistory(tx, config); // a reservation may take over a hold that ran out
        return fresh;
      }, overIndexes);
      if (batch.length === 0) break;
      giveBack(); // the reservation's garbage (its view is kept for the final transaction), before the checker is waited on
      const answers = await request.checker.check(
        // Candidates are available accounts, and only accounts with a password are (availabilityOf).
        batch.map((a) => ({ username: a.username, password: a.password as string, provider: a.provider, level: a.level, ...(a.device ? { device: a.device } : {}) })),
        { concurrency: request.concurrency },
      );
      const byName = new Map(answers.map((r) => [r.username.toLowerCase(), r]));
      const ordered = batch.map((a) => byName.get(a.username.toLowerCase()) ?? { username: a.username, error: 'the checker gave no answer' });
      // A program that cannot be started (not found, not executable, on a noexec mount) checks
      // nothing: its accounts were not at fault and sit out no check_error. Taken as a check error,
      // allocate went on reserving batch after batch (182 starts in 20 s), holding the pool.
      if (ordered.length > 0 && ordered.every((r) => r.error?.startsWith(CANNOT_START))) {
        cannotStart = ordered[0]!.error;
        for (const a of batch) unreserve.add(a.username);
        break;
      }
      tally(ordered, outcome);
      for (const [i, a] of batch.entries()) {
        results.set(a.username, ordered[i]!);
        if (ordered[i]!.verdict === 'ok' && ordered[i]!.error === undefined) passed.push(a.username);
      }
      request.onProgress?.(outcome.checked);
      if (passed.length >= request.count) break;
    }
  }

  const done = await pool.transaction((tx) => {
    const now = tx.now.toISOString();
    for (const username of unreserve) {
      const current = tx.get(username);
      if (current?.holder === reservationOf(request.instance)) tx.put(withoutHold(current));
    }
    if (cannotStart !== undefined) {
      tx.message = `end the reservations of ${request.instance}: the checker cannot start`;
      return outcome;
    }
    // Every verdict learned is kept, whatever happens next; reservations end. An account whose
    // reservation ran out during a slow check and that someone else took meanwhile is theirs.
    const lost = new Set<string>();
    for (const [username, result] of results) {
      const current = tx.get(username);
      if (!current) continue;
      if (current.holder !== undefined && !isOwnHold(current.holder, request.instance) && isHeld(current, now, tx.seenEnds)) {
        lost.add(username);
        continue;
      }
      let next = judged(current, result, tx, config);
      if (next.holder === reservationOf(request.instance)) next = withoutHold(next);
      tx.put(next);
    }
    let chosen: Account[];
    if (needsCheck) {
      chosen = passed.filter((u) => !lost.has(u)).slice(0, request.count).map((u) => tx.get(u)!).filter((a) => a && a.state === 'ok');
    } else {
      const found = candidatesIn(tx, config, request.levels, request.instance);
      chosen = firstCarried(tx, found.list, request.count);
      outcome.excluded = found.excluded;
      outcome.available = found.available;
    }
    const failed = outcome.checked - passed.length;
    const range = request.levels.min === request.levels.max ? `${request.levels.min}` : `${request.levels.min}-${request.levels.max}`;
    tx.message = `check ${outcome.checked} accounts for ${request.instance} (${failed} failed checks)`;
    outcome.passed = chosen.length;
    outcome.satisfied = chosen.length >= request.count;
    if (!outcome.satisfied && (!request.allowPartial || chosen.length === 0)) {
      recordHistory(tx, config); // the verdicts learned are kept, and so are their events
      return outcome;
    }

    tx.message = `allocate ${chosen.length} to ${request.instance} (level ${range}; ${failed} failed checks)`;
    const heldUntil = new Date(tx.now.getTime() + config.lease).toISOString();
    const keep = new Set(chosen.map((a) => a.username.toLowerCase()));
    // The instance's previous accounts go back to the circle (keeping allocated_at: they wait at
    // the end). Found with the verdicts above put, before any of this transaction's holds are.
    for (const lazy of ownHolds(tx, request.instance)) if (!keep.has(lazy.key)) tx.put(withoutHold(lazy.account()));
    outcome.allocated = chosen.map((account) => {
      const next: Account = { ...account, allocated_at: now, holder: request.instance, held_until: heldUntil };
      if (!next.device) next.device = generateDevice(); // a stable device, made once and kept
      tx.put(next);
      return next;
    });
    writeAccountsFile(tx, request, outcome.allocated);
    recordHistory(tx, config, { ranges: new Map([[request.instance, request.levels]]) });
    return outcome;
  }, overIndexes);
  if (cannotStart !== undefined) throw new AppError(`${cannotStart}: nothing was checked or handed out, and no account was marked; fix checker_command (or its mount), then run allocate again`);
  return done;
}
