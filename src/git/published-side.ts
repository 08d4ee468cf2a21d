// Which of the merge driver's two sides is the one other hosts may already have (the remote's):
// git hands the driver %A ("ours") and %B ("theirs"), and which is which turns with the command.
//
//   git rebase, git pull --rebase (and `accountpool sync`)  → ours: the branch replayed onto
//   our reshard replay's cherry-pick                        → ours: HEAD, the commit put on it
//   git merge, git pull (merging)                           → theirs: the branch merged in
//   a hand-run git cherry-pick, revert, am                  → ours when HEAD is published
// `sync` and the reshard replay say so in ACCOUNTPOOL_MERGE_PUBLISHED (no git process asked); a
// hand-run git is told apart by git's own traces: a rebase's folder in the git directory, and the
// GIT_REFLOG_ACTION git sets for a merge (`merge NAME`, `pull ...`). A hand-run cherry-pick leaves
// neither (git 2.39: no GIT_REFLOG_ACTION, and .git/sequencer only for a range), and picks both
// ways: a peer's commit onto this host's unpublished work (theirs published), or this host's own
// commit onto the remote's branch (ours). So HEAD as the command began (the sequencer's `head` for
// a range, whose later picks sit on the earlier ones) is published when a remote-tracking branch
// holds it; a clone with no remote-tracking branch keeps ours. Either way the rule the merge
// applies (the published hold stands) is the same, whichever way git called the driver.
import { readFile } from 'node:fs/promises';
import { gitPath, rebaseInProgress } from './repo.js';
import { git } from './run-git.js';

export type Side = 'ours' | 'theirs';

/** What sync and the reshard replay set for the merge driver's git. */
export const PUBLISHED_ENV = 'ACCOUNTPOOL_MERGE_PUBLISHED';

export async function publishedSide(cwd: string, env: Record<string, string | undefined>): Promise<Side> {
  const said = env[PUBLISHED_ENV];
  if (said === 'ours' || said === 'theirs') return said;
  if (await rebaseInProgress(cwd).catch(() => false)) return 'ours';
  if (/^(merge|pull)\b/.test(env.GIT_REFLOG_ACTION ?? '')) return 'theirs';
  return (await headPublished(cwd)) ? 'ours' : 'theirs';
}

/** Whether HEAD as the running git command began is on a remote-tracking branch (or none exists to tell). */
async function headPublished(cwd: string): Promise<boolean> {
  // A git that fails here (the driver run outside a repository) tells nothing: ours, as before.
  const remotes = await git(['for-each-ref', '--count=1', '--format=%(refname)', 'refs/remotes'], { cwd }).catch(() => undefined);
  if (!remotes || remotes.stdout.trim() === '') return true; // nothing to tell by: as before
  const began = (await readFile(await gitPath(cwd, 'sequencer/head'), 'utf8').catch(() => '')).trim() || 'HEAD';
  const holding = await git(['for-each-ref', '--count=1', '--format=%(refname)', '--contains', began, 'refs/remotes'], { cwd }).catch(() => undefined);
  return holding === undefined || holding.stdout.trim() !== '';
}
