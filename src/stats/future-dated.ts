// Holds and rests dated in this host's future: written by a clock ahead of this one (a clock
// that jumped back across a reboot, where the pool cannot measure the jump (store/clock-jump.ts);
// a host of a git pool whose clock runs ahead). Each blocks its account for as long as that
// clock was ahead; `status` names them, so the operator can free what no scanner uses.
//
// Found cheaply first: only an end later than any hold or rest a command writes from now
// (the lease or serve's release timeout, the longest cool-down) can be dated in the future;
// only then are the accounts read whole to name them by the dates they were written at.
import type { Account, Standing } from '../model.js';
import type { Config } from '../config.js';

/** Within this of the clock, a date is not "in the future" (the hosts' clocks a few minutes apart). */
const SLACK_MS = 5 * 60_000;

/** The latest hold end and rest end a command could write now, under `config`. */
function limits(now: Date, config: Config): { hold: string; rest: string } {
  const rests = Object.values(config.cooldowns).filter((c): c is number => typeof c === 'number');
  return {
    hold: new Date(now.getTime() + Math.max(config.lease, config.release_timeout) + SLACK_MS).toISOString(),
    rest: new Date(now.getTime() + Math.max(0, ...rests) + SLACK_MS).toISOString(),
  };
}

/** The later of the standing's hold end and rest end that lies past `limit`'s, or undefined. */
function endPast(s: Standing, limit: { hold: string; rest: string }): string | undefined {
  const held = s.holder !== undefined && s.held_until !== undefined && s.held_until > limit.hold ? s.held_until : undefined;
  const rest = s.available_at !== undefined && s.available_at > limit.rest ? s.available_at : undefined;
  return held !== undefined && rest !== undefined ? (held > rest ? held : rest) : (held ?? rest);
}

/** Whether any of `standings` ends later than any hold or rest written now could (a sign some were dated ahead). */
export function endsTooLate(standings: Iterable<Standing>, now: Date, config: Config): boolean {
  const late = endsTooLateTest(now, config);
  for (const s of standings) if (late(s)) return true;
  return false;
}

/** endsTooLate of one standing at a time, for a caller that reads them one by one (Snapshot.eachTimed). */
export function endsTooLateTest(now: Date, config: Config): (standing: Standing) => boolean {
  const limit = limits(now, config);
  return (s) => endPast(s, limit) !== undefined;
}

export interface Outlasting {
  /** How many accounts, and the first few by name, with the holder of each held one and the end. */
  count: number;
  accounts: { username: string; holder?: string; until: string }[];
}

/**
 * The accounts whose hold or rest ends later than this pool's settings give from now, though it
 * was not dated ahead (futureDated names those): a peer's commit or a hand edit that wrote
 * `held_until` years away beside an allocation of today holds its account for years, counted
 * held like any other. Also a lease or cool-down since shortened, until the old ends come.
 */
export function outlasting(accounts: Iterable<Account>, now: Date, config: Config, shown = 10): Outlasting | undefined {
  const limit = limits(now, config);
  const ahead = new Date(now.getTime() + SLACK_MS).toISOString();
  const found: Outlasting = { count: 0, accounts: [] };
  for (const a of accounts) {
    const until = endPast(a, limit);
    if (until === undefined) continue;
    if ((a.holder !== undefined && a.allocated_at !== undefined && a.allocated_at > ahead) || (a.state_at !== undefined && a.state_at > ahead)) continue;
    found.count++;
    if (found.accounts.length < shown) found.accounts.push({ username: a.username, ...(a.holder !== undefined ? { holder: a.holder } : {}), until });
  }
  return found.count > 0 ? found : undefined;
}

export interface FutureDated {
  /** How many accounts, and the first few by name, with the holder of each held one. */
  count: number;
  accounts: { username: string; holder?: string; dated: string }[];
  /** How far ahead the furthest date is (ms). */
  ahead: number;
}

/** The accounts whose hold or verdict was dated after `now` (more than a few minutes). */
export function futureDated(accounts: Iterable<Account>, now: Date, shown = 10): FutureDated | undefined {
  const limit = new Date(now.getTime() + SLACK_MS).toISOString();
  const found: FutureDated = { count: 0, accounts: [], ahead: 0 };
  for (const a of accounts) {
    const dated = [a.holder !== undefined ? a.allocated_at : undefined, a.state_at].filter((d): d is string => d !== undefined && d > limit).sort().at(-1);
    if (dated === undefined) continue;
    found.count++;
    found.ahead = Math.max(found.ahead, Date.parse(dated) - now.getTime());
    if (found.accounts.length < shown) found.accounts.push({ username: a.username, ...(a.holder !== undefined ? { holder: a.holder } : {}), dated });
  }
  return found.count > 0 ? found : undefined;
}
