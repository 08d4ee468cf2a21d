// Folders of the inbox that stay put while we use them, whatever is renamed or swapped meanwhile.
//
// Anyone who can drop files into the inbox can also rename a folder of it away and put a symlink
// to any folder in its place, between our look and our use. A path resolved by name (lstat, open,
// rename) follows such a link in every component but the last (O_NOFOLLOW guards only the last),
// so `inbox/level-30/x.txt` could mean a file anywhere. git refuses symlinks in leading components
// (has_symlink_leading_path in its symlinks.c); Linux's openat2(RESOLVE_BENEATH) resolves beneath
// an opened folder. Node has neither, so:
//   - a folder is opened one component at a time, each with O_DIRECTORY | O_NOFOLLOW relative to
//     the folder opened before it (starting from the inbox's real path, taken once at start): a
//     link or a file in the way is refused (ENOTDIR), never followed;
//   - the opened folder is then used through its magic link /proc/self/fd/N: the kernel goes
//     straight to the folder we hold, not to whatever now has its name, so every later lstat,
//     open, readdir, mkdir and rename of `N/name` happens in that folder — the name is resolved
//     once, when it is opened, and never again;
//   - its real path (readlink of /proc/self/fd/N) is checked against the path it must have
//     (inbox real path + its names); one moved meanwhile, even inside the inbox, is refused.
// What remains, and why it is harmless:
//   - the last component in a held folder is resolved by name, but lstat, rename, rmdir and
//     O_NOFOLLOW opens never follow it; a file swapped in under the dump's name between our check
//     and the rename is caught by the identity check after it and put back (move.ts);
//   - a held folder moved elsewhere between its check and a rename still receives or gives the
//     very file we read: to move it out of the inbox needs write access outside it, and whoever
//     has that could move the file themselves;
//   - chokidar resolves paths by name: through a swapped link it may list names and stat sizes
//     outside (never contents), and what it reports comes here and is refused;
//   - without /proc (not Linux) every component is checked with lstat before each use and after
//     it instead (git's way): a swap in the microseconds between check and use can then still be
//     followed; the watcher says so at start.
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readlink, type FileHandle } from 'node:fs/promises';
import { fsPath, nameOf } from './raw-names.js';

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** A path of the inbox that no longer leads to where it should (a link or file swapped in, a folder moved). */
export class OutsideInbox extends Error {}

let procMode: boolean | undefined;

/** Tests of the fallback switch /proc off; undefined = find out. */
export function useProcForTests(value: boolean | undefined): void {
  procMode = value;
}

/** The real path of an opened file or folder, read from /proc/self/fd; undefined without /proc. */
export async function realPathOf(handle: FileHandle): Promise<string | undefined> {
  if (procMode === false) return undefined;
  try {
    // As bytes: a folder or file whose name is not UTF-8 must compare equal to its own name (raw-names.ts).
    const path = nameOf(await readlink(`/proc/self/fd/${handle.fd}`, { encoding: 'buffer' }));
    procMode = true;
    return path;
  } catch (error) {
    if (procMode === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      procMode = false;
      return undefined;
    }
    throw error;
  }
}

/** Whether held folders are used through /proc/self/fd (no window for a swap), as on Linux. */
export async function pinsFolders(root: string): Promise<boolean> {
  const folder = await openInboxFolder(root, '');
  await folder.close();
  return procMode === true;
}

export const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

export class InboxFolder {
  constructor(
    /** The inbox's real path. */
    readonly root: string,
    /** This folder relative to the inbox (`/`-separated; '' for the inbox itself). */
    readonly rel: string,
    readonly handle: FileHandle,
  ) {}

  /** The real path this folder must have. */
  get real(): string {
    return this.rel === '' ? this.root : `${this.root}/${this.rel}`;
  }

  /** A path to `name` inside this very folder, whatever has its name now (bytes for a name that is not UTF-8, see raw-names.ts). */
  at(name = ''): string | Buffer {
    const base = procMode ? `/proc/self/fd/${this.handle.fd}` : this.real;
    return fsPath(name === '' ? base : `${base}/${name}`);
  }

  /**
   * `error` with this folder's real path where its message says /proc/self/fd/N (the path `at`
   * gives): a full disk while a note was written into failed/ was "could not write
   * /proc/self/fd/23/x.error.txt", a path that names nothing to the operator, and a closed one.
   */
  shown<E>(error: E): E {
    if (procMode && error instanceof Error) error.message = error.message.split(`/proc/self/fd/${this.handle.fd}`).join(this.real);
    return error;
  }

  /** Throws OutsideInbox unless this folder is still at its place in the inbox. */
  async check(): Promise<void> {
    const path = await realPathOf(this.handle);
    if (path !== undefined) {
      if (path !== this.real) throw new OutsideInbox(`${this.rel || 'the inbox'} is no longer at ${this.real} (now ${path}, moved or replaced)`);
      return;
    }
    // Without /proc: every component from the inbox down must be a folder, and the last one ours.
    let path2 = this.root;
    for (const part of ['', ...(this.rel === '' ? [] : this.rel.split('/'))]) {
      if (part) path2 = `${path2}/${part}`;
      const info = await lstat(fsPath(path2));
      if (!info.isDirectory()) throw new OutsideInbox(`${path2.slice(this.root.length + 1)} is not a folder of the inbox (a link or a file is in its place)`);
    }
    if (!sameFile(await lstat(fsPath(path2)), await this.handle.stat())) throw new OutsideInbox(`${this.rel || 'the inbox'} was replaced`);
  }

  /** Opens the folder `part` inside this one, never through a link (`create`: made 0700 when missing). */
  async child(part: string, { create = false } = {}): Promise<InboxFolder> {
    const rel = this.rel === '' ? part : `${this.rel}/${part}`;
    if (part === '' || part === '.' || part === '..' || part.includes('/')) throw new OutsideInbox(`${rel} is not a plain path inside the inbox`);
    let inner: InboxFolder;
    try {
      inner = new InboxFolder(this.root, rel, await openDir(this.at(part), create));
    } catch (error) {
      if (code(error) === 'ENOTDIR' || code(error) === 'ELOOP') throw new OutsideInbox(`${rel} is not a folder of the inbox (a link or a file is in its place)`);
      throw this.shown(error);
    }
    try {
      await inner.check(); // renamed between our listing and the open; without /proc, any component swapped
      return inner;
    } catch (error) {
      await inner.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Opens the folder `rel` of the inbox whose real path is `root`, component by component, never
 * through a link. `create` makes missing folders (mode 0700). Throws OutsideInbox when a link or a
 * file is in the way or the folder is not where its names say; ENOENT when it is missing.
 */
export async function openInboxFolder(root: string, rel: string, { create = false } = {}): Promise<InboxFolder> {
  let folder = new InboxFolder(root, '', await open(root, DIR_FLAGS));
  try {
    await folder.check();
    for (const part of rel === '' ? [] : rel.split('/')) {
      const inner = await folder.child(part, { create });
      await folder.close();
      folder = inner;
    }
    return folder;
  } catch (error) {
    await folder.close();
    throw error;
  }
}

/** `a/b/name` → `{ dir: 'a/b', base: 'name' }`. */
export function splitRel(rel: string): { dir: string; base: string } {
  const slash = rel.lastIndexOf('/');
  return { dir: slash < 0 ? '' : rel.slice(0, slash), base: rel.slice(slash + 1) };
}

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/** lstat of `rel` inside the inbox, through held folders; undefined when it is not there (or not inside any more). */
export async function lstatInInbox(root: string, rel: string): Promise<Stats | undefined> {
  const { dir, base } = splitRel(rel);
  let folder;
  try {
    folder = await openInboxFolder(root, dir);
    return await lstat(folder.at(base));
  } catch (error) {
    if (error instanceof OutsideInbox || MISSING.has(code(error) ?? '')) return undefined;
    throw error;
  } finally {
    await folder?.close();
  }
}

/** Opens a folder, first making it (0700, whatever the umask) when asked and missing. */
async function openDir(path: string | Buffer, create: boolean): Promise<FileHandle> {
  try {
    return await open(path, DIR_FLAGS);
  } catch (error) {
    if (!create || code(error) !== 'ENOENT') throw error;
  }
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error; // made meanwhile: open what is there (still never a link)
    return open(path, DIR_FLAGS);
  }
  const handle = await open(path, DIR_FLAGS);
  await handle.chmod(0o700);
  return handle;
}
