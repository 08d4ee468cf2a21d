// What in the inbox is not a dump to import: decided on the path relative to the inbox, so the
// same rule serves chokidar's `ignored` callback and our own scan, and a pool or inbox that itself
// lives under a hidden folder (~/.local/share/...) is still watched.
import { isAbsolute, relative, sep } from 'node:path';

/** Folders the watcher makes itself at the top of the inbox; never walked, never imported. */
export const IMPORTED_DIR = 'imported';
export const FAILED_DIR = 'failed';

/**
 * Names of files that are still being written or belong to an editor: browsers (`.crdownload`,
 * `.part`), WinSCP's uploads (`.filepart`, its PARTIAL_EXT in winscp/winscp
 * source/core/RemoteFiles.h: written under that name, renamed when complete, and a paused upload
 * would otherwise settle and be imported half done), download tools and our own atomic writes (`.tmp`), vim (`.swp`, `.swo`, `.swx`),
 * emacs and others (`~`). Hidden names (a leading dot, including rsync's `.name.XXXXXX` and
 * emacs' `.#name`) are handled by the dot rule.
 */
const TEMP_NAME = /(\.swp|\.swo|\.swx|~|\.part|\.filepart|\.crdownload|\.tmp)$/i;

export interface IgnoreRule {
  /** True for any path (absolute, or relative to the inbox) the watcher must leave alone. */
  (path: string): boolean;
}

/** Path relative to the inbox with `/` separators; undefined when it is outside the inbox. */
export function inboxRelative(inbox: string, path: string): string | undefined {
  const rel = isAbsolute(path) ? relative(inbox, path) : path;
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Whether one name (a file or a folder on the way to it) is to be skipped. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || TEMP_NAME.test(name);
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
