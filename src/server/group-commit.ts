// Group commit: every request of the server runs inside a store transaction, and the requests
// that arrive while one transaction is running are all served together in the next one.
//
// Why: a transaction pays a fixed price (the pool lock, reading what changed on disk, one pass over
// every account to find candidates, the journaled commit) that dwarfs the work of one request.
// Twenty scanners asking at once cost one such price instead of twenty, and no request waits for
// more than the transaction in progress plus its own. Why one at a time: the store lock serialises
// processes, but inside this process two transactions must not interleave either — each reads the
// pool, decides and writes, and two such read-modify-writes side by side could both hand out the
// same account. A single queue runs them strictly one after the other.
//
// Batches commit through the store's change log (see src/store/change-log.ts): one small append
// and one fsync per batch instead of rewriting the ~20 shards its accounts live in. A batch folds
// a few shards when the log holds more than its capacity (src/store/fold-plan.ts); when the queue
// has been idle for a moment, and before the server exits, the rest is folded into the shards, a
// few shards a transaction (the same budget), each fold step giving way to waiting requests.
//
// Each job is its own all-or-nothing unit inside the shared transaction: it stages its changes in
// a JobScope, and only a job that finishes puts them into the transaction. A job that fails (an
// unknown account, say) fails alone; a transaction that fails (the lock, the disk) fails them all.
//
// A batch reads the pool through the shards' derived circle indexes where they hold (the store's
// `lean` transactions, as allocate's: circle-view.ts), so the server never holds every account:
// its jobs ask `tx.get` and `tx.circleView`. Where the indexes cannot answer (a hand edit, a git
// pool, an account the post names that the pool does not hold), a job throws StaleCircle and the
// store runs the whole batch again over the whole read.
import { keyOf, recordProblem, type Account } from '../model.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import { StaleCircle } from '../store/circle-view.js';
import { HttpError } from './http.js';

/** A job's view of the transaction: reads see its own staged changes; writes wait for its success. */
export class JobScope {
  private readonly staged = new Map<string, Account>();

  constructor(readonly tx: Transaction) {}

  get now(): Date {
    return this.tx.now;
  }

  get(username: string): Account | undefined {
    return this.staged.get(keyOf(username)) ?? this.tx.get(username);
  }

  put(account: Account): void {
    const problem = recordProblem(account.username, account);
    if (problem) throw new HttpError(400, `account ${account.username} would become invalid: ${problem}`);
    this.staged.set(keyOf(account.username), account);
  }

  get size(): number {
    return this.staged.size;
  }

  /** Moves the staged changes into the transaction (the job succeeded). */
  flush(): void {
    for (const account of this.staged.values()) this.tx.put(account);
  }
}

export interface Job<C, T> {
  /** Short words for the transaction message ("request 1 for east"), joined per batch. */
  label: string;
  run(scope: JobScope, batch: C): T;
}

interface Queued<C> {
  job: Job<C, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** How long the queue stays idle before the change log is written into the shards (a step at a time). */
export const FOLD_AFTER_IDLE_MS = 1000;

export class GroupCommit<C> {
  private queue: Queued<C>[] = [];
  private tasks: { work: () => Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void }[] = [];
  private running: Promise<void> | undefined;
  private foldWanted = false;
  private foldTimer: NodeJS.Timeout | undefined;
  /** Transactions committed and jobs served, for the log and the tests. */
  readonly stats = { batches: 0, jobs: 0, largestBatch: 0 };
  /** Runs after a batch's jobs, before its commit (the server records the batch's history here). */
  beforeCommit: ((tx: Transaction, jobs: Job<C, unknown>[]) => void) | undefined;

  /**
   * `context` builds what the jobs of one batch share (e.g. one candidate pass for all of them);
   * it sees every job of the batch before any runs.
   */
  constructor(
    private readonly pool: Pool,
    private readonly context: (tx: Transaction, jobs: Job<C, unknown>[]) => C,
    private readonly maxBatch = 1000,
    private readonly maxLingerMs = 5,
    private readonly foldAfterIdleMs = FOLD_AFTER_IDLE_MS,
  ) {}

  /** Runs `job` in the next transaction; resolves with its result once that transaction committed. */
  submit<T>(job: Job<C, T>): Promise<T> {
    clearTimeout(this.foldTimer);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job: job as Job<C, unknown>, resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drainQueue();
    });
  }

  /**
   * Runs `work` alone, between two batches: it may read the pool and run transactions of its own
   * (the alerts, the dashboard's read) without interleaving with the batches of this process.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drainQueue();
    });
  }

  /** Resolves when no job is queued or running (for a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Writes the changes logged so far into the shards, after the jobs already queued (fold steps, requests served between them). */
  async fold(): Promise<void> {
    clearTimeout(this.foldTimer);
    this.foldWanted = true;
    this.running ??= this.drainQueue();
    await this.idle();
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0 || this.foldWanted || this.tasks.length > 0) {
        const task = this.tasks.shift();
        if (task) {
          await task.work().then(task.resolve, task.reject);
          continue;
        }
        if (this.queue.length === 0) {
          // A failed fold (a busy lock, a full disk) loses nothing: the log stays, and the next
          // idle moment or a full log tries again.
          const folded = await this.pool.foldStep({ lean: true }).then(
            () => true,
            () => false,
          );
          this.foldWanted = folded && this.pool.loggedRecords > 0;
          continue;
        }
        const batch = this.queue.splice(0, this.maxBatch);
        const started = performance.now();
        await this.runBatch(batch);
        await this.linger(batch.length, performance.now() - started);
      }
    } finally {
      this.running = undefined;
    }
    if (this.pool.loggedRecords > 0) {
      this.foldTimer = setTimeout(() => void this.fold(), this.foldAfterIdleMs);
      this.foldTimer.unref();
    }
  }

  /**
   * Busy clients alternate: those answered by one batch send their next call a moment later, when
   * the next batch may already be running (with the few that were waiting, or just the first one
   * back), so each batch holds part of them and everyone waits two transactions. Pausing briefly
   * after a commit of several jobs lets the answered clients' next calls arrive: one transaction
   * for all of them. The pause ends as soon as they are all back, and lasts at most a tenth of the
   * transaction just made (capped): never after a lone client's call, so it adds no latency there.
   */
  private async linger(answered: number, lastMs: number): Promise<void> {
    if (answered < 2) return;
    const want = Math.min(this.maxBatch, this.queue.length + answered);
    const until = performance.now() + Math.min(this.maxLingerMs, lastMs / 10);
    while (this.queue.length < want && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  private async runBatch(batch: Queued<C>[]): Promise<void> {
    let outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.pool.transaction(
        (tx) => {
          outcomes = []; // the work may run twice: over the indexes, then over the whole read
          const shared = this.context(tx, batch.map((q) => q.job));
          for (const { job } of batch) {
            const scope = new JobScope(tx);
            try {
              const value = job.run(scope, shared);
              scope.flush();
              outcomes.push({ ok: true, value });
            } catch (error) {
              if (error instanceof StaleCircle) throw error; // the whole batch again, over the whole read
              outcomes.push({ ok: false, error });
            }
          }
          tx.message = `serve: ${summarise(batch.map((q) => q.job.label))}`;
          this.beforeCommit?.(tx, batch.map((q) => q.job));
        },
        { via: 'log', lean: true },
      );
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    batch.forEach((q, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) q.resolve(outcome.value);
      else q.reject(outcome.error);
    });
  }
}

/** "request 1 for east; release 1; ..." shortened to counts when a batch is large. */
function summarise(labels: string[]): string {
  if (labels.length <= 5) return labels.join('; ');
  const counts = new Map<string, number>();
  for (const label of labels) {
    const verb = label.split(' ')[0]!;
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
  }
  return [...counts].map(([verb, n]) => `${n} ${verb}`).join(', ');
}
