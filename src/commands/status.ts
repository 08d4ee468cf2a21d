// `accountpool status`: what the pool holds and what it can give right now.
import { counted } from '../counted-noun.js';
import { instanceFlag, parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command, type Output } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { copyRefusal, judgePlace } from '../store/pool-place.js';
import type { PoolStats } from '../pool-stats.js';
import { countPool } from '../stats/pool-counts.js';
import { LOSS_ADVICE } from '../store/integrity.js';
import { GONE_BACK_ADVICE } from '../store/live-holds.js';
import { packageVersion } from '../install.js';
import { clockFindings, describeFinding, setBackProblem } from '../git/clock-verdict.js';
import { reshardDue, reshardHint } from '../cli/grow-shards.js';
import { futureDated, outlasting, type FutureDated, type Outlasting } from '../stats/future-dated.js';
import { durationText } from '../store/clock-jump.js';
import { UsageError } from '../errors.js';
import { formatDuration } from '../duration.js';
import type { Config } from '../config.js';

/** Holds and verdicts dated ahead of this host's clock, named (a whole read, only when some end too late to be dated now). */
function describeFutureDated(found: FutureDated): string {
  const names = found.accounts.map((a) => `${a.username}${a.holder !== undefined ? ` (held by ${a.holder})` : ''}`).join(', ');
  const more = found.count > found.accounts.length ? ` and ${found.count - found.accounts.length} more` : '';
  return (
    `clock: ${counted(found.count, 'account')} ${found.count === 1 ? 'has' : 'have'} holds or verdicts dated up to ${durationText(found.ahead)} ahead of this host's clock: ${names}${more}. ` +
    'A clock ahead of this one wrote them (this host\'s before it was set back, or another host\'s); each blocks its account until its date comes. ' +
    'If this clock is right, free the accounts no scanner uses any more: `accountpool release --instance NAME`, or `accountpool mark USERNAME --verdict ok` for a rest'
  );
}

/** Holds and rests that end later than this pool's settings give, though dated now: named with their ends. */
function describeOutlasting(found: Outlasting, config: Config): string {
  const names = found.accounts.map((a) => `${a.username} (${a.holder !== undefined ? `held by ${a.holder}` : 'resting'} until ${a.until})`).join(', ');
  const more = found.count > found.accounts.length ? ` and ${found.count - found.accounts.length} more` : '';
  return (
    `${counted(found.count, 'account')} ${found.count === 1 ? 'is' : 'are'} held or resting longer than this pool's settings give (lease ${formatDuration(config.lease)}, release_timeout ${formatDuration(config.release_timeout)}, the longest cool-down): ${names}${more}. ` +
    'A hand edit or another host\'s commit wrote these ends (or a setting was shortened since); each blocks its account until then. ' +
    'Free the accounts no scanner uses: `accountpool release --instance NAME`, or `accountpool mark USERNAME --verdict ok` for a rest'
  );
}

function table(out: Output, stats: PoolStats): void {
  const columns = ['total', 'available', 'held', 'cooling', 'retired'] as const;
  const row = (label: string, counts: Record<(typeof columns)[number], number>) =>
    println(out, `${label.padEnd(10)}${columns.map((c) => String(counts[c]).padStart(11)).join('')}`);
  println(out, `${'level'.padEnd(10)}${columns.map((c) => c.padStart(11)).join('')}`);
  for (const level of stats.levels) row(String(level.level), level);
  row('all', stats.byAvailability);
}

/** Holds an older shard put back freed (live-holds.ts): said on stderr, exit 1, as a loss. */
function warnOfHoldsBack(out: Output, back: { holds: number; message: string }): number {
  if (back.holds === 0) return 0;
  println(out, `status: ${back.message}. The numbers above count them as free; every write refuses until you ${GONE_BACK_ADVICE}`);
  return 1;
}

/** A pool that lost shards is counted as it is, but never passed off as whole: said on stderr, exit 1. */
function warnOfLoss(out: Output, lost: string[]): number {
  if (lost.length === 0) return 0;
  println(out, `status: the pool is not what was last written: ${lost.join('; ')}. The numbers above count what is there; every write refuses until you ${LOSS_ADVICE}`);
  return 1;
}

/** Accounts held twice: each writer refuses the pool until one is kept (integrity.ts), said on stderr, exit 1. */
function warnOfTwice(out: Output, twice: string[]): number {
  if (twice.length === 0) return 0;
  println(out, `status: ${twice.join('; ')}. Every write refuses until one is kept: edit the shards by hand, then run \`accountpool verify\``);
  return 1;
}

/** What `ok` counts: every account without a bad verdict, those never checked among them. */
const OK_MEANS = 'ok: no bad verdict on record, whether checked or never checked';

const FLAGS = { json: { type: 'boolean' }, 'ack-lost': { type: 'string', completes: 'instance' } } as const satisfies Flags;

export const status: Command = {
  help: `usage: accountpool status [--json] [--ack-lost NAME] [--pool DIR]

Counts the accounts by level (total, available now, held by a scanner, cooling down after a
verdict, retired), by state, and the holdings of each scanner instance. On a pool shared through
git it also names the leases a sync took from this host's instances ("lost lease:", by username),
until the instance is allocated again or released, with the command that refreshes its file.

  --json           the same numbers as one JSON object (with this accountpool's version)
  --ack-lost NAME  instance NAME's scanner no longer uses the accounts it lost: stop naming them`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('status', ctx.argv, FLAGS);
    const pool = await openPool(ctx, values.pool);
    const ack = values['ack-lost'] === undefined ? undefined : instanceFlag(values['ack-lost']);
    // Leases a sync took from this host's instances (status-lost-leases.ts): only a pool shared through git records them.
    const leases = pool.seenView ? await import('./status-lost-leases.js') : undefined;
    if (ack !== undefined) {
      if (!leases) throw new UsageError(`--ack-lost: ${pool.layout.dir} is not shared through git: no lease is ever lost to another host`);
      const forgotten = await (await import('../git/lost-lease-record.js')).forgetLostLeasesLocked(pool, ack);
      println(ctx.stderr, forgotten > 0 ? `no longer naming the ${counted(forgotten, 'account')} instance ${ack} lost` : `no lost lease of instance ${ack} is recorded`);
    }
    const { stats, shards, lost, twice, endsTooLate, snapshot } = await countPool(pool);
    // A copy of a pool still in use elsewhere (pool-place.ts): every write here is refused until adopted.
    const place = await judgePlace(pool.layout.dir);
    const copied = place.kind === 'copy' ? (println(ctx.stderr, `accountpool status: ${copyRefusal(pool.layout.dir, place.record, 'every write is refused here')}`), 1) : 0;
    const holdsBack = await pool.holdsGoneBackReport();
    // A git pool is counted by every account: that read answers the lost leases and the late ends too.
    const lostLeases = leases ? await leases.standingLostLeases(pool, snapshot) : [];
    const read = endsTooLate ? (snapshot ?? (await pool.read())) : undefined;
    const ahead = read ? futureDated(read.accounts(), pool.now()) : undefined;
    const long = read ? outlasting(read.accounts(), pool.now(), pool.config) : undefined;
    // A pool shared through git: whose clock the hosts' commits show to be wrong (clock-verdict.ts).
    const clocks = pool.seenView ? await clockFindings(pool.layout.dir, pool.now()) : undefined;
    const setBack = pool.seenView ? await setBackProblem(pool.layout.dir) : undefined;
    if (values.json) {
      const reshardTo = reshardDue(pool, stats.total);
      printJson(ctx.stdout, { version: packageVersion(), pool: pool.layout.dir, shards, ...(reshardTo ? { reshardTo } : {}), ...stats, ...(clocks ? { clocks } : {}), ...(setBack ? { clockSetBack: setBack } : {}), ...(ahead ? { futureDated: ahead } : {}), ...(long ? { outlasting: long } : {}), ...(lostLeases.length ? { lostLeases: await leases!.lostLeasesJson(pool, lostLeases) } : {}), ...(lost.length ? { lost } : {}), ...(holdsBack.holds ? { holdsGoneBack: { holds: holdsBack.holds, files: holdsBack.files } } : {}), ...(twice.length ? { twice } : {}) });
      return copied | warnOfLoss(ctx.stderr, lost) | warnOfHoldsBack(ctx.stderr, holdsBack) | warnOfTwice(ctx.stderr, twice);
    }
    const out = ctx.stdout;
    println(out, `pool ${pool.layout.dir}: ${counted(stats.total, 'account')} in ${counted(shards, 'shard')}`);
    const grow = reshardHint(pool, stats.total, pool.seenView !== undefined);
    if (grow) println(out, grow);
    for (const finding of clocks?.findings ?? []) println(out, `clock: ${describeFinding(finding, clocks!.self)}`);
    if (setBack) println(out, `clock: ${setBack}`);
    if (ahead) println(out, describeFutureDated(ahead));
    if (long) println(out, describeOutlasting(long, pool.config));
    if (stats.total === 0) {
      if (lost.length === 0) println(out, 'the pool is empty: import a dump with `accountpool import FILE` or drop it into the inbox');
      return copied | warnOfLoss(ctx.stderr, lost) | warnOfHoldsBack(ctx.stderr, holdsBack) | warnOfTwice(ctx.stderr, twice);
    }
    println(out);
    table(out, stats);
    println(out);
    // An account no checker or scanner has judged is stored `ok` with no `state_at`: said so, never
    // passed off as checked (the counts come from the shards' standings, which hold no state_at).
    const okNote = stats.byState.ok > 0 ? ` (${OK_MEANS})` : '';
    println(out, `states: ${Object.entries(stats.byState).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')}${okNote}`);
    if (stats.holders.length === 0) println(out, 'held: none');
    for (const h of stats.holders) println(out, `held by ${h.instance}: ${counted(h.accounts, 'account')} until ${h.held_until ?? 'released'}`);
    for (const line of lostLeases.length ? await leases!.lostLeaseLines(pool, lostLeases) : []) println(out, line);
    return copied | warnOfLoss(ctx.stderr, lost) | warnOfHoldsBack(ctx.stderr, holdsBack) | warnOfTwice(ctx.stderr, twice);
  },
};
