// `accountpool release --instance NAME`: end an instance's holdings (its scanner stopped for good).
import { instanceFlag, parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { UsageError } from '../errors.js';
import { isOwnHold } from '../allocate/select.js';
import { withoutHold } from '../availability.js';
import { recordHistory } from '../history/record.js';
import { checkAlerts } from '../alerts/check.js';
import { counted } from '../counted-noun.js';

const FLAGS = { instance: { type: 'string', completes: 'instance' }, json: { type: 'boolean' } } as const satisfies Flags;

export const release: Command = {
  help: `usage: accountpool release --instance NAME [--json] [--pool DIR]

Gives back every account NAME holds (NAME is what allocate was given with --instance, or the
absolute path of its --accountcsv). The accounts keep their allocation time, so they wait at
the end of the circle.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('release', ctx.argv, FLAGS);
    if (values.instance === undefined) throw new UsageError('release needs --instance NAME');
    const instance = instanceFlag(values.instance);
    const pool = await openPool(ctx, values.pool);
    const released = await pool.transaction((tx) => {
      let n = 0;
      for (const account of tx.accounts()) {
        if (account.holder === undefined || !isOwnHold(account.holder, instance)) continue;
        tx.put(withoutHold(account));
        n++;
      }
      tx.message = `release ${n} accounts of ${instance}`;
      recordHistory(tx, pool.config);
      return n;
    });
    // Its scanner stopped for good: the leases it lost are no one's concern any more (lost-lease-record.ts).
    if (pool.seenView) {
      await (await import('../git/lost-lease-record.js'))
        .forgetLostLeasesLocked(pool, instance)
        .catch((error: unknown) => println(ctx.stderr, `accountpool: warning: the lost leases of ${instance} are still named by \`status\`: ${(error as Error).message}`));
    }
    if (values.json) printJson(ctx.stdout, { instance, released });
    else println(ctx.stdout, `released ${counted(released, 'account')} held by ${instance}`);
    await checkAlerts(pool, { log: (line) => println(ctx.stderr, line) });
  },
};
