// What content the inbox has taken before, and when: one small record per imported file, by the
// hash of its bytes, written in the import's own transaction and kept (receipts.ts's receipts go
// once the file is filed; these stay).
//
// Why: a checker's verdict file tells no time (PGNumbra's accounts-banned.csv, CaptCharmander's
// ban.csv). Dropped into the inbox again, a week later, its verdicts were news again: a temp ban
// restarted, a ban our own checker lifted since came back, a failed check sent the account to sit
// out its retry time once more. With the record, the same content is imported with its verdicts
// as old as the first time it was taken (a dated verdict, as ShuckleTools' are: it never
// overrules a newer one) and its failed checks as old news; new accounts in it are still added.
// The watcher's line says it was taken before, and when.
//
// Kept in the pool's `.cache/inbox-taken/` (git-ignored in every pool, one host's, as the inbox
// is), not in the inbox: written by the pool's commit, out of reach of the inbox's writers. Lost
// with the cache, the same content only counts as new again, as it did before these records.
//
// Kept as long as the file is kept: a record goes once the day folder of imported/ its file was
// filed into is gone (`prune`, at each start of the watcher and once a day while it runs). The
// operator sees what the inbox took in imported/, and clearing old days of it is how they say
// those dumps are done with; a record never outlives them by more than a day, so ~120 bytes a
// file no longer pile up forever. Decided by the day of the taking (or the next: a file taken
// just before midnight is filed just after), not by the file: one day's folder kept keeps all
// of its records.
import { readdir, unlink } from 'node:fs/promises';
import { makeFolder } from '../make-folder.js';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { contentSha1 } from './content-sha1.js';
import { OwnFolders } from './own-folders.js';
import { dayFolder } from './move.js';
import { readOwnFile } from '../store/own-file.js';

/** Far beyond a record (its time and a file name: a few hundred bytes). */
const RECORD_MAX = 64 * 1024;

export interface Taken {
  /** When the import that first took this content committed (ISO). */
  takenAt: string;
  /** The file's name in the inbox then. */
  name: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

export class TakenFiles {
  readonly dir: string;

  constructor(poolDir: string, inboxRealPath: string) {
    this.dir = join(poolDir, '.cache', 'inbox-taken', sha1(inboxRealPath).slice(0, 16));
    this.folders = new OwnFolders([dirname(dirname(this.dir)), dirname(this.dir), this.dir], 'what the inbox took');
  }

  private pathOf(bytes: Buffer): string {
    return join(this.dir, `${contentSha1(bytes)}.json`);
  }

  /** As receipts.ts: a link in their place (`.cache` too) is refused, checked at a file's `lookup` and again at `prepare` (own-folders.ts). */
  private readonly folders: OwnFolders;

  /**
   * Forgets every content whose day folder (`filedDays`: the names of imported/'s folders) is
   * gone; how many. An unreadable record is left (only a commit writes here, under the lock).
   */
  async prune(filedDays: ReadonlySet<string>): Promise<number> {
    await this.folders.check();
    let forgotten = 0;
    for (const entry of await readdir(this.dir).catch(() => [] as string[])) {
      if (!entry.endsWith('.json')) continue;
      const path = join(this.dir, entry);
      // Read as `lookup` reads (readOwnFile): a FIFO or a link to a device put there waits or reads for ever.
      const at = await readOwnFile(path, RECORD_MAX).then(
        (text) => (text === undefined ? Number.NaN : Date.parse((JSON.parse(text) as Partial<Taken>).takenAt ?? '')),
        () => Number.NaN,
      );
      if (Number.isNaN(at)) continue;
      if (filedDays.has(dayFolder(new Date(at))) || filedDays.has(dayFolder(new Date(at + DAY_MS)))) continue;
      await unlink(path).catch(() => {});
      forgotten++;
    }
    return forgotten;
  }

  /** When these very bytes were taken before, or undefined. */
  async lookup(bytes: Buffer): Promise<Taken | undefined> {
    const path = this.pathOf(bytes);
    await this.folders.check(path);
    try {
      // As every cache of ours (own-file.ts): a link (to /dev/zero: 600 MB read before it gave up), a
      // FIFO (waited on for ever) or a huge file there was put by hand, and reads as no record.
      const text = await readOwnFile(path, RECORD_MAX);
      if (text === undefined) return undefined;
      const taken = JSON.parse(text) as Partial<Taken>;
      return typeof taken.takenAt === 'string' && !Number.isNaN(Date.parse(taken.takenAt)) && typeof taken.name === 'string' ? (taken as Taken) : undefined;
    } catch {
      return undefined; // none, or unreadable: the content counts as new
    }
  }

  /** The record for the import's transaction to write (the first taking only: never replaced). */
  async prepare(bytes: Buffer, name: string, now: Date): Promise<{ path: string; data: string }> {
    const path = this.pathOf(bytes);
    await this.folders.check(path); // again: under the pool lock, which may have come minutes after `lookup`
    await makeFolder(this.dir); // out of inodes: named as a full disk, not a missing folder
    await this.folders.clearOddFile(path);
    const taken: Taken = { takenAt: now.toISOString(), name };
    return { path, data: `${JSON.stringify(taken)}\n` };
  }
}
