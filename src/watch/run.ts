// One pass of work over inbox files: the queue wired to processFile, and each outcome turned into
// its log line (stdout for imports, stderr for the rest) and, where needed, a retry.
import { lstat } from 'node:fs/promises';
import { describeReport, noteLines, rejectedCount, rejectionLines } from '../import/merge.js';
import type { Pool } from '../store/pool.js';
import { println, type Output } from '../cli/context.js';
import { ignoreRule, inboxRelative } from './ignore.js';
import { mailGroup, type ConversationMail, type MailGroupContext } from './mail-group.js';
import { HeldGroups } from './held-groups.js';
import { containerGroup, type ContainerBatch, type SetAside } from './container-group.js';
import { HeldRecord, memberOf, type HeldMember } from './held-record.js';
import { rebuildHeld } from './held-rebuild.js';
import { processFile, type FileContext, type Outcome } from './process-file.js';
import { FileQueue } from './queue.js';
import { Receipts } from './receipts.js';
import { TakenFiles } from './taken-files.js';
import { SettleCheck } from './settle.js';
import { OpenWriters } from './open-writers.js';
import { MAX_DEPTH, MAX_FOLDERS } from './scan.js';
import { shownName } from './raw-names.js';
import { shellWord } from '../shell-word.js';
import { checkAlerts } from '../alerts/check.js';
import { collectIfGrown } from './give-back.js';
import { growIfDue, reshardingFirst } from '../cli/grow-shards.js';
import { dayFolder } from './move.js';
import { pruneTaken } from './filed-days.js';
import { importAgain, lookAgain, type Filed } from './written-after-filing.js';
import { counted } from '../counted-noun.js';
import { Batch, BATCH_FILES, runBatch, type Ended } from './burst.js';
import { isConversationName } from '../formats/mail/mail-batch.js';

/**
 * How many times a mail waits for another mail beside it still being written (each wait at most
 * the settle time) before it is imported alone: a mail written to for ever holds back no other.
 */
const GROUP_WAITS = 20;
/**
 * How many settle times a compose file waits for a companion it names that is not in the inbox
 * yet (its `.env` copied a moment after it), before it is read without it, naming it (container-group.ts).
 */
const COMPANION_WAITS = 4;

/** What leaves a file in the inbox, to be tried again (or, with `--once`, at the next run). */
const STAYS = new Set<Outcome['kind']>(['postponed', 'unsettled', 'changed', 'downloading', 'writing', 'stopped']);

/** Rejected or duplicate lines the watcher names per file. */
const REJECTIONS_SHOWN = 20;

export const DEFAULT_SETTLE_MS = 500;
/**
 * The watcher never gives up on a busy pool (it retries, see process-file.ts), so one wait for
 * the lock need not be the config's lock_wait (60 s): short waits keep a stop request prompt.
 */
const LOCK_ATTEMPT_MS = 2000;
/** Retries of a file the pool could not take (not the file's fault): 1 s, 2 s, ... 60 s. */
const POSTPONE_FIRST_MS = 1000;
const POSTPONE_MAX_MS = 60_000;
/**
 * `--once` waits for a file still being written to at most the settle time plus this, counted
 * from when it first found the file unsettled; then the file stays in the inbox for the next run.
 * A file written to for ever (a log, a script appending to it, an upload by another user whose
 * open handle cannot be seen) used to hold `watch --once` for ever: a cron job's later runs all
 * refused beside it, and a scanner's pre-start hook never got to its allocation.
 */
export const ONCE_WAIT_MS = 30_000;
/**
 * How long a file of corrections alone (`fix.txt`) waits behind the inbox's other files still
 * settling or held open, before it is imported whatever is pending (ms).
 */
export const HOLD_CORRECTIONS_MS = 60_000;
/** Files written this close together are one drop (a delivery and its fix.txt saved in the same second). */
export const SAME_DROP_MS = 1000;

/** How long until the file at `path` is SAME_DROP_MS old by its mtime (0 when it is, or is gone). */
async function youngFor(path: string): Promise<number> {
  const written = await lstat(path).then((st) => st.mtimeMs, () => 0);
  return Math.max(0, Math.ceil(written + SAME_DROP_MS - Date.now()));
}
/** How often a file whose download runs beside it is looked at again (one lstat). */
const DOWNLOAD_POLL_MS = 2000;
/** How often the files filed lately are looked at again (one fstat each). */
const FILED_POLL_MS = 2000;
/** At most this many filed files are looked after at once (an open handle each). */
const FILED_KEPT = 64;

export interface InboxOptions {
  pool: Pool;
  inbox: string;
  stdout: Output;
  stderr: Output;
  /** How long a file must be left alone before it counts as finished (ms). */
  settleMs?: number;
  /** `--once`: how long past the settle time a file still written to is waited for (ms; default ONCE_WAIT_MS). */
  onceWaitMs?: number;
  /** How often the whole inbox is scanned again while watching (ms); 0 = never. */
  rescanMs?: number;
  now?: () => Date;
}

export interface Tally {
  imported: number;
  /** Of the imported, those with lines rejected (filed in imported/ all the same: `watch --once` exits 1). */
  withRejections: number;
  failed: number;
  /** Left in the inbox because the pool could not take them (`--once` only; the watcher retries). */
  postponed: number;
  /** Paths that led outside the inbox when their turn came (a folder swapped for a link). */
  refused: number;
  /** Folders deeper in the inbox than the watcher looks (scan.ts): their files stay, unseen. */
  tooDeep: number;
  /** Scans that left folders unseen past MAX_FOLDERS (scan.ts). */
  tooMany: number;
  /** Folders of the inbox the watcher may not open or list (scan.ts): their files stay, unseen. */
  denied: number;
}

export interface Run {
  queue: FileQueue;
  tally: Tally;
  abort: AbortController;
  /** Says, once per folder, that a folder is deeper than the watcher looks (scanInbox's `tooDeep`). */
  tooDeep: (folder: string) => void;
  /** Says, once a run, that the inbox holds more folders than the watcher looks into (scanInbox's `tooMany`). */
  tooMany: (first: string, left: number) => void;
  /** Says, once per folder, that the watcher may not open or list a folder of the inbox (scanInbox's `denied`). */
  denied: (folder: string, code: string) => void;
  /** Stops looking after filed files (written-after-filing.ts) and closes their handles. */
  letGoFiled: () => Promise<void>;
}

/**
 * Forgets the pool as the last transaction read it (at a million accounts most of a gigabyte
 * before paging, a few hundred MB now) and, when that was large, collects it at once
 * (give-back.ts): an idle watcher would otherwise hold it until the next file, on top of that
 * file's own import.
 */
function letGo(pool: Pool): void {
  pool.forgetWholeRead();
  collectIfGrown();
}

function readably(out: Output): Output {
  return { isTTY: out.isTTY, write: (text: string) => out.write(shownName(text)) };
}

/** The queue, with processFile as its handler and the log lines as its output; `root` is the inbox's real path. */
export function startRun(options: InboxOptions, root: string, retryPostponed: boolean): Run {
  const { pool, inbox } = options;
  // Names that are not UTF-8 travel as raw-names.ts's strings; every line shows their bytes as `\xE9`.
  const stdout = readably(options.stdout);
  const stderr = readably(options.stderr);
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  pool.config.lock_wait = Math.min(pool.config.lock_wait, LOCK_ATTEMPT_MS);
  const abort = new AbortController();
  const tally: Tally = { imported: 0, withRejections: 0, failed: 0, postponed: 0, refused: 0, tooDeep: 0, tooMany: 0, denied: 0 };
  const postponeDelay = new Map<string, number>();
  const onceWaitMs = settleMs + (options.onceWaitMs ?? ONCE_WAIT_MS);
  /** `--once`: when each file was first found still being written to. */
  const unsettledSince = new Map<string, number>();
  /** `--once`: whether `path`, still written to, has been waited for long enough (then it stays, said so). */
  const waitedEnough = (path: string, name: string, retryMs: number): boolean => {
    if (retryPostponed) return false;
    const now = Date.now();
    const since = unsettledSince.get(path) ?? now;
    unsettledSince.set(path, since);
    if (now + retryMs - since <= onceWaitMs) return false;
    tally.postponed++;
    println(stderr, `cannot import ${name} now: it is still being written to, ${Math.round((now - since) / 1000)} s after this run first found it so; it stays in the inbox for the next run (a file is taken once nothing was written to it for ${settleMs} ms)`);
    return true;
  };
  const toldDownloading = new Set<string>();
  let prunedOn = dayFolder((options.now ?? (() => new Date()))()); // the start pruned (watcher.ts)
  const ctx: FileContext = {
    pool,
    inbox,
    root,
    receipts: new Receipts(pool.layout.dir, root),
    taken: new TakenFiles(pool.layout.dir, root),
    settle: new SettleCheck(settleMs),
    writers: new OpenWriters(),
    now: options.now ?? (() => new Date()),
    signal: abort.signal,
    onBusy: (name, message) => println(stderr, `waiting for the pool to import ${name}: ${message.replace(/; try again.*$/, '')}; retrying`),
  };
  const postpone = (path: string, name: string, reason: string) => {
    if (!retryPostponed) {
      tally.postponed++;
      println(stderr, `cannot import ${name} now: ${reason}; it stays in the inbox`);
      return;
    }
    const delay = postponeDelay.get(path) ?? POSTPONE_FIRST_MS;
    postponeDelay.set(path, Math.min(delay * 2, POSTPONE_MAX_MS));
    println(stderr, `cannot import ${name} now: ${reason}; it stays in the inbox (trying again in ${Math.round(delay / 1000)} s)`);
    queue.later(path, delay);
  };
  /** A file whose handling threw (neither its fault nor the pool's: its folder cannot be written), postponed by its inbox name. */
  const postponeThrown = (path: string, error: unknown) => postpone(path, inboxRelative(inbox, path) ?? path, error instanceof Error ? error.message : String(error));
  const report = (path: string, outcome: Outcome) => {
    if (outcome.kind !== 'postponed' && outcome.kind !== 'unsettled' && outcome.kind !== 'changed') postponeDelay.delete(path);
    if (outcome.kind !== 'unsettled' && outcome.kind !== 'changed') unsettledSince.delete(path);
    if (outcome.kind !== 'downloading' && outcome.kind !== 'writing') toldDownloading.delete(path);
    switch (outcome.kind) {
      case 'imported':
        tally.imported++;
        if (rejectedCount(outcome.report) > 0) tally.withRejections++;
        if (outcome.filed && retryPostponed) {
          afterFiled.set(`\0filed:${outcome.movedTo}`, outcome.filed);
          // A burst of files keeps no more than FILED_KEPT open: the oldest is let go first.
          for (const [key, old] of afterFiled) {
            if (afterFiled.size <= FILED_KEPT) break;
            afterFiled.delete(key);
            void old.handle.close().catch(() => {});
          }
        } else if (outcome.filed) void outcome.filed.handle.close().catch(() => {});
        println(stdout, describeReport(outcome.report));
        if (outcome.note) println(stderr, outcome.note);
        // What was left out and why, as `import` says it (never a password); a dump of thousands of
        // bad lines is not copied into the service's log: the rest with `import --dry-run`, the path
        // one word to paste into bash, zsh or fish whatever its name holds (shell-word.ts).
        for (const line of [...noteLines(outcome.report), ...rejectionLines(outcome.report, REJECTIONS_SHOWN)]) println(stderr, line);
        if (rejectedCount(outcome.report) + outcome.report.duplicates.length > REJECTIONS_SHOWN) println(stderr, `every line: accountpool import --dry-run ${shellWord(outcome.movedTo)}`);
        break;
      case 'failed':
        tally.failed++;
        println(stderr, `failed ${outcome.name}: ${outcome.reason} (moved to ${outcome.movedTo})`);
        break;
      case 'unsettled':
        if (!waitedEnough(path, outcome.name, outcome.retryMs)) queue.later(path, outcome.retryMs);
        break;
      case 'changed':
        println(stdout, `${describeReport(outcome.report)}; the file changed meanwhile, so it stays to be imported again`);
        if (!waitedEnough(path, outcome.name, outcome.retryMs)) queue.later(path, outcome.retryMs);
        break;
      case 'postponed':
        postpone(path, outcome.name, outcome.reason);
        break;
      case 'downloading':
      case 'writing': {
        const line =
          outcome.kind === 'writing'
            ? `waiting for ${outcome.name}: ${outcome.by} still has it open for writing; the file is taken once it is closed`
            : `waiting for ${outcome.name}: ${outcome.beside} beside it is still being downloaded; the file is taken once that is done`;
        if (!retryPostponed) {
          tally.postponed++;
          println(stderr, `${line}; it stays in the inbox`);
          break;
        }
        if (!toldDownloading.has(path)) println(stderr, line);
        toldDownloading.add(path);
        queue.later(path, DOWNLOAD_POLL_MS);
        break;
      }
      case 'refused':
        // Not retried: whatever is at that path now is found again by the next look at the inbox.
        tally.refused++;
        println(stderr, `refused ${outcome.name}: ${outcome.reason}; nothing was read or moved`);
        break;
      case 'gone':
      case 'stopped':
        break;
    }
  };
  // Within a burst (another file waiting in the queue) the pool's read is kept for the next file:
  // its transaction takes each shard the last commit did not write from the cache, by its stamp,
  // instead of reading, hashing and paging it again (at 1,000,000 accounts in 256 shards ~0.75 s of
  // CPU a file, the most of each one-account file's import: scale-log.md, stop 60 M2). Let go once
  // no file waits (`onDrained`, whatever the last one's outcome), as before for a file alone.
  let readKept = false;
  // Files waited behind the last one handled: the next plain file opens a batch (handleBurst). The
  // first file of a burst is handled alone, as a file that comes by itself: imported at once, its
  // commit not kept waiting while the files behind it are read under the lock (burst.ts).
  let burstGoing = false;
  const letGoAfterBurst = (more = false) => {
    if (queue.hasWaiting || more) readKept = true;
    else {
      readKept = false;
      letGo(pool);
    }
  };
  const worked = (outcome: Outcome) => outcome.kind !== 'gone' && outcome.kind !== 'unsettled' && outcome.kind !== 'refused' && outcome.kind !== 'downloading' && outcome.kind !== 'writing';
  /** Files of corrections alone held behind the inbox's other files: when each was first held (ms). */
  const heldSince = new Map<string, number>();
  const handleOne = async (path: string, mail?: ConversationMail, container?: ContainerBatch | SetAside): Promise<Outcome> => {
    // Asked at each file, as growIfDue does: the pool may have been put under git since the start.
    ctx.reshard = await reshardingFirst(pool, (line) => println(stderr, line));
    // `fix.txt` (corrections alone): after the inbox's other files, which may deliver what it corrects:
    // those waiting, and those due for a retry (a delivery dropped in the same second, still settling
    // or held open by its writer when the fix's turn came: stop 62 took it alone, and it failed).
    // Held at most HOLD_CORRECTIONS_MS: a file written to for hours does not keep it forever.
    // Asked the first time whatever is pending: a delivery dropped in the same second may not have been seen yet.
    const since = heldSince.get(path);
    const others = queue.pendingAny((p) => p !== path && !heldSince.has(p));
    ctx.correctionsLast = since === undefined || (others && Date.now() - since < HOLD_CORRECTIONS_MS);
    const outcome = await processFile(ctx, path, mail, container);
    if (outcome.kind === 'after-burst') {
      // Nothing else pending: held only while it is younger than SAME_DROP_MS, for a delivery of the same second to be seen.
      const fresh = others ? 0 : await youngFor(path);
      if (since === undefined) heldSince.set(path, Date.now());
      if (since === undefined && (others || fresh > 0)) println(stderr, `holding ${outcome.name}: corrections alone, taken after the inbox's other files (they may deliver what it corrects)`);
      // Behind the files waiting; or, none waiting, when the retries may have brought theirs back.
      if (queue.hasWaiting) queue.add(path);
      else queue.later(path, others ? settleMs : fresh);
      return outcome;
    }
    heldSince.delete(path);
    // Files come rarely (a seller's mail a day): unless another waits (a burst), nothing of the
    // pool as the import read it is kept until the next one, and the memory it took is handed
    // back before the file's line.
    if (worked(outcome)) letGoAfterBurst();
    await tellOutcome(path, outcome);
    await afterImports([{ path, outcome }]);
    burstGoing = queue.hasWaiting;
    return outcome;
  };
  /** A file's line, and once a day what was taken on days gone from imported/ forgotten. */
  const tellOutcome = async (path: string, outcome: Outcome) => {
    report(path, outcome);
    // A watcher that runs for months forgets, once a day, what was taken on days gone from imported/.
    if (outcome.kind === 'imported' && dayFolder(ctx.now()) !== prunedOn) {
      prunedOn = dayFolder(ctx.now());
      await pruneTaken(ctx.taken, root);
    }
  };
  /** What follows the import of a file, or of a burst's batch (burst.ts): a reshard due, the alerts, the read let go. */
  const afterImports = async (done: readonly { path: string; outcome: Outcome }[]) => {
    if (done.some(({ outcome }) => outcome.kind === 'imported' || outcome.kind === 'changed')) {
      await growIfDue(pool, (line) => println(stderr, line));
      await checkAlerts(pool, { log: (line) => println(stderr, line) });
      // What they read (a reshard, an alert's whole read): cheap when nothing. An alert's read is
      // every account parsed (alerts/check.ts), never kept for the next file of a burst.
      if (pool.config.alerts.length > 0) {
        readKept = false;
        letGo(pool);
      } else letGoAfterBurst();
    }
  };
  /**
   * `path` and the plain files waiting right after it, in one transaction (burst.ts): up to
   * BATCH_FILES, none a mail, a conversation's, a container file's or a companion of one (those
   * keep their own turns, and the batch stops before the first of them, so the pool takes the
   * files in the queue's order). A file the batch did not take is handled alone right after it,
   * or opens the next batch.
   */
  const handleBurst = async (path: string): Promise<void> => {
    const taken = queue.takeWaiting(BATCH_FILES - 1, plainTurn);
    // What the batch did not get to goes back to the queue's front, whatever is thrown meanwhile:
    // the paths taken are in no other list (`--once` would end with them unseen in the inbox).
    let back: string[] = taken;
    try {
      let rest = taken;
      for (const [i, p] of taken.entries()) {
        if ((await containerGroup(mails, p, false)) === undefined) continue;
        rest = taken.slice(0, i);
        break;
      }
      back = taken.slice(rest.length);
      if (rest.length === 0) return void (await handleOne(path));
      ctx.reshard = await reshardingFirst(pool, (line) => println(stderr, line));
      const batch = new Batch(ctx);
      const done: { path: string; outcome: Outcome }[] = [];
      const after: { path: string; then: 'alone' | 'next' }[] = [];
      // Each file's line as soon as it is filed: a watcher killed among them has said each one it filed.
      let letGone = false;
      const onEnd = async (p: string, ended: Ended<Outcome>, last: boolean) => {
        // Thrown: neither the file's fault nor the pool's (its folder cannot be written), as the queue's onError says it.
        if ('error' in ended) return postponeThrown(p, ended.error);
        if (ended.value.kind === 'unbatched') return void after.push({ path: p, then: ended.value.then });
        done.push({ path: p, outcome: ended.value });
        // The pool's read let go (unless more files wait) before the last file's line, as for a file alone.
        if (last && !letGone && done.some(({ outcome }) => worked(outcome))) {
          letGone = true;
          letGoAfterBurst(back.length > 0 || batch.closed);
        }
        await tellOutcome(p, ended.value);
      };
      const notStarted = await runBatch(batch, [path, ...rest], (p) => processFile({ ...ctx, batch }, p), () => ctx.signal.aborted, onEnd);
      // In the queue's order: a file the batch turned away comes before those it did not get to;
      // those to import alone are handled here, at once, before the queue goes on.
      const alone = after.filter((a) => a.then === 'alone').map((a) => a.path);
      queue.putBack([...after.filter((a) => a.then === 'next').map((a) => a.path), ...notStarted, ...back]);
      back = alone;
      if (!letGone && done.some(({ outcome }) => worked(outcome))) letGoAfterBurst(alone.length > 0);
      await afterImports(done);
      while (back.length > 0 && !ctx.signal.aborted) {
        const p = back.shift()!;
        // Thrown: postponed as the queue's onError does for a file alone.
        await handleOne(p).catch((error: unknown) => postponeThrown(p, error));
      }
    } finally {
      queue.putBack(back);
      burstGoing = queue.hasWaiting;
    }
  };
  /** A path that may share a burst's transaction, by what the queue knows: no filed file looked at again, no mail, none held. */
  const plainTurn = (p: string) => !p.startsWith('\0') && !isConversationName(p) && !held.has(p) && !afterFiled.has(p);
  const held = new HeldGroups();
  /** `watch --once`: a mail whose conversation's earlier mail stays stays too. */
  const postponedWith = (path: string) => {
    tally.postponed++;
    println(stderr, `cannot import ${inboxRelative(inbox, path) ?? path} now: an earlier mail of its conversation stays in the inbox; it stays with it`);
  };
  const mails: MailGroupContext = { inbox, root, settleMs, maxSize: pool.config.max_dump_size, maxLines: pool.config.max_dump_lines, ignored: ignoreRule(inbox, [pool.layout.dir]) };
  const groupWaits = new Map<string, number>();
  // The conversations being imported or held, on disk (held-record.ts): a watcher killed in the
  // middle of one, or `--once` leaving one held, reads it again whole at the next start.
  const record = new HeldRecord(pool.layout.dir, root);
  const recorded: HeldMember[][] = [];
  const membersOf = new WeakMap<ConversationMail[], HeldMember[]>();
  let restored: Promise<void> | undefined;
  const restore = () =>
    (restored ??= (async () => {
      for (const members of await record.load()) {
        const rest = await rebuildHeld(mails, members);
        if (rest.length === 0) continue; // all of it filed: done
        recorded.push(members);
        membersOf.set(rest, members);
        held.hold(rest);
      }
      await record.save(recorded);
    })());
  const queue: FileQueue = new FileQueue(
    async (path) => {
      await restore();
      const filed = afterFiled.get(path);
      if (filed) return importFiledAgain(path, filed);
      // A mail of a conversation held back (held-groups.ts): taken with it, at its first mail's turn.
      const kept = held.take(path);
      if (kept === 'later') {
        if (!retryPostponed) postponedWith(path);
        return;
      }
      // A compose file or pod spec with the files beside it it takes its settings from: one batch,
      // waited for as a conversation's mails are (container-group.ts); a file of it waits for its turn.
      const container = kept ? undefined : await containerGroup(mails, path, (groupWaits.get(path) ?? 0) >= COMPANION_WAITS);
      if (container && 'with' in container) return void groupWaits.delete(path);
      if (container && 'retryMs' in container && (groupWaits.get(path) ?? 0) < GROUP_WAITS) {
        groupWaits.set(path, (groupWaits.get(path) ?? 0) + 1);
        queue.later(path, container.retryMs);
        return;
      }
      if (container && ('beside' in container || 'setAside' in container)) {
        groupWaits.delete(path);
        return void (await handleOne(path, undefined, container));
      }
      // A mail waiting with others: all of them, one conversation, each imported and filed in Date order (mail-group.ts).
      const group = kept ?? (await mailGroup(mails, path, Date.now(), held.has));
      if (group && 'retryMs' in group && (groupWaits.get(path) ?? 0) < GROUP_WAITS) {
        groupWaits.set(path, (groupWaits.get(path) ?? 0) + 1);
        queue.later(path, group.retryMs);
        return;
      }
      groupWaits.delete(path);
      // A plain file with others waiting behind it (a mass drop): one transaction for them (burst.ts).
      if (!Array.isArray(group)) return void (await (burstGoing && queue.hasWaiting && plainTurn(path) ? handleBurst(path) : handleOne(path)));
      // Recorded before its first import, when the conversation says anything a mail alone would not.
      const members = membersOf.get(group) ?? (group.some((m) => m.result !== undefined) ? group.map((m) => memberOf(inboxRelative(inbox, m.path) ?? m.path, m.bytes)) : undefined);
      if (members && !recorded.includes(members)) {
        recorded.push(members);
        await record.save(recorded);
      }
      for (const [k, mail] of group.entries()) {
        if (ctx.signal.aborted) return;
        const holdRest = () => {
          const rest = group.slice(k);
          if (members) membersOf.set(rest, members);
          held.hold(rest);
        };
        let outcome: Outcome;
        try {
          outcome = await handleOne(mail.path, mail);
        } catch (error) {
          // Thrown (its folder cannot be written: EACCES filing it): it stays in the inbox as a
          // postponed mail does, and the mails after it wait with it, never read at their own
          // turns without the mails before them, filed by then.
          holdRest();
          return postponeThrown(mail.path, error);
        }
        // Left in the inbox to be tried again (the pool could not take it, it was written to):
        // it keeps the conversation's word on it, the mails after it wait with it, and all are
        // tried again together, as they were read, even once the mails before them are filed.
        if (STAYS.has(outcome.kind)) return holdRest();
      }
      if (members) {
        recorded.splice(recorded.indexOf(members), 1);
        await record.save(recorded);
      }
    },
    // Neither the file's fault nor the pool's (the inbox folder cannot be written, ...).
    (path, error) => postponeThrown(path, error),
    () => {
      if (readKept) letGoAfterBurst();
    },
  );
  // Filed files whose writer may go on (written-after-filing.ts): looked at every 2 s while a live watcher runs.
  const afterFiled = new Map<string, Filed>();
  const looking = retryPostponed ? setInterval(() => void lookAfterFiled(), FILED_POLL_MS) : undefined;
  looking?.unref();
  let lookingNow = false;
  const lookAfterFiled = async () => {
    if (lookingNow) return;
    lookingNow = true;
    try {
      for (const [key, filed] of afterFiled) {
        const what = await lookAgain(filed, Date.now(), settleMs);
        if (what === 'grown') queue.add(key);
        if (what === 'done') {
          afterFiled.delete(key);
          await filed.handle.close().catch(() => {});
        }
      }
    } finally {
      lookingNow = false;
    }
  };
  const importFiledAgain = async (key: string, filed: Filed) => {
    const again = await importAgain(ctx, filed, pool.config.max_dump_size);
    letGo(pool);
    if (again === undefined || again === 'changed') return; // stopping, or still written: looked at again
    if ('error' in again) {
      afterFiled.delete(key);
      await filed.handle.close().catch(() => {});
      println(stderr, `${filed.name} was written to after it was filed (${filed.movedTo}) and could not be read again: ${again.error}; the rest of it is not imported: fix it and drop it into the inbox again`);
      return;
    }
    // The same file, imported once more: the tally counts files.
    println(stdout, `${describeReport(again.report)}; it was written to after it was filed, so it was read whole again from ${filed.movedTo}`);
    for (const line of rejectionLines(again.report, REJECTIONS_SHOWN)) println(stderr, line);
  };
  const letGoFiled = async () => {
    if (looking) clearInterval(looking);
    for (const filed of afterFiled.values()) await filed.handle.close().catch(() => {});
    afterFiled.clear();
  };
  const toldTooDeep = new Set<string>();
  const tooDeep = (folder: string) => {
    if (toldTooDeep.has(folder)) return;
    toldTooDeep.add(folder);
    tally.tooDeep++;
    println(stderr, `not looking into ${inboxRelative(inbox, folder) ?? folder}: the watcher looks ${MAX_DEPTH} folders deep into the inbox, no deeper; move its files higher up to have them imported`);
  };
  // Once a run: a live watcher's every rescan (10 s) would say it again while the folders stay.
  const tooMany = (first: string, left: number) => {
    if (tally.tooMany++ > 0) return;
    println(
      stderr,
      `not looking into ${counted(left, 'folder')} of the inbox, ${inboxRelative(inbox, first) ?? first} the first: the watcher looks into ${MAX_FOLDERS} folders, no more; ` +
        `remove those nobody uses (\`find ${shellWord(inbox)} -mindepth 1 -type d -empty\` lists the empty ones) to have the rest imported`,
    );
  };
  // Once per folder: a live watcher's rescans would say it again while it stays so.
  const toldDenied = new Set<string>();
  const denied = (folder: string, code: string) => {
    if (toldDenied.has(folder)) return;
    toldDenied.add(folder);
    tally.denied++;
    const who = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
    println(stderr, `not looking into ${inboxRelative(inbox, folder) ?? folder}: the watcher${who} may not open or list it (${code}); give it read and search permission (\`chmod u+rx\`, or the watcher's group g+rx) to have its files imported`);
  };
  return { queue, tally, abort, tooDeep, tooMany, denied, letGoFiled };
}
