// Folders of the inbox whose path is not UTF-8 (`level-30/caf\xE9/`, unpacked from a Windows
// archive): chokidar names them with U+FFFD, cannot stat that name, and so never watches them. A
// file put into such a folder after it was made was found only by the next whole rescan (10 s).
// The scan (scan.ts, which lists names as bytes) tells each folder it walks; each one whose path
// holds bytes that are not UTF-8 is watched here by its bytes (fs.watch), and any change in it
// has that folder looked into once it has had time to settle, as chokidar's own events do.
import { watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { fsPath, hasRawBytes } from './raw-names.js';

export class RawFolderWatches {
  private readonly watches = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private closed = false;

  constructor(
    private readonly settleMs: number,
    private readonly look: (folder: string) => void,
  ) {}

  /** A folder the scan walked: watched when its path is not UTF-8 (and not yet watched). */
  see(folder: string): void {
    if (this.closed || !hasRawBytes(folder) || this.watches.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(fsPath(folder), { encoding: 'buffer', persistent: false }, () => this.changed(folder));
    } catch {
      return; // gone already, or no watch left (ENOSPC): the whole rescan still finds its files
    }
    // Removed or renamed away: forgotten; the next scan that walks it again watches it again.
    watcher.on('error', () => this.forget(folder));
    this.watches.set(folder, watcher);
  }

  private changed(folder: string): void {
    // Removed (or renamed away): forgotten, so a folder made again under that name is watched again.
    void lstat(fsPath(folder)).catch(() => this.forget(folder));
    if (this.closed || this.pending.has(folder)) return;
    this.pending.add(folder);
    // Once per folder at a time, however many writes a copy makes.
    setTimeout(() => this.pending.delete(folder), this.settleMs).unref();
    this.look(folder);
  }

  private forget(folder: string): void {
    this.watches.get(folder)?.close();
    this.watches.delete(folder);
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watches.values()) watcher.close();
    this.watches.clear();
  }
}
