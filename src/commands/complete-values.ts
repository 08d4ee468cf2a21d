// `accountpool __complete instances|usernames [PREFIX]`: the names only the pool knows, for the
// completion scripts (src/completion/). Run at every Tab press, so it reads the pool as status
// does (no lock, no transaction, nothing changed) and prints names only, never a password.
import { parseFlags, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { UsageError } from '../errors.js';
import { VALUES_COMMAND } from '../completion/spec.js';
import { holderInstance, type Account } from '../model.js';

const KINDS: Record<string, (account: Account) => string | undefined> = {
  usernames: (a) => a.username,
  // An allocation still checking holds its accounts under a name of its own: offer the instance's.
  instances: (a) => (a.holder === undefined ? undefined : holderInstance(a.holder)),
};

const FLAGS = {} as const satisfies Flags;

export const completeValues: Command = {
  help: `usage: accountpool ${VALUES_COMMAND} [--pool DIR] -- instances|usernames [PREFIX]

Prints, one per line and sorted, the instance names holding (or last holding) accounts, or the
usernames, that start with PREFIX. Run by the scripts of \`accountpool completion\`.`,
  flags: FLAGS,
  operands: Object.keys(KINDS),
  async run(ctx) {
    const { values, positionals } = parseFlags(VALUES_COMMAND, ctx.argv, FLAGS, true);
    const [kind, prefix = '', ...extra] = positionals;
    const nameOf = kind !== undefined && Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
    if (!nameOf || extra.length > 0) throw new UsageError(`${VALUES_COMMAND} takes ${Object.keys(KINDS).join(' or ')}, then a prefix`);
    const pool = await openPool(ctx, values.pool);
    const names = new Set<string>();
    for (const account of (await pool.read()).accounts()) {
      const name = nameOf(account);
      // One name a line: a name with a line break in it (an instance name is free text) is left out.
      if (name !== undefined && name.startsWith(prefix) && !/[\r\n]/.test(name)) names.add(name);
    }
    // One name a line, each escaped: an instance name with a newline must not become two offers.
    for (const name of [...names].sort()) println(ctx.stdout, name);
  },
};
