// The day folders imported/ holds now (`2026-12-03`, ...): what the inbox's records of content
// taken are kept for (taken-files.ts `prune`).
import { readdir } from 'node:fs/promises';
import { IMPORTED_DIR } from './ignore.js';
import { openInboxFolder, OutsideInbox } from './inbox-folder.js';
import { code } from './read-file.js';
import type { TakenFiles } from './taken-files.js';

/**
 * The names in imported/; empty when there is no imported/ (nothing filed, or the operator removed
 * it); undefined when it cannot be told (a link in its place, unreadable): then nothing is pruned.
 */
export async function filedDays(root: string): Promise<Set<string> | undefined> {
  let imported;
  try {
    imported = await openInboxFolder(root, IMPORTED_DIR);
  } catch (error) {
    if (code(error) === 'ENOENT') return new Set();
    if (error instanceof OutsideInbox) return undefined;
    throw error;
  }
  try {
    return new Set(await readdir(imported.at()));
  } catch {
    return undefined;
  } finally {
    await imported.close();
  }
}

/** Forgets the content taken on days whose folder is gone from imported/ (taken-files.ts). */
export async function pruneTaken(taken: TakenFiles, root: string): Promise<void> {
  const days = await filedDays(root);
  if (days) await taken.prune(days);
}
