// RealDeviceMap's `account` table (RealDeviceMap/RealDeviceMap, 2018-2023), which the pgpool
// readers read too: it begins with `username` and `password` as PGPool's does, and comes out of
// the same MySQL tools (mysqldump, `mysql -B`, `mysql -t`). Its columns are those its migrations
// leave (`resources/migrations/12.sql` made it; 13, 15, 57, 62, 65, 98 and 100 changed it):
// username, password, first_warning_timestamp, failed_timestamp, failed, level, last_encounter_*,
// spins, creation_timestamp, warn, warn_expire_timestamp, the game's acknowledged flags,
// was_suspended, banned, last_used_timestamp, last_disabled, group; times are Unix seconds.
//
// RDM states its verdict in `failed`, with its time in `failed_timestamp`
// (Sources/RealDeviceMapLib/Webhook/WebHookRequestHandler.swift, Modell/Account.swift):
// `banned` (the device saw the ban) and `GPR_BANNED` (the game's banned flag) are never used
// again → perm_banned; `suspended` (RDM rests it 30 days) → temp_banned; `GPR_RED_WARNING` →
// warned; `invalid_credentials` → invalid. Any other value (`unknown`, a login that failed for no
// known reason, which RDM retried) states none. Its `warn` and `banned` columns are the game's
// flags, which RDM turns into `failed` itself: they are never read as PGPool's flags of the same
// names (PGPool's `banned` is a temp ban). `last_used_timestamp`, when RDM last gave the account
// to a device, is the account's last hand-out.
import type { State } from '../../model.js';

/** Columns only RDM's table has: a header naming one is RDM's (with a login and a password). */
export const RDM_ONLY = ['failed_timestamp', 'first_warning_timestamp', 'last_encounter_time', 'warn_expire_timestamp', 'last_used_timestamp'];

const FAILED: Record<string, State> = {
  banned: 'perm_banned',
  gpr_banned: 'perm_banned',
  suspended: 'temp_banned',
  gpr_red_warning: 'warned',
  invalid_credentials: 'invalid',
};

/** Whether a row (column names in lower case) is RDM's: its `failed` beside its `failed_timestamp`. */
export function isRdmRow(row: ReadonlyMap<string, string | null>): boolean {
  return row.has('failed') && row.has('failed_timestamp');
}

/** Unix seconds as ISO, or undefined (NULL, 0, not a number). */
export function unixSeconds(v: string | null | undefined): string | undefined {
  const n = v ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n > 0 ? new Date(n * 1000).toISOString() : undefined;
}

/** The verdict RDM's `failed` states, at its failed_timestamp when one is set. */
export function rdmVerdict(row: ReadonlyMap<string, string | null>): { state: State; at?: string } | undefined {
  const state = FAILED[(row.get('failed') ?? '').trim().toLowerCase()];
  if (!state) return undefined;
  const at = unixSeconds(row.get('failed_timestamp'));
  return at ? { state, at } : { state };
}
