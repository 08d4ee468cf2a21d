// Facts about the pool's own repository that the git steps check before they act.
import { access, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../errors.js';
import { MANIFEST_FILE } from '../store/layout.js';
import { readOwnFile } from '../store/own-file.js';
import { git, gitTest } from './run-git.js';
import { shellWord } from '../shell-word.js';

/** The name the shard files' merge driver is registered under (`merge=accountpool` in .gitattributes). */
export const DRIVER = 'accountpool';

/** Whether `dir` holds a `.git` of its own (`init --git`), not only sits inside an outer repository. */
export function isOwnRepo(dir: string): Promise<boolean> {
  return access(join(dir, '.git')).then(
    () => true,
    () => false,
  );
}

/**
 * The pool must be a repository of its own (`accountpool init --git`). Without its own `.git`,
 * git would walk up and commit the pool's passwords into whatever outer repository holds the folder.
 */
export async function assertOwnRepo(dir: string): Promise<void> {
  if (!(await isOwnRepo(dir))) {
    throw new AppError(`${dir} is not a git repository of its own: run \`accountpool init --git --pool ${shellWord(dir)}\` first`);
  }
}

/** The branch the pool is on; a detached HEAD means someone is in the middle of something. */
export async function currentBranch(dir: string, config?: GitConfig): Promise<string> {
  // Not `--short`: with a tag of the same name it says `heads/main`, and the sync would push to a branch of that name.
  const branch = (config && (await branchFromHeadFile(dir, config))) ?? (await gitTest(['symbolic-ref', '--quiet', 'HEAD'], { cwd: dir }))?.stdout.trim().replace(/^refs\/heads\//, '');
  if (!branch) throw new AppError(`the pool repository ${dir} is not on a branch (detached HEAD): check it out with \`git -C ${shellWord(dir)} checkout BRANCH\``);
  return branch;
}

/**
 * The branch `.git/HEAD` names (`ref: refs/heads/main`, gitrepository-layout(5)) without a git
 * process, in the usual case: .git a folder of the files backend. Anything else (a detached HEAD,
 * a `gitdir:` file, reftable's stub HEAD, a ref outside refs/heads) is left to `git symbolic-ref`.
 */
async function branchFromHeadFile(dir: string, config: GitConfig): Promise<string | undefined> {
  if (config.get('extensions.refstorage') !== undefined) return undefined;
  const head = await readFile(join(dir, '.git', 'HEAD'), 'utf8').catch(() => undefined);
  const branch = /^ref: refs\/heads\/(\S+)\n?$/.exec(head ?? '')?.[1];
  return branch === undefined || branch === '.invalid' ? undefined : branch;
}

/**
 * The repository's whole config as git reads it (system, global, local, worktree, `-c` and
 * GIT_CONFIG_* from the environment, includes followed), from one `git config --list -z`: a sync
 * asks several keys, and a git process each was most of what a sync that finds nothing to do cost.
 */
export interface GitConfig {
  /** The key's last value, as `git config --get` prints it (trimmed; empty counts as unset). Section and variable names in lower case. */
  get(key: string): string | undefined;
}

/** The repository's config as the operator set it (its core.hooksPath too, never run-git.ts's NO_HOOKS). */
export async function readConfig(dir: string): Promise<GitConfig> {
  const values = new Map<string, string>();
  // `-z`: each entry is `key\nvalue\0` (`key\0` alone for a key without `=`), so a value may hold any character.
  for (const entry of (await git(['config', '--list', '-z'], { cwd: dir, operatorHooks: true })).stdout.split('\0')) {
    if (!entry) continue;
    const cut = entry.indexOf('\n');
    // Later entries win, as for `git config --get` (local after global after system).
    if (cut < 0) values.set(entry, '');
    else values.set(entry.slice(0, cut), entry.slice(cut + 1));
  }
  return { get: (key) => values.get(key)?.trim() || undefined };
}

export interface Upstream {
  /** The local branch. */
  branch: string;
  remote: string;
  /** The branch on the remote. */
  remoteBranch: string;
  /** Where the remote branch is fetched to (`refs/remotes/origin/main`). */
  tracking: string;
  /** The branch already tracks a remote branch (git config says so): the first push need not set it. */
  tracked: boolean;
}

/** The branch's upstream as git knows it, else `origin` (or the only remote) and a branch of the same name. */
export async function upstreamOf(dir: string, known?: GitConfig): Promise<Upstream> {
  const config = known ?? (await readConfig(dir));
  const branch = await currentBranch(dir, config);
  const tracked = config.get(`branch.${branch}.remote`) !== undefined;
  let remote = config.get(`branch.${branch}.remote`);
  if (!remote || remote === '.') {
    const remotes = (await git(['remote'], { cwd: dir })).stdout.split('\n').filter(Boolean);
    remote = remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined;
    if (!remote) {
      throw new AppError(
        remotes.length === 0
          ? `the pool repository ${dir} has no remote: add one with \`git -C ${shellWord(dir)} remote add origin URL\``
          : `the pool repository ${dir} has several remotes (${remotes.join(', ')}) and branch ${branch} tracks none: choose one with \`git -C ${shellWord(dir)} branch --set-upstream-to REMOTE/BRANCH\``,
      );
    }
  }
  const merge = config.get(`branch.${branch}.merge`);
  const remoteBranch = merge?.startsWith('refs/heads/') ? merge.slice('refs/heads/'.length) : branch;
  return { branch, remote, remoteBranch, tracking: `refs/remotes/${remote}/${remoteBranch}`, tracked };
}

/** The absolute path of a file inside .git (`rebase-merge`, our conflict log), wherever .git really is. */
export async function gitPath(dir: string, name: string): Promise<string> {
  // The usual case needs no git process: .git is the folder itself (a `gitdir:` file, a worktree, asks git).
  if ((await stat(join(dir, '.git')).catch(() => undefined))?.isDirectory()) return join(dir, '.git', name);
  // operatorHooks: `--git-path hooks` follows core.hooksPath (git-hooks.ts asks it); a rev-parse runs no hook.
  const path = (await git(['rev-parse', '--git-path', name], { cwd: dir, operatorHooks: true })).stdout.trim();
  return isAbsolute(path) ? path : join(dir, path);
}

/**
 * The absolute path of a file kept once for the whole repository, in its common .git folder, also
 * when asked from a linked worktree: the reshard replay's merges run in one inside .git
 * (reshard-scratch.ts), and `--git-path` there names that worktree's own folder, removed with it.
 */
export async function commonGitPath(dir: string, name: string): Promise<string> {
  if ((await stat(join(dir, '.git')).catch(() => undefined))?.isDirectory()) return join(dir, '.git', name);
  const common = (await git(['rev-parse', '--git-common-dir'], { cwd: dir })).stdout.trim();
  return join(isAbsolute(common) ? common : join(dir, common), name);
}

/** What git keeps in .git while a rebase is under way (rebase-merge/ until after its post-rewrite hook). */
export const REBASE_FILES = ['rebase-merge', 'rebase-apply'] as const;

/** A rebase left behind by a sync that was killed half-way. */
export async function rebaseInProgress(dir: string): Promise<boolean> {
  for (const name of REBASE_FILES) {
    if (await access(await gitPath(dir, name)).then(() => true, () => false)) return true;
  }
  return false;
}

/**
 * Whether this clone knows the merge driver. git config is not cloned: a fresh clone has the
 * .gitattributes line but not the driver, and would merge shards as plain text.
 */
export async function driverRegistered(dir: string, known?: GitConfig): Promise<boolean> {
  return (known ?? (await readConfig(dir))).get(`merge.${DRIVER}.driver`) !== undefined;
}

/** The record of the shards (src/store/manifest.ts) is merged by the same driver. */
export const MANIFEST_ATTRIBUTE = `shards/${MANIFEST_FILE} merge=${DRIVER}`;
/** Far beyond any .gitattributes or .gitignore of a pool; a bigger one is read as none. */
export const GIT_FILE_MAX = 1024 * 1024;

/** So are the history files (src/git/merge-history.ts): as text, git would write conflict markers into them. */
export const HISTORY_ATTRIBUTE = `history/*.txt merge=${DRIVER}`;

/**
 * Whether .gitattributes sends the shards, their record and the history files to our driver (a
 * file the user may have edited; one written before the record or the history existed lacks its
 * line: `init --git` adds it).
 */
export async function attributesSet(dir: string): Promise<boolean> {
  // Never through a link nor waiting on a FIFO (a peer may commit either, and git checks a link
  // out as a link; git itself reads no .gitattributes that is a link): such a file sets nothing.
  const lines = ((await readOwnFile(join(dir, '.gitattributes'), GIT_FILE_MAX)) ?? '').split('\n').map((line) => line.trim());
  return lines.some((line) => line.split(/\s+/).includes(`merge=${DRIVER}`)) && lines.includes(MANIFEST_ATTRIBUTE) && lines.includes(HISTORY_ATTRIBUTE);
}
