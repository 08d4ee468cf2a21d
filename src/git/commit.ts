// One git commit per pool transaction (`git.commit: true`), made by the pool's afterCommit hook
// while the pool lock is still held, so no other transaction can slip between the files and
// their commit.
//
// A failed git command never undoes or hides the transaction: by then the shards are already
// committed to disk (journaled, renamed) and other files may have been written with them (the
// scanner's accounts file). So the command still succeeds and prints a warning saying where the
// change is; it stays in the working tree and the next commit (or `accountpool sync`) takes it.
// Failing the command instead would tell a scanner's start script that allocate failed when its
// accounts file was in fact written and its accounts held.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitListener } from '../store/pool.js';
import { git } from './run-git.js';
import { assertOwnRepo } from './repo.js';
import { escapeControls } from '../terminal-text.js';
import { hostTrailer } from './clock-host.js';
import { assertShardsEncrypted } from './crypt.js';
import { CONFIG_FILE } from '../store/layout.js';
import { shellWord } from '../shell-word.js';
// Only the shards and the history are committed: never the operator's own uncommitted edits elsewhere in the folder.
import { isPoolFile, POOL_PATHS } from './pool-files.js';

interface Changes {
  paths: string[];
  /** Some are files git does not track yet (`??`): only `git add` takes those into a commit. */
  untracked: boolean;
}

/** Paths in `git status --porcelain -z` output (`XY path`, a rename followed by its old path). */
function changedPaths(status: string): Changes {
  const entries = status.split('\0');
  const paths: string[] = [];
  let untracked = false;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (entry.startsWith('??') || entry.startsWith('!!')) untracked = true;
    if (entry[0] === 'R' || entry[0] === 'C') i++; // the old path is not a change of its own
  }
  return { paths, untracked };
}

async function changesUnder(dir: string, paths: readonly string[]): Promise<Changes> {
  // Ignored files too (`!!`, each one: --ignored=traditional with --untracked-files=all): a peer's
  // .gitignore (`shards/.gitignore` of `*.yaml`, `shards/` in the root's) hid a reshard's new shards
  // and a new month of history from every commit here, and the commits published named shards
  // their tree lacked: every other host refused to sync (test/git/peer-gitignore.test.ts).
  return changedPaths((await git(['status', '--porcelain', '-z', '--untracked-files=all', '--ignored=traditional', '--', ...paths], { cwd: dir })).stdout);
}

/** The files under `paths` that differ from the last commit (new ones too), as git names them. */
export async function changedUnder(dir: string, paths: readonly string[]): Promise<string[]> {
  return (await changesUnder(dir, paths)).paths;
}

/**
 * Commits every changed shard with `message`. That is the transaction's shards, plus any an
 * earlier failed commit left behind (which are named in the message body). False when there was
 * nothing to commit (a transaction that rewrote a shard with the same bytes). `wholeIndexAbove`:
 * WHOLE_INDEX_ABOVE (tests set it to 0).
 */
export async function commitPoolChanges(dir: string, message: string, transactionFiles: readonly string[] = [], wholeIndexAbove = WHOLE_INDEX_ABOVE): Promise<boolean> {
  await assertOwnRepo(dir);
  const { paths: found, untracked } = await changesUnder(dir, POOL_PATHS);
  // Only what the pool writes is committed: a file else under shards/ or history/ (this host's
  // cache-seal key, made there by XDG_STATE_HOME or HOME pointing into the pool; a hand's copy)
  // was added with the rest and pushed to every host.
  const changed = found.filter(isPoolFile);
  const foreign = found.filter((f) => !isPoolFile(f)).map((f) => `:(exclude,literal)${f}`);
  if (changed.length === 0) return false;
  const ours = new Set(transactionFiles.map((f) => f.slice(dir.length).replace(/^[\\/]+/, '')));
  const earlier = transactionFiles.length > 0 ? changed.filter((f) => !ours.has(f)) : [];
  const body = earlier.length > 0 ? `\n\nAlso commits changes an earlier failed git commit left in: ${earlier.join(', ')}` : '';
  // A pathspec git does not know yet (no history before the first event) fails `git add`: name only those present.
  const paths = POOL_PATHS.filter((p) => changed.some((f) => f.startsWith(`${p}/`)) || p === 'shards');
  // A reshard writes the shard count into accountpool.yaml with its shards: every clone needs both.
  if (ours.has(CONFIG_FILE)) paths.push(CONFIG_FILE);
  await assertShardsEncrypted(dir, changed);
  // `git commit -- PATHS` takes tracked files as they are in the working tree (changed or
  // removed), new files only once added: `git add` (one more git process each transaction) only
  // when there are new ones (a new month's history file, a reshard's shards). A reshard's
  // accountpool.yaml is added too: status looked only below shards/ and history/, and a config
  // never committed before would make `git commit -- accountpool.yaml` fail.
  // Each pool file by name, forced: none is left out for a .gitignore's line (commitPoolChanges' status).
  const added = [...changed, ...(ours.has(CONFIG_FILE) ? [CONFIG_FILE] : [])];
  const large = (await bytesOf(dir, changed)) > wholeIndexAbove;
  if (untracked || ours.has(CONFIG_FILE) || large) await git(['add', '--all', '--force', '--', ...added.map((f) => `:(literal)${f}`)], { cwd: dir });
  // The trailer names this host, so the others know whose clock dated the commit (clock-claims.ts).
  // No hook runs for it (stop 58 R; for every git accountpool runs since stop 59: run-git.ts NO_HOOKS).
  const commit = ['commit', '--quiet', '--no-edit', '-m', `${message}${body}`, ...(await hostTrailer(dir))];
  // `git commit -- PATHS` hashes each file twice: into the index, then into a second index made
  // from HEAD that it commits (~0.45 s of CPU for an allocation's 64 shards of 2.7 MB, of 1.9 s
  // for the whole commit). Where the files are that large, they are added once (above) and the
  // index committed as it is, when it differs from HEAD only by them; else (the operator staged
  // something of their own) `-- shards history` commits only those paths, whatever else is staged.
  if (large && (await stagedOnly(dir, new Set(added)))) await git(commit, { cwd: dir });
  else await git([...commit, '--', ...paths, ...foreign], { cwd: dir });
  return true;
}

/**
 * Above this many bytes of changed files, they are added and the index committed (one hash of
 * each) rather than `git commit -- PATHS` (two), at the cost of one more git process (a few ms):
 * a few megabytes take about that long to hash.
 */
export const WHOLE_INDEX_ABOVE = 4 * 1024 * 1024;

/** The bytes of `files` (paths under `dir`) now; a file gone (a removal) counts none. */
async function bytesOf(dir: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await lstat(join(dir, file)).catch(() => undefined))?.size ?? 0;
  return total;
}

/** Whether every path the index holds other than HEAD's is one of `ours` (no file is read: index against HEAD). */
async function stagedOnly(dir: string, ours: ReadonlySet<string>): Promise<boolean> {
  try {
    const staged = (await git(['diff', '--cached', '--name-only', '--no-renames', '-z'], { cwd: dir })).stdout.split('\0').filter(Boolean);
    return staged.length > 0 && staged.every((path) => ours.has(path));
  } catch {
    return false; // then `-- PATHS`, as ever
  }
}

/** The hook Pool.open installs when `git.commit` is on. `warn` prints one line (stderr by default). */
export function commitAfterTransaction(dir: string, warn: (line: string) => void = (line) => process.stderr.write(`${escapeControls(line)}\n`)): CommitListener {
  return async ({ files, message }) => {
    try {
      await commitPoolChanges(dir, message, files);
      return true;
    } catch (error) {
      warn(
        `accountpool: warning: the pool change (${message}) is saved, but committing it to git failed: ${(error as Error).message}. ` +
          `It stays in the working tree of ${dir} and goes into the next commit (or run \`accountpool sync\`, or \`git -C ${shellWord(dir)} commit -- shards\`).`,
      );
      return false; // the next transaction tries again first, even one that changes nothing
    }
  };
}
