// Holds taken and ended through the PGPool API.
//
// PGPool released an account by itself when its holder had not posted an update for
// `account_release_timeout` minutes. Here a server hold simply ends `releaseTimeout` after the
// last request or update (`held_until`), so the one availability rule of availability.ts — which
// `status`, `allocate` and this server all use — sees it free again the moment the timeout passes,
// without a sweeper writing to the pool. A timeout of 0 (PGPool's "never auto-release") gives
// holds without an end, which only a release ends.
//
// One account never has two holders: a hold is only taken on an account nobody else holds, an
// update never moves another system's hold to the poster, and a release that names a system ends
// only that system's hold. PGPool's clients post releases with `system_id: null`, naming nobody:
// those end the account's hold whoever holds it, as in PGPool.
// `allocate`'s "(checking)" reservations are never touched: that process will still act on them.
import type { Account } from '../model.js';
import { generateDevice } from '../device.js';
import { isHeld, withoutHold } from '../availability.js';
import { reservationOf } from '../allocate/select.js';
import { LAST_UPDATE, RELEASE_REASON, RELEASED_AT } from './pgpool-account.js';

const CHECKING = reservationOf('');

export function isReservation(holder: string): boolean {
  return holder.endsWith(CHECKING);
}

/** When a hold taken or refreshed at `now` ends (undefined = no end: auto-release is off). */
function holdEnd(now: Date, releaseTimeoutMs: number): string | undefined {
  return releaseTimeoutMs > 0 ? new Date(now.getTime() + releaseTimeoutMs).toISOString() : undefined;
}

function withHold(account: Account, holder: string, until: string | undefined): Account {
  const next: Account = { ...account, holder };
  if (until === undefined) delete next.held_until;
  else next.held_until = until;
  return next;
}

/** The account handed to `systemId` at `now`: held, at the end of the circle, with a stable device. */
export function handOut(account: Account, systemId: string, now: Date, releaseTimeoutMs: number): Account {
  const iso = now.toISOString();
  const next = withHold({ ...account, allocated_at: iso, [LAST_UPDATE]: iso }, systemId, holdEnd(now, releaseTimeoutMs));
  if (!next.device) next.device = generateDevice(); // made once and kept, as allocate does
  return next;
}

export type HoldOutcome = 'refreshed' | 'taken' | 'released' | 'conflict' | 'none';

/**
 * After an update by `systemId` (undefined = the post named none): the holder's own hold runs
 * for another timeout; a free account the poster says it uses becomes its hold (PGPool set
 * system_id from every update), unless it is resting or retired; another system's hold stays.
 */
export function refreshHold(account: Account, systemId: string | undefined, now: Date, releaseTimeoutMs: number, usable: boolean): { account: Account; outcome: HoldOutcome } {
  const nowIso = now.toISOString();
  if (account.holder !== undefined && isHeld(account, nowIso)) {
    if (isReservation(account.holder) || (systemId !== undefined && systemId !== account.holder)) return { account, outcome: 'conflict' };
    const end = holdEnd(now, releaseTimeoutMs);
    // Never shorten a hold: an `allocate` lease (12 h by default) outlasts the release timeout.
    if (end === undefined || account.held_until === undefined) return { account, outcome: 'refreshed' }; // an endless hold stays endless
    return { account: withHold(account, account.holder, end > account.held_until ? end : account.held_until), outcome: 'refreshed' };
  }
  if (systemId !== undefined && usable) return { account: withHold(account, systemId, holdEnd(now, releaseTimeoutMs)), outcome: 'taken' };
  return { account, outcome: 'none' };
}

/**
 * After a release by `systemId` (undefined = the post named none, as PGPool's clients post
 * `system_id: null`): the hold ends, the account keeps its allocation time (so it waits at the end
 * of the circle) and the reason is recorded.
 */
export function endHold(account: Account, systemId: string | undefined, now: Date, reason: string | undefined): { account: Account; outcome: HoldOutcome } {
  const nowIso = now.toISOString();
  let outcome: HoldOutcome = 'none';
  let next = account;
  if (account.holder !== undefined) {
    const live = isHeld(account, nowIso);
    if (isReservation(account.holder) || (live && systemId !== undefined && systemId !== account.holder)) return { account, outcome: 'conflict' };
    next = withoutHold(account);
    outcome = live ? 'released' : 'none';
  }
  next = { ...next, [RELEASED_AT]: nowIso };
  if (reason !== undefined) next[RELEASE_REASON] = reason;
  else delete next[RELEASE_REASON];
  return { account: next, outcome };
}
