// A push the remote turned down: another host's push landed first (a lost race: pull and go
// again), or the remote said no for good (a protected branch, a server hook, a quota, a full
// disk there: going again would be refused the same way, eight times, under the pool lock).
// Told apart by git's own reason for each refused ref (transport.c prints `! [rejected] ... (why)`
// for a refusal it saw coming, `! [remote rejected] ... (why)` for one receive-pack reported).
import { GitError } from './run-git.js';
import { escapeControls } from '../terminal-text.js';

/**
 * The reasons a ref is refused because the remote branch moved meanwhile, whatever the remote
 * says besides: seen before sending (`fetch first`, `non-fast-forward`; transport.c), a lease's
 * `stale info`, and newer gits' per-ref rejection `incorrect old value provided` (refs.c,
 * ref_transaction_error_msg).
 */
const RACE_REASON = /fetch first|non-fast-forward|incorrect old value|stale info/i;

/**
 * The reasons receive-pack gives for any ref write it could not make (builtin/receive-pack.c:
 * update() and execute_commands_*: `failed to update ref`, `failed to update refs`, `atomic
 * transaction failed`; before git 2.0 `failed to lock`; servers that pass the ref store's words
 * on: `cannot lock ref ...`): a race only when the ref store's own words, printed first as
 * `remote: error: ...` (or in the reason), say another push moved or holds the branch (RACE_WORDS). Anything else there is the remote's
 * disk, permissions or quota (`couldn't write '.../main.lock'`, `unable to append to ...`,
 * `Permission denied`, `No space left on device`): the same push would fail again.
 */
const REF_WRITE_REASON = /failed to update refs?\b|atomic transaction failed|cannot lock ref|failed to lock/i;

/**
 * The ref store's words for a branch another push moved or is moving (refs/files-backend.c):
 * `cannot lock ref 'X': is at A but expected B`, `reference already exists`, `reference is
 * missing but expected B`, and another receive-pack's lock on it (lockfile.c
 * unable_to_lock_message: `Unable to create '...main.lock': File exists.`).
 */
const RACE_WORDS = /but expected|reference already exists|\.lock'?: File exists/i;

/**
 * `! [remote rejected] HEAD -> main (pre-receive hook declined)` → its reason: the line's last
 * parenthesised text (git's reasons hold no parenthesis; a branch name may: `main(fetch first)`
 * made the reason "fetch first) (pre-receive hook declined" until stop 61, a refusal read as a race).
 */
const REFUSED_REF = /^\s*!\s*\[(?:remote )?rejected\][^\n]*\(([^()\n]*)\)\s*$/gm;

/** How many of the remote's own lines (`remote: ...`) a refusal quotes, and how long each. */
const REMOTE_LINES = 6;
const REMOTE_LINE_CHARS = 200;

export interface PushRefusal {
  /** git's reasons for the refused refs (`pre-receive hook declined`). */
  reasons: string[];
  /** What the remote's hooks said (`remote:` lines, trimmed, controls escaped, at most six), credentials already blanked by GitError. */
  said: string[];
}

/** True when `error` is a push that lost a race: every refused ref for a reason of RACE_REASON. */
export function isRaceLost(error: unknown): boolean {
  if (!(error instanceof GitError)) return false;
  const reasons = refusedReasons(error.stderr);
  return reasons.length > 0 && reasons.every((reason) => isRace(reason, error.stderr));
}

/** The remote's refusal when `error` is a push the remote turned down for another reason than a race; undefined otherwise. */
export function pushRefusal(error: unknown): PushRefusal | undefined {
  if (!(error instanceof GitError)) return undefined;
  const reasons = refusedReasons(error.stderr);
  if (reasons.length === 0 || reasons.every((reason) => isRace(reason, error.stderr))) return undefined;
  const said = remoteLines(error.stderr)
    .filter(Boolean)
    .slice(0, REMOTE_LINES)
    .map((line) => escapeControls(line.length > REMOTE_LINE_CHARS ? `${line.slice(0, REMOTE_LINE_CHARS)}...` : line));
  return { reasons: [...new Set(reasons.filter((reason) => !isRace(reason, error.stderr)).map(escapeControls))], said };
}

/** A refused ref's `reason` is a lost race: by itself, or a ref write whose words (the reason, the remote's `error:` lines) say the branch moved. */
function isRace(reason: string, stderr: string): boolean {
  if (RACE_REASON.test(reason)) return true;
  if (!REF_WRITE_REASON.test(reason)) return false;
  return RACE_WORDS.test(reason) || remoteErrors(stderr).some((line) => RACE_WORDS.test(line));
}

/** What the remote said (its `remote:` lines), each without that prefix. */
function remoteLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).trim());
}

/** The remote's `error:` lines (`remote: error: cannot lock ref ...`): what receive-pack's rp_error printed. */
function remoteErrors(stderr: string): string[] {
  return remoteLines(stderr).filter((line) => line.startsWith('error:'));
}

function refusedReasons(stderr: string): string[] {
  return [...stderr.matchAll(REFUSED_REF)].map((match) => match[1]!.trim());
}
