// Whether a path the user gave is one of the pool's own files or folders: an output file
// (allocate's accounts file, export --out) written there replaced a shard (its accounts gone from
// the pool) or the config, since every output is renamed over its target; an inbox there had the
// watcher file every shard away as a failed dump.
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { CONFIG_FILE, type PoolLayout } from './layout.js';
import { linkedAt } from './linked-path.js';
import { leadsOut } from '../leads-out.js';

const real = (path: string) => realpath(path).catch(() => path);

function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !leadsOut(rel);
}

/** What of the pool `path` would write over ("a shard folder file", ...), or undefined when it is no file of the pool's. */
export async function poolFileAt(layout: PoolLayout, path: string): Promise<string | undefined> {
  const dir = await real(dirname(path));
  const name = basename(path);
  if (dir === (await real(layout.dir)) && (name === CONFIG_FILE || name.startsWith('.') || name === 'shards' || name === 'history')) return `the pool's own ${name}`;
  for (const folder of [layout.shardsDir, layout.historyDir, join(layout.dir, '.cache')]) {
    if (within(await real(folder), dir)) return `in the pool's ${basename(folder)}/ folder`;
  }
  return undefined;
}

/**
 * Where `path` (an output file: allocate's accounts file, export --out) lies in the pool's inbox
 * (`inbox`, the folder accountpool.yaml names), as words for an error, else undefined. The watcher
 * takes a file there for a dump: it imports it and moves it to `imported/`, so a scanner's accounts
 * file written there vanished from under the scanner at the watcher's next look, its accounts still
 * held. By real paths: a link on the way is followed as the write would follow it.
 */
export async function inboxHolding(inbox: string, path: string): Promise<string | undefined> {
  return within(await real(inbox), await real(dirname(path))) ? `in the inbox ${inbox}: the watcher would take it for a dump and move it to imported/, away from whoever reads it` : undefined;
}

/**
 * The folder of the pool (`shards`, `history`, `clocks`, any dot-folder such as `.cache`; '' for
 * the pool folder itself) that `inbox` is or lies in, by real paths (a link to shards/ is
 * shards/), or undefined. An inbox holding the pool folder is fine (the watcher skips the pool,
 * see watch/ignore.ts); an inbox inside a folder of the pool's own had the watcher file the
 * pool's files away as failed dumps: `inbox: .cache` moved the clock marker, the checked
 * settings and the canonical hashes into `.cache/failed/`, `inbox: clocks` every host's clock
 * file. A folder of another name inside the pool (`inbox: inbox`) is the operator's.
 */
export async function poolFolderHolding(inbox: string, layout: PoolLayout): Promise<string | undefined> {
  const rel = relative(await real(layout.dir), await real(inbox));
  if (rel === '') return '';
  if (leadsOut(rel)) return undefined;
  const top = rel.split(sep)[0]!;
  return POOL_FOLDERS.has(top) || top.startsWith('.') ? top : undefined;
}

/** The pool's own folders besides its dot-folders (.cache, .inbox-receipts, .git, .lock). */
const POOL_FOLDERS = new Set(['shards', 'history', 'clocks']);

/**
 * What stands where a folder must be made (`path` is a file, a link to no folder), as words for
 * an error, or undefined when the place is free or already a folder. mkdir would only say EEXIST.
 */
export async function inTheWayOfFolder(path: string): Promise<string | undefined> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (!(info instanceof Error)) return info.isDirectory() ? undefined : `${path} is ${info.isFile() ? 'a file' : 'something else'}, not a folder`;
  if (info.code === 'ENOTDIR') {
    let up = dirname(path); // the first of its parents that is no folder
    while (up !== dirname(up) && !(await stat(up).then((parent) => !parent.isDirectory(), () => false))) up = dirname(up);
    return `${up} is a file, not a folder (on the way to ${path})`;
  }
  if (info.code !== 'ENOENT') return undefined; // mkdir says what is wrong
  return (await lstat(path).then(() => true, () => false)) ? `${path} is a link to nothing, not a folder` : undefined;
}

/**
 * The pool's folder of shards or of caches found as a link, as words for an error, else undefined.
 * git checks out a folder another host replaced by a link (`shards -> /elsewhere`) as that link,
 * and a `.cache` committed with `git add -f` the same way: followed, every shard (passwords and
 * all) would be written where the link leads, outside the pool, and accounts read from there.
 */
export async function linkedPoolFolder(layout: PoolLayout): Promise<string | undefined> {
  // The caches' own folders too: a `.cache` committed with `git add -f` is a real folder whose
  // `circle` (every username, by shard), `standings` or `log` may be links out of the pool.
  for (const folder of [layout.shardsDir, join(layout.dir, '.cache'), layout.circleDir, layout.standingsDir, layout.logDigestDir]) {
    const linked = await linkedAt(folder);
    if (linked) {
      return `${linked}, not the pool's own folder: accountpool neither reads nor writes through it; put the folder back in its place (another host's commit, or a hand, made the link)`;
    }
  }
  return undefined;
}
