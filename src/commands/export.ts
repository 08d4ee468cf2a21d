// `accountpool export`: write accounts in a scanner's or our own format without allocating them.
import { resolve } from 'node:path';
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { poolFileAt } from '../store/pool-files.js';
import { UsageError } from '../errors.js';
import { isState, STATES, type Account } from '../model.js';
import { CARRY_CHECKS, WRITERS } from '../formats/writers.js';
import { compareLru } from '../allocate/select.js';
import { outputTarget, writeOutputFile } from '../store/output-file.js';

const FLAGS = {
  format: { type: 'string', completes: Object.keys(WRITERS) },
  'min-level': { type: 'string' },
  'max-level': { type: 'string' },
  state: { type: 'string', completes: STATES },
  out: { type: 'string', completes: 'file' },
} as const satisfies Flags;

/** Accounts a piece of the output holds (a line each; ~3 MB of JSON lines). */
const PIECE = 10_000;

/**
 * The file's text in pieces, for the formats that are one line per account and nothing else: made
 * whole, a 1,000,000-account json export held every line, their joined text and its UTF-8 at
 * once (1,257 MB peak RSS against rocketmap's 582 MB, stop 38). Monocle's CSV (a header) is made whole.
 */
function* piecesOf(format: keyof typeof WRITERS, accounts: Account[]): Generator<string> {
  if (format === 'monocle') {
    yield WRITERS[format](accounts);
    return;
  }
  for (let i = 0; i < accounts.length; i += PIECE) yield WRITERS[format](accounts.slice(i, i + PIECE));
}

export const exportCommand: Command = {
  help: `usage: accountpool export [--format monocle|rocketmap|json] [--min-level A] [--max-level B]
         [--state S] [--out FILE] [--pool DIR]

Writes the accounts (in circle order) to standard output, or to FILE (atomically, mode 0600).
Nothing in the pool changes. json (one object per line, every field) moves or merges a pool:
\`accountpool import FILE\` on the other side reads it back.

  --format F     json (default), monocle or rocketmap
  --state S      only accounts in this state (${STATES.join(', ')})`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('export', ctx.argv, FLAGS);
    const format = (values.format ?? 'json') as keyof typeof WRITERS;
    if (!(format in WRITERS)) throw new UsageError(`--format must be one of ${Object.keys(WRITERS).join(', ')}`);
    if (values.state !== undefined && !isState(values.state)) throw new UsageError(`--state must be one of ${STATES.join(', ')}`);
    const min = intFlag('min-level', values['min-level'], { max: 50 }) ?? 0;
    const max = intFlag('max-level', values['max-level'], { max: 50 }) ?? 50;
    const pool = await openPool(ctx, values.pool);
    const chosen = [...(await pool.readIntact()).accounts()].filter((a) => a.level >= min && a.level <= max && (values.state === undefined || a.state === values.state)).sort(compareLru);
    // A scanner file cannot carry every account (see src/formats/carry.ts): those are named, not written.
    const accounts = chosen.filter((a) => {
      const problem = CARRY_CHECKS[format](a);
      if (problem) println(ctx.stderr, `left out ${a.username}: the ${format} file cannot carry it (${problem})`);
      return problem === undefined;
    });
    if (values.out) {
      const out = await outputTarget(resolve(ctx.cwd, values.out)); // the file a link leads to
      const poolFile = await poolFileAt(pool.layout, out);
      if (poolFile) throw new UsageError(`--out ${out} is ${poolFile}: the export would replace it; give a path outside the pool's files`);
      // Each piece's text is encoded as it is made and let go: not every piece's text alive at once.
      await writeOutputFile(out, Array.from(piecesOf(format, accounts), (piece) => Buffer.from(piece)), 0o600);
      println(ctx.stderr, `exported ${accounts.length} accounts to ${values.out}`);
    } else for (const piece of piecesOf(format, accounts)) ctx.stdout.write(piece);
  },
};
