// `accountpool show USER`: one account, password masked unless --reveal.
import { yaml } from '../yaml-lazy.js';
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, printText, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { AppError, UsageError } from '../errors.js';
import { availabilityOf } from '../availability.js';

export const MASK = '********';

const FLAGS = { reveal: { type: 'boolean' }, json: { type: 'boolean' } } as const satisfies Flags;

export const show: Command = {
  help: `usage: accountpool show USER [--reveal] [--json] [--pool DIR]

Prints every field of one account (the name is matched case-insensitively), its shard and
whether it can be handed out now.

  --reveal   print the password instead of ${MASK}
  --json     one JSON object`,
  flags: FLAGS,
  operands: 'username',
  async run(ctx) {
    const { values, positionals } = parseFlags('show', ctx.argv, FLAGS, true);
    if (positionals.length !== 1) throw new UsageError('show takes exactly one username');
    const pool = await openPool(ctx, values.pool);
    // One account looked up (a paged read at 1,000,000 accounts), not every account held for it.
    const account = (await pool.lookUp([positionals[0]!])).get(positionals[0]!);
    if (!account) throw new AppError(`no account ${positionals[0]} in ${pool.layout.dir}`);
    // An account a scanner reported to `serve` before any dump brought its password has none to mask.
    const record = { ...account, password: account.password === undefined ? null : values.reveal ? account.password : MASK };
    const ends = await pool.seenView?.(async (visit) => (await pool.read()).eachTimed(visit), pool.now(), false);
    const extra = { shard: pool.shardNameOf(account.username), now: availabilityOf(account, pool.now().toISOString(), pool.config, ends) };
    if (values.json) printJson(ctx.stdout, { ...record, ...extra });
    else printText(ctx.stdout, yaml().stringify({ ...record, ...extra }).replace(/\n$/, ''));
  },
};
