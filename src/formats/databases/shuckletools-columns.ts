// ShuckleTools' MySQL `account` table without its column names (`mysql -B -N`, `mysqldump
// --no-create-info`, INTO OUTFILE): its 19 columns in the order of the CREATE TABLE ShuckleTools
// gives (billyj85/ShuckleTools `database_scripts.md`, "Full database schema as of Oct 17"), known
// by the row's shape alone: 19 cells, the provider third, the level an integer, the DATETIME
// columns DATETIMEs (each NULL until set), lures and eggs integers, the login never NULL (the
// primary key). A table upgraded by that file's `ALTER TABLE` statements instead keeps its columns
// in another order (`add column` appends), which no row shows: such a row fits no shape and is
// refused, never read with its columns misnamed.
import { isNullCell } from './null-cell.js';

/** The columns in the table's order, lower case as a header's names are read. */
export const SHUCKLE_COLUMNS = [
  'username', 'password', 'provider', 'model', 'ios', 'device_id', 'behaviour', 'level', 'allocated',
  'allocation_end', 'last_login', 'blinded', 'warned', 'temp_banned', 'perm_banned', 'system_id',
  'rest_until', 'lures', 'eggs',
] as const;

/** Its DATETIME columns. */
export const SHUCKLE_DATETIMES: ReadonlySet<string> = new Set(['allocated', 'allocation_end', 'last_login', 'blinded', 'warned', 'temp_banned', 'perm_banned', 'rest_until']);
/** Its INT columns. */
const INTEGERS = new Set(['level', 'lures', 'eggs']);
/** Its free-text columns (VARCHAR). */
export const SHUCKLE_TEXT: ReadonlySet<string> = new Set(['username', 'password', 'model', 'ios', 'device_id', 'behaviour', 'system_id']);

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const INTEGER = /^-?\d+$/;
const PROVIDER = /^(?:ptc|google)$/i;

/** Whether a cell fits ShuckleTools' column of that name (NULL fits every column but the login). */
export function fitsShuckleColumn(name: string, cell: string | null): boolean {
  if (isNullCell(cell)) return name !== 'username';
  if (SHUCKLE_DATETIMES.has(name)) return DATETIME.test(cell!);
  if (INTEGERS.has(name)) return INTEGER.test(cell!);
  if (name === 'provider') return PROVIDER.test(cell!);
  return true;
}

/**
 * ShuckleTools' column names for a row without names, or undefined when the row is no whole row
 * of its table. The provider must be given (ptc or google): a row of 19 cells whose only typed
 * cells are NULL shows nothing of whose table it is.
 */
export function shuckleColumnsOf(cells: readonly (string | null)[]): readonly string[] | undefined {
  if (cells.length !== SHUCKLE_COLUMNS.length || isNullCell(cells[2]!)) return undefined;
  return cells.every((c, k) => fitsShuckleColumn(SHUCKLE_COLUMNS[k]!, c)) ? SHUCKLE_COLUMNS : undefined;
}
