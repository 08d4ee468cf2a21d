// What each API call does inside the batch transaction (see group-commit.ts): hand out accounts,
// apply updates, release, or read the numbers `status --json` prints.
import { keyOf, recordProblem, type Account } from '../model.js';
import { Spellings, spellingOf } from '../account-spelling.js';
import { formulaProblem } from '../formula-cells.js';
import { loginNameProblem } from '../login-name-problem.js';
import { placeholderProblem } from '../formats/account-rules.js';
import type { Config } from '../config.js';
import type { Transaction } from '../store/transaction.js';
import type { PoolStats } from '../pool-stats.js';
import type { Pool } from '../store/pool.js';
import { countPool } from '../stats/pool-counts.js';
import { StaleCircle } from '../store/circle-view.js';
import { packageVersion } from '../install.js';
import type { Job, JobScope } from './group-commit.js';
import type { LogEntry } from './request-log.js';
import type { AccountRequest } from './request-params.js';
import { BatchSelection } from './selection.js';
import { applyFacts, type AccountUpdate, type Post } from './updates.js';
import { endHold, handOut, refreshHold, type HoldOutcome } from './holds.js';
import { ADDED_LEVEL, addRefusal } from './add-accounts.js';
import { recordHistory } from '../history/record.js';
import type { LevelRange } from '../allocate/select.js';

type Details = LogEntry['details'];

export interface ServeSettings {
  config: Config;
  /** PGPool's account_release_timeout: a hold with no update for this long ends (0 = never). */
  releaseTimeoutMs: number;
}

/** What the jobs of one batch share. */
export interface Shared extends ServeSettings {
  selection: BatchSelection;
}

/** GET /account/request: up to `count` accounts, now held by the system (and the transaction's time). */
export class RequestJob implements Job<Shared, { accounts: Account[]; nowIso: string; skipped: string[] }> {
  readonly label: string;

  constructor(readonly request: AccountRequest) {
    this.label = `request ${request.count} for ${request.systemId}`;
  }

  run(scope: JobScope, shared: Shared): { accounts: Account[]; nowIso: string; skipped: string[] } {
    const skipped: string[] = []; // accounts under two spellings in the pool, never given
    const given = shared.selection.take(this.request, skipped).map((account) => handOut(account, this.request.systemId, scope.now, shared.releaseTimeoutMs));
    for (const account of given) scope.put(account);
    return { accounts: given, nowIso: scope.now.toISOString(), skipped };
  }
}

/** What one post did, for the request log. */
export interface UpdateCounts {
  accounts: number;
  /** Accounts the pool did not know, added as PGPool's get_or_create did. */
  created: number;
  /** Of those, the ones the post gave no password: kept for their verdicts, never handed out until a dump brings one. */
  withoutPassword: string[];
  verdicts: number;
  holds: Record<HoldOutcome, number>;
  /** Items about another spelling of an account the pool holds, applied to that account: `"posted" as "held"`. */
  respelled: string[];
  /** Items not applied, with why (no username, a username the pool cannot hold). */
  skipped: string[];
  /** Posted field names that were not used, over all items. */
  ignored: Set<string>;
}

/**
 * A new account for a post about one the pool does not know, as PGPool's get_or_create made it:
 * the posted password (none: it is never handed out until a dump brings one), provider (else
 * ptc) and level (else `level`: 0 for an update or release, PGPool's NULL, which only requests
 * without a lower level limit match; ADDED_LEVEL for /account/add, as PGPool's add_account set it).
 */
function newAccount(update: AccountUpdate, now: Date, seq: number, source: string, level: number): Account {
  const account: Account = { username: update.username, provider: update.provider ?? 'ptc', level: update.level ?? level, state: 'ok', added_at: now.toISOString(), seq, source };
  if (update.password !== undefined) account.password = update.password;
  return account;
}

/**
 * Which post: `update` and `release` (the hold goes on, or ends), or `add` (PGPool's /account/add,
 * add-accounts.ts), which sets the facts and leaves every hold as it is.
 */
export type PostKind = 'update' | 'release' | 'add';

/** POST /account/update, /account/release and /account/add: item by item, the facts first, then the hold. */
export class UpdateJob implements Job<Shared, UpdateCounts> {
  readonly label: string;

  constructor(
    readonly post: Post,
    readonly kind: PostKind,
  ) {
    this.label = `${kind} ${post.updates.length}`;
  }

  run(scope: JobScope, { config, releaseTimeoutMs }: Shared): UpdateCounts {
    const { updates, skipped } = this.post;
    const counts: UpdateCounts = { accounts: updates.length, created: 0, withoutPassword: [], respelled: [], verdicts: 0, holds: { refreshed: 0, taken: 0, released: 0, conflict: 0, none: 0 }, skipped: [...skipped], ignored: new Set() };
    const now = scope.now;
    // Built on the first unknown account, over every key: such posts are rare (a checker loading its list).
    let spellings: Spellings | undefined;
    for (const posted of updates) {
      let update = posted;
      for (const name of update.ignored) counts.ignored.add(name);
      let current = scope.get(update.username);
      if (!current) {
        // Its import number needs the highest in the pool, which only the whole read knows.
        if (scope.tx.circleView) throw new StaleCircle(`${update.username} is not in the pool`);
        spellings ??= new Spellings((visit, plainLeftOut) => scope.tx.eachKey(visit, plainLeftOut), updates.filter((u) => !scope.get(u.username)).map((u) => spellingOf(keyOf(u.username), u.provider)), (k) => scope.get(k)?.provider === 'google');
        const other = spellings.otherOf(keyOf(update.username), update.provider ?? 'ptc', (k) => scope.get(k)?.provider);
        if (other !== undefined) {
          // Another spelling of an account the pool holds is that account (account-spelling.ts):
          // its ban, level and hold are the pool's account's. Its password is not taken: the scanner
          // may have it from an old dump under that spelling, and the pool's line is the one kept.
          current = scope.get(other)!;
          counts.respelled.push(`${JSON.stringify(update.username.slice(0, 64))} as ${JSON.stringify(current.username.slice(0, 64))}`);
          const { password: _ignored, ...rest } = update;
          update = rest;
        } else {
          const created = newAccount(update, now, scope.tx.nextSeq(), `POST /account/${this.kind}`, this.kind === 'add' ? ADDED_LEVEL : 0);
          // A template's login (`YOUR_USERNAME`) is no account however it comes, as import says (account-rules.ts).
          const problem = recordProblem(created.username, created) ?? formulaProblem(created.username) ?? loginNameProblem(created.username, created.provider) ?? placeholderProblem(created.username, created.password ?? '');
          if (problem) {
            counts.skipped.push(`${update.item !== undefined ? `item ${update.item}: ` : ''}${JSON.stringify(update.username.slice(0, 64))}: not in the pool, and cannot be added (${problem})`);
            continue;
          }
          spellings.add(keyOf(created.username), created.provider);
          current = created;
          counts.created++;
          if (created.password === undefined) counts.withoutPassword.push(created.username);
        }
      }
      const facts = applyFacts(current, update, now, config);
      if (facts.state !== current.state) counts.verdicts++;
      const { account, outcome } =
        this.kind === 'release' ? endHold(facts, now, update.releaseReason, update.systemId, scope.tx.seenEnds)
        : this.kind === 'update' ? refreshHold(facts, update.systemId, now, releaseTimeoutMs, scope.tx.seenEnds)
        : { account: facts, outcome: 'none' as const };
      counts.holds[outcome]++;
      scope.put(account);
    }
    // An add is whole or nothing (add-accounts.ts addRefusal): a job that throws stages nothing.
    const refusal = this.kind === 'add' ? addRefusal(counts) : undefined;
    if (refusal) throw refusal;
    return counts;
  }
}

/** The log line's account of a post: counts, and the names an operator needs (never a value). */
export function updateDetails(counts: UpdateCounts): Details {
  const shown: Details = { accounts: counts.accounts };
  const list = (names: string[]) => names.slice(0, 10).join(',') + (names.length > 10 ? `,+${names.length - 10}` : '');
  if (counts.created > 0) shown.created = counts.created;
  if (counts.withoutPassword.length > 0) {
    shown.without_password = list(counts.withoutPassword);
    shown.note = 'accounts created without a password are kept for their verdicts and level, and handed out once a dump with their password is imported';
  }
  if (counts.respelled.length > 0) {
    shown.respelled = list(counts.respelled);
    shown.respelled_note = 'another spelling of an account in the pool: its verdict, level and hold went to that account (its posted password was not taken)';
  }
  if (counts.verdicts > 0) shown.verdicts = counts.verdicts;
  for (const [key, n] of Object.entries(counts.holds)) if (key !== 'none' && n > 0) shown[key === 'conflict' ? 'conflicts' : key] = n;
  if (counts.skipped.length > 0) {
    // Each skipped item named (the answer is PGPool's `ok` all the same: no client reads more of it).
    shown.skipped = counts.skipped.length;
    shown.why = counts.skipped.slice(0, 10).join('; ') + (counts.skipped.length > 10 ? `; +${counts.skipped.length - 10} more` : '');
  }
  if (counts.ignored.size > 0) shown.ignored = list([...counts.ignored]);
  return shown;
}

export type StatusAnswer = { version: string; pool: string; shards: number } & PoolStats;

/**
 * GET /status: `accountpool status --json`'s numbers, counted between two batches (the queue's
 * `exclusive`) so that they show every request answered before; from the shards' standings
 * summaries, without reading every account.
 */
export async function statusAnswer(pool: Pool): Promise<StatusAnswer> {
  const { stats, shards } = await countPool(pool);
  return { version: packageVersion(), pool: pool.layout.dir, shards, ...stats };
}

/** The shared part of a batch: the demand of all its requests, so one candidate pass serves them. */
export function sharedFor(settings: ServeSettings): (tx: Transaction, jobs: Job<Shared, unknown>[]) => Shared {
  return (tx, jobs) => {
    const demand = new Map<string, number>();
    for (const job of jobs) if (job instanceof RequestJob) BatchSelection.addDemand(demand, job.request);
    return { ...settings, selection: new BatchSelection(tx, settings.config, demand) };
  };
}

/** A batch's history: its events, each request's accounts under the level range it asked for. */
export function recordBatch(config: Config): (tx: Transaction, jobs: Job<Shared, unknown>[]) => void {
  return (tx, jobs) => {
    const ranges = new Map<string, LevelRange>();
    for (const job of jobs) if (job instanceof RequestJob && !ranges.has(job.request.systemId)) ranges.set(job.request.systemId, job.request.levels);
    recordHistory(tx, config, { ranges });
  };
}
