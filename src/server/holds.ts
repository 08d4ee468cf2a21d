// Holds taken, refreshed and ended through the PGPool API, as PGPool set its `system_id`.
//
// PGPool released an account by itself when its holder had not posted an update for
// `account_release_timeout` minutes. Here a server hold simply ends `releaseTimeout` after the
// last request or update (`held_until`), so the one availability rule of availability.ts — which
// `status`, `allocate` and this server all use — sees it free again the moment the timeout passes,
// without a sweeper writing to the pool. A timeout of 0 (PGPool's "never auto-release") gives
// holds without an end, which only a release ends.
//
// PGPool set `system_id` from every update and cleared it on every release (pgpool.py's
// release_accounts sets it to None whoever posts). So: an update naming a system makes that
// system the holder of an account nobody holds (the poster is the one using it); one posting
// `system_id: null` ends the hold; one not naming any keeps the hold running. A live hold never
// moves to another system: PGPool moved it, and the new holder's release (PGScout swapping an
// account, PGNumbra done checking its own accounts.csv) then freed an account the first scanner
// was still using, for the next request to hand out a second time.
//
// Two limits PGPool did not need, because it was the only one giving accounts out:
// - A hold `serve` did not give (an `allocate` lease: the account is in a scanner's accounts file,
//   and its "(checking)" reservations) is never ended or moved by a post: the scanner goes on
//   using the account, and ending the hold would let the next request hand it out a second time.
//   Only `accountpool release`, the lease's end, or a post naming that very holder touch it.
// - A release naming a system (MrMime's PGScout and PGNumbra post their own) ends only that
//   system's hold: PGNumbra checking an accounts.csv, or any client posting a name it was not
//   given, cannot free accounts another scanner is using. A release with `system_id` null or none
//   (codename-art's RocketMap posts null: pogom/pgpool.py, pgpool_update) ends a hold `serve`
//   gave, as PGPool did: the client cannot be told apart from the holder.
import { generateDevice } from '../device.js';
import { isHeld, withoutHold, type SeenEnds } from '../availability.js';
import { isReservation, type Account } from '../model.js';
import { LAST_UPDATE, RELEASE_REASON, RELEASED_AT, SERVED_TO } from './pgpool-account.js';

/** When a hold taken or refreshed at `now` ends (undefined = no end: auto-release is off). */
function holdEnd(now: Date, releaseTimeoutMs: number): string | undefined {
  return releaseTimeoutMs > 0 ? new Date(now.getTime() + releaseTimeoutMs).toISOString() : undefined;
}

function withHold(account: Account, holder: string, until: string | undefined): Account {
  const next: Account = { ...account, holder, [SERVED_TO]: holder };
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
 * After an update whose `system_id` was `systemId` (undefined = not posted, null = posted as
 * null): the poster becomes the holder, or the hold ends, or the current hold runs for another
 * timeout. An account being checked by `allocate` is left alone ('conflict'). `ends`: when other
 * hosts' holds end as this host sees them.
 */
export function refreshHold(account: Account, systemId: string | null | undefined, now: Date, releaseTimeoutMs: number, ends?: SeenEnds): { account: Account; outcome: HoldOutcome } {
  const nowIso = now.toISOString();
  const held = account.holder !== undefined && isHeld(account, nowIso, ends);
  // A live hold moves to no other system: the holder goes on using the account, and the new
  // one's release would free it for a third (see the top of this file).
  if (held && systemId !== account.holder && (typeof systemId === 'string' || !servedHold(account))) return { account, outcome: 'conflict' };
  // Given back: at the end of the circle, as endHold puts it.
  if (systemId === null) return held ? { account: { ...unheld(account), allocated_at: nowIso }, outcome: 'released' } : { account, outcome: 'none' };
  const end = holdEnd(now, releaseTimeoutMs);
  if (held && (systemId === undefined || systemId === account.holder)) {
    // An `allocate` lease stays one (never made a served hold, which any null release would end).
    if (!servedHold(account)) return { account, outcome: 'refreshed' };
    // Never shorten a hold: an `allocate` lease (12 h by default) outlasts the release timeout.
    if (end === undefined || account.held_until === undefined) return { account, outcome: 'refreshed' }; // an endless hold stays endless
    return { account: withHold(account, account.holder!, end > account.held_until ? end : account.held_until), outcome: 'refreshed' };
  }
  if (systemId === undefined) return { account, outcome: 'none' };
  // In use from now on: it goes to the end of the circle, as PGPool's last_modified did.
  return { account: withHold({ ...account, allocated_at: nowIso }, systemId, end), outcome: 'taken' };
}

function unheld(account: Account): Account {
  const next = withoutHold(account);
  delete next[SERVED_TO];
  return next;
}

/** A hold `serve` gave (to the system it names), not an `allocate` lease or reservation. */
function servedHold(account: Account): boolean {
  return account.holder !== undefined && account[SERVED_TO] === account.holder && !isReservation(account.holder);
}

/**
 * After a release (PGPool's clients post their own system_id, or null; see the top of this file
 * for whose holds it ends): the hold ends, the account goes to the end of the circle when the hold
 * was live (it was in use until now) and the reason is recorded. A hold it may not end is left as it is, the release
 * unrecorded ('conflict').
 *
 * The end of the circle, not the place its hand-out time gives it: PGPool set `last_modified`, its
 * order, to the release's time. A client that gives an account back and asks for another
 * (sLoPPydrive's PGScout `ScoutGuard.swap_account` released first, then asked; RocketMap's
 * `account_failed` releases and its worker asks for a replacement) got another one there; by its
 * hand-out time an account used longer than the others came straight back to the client that had
 * just given it up as failing.
 */
export function endHold(account: Account, now: Date, reason: string | undefined, systemId: string | null | undefined, ends?: SeenEnds): { account: Account; outcome: HoldOutcome } {
  const nowIso = now.toISOString();
  let outcome: HoldOutcome = 'none';
  let next = account;
  if (account.holder !== undefined) {
    const live = isHeld(account, nowIso, ends);
    const named = typeof systemId === 'string' ? systemId === account.holder : servedHold(account);
    if (live && !named) return { account, outcome: 'conflict' };
    // Only a live hold's end moves it: one that had run out may since have been taken on another
    // host of a shared pool, whose newer allocation must win the merge (account-merge.ts).
    next = live ? { ...unheld(account), allocated_at: nowIso } : unheld(account);
    outcome = live ? 'released' : 'none';
  }
  next = { ...next, [RELEASED_AT]: nowIso };
  if (reason !== undefined) next[RELEASE_REASON] = reason;
  else delete next[RELEASE_REASON];
  return { account: next, outcome };
}
