// Whether an account can be handed out right now, and if not, why. One rule for status,
// allocate and the server, so they never disagree.
import type { Account, Standing } from './model.js';
import type { Config } from './config.js';

export type Availability = 'available' | 'held' | 'cooling' | 'retired';

/** A verdict whose cool-down is "retired" takes the account out of the circle for good. */
export function isRetired(account: Pick<Account, 'state'>, config: Config): boolean {
  if (account.state === 'ok') return false;
  const cooldown = config.cooldowns[account.state as keyof Config['cooldowns']];
  return cooldown === 'retired';
}

/**
 * When an account's hold and its rest after a verdict end as this host sees them: at `held_until`
 * and `available_at`, or later when another host wrote them with a clock that may disagree with
 * ours (src/git/clock-sightings.ts). Without one, they end at the times written.
 */
export interface SeenEnds<A extends Standing = Account> {
  hold(account: A): string | undefined;
  rest(account: A): string | undefined;
}

/** Held by `holder` whose lease has not run out at `nowIso` (as `ends` sees it, when given). */
export function isHeld<A extends Standing>(account: A, nowIso: string, ends?: SeenEnds<A>): boolean {
  if (account.holder === undefined) return false;
  const end = ends ? ends.hold(account) : account.held_until;
  return end === undefined || end > nowIso;
}

/** The account with its hold ended (it keeps allocated_at, so it waits at the end of the circle). */
export function withoutHold(account: Account): Account {
  const { holder: _holder, held_until: _until, ...rest } = account;
  return rest as Account;
}

/**
 * Times are ISO strings of one format, so they compare as strings (no Date per account). An
 * account without a password (made by a scanner's post to `serve`) counts as retired, as a wrong
 * password does: out of the circle until an import brings its password.
 */
export function availabilityOf<A extends Standing>(account: A, nowIso: string, config: Config, ends?: SeenEnds<A>): Availability {
  if (isRetired(account, config) || account.password === undefined) return 'retired';
  if (isHeld(account, nowIso, ends)) return 'held';
  const restEnd = ends ? ends.rest(account) : account.available_at;
  if (restEnd !== undefined && restEnd > nowIso) return 'cooling';
  return 'available';
}
