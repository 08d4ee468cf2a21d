// Which of the merge driver's two sides is the one other hosts may already have (the remote's):
// git hands the driver %A ("ours") and %B ("theirs"), and which is which turns with the command.
//
//   git rebase, git pull --rebase (and `accountpool sync`)  → ours: the branch replayed onto
//   git cherry-pick, revert (our reshard replay)            → ours: HEAD, the commit put on it
//   git merge, git pull (merging)                           → theirs: the branch merged in
// `sync` and the reshard replay say so in ACCOUNTPOOL_MERGE_PUBLISHED (no git process asked); a
// hand-run git is told apart by git's own traces: a rebase's folder in the git directory, and the
// GIT_REFLOG_ACTION git sets for a merge (`merge NAME`, `pull ...`). Either way the rule the merge
// applies (the published hold stands) is the same, whichever way git called the driver.
import { rebaseInProgress } from './repo.js';

export type Side = 'ours' | 'theirs';

/** What sync and the reshard replay set for the merge driver's git. */
export const PUBLISHED_ENV = 'ACCOUNTPOOL_MERGE_PUBLISHED';

export async function publishedSide(cwd: string, env: Record<string, string | undefined>): Promise<Side> {
  const said = env[PUBLISHED_ENV];
  if (said === 'ours' || said === 'theirs') return said;
  if (await rebaseInProgress(cwd).catch(() => false)) return 'ours';
  return /^(merge|pull)\b/.test(env.GIT_REFLOG_ACTION ?? '') ? 'theirs' : 'ours';
}
