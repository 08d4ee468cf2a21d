// Our Account as PGPool's clients expect to see one, and which of PGPool's fields mean what here.
//
// PGPool kept one MySQL row per account: health as booleans (warn, banned, shadowbanned, captcha),
// the holder as `system_id`, and play statistics. We keep health as one `state` with a cool-down,
// the holder as `holder`/`held_until`, and PGPool's other columns as extra fields on the account
// (which the store keeps through every rewrite). The health booleans of an answer are derived
// from the verdict in force, so they never disagree with what `status` and `allocate` see.
import { FIELD_ORDER, type Account, type State } from '../model.js';
import type { Config } from '../config.js';
import { isRetired } from '../availability.js';

/** When the server last heard of the account (a request, update or release): PGPool's last_modified. */
export const LAST_UPDATE = 'last_update';
/** The `_release_reason` of the last release, and when it happened. */
export const RELEASE_REASON = 'release_reason';
export const RELEASED_AT = 'released_at';
/**
 * The system `serve` last gave a hold to. A hold whose holder is not this name was taken by
 * `allocate` (an accounts file): no PGPool post ends or moves it (see holds.ts).
 */
export const SERVED_TO = 'served_to';

/**
 * Fields of ours a post may not set: they are decided by accountpool (state through verdicts,
 * holds through request/release), or are bookkeeping the server itself writes.
 */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set<string>([...FIELD_ORDER, LAST_UPDATE, RELEASE_REASON, RELEASED_AT, SERVED_TO]);

/**
 * Kept on the account but never answered: health flags PGPool's answer never carried. codename-art's
 * RocketMap skips a high-level account whose dict has a true `captcha` (AccountSet.next in
 * pogom/account.py); `warn` is answered from the verdict (or the kept flag) below.
 */
const NOT_ANSWERED = new Set<string>(['captcha', 'ban_flag', 'warn', LAST_UPDATE]);

function epochSeconds(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * The verdict still in force at `nowIso`: a resting verdict whose cool-down has ended is over (the
 * account keeps it as history), a retired one never is.
 */
export function verdictInForce(account: Account, nowIso: string, config: Config): State {
  if (account.state === 'ok' || isRetired(account, config)) return account.state;
  return account.available_at !== undefined && account.available_at > nowIso ? account.state : 'ok';
}

/**
 * One account in PGPool's answer shape (auth_service, username, password, latitude, longitude,
 * rareless_scans, shadowbanned, last_modified as epoch seconds, as PGPool's README shows), with
 * more of PGPool's columns and then accountpool's own fields and the account's other extras.
 *
 * No stale flags: once a cool-down has ended, `banned`, `shadowbanned` and `warn` are false and
 * `rareless_scans` is 0, because sLoPPydrive's RocketMap copies `rareless_scans` and
 * `shadowbanned` into the worker (setup_mrmime_account in pogom/account.py), rotates a blind
 * account out only when `shadowbanned` turns true (pogom/search.py), and MrMime posts the copied
 * flag back on every update. `rareless_scans` is 0 rather than PGPool's null for a fresh account:
 * codename-art's RocketMap adds 1 to it.
 */
export function toPgpoolAccount(account: Account, nowIso: string, config: Config): Record<string, unknown> {
  const extra = account as Record<string, unknown>;
  const verdict = verdictInForce(account, nowIso, config);
  const answer: Record<string, unknown> = {
    auth_service: account.provider,
    username: account.username,
    password: account.password,
    email: extra.email ?? null,
    level: account.level,
    system_id: account.holder ?? null,
    last_modified: epochSeconds((extra[LAST_UPDATE] as string | undefined) ?? account.allocated_at ?? account.added_at),
    latitude: extra.latitude ?? null,
    longitude: extra.longitude ?? null,
    rareless_scans: verdict !== account.state ? 0 : (extra.rareless_scans ?? 0),
    warn: verdict === 'warned' || extra.warn === true,
    banned: verdict === 'temp_banned' || verdict === 'perm_banned',
    shadowbanned: verdict === 'blind',
    // accountpool's own: the verdict in force, the hold's end, and the device the scanner should present.
    state: verdict,
    held_until: account.held_until ?? null,
  };
  if (account.device) answer.device = account.device;
  for (const [key, value] of Object.entries(account)) {
    if (!NOT_ANSWERED.has(key) && !RESERVED_FIELDS.has(key) && !(key in answer)) answer[key] = value;
  }
  return answer;
}
