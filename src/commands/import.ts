// `accountpool import FILE...`: load dumps of any format into the pool.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { AppError, UsageError } from '../errors.js';
import { isProvider, PROVIDERS } from '../model.js';
import { importDump } from '../import/import-dump.js';
import { describeReport, type ImportReport } from '../import/merge.js';

const FLAGS = {
  level: { type: 'string' },
  'set-level': { type: 'boolean' },
  provider: { type: 'string', completes: PROVIDERS },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const satisfies Flags;

export const importCommand: Command = {
  name: 'import',
  summary: 'load account dumps (lists, CSVs, seller e-mails, .eml, mbox) into the pool',
  help: `usage: accountpool import FILE... [--level N] [--set-level] [--provider ptc|google] [--dry-run] [--json] [--pool DIR]

Reads each FILE (- = standard input), detects its format from the content, and adds its accounts
to the pool: Monocle and RocketMap accounts.csv, seller lists (user:pass, user,pass, ...), seller
e-mails pasted as text, .eml files (MIME, attachments), mbox files, checker outputs
(accounts-blind.csv, banned.txt, ...) and accountpool's own JSON-lines export.

Each file is one transaction: all of it or nothing. Known accounts get a changed password,
a higher level and a missing device; their state and history stay.

  --level N        level for accounts whose file names none (a level column wins)
  --set-level      let --level lower the level of known accounts too
  --provider P     provider for accounts whose file names none (default ptc)
  --dry-run        report what would happen; write nothing
  --json           one JSON report per file
Exit code 1 when any file could not be imported (the others still are).`,
  flags: FLAGS,
  operands: 'file',
  async run(ctx) {
    const { values, positionals } = parseFlags('import', ctx.argv, FLAGS, true);
    if (positionals.length === 0) throw new UsageError('import needs at least one FILE (or - for standard input)');
    if (values.provider !== undefined && !isProvider(values.provider)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
    const level = intFlag('level', values.level, { min: 1, max: 50 });
    if (values['set-level'] && level === undefined) throw new UsageError('--set-level needs --level N');
    const pool = await openPool(ctx, values.pool);
    let failed = 0;
    for (const path of positionals) {
      try {
        const bytes = path === '-' ? await buffer(ctx.stdin) : await readFile(resolve(ctx.cwd, path)).catch((error: NodeJS.ErrnoException) => {
          throw new AppError(`${path}: cannot read (${error.code ?? error.message})`);
        });
        const report = await importDump(pool, { name: path === '-' ? 'stdin' : path, bytes }, { level, setLevel: values['set-level'], provider: values.provider as 'ptc' | 'google' | undefined }, { dryRun: values['dry-run'] });
        printReport(ctx, report, values.json, values['dry-run']);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed++;
        if (values.json) println(ctx.stdout, JSON.stringify({ file: path, error: error.message }));
        println(ctx.stderr, `accountpool import: ${error.message}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};

function printReport(ctx: Parameters<Command['run']>[0], report: ImportReport, json?: boolean, dryRun?: boolean): void {
  if (json) {
    println(ctx.stdout, JSON.stringify({ ...report, dryRun: Boolean(dryRun) }));
    return;
  }
  println(ctx.stdout, describeReport(report, dryRun ? 'would import' : 'imported'));
  for (const r of report.rejected) println(ctx.stderr, `${report.file}:${r.line}: rejected: ${r.reason}`);
  for (const d of report.duplicates) println(ctx.stderr, `${report.file}:${d.line}: duplicate of line ${d.first}, skipped`);
}
