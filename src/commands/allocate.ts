// `accountpool allocate`: hand out checked least-recently-used accounts as the scanner's accounts file.
import { refuseRawOutputName } from '../cli/raw-argv.js';
import { counted } from '../counted-noun.js';
import { forkColumnWarning } from '../formats/tools/monocle-fork-columns.js';
import { rocketmapFirstLineWarning } from '../formats/tools/rocketmap.js';
import { keptPickleWarning } from '../formats/tools/monocle-kept-pickle.js';
import { previousScannerFile } from './previous-scanner-file.js';
import { BATCH_LEVEL_FIELD, BatchLevels } from '../formats/tools/successor-accounts.js';
import { TWIN_ADVICE } from '../allocate/spelling-twins.js';
import { resolve } from 'node:path';
import { parseFlags, intFlag, instanceFlag, type Flags } from '../cli/args.js';
import { println, printJson, type Command, type Context } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { outputTarget } from '../store/output-file.js';
import { inboxHolding, poolFileAt } from '../store/pool-files.js';
import { UnsatisfiedError, UsageError } from '../errors.js';
import { CARRY_CHECKS, WRITERS } from '../formats/writers.js';
import { checkerFor } from '../checker/from-config.js';
import { CHECKER_NAMES } from '../checker/index.js';
import { allocate, type AllocateOutcome, type AllocateRequest } from '../allocate/allocate.js';
import { checkAlerts } from '../alerts/check.js';

const FORMATS = Object.keys(WRITERS) as (keyof typeof WRITERS)[];

function failures(outcome: AllocateOutcome): string {
  if (outcome.checked === 0) return 'not checked';
  const v = outcome.verdicts;
  return `checked ${outcome.checked}, ${v.blind ?? 0} blind, ${v.temp_banned ?? 0} temp-banned, ${v.perm_banned ?? 0} perm-banned${v.warned ? `, ${v.warned} warned` : ''}${v.invalid ? `, ${v.invalid} invalid` : ''}, ${counted(outcome.errors, 'error')}`;
}

/** `; left out 2 accounts the rocketmap file cannot carry: bob (its password contains a comma), ...` */
function leftOutText(outcome: AllocateOutcome, format: string): string {
  const n = outcome.leftOut.length;
  if (n === 0) return '';
  const named = outcome.leftOut.slice(0, 10).map((l) => `${l.username} (${l.reason})`);
  return `; left out ${n} account${n === 1 ? '' : 's'} the ${format} file cannot carry: ${named.join(', ')}${n > 10 ? `, and ${n - 10} more` : ''}`;
}

/** `; left out 2 accounts under two spellings in the pool, neither is handed out ...: john.doe@gmail.com (another spelling of johndoe@gmail.com in the pool ...), ...` */
function twinsText(outcome: AllocateOutcome): string {
  const n = outcome.twins.length;
  if (n === 0) return '';
  const named = outcome.twins.slice(0, 10).map((t) => `${t.username} (${t.reason})`);
  return `; left out ${n} account${n === 1 ? '' : 's'} under two spellings in the pool, ${TWIN_ADVICE}: ${named.join(', ')}${n > 10 ? `, and ${n - 10} more` : ''}`;
}

/** `; left out 1 account named as no login can be: аsh (username holds U+0430, ...; not handed out until ...)` */
function lookAlikesText(outcome: AllocateOutcome): string {
  const n = outcome.lookAlikes.length;
  if (n === 0) return '';
  const named = outcome.lookAlikes.slice(0, 10).map((t) => `${t.username} (${t.reason})`);
  return `; left out ${n} account${n === 1 ? '' : 's'} named as no login can be: ${named.join(', ')}${n > 10 ? `, and ${n - 10} more` : ''}`;
}

function whyShort(outcome: AllocateOutcome, count: number, levels: string, format: string): string {
  const e = outcome.excluded;
  return `only ${outcome.passed} of ${counted(count, 'account')} could be allocated (level ${levels}): ${counted(outcome.available, 'candidate')}, ${failures(outcome)}${leftOutText(outcome, format)}${twinsText(outcome)}${lookAlikesText(outcome)}; not candidates: ${e.cooling} cooling down, ${e.held} held by other instances, ${e.retired} retired (banned), ${e.wrongLevel} outside level ${levels}`;
}

const FLAGS = {
  count: { type: 'string' },
  accountcsv: { type: 'string', completes: 'file' },
  format: { type: 'string', completes: FORMATS },
  'min-level': { type: 'string' },
  'max-level': { type: 'string' },
  instance: { type: 'string', completes: 'instance' },
  checker: { type: 'string', completes: CHECKER_NAMES },
  'no-check': { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  sync: { type: 'boolean' },
  'file-mode': { type: 'string', completes: ['0600', '0640'] },
} as const satisfies Flags;

/**
 * The accounts file's mode: 0600, or 0640 for a scanner that runs as another user of the file's
 * group (a folder with the setgid bit gives new files its group). Never more: it holds passwords.
 */
function fileMode(value: string | undefined): number {
  if (value === undefined || value === '0600' || value === '600') return 0o600;
  if (value === '0640' || value === '640') return 0o640;
  throw new UsageError('--file-mode must be 0600 (the default: only this user reads the accounts file) or 0640 (its group reads it too): it holds passwords, so no one else may read it and no one but this user write it');
}

export const allocateCommand: Command = {
  help: `usage: accountpool allocate --count N --accountcsv FILE [--format F]
         [--min-level A] [--max-level B] [--instance NAME] [--checker NAME | --no-check]
         [--allow-partial] [--concurrency N] [--sync] [--file-mode 0600|0640] [--json] [--pool DIR]

Takes the N least-recently-used healthy accounts with a level in [A, B] (never-used first, in
import order; an import of more than 512 new accounts a shard, a window of 512 x shards at a
time, shard by shard), checks each just before use, and OVERWRITES FILE with the ones that passed. They
are held by the instance (default: FILE's absolute path) for the lease from the config; the
instance's previous accounts go back to the end of the circle. An account that fails its check
gets its verdict and cool-down and the next candidate is checked.

  --count N          accounts wanted (required)
  --accountcsv FILE  the scanner's accounts file (required; written atomically, mode 0600)
  --file-mode 0640   let FILE's group read it too (a scanner running as another user of that
                     group; new files take the group of a folder with the setgid bit)
  --format F         monocle (default), rocketmap, rdm (RealDeviceMap's Add Accounts), flygon
                     (the body of Flygon's POST /api/accounts/), pogoaccountserver, mad (a body of
                     madmin's POST /api/pogoauth a line), dragonite (its admin's import) or json
  --min-level A      lowest level (default 0);  --max-level B  highest level (default 50)
  --instance NAME    who holds the accounts (default: FILE's absolute path); 1-256 printable
                     characters, not ending with " (checking)" (allocate's reservations)
  --checker NAME     none, command or simulated (default: the pool config's checker)
  --no-check         do not check (same as --checker none)
  --allow-partial    when fewer pass, write those and exit 0 with a warning
  --concurrency N    accounts checked at once (default: the pool config's concurrency)
  --sync             pool shared through git: sync before, publish after; when another
                     host published first, allocate again (see accountpool sync)
  --json             the outcome as one JSON object
Exit code 3 when the pool cannot give N accounts: FILE is left untouched, the instance keeps
its previous accounts, and the verdicts learned are kept.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('allocate', ctx.argv, FLAGS);
    const count = intFlag('count', values.count, { min: 1, max: 1_000_000 });
    if (count === undefined) throw new UsageError('allocate needs --count N');
    if (!values.accountcsv) throw new UsageError('allocate needs --accountcsv FILE (the file the scanner reads)');
    const format = (values.format ?? 'monocle') as keyof typeof WRITERS;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const min = intFlag('min-level', values['min-level'], { max: 50 }) ?? 0;
    const max = intFlag('max-level', values['max-level'], { max: 50 }) ?? 50;
    if (min > max) throw new UsageError(`--min-level ${min} is above --max-level ${max}`);
    const given = resolve(ctx.cwd, values.accountcsv);
    refuseRawOutputName('--accountcsv', given);
    const mode = fileMode(values['file-mode']);
    const instance = values.instance === undefined ? instanceFlag(given, true) : instanceFlag(values.instance);
    const path = await outputTarget(given); // the scanner's file, where `given` is a link to it
    const pool = await openPool(ctx, values.pool);
    const poolFile = await poolFileAt(pool.layout, path);
    if (poolFile) throw new UsageError(`--accountcsv ${path} is ${poolFile}: the accounts file would replace it; give a path outside the pool's files`);
    const inInbox = await inboxHolding(resolve(pool.layout.dir, pool.config.inbox), path);
    if (inInbox) throw new UsageError(`--accountcsv ${path} is ${inInbox}; give a path outside the inbox`);
    const checker = checkerFor(pool.config, { checker: values.checker, noCheck: values['no-check'] }, ctx.cwd);
    // A checker program runs only if this host's operator accepted it (it may have come with a sync).
    if (checker.name === 'command') await (await import('../git/trusted-commands.js')).assertAccepted(pool.layout.dir, 'checker_command', pool.config.checker_command);
    // A clone whose clock other hosts found wrong hands out nothing (with --sync: after learning it).
    // The git code is loaded only for a pool shared through git (it is a good part of a start).
    if (pool.seenView && !values.sync) await (await import('../git/clock-verdict.js')).assertClockTrusted(pool.layout.dir, pool.now());
    // What Monocle read last (its pickle holds it): the warning when the same accounts come back with other passwords.
    const previous = format === 'monocle' ? await previousScannerFile(path) : undefined;
    const started = Date.now();
    // Checker programs run in process groups of their own (so a hung one can be killed whole),
    // which also keeps Ctrl-C from reaching them: exit properly, and the checker's exit hook
    // kills them. Reservations made so far simply run out; the journal covers a commit.
    const interrupted = () => process.exit(130);
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const request: AllocateRequest = {
      count,
      levels: { min, max },
      instance,
      checker,
      concurrency: intFlag('concurrency', values.concurrency, { min: 1, max: 1000 }) ?? pool.config.concurrency,
      allowPartial: Boolean(values['allow-partial']),
      output: { path, render: WRITERS[format], check: CARRY_CHECKS[format], mode },
      // Called only where a checker runs (allocate.ts): asking isTTY makes Node's stderr stream (process-context.ts), so it is asked then, not here.
      onProgress: (n) => {
        if (ctx.stderr.isTTY) ctx.stderr.write(`\rchecked ${counted(n, 'account')}...`);
      },
    };
    // A pool shared through git: this host remembers what the instance's file is and how it was
    // allocated (the lost-lease warning and status give the exact command), and its lost leases
    // are over but for the accounts the file lists again: it was written anew (last-allocations.ts,
    // lost-lease-record.ts). Once the file is written, on every exit (allocate --sync's exit 3 or 1
    // after it rewrote the file too), and after the syncs noted what they lost.
    const last = {
      file: given,
      count,
      ...(min !== 0 ? { minLevel: min } : {}),
      ...(max !== 50 ? { maxLevel: max } : {}),
      ...(values.format !== undefined ? { format } : {}),
      ...(values['no-check'] ? { checker: 'none' } : values.checker !== undefined ? { checker: values.checker } : {}),
      ...(values.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
      ...(values['allow-partial'] ? { allowPartial: true } : {}),
      ...(values['file-mode'] !== undefined ? { fileMode: values['file-mode'] } : {}),
    };
    const noteWritten = async (listed: readonly string[]) =>
      // The file is written and the hold committed: a record that cannot be written (the lock busy past lock_wait) fails nothing.
      (await import('../git/last-allocations.js'))
        .noteAllocation(pool, instance, { ...last, at: pool.now().toISOString() }, listed)
        .catch((error: unknown) => println(ctx.stderr, `accountpool: warning: this allocation of ${instance} could not be recorded for the lost-lease advice and \`status\`: ${(error as Error).message}`));
    const run = values.sync ? (await import('../git/allocate-sync.js')).allocateWithSync(pool, request, (line) => println(ctx.stderr, line), noteWritten) : allocate(pool, request);
    const outcome = await run.finally(() => {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    });
    if (outcome.checked > 0 && ctx.stderr.isTTY) ctx.stderr.write('\n');
    if (pool.seenView && !values.sync && outcome.allocated.length > 0) await noteWritten(outcome.allocated.map((a) => a.username));
    await checkAlerts(pool, { log: (line) => println(ctx.stderr, line) });
    return report(ctx, outcome, { count, levels: min === max ? `${min}` : `${min}-${max}`, instance, path, format, seconds: (Date.now() - started) / 1000, json: values.json, previous });
  },
};

/** RDM's form and Flygon's body give a batch one level: the warning when the accounts written have several (successor-accounts.ts). */
function batchLevelWarning(format: string, accounts: AllocateOutcome['allocated']): string | undefined {
  if (format !== 'rdm' && format !== 'flygon' && format !== 'dragonite') return undefined;
  const levels = new BatchLevels();
  levels.add(accounts);
  return levels.warning(BATCH_LEVEL_FIELD[format]);
}

function report(ctx: Context, outcome: AllocateOutcome, o: { count: number; levels: string; instance: string; path: string; format: string; seconds: number; json?: boolean; previous?: string }): number {
  const written = outcome.allocated.length > 0;
  if (o.json) {
    const { allocated, ...rest } = outcome;
    printJson(ctx.stdout, { ...rest, instance: o.instance, file: written ? o.path : null, allocated: allocated.map((a) => a.username) });
  }
  if (!outcome.satisfied && !written) throw new UnsatisfiedError(`${whyShort(outcome, o.count, o.levels, o.format)}; ${o.path} left untouched`);
  if (!outcome.satisfied) println(ctx.stderr, `warning: ${whyShort(outcome, o.count, o.levels, o.format)}; writing the ${outcome.allocated.length} that passed (--allow-partial)`);
  const long = o.format === 'monocle' ? forkColumnWarning(outcome.allocated) : o.format === 'rocketmap' ? rocketmapFirstLineWarning(outcome.allocated) : batchLevelWarning(o.format, outcome.allocated);
  if (long) println(ctx.stderr, long);
  const kept = o.format === 'monocle' && written ? keptPickleWarning(o.previous, outcome.allocated) : undefined;
  if (kept) println(ctx.stderr, kept);
  if (!o.json) println(ctx.stdout, `allocated ${counted(outcome.allocated.length, 'account')} to ${o.instance} (level ${o.levels}): ${failures(outcome)}${leftOutText(outcome, o.format)}${twinsText(outcome)}${lookAlikesText(outcome)}; ${o.path} written in ${o.seconds.toFixed(1)} s`);
  return 0;
}
