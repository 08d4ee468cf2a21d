// The merge driver's side of hand-run-losses.ts: the lost-lease lines of a git accountpool did not
// start, appended to a pending file in .git for the hooks to record once git is done. Its own
// small file: the driver's bundle (src/cli/merge-driver-run.ts) carries no pool or lock code.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { gitPath } from './repo.js';
import { OWN_GIT_ENV } from './run-git.js';

export const PENDING_LOSSES_FILE = 'accountpool-lost-pending.log';

/** Whether the driver runs under a git accountpool started (which records what it loses itself). */
export const underOwnGit = (env: Record<string, string | undefined>): boolean => Boolean(env[OWN_GIT_ENV]);

/** Appends the driver's `lines` (lost-holds.ts lostHoldLine) to the pending file of the repository at `cwd`. */
export async function appendPendingLosses(cwd: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  // Appended, never followed through a link; git runs one driver at a time.
  const file = await open(await gitPath(cwd, PENDING_LOSSES_FILE), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    await file.write(`${lines.join('\n')}\n`);
  } finally {
    await file.close();
  }
}
