// What is in the inbox now: used at start (files already there), by `--once`, and now and then
// while watching, as a safety net for what chokidar does not report (it says nothing about a
// dangling symlink or a file without read permission, it misses a file put into a folder in the
// first milliseconds after the folder was made, and an overflowing inotify queue drops events). Whatever this finds and is still being written is held back by the settle check in
// process-file.ts, so scanning more often than needed is harmless.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IgnoreRule } from './ignore.js';

/** Folders deeper than this are not walked (a loop of bind mounts, a runaway tree). */
const MAX_DEPTH = 8;

/**
 * Every entry of the inbox that is not a folder and not ignored — files, symlinks (never
 * followed: a link to a folder is an entry, not a folder to walk), FIFOs and the like — oldest
 * first, so dumps are imported in the order they arrived (that order decides who goes first
 * among never-used accounts).
 */
export async function scanInbox(inbox: string, ignored: IgnoreRule, from = inbox): Promise<string[]> {
  const found: { path: string; mtimeMs: number }[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return; // moved away while we looked
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (ignored(path)) continue;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
        continue;
      }
      const info = await lstat(path).catch(() => undefined);
      if (info) found.push({ path, mtimeMs: info.mtimeMs });
    }
  }
  await walk(from, from === inbox ? 0 : from.slice(inbox.length).split('/').length - 1);
  return found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => f.path);
}
