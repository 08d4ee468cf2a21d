// One meaning for the 31st column of a PGPool table read without column names, decided by the
// whole table, never row by row. A first-release table migrated to schema 2 ends in
// `awarded_to_level`, `lures`; a schema-2 table a fork migrated ends in `lures`, `assigned_at`
// (pgpool-assigned-at.ts). A row whose 32nd cell is NULL cannot say which (pgpool-row.ts
// COLUMN_31), but a row of the same table whose 32nd cell is a number (lures) or a DATETIME
// (assigned_at) can: MySQL types a column, so every row of one table shares it. Until such a row
// is seen the unsure rows keep the name that says either; once one is, every unsure row of the
// table takes its meaning (an old account the first release awarded and never updated after the
// migration, lures NULL, keeps `awarded_to_level` as the table's other rows do). A row that says
// the other meaning, or a fork's layout (assigned_at after system_id) where a row said either, is
// no row of the same table: refused by its line, naming the row that decided.
import { COLUMN_31 } from './pgpool-row.js';
import type { DumpAccount } from '../types.js';

type Meaning = 'awarded_to_level' | 'lures' | 'fork';

/** What a headerless row's columns (pgpoolColumnsOf) say of its table, when they say anything. */
function meaningOf(names: readonly string[]): Meaning | undefined {
  if (names.length !== 32) return undefined;
  if (names[6] === 'assigned_at') return 'fork';
  if (names[30] === 'awarded_to_level') return 'awarded_to_level';
  if (names[30] === 'lures' && names[31] === 'assigned_at') return 'lures';
  return undefined;
}

const SAID: Record<Meaning, string> = {
  awarded_to_level: "a number after the 31st value (a first-release table migrated to schema 2: awarded_to_level, lures)",
  lures: 'a date after the 31st value (a schema-2 table with assigned_at appended)',
  fork: 'a date after system_id (a fork table with assigned_at)',
};

/** The 31st column of one headerless table's rows of 32 values: its evidence, and the rows waiting for it. */
export class Column31 {
  private decided?: { meaning: Meaning; line: number };
  private readonly unsure: DumpAccount[] = [];

  /** Notes what the row's columns say; the reason to refuse it when they say another table than an earlier row's. */
  admit(names: readonly string[], line: number): string | undefined {
    const meaning = meaningOf(names);
    if (meaning === undefined) return undefined;
    if (this.decided === undefined) this.decided = { meaning, line };
    else if (this.decided.meaning !== meaning) {
      return `32 values with ${SAID[meaning]}, where line ${this.decided.line} has ${SAID[this.decided.meaning]}: no column holds both, so the two rows are not one table's (export it again with its column names)`;
    }
    return undefined;
  }

  /**
   * Keeps an account read from a row whose 31st value could be either, to be named once the table
   * says; true when it did (its reader then keeps it as this record: TableAccounts.add's `whole`).
   */
  read(names: readonly string[], account: DumpAccount): boolean {
    if (!(names.length === 32 && names[30] === COLUMN_31)) return false;
    this.unsure.push(account);
    return true;
  }

  /**
   * Names the unsure accounts' value as the table's other rows said, when one did. A fork's
   * layout (assigned_at after system_id) says nothing of it: an unsure row there is one both
   * layouts read alike (pgpool-assigned-at.ts layoutOf32), left as read.
   */
  settle(): void {
    const meaning = this.decided?.meaning;
    if (meaning !== 'awarded_to_level' && meaning !== 'lures') return;
    for (const { history } of this.unsure) {
      if (history === undefined || !(COLUMN_31 in history)) continue;
      history[meaning] = history[COLUMN_31];
      delete history[COLUMN_31];
    }
  }
}
