// A commit whose afterCommit hook (a `git.commit` pool's git commit) has not yet run to its end.
//
// The journal is gone once a transaction's renames are done, and the git commit comes after: a
// process killed between the two (kill -9, the OOM killer, a power cut) left the shards changed
// and uncommitted, and nothing said so. A later command that changed nothing committed nothing,
// so the change sat in the working tree until the next change or `sync`, and another host
// pulling meanwhile never saw it. This record is written just before the commit point, with the
// transaction's files and message, and removed once the hook has done its work; the next
// transaction finds it under the lock and hands it to the hook first, so the interrupted change
// becomes its own commit under its own message (see Pool.transaction).
//
// It lives in .cache/ (host-only, never committed). Lost (the cache removed, a power cut before
// it reached the disk), the old behaviour is back: the next change's commit takes the files.
import { mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';

export interface PendingCommit {
  /** The transaction's words, as its commit would have said them. */
  message: string;
  /** Its files, relative to the pool's folder. */
  files: string[];
}

/** Records `pending` at `path` (synchronous: it runs in the commit's last step before the commit point). */
export function notePendingCommit(path: string, pending: PendingCommit): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(path, JSON.stringify(pending));
}

/** The record at `path`, or undefined where there is none or it is not one of ours (then it is removed). */
export function readPendingCommit(path: string): PendingCommit | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<PendingCommit>;
    if (typeof value.message === 'string' && Array.isArray(value.files) && value.files.every((f) => typeof f === 'string')) return { message: value.message, files: value.files };
  } catch {
    // a torn or foreign file: nothing it says can be trusted
  }
  clearPendingCommit(path);
  return undefined;
}

export function clearPendingCommit(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
