// The pool's own folders an inbox file's import reads and writes by path (receipts.ts's
// `.inbox-receipts/`, taken-files.ts's `.cache/inbox-taken/`): a link standing in place of one is
// refused, never read, written or removed through (store/linked-path.ts says why).
//
// Checked at a file's first look (`check`) and again under the pool lock right before its commit
// writes (`check`: a busy lock can hold the file minutes between the two, time to swap a folder
// for a link), not again by the calls for that same file right after (`checkFor`: its receipt's
// removal once filed), which the watcher makes in turn for one file at a time. Each new file is
// checked afresh, so a link made between two files is refused before the second one writes
// anything through it. The files of a burst's batch (watch/burst.ts) are checked one after another
// under the lock right before their one commit (`alongside`): each one's removal after it counts as
// right after its check, as a file's alone does, though the others' checks came between.
import { lstat, unlink } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { linkedAt } from '../store/linked-path.js';

export class OwnFolders {
  /** The files the last checks were for: one, or a batch's checked one after another before their commit. */
  private checked = new Set<string | undefined>();

  /** `folders`: outermost first; `what`: what the pool keeps there, for the refusal. */
  constructor(
    private readonly folders: readonly string[],
    private readonly what: string,
  ) {}

  /**
   * Refuses a link in any of the folders, and notes that they were checked for `file` (a key the
   * caller chooses); `alongside`: for it as well as for the files checked just before (one batch).
   */
  async check(file?: string, alongside = false): Promise<void> {
    const before = alongside ? this.checked : new Set<string | undefined>();
    this.checked = new Set();
    for (const folder of this.folders) {
      const linked = await linkedAt(folder);
      if (linked) throw new AppError(`${linked}, not the pool's own folder of ${this.what}: accountpool neither reads, writes nor removes anything through it; move it away (the pool makes the folder again)`);
    }
    this.checked = before.add(file);
  }

  /**
   * Removes what stands at `path` in these folders if it is no regular file (a link, a FIFO, a
   * device), never following it: the transaction refuses to write over such a thing, and the dump
   * would wait in the inbox for ever. The record is then made again by the commit.
   */
  async clearOddFile(path: string): Promise<void> {
    const there = await lstat(path).catch(() => undefined);
    if (there && !there.isFile() && !there.isDirectory()) await unlink(path);
  }

  /** As `check`, unless the last check was for this very `file` (or its batch's). */
  async checkFor(file: string): Promise<void> {
    if (!this.checked.has(file)) await this.check(file);
  }
}
