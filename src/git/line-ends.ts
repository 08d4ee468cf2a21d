// The pool's files as accountpool writes them, with LF line ends, after a git that converted them.
//
// A clone made where git converts line ends (core.autocrlf=true: Git for Windows' default, or a
// ~/.gitconfig copied from there; core.eol=crlf) of a pool whose .gitattributes predates the
// `-text` lines (init-repo.ts) has every shard, the record of the shards and the history checked
// out with CR LF. They read as the same accounts (YAML takes CR LF as a line break; the record's
// reader drops the CR), but once `init --git` has added `-text` git compares the files' bytes with
// what was committed: each would show as changed, and the next `git add` of the pool would commit
// them with CR LF. So `init --git` writes each such file back with LF: the same accounts and lines,
// whatever was edited in it and not yet committed.
//
// Only a file git itself could have converted: git converts line ends of text only, and a file
// holding a NUL byte or a CR not followed by LF is binary to it (git's convert.c, gather_stats and
// convert_is_binary). A locked git-crypt clone's shards are git-crypt's ciphertext (binary, from
// `\0GITCRYPT\0`): random bytes, a CR LF among them in ~1.5 % of kilobytes. "Mending" one took a
// byte out of the ciphertext: the shard could never be decrypted again (git-crypt: "encrypted
// file has been tampered with"), all its accounts lost, and `git-crypt unlock` refused the clone
// ("Working directory not clean").
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOwnBytes } from '../store/own-file.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { acquireLock } from '../store/lock.js';
import { recover } from '../store/journal.js';
import type { PoolLayout } from '../store/layout.js';
import { isEncrypted } from './crypt.js';

/** Far beyond any shard (8,000 accounts on average before a reshard) or month of history. */
const MAX_POOL_FILE = 1024 * 1024 * 1024;
const CRLF = Buffer.from('\r\n');

/** Binary to git (convert.c's convert_is_binary: a NUL, or a CR with no LF after it): git never converts its line ends. */
function binaryToGit(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  for (let at = bytes.indexOf(13); at >= 0; at = bytes.indexOf(13, at + 1)) if (bytes[at + 1] !== 10) return true;
  return false;
}

/** `bytes` with every CR LF made LF; undefined when it holds none, or is binary to git (git converted nothing there). */
export function withLfEnds(bytes: Buffer): Buffer | undefined {
  let at = bytes.indexOf(CRLF);
  if (at < 0 || isEncrypted(bytes) || binaryToGit(bytes)) return undefined;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(bytes.subarray(from, at));
    from = at + 1; // keep the LF
    at = bytes.indexOf(CRLF, from);
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** The pool's files git checks out: the shards, their record, the months of history (pool-files.ts). */
async function poolFiles(layout: PoolLayout): Promise<string[]> {
  const list = async (folder: string, wanted: (name: string) => boolean) => (await readdir(join(layout.dir, folder)).catch(() => [] as string[])).filter(wanted).map((name) => join(layout.dir, folder, name));
  return [...(await list('shards', (n) => n.endsWith('.yaml') || n === '.manifest')), ...(await list('history', (n) => /^\d{4}-\d\d\.txt$/.test(n)))];
}

/**
 * Writes each of the pool's files that holds a CR LF back with LF ends, under the pool lock (a
 * transaction may be writing a shard); returns how many. A link, a FIFO or a file no regular one is
 * never read or written here: the commands name those.
 */
export async function plainLineEnds(layout: PoolLayout, lockWaitMs: number): Promise<number> {
  const lock = await acquireLock(layout.dir, layout.lock, { waitMs: lockWaitMs });
  try {
    await recover(layout.journal); // a transaction a crash left behind, finished or rolled back first
    let written = 0;
    for (const file of await poolFiles(layout)) {
      const bytes = await readOwnBytes(file, MAX_POOL_FILE);
      const plain = bytes && withLfEnds(bytes);
      if (!plain) continue;
      await writeFileAtomic(file, plain, 0o600);
      written++;
    }
    return written;
  } finally {
    await lock.release();
  }
}
