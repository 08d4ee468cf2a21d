// `accountpool stats`: seller quality, what each level range burns per day, and when it runs dry.
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { loadHistory } from '../history/read.js';
import { poolHealth } from '../stats/pool-health.js';
import { formatHealth } from '../stats/format.js';

const FLAGS = { json: { type: 'boolean' } } as const satisfies Flags;

export const stats: Command = {
  help: `usage: accountpool stats [--json] [--pool DIR]

From the pool and its history (history/YYYY-MM.txt):
  per source (the file accounts came from, or import --source LABEL): accounts in the pool,
    how many are healthy now, how many were ever banned, blind or invalid, and the median days
    from import to the first ban;
  per level range (the ranges scanners asked for in the last 30 days, and those alerts watch):
    accounts available now, usable (available or held), handed out and lost per day over the
    last 7 and 30 days, and the days until the usable accounts are gone at the 7-day loss rate.

  --json   the same as one JSON object (with the last 30 days, day by day, per range)`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('stats', ctx.argv, FLAGS);
    const pool = await openPool(ctx, values.pool);
    const [snapshot, history] = await Promise.all([pool.read(), loadHistory(pool)]);
    const health = poolHealth(snapshot.accounts(), history, pool.now(), pool.config);
    if (values.json) printJson(ctx.stdout, { pool: pool.layout.dir, ...health });
    else for (const line of formatHealth(health, pool.layout.dir)) println(ctx.stdout, line);
  },
};
