// Setting a dump aside once it is done with: `inbox/imported/YYYY-MM-DD/NAME` after an import,
// `inbox/failed/NAME` plus `NAME.error.txt` when it cannot be imported. Nothing is ever deleted
// or overwritten: a name already taken gets a suffix, `dump (1).txt`, `dump (2).txt`, ...
//
// Every move is one rename(2) between two folders of the inbox held open (inbox-folder.ts), so a
// file is in the inbox or in its new place, never in both and never half, and no link swapped
// into either path can take it (or bring anything) from outside the inbox. rename would replace
// an existing target silently, so the free name is found first; that check cannot race because
// only one watcher works on an inbox (inbox-lock.ts) and nothing else writes into imported/ or
// failed/. A symbolic link is moved as the link itself (rename never follows it).
//
// What is filed is the watcher's alone: files get mode 0600 and the folders 0700 (the dumps hold
// passwords). The mode is set through the handle the dump was read with, so it reaches that very
// file and never the target of a link; a file we could not open (or that is not ours) keeps its mode.
import type { Stats } from 'node:fs';
import { lstat, rename, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';
import { FAILED_DIR, IMPORTED_DIR } from './ignore.js';
import { openInboxFolder, sameFile, type InboxFolder } from './inbox-folder.js';
import { rawName } from './raw-names.js';

/** `dump.txt` → `dump (n).txt`; names without an extension (or hidden-only ones) get it at the end. */
export function suffixed(name: string, n: number): string {
  const ext = extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return ext && ext !== name ? `${stem} (${n})${ext}` : `${name} (${n})`;
}

async function exists(path: string | Buffer): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Bytes a name may take: a file name holds at most 255, and a note is written through a temp
 * file whose name adds about 40 (atomic-write.ts). A dropped name of up to 255 bytes would
 * otherwise leave no room for ` (n)`, `.error.txt` or the temp: the dump could be neither filed
 * nor set aside, and stayed in the inbox for good.
 */
const NAME_BYTES = 255;
const NOTED_NAME_BYTES = 200;
const SUFFIX_ROOM = 12; // ` (n)` for n up to 10^9

/** Bytes the name takes on disk (a byte that is not UTF-8 is one, see raw-names.ts). */
const byteLength = (name: string) => rawName(name).length;

/** `name` cut to `bytes` by shortening its stem on a character boundary, keeping a short extension. */
function cutTo(name: string, bytes: number): string {
  if (byteLength(name) <= bytes) return name;
  const ext = extname(name);
  const kept = ext && ext !== name && byteLength(ext) <= 16 ? ext : '';
  const chars = Array.from(name.slice(0, name.length - kept.length));
  while (chars.length > 0 && byteLength(`${chars.join('')}…${kept}`) > bytes) chars.pop();
  return `${chars.join('')}…${kept}`;
}

/**
 * The first of `name`, `name (1)`, `name (2)`, ... for which no `${candidate}${extra}` is in `dir`;
 * a name too long for that (`${candidate}${extra}` over `maxBytes`) is shortened first.
 */
export async function freeName(dir: InboxFolder, name: string, extras: string[] = [''], maxBytes = NAME_BYTES): Promise<string> {
  const room = maxBytes - Math.max(...extras.map((extra) => byteLength(extra)));
  const base = byteLength(name) <= room ? name : cutTo(name, room - SUFFIX_ROOM);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : suffixed(base, n);
    let taken = false;
    for (const extra of extras) if (await exists(dir.at(`${candidate}${extra}`))) taken = true;
    if (!taken) return candidate;
  }
}

export const NOTE_SUFFIX = '.error.txt';

/** Local calendar day, as the user reads the folder names. */
export function dayFolder(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The folder imports are filed into (imported/), made if missing and held open, with its day
 * folder checked: opened before the import, so a file or link where either should be stops the
 * import (OutsideInbox names what is in the way) instead of leaving a file imported but
 * impossible to move. The day folder itself is made when the first file is filed into it.
 */
export async function openImported(root: string, now: Date): Promise<InboxFolder> {
  const imported = await openInboxFolder(root, IMPORTED_DIR, { create: true });
  try {
    await (await imported.child(dayFolder(now))).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await imported.close();
      throw error;
    }
  }
  return imported;
}

export function openFailed(root: string): Promise<InboxFolder> {
  return openInboxFolder(root, FAILED_DIR, { create: true });
}

/** The dump being filed: its name in `from`, and when it was opened, its identity and handle. */
export interface Filing {
  from: InboxFolder;
  name: string;
  opened?: { handle: FileHandle; info: Stats };
}

/** One rename between held folders into `to/target`, checked before and after. */
async function fileInto(dump: Filing, to: InboxFolder, target: string): Promise<void> {
  await dump.from.check();
  await to.check();
  await rename(dump.from.at(dump.name), to.at(target));
  await to.check();
  if (!dump.opened) return;
  // Another file swapped in under the dump's name in the microseconds before the rename: it is
  // put back (still in the inbox, to be imported in its turn), never filed unread.
  if (!sameFile(await lstat(to.at(target)), dump.opened.info)) {
    const back = await freeName(dump.from, dump.name);
    await rename(to.at(target), dump.from.at(back));
    throw new Error(`was replaced by another file while being filed; that file was put back as ${dump.from.rel ? `${dump.from.rel}/` : ''}${back}`);
  }
  // A file with other names (a hard link dropped in) is also a file outside the inbox: its mode
  // is not ours to change. Not our file (EPERM): it keeps its mode too.
  if ((await dump.opened.handle.stat()).nlink > 1) return;
  await dump.opened.handle.chmod(0o600).catch(() => {});
}

/** A file that goes where the dump goes, under the dump's new name and its suffix (a database's `-wal`, wal-companions.ts). */
export interface Beside {
  suffix: string;
  name: string;
  /** Its own folder, where that is not the dump's (a compose file's `env/bot.env`, container-group.ts). */
  from?: InboxFolder;
}

/**
 * The companions first: killed between the moves, the dump is still in the inbox, and its receipt
 * (or its failure, again) files it; a companion left behind alone would be taken as a dump of its own.
 */
async function fileCompanions(dump: Filing, companions: readonly Beside[], to: InboxFolder, target: string): Promise<void> {
  for (const c of companions) await fileInto({ from: c.from ?? dump.from, name: c.name }, to, target + c.suffix);
}

/** Moves an imported dump into imported/DAY/ (`imported` from openImported); returns its new path relative to the inbox. */
export async function moveToImported(dump: Filing, imported: InboxFolder, now: Date, companions: readonly Beside[] = []): Promise<string> {
  await imported.check(); // moved meanwhile: make nothing in it
  const day = await imported.child(dayFolder(now), { create: true });
  try {
    const target = await freeName(day, dump.name, ['', ...companions.map((c) => c.suffix)]);
    await fileCompanions(dump, companions, day, target);
    await fileInto(dump, day, target);
    return `${day.rel}/${target}`;
  } catch (error) {
    throw dump.from.shown(day.shown(error));
  } finally {
    await day.close();
  }
}

/**
 * Files a dump into `to` under `target`, beside a file filed before (a -wal beside its database,
 * late-wal.ts); returns its new path relative to the inbox. A name taken meanwhile takes the next free one.
 */
export async function moveBeside(dump: Filing, to: InboxFolder, target: string): Promise<string> {
  const free = await freeName(to, target);
  await fileInto(dump, to, free);
  return `${to.rel}/${free}`;
}

/** What `NAME.error.txt` says: the reason, and that nothing of the file is in the pool. */
export function failureNote(name: string, reason: string, when: Date, inbox: string): string {
  return [
    `accountpool watch could not import ${name}`,
    '',
    `reason: ${reason}`,
    `file:   ${name} (in the inbox ${inbox})`,
    `when:   ${when.toISOString()}`,
    '',
    'This attempt added nothing to the pool (an import is all of the file or nothing).',
    'Fix the cause, then drop the file into the inbox again.',
    '',
  ].join('\n');
}

/**
 * Writes the note (temp file, fsync, rename). A name that is not UTF-8 is a path of bytes, which
 * writeFileAtomic does not take: the note is written under a hidden name, then renamed to its own
 * (killed in between, a hidden file is left in failed/, which is never looked into).
 */
async function writeNote(to: InboxFolder, name: string, note: string): Promise<void> {
  const target = to.at(name);
  if (typeof target === 'string') return writeFileAtomic(target, note, 0o600);
  const hidden = to.at(`.note-${process.pid}-${Date.now()}.txt`);
  if (typeof hidden !== 'string') throw new Error(`cannot write a note in ${to.rel}: the inbox's own path is not UTF-8`);
  await writeFileAtomic(hidden, note, 0o600);
  await rename(hidden, target);
}

/**
 * Moves a dump that cannot be imported into `to` (from openFailed), with `NAME.error.txt` beside
 * it. The note is written (temp file, fsync, rename) before the dump moves, so a dump never sits
 * in failed/ without its note. Killed in between, the dump is still in the inbox and is simply
 * tried again; the note left alone is not replaced (it might as well be a user's file called
 * `x.error.txt` that failed itself, and nothing is ever overwritten), so the retry takes the next
 * free name.
 */
export async function moveToFailed(dump: Filing, to: InboxFolder, note: string, companions: readonly Beside[] = []): Promise<string> {
  await dump.from.check(); // a dump that cannot be moved gets no note either
  try {
    const target = await freeName(to, dump.name, ['', NOTE_SUFFIX, ...companions.map((c) => c.suffix)], NOTED_NAME_BYTES);
    await writeNote(to, target + NOTE_SUFFIX, note);
    await fileCompanions(dump, companions, to, target);
    await fileInto(dump, to, target);
    return `${to.rel}/${target}`;
  } catch (error) {
    throw dump.from.shown(to.shown(error));
  }
}
