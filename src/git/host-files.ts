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

/** Refuses to publish this pool's commits while they track a host file; says how to untrack it, the file kept. */
export async function refuseTrackedHere(dir: string): Promise<void> {
  const files = await trackedIn(dir, 'HEAD');
  if (files.length === 0) return;
  const list = files.join(' ');
  throw new AppError(
    `${dir}: this pool's commits track ${list}, which belong to one host alone (the change log holds passwords and changes not yet in the shards); nothing was synced. ` +
      `Untrack them, keeping the files: \`git -C ${shellWord(dir)} rm -r -q --cached -- ${list} && git -C ${shellWord(dir)} commit -q -m "untrack host files"\`, then sync again`,
  );
}

/** Refuses to take commits whose tip tracks a host file (another host committed it): nothing changed here. */
export async function refuseTrackedThere(dir: string, remoteHead: string, remote: string): Promise<void> {
  const files = await trackedIn(dir, remoteHead);
  if (files.length === 0) return;
  throw new AppError(
    `${remote} tracks ${files.join(' ')}, files of the host that committed them (with git add -f); taken here, its change log would be read as this pool's own. Nothing was synced or changed here. ` +
      `On that host, \`accountpool sync\` says how to untrack them; then sync here again`,
  );
}
