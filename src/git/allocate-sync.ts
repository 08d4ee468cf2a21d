// `allocate --sync`: allocation across hosts that share one pool through a git remote.
//
//   sync; allocate (commits); publish = sync again, rebasing with holds 'ours'
// The remote is the arbiter: a hold that reached it first wins. When our push loses the race and
// the rebase shows another host now holds some of the accounts we just took (the merge driver
// keeps the published hold, see merge-accounts.ts), nothing is pushed: we allocate again on
// the fresh pool, which rewrites the accounts file, and publish that. So two hosts never hold
// the same account, and the accounts file is final only when allocate --sync exits 0.
import type { Pool } from '../store/pool.js';
import { AppError, UnsatisfiedError } from '../errors.js';
import { GitError } from './run-git.js';
import { allocate, writeAccountsFile, type AllocateOutcome, type AllocateRequest } from '../allocate/allocate.js';
import { sync } from './sync.js';
import { assertClockTrusted } from './clock-verdict.js';
import { assertOwnRepo, readConfig, type GitConfig } from './repo.js';
import { describeLostHolds } from './lost-holds.js';
import { recordedAdvice } from './last-allocations.js';
import { counted } from '../counted-noun.js';
import { NETWORK_TIMEOUT_MS } from './no-prompt.js';

/** Allocations tried before giving up when other hosts keep taking the same accounts first. */
export const ALLOCATION_ROUNDS = 6;

/**
 * How long each fetch and push of `allocate --sync` may take: a scanner's pre-start hook waits on
 * it. `sync`'s 120 s let an askpass or credential helper of the operator's that opens a window
 * nobody sees (no-prompt.ts askersOf) hold the scanner's start and the pool lock for two minutes
 * a git; a fetch or push of the few shards a hand-out changed takes seconds. A first fetch of a
 * large pool over a slow link may need more: `accountpool sync` (120 s) does that one.
 */
export const ALLOCATE_NETWORK_TIMEOUT_MS = 30_000;

/**
 * The first sync's fetch or push ended at the bound (a slow link, a first fetch of a large pool):
 * said with what it left (nothing taken, the accounts file as it was) and what to do. Before stop
 * 64 the operator read only git's command and `no answer within 30 s`. An askpass that may be
 * waiting is named by explainBatch (no-prompt.ts), whose error is no GitError.
 */
function atTheBound(error: unknown, request: AllocateRequest, networkTimeoutMs: number): unknown {
  if (!(error instanceof GitError) || !error.timedOut) return error;
  return new AppError(
    `${error.message}. Before anything was taken: nothing was allocated, no account is held for ${request.instance}, and ${request.output?.path ?? 'its accounts file'} is as it was. ` +
      `allocate --sync gives each fetch and push ${networkTimeoutMs / 1000} s (a scanner's start waits on it); a first fetch of a large pool, or a slow link, can take longer: ` +
      `run \`accountpool sync\` once (it gives each ${NETWORK_TIMEOUT_MS / 1000} s), then allocate --sync again`,
  );
}

/** Pushes our commits; returns the accounts (of `held`) another host turned out to hold first. */
async function publish(pool: Pool, instance: string, held: readonly string[], log: (line: string) => void, config: GitConfig, networkTimeoutMs: number): Promise<string[]> {
  let lost: string[] = [];
  await sync(pool, {
    holds: 'ours',
    log,
    config,
    networkTimeoutMs,
    afterRebase: async () => {
      // Only the accounts just taken looked up (a paged read), not the whole pool read for them.
      const now = await pool.lookUp(held);
      lost = held.filter((username) => now.get(username)?.holder !== instance);
      return lost.length === 0;
    },
  });
  return lost;
}

/**
 * After losing accounts and finding no replacements: the accounts file must not list accounts
 * another host holds, so it is rewritten with those the instance still holds.
 */
async function keepStillHeld(pool: Pool, request: AllocateRequest, held: readonly string[]): Promise<string[]> {
  return pool.transaction((tx) => {
    const still = held.map((u) => tx.get(u)).filter((a) => a?.holder === request.instance).map((a) => a!);
    writeAccountsFile(tx, request, still);
    tx.message = `rewrite the accounts file of ${request.instance} without ${counted(held.length - still.length, 'account')} another host holds`;
    return still.map((a) => a.username);
  });
}

/**
 * `noteWritten`: told, once allocate --sync is over however it ends (exit 0, 3 or 1), the accounts
 * the accounts file it last wrote lists, when it wrote one: this host's records of the instance
 * (last-allocations.ts, lost-lease-record.ts) then say what the file holds. Told after the syncs
 * recorded what they lost, so the leases the file no longer lists are forgotten.
 */
export async function allocateWithSync(pool: Pool, request: AllocateRequest, log: (line: string) => void = () => {}, noteWritten?: (listed: readonly string[]) => Promise<void>, networkTimeoutMs = ALLOCATE_NETWORK_TIMEOUT_MS): Promise<AllocateOutcome> {
  let written: string[] | undefined;
  try {
    return await allocateRounds(pool, request, log, (listed) => (written = listed), networkTimeoutMs);
  } finally {
    if (written !== undefined && noteWritten) await noteWritten(written);
  }
}

async function allocateRounds(pool: Pool, request: AllocateRequest, log: (line: string) => void, wrote: (listed: string[]) => void, networkTimeoutMs: number): Promise<AllocateOutcome> {
  // git config once for every sync of this allocation (a git process each was one per round).
  await assertOwnRepo(pool.layout.dir);
  const config = await readConfig(pool.layout.dir);
  const before = await sync(pool, { holds: 'ours', log, config, networkTimeoutMs }).catch((error: unknown) => {
    throw atTheBound(error, request, networkTimeoutMs);
  });
  if (before.pulled > 0) log(`took ${counted(before.pulled, 'commit')} from ${before.remote}`);
  // This host's earlier hand-outs (plain allocate, serve) that another host's published ones beat:
  // this allocation picks from the pool as merged, so its accounts file names none of them.
  if (before.lost.length > 0) {
    const advice = await recordedAdvice(pool.layout.dir);
    for (const line of describeLostHolds(before.lost, (instance) => (instance === request.instance ? 'this allocation gives it others' : advice(instance)))) log(line);
  }
  // Having just learned what the other hosts saw of this host's clock: a wrong clock hands out nothing.
  await assertClockTrusted(pool.layout.dir, pool.now());
  let held: string[] = [];
  for (let round = 1; ; round++) {
    const outcome = await allocate(pool, request);
    // A failed re-allocation leaves the file of the round before, which may list lost accounts.
    const trimmed = round > 1 && outcome.allocated.length === 0;
    held = trimmed ? await keepStillHeld(pool, request, held) : outcome.allocated.length > 0 ? outcome.allocated.map((a) => a.username) : held;
    if (trimmed || outcome.allocated.length > 0) wrote(held);
    let lost: string[];
    try {
      lost = await publish(pool, request.instance, held, log, config, networkTimeoutMs);
    } catch (error) {
      throw new AppError(
        `the allocation is saved here${request.output ? ` (${request.output.path} written)` : ''} but could not be published: ${(error as Error).message}. ` +
          'Until `accountpool sync` succeeds other hosts may hand out the same accounts.',
      );
    }
    if (lost.length === 0) {
      if (trimmed) throw new UnsatisfiedError(`another host took some of this instance's new accounts first and the pool cannot replace them; ${request.output?.path ?? 'the accounts file'} now lists only the ${counted(held.length, 'account')} ${request.instance} still holds`);
      return outcome;
    }
    if (round >= ALLOCATION_ROUNDS) {
      throw new AppError(`other hosts took the same accounts first ${counted(round, 'time')} in a row; gave up. ${request.output?.path ?? 'The accounts file'} may list accounts another host holds: run allocate --sync again before starting the scanner`);
    }
    log(`another host published first and holds ${lost.length} of the ${counted(held.length, 'account')} just taken; allocating again on the fresh pool (round ${round + 1})`);
  }
}
