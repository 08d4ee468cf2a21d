// `accountpool git-hook post-merge|post-rewrite`: what the hooks `init --git` installs run after
// a hand-run `git pull`, `git merge` or `git rebase` whose merge driver found leases this host's
// instances lost (src/git/hand-run-losses.ts): records them for `status`, as `sync` does, and
// names them per instance with the command that refreshes each accounts file.
import { parseFlags, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { UsageError } from '../errors.js';
import { describeLostHolds } from '../git/lost-holds.js';
import { recordedAdvice } from '../git/last-allocations.js';
import { origHead, recordPendingLosses } from '../git/hand-run-losses.js';
import { gitInProgress, MERGE_FILES, REBASE_FILES } from '../git/git-in-progress.js';

const FLAGS = {} as const satisfies Flags;

export const gitHook: Command = {
  help: `usage: accountpool git-hook post-merge|post-rewrite [ARGS...] [--pool DIR]

Run by the git hooks \`accountpool init --git\` installs, not by hand: records for
\`accountpool status\` the leases of this host's instances that the merge driver of a hand-run
git pull, merge or rebase gave to another host's published hand-out.`,
  flags: FLAGS,
  async run(ctx) {
    const { values, positionals } = parseFlags('git-hook', ctx.argv, FLAGS, true);
    if (positionals[0] !== 'post-merge' && positionals[0] !== 'post-rewrite') throw new UsageError('git-hook needs post-merge or post-rewrite (git runs it; see accountpool git-hook --help)');
    const pool = await openPool(ctx, values.pool);
    // git runs post-merge before it removes MERGE_HEAD, and post-rewrite for a rebase before it
    // removes rebase-merge/: that git has ended. Another still under way (a merge inside a rebase
    // stopped for the operator, an amend there, a pull while a cherry-pick waits) may still undo
    // what its driver left: its own end records it.
    // (A hook installed before stop 52 passes no `rebase` or `amend`: taken as a rebase.)
    const ending = positionals[0] === 'post-merge' ? MERGE_FILES : positionals[1] === 'amend' ? [] : REBASE_FILES;
    if ((await gitInProgress(pool.layout.dir, ending)) !== undefined) return 0;
    const recorded = await recordPendingLosses(pool, positionals[0], await origHead(pool.layout.dir));
    if (recorded.length > 0) {
      const advice = await recordedAdvice(pool.layout.dir);
      for (const line of describeLostHolds(recorded, advice)) println(ctx.stderr, `accountpool: warning: ${line}`);
      println(ctx.stderr, `accountpool: recorded for \`accountpool status\` (until each instance is allocated again, released, or --ack-lost)`);
    }
    return 0;
  },
};
