// What is in the inbox now: used at start (files already there), by `--once`, and now and then
// while watching, as a safety net for what chokidar does not report (it says nothing about a
// dangling symlink or a file without read permission, it misses a file put into a folder in the
// first milliseconds after the folder was made, and an overflowing inotify queue drops events).
// Whatever this finds and is still being written is held back by the settle check in
// process-file.ts, so scanning more often than needed is harmless.
//
// The walk goes through held folders (inbox-folder.ts): a folder swapped for a link while we walk
// is not entered (the link is listed as an entry, and set aside as one), so the scan never lists
// a folder outside the inbox.
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { inboxRelative, type IgnoreRule } from './ignore.js';
import { openInboxFolder, OutsideInbox, type InboxFolder } from './inbox-folder.js';
import { nameOf } from './raw-names.js';
import { foldersFirst, type Subfolder } from './folders-first.js';

/**
 * Folders deeper than this are not walked (a loop of bind mounts, a runaway tree): files in
 * inbox/1/2/.../8/ are found, a folder 9 deep is reported (`tooDeep`) and left alone. chokidar
 * is given the same depth (watcher.ts).
 */
export const MAX_DEPTH = 8;

/**
 * Folders one scan walks. Each costs the scan an open and a listing every 10 s and chokidar a
 * watch (an inotify watch of the user's, ~8 KB here): 20,000 empty folders a local user made with
 * one `mkdir -p` took a live watcher from 60 to 345 MB and a fifth of a core for as long as they
 * stayed. Past this many, further folders are not looked into (`tooMany`), as those too deep are not;
 * which are entered then is folders-first.ts's choice (level folders, folders that held files, shallow ones).
 */
export const MAX_FOLDERS = 1000;

const GONE = new Set(['ENOENT', 'ENOTDIR']);

function isGone(error: unknown): boolean {
  return error instanceof OutsideInbox || GONE.has((error as NodeJS.ErrnoException).code ?? '');
}

/** A folder the watcher may not open or list (mode 000, another user's 0700): its files are not looked at, the rest of the inbox is. */
const DENIED = new Set(['EACCES', 'EPERM']);

function isDenied(error: unknown): error is NodeJS.ErrnoException {
  return DENIED.has((error as NodeJS.ErrnoException).code ?? '');
}

/**
 * Every entry of the inbox that is not a folder and not ignored — files, symlinks (never
 * followed: a link to a folder is an entry, not a folder to walk), FIFOs and the like — oldest
 * first, so dumps are imported in the order they arrived (that order decides who goes first
 * among never-used accounts). `root` is the inbox's real path (found when not given); `from`, a
 * folder of the inbox to look into alone. Names are listed as bytes: one that is not UTF-8 comes
 * back as raw-names.ts's string for it, which opens and moves the very file. `onFolder` is told
 * each folder walked (below `from`); `tooMany`, once a scan, the first folder left past MAX_FOLDERS
 * and how many were.
 */
export async function scanInbox(
  inbox: string,
  ignored: IgnoreRule,
  {
    root,
    from = inbox,
    tooDeep,
    tooMany,
    onFolder,
    denied,
  }: {
    root?: string;
    from?: string;
    tooDeep?: (folder: string) => void;
    tooMany?: (first: string, left: number) => void;
    onFolder?: (folder: string) => void;
    /** A folder below the inbox it may not open or list (until stop 57 one such folder failed the whole scan: nothing imported). */
    denied?: (folder: string, code: string) => void;
  } = {},
): Promise<string[]> {
  const found: { path: string; mtimeMs: number }[] = [];
  let walked = 0;
  let firstLeft: string | undefined;
  let left = 0;
  async function walk(folder: InboxFolder, depth: number, path: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder.at(), { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      if (isGone(error)) return; // removed while we looked
      // Below the inbox (`path` set): that folder left; the inbox itself unreadable stays an error.
      if (path !== '' && isDenied(error)) return denied?.(path, error.code!);
      throw error;
    }
    const folders: Subfolder[] = [];
    for (const entry of entries) {
      const name = nameOf(entry.name);
      const rel = folder.rel === '' ? name : `${folder.rel}/${name}`;
      const path = join(inbox, rel);
      if (ignored(path)) continue;
      if (entry.isDirectory()) {
        if (depth >= MAX_DEPTH) tooDeep?.(path);
        else folders.push({ name, path });
        continue;
      }
      const info = await lstat(folder.at(name)).catch(() => undefined);
      if (info) found.push({ path, mtimeMs: info.mtimeMs });
    }
    // This folder's subfolders are counted before any of them is walked, so a folder's children
    // come before its grandchildren: junk nested under one folder never takes a shallower folder's
    // place. Past the cap, the folders that matter go first (foldersFirst).
    const room = MAX_FOLDERS - walked;
    const taken = folders.length <= room ? folders : foldersFirst(folder, folders);
    for (const skipped of taken.slice(room)) {
      firstLeft ??= skipped.path;
      left++;
    }
    const entered = taken.slice(0, Math.max(0, room));
    walked += entered.length;
    for (const { name, path } of entered) {
      let inner: InboxFolder | undefined;
      try {
        inner = await folder.child(name);
      } catch (error) {
        if (isDenied(error)) {
          denied?.(path, error.code!);
          continue;
        }
        if (!isGone(error)) throw error;
      }
      if (inner) {
        onFolder?.(path);
        try {
          await walk(inner, depth + 1, path);
        } finally {
          await inner.close();
        }
        continue;
      }
      // Swapped for a link (or a file) since the listing: an entry now, set aside as one.
      const info = await lstat(folder.at(name)).catch(() => undefined);
      if (info) found.push({ path, mtimeMs: info.mtimeMs });
    }
  }
  const start = inboxRelative(inbox, from);
  if (start === undefined) return [];
  const startDepth = start === '' ? 0 : start.split('/').length;
  if (startDepth > MAX_DEPTH) {
    // A look into a new folder below the limit (chokidar's addDir): not walked either.
    tooDeep?.(join(inbox, ...start.split('/').slice(0, MAX_DEPTH + 1)));
    return [];
  }
  let folder: InboxFolder;
  try {
    folder = await openInboxFolder(root ?? (await realpath(inbox)), start);
  } catch (error) {
    if (isGone(error)) return []; // moved away (or swapped for a link) before we looked
    if (start !== '' && isDenied(error)) {
      denied?.(from, error.code!);
      return [];
    }
    throw error;
  }
  try {
    await walk(folder, startDepth, start === '' ? '' : from);
  } finally {
    await folder.close();
  }
  if (firstLeft !== undefined) tooMany?.(firstLeft, left);
  return found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => f.path);
}
