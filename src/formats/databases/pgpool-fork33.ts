// PGPool forks' account tables of 33 columns read without column names, where the table's rows
// leave one order. richardsang2008/PGPool pgpool/models.py (db_schema_version 4) declares
// `reach_lvl30_datetime` after last_modified and `assigned_at` after system_id; its
// migrate_database appends what an older table lacks (`lures` < 2, `assigned_at` < 3,
// `reach_lvl30_datetime` < 4, MySQLMigrator.add_column), and richardfoltin/PGPool stops at
// schema 3. So a table of 33 columns is one of (peewee puts the primary key, username, first):
//   fresh     richardsang2008's own table: ..., last_modified, reach_lvl30_datetime, system_id, assigned_at, latitude, ..., lures
//   rf3       a fresh schema-3 fork table migrated to 4: ..., system_id, assigned_at, latitude, ..., lures, reach_lvl30_datetime
//   v2        a schema-1 or -2 PGPool table migrated to 4: PGPool's 30, lures, assigned_at, reach_lvl30_datetime
//   v0        a first-release table (awarded_to_level) migrated by richardfoltin's to 3: PGPool's 30, awarded_to_level, lures, assigned_at
// and one of 34, the only order of that many: a first-release table migrated by richardsang2008's
// to 4 (v0rs4: PGPool's 30, awarded_to_level, lures, assigned_at, reach_lvl30_datetime).
// A row shows which by its typed cells (a DATETIME, a level of one or two digits, a flag of 0 or
// 1, a number where each goes): the table's order is the one every row of it fits. Where more than
// one is left (rows of NULLs) nothing is read: the file is refused, asking for its column names.
import { fitsColumn } from './pgpool-rejoin.js';
import { isNullCell } from './null-cell.js';
import { PGPOOL_TABLE_ORDER } from './pgpool-row.js';

const BASE = PGPOOL_TABLE_ORDER;
const SYSTEM_ID = BASE.indexOf('system_id');
const LAST_MODIFIED = BASE.indexOf('last_modified');

export const LAYOUTS_33: ReadonlyMap<string, readonly string[]> = new Map([
  ['fresh', [...BASE.slice(0, LAST_MODIFIED + 1), 'reach_lvl30_datetime', 'system_id', 'assigned_at', ...BASE.slice(SYSTEM_ID + 1), 'lures']],
  ['rf3', [...BASE.slice(0, SYSTEM_ID + 1), 'assigned_at', ...BASE.slice(SYSTEM_ID + 1), 'lures', 'reach_lvl30_datetime']],
  ['v2', [...BASE, 'lures', 'assigned_at', 'reach_lvl30_datetime']],
  ['v0', [...BASE, 'awarded_to_level', 'lures', 'assigned_at']],
  ['v0rs4', [...BASE, 'awarded_to_level', 'lures', 'assigned_at', 'reach_lvl30_datetime']],
]);

/** How many cells a row of these tables has (33, 34): only rows of a count here say anything of their table. */
export const WIDE_COUNTS: ReadonlySet<number> = new Set([...LAYOUTS_33.values()].map((names) => names.length));

const FLAGS = new Set(['warn', 'banned', 'ban_flag', 'captcha', 'shadowbanned']);

/** A cell as the named column of these tables holds it: stricter than fitsColumn for the columns that tell the orders apart. */
function fits(name: string, cell: string | null): boolean {
  if (isNullCell(cell)) return name !== 'last_modified' && name !== 'username' && name !== 'auth_service';
  const v = cell!;
  if (FLAGS.has(name)) return v === '0' || v === '1' || v === '\x01' || v === '\x00';
  if (name === 'level' || name === 'awarded_to_level') return /^\d{1,2}$/.test(v);
  return fitsColumn(name, v);
}

/** The orders of its own count a row of 33 or 34 cells fits (none for another row). */
export function layoutsOf33(cells: readonly (string | null)[]): string[] {
  return [...LAYOUTS_33].filter(([, names]) => names.length === cells.length && names.every((name, k) => fits(name, cells[k] ?? null))).map(([layout]) => layout);
}

/** The order decided for each width of the file's fork rows (33, 34), by its rows of that width. */
export type WideColumns = ReadonlyMap<number, readonly string[]>;

/** What each order is, for a message naming a width's decided table. */
const LAYOUT_NAMES: Readonly<Record<string, string>> = {
  fresh: "richardsang2008's fork table",
  rf3: "richardfoltin's fork table migrated to richardsang2008's schema 4",
  v2: "a PGPool table migrated to richardsang2008's schema 4",
  v0: "a first-release PGPool table migrated to richardfoltin's schema 3",
  v0rs4: "a first-release PGPool table migrated to richardsang2008's schema 4",
};

/**
 * The order every row of one table fits, from its rows of 33 or 34 cells one by one. One table's
 * rows are all of one width, so each width is decided by its own rows: a file holding two tables
 * (`mysqldump --all-databases`, two exports put in one file) has rows of 34, which only a
 * first-release table migrated to schema 4 has (the one order of that many, above), read in it,
 * and its rows of 33 read in the one order they fit, or refused by their lines where they fit
 * several (rows of NULLs) or none (two tables of 33 in different orders).
 */
export class Table33 {
  private readonly left = new Map<number, Set<string>>();

  /** Notes a row; rows of another count are not this table's wide rows. */
  note(cells: readonly (string | null)[]): void {
    if (!WIDE_COUNTS.has(cells.length)) return;
    const fitted = layoutsOf33(cells);
    // A row no order fits is refused by itself, and says nothing of the table.
    if (fitted.length === 0) return;
    const before = this.left.get(cells.length);
    this.left.set(cells.length, new Set(fitted.filter((l) => before === undefined || before.has(l))));
  }

  /** Whether rows of this width fitted some order (a row of another table's, not one a raw tab widened). */
  noted(count: number): boolean {
    return this.left.has(count);
  }

  /** The column names of each width whose rows left exactly one order; undefined when none did. */
  columns(): WideColumns | undefined {
    const decided = new Map<number, readonly string[]>();
    for (const [count, left] of this.left) if (left.size === 1) decided.set(count, LAYOUTS_33.get([...left][0]!)!);
    return decided.size > 0 ? decided : undefined;
  }

  /**
   * Why a row of `count` cells is not read (its width's rows fit no one order), naming what the
   * file's other widths were read as: `unit`, what a row holds (`cells`), `ask`, the export that names the columns.
   */
  reason(count: number, unit: string, ask: string): string {
    const left = this.left.get(count);
    const fit = left === undefined || left.size === 0 ? 'fit no one order of its columns (rows of two tables of that many, or a row no order fits)' : 'fit several orders of its columns (rows of NULLs say too little)';
    const others = [...this.left].filter(([n, l]) => n !== count && l.size === 1).map(([n, l]) => `${n}, read as ${LAYOUT_NAMES[[...l][0]!]}`);
    const beside = others.length > 0 ? `; the file's rows of ${others.join(' and ')}, are another table's (one table's rows all have one count)` : '';
    return `${count} ${unit}, as a PGPool fork's account table has (richardsang2008's reach_lvl30_datetime, or assigned_at added to an older table), whose rows of ${count} ${fit}${beside}: ${ask}`;
  }
}
