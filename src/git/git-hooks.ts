// The git hooks `init --git` installs: post-merge and post-rewrite, which git runs after a merge
// (`git pull`, `git merge`) and a rebase (`git pull --rebase`, `git rebase`) ends. They record the
// leases the merge driver found lost under a git run by hand (hand-run-losses.ts). Each starts
// node only when the driver left something pending: otherwise a shell's test and out, and under
// a git accountpool itself runs (OWN_GIT_ENV: sync records its own) not even that.
// A hook of the operator's own in its place is left as it is: init names the line to add to it.
import { isAbsolute, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-write.js';
import { readOwnFile } from '../store/own-file.js';
import { git, OWN_GIT_ENV } from './run-git.js';
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

/** Installs (or brings up to date) each hook of ours; returns what it did in words, and a hook of the operator's it left alone. */
export async function installHooks(dir: string, cli: string): Promise<string[]> {
  const said: string[] = [];
  // core.hooksPath, where set, is where git looks (rev-parse --git-path follows it).
  const folder = (await git(['rev-parse', '--git-path', 'hooks'], { cwd: dir })).stdout.trim();
  const hooks = isAbsolute(folder) ? folder : join(dir, folder);
  await mkdir(hooks, { recursive: true, mode: 0o755 });
  for (const hook of HOOKS) {
    const path = join(hooks, hook);
    const text = await readOwnFile(path, 1024 * 1024);
    const wanted = script(hook, cli);
    if (text === wanted) continue;
    if (text !== undefined && !text.includes(MARK)) {
      said.push(`left your own ${path} as it is: add \`${hookCommand(hook, cli)}\` to it so that a hand-run git pull, merge or rebase records the leases it takes for \`accountpool status\``);
      continue;
    }
    await writeFileAtomic(path, wanted, 0o755);
    said.push(`installed the ${hook} hook (records the leases a hand-run git takes, for status)`);
  }
  return said;
}
