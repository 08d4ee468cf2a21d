// `accountpool mark USER... --verdict V`: record what a scanner saw, with that verdict's cool-down.
import { counted } from '../counted-noun.js';
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { isState, STATES, type State } from '../model.js';
import { UsageError } from '../errors.js';
import { applyVerdict } from '../verdicts.js';
import { readUsernames } from '../usernames.js';
import { readInput } from '../cli/read-input.js';
import { recordHistory } from '../history/record.js';
import { checkAlerts } from '../alerts/check.js';

const FLAGS = { verdict: { type: 'string', completes: STATES }, from: { type: 'string', completes: 'file' }, json: { type: 'boolean' } } as const satisfies Flags;

export const mark: Command = {
  help: `usage: accountpool mark USER... --verdict VERDICT [--from FILE|-] [--json] [--pool DIR]

Records a verdict for accounts and applies its cool-down from the pool config:
  temp_banned, warned, blind   rest for their cool-down, then come back
  perm_banned, invalid         retired (by default)
  ok                           clears any verdict and cool-down
Usernames come from the arguments and/or --from FILE (- = stdin): one name per line, or any
dump the importer reads. Unknown usernames are listed; the others are still marked.`,
  flags: FLAGS,
  operands: 'username',
  async run(ctx) {
    const { values, positionals } = parseFlags('mark', ctx.argv, FLAGS, true);
    const verdict = values.verdict;
    if (!isState(verdict)) throw new UsageError(`--verdict must be one of ${STATES.join(', ')}`);
    const names = [...positionals];
    if (names.length === 0 && values.from === undefined) throw new UsageError('mark needs at least one username (arguments or --from FILE)');
    const pool = await openPool(ctx, values.pool);
    if (values.from !== undefined) {
      const bytes = await readInput(values.from, { cwd: ctx.cwd, stdin: ctx.stdin, limit: pool.config.max_dump_size });
      names.push(...(await readUsernames(values.from === '-' ? 'stdin' : values.from, bytes, pool.config.max_dump_lines)));
    }
    if (names.length === 0) throw new UsageError('mark needs at least one username (arguments or --from FILE)');
    const { marked, unknown } = await pool.transaction((tx) => {
      const unknown: string[] = [];
      let marked = 0;
      for (const name of new Set(names)) {
        const account = tx.get(name);
        if (!account) unknown.push(name);
        else {
          tx.put(applyVerdict(account, verdict as State, tx.now, pool.config));
          marked++;
        }
      }
      tx.message = `mark ${counted(marked, 'account')} ${verdict}`;
      recordHistory(tx, pool.config);
      return { marked, unknown };
      // Over the circle indexes where they hold, as allocate: the accounts named are found by key
      // (tx.get), so a pool of a million is not parsed to mark a few hundred.
    }, { lean: true });
    await checkAlerts(pool, { log: (line) => println(ctx.stderr, line) });
    if (values.json) printJson(ctx.stdout, { verdict, marked, unknown });
    else {
      println(ctx.stdout, `marked ${counted(marked, 'account')} ${verdict}`);
      if (unknown.length > 0) println(ctx.stderr, `not in the pool (${unknown.length}): ${unknown.join(', ')}`);
    }
  },
};
