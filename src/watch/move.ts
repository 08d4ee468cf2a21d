// Setting a dump aside once it is done with: `inbox/imported/YYYY-MM-DD/NAME` after an import,
// `inbox/failed/NAME` plus `NAME.error.txt` when it cannot be imported. Nothing is ever deleted
// or overwritten: a name already taken gets a suffix, `dump (1).txt`, `dump (2).txt`, ...
//
// Every move is one rename(2) in the same file system (the folders are inside the inbox), so a
// file is in the inbox or in its new place, never in both and never half. rename would replace an
// existing target silently, so the free name is found first; that check cannot race because only
// one watcher works on an inbox (inbox-lock.ts) and nothing else writes into imported/ or failed/.
// A symbolic link is moved as the link itself (rename never follows it).
import { lstat, mkdir, rename } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';
import { FAILED_DIR, IMPORTED_DIR } from './ignore.js';

/** `dump.txt` → `dump (n).txt`; names without an extension (or hidden-only ones) get it at the end. */
export function suffixed(name: string, n: number): string {
  const ext = extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return ext && ext !== name ? `${stem} (${n})${ext}` : `${name} (${n})`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The first of `name`, `name (1)`, `name (2)`, ... for which no `${candidate}${extra}` is in `dir`. */
export async function freeName(dir: string, name: string, extras: string[] = ['']): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? name : suffixed(name, n);
    let taken = false;
    for (const extra of extras) if (await exists(join(dir, candidate + extra))) taken = true;
    if (!taken) return candidate;
  }
}

export const NOTE_SUFFIX = '.error.txt';

/** Local calendar day, as the user reads the folder names. */
export function dayFolder(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Moves an imported dump to imported/DAY/; returns its new path relative to the inbox. */
export async function moveToImported(inbox: string, path: string, now: Date): Promise<string> {
  const day = dayFolder(now);
  const dir = join(inbox, IMPORTED_DIR, day);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = await freeName(dir, basename(path));
  await rename(path, join(dir, name));
  return `${IMPORTED_DIR}/${day}/${name}`;
}

/**
 * Moves a dump that cannot be imported to failed/, with `NAME.error.txt` beside it. The note is
 * written (temp file, fsync, rename) before the dump moves, so a dump never sits in failed/
 * without its note. Killed in between, the dump is still in the inbox and is simply tried again;
 * the note left alone is not replaced (it might as well be a user's file called `x.error.txt`
 * that failed itself, and nothing is ever overwritten), so the retry takes the next free name.
 */
export async function moveToFailed(inbox: string, path: string, note: string): Promise<string> {
  const dir = join(inbox, FAILED_DIR);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = await freeName(dir, basename(path), ['', NOTE_SUFFIX]);
  await writeFileAtomic(join(dir, name + NOTE_SUFFIX), note, 0o600);
  await rename(path, join(dir, name));
  return `${FAILED_DIR}/${name}`;
}
