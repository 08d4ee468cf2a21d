// Files of one host that the pool's .gitignore keeps out of git (init-repo.ts): the change log
// (every changed account's line, password included, and changes that host has not folded yet),
// the journal, the lock, the caches and the inbox receipts. Committed anyway (`git add -f`), a
// pull brings them to other hosts: there another host's change log is read as this pool's own,
// folded on both hosts (its history lines written twice), a journal rolled forward over shards it
// never wrote. `sync` neither takes nor publishes a commit that tracks one.
import { AppError } from '../errors.js';
import { git } from './run-git.js';
import { shellWord } from '../shell-word.js';

const HOST_FILES = ['.changes.log', '.changes.old.log', '.journal.json', '.lock', '.cache', '.inbox-receipts'];

/** The host files `commit` tracks (none, nearly always). */
async function trackedIn(dir: string, commit: string): Promise<string[]> {
  const { stdout } = await git(['ls-tree', '--name-only', commit, '--', ...HOST_FILES], { cwd: dir });
  return stdout.split('\n').filter(Boolean);
}

export interface FetchedHead {
  /** The commit the remote branch's tracking ref names after the fetch. */
  commit: string;
  /** The host files HEAD tracks, and those the fetched commit tracks. */
  here: string[];
  there: string[];
}

/**
 * What a sync asks after each fetch, from one git process: the commit `tracking` names
 * (`rev-parse --verify` was one process) and the host files HEAD and it track (`ls-tree` of
 * each was two). `git cat-file --batch-check` answers each name read from its input on a line
 * of its own, `<name> missing` for one that names nothing (git's Documentation/git-cat-file.txt,
 * "BATCH OUTPUT"). A name that resolves to anything, even an object this clone lacks (a
 * submodule's commit), counts as tracked, as `ls-tree` lists it.
 */
export async function fetchedHead(dir: string, tracking: string): Promise<FetchedHead> {
  const names = [`${tracking}^{commit}`, ...HOST_FILES.map((file) => `HEAD:${file}`), ...HOST_FILES.map((file) => `${tracking}:${file}`)];
  const lines = (await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: dir, input: `${names.join('\n')}\n` })).stdout.split('\n');
  const [commit, type] = (lines[0] ?? '').split(' ');
  if (type !== 'commit') throw new AppError(`${tracking} names no commit after fetching it (git cat-file said: ${lines[0] ?? 'nothing'})`);
  const tracked = (from: number) => HOST_FILES.filter((file, i) => lines[from + i] !== `${names[from + i]} missing`);
  return { commit: commit!, here: tracked(1), there: tracked(1 + HOST_FILES.length) };
}

/** Refuses to publish this pool's commits while they track a host file; says how to untrack it, the file kept. */
export async function refuseTrackedHere(dir: string, known?: string[]): Promise<void> {
  const files = known ?? (await trackedIn(dir, 'HEAD'));
  if (files.length === 0) return;
  const list = files.join(' ');
  throw new AppError(
    `${dir}: this pool's commits track ${list}, which belong to one host alone (the change log holds passwords and changes not yet in the shards); nothing was synced. ` +
      `Untrack them, keeping the files: \`git -C ${shellWord(dir)} rm -r -q --cached -- ${list} && git -C ${shellWord(dir)} commit -q -m "untrack host files"\`, then sync again`,
  );
}

/** Refuses to take commits whose tip tracks a host file (another host committed it): nothing changed here. */
export function refuseTrackedThere(files: string[], remote: string): void {
  if (files.length === 0) return;
  throw new AppError(
    `${remote} tracks ${files.join(' ')}, files of the host that committed them (with git add -f); taken here, its change log would be read as this pool's own. Nothing was synced or changed here. ` +
      `On that host, \`accountpool sync\` says how to untrack them; then sync here again`,
  );
}
