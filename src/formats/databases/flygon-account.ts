// Flygon's `account` table (UnownHash/Flygon, 2023; Dragonite, its closed successor, began with
// the same table), which the pgpool readers read too: it begins with `username` and `password` as
// PGPool's does, and comes out of the same MySQL tools. Its columns (`sql/01_init.up.sql`):
// username, password, level, warn, warn_expiration, suspended, banned, invalid, last_disabled,
// last_banned, last_suspended, last_selected, last_released; times are Unix seconds.
//
// Its verdicts are flags, each set by one statement of `db/account.go`: MarkBanned (`banned`, at
// `last_banned`) → perm_banned, as Flygon never hands such an account out again
// (accounts/accountManager.go); MarkInvalid (`invalid`, no time) → invalid; MarkSuspended
// (`suspended`, at `last_suspended`) → temp_banned; MarkWarned or the game's warning (`warn`) →
// warned, with no time (its `warn_expiration` is seconds from MarkWarned but milliseconds from the
// game's GetPlayerOutProto, so it is kept as a field, never read as a time). Flygon's `banned` is
// never PGPool's flag of that name (a temp ban). `last_selected`, when a worker last took the
// account, is its last hand-out. A late `last_disabled` (a login that failed) states no verdict.
import type { State } from '../../model.js';
import { unixSeconds } from './rdm-account.js';

/** Columns a header must name one of to be Flygon's (beside a login and a password). */
export const FLYGON_ONLY = ['warn_expiration', 'last_banned', 'last_suspended', 'last_selected', 'last_released'];

/** Whether a row (column names in lower case) is Flygon's: its flags beside warn_expiration. */
export function isFlygonRow(row: ReadonlyMap<string, string | null>): boolean {
  return row.has('warn_expiration') && row.has('suspended') && row.has('banned');
}

const isSet = (v: string | null | undefined) => v?.trim() === '1';

/** Flygon's verdict, the harshest flag set, at its time when Flygon keeps one. */
export function flygonVerdict(row: ReadonlyMap<string, string | null>): { state: State; at?: string } | undefined {
  const flags: [string, State, string | undefined][] = [
    ['banned', 'perm_banned', 'last_banned'],
    ['invalid', 'invalid', undefined],
    ['suspended', 'temp_banned', 'last_suspended'],
    ['warn', 'warned', undefined],
  ];
  for (const [flag, state, time] of flags) {
    if (!isSet(row.get(flag))) continue;
    const at = time ? unixSeconds(row.get(time)) : undefined;
    return at ? { state, at } : { state };
  }
  return undefined;
}
