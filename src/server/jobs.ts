// What each API call does inside the batch transaction (see group-commit.ts): hand out accounts,
// apply updates, release, or read the numbers `status --json` prints.
import { availabilityOf } from '../availability.js';
import type { Account } from '../model.js';
import type { Config } from '../config.js';
import type { Transaction } from '../store/transaction.js';
import { poolStats, type PoolStats } from '../pool-stats.js';
import { badRequest } from './http.js';
import type { Job, JobScope } from './group-commit.js';
import type { AccountRequest } from './request-params.js';
import { BatchSelection } from './selection.js';
import { applyFacts, type AccountUpdate } from './updates.js';
import { endHold, handOut, refreshHold, type HoldOutcome } from './holds.js';

export interface ServeSettings {
  config: Config;
  /** PGPool's account_release_timeout: a hold with no update for this long ends (0 = never). */
  releaseTimeoutMs: number;
}

/** What the jobs of one batch share. */
export interface Shared extends ServeSettings {
  selection: BatchSelection;
}

/** GET /account/request: up to `count` accounts, now held by the system. */
export class RequestJob implements Job<Shared, Account[]> {
  readonly label: string;

  constructor(readonly request: AccountRequest) {
    this.label = `request ${request.count} for ${request.systemId}`;
  }

  run(scope: JobScope, shared: Shared): Account[] {
    const given = shared.selection.take(this.request).map((account) => handOut(account, this.request.systemId, scope.now, shared.releaseTimeoutMs));
    for (const account of given) scope.put(account);
    return given;
  }
}

export type UpdateCounts = Record<HoldOutcome, number> & { accounts: number; verdicts: number };

/** POST /account/update and /account/release: the facts first, then the hold. */
export class UpdateJob implements Job<Shared, UpdateCounts> {
  readonly label: string;

  constructor(
    readonly updates: AccountUpdate[],
    readonly release: boolean,
  ) {
    this.label = `${release ? 'release' : 'update'} ${updates.length}`;
  }

  run(scope: JobScope, { config, releaseTimeoutMs }: Shared): UpdateCounts {
    // Every account must exist before anything changes: a post is applied whole or not at all.
    const unknown = [...new Set(this.updates.filter((u) => !scope.get(u.username)).map((u) => u.username))];
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 10).map((u) => JSON.stringify(u)).join(', ');
      throw badRequest(`unknown account${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}: not in the pool (import them first); nothing was changed`);
    }
    const counts: UpdateCounts = { accounts: this.updates.length, verdicts: 0, refreshed: 0, taken: 0, released: 0, conflict: 0, none: 0 };
    const now = scope.now;
    for (const update of this.updates) {
      const current = scope.get(update.username)!;
      const facts = applyFacts(current, update, now, config);
      if (facts.state !== current.state) counts.verdicts++;
      let outcome: { account: Account; outcome: HoldOutcome };
      if (this.release) outcome = endHold(facts, update.systemId, now, update.releaseReason);
      else {
        const usable = availabilityOf({ ...facts, holder: undefined }, now.toISOString(), config) === 'available';
        outcome = refreshHold(facts, update.systemId, now, releaseTimeoutMs, usable);
      }
      counts[outcome.outcome]++;
      scope.put(outcome.account);
    }
    return counts;
  }
}

export type StatusAnswer = { pool: string; shards: number } & PoolStats;

/** GET /status: `accountpool status --json`, read in the queue so it sees every answered request. */
export class StatusJob implements Job<Shared, StatusAnswer> {
  readonly label = 'status';

  constructor(private readonly poolDir: string) {}

  run(scope: JobScope, { config }: Shared): StatusAnswer {
    return { pool: this.poolDir, shards: scope.tx.snapshot.shards.length, ...poolStats(scope.tx.accounts(), scope.now, config) };
  }
}

/** The shared part of a batch: the demand of all its requests, so one candidate pass serves them. */
export function sharedFor(settings: ServeSettings): (tx: Transaction, jobs: Job<Shared, unknown>[]) => Shared {
  return (tx, jobs) => {
    const demand = new Map<string, number>();
    for (const job of jobs) if (job instanceof RequestJob) BatchSelection.addDemand(demand, job.request);
    return { ...settings, selection: new BatchSelection(tx, settings.config, demand) };
  };
}
