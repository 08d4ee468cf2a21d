// Our Account as PGPool's clients expect to see one, and which of PGPool's fields mean what here.
//
// PGPool kept one MySQL row per account: health as booleans (warn, banned, shadowbanned, captcha),
// the holder as `system_id`, and play statistics. We keep health as one `state` with a cool-down,
// the holder as `holder`/`held_until`, and everything else PGPool knew as extra fields on the
// account (which the store keeps through every rewrite). The booleans are derived from the state
// when answering, so they can never disagree with what `status` and `allocate` see.
import { FIELD_ORDER, type Account } from '../model.js';

/** When the server last heard of the account (a request, update or release): PGPool's last_modified. */
export const LAST_UPDATE = 'last_update';
/** The `_release_reason` of the last release, and when it happened. */
export const RELEASE_REASON = 'release_reason';
export const RELEASED_AT = 'released_at';

/**
 * Fields of ours an update may not set: they are decided by accountpool (state through verdicts,
 * holds through request/release), or are bookkeeping the server itself writes.
 */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set<string>([...FIELD_ORDER, LAST_UPDATE, RELEASE_REASON, RELEASED_AT]);

/** PGPool fields kept as extras under their own names, answered as null (or 0) when never reported. */
const PGPOOL_EXTRAS = ['email', 'latitude', 'longitude', 'rareless_scans', 'captcha'] as const;
const ANSWERED = new Set<string>(['username', ...PGPOOL_EXTRAS, LAST_UPDATE]);

function epochSeconds(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * One account in PGPool's answer shape (its README: auth_service, username, password, latitude,
 * longitude, rareless_scans, shadowbanned, last_modified as epoch seconds), with the rest of
 * PGPool's columns and then accountpool's own fields and the account's extras.
 * `rareless_scans` is 0 rather than PGPool's null for a fresh account: Python 3 clients compare it.
 */
export function toPgpoolAccount(account: Account): Record<string, unknown> {
  const extra = account as Record<string, unknown>;
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
    rareless_scans: extra.rareless_scans ?? 0,
    warn: account.state === 'warned',
    banned: account.state === 'temp_banned' || account.state === 'perm_banned',
    shadowbanned: account.state === 'blind',
    captcha: extra.captcha ?? false,
    // accountpool's own: the full verdict, the hold's end, and the device the scanner should present.
    state: account.state,
    held_until: account.held_until ?? null,
  };
  if (account.device) answer.device = account.device;
  for (const [key, value] of Object.entries(account)) {
    if (!ANSWERED.has(key) && !RESERVED_FIELDS.has(key) && !(key in answer)) answer[key] = value;
  }
  return answer;
}
