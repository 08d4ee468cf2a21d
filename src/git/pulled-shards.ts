// The shards a pull changed, and their accounts before and after it, one shard at a time.
//
// A pull of a few allocations changes a few shards; the rest are the same bytes before and after,
// so whatever is read off the pool to see what the pull brought is read off those shards only
// (a whole read of 1,000,000 accounts: ~9 s CPU and ~700 MB, at every sync). A reshard taken
// changes every shard file: then every one is read, still one at a time.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Account } from '../model.js';
import { decodeShard } from '../store/shard-codec.js';
import { git } from './run-git.js';
import { blobText } from './blob-read.js';

/** V8's longest string is ~512 MB: no shard larger was ever read here as text. */
const SHARD_TEXT_MAX_BYTES = 512 * 1024 * 1024;

/** The shard files (`shards/*.yaml`) that differ between commits `from` and `to`, added and deleted ones included. */
export async function changedShardPaths(dir: string, from: string, to: string): Promise<string[]> {
  const out = (await git(['diff', '--name-only', '-z', '--no-renames', from, to, '--', 'shards/'], { cwd: dir })).stdout;
  return out.split('\0').filter((path) => path.endsWith('.yaml'));
}

/** The accounts of shard file `path` at `commit`; none when it is not there or does not read (every write here refused such a shard already). */
export async function shardAccountsAt(dir: string, commit: string, path: string): Promise<readonly Account[]> {
  let text: string;
  try {
    text = await blobText(dir, commit, path, SHARD_TEXT_MAX_BYTES);
  } catch {
    return [];
  }
  try {
    return decodeShard(basename(path, '.yaml'), path, text).accounts;
  } catch {
    return [];
  }
}

/** The accounts of shard file `path` in the work tree (a pull's result, as every write reads it); none when it is gone. */
export async function shardAccountsNow(dir: string, path: string): Promise<readonly Account[]> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? [] : decodeShard(basename(path, '.yaml'), file, text).accounts;
}
