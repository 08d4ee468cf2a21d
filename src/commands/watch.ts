// `accountpool watch`: import every dump dropped into the inbox (see src/watch/ for how).
import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertUtf8Inbox } from '../watch/inbox-path.js';
import { parseFlags, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { AppError, UsageError } from '../errors.js';
import { parseDuration } from '../duration.js';
import { DEFAULT_SETTLE_MS, importInboxOnce, watchInbox } from '../watch/watcher.js';
import { poolFolderHolding } from '../store/pool-files.js';

const FLAGS = { inbox: { type: 'string', completes: 'dir' }, once: { type: 'boolean' }, settle: { type: 'string' } } as const satisfies Flags;

export const watchCommand: Command = {
  help: `usage: accountpool watch [--inbox DIR] [--once] [--settle DURATION] [--pool DIR]

Watches the inbox (default: the pool config's \`inbox\`, ../inbox beside the pool) and imports
every file dropped there, one at a time, each as one transaction like \`accountpool import\`.
Files already there at start are imported first. A file is taken once nothing has been written
to it for the settle time, so a dump still being copied is never imported half.

  inbox/level-30/ or inbox/30/   files there are imported at level 30 (a level column wins)
  inbox/imported/YYYY-MM-DD/     where a file goes once its accounts are in the pool
  inbox/failed/                  where a file goes when it cannot be imported, with
                                 NAME.error.txt beside it saying why (file:line when it can)
Nothing is deleted; a name already taken gets a suffix: dump (1).txt.
Skipped: hidden files, editor and download temp files (.swp ~ .part .filepart .crdownload .tmp), and
folders more than 8 deep or that the watcher may not list (named once on stderr: "not looking into FOLDER: ...").
Set aside in failed/: symbolic links (never followed), files over max_dump_size, and files
the pool refuses outright (not retried). Filed files are made 0600 (not hard links), their folders 0700.
Never outside the inbox: a folder swapped for a link while it works is refused ("refused
NAME: leads outside the inbox"), nothing read or moved; a file or link where imported/ or
failed/ should be keeps the files waiting, not imported, until it is moved away.
A busy pool is waited for; a pool problem leaves the file in the inbox and tries again.
One line per file: "imported NAME: ..." on stdout, "failed NAME: ..." on stderr.
Killed at any moment (even kill -9) and started again, no file is lost or left behind.

  --inbox DIR        the folder to watch instead of the configured one
  --once             import what is in the inbox now, then exit (for cron and launch
                     scripts); exit code 1 when any file failed, had to stay or was
                     refused, had lines rejected (it is filed in imported/ all the same,
                     its other accounts in the pool), or a folder lay too deep, else 0
  --settle DURATION  how long a file must be left alone to count as finished (default ${DEFAULT_SETTLE_MS}ms;
                     raise it for copies over slow links that pause, e.g. 5s)
SIGINT/SIGTERM: the file being imported is finished, then the watcher exits with 0 (a second
signal ends it at once, which is safe too). Only one watcher can work on an inbox at a time.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('watch', ctx.argv, FLAGS);
    const settleMs = values.settle === undefined ? DEFAULT_SETTLE_MS : parseDuration(values.settle);
    if (!Number.isFinite(settleMs) || settleMs > 3_600_000) throw new UsageError(`--settle must be a duration such as 500ms, 2s or 1m, not "${values.settle}"`);
    const pool = await openPool(ctx, values.pool);
    const inbox = values.inbox !== undefined ? resolve(ctx.cwd, values.inbox) : resolve(pool.layout.dir, pool.config.inbox);
    // The watcher files away what it finds: an inbox set in the config, not by this host's
    // operator on the command line, is watched only if this host accepted it (it may have come with a sync).
    if (values.inbox === undefined) {
      const trust = await import('../git/trusted-commands.js');
      if (trust.inboxNeedsAccepting(pool.config.inbox)) await trust.assertAccepted(pool.layout.dir, 'the inbox', pool.config.inbox);
    }
    const inPool = await poolFolderHolding(inbox, pool.layout);
    if (inPool === '') throw new UsageError(`the inbox cannot be the pool folder itself (${inbox})`);
    if (inPool) throw new UsageError(`the inbox ${inbox} is inside the pool folder's ${inPool}/: every file there would be filed away as a failed dump; point the config's inbox (or --inbox) elsewhere`);
    await assertUtf8Inbox(inbox); // before "no inbox folder": such a path names no folder to Node
    const info = await stat(inbox).catch(() => undefined);
    if (!info && values.inbox === undefined) await mkdir(inbox, { recursive: true, mode: 0o700 });
    else if (!info) throw new AppError(`no inbox folder ${inbox}: make it, or give another --inbox`);
    else if (!info.isDirectory()) throw new AppError(`the inbox ${inbox} is not a folder`);

    // First signal: finish the current file, then stop. The handlers come off at once, so a
    // second signal ends the process the default way (safe: see src/watch/process-file.ts).
    const abort = new AbortController();
    const onSignal = () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      // A file still waiting for a busy pool lock stays in the inbox: the wait ends now (stop 67).
      pool.stopWaiting();
      abort.abort();
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    const options = { pool, inbox, settleMs, stdout: ctx.stdout, stderr: ctx.stderr, now: ctx.clock };
    try {
      if (values.once) {
        const tally = await importInboxOnce(options, abort.signal);
        return tally.failed + tally.withRejections + tally.postponed + tally.refused + tally.tooDeep + tally.tooMany + tally.denied > 0 ? 1 : 0;
      }
      const watcher = await watchInbox(options);
      println(ctx.stderr, `watching ${inbox} (pool ${pool.layout.dir}); Ctrl-C to stop`);
      await new Promise<void>((done) => {
        if (abort.signal.aborted) done();
        abort.signal.addEventListener('abort', () => done(), { once: true });
      });
      const tally = await watcher.stop();
      println(ctx.stderr, `stopped watching ${inbox}: ${tally.imported} imported, ${tally.failed} failed`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  },
};
