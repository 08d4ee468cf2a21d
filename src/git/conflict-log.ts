// The password conflicts the merge driver could not decide, kept where an operator can find them.
//
// The password that lost is a credential, so it goes to a file inside .git (mode 0600, in the
// 0700 pool folder, never pushed), not to a commit message: commit messages travel to every
// clone and are not encrypted by git-crypt. Commit messages and `verify` name only the accounts.
// One log for the repository: a merge a sync's reshard replay runs in its scratch worktree
// (reshard-scratch.ts) records there too (until stop 48 into that worktree's own folder, deleted
// with it: the password not kept was lost).
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PasswordConflict } from './merge-accounts.js';
import { commonGitPath, isOwnRepo } from './repo.js';

export const CONFLICT_LOG = 'accountpool-conflicts.jsonl';

export interface ConflictEntry {
  /** When the merge ran. */
  at: string;
  /** The shard, as git named it (`shards/07.yaml`). */
  file: string;
  username: string;
  /** The side kept, in git's terms for the merge that ran (in a rebase, "ours" is the remote). */
  kept: 'ours' | 'theirs';
  /** The password not kept. */
  other_password: string;
}

/** Appends one line per conflict; `dir` is the repository's top folder (the merge driver's cwd). */
export async function recordConflicts(dir: string, file: string, conflicts: readonly PasswordConflict[], now = new Date()): Promise<string> {
  const log = await commonGitPath(dir, CONFLICT_LOG);
  const lines = conflicts.map((c) => JSON.stringify({ at: now.toISOString(), file, username: c.username, kept: c.kept, other_password: c.other } satisfies ConflictEntry));
  await appendFile(log, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  return log;
}

/** Every conflict recorded in the pool's repository (none when the pool is not in git). */
export async function readConflicts(dir: string): Promise<ConflictEntry[]> {
  if (!(await isOwnRepo(dir))) return [];
  const text = await readFile(await commonGitPath(dir, CONFLICT_LOG), 'utf8').catch(() => '');
  const entries: ConflictEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as ConflictEntry);
    } catch {
      // a line cut short by a crash: the others still count
    }
  }
  return entries;
}

/**
 * One line per recorded conflict, without the passwords, for `verify` to print. (verify.ts can
 * show them with `for (const line of await conflictReport(pool.layout.dir)) println(ctx.stderr, line)`.)
 */
export async function conflictReport(dir: string): Promise<string[]> {
  const entries = await readConflicts(dir);
  const log = entries.length > 0 ? await commonGitPath(dir, CONFLICT_LOG) : '';
  return entries.map((e) => `${join(dir, e.file)}: account ${e.username}: two hosts set different passwords (merged ${e.at}); the newer record's password was kept, the other is in ${log} (delete that line once settled)`);
}
