// What the dashboard shows of the inbox: the dumps waiting to be imported, and those set aside in
// failed/ with the reason from their note. Only names, sizes, times and the note's reason line:
// never a dump's content. Notes are opened without following links (a link planted in failed/
// must not put another file on the page) and read only in part.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { scanInbox } from '../watch/scan.js';
import { FAILED_DIR, ignoreRule } from '../watch/ignore.js';
import { NOTE_SUFFIX } from '../watch/move.js';
import { fsPath, nameOf, shownName } from '../watch/raw-names.js';

/** More than this many of each are counted, not listed. */
const LISTED = 50;
const NOTE_BYTES = 4096;

export interface InboxFile {
  /** Relative to the inbox (`level-30/order.eml`, or the name in failed/). */
  name: string;
  bytes: number;
  /** Last modified (ISO). */
  at: string;
  /** Why it failed (failed files only). */
  reason?: string;
}

export interface InboxView {
  dir: string;
  /** The config's inbox, in a pool shared through git, that this host has not accepted: not looked into. */
  notAccepted?: boolean;
  waiting: InboxFile[];
  waitingTotal: number;
  failed: InboxFile[];
  failedTotal: number;
}

async function noteReason(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(fsPath(path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return 'no note beside it';
  }
  try {
    if (!(await handle.stat()).isFile()) return 'no note beside it';
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(NOTE_BYTES), 0, NOTE_BYTES, 0);
    const text = buffer.toString('utf8', 0, bytesRead);
    const reason = /^reason: (.*)$/m.exec(text)?.[1] ?? text.split('\n').find((line) => line.trim() !== '');
    return reason?.trim() || 'no reason given';
  } finally {
    await handle.close();
  }
}

async function failedFiles(inbox: string): Promise<InboxFile[]> {
  const dir = join(inbox, FAILED_DIR);
  // As bytes: a name that is not UTF-8 (raw-names.ts) is listed, shown with `\xE9` for its bytes.
  const names = (await readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[])).map(nameOf);
  const files: InboxFile[] = [];
  for (const name of names) {
    if (name.endsWith(NOTE_SUFFIX) || name.startsWith('.')) continue;
    const info = await lstat(fsPath(join(dir, name))).catch(() => undefined);
    if (!info) continue;
    files.push({ name, bytes: info.size, at: info.mtime.toISOString() });
  }
  return files.sort((a, b) => (a.at < b.at ? 1 : -1)); // newest first
}

export async function inboxView(inbox: string, poolDir: string): Promise<InboxView> {
  const waitingPaths = await scanInbox(inbox, ignoreRule(inbox, [poolDir])).catch(() => [] as string[]);
  const waiting: InboxFile[] = [];
  for (const path of waitingPaths.slice(0, LISTED)) {
    const info = await lstat(fsPath(path)).catch(() => undefined);
    if (info) waiting.push({ name: shownName(relative(inbox, path)), bytes: info.size, at: info.mtime.toISOString() });
  }
  const failed = await failedFiles(inbox);
  const shown = failed.slice(0, LISTED);
  for (const file of shown) {
    file.reason = await noteReason(join(inbox, FAILED_DIR, file.name + NOTE_SUFFIX));
    file.name = shownName(file.name);
  }
  return { dir: inbox, waiting, waitingTotal: waitingPaths.length, failed: shown, failedTotal: failed.length };
}
