// What in the inbox is not a dump to import: decided on the path relative to the inbox, so the
// same rule serves chokidar's `ignored` callback and our own scan, and a pool or inbox that itself
// lives under a hidden folder (~/.local/share/...) is still watched.
import { isAbsolute, relative, sep } from 'node:path';
import { leadsOut } from '../leads-out.js';

/** Folders the watcher makes itself at the top of the inbox; never walked, never imported. */
export const IMPORTED_DIR = 'imported';
export const FAILED_DIR = 'failed';

/**
 * Names of files that are still being written or belong to an editor (and DOWNLOADING below:
 * WinSCP's uploads are `.filepart`, its PARTIAL_EXT in winscp/winscp source/core/RemoteFiles.h:
 * written under that name, renamed when complete, and a paused upload would otherwise settle and
 * be imported half done): download tools and our own atomic writes (`.tmp`), vim (`.swp`, `.swo`, `.swx`),
 * emacs and others (`~`). Hidden names (a leading dot, including rsync's `.name.XXXXXX` and
 * emacs' `.#name`) are handled by the dot rule.
 */
const TEMP_NAME = /(\.swp|\.swo|\.swx|~|\.tmp)$/i;

/**
 * What a download writes while the file is not yet whole, beside or instead of its own name:
 * Firefox's `NAME.part` (kPartialDownloadSuffix in mozilla's DownloadsCommon.jsm; Firefox also
 * makes an empty `NAME` to hold the name until the `.part` is renamed over it), Chrome's
 * `.crdownload`, WinSCP's `.filepart`, Internet Explorer's and old Edge's `.partial`, Opera's
 * `.opdownload`, Safari's `NAME.download` bundle folder (the file inside under its own name),
 * qBittorrent's `.!qB` (its `incomplete_files_ext` setting, qBittorrent's Web API), uTorrent's
 * `.!ut`, and aria2's `NAME.aria2` control file kept beside a `NAME` it writes in place.
 */
export const DOWNLOADING = ['.part', '.crdownload', '.filepart', '.partial', '.opdownload', '.download', '.!qB', '.!ut', '.aria2'] as const;

/**
 * Files an operating system or an office program puts into any folder it shows, never a dump:
 * Windows Explorer's `Thumbs.db`, `ehthumbs.db`, `desktop.ini`, a drive's `$RECYCLE.BIN` and
 * `System Volume Information`, macOS's `Icon\r` (a folder's custom icon; `.DS_Store` and the
 * `._NAME` AppleDouble files are hidden names), and Microsoft Office's `~$NAME` owner file, there
 * while the document is open (moved away, Office loses track of who holds it).
 */
const SYSTEM_NAMES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '$recycle.bin', 'system volume information', 'icon\r']);

export interface IgnoreRule {
  /** True for any path (absolute, or relative to the inbox) the watcher must leave alone. */
  (path: string): boolean;
}

/** Path relative to the inbox with `/` separators; undefined when it is outside the inbox. */
export function inboxRelative(inbox: string, path: string): string | undefined {
  const rel = isAbsolute(path) ? relative(inbox, path) : path;
  if (rel === '') return '';
  if (leadsOut(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Whether one name (a file or a folder on the way to it) is to be skipped. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return name.startsWith('.') || name.startsWith('~$') || TEMP_NAME.test(name) || DOWNLOADING.some((end) => lower.endsWith(end.toLowerCase())) || SYSTEM_NAMES.has(lower);
}

/**
 * The rule for one inbox. `alsoSkip` are absolute folders never to enter (the pool folder, when a
 * user points the inbox at a folder that holds it: its accountpool.yaml is no dump).
 */
export function ignoreRule(inbox: string, alsoSkip: string[] = []): IgnoreRule {
  const skip = alsoSkip.map((dir) => inboxRelative(inbox, dir)).filter((rel): rel is string => rel !== undefined && rel !== '');
  return (path: string) => {
    const rel = inboxRelative(inbox, path);
    if (rel === undefined) return true; // chokidar asks about the inbox's parents too: not ours
    if (rel === '') return false; // the inbox itself
    const parts = rel.split('/');
    if (parts[0] === IMPORTED_DIR || parts[0] === FAILED_DIR) return true;
    if (skip.some((s) => rel === s || rel.startsWith(`${s}/`))) return true;
    return parts.some(isIgnoredName);
  };
}
