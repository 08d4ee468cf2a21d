// One file at a time. Every import is a pool transaction under the pool lock anyway, so running
// two at once would only make them wait for each other; one at a time also keeps the order of
// arrival and lets a stop request finish the current file and start no other.
//
// A path is queued at most once (chokidar may report a file twice, and the scan finds it too);
// one reported again while it is being handled is handled again afterwards (by then usually
// gone, which is cheap). `later` re-queues after a delay (a file still being written, a pool
// problem) and counts as pending, so `idle` — what `--once` waits for — waits for it too.

export type Handler = (path: string) => Promise<void>;

export class FileQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private current: string | undefined;
  private again = false;
  private running: Promise<void> | undefined;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly handle: Handler,
    /** A handler that throws has a bug; the queue says so and goes on with the next file. */
    private readonly onError: (path: string, error: unknown) => void,
    /** Called after a file is handled when no other waits (a burst is over). */
    private readonly onDrained?: () => void,
  ) {}

  add(path: string): void {
    if (this.stopped) return;
    if (path === this.current) {
      this.again = true;
      return;
    }
    if (this.queued.has(path)) return;
    const timer = this.timers.get(path);
    if (timer) {
      // Reported again while waiting to retry: the retry timer keeps its time (a file still
      // being written is not made to look sooner).
      return;
    }
    this.queued.add(path);
    this.waiting.push(path);
    this.pump();
  }

  /** Queues `path` again after `ms`. */
  later(path: string, ms: number): void {
    if (this.stopped || this.timers.has(path)) return;
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        this.add(path);
        this.checkIdle();
      }, ms),
    );
  }

  /**
   * Whether another file waits to be handled at once (not a retry's timer): the file being
   * handled is one of a burst.
   */
  get hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  /**
   * Whether a file `counts` waits, or is due for a retry (a file still settling, written or
   * downloaded): one that may come to the queue again within its timer, not only one waiting now.
   */
  pendingAny(counts: (path: string) => boolean): boolean {
    for (const path of this.waiting) if (counts(path)) return true;
    for (const path of this.timers.keys()) if (counts(path)) return true;
    return false;
  }

  /**
   * Takes the waiting paths from the front, in order, while `fits` says yes, at most `max`: the
   * rest of a burst handled with the one being handled (burst.ts). They are no longer queued.
   */
  takeWaiting(max: number, fits: (path: string) => boolean): string[] {
    let n = 0;
    while (n < max && n < this.waiting.length && fits(this.waiting[n]!)) n++;
    const taken = this.waiting.splice(0, n);
    for (const path of taken) this.queued.delete(path);
    return taken;
  }

  /** Puts taken paths back at the front, in their order (those a batch did not get to); one queued again meanwhile keeps its place. */
  putBack(paths: readonly string[]): void {
    if (this.stopped) return;
    const back = paths.filter((path) => !this.queued.has(path) && !this.timers.has(path) && path !== this.current);
    for (const path of back) this.queued.add(path);
    this.waiting.unshift(...back);
    this.pump();
  }

  get size(): number {
    return this.waiting.length + this.timers.size + (this.current === undefined ? 0 : 1);
  }

  /** Resolves when nothing is queued, being handled or waiting for a retry. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no new work, drops retries, and resolves when the current file is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    this.queued.clear();
    await this.running;
    this.checkIdle();
  }

  private pump(): void {
    if (this.running || this.stopped) return;
    this.running = (async () => {
      while (!this.stopped && this.waiting.length > 0) {
        const path = this.waiting.shift()!;
        this.queued.delete(path);
        this.current = path;
        this.again = false;
        try {
          await this.handle(path);
        } catch (error) {
          this.onError(path, error);
        } finally {
          this.current = undefined;
        }
        if (this.again && !this.stopped) this.add(path);
        if (this.waiting.length === 0) this.onDrained?.();
      }
    })().finally(() => {
      this.running = undefined;
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    if (this.size > 0 && !this.stopped) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
