// A link standing where the pool keeps a folder or file of its own (shards/, .cache/, the lock,
// clocks/, the inbox receipts): git checks out a folder a peer committed as a link as that link,
// and a hand can make one. Followed, it would send our reads and writes outside the pool; each
// caller refuses it in its own words, naming the link and where it leads.
import { readlinkSync } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';

/** `PATH is a link (to TARGET)` when `path` is a symbolic link, else undefined (absent or not a link). */
export async function linkedAt(path: string): Promise<string | undefined> {
  if (!(await lstat(path).catch(() => undefined))?.isSymbolicLink()) return undefined;
  return `${path} is a link (to ${await readlink(path).catch(() => '?')})`;
}

/**
 * Where the link at `path` leads, for a message about a link already seen there; `?` when it is
 * no link any more (replaced again since): the link seen is still what is refused. Synchronous,
 * for the checks made in the same step as the write they guard (journal.ts, shard-open.ts).
 */
export function linkTargetSync(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}
