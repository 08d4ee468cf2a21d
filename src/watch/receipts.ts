// Receipts: which inbox file an import came from. Written in the import's own transaction (so
// one exists exactly when the import does) and removed once the file is filed under imported/.
//
// Why: the watcher imports a file, then moves it. A watcher killed between the two finds the file
// still in the inbox on restart. Importing it again changes nothing for plain lists, but a dump
// that states verdicts (a checker's accounts-blind.csv) would state them again, restarting their
// cool-downs. With the receipt, the restarted watcher files the dump without importing it twice.
//
// A receipt names the file and its identity (content hash, inode, size, modification time): the
// same dump dropped in again later is a new file (another inode or time) and is imported again,
// as the user asked. Receipts live in the pool's folder (`.inbox-receipts/`, one subfolder per
// inbox), not in the inbox: the transaction writes them by path, and inside the inbox anyone who
// can drop a file could swap their folder for a link and have the pool's commit write through it
// (see inbox-folder.ts). Folders are removed when empty; a receipt whose file is gone (filed, but
// killed before the receipt was removed) is removed when the watcher starts.
import type { Stats } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { makeFolder } from '../make-folder.js';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { contentSha1 } from './content-sha1.js';
import type { ImportReport } from '../import/merge.js';
import { rawName } from './raw-names.js';
import { OwnFolders } from './own-folders.js';
import { readOwnFile } from '../store/own-file.js';

/**
 * A receipt's text, or undefined: read as every cache of ours (own-file.ts), so a link (to
 * /dev/zero), a FIFO or a huge file put in its place by hand neither hangs the watcher nor fills
 * its memory. Far beyond a receipt (a name, a hash, an import's report of its first lines).
 */
const readReceipt = async (path: string) => {
  const text = await readOwnFile(path, 16 * 1024 * 1024);
  return text === undefined ? undefined : (JSON.parse(text) as Receipt);
};

export const RECEIPTS_DIR = '.inbox-receipts';

interface Receipt {
  name: string;
  sha1: string;
  ino: number;
  size: number;
  mtimeMs: number;
  report: ImportReport;
}

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

/** The receipts of one inbox (by its real path) kept in one pool's folder. */
export class Receipts {
  readonly dir: string;

  constructor(poolDir: string, inboxRealPath: string) {
    this.dir = join(poolDir, RECEIPTS_DIR, sha1(inboxRealPath).slice(0, 16));
    this.folders = new OwnFolders([dirname(this.dir), this.dir], 'inbox receipts');
  }

  private pathOf(name: string): string {
    return join(this.dir, `${sha1(rawName(name)).slice(0, 24)}.json`); // bytes: names that are not UTF-8 stay apart
  }

  /**
   * `.inbox-receipts/` and this inbox's folder in it, refused as links: `.gitignore` keeps them out
   * of git, but one committed with `git add -f` is checked out as a link, and one made by hand is
   * followed too. Through it, receipts went outside the pool and the watcher's start removed there
   * every JSON file naming something no inbox holds (a project's package.json, taken for a stale
   * receipt). Checked at `importedAlready`, its first look, and again at `prepare`, under the pool
   * lock right before the commit writes (own-folders.ts).
   */
  private readonly folders: OwnFolders;

  /**
   * Where the receipt for `name` goes, and what it says (for the import's transaction to write).
   * `alongside`: right after another file's of the same transaction (a burst's batch).
   */
  async prepare(name: string, bytes: Buffer, info: Stats, report: ImportReport, alongside = false): Promise<{ path: string; data: string }> {
    await this.folders.check(name, alongside); // again: under the pool lock, which may have come minutes after the first look
    await makeFolder(this.dir); // out of inodes: named as a full disk, not a missing folder
    await this.folders.clearOddFile(this.pathOf(name));
    const receipt: Receipt = { name, sha1: contentSha1(bytes), ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, report };
    return { path: this.pathOf(name), data: `${JSON.stringify(receipt)}\n` };
  }

  /** The report of an import of this very file (name, content and identity) that was not filed yet. */
  async importedAlready(name: string, bytes: Buffer, info: Stats): Promise<ImportReport | undefined> {
    await this.folders.check(name);
    let receipt: Receipt;
    try {
      const read = await readReceipt(this.pathOf(name));
      if (!read) return undefined;
      receipt = read;
    } catch {
      return undefined; // none, or unreadable: import as usual (which repeats nothing harmful)
    }
    const same = receipt.name === name && receipt.ino === info.ino && receipt.size === info.size && receipt.mtimeMs === info.mtimeMs && receipt.sha1 === contentSha1(bytes);
    return same ? receipt.report : undefined;
  }

  /** The file was filed (or changed): its receipt has done its work. The folders go when empty. */
  async drop(name: string): Promise<void> {
    await this.folders.checkFor(name);
    await unlink(this.pathOf(name)).catch(() => {});
    await this.removeFoldersIfEmpty();
  }

  /** Removes receipts whose file is no longer in the inbox (filed by a watcher killed right after). */
  async dropStale(exists: (name: string) => Promise<boolean>): Promise<void> {
    await this.folders.check();
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    for (const entry of entries) {
      const path = join(this.dir, entry);
      // Unreadable ones are temp files of a commit killed before its journal: only this inbox's
      // watcher writes here, and it holds the inbox lock.
      const receipt = await readReceipt(path).catch(() => undefined);
      if (!receipt || !(await exists(receipt.name))) await unlink(path).catch(() => {});
    }
    await this.removeFoldersIfEmpty();
  }

  private async removeFoldersIfEmpty(): Promise<void> {
    await rmdir(this.dir).catch(() => {});
    await rmdir(dirname(this.dir)).catch(() => {});
  }
}
