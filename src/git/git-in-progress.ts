// A git run by hand that stopped half-way for the operator: a merge, rebase, cherry-pick or revert
// on a conflict (the driver settles the shards, but any other file may conflict), or a rebase's
// `edit` step. Its merge driver may already have left lost-lease lines pending
// (hand-run-losses.ts) that the rest of that git can still undo (`git merge --abort`, a later
// commit of the rebase giving the hold back): they wait until it ends, for its hook or the next sync.
import { stat } from 'node:fs/promises';
import { gitPath, REBASE_FILES } from './repo.js';
// git's own files for each (wt-status.c names the same), shared with the transactions' check.
import { UNDER_WAY } from './work-tree-away.js';

/** The git files that mark a merge (git keeps MERGE_HEAD until after its post-merge hook); a rebase's are repo.ts's REBASE_FILES. */
export const MERGE_FILES = ['MERGE_HEAD'] as const;
export { REBASE_FILES };

/** The hand-run git still under way in the repository at `dir`, in words, or undefined; `ending`: the files of the git whose own hook asks, ignored. */
export async function gitInProgress(dir: string, ending: readonly string[] = []): Promise<string | undefined> {
  for (const { file, what } of UNDER_WAY) {
    if (ending.includes(file)) continue;
    if (await stat(await gitPath(dir, file)).then(() => true, () => false)) return what;
  }
  return undefined;
}
