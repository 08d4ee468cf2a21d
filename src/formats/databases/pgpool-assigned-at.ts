// PGPool forks that add `assigned_at`, when the scanner took the account (richardfoltin/PGPool and
// richardsang2008/PGPool pgpool/models.py: `assigned_at = DateTimeField(index=True, null=True)`
// declared after `system_id`; their migrate_database adds it to an older table with
// MySQLMigrator.add_column, which appends it). A table peewee makes from that model has it as
// its 7th column, after system_id, and ends in `lures`: 32 columns, as many as a first-release
// PGPool table migrated to schema 2 (`awarded_to_level`, `lures` at the end). Without column
// names (`mysql -B -N`, `mysqldump --no-create-info`) the two are told apart by the cells
// themselves, never guessed: read by the wrong one, a fork's `warn` would be read as `banned`.
// richardsang2008's `reach_lvl30_datetime` (33 columns) is read by the whole table's rows
// (pgpool-fork33.ts), never by one row's shape here.

import { fitsColumn } from './pgpool-rejoin.js';

/** A cell that is NULL. */
const isNull = (v: string | null | undefined) => v === null || v === undefined || v === 'NULL';
/** A DATETIME, as fitsColumn types last_modified and assigned_at. */
const isDatetime = (v: string | null) => v !== null && v !== 'NULL' && fitsColumn('assigned_at', v);
const FLAG = /^[01]$/;
const LEVEL = /^\d{1,2}$/;

/** The cells at these places are PGPool's flags (0, 1 or NULL), its level (or NULL) and its position. */
function fits(at: (i: number) => string | null, flags: number[], level: number, position: number[]): boolean {
  return flags.every((i) => isNull(at(i)) || FLAG.test(at(i)!)) && (isNull(at(level)) || LEVEL.test(at(level)!)) && position.every((i) => isNull(at(i)) || fitsColumn('latitude', at(i)!));
}

/** Where a fresh fork table puts what PGPool's puts at `i` (every column from latitude on is one further). */
const forkPlace = (i: number) => (i >= 6 ? i + 1 : i);

/** PGPool's places (a 32-column first-release table) of its level and flags: warn, banned, ban_flag, captcha, shadowbanned. */
const LEVEL_AT = 8;
const FLAGS_AT = [18, 19, 20, 22, 24];
const POSITION_AT = [6, 7];

/**
 * How a headerless 32-cell row of PGPool's shape is laid out: 'pgpool' (the first-release table
 * migrated to schema 2), 'fork' (assigned_at after system_id), 'fork-migrated' (assigned_at
 * appended after lures), or undefined when the row reads as both with a different level or flag.
 */
export function layoutOf32(cells: readonly (string | null)[]): 'pgpool' | 'fork' | 'fork-migrated' | undefined {
  const at = (i: number) => cells[i] ?? null;
  if (isDatetime(at(6))) return 'fork';
  if (isDatetime(at(31))) return 'fork-migrated';
  const pgpool = fits(at, FLAGS_AT, LEVEL_AT, POSITION_AT);
  const fork = isNull(at(6)) && fits(at, FLAGS_AT.map(forkPlace), forkPlace(LEVEL_AT), POSITION_AT.map(forkPlace));
  if (pgpool && !fork) return 'pgpool';
  if (fork && !pgpool) return 'fork';
  if (!pgpool) return undefined;
  // Both fit: read alike only when every column from latitude to the last before lures is NULL (an
  // account never used); the same level and flags are not enough, a position or statistic would
  // be read one column off. Otherwise undefined: the table's other rows decide (or it is refused).
  const same = cells.slice(POSITION_AT[0], cells.length - 1).every((c) => isNull(c));
  return same ? 'pgpool' : undefined;
}
