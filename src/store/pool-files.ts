// Whether a path the user gave is one of the pool's own files or folders: an output file
// (allocate's accounts file, export --out) written there replaced a shard (its accounts gone from
// the pool) or the config, since every output is renamed over its target; an inbox there had the
// watcher file every shard away as a failed dump.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE, type PoolLayout } from './layout.js';

const real = (path: string) => realpath(path).catch(() => path);

function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
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
 * The folder of the pool (`shards`, `history`; '' for the pool folder itself) that `inbox` is or
 * lies in, by real paths (a link to shards/ is shards/), or undefined. An inbox holding the pool
 * folder is fine (the watcher skips the pool, see watch/ignore.ts).
 */
export async function poolFolderHolding(inbox: string, layout: PoolLayout): Promise<string | undefined> {
  const inboxReal = await real(inbox);
  if (inboxReal === (await real(layout.dir))) return '';
  for (const folder of [layout.shardsDir, layout.historyDir]) {
    if (within(await real(folder), inboxReal)) return basename(folder);
  }
  return undefined;
}
