// The git hooks `init --git` installs: post-merge and post-rewrite, which git runs after a merge
// (`git pull`, `git merge`) and a rebase (`git pull --rebase`, `git rebase`) ends. They record the
// leases the merge driver found lost under a git run by hand (hand-run-losses.ts). Each starts
// node only when the driver left something pending: otherwise a shell's test and out, and under
// a git accountpool itself runs (OWN_GIT_ENV: sync records its own) not even that.
// A hook of the operator's own in its place is left as it is: init names the line to add to it.
import { join, resolve, sep } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-write.js';
import { readOwnFile } from '../store/own-file.js';
import { git, gitTest, OWN_GIT_ENV } from './run-git.js';
import { gitPath, type GitConfig } from './repo.js';
import { shellWord } from '../shell-word.js';
import { PENDING_LOSSES_FILE } from './pending-losses.js';

export const HOOKS = ['post-merge', 'post-rewrite'] as const;

/** The line every hook of ours holds (how init tells ours from the operator's). */
const MARK = '# accountpool (init --git): records for `accountpool status` the leases a hand-run git pull, merge or rebase took from this host';

/**
 * The command a hook runs (`cli`: node and this installation's bin/accountpool.js, quoted, as the
 * merge driver's), git's arguments after it (post-rewrite's `rebase` or `amend`: git-hook tells them apart).
 */
export function hookCommand(hook: string, cli: string): string {
  return `${cli} git-hook ${hook} --pool . "$@"`;
}

/** A hook's script. git runs it in the work tree's top folder: the pool's, whose .git is a folder of its own. */
function script(hook: string, cli: string): string {
  return [
    '#!/bin/sh',
    MARK,
    `[ -n "$${OWN_GIT_ENV}" ] && exit 0`,
    `pending=.git/${PENDING_LOSSES_FILE}`,
    `[ -d .git ] || pending=$(git rev-parse --git-path ${PENDING_LOSSES_FILE})`,
    '[ -s "$pending" ] || exit 0',
    `exec ${hookCommand(hook, cli)}`,
    '',
  ].join('\n');
}

/** Where git runs this repository's hooks from, and whether that folder is this pool's alone. */
async function hooksFolder(dir: string, config: GitConfig | undefined): Promise<{ folder: string; own: boolean }> {
  // Unset (nearly always): .git/hooks, no git process.
  if (config !== undefined && config.get('core.hookspath') === undefined) return { folder: await gitPath(dir, 'hooks'), own: true };
  // core.hooksPath, where set, is where git looks (rev-parse --git-path follows it, ~ expanded;
  // relative: to the work tree's top, where git runs hooks).
  const path = (await git(['rev-parse', '--git-path', 'hooks'], { cwd: dir, operatorHooks: true })).stdout.trim();
  const folder = resolve(dir, path);
  const top = resolve(dir);
  return { folder, own: folder === top || folder.startsWith(`${top}${sep}`) };
}

/** Where core.hooksPath was set (`file:/home/ops/.gitconfig`), for the operator to find it. */
async function hooksPathOrigin(dir: string): Promise<string> {
  const shown = await gitTest(['config', '--show-origin', '--get', 'core.hooksPath'], { cwd: dir, operatorHooks: true });
  return shown?.stdout.split('\t')[0]?.trim() || 'git config';
}

/**
 * Installs (or brings up to date) each hook of ours; returns what it did in words, a hook of the
 * operator's it left alone, and a hooks folder shared beyond this pool it would not write in.
 * `config`: the repository's config, when the caller has read it (sync).
 */
export async function installHooks(dir: string, cli: string, config?: GitConfig): Promise<string[]> {
  const said: string[] = [];
  const { folder: hooks, own } = await hooksFolder(dir, config);
  if (!own) {
    // A core.hooksPath outside the pool (a global one: every repository of the user): our hooks
    // there would run for all of them, and it may hold the operator's. Explained, never written.
    return [`not installed the post-merge and post-rewrite hooks: core.hooksPath (${await hooksPathOrigin(dir)}) makes git run every hook from ${hooks}, shared beyond this pool; for a hand-run git pull, merge or rebase to record the leases it takes for \`accountpool status\`, add \`${hookCommand('post-merge', cli)}\` to ${join(hooks, 'post-merge')} and \`${hookCommand('post-rewrite', cli)}\` to ${join(hooks, 'post-rewrite')} (each exits at once where nothing is pending), or give this pool hooks of its own: \`git -C ${shellWord(dir)} config core.hooksPath .git/hooks\`, then \`accountpool init --git\` (your shared hooks then no longer run for it)`];
  }
  await mkdir(hooks, { recursive: true, mode: 0o755 });
  for (const hook of HOOKS) {
    const path = join(hooks, hook);
    const text = await readOwnFile(path, 1024 * 1024);
    const wanted = script(hook, cli);
    if (text === wanted) continue;
    if (text !== undefined && !text.includes(MARK)) {
      // One the operator already made run ours says nothing.
      if (text.includes(`git-hook ${hook}`)) continue;
      said.push(`left your own ${path} as it is: add \`${hookCommand(hook, cli)}\` to it so that a hand-run git pull, merge or rebase records the leases it takes for \`accountpool status\``);
      continue;
    }
    await writeFileAtomic(path, wanted, 0o755);
    said.push(`installed the ${hook} hook (records the leases a hand-run git takes, for status)`);
  }
  return said;
}

/** What sync has said of the hooks already (.git, this host's): each piece of advice is said once. */
const TOLD_FILE = 'accountpool-hooks-told';

/**
 * `sync`'s side: a clone set up before stop 51 (or whose hooks a newer accountpool changed) gets
 * them installed as `init --git` would; advice it cannot act on (a hook of the operator's, a shared
 * core.hooksPath) is logged by the first sync that finds it, not by every one.
 */
export async function ensureHooks(dir: string, cli: string, config: GitConfig, log: (line: string) => void): Promise<void> {
  const said = await installHooks(dir, cli, config);
  if (said.length === 0) return;
  const toldPath = await gitPath(dir, TOLD_FILE);
  const told = new Set(((await readOwnFile(toldPath, 1024 * 1024)) ?? '').split('\n'));
  const fresh = said.filter((line) => line.startsWith('installed ') || !told.has(line));
  for (const line of fresh) log(`accountpool: ${line}`);
  const advice = said.filter((line) => !line.startsWith('installed '));
  if (advice.some((line) => !told.has(line))) await writeFileAtomic(toldPath, `${[...told, ...advice].filter(Boolean).join('\n')}\n`, 0o600);
}
