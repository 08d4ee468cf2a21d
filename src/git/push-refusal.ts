// A push the remote turned down: another host's push landed first (a lost race: pull and go
// again), or the remote said no for good (a protected branch, a server hook, a quota, a full
// disk there: going again would be refused the same way, eight times, under the pool lock).
// Told apart by git's own reason for each refused ref (transport.c prints `! [rejected] ... (why)`
// for a refusal it saw coming, `! [remote rejected] ... (why)` for one receive-pack reported).
import { GitError } from './run-git.js';
import { escapeControls } from '../terminal-text.js';

/**
 * The reasons a ref is refused because the remote branch moved meanwhile: seen before sending
 * (`fetch first`, `non-fast-forward`), or by receive-pack as it updated the ref after a
 * pre-receive hook let the push through while another landed (`failed to update ref`, `cannot
 * lock ref ...: is at X but expected Y`, `incorrect old value provided`); `stale info` is a lease's.
 * Anything else (`pre-receive hook declined`, `hook declined`, `protected branch hook declined`,
 * `unpacker error`, `shallow update not allowed`, `deny updating a hidden ref`) is a refusal.
 */
const RACE_REASON = /fetch first|non-fast-forward|failed to update ref|cannot lock ref|incorrect old value|stale info/i;

/** `! [remote rejected] HEAD -> main (pre-receive hook declined)` → its reason. */
const REFUSED_REF = /^\s*!\s*\[(?:remote )?rejected\][^\n]*?\(([^\n]*)\)\s*$/gm;

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
  return reasons.length > 0 && reasons.every((reason) => RACE_REASON.test(reason));
}

/** The remote's refusal when `error` is a push the remote turned down for another reason than a race; undefined otherwise. */
export function pushRefusal(error: unknown): PushRefusal | undefined {
  if (!(error instanceof GitError)) return undefined;
  const reasons = refusedReasons(error.stderr);
  if (reasons.length === 0 || reasons.every((reason) => RACE_REASON.test(reason))) return undefined;
  const said = error.stderr
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).trim())
    .filter(Boolean)
    .slice(0, REMOTE_LINES)
    .map((line) => escapeControls(line.length > REMOTE_LINE_CHARS ? `${line.slice(0, REMOTE_LINE_CHARS)}...` : line));
  return { reasons: [...new Set(reasons.filter((reason) => !RACE_REASON.test(reason)).map(escapeControls))], said };
}

function refusedReasons(stderr: string): string[] {
  return [...stderr.matchAll(REFUSED_REF)].map((match) => match[1]!.trim());
}
