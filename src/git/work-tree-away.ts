// Whether the pool's work tree is, for now, not its branch's: a git the operator ran by hand stopped
// half-way (a rebase on a conflict or at an `edit` or `break` step, a merge, cherry-pick or revert
// on a conflict), or HEAD checked out at a commit of its own (`git checkout <old commit>`).
// A pool change written then is not safe: its files are an older or half-made state (a rebase
// stopped at its first commit lacks this host's later hand-outs: an account handed out there
// looks free), and the git's end throws it away (`git rebase --abort` and `git merge --abort`
// reset the work tree; the next checkout carries it off to another commit), so the accounts a
// scanner was given are free again for the next allocate. Every pool transaction of a pool shared
// through git asks here first (cli/open-pool.ts) and is refused, saying what to finish or abort.
// A rebase `accountpool sync` itself began and did not end (killed) is told apart by the mark it
// leaves beside it (SYNC_REBASE_MARK): the next `sync` aborts that one; a hand-run one never.
// No git process (every transaction asks): git's own files in .git, as wt-status.c reads them, from
// one stat, one listing of the folder and HEAD, read synchronously: ~7 awaited stats cost 0.7-5 ms
// a check at load 15-18 (each a round trip through libuv's thread pool), these 0.13-0.2 ms
// (docs/scale-log.md, stop 53 H).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { shellWord } from '../shell-word.js';

/** What git keeps in .git while each is under way, the git in words, and how it is finished and aborted. */
export const UNDER_WAY: readonly { file: string; what: string; finish: string; abort: string }[] = [
  { file: 'MERGE_HEAD', what: 'git merge (or pull)', finish: 'commit', abort: 'merge --abort' },
  { file: 'rebase-merge', what: 'git rebase (or pull --rebase)', finish: 'rebase --continue', abort: 'rebase --abort' },
  { file: 'rebase-apply', what: 'git rebase (or am)', finish: 'rebase --continue', abort: 'rebase --abort' },
  { file: 'CHERRY_PICK_HEAD', what: 'git cherry-pick', finish: 'cherry-pick --continue', abort: 'cherry-pick --abort' },
  { file: 'REVERT_HEAD', what: 'git revert', finish: 'revert --continue', abort: 'revert --abort' },
];

/** Beside a rebase `sync` runs (.git, this host's): the commit it began at, as git's `orig-head`. */
export const SYNC_REBASE_MARK = 'accountpool-sync-rebase';

/** The pool's git folder without a git process: `.git` itself, or the folder a `gitdir:` file names (a linked work tree's own). */
export async function gitFolder(dir: string): Promise<string | undefined> {
  const dotGit = join(dir, '.git');
  const info = statSync(dotGit, { throwIfNoEntry: false });
  if (info === undefined) return undefined;
  if (info.isDirectory()) return dotGit;
  const named = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''))?.[1]?.trim();
  return named === undefined ? undefined : isAbsolute(named) ? named : resolve(dir, named);
}

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;

/** Whether the rebase under way in `git` (rebase-merge/ or rebase-apply/) is the one a sync began and left (killed): its mark names the rebase's orig-head. */
export async function isSyncRebase(git: string, folder: string): Promise<boolean> {
  const mark = (await readFile(join(git, SYNC_REBASE_MARK), 'utf8').catch(() => '')).trim();
  const began = (await readFile(join(git, folder, 'orig-head'), 'utf8').catch(() => '')).trim();
  return mark !== '' && mark === began;
}

/**
 * Why a pool change may not be written in the pool at `dir` now (see above), in words with what to
 * run, or undefined: none under way, HEAD on a branch (or no repository of its own).
 */
export async function workTreeAway(dir: string): Promise<string | undefined> {
  const git = await gitFolder(dir);
  if (git === undefined) return undefined;
  const g = `git -C ${shellWord(dir)}`;
  let names: Set<string>;
  try {
    names = new Set(readdirSync(git));
  } catch {
    return undefined; // no git folder to read: nothing of git's under way here
  }
  for (const step of UNDER_WAY) {
    if (!names.has(step.file)) continue;
    if (step.file.startsWith('rebase-') && (await isSyncRebase(git, step.file))) {
      return `an accountpool sync was interrupted in the middle of its rebase in ${dir}: run \`accountpool sync --pool ${shellWord(dir)}\` (it aborts that rebase and syncs), then this command again`;
    }
    return (
      `a hand-run ${step.what} is under way in ${dir} (stopped for you: a conflict, or an edit or break step): the pool's files there are not its branch's, and a change written now could hand out an account twice or be lost when it ends; ` +
      `finish it (\`${g} ${step.finish}\`) or abort it (\`${g} ${step.abort}\`), then run this command again`
    );
  }
  let head: string | undefined;
  try {
    head = readFileSync(join(git, 'HEAD'), 'utf8');
  } catch {
    head = undefined;
  }
  if (head !== undefined && !head.startsWith('ref: ')) {
    return (
      `the pool repository ${dir} is not on a branch (detached HEAD: a git checkout of one commit?): its files are that commit's, and a change written now could hand out an account held since or be lost to the next checkout; ` +
      `go back to the branch (\`${g} checkout -\`, or \`${g} checkout BRANCH\`), then run this command again`
    );
  }
  return undefined;
}

/** Whether the rebase under way in the pool at `dir` is one a sync began and left (killed), not the operator's. */
export async function syncRebaseLeft(dir: string): Promise<boolean> {
  const git = await gitFolder(dir);
  if (git === undefined) return false;
  for (const folder of ['rebase-merge', 'rebase-apply']) if ((await exists(join(git, folder))) && (await isSyncRebase(git, folder))) return true;
  return false;
}
