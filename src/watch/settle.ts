// Is a file finished? chokidar's awaitWriteFinish answers that for files that appear while it
// watches, but not for files it reports at start (it emits those at once), nor for what our own
// scan finds. This is the same idea for those: a file is finished once nothing has been written
// to it for `settleMs` — its mtime is that old, or its size and mtime have stayed the same
// across `settleMs` of our own looking (the second rule covers an mtime in the future, from a
// network file system whose clock runs ahead).
//
// A file renamed into the inbox when complete (the Maildir way: write elsewhere, then rename)
// keeps its old mtime and is taken at once; a file copied in place waits until the copy is done.
import type { Stats } from 'node:fs';

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

export class SettleCheck {
  private readonly seen = new Map<string, Seen>();

  constructor(readonly settleMs: number) {}

  /** 0 when `path` is finished, else how long to wait before asking again (ms). */
  wait(path: string, info: Pick<Stats, 'size' | 'mtimeMs'>, now: number): number {
    const age = now - info.mtimeMs;
    if (age >= this.settleMs) {
      this.seen.delete(path);
      return 0;
    }
    const last = this.seen.get(path);
    if (last && last.size === info.size && last.mtimeMs === info.mtimeMs) {
      const still = now - last.since;
      if (still >= this.settleMs) {
        this.seen.delete(path);
        return 0;
      }
      return Math.min(this.settleMs - still, this.settleMs - age);
    }
    this.seen.set(path, { size: info.size, mtimeMs: info.mtimeMs, since: now });
    return Math.max(1, Math.min(this.settleMs, this.settleMs - age));
  }

  /** Forgets a file that is gone or done with. */
  forget(path: string): void {
    this.seen.delete(path);
  }
}
