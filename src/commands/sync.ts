// `accountpool sync`: pull the other hosts' changes (rebase, shards merged account by account), then push.
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { sync } from '../git/sync.js';
import { describeFinding } from '../git/clock-verdict.js';
import { describeLostHolds } from '../git/lost-holds.js';
import { recordedAdvice } from '../git/last-allocations.js';
import { EXIT } from '../errors.js';
import { counted } from '../counted-noun.js';

const FLAGS = { json: { type: 'boolean' } } as const satisfies Flags;

export const syncCommand: Command = {
  help: `usage: accountpool sync [--json] [--pool DIR]

For a pool shared by several hosts through a git remote (see \`accountpool init --git\`):
commits any pool change not yet in git, fetches the remote branch, rebases this host's commits
onto it (shard files changed on both sides are merged account by account: the newer allocation
keeps the hold already on the remote, unless its lease ended over two days ago while this
host's runs, and a release ends only the hold it saw, never a lease
taken elsewhere since; the newer verdict wins the state), and pushes. A hold this host handed
out that another host had handed out and published first is lost: each such instance and its
accounts are named ("lost lease:"), with how to give that scanner others, and the exit code is
4 (the sync itself finished: pulled, pushed). When another host pushed first,
it pulls and tries again, a few times. A rebase that cannot finish is aborted, leaving the pool
as it was; so is a pull whose shards no write would accept (a shard cut short or unreadable, an
account in two shards) or that leaves an account this host held in no shard: the message names
the remote's commit and the shards. The remote is the branch's upstream, else origin.

It also compares the other hosts' newest commits with this host's clock: one dated more than 5
minutes in the future is written to clocks/HOST.yaml and pushed, and a host whose clock the hosts
find wrong is named on every host, here and by \`accountpool status\` (see docs/git.md: Clocks).

  --json   the outcome as one JSON object`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('sync', ctx.argv, FLAGS);
    const pool = await openPool(ctx, values.pool);
    const report = await sync(pool, { log: (line) => println(ctx.stderr, line) });
    if (report.lost.length > 0) {
      const advice = await recordedAdvice(pool.layout.dir);
      for (const line of describeLostHolds(report.lost, advice)) println(ctx.stderr, `accountpool: warning: ${line}`);
    }
    if (values.json) printJson(ctx.stdout, report);
    else {
      const conflicts = report.conflicts > 0 ? `; ${report.conflicts} password conflicts recorded (see accountpool verify)` : '';
      println(ctx.stdout, `synced with ${report.remote}: ${counted(report.pulled, 'commit')} pulled, ${report.pushed} pushed${conflicts}`);
      for (const finding of report.clocks.findings) println(ctx.stdout, `clock: ${describeFinding(finding, report.clocks.self)}`);
    }
    // Synced, but a scanner may be using accounts another host holds: not a success to a cron job.
    return report.lost.length > 0 ? EXIT.leasesLost : EXIT.ok;
  },
};
