// `accountpool sync`: take the other hosts' commits, put ours on top, publish.
//
//   1. under the pool lock: commit whatever an earlier failed commit left in the working tree
//   2. fetch the remote branch; rebase our commits onto it (`git pull --rebase`, in two steps so
//      we know whether the remote branch exists yet); shards changed on both sides go through
//      the merge driver, so no conflict markers, ever
//   3. push; when another host pushed first (rejected), wait a moment and go again from 2, a
//      bounded number of times
// A rebase that stops anyway (a shard that is not valid YAML, accountpool.yaml edited on two
// hosts) is aborted: the pool is left exactly as before the sync and the error names the files.
import { counted } from '../counted-noun.js';
import { hostname } from 'node:os';
import { unlink } from 'node:fs/promises';
import type { Pool } from '../store/pool.js';
import { AppError } from '../errors.js';
import { git, gitTest, GitError } from './run-git.js';
import { assertOwnRepo, attributesSet, driverRegistered, gitPath, readConfig, rebaseInProgress, upstreamOf, type GitConfig, type Upstream } from './repo.js';
import { commitPoolChanges } from './commit.js';
import { readConflicts, CONFLICT_LOG } from './conflict-log.js';
import { MERGED_NAME_PREFIX } from './merge-names.js';
import { fetchedHead, refuseTrackedHere, refuseTrackedThere, type FetchedHead } from './host-files.js';
import { tightenModes, underPoolLock } from './pool-lock.js';
import type { HoldRule } from './merge-accounts.js';
import { SyncClocks } from './clock-sync.js';
import { hostTrailer } from './clock-host.js';
import { clockFindings, type ClockFinding } from './clock-verdict.js';
import { refuseOddEntries, refuseOddHere } from './tree-kinds.js';
import { refuseOtherMerges } from './merge-attributes.js';
import { listTree, type TreeEntry } from './tree-listing.js';
import { refuseMissingShards } from './tree-record.js';
import { largestOf, peerFileBound, refuseHugeFiles } from './peer-file-size.js';
import { refuseHugeFetched } from './fetched-blobs.js';
import { refuseBigFetchedTrees } from './fetched-trees.js';
import { listingTooLong, peerTreeBounds, refuseBigTree } from './peer-tree-size.js';
import { refuseFilesAsFolders } from './files-as-folders.js';
import { damageRefusal, refuseDamageTaken } from './taken-check.js';
import { ScratchRefused } from './reshard-scratch.js';
import { refuseSettings } from './peer-settings.js';
import { layoutChange, replayOnto, takeOffReshard, type LayoutChange } from './reshard-replay.js';
import { replayAcross, type AcrossChange } from './reshard-across.js';
import { shellWord } from '../shell-word.js';
import { addLost, lostHoldsIn, stillHeldAt, type LostHold } from './lost-holds.js';
import { noteLostLeases } from './lost-lease-record.js';
import { hasPendingLosses, recordPendingLosses } from './hand-run-losses.js';
import { gitInProgress } from './git-in-progress.js';
import { SYNC_REBASE_MARK, syncRebaseLeft, workTreeAway } from './work-tree-away.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { ensureHooks } from './git-hooks.js';
import { cliCommand } from './cli-command.js';
import { driverEnv } from './merge-clock.js';
import { PulledShards } from './pulled-shards.js';
import { isRaceLost, pushRefusal, type PushRefusal } from './push-refusal.js';
import { explainBatch, networkEnv, type NetworkEnv } from './no-prompt.js';

/** Pushes tried before giving up when other hosts keep pushing first. */
export const PUSH_ATTEMPTS = 8;
export interface SyncOptions {
  /** How the merge driver settles a hold changed on both sides (see merge-accounts.ts). */
  holds?: HoldRule;
  /** Runs after each rebase that took remote commits, still under the lock; false = stop before pushing. */
  afterRebase?: () => Promise<boolean>;
  attempts?: number;
  /** Says what happened along the way (retries, conflicts); one line each. */
  log?: (line: string) => void;
  /**
   * The repository's config, when the caller read it already (allocate --sync reads it once for its
   * syncs). Nothing between changes it but a first push's --set-upstream, which records the
   * upstream this config already led to (upstreamOf): read after it, it names the same. Read here otherwise.
   */
  config?: GitConfig;
  /** How long each fetch and push may take (no-prompt.ts NETWORK_TIMEOUT_MS unless given: allocate-sync.ts gives a scanner's start less). */
  networkTimeoutMs?: number;
}

export interface SyncReport {
  /** `origin/main` */
  remote: string;
  /** Commits taken from the remote. */
  pulled: number;
  /** Commits published (0 when there was nothing new). */
  pushed: number;
  /** Pushes tried. */
  attempts: number;
  /** afterRebase said stop: nothing was pushed. */
  stopped: boolean;
  /** Password conflicts the merge driver recorded. */
  conflicts: number;
  /**
   * Holds this host's unpublished commits wrote that another host's published hand-out of the same
   * accounts beat (lost-holds.ts): those scanners may still use them, their accounts files list them.
   */
  lost: LostHold[];
  /** Hosts whose clocks the hosts' commits show to be wrong (see clock-verdict.ts), and which one this is. */
  clocks: { self: string | undefined; findings: ClockFinding[] };
}

async function count(dir: string, range: string): Promise<number> {
  return Number((await git(['rev-list', '--count', range], { cwd: dir })).stdout.trim());
}

/** The commits only HEAD has and those only `other` has, from one git process (`ours..theirs` and back were two). */
async function countApart(dir: string, other: string): Promise<{ ours: number; theirs: number }> {
  const [ours, theirs] = (await git(['rev-list', '--left-right', '--count', `HEAD...${other}`], { cwd: dir })).stdout.trim().split(/\s+/).map(Number);
  return { ours: ours!, theirs: theirs! };
}

/** The remote branch's commit after fetching it (and the host files it and HEAD track), or undefined when the remote has no such branch yet. */
async function fetchRemote(dir: string, up: Upstream, net: NetworkEnv): Promise<FetchedHead | undefined> {
  try {
    await git(['fetch', '--quiet', '--no-tags', up.remote, `+refs/heads/${up.remoteBranch}:${up.tracking}`], { cwd: dir, timeoutMs: net.timeoutMs, env: net.env, noTerminal: true });
  } catch (error) {
    if (error instanceof GitError && /couldn't find remote ref/i.test(error.stderr)) return undefined;
    throw explainBatch(error, net);
  }
  return fetchedHead(dir, up.tracking);
}

/**
 * Rebases onto `onto`; returns what the merge driver told of the names it merged (merge-names.ts),
 * without its prefix, and the holds of this host's commits it gave to the remote's (lost-holds.ts).
 */
async function rebaseOnto(dir: string, head: string, onto: string, up: Upstream, holds: HoldRule, now: Date): Promise<{ told: string[]; lost: LostHold[] }> {
  let told: string[];
  let lost: LostHold[];
  // Marked as the sync's own (git's orig-head is `head`): a sync killed in it leaves a rebase the
  // next sync may abort, where an operator's own stopped rebase is never touched (work-tree-away.ts).
  const mark = await gitPath(dir, SYNC_REBASE_MARK);
  await writeFileAtomic(mark, `${head}\n`, 0o600);
  try {
    // --autostash: an operator's uncommitted edit of accountpool.yaml survives the sync. The remote's side, ours in a rebase, is the published one.
    // --reapply-cherry-picks: without it git first drops our commits already upstream by patch id
    // (git-rebase(1): "this necessitates reading all upstream commits"), diffing every commit on both
    // sides with each commit's changed blobs held at once: at 1,000,000 accounts 64 shards of 2.3 MB
    // a side, the 319 MB peak of a first sync (docs/scale-log.md, stop 51). Such a commit is now
    // replayed instead, becomes empty and is dropped all the same (--empty=drop, the default).
    const { stderr } = await git(['rebase', '--quiet', '--autostash', '--reapply-cherry-picks', onto], { cwd: dir, env: driverEnv(holds, now) });
    const lines = stderr.split('\n');
    told = lines.filter((line) => line.startsWith(MERGED_NAME_PREFIX)).map((line) => line.slice(MERGED_NAME_PREFIX.length));
    lost = lostHoldsIn(lines);
  } catch (error) {
    const unmerged = (await gitTest(['diff', '--name-only', '--diff-filter=U'], { cwd: dir }).catch(() => undefined))?.stdout.split('\n').filter(Boolean) ?? [];
    await git(['rebase', '--abort'], { cwd: dir }).catch(() => {});
    await tightenModes(dir);
    await unlink(mark).catch(() => {});
    throw new AppError(
      `could not rebase the pool onto ${up.remote}/${up.remoteBranch}${unmerged.length > 0 ? `: ${unmerged.join(', ')} could not be merged` : ''} (${(error as Error).message}). ` +
        `The rebase was aborted; the pool is as it was before the sync. Merge by hand (\`git -C ${shellWord(dir)} pull --rebase\`), then run \`accountpool verify\`.`,
    );
  }
  await unlink(mark).catch(() => {});
  await tightenModes(dir);
  return { told, lost };
}

/**
 * A rebase under way as the sync begins: one a sync began and was killed in is aborted (the pool
 * as before that sync: its commits are still this host's); an operator's own (stopped on a
 * conflict, or at an `edit` or `break`) is theirs, never aborted nor continued: refused with what
 * to do. The caller holds the pool lock.
 */
async function settleLeftRebase(dir: string, log: (line: string) => void): Promise<void> {
  if (!(await rebaseInProgress(dir))) return;
  if (!(await syncRebaseLeft(dir))) throw new AppError((await workTreeAway(dir)) ?? `a hand-run git rebase is under way in ${dir}: finish it or abort it, then sync`);
  await git(['rebase', '--abort'], { cwd: dir });
  await unlink(await gitPath(dir, SYNC_REBASE_MARK)).catch(() => {});
  log(`aborted a rebase an interrupted sync left in ${dir}`);
}

/** The remote's refusal, in its own words: nothing undone (the commits and their holds stay here), nothing retried. */
function refusedPush(remote: string, refused: PushRefusal, outgoing: number): AppError {
  const said = refused.said.length > 0 ? `: "${refused.said.join(' / ')}"` : '';
  return new AppError(
    `${remote} refused the push (${refused.reasons.join('; ')})${said}. Not tried again: the remote would refuse it the same way. ` +
      `Nothing is lost: this host's ${counted(outgoing, 'commit')} and the holds in them stay here, unpublished (other hosts do not see them until a push is accepted). ` +
      'Let this host push to that branch (a protected branch, a server hook, a quota or a full disk on the server), then run `accountpool sync` again.',
  );
}

async function push(dir: string, up: Upstream, net: NetworkEnv): Promise<void> {
  // Read with the rest of the config when the sync began; only a push that succeeds sets it, and that ends the sync.
  await git(['push', '--quiet', ...(up.tracked ? [] : ['--set-upstream']), up.remote, `HEAD:refs/heads/${up.remoteBranch}`], { cwd: dir, timeoutMs: net.timeoutMs, env: net.env, noTerminal: true });
}

/** Refuses `commit` of `remote` before any of it is taken: far more files or bytes than a pool holds (peer-tree-size.ts), a file far larger than any here (peer-file-size.ts), odd entries (tree-kinds.ts), another merge driver (merge-attributes.ts), a pool file made a folder (files-as-folders.ts), settings every command here refuses (peer-settings.ts), a recorded shard taken out (tree-record.ts); one listing of its tree for all (`here`: HEAD's, as listed when the sync began). */
async function refuseTaken(dir: string, commit: string, remote: string, here: readonly TreeEntry[]): Promise<void> {
  const bounds = peerTreeBounds(here);
  const entries = await listTree(dir, commit, bounds.listingBytes).catch((error: unknown) => {
    throw error instanceof GitError && error.overLimit ? listingTooLong(commit, remote, bounds) : error;
  });
  refuseBigTree(commit, remote, entries, bounds);
  refuseHugeFiles(commit, remote, entries, here);
  await refuseOddEntries(dir, commit, remote, entries);
  await refuseOtherMerges(dir, commit, remote, entries);
  refuseFilesAsFolders(commit, remote, entries);
  await refuseSettings(dir, commit, remote, entries, here);
  await refuseMissingShards(dir, commit, remote, entries, here);
}

/** Records in history that the merge kept one of two passwords (which accounts; never the passwords). */
async function commitConflictNote(dir: string, usernames: string[]): Promise<void> {
  const subject = `merge: kept the newer of two different passwords for ${counted(usernames.length, 'account')}: ${usernames.slice(0, 10).join(', ')}${usernames.length > 10 ? ', ...' : ''}`;
  const body = `The passwords not kept are in .git/${CONFLICT_LOG} on ${hostname()} (never pushed); \`accountpool verify\` there lists them.`;
  await git(['commit', '--quiet', '--allow-empty', '-m', subject, '-m', body, ...(await hostTrailer(dir))], { cwd: dir });
}

/** The conflicts recorded since the log held `before` entries: counted, and named in a commit. */
async function noteConflicts(dir: string, before: number, report: SyncReport): Promise<void> {
  const added = (await readConflicts(dir)).slice(before);
  if (added.length === 0) return;
  report.conflicts += added.length;
  await commitConflictNote(dir, added.map((c) => c.username));
}

async function headCommit(dir: string): Promise<string> {
  return (await git(['rev-parse', '--verify', 'HEAD'], { cwd: dir })).stdout.trim();
}

/**
 * HEAD and the work tree back to `began` (the old layout and this host's own commits, as before the
 * sync) after the sync that followed a reshard's replay failed, unless it published HEAD already.
 */
async function undoReplay(pool: Pool, began: string, tracking: string): Promise<void> {
  const dir = pool.layout.dir;
  await underPoolLock(pool, async () => {
    const published = await gitTest(['merge-base', '--is-ancestor', 'HEAD', tracking], { cwd: dir }).catch(() => undefined);
    if (!published) await backTo(pool, began);
  });
}

/** HEAD and the work tree moved to a replay built off the pool's folder (a descendant of `began`'s remote), under the pool lock the caller holds. */
async function moveTo(pool: Pool, replayed: string): Promise<void> {
  const dir = pool.layout.dir;
  // The index first brought up to date: tightenModes' chmod made git see every file as possibly changed.
  await git(['update-index', '-q', '--refresh'], { cwd: dir }).catch(() => {});
  await git(['reset', '--quiet', '--keep', replayed], { cwd: dir });
  await tightenModes(dir);
  await pool.followShardCount();
}

/** HEAD and the work tree back to `began` (with its shard count), under the pool lock the caller holds. */
async function backTo(pool: Pool, began: string): Promise<void> {
  const dir = pool.layout.dir;
  await git(['reset', '--quiet', '--keep', began], { cwd: dir }).catch(() => git(['reset', '--quiet', '--hard', began], { cwd: dir }));
  await tightenModes(dir);
  await pool.followShardCount();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Syncs (below), then records the leases it took from this host's instances for `status`
 * (lost-lease-record.ts): also after a sync that failed once it had rebased (a push refused), and
 * never one the pool still holds (a rebase or replay undone).
 */
export async function sync(pool: Pool, options: SyncOptions = {}): Promise<SyncReport> {
  return syncRecording(pool, options, undefined);
}

/** `sync`; `settled`: the pool's settled mark a replay left it with, read whole and found sound (syncNoting). */
async function syncRecording(pool: Pool, options: SyncOptions, settled: string | undefined): Promise<SyncReport> {
  const lost: LostHold[] = [];
  // Outside the try: a folder that is no repository of its own has no records to keep (its
  // refusal alone is said, with the command to run, not a warning about .git first).
  await assertOwnRepo(pool.layout.dir);
  try {
    return await syncNoting(pool, options, lost, settled);
  } finally {
    const unrecorded = (which: string) => (error: unknown) => (options.log ?? (() => {}))(`accountpool: warning: ${which} could not be recorded for \`accountpool status\`: ${(error as Error).message}`);
    await noteLostLeases(pool, lost).catch(unrecorded('the lost leases named here'));
    // Those a hand-run git's driver left for hooks that did not run (hand-run-losses.ts); not
    // while that git is still under way (stopped on a conflict): its end may undo them.
    const running = await gitInProgress(pool.layout.dir).catch(() => undefined);
    if (running === undefined) await recordPendingLosses(pool, 'pending', undefined).catch(unrecorded('the lost leases a hand-run git left in .git'));
    else if (await hasPendingLosses(pool.layout.dir)) (options.log ?? (() => {}))(`accountpool: the lost leases a hand-run ${running} left pending are recorded once it ends (it is still under way in ${pool.layout.dir})`);
  }
}

/**
 * The sync itself; each lease this host lost is added to `lost` (the report's) as soon as it is known.
 * `settled`: the second sync after a reshard's replay, given the pool's settled mark (Pool.settledMark)
 * as the replay left it, a tree read whole and found sound: while the pool still shows that mark, no
 * transaction committed or logged since, and the fold below would read 1,000,000 accounts to write
 * nothing (its peak, 331 MB, stop 51 Y).
 */
async function syncNoting(pool: Pool, options: SyncOptions, lost: LostHold[], settled: string | undefined): Promise<SyncReport> {
  const dir = pool.layout.dir;
  const log = options.log ?? (() => {});
  const attempts = options.attempts ?? PUSH_ATTEMPTS;
  // The config once for the whole sync (the driver, the upstream); nothing the sync does changes it before its push.
  const config = options.config ?? (await readConfig(dir));
  if (!(await driverRegistered(dir, config)) || !(await attributesSet(dir))) {
    throw new AppError(`the merge driver for shard and history files is not set up in ${dir} (git config is not cloned, or .gitattributes lacks a line a newer accountpool needs): run \`accountpool init --git --pool ${shellWord(dir)}\` there first`);
  }
  // The hooks that record a hand-run git's lost leases (git-hooks.ts): a clone set up before they
  // existed gets them here, as from init --git; never a reason for the sync to fail.
  await ensureHooks(dir, cliCommand(), config, log).catch((error: Error) => log(`accountpool: warning: could not install the post-merge and post-rewrite hooks: ${error.message}`));
  // Changes logged but not yet written into the shards (by serve, or before git.commit was set) go
  // into them (and a commit) first: a pull must merge with every change this host made, not with
  // shards that lag behind.
  // Before the fold: its transaction refuses while any rebase is under way (work-tree-away.ts).
  if (await rebaseInProgress(dir)) await underPoolLock(pool, () => settleLeftRebase(dir, log));
  if (settled === undefined || settled !== (await pool.settledMark())) await pool.fold();
  /** `began`: HEAD when this sync began; `tracking`: the remote branch's tracking ref; `settled`: the pool's settled mark after the move, when its tree was read whole and found sound. */
  let replay: { reshard: LayoutChange | AcrossChange; commits: number; began: string; tracking: string; settled: string | undefined } | undefined;
  const report = await underPoolLock(pool, async () => {
    await settleLeftRebase(dir, log);
    // A hand-run merge, cherry-pick or revert stopped for the operator (a conflict in a file of
    // theirs), or a detached HEAD: committing the pool's changes now would fail on git's own words,
    // or finish it. (The fold's transaction above refuses the same, unless it began meanwhile.)
    const away = await workTreeAway(dir);
    if (away !== undefined) throw new AppError(away);
    if (await commitPoolChanges(dir, 'commit pool changes left out of git (a failed commit, or git.commit off)')) log('committed pool changes that were not in git yet');
    // A shard the operator linked to another disk is committed as the link (mode 120000): never published.
    const here = await listTree(dir, 'HEAD'); // one listing for both checks (tree-listing.ts)
    await refuseOddHere(dir, here);
    await refuseOtherMerges(dir, 'HEAD', dir, here);
    const up = await upstreamOf(dir, config);
    // No prompt from ssh under the pool lock (no-prompt.ts).
    const net = networkEnv(config, process.env, options.networkTimeoutMs);
    const report: SyncReport = { remote: `${up.remote}/${up.remoteBranch}`, pulled: 0, pushed: 0, attempts: 0, stopped: false, conflicts: 0, lost, clocks: { self: undefined, findings: [] } };
    const clocks = await SyncClocks.start(pool);
    /**
     * Rebases onto `onto` under the clock sightings: what the merge driver told logged, the holds it
     * gave to the remote's noted, and the pool the merge left checked as every write here will read
     * it, undone when none would write (taken-check.ts).
     */
    const rebaseChecked = async (onto: string): Promise<void> => {
      const head = await headCommit(dir);
      // What the rebase changes, diffed and read once for the damage check and the clock sightings (pulled-shards.ts).
      const pulled = new PulledShards(dir, head);
      await clocks.rebase(pulled, async () => {
        const { told, lost } = await rebaseOnto(dir, head, onto, up, options.holds ?? 'newer', pool.now());
        told.forEach(log);
        addLost(report.lost, await stillHeldAt(dir, head, lost));
        await refuseDamageTaken(pool, pulled, report.remote, onto);
      });
    };
    for (let attempt = 1; ; attempt++) {
      const fetched = await fetchRemote(dir, up, net);
      // Before anything is taken or published (asked in the fetch's own git process when the remote branch exists).
      await refuseTrackedHere(dir, fetched?.here);
      const remoteHead = fetched?.commit;
      // What HEAD has that the remote has not, while no rebase changed HEAD (undefined: count again).
      let unpublished: number | undefined;
      if (remoteHead) {
        await clocks.fetched(remoteHead);
        const { ours, theirs: incoming } = await countApart(dir, remoteHead);
        unpublished = ours;
        if (incoming > 0) {
          unpublished = undefined;
          refuseTrackedThere(fetched!.there, report.remote);
          // The tree the rebase checks out first, before any of it reaches the work tree (tree-kinds.ts).
          await refuseTaken(dir, remoteHead, report.remote, here);
          // And every commit before it the pull takes into this pool's history (fetched-blobs.ts).
          await refuseHugeFetched(dir, 'HEAD', remoteHead, report.remote, peerFileBound(largestOf(here)));
          await refuseBigFetchedTrees(dir, 'HEAD', remoteHead, report.remote, peerTreeBounds(here));
          // The password conflicts the merges below record (conflict-log.ts), the replays' included.
          const before = (await readConflicts(dir)).length;
          const reshard = await layoutChange(dir, remoteHead, ours);
          if (reshard?.by === 'across') {
            // Built off the pool's folder whole (reshard-across.ts); the branch and the files move once.
            const began = await headCommit(dir);
            report.pulled += incoming;
            // What the move below changes, diffed and read once for the damage check and the clock sightings (pulled-shards.ts).
            const pulled = new PulledShards(dir, began);
            await clocks
              .rebase(pulled, async () => {
                const replayed = await replayAcross(dir, reshard, remoteHead, ours, options.holds ?? 'newer', pool.now());
                await moveTo(pool, replayed.commit);
                addLost(report.lost, replayed.lost);
                // Every shard changed: the pool the move left read as every write reads it, every account HEAD held in it.
                await refuseDamageTaken(pool, pulled, report.remote, remoteHead);
              })
              .catch(async (error: unknown) => {
                await backTo(pool, began);
                // The remote's pool refused as it was resharded here: a peer's damage, named as any pull's.
                throw error instanceof ScratchRefused && error.commit === remoteHead ? await damageRefusal(dir, report.remote, reshard.base, remoteHead, [error.problems], ['shards/']) : error;
              });
            await noteConflicts(dir, before, report);
            // The move's pool was read whole just now (refuseDamageTaken: every shard changed).
            replay = { reshard, commits: ours, began, tracking: up.tracking, settled: await pool.settledMark() };
            return report;
          }
          if (reshard) {
            // Commits on one layout cannot be rebased onto the other: replay them (reshard-replay.ts).
            const began = await headCommit(dir);
            // This host's unpublished reshard first taken off, what else its commit changed kept: it gives way to the remote's.
            const own = reshard.own;
            if (own) await takeOffReshard(dir, own);
            const onto = `${reshard.commit}^`;
            await refuseTaken(dir, onto, report.remote, here);
            report.pulled += await count(dir, `HEAD..${onto}`);
            // Both sides on the old layout, up to the commit before the remote's reshard.
            await rebaseChecked(onto).catch(async (error: unknown) => {
              if (own) await backTo(pool, began); // its reshard put back: as it was before the sync
              throw error;
            });
            // Built off the pool's folder; only the branch and the files move here, once it is whole.
            const replayed = await replayOnto(dir, reshard, ours, options.holds ?? 'newer', pool.now()).catch(async (error: unknown) => {
              await backTo(pool, began);
              throw error;
            });
            await moveTo(pool, replayed.commit);
            addLost(report.lost, replayed.lost);
            await noteConflicts(dir, before, report);
            // A replay whose tree is this host's own reshard was read whole by it (the store's reshard
            // checks what it reads, writes canonically); one picked onto the remote's is read by the fold.
            replay = { reshard, commits: ours, began, tracking: up.tracking, settled: replayed.ownReshard ? await pool.settledMark() : undefined };
            return report;
          }
          await rebaseChecked(remoteHead);
          report.pulled += incoming;
          await noteConflicts(dir, before, report);
          if (options.afterRebase && !(await options.afterRebase())) {
            report.stopped = true;
            return report;
          }
        }
      }
      if (await clocks.publish()) unpublished = undefined;
      const outgoing = unpublished ?? (await count(dir, remoteHead ? `${remoteHead}..HEAD` : 'HEAD'));
      if (outgoing === 0) return report;
      report.attempts = attempt;
      try {
        await push(dir, up, net);
        report.pushed = outgoing;
        return report;
      } catch (error) {
        const refused = pushRefusal(error);
        // Refused for good (a protected branch, a server hook, a quota): the same push would be refused again, eight times, under the lock.
        if (refused) throw refusedPush(report.remote, refused, outgoing);
        if (!isRaceLost(error)) throw explainBatch(error, net);
        if (attempt >= attempts) throw new AppError(`another host pushed first ${counted(attempt, 'time')} in a row; gave up (${(error as Error).message}). The pool's commits are kept locally; run \`accountpool sync\` again.`);
        log(`push to ${report.remote} rejected: another host pushed first; pulling again (attempt ${attempt + 1} of ${attempts})`);
        await pause(50 + Math.random() * 150 * attempt);
      }
    }
  });
  if (replay) {
    const { reshard, commits } = replay;
    log(
      reshard.by === 'remote'
        ? `the remote pool was resharded (${reshard.from} -> ${reshard.to} shards) while this host had ${commits} unpublished commits: resharded this host's pool the same way and replayed them as one commit` +
            (reshard.own ? `; this host's own reshard (${reshard.own.from} -> ${reshard.own.to} shards) gave way to the remote's, the accounts its commit changed kept` : '')
        : reshard.theirs === ''
          ? `other hosts published commits on the old layout since this host resharded it (${reshard.ours} shards): took them, then resharded again on top, this host's ${counted(commits, 'commit')} replayed as one`
          : `the remote pool was resharded (${reshard.theirs} shards) while this host had ${commits} unpublished commits${reshard.ours ? ` and resharded it too (${reshard.ours}: gave way to the remote's)` : ''}: resharded this host's work the same way and replayed it as one commit`,
    );
    // The reshard commit and what the remote has after it are checked by this second sync (taken-check.ts);
    // a refusal there takes the whole sync back, the replay and the reshard with it: as it was before.
    const rest = await syncRecording(pool, options, replay.settled).catch(async (error: unknown) => {
      await undoReplay(pool, replay!.began, replay!.tracking);
      throw error;
    });
    addLost(report.lost, rest.lost);
    return { ...rest, pulled: report.pulled + rest.pulled, conflicts: report.conflicts + rest.conflicts, lost: report.lost };
  }
  report.clocks = await clockFindings(dir, pool.now());
  return report;
}
