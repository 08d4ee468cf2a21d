// PGPool's account table as the mysql client prints a query in batch mode (`mysql -B -e
// "SELECT * FROM account" pgpool > accounts.tsv`, or any query piped to a file): a header of
// column names, then one row per line, tab-separated, NULL as `NULL`, and backslash, tab, line
// feed and NUL escaped as `\\`, `\t`, `\n`, `\0` (MySQL reference manual, mysql client
// "--batch" and "--raw"). Any subset of columns in any order; the header decides. Only a header
// with PGPool's own columns is claimed: a generic username/password TSV is not PGPool's, unless
// the whole file shows the client's escaping or a raw line feed (mysql-batch-logins.ts).
// Without the header (`mysql -B -N`, `--skip-column-names`; or `SELECT * INTO OUTFILE`, whose
// NULL is `\N`, MySQL reference manual "SELECT ... INTO"), a row of all the table's columns in
// PGPool's order is known by its shape (pgpool-row.ts pgpoolColumnsOf), and so is one of
// ShuckleTools' table (shuckletools-columns.ts).
// `mysql -B -r` (--raw) writes values unescaped: a file shows it by a backslash no escaping
// writes (`\R`, a lone one at a value's end), or by a row with more cells than columns, a tab
// inside a value; such a file is read unescaped, and a row with a tab inside a value is joined
// back where exactly one text column can hold the tab, else rejected by its line
// (pgpool-rejoin.ts holds every way a row is joined back). A file whose
// only backslashes stand before `t` cannot tell raw from escaped: read raw, and the preview says so.
import { headLines, splitLines, stripEnd } from '../decode.js';
import { TextLines, type LineList } from '../text-lines.js';
import { PGPOOL_COLUMNS, pgpoolAccount, tableColumnsOf, type PgpoolRow } from './pgpool-row.js';
import { Column31 } from './pgpool-column31.js';
import { Table33, WIDE_COUNTS, type WideColumns } from './pgpool-fork33.js';
import { OUTFILE_NULL, TEXT_COLUMNS, fitsColumn, joinRawTabs, outfileAsBatch, splitRow } from './pgpool-rejoin.js';
import { RDM_ONLY } from './rdm-account.js';
import { FLYGON_ONLY } from './flygon-account.js';
import { isRocketmapDbColumns } from './rocketmap-account-db.js';
import { isMadColumns } from './mad-pogoauth.js';
import { isPasColumns } from './pogoaccountserver-accounts.js';
import { TableAccounts } from './table-accounts.js';
import { loginsHeader, mysqlLogins, readLogins } from './mysql-batch-logins.js';
import { ambiguityNote } from './batch-ambiguity.js';
import { escapedBatchWithoutHeader } from './mysql-batch-bare.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult, type ParseOptions, type Rejection } from '../types.js';
import { counted } from '../../counted-noun.js';
import { headText, textHas } from '../streamed-input.js';
import type { FileLines } from '../file-lines.js';

const PGPOOL_ONLY = ['auth_service', 'system_id', 'shadowbanned', 'rareless_scans', 'ban_flag', 'tutorial_state', 'last_modified'];
/**
 * PGPool's flags under names a generic table may use too: PGPool's where every column of the
 * header is one of PGPool's (`SELECT username, password, level, banned FROM account`), so its
 * `banned` is read as PGPool's verdict (pgpool-row.ts), never passed over as a list's unknown column.
 */
const PGPOOL_FLAGS = ['banned', 'warn'];
const isPgpoolColumn = (c: string): boolean => (PGPOOL_COLUMNS as readonly string[]).includes(c);
const BATCH_ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', '0': '\0' };

/** The column names of a header line (tab-separated), when they are PGPool's account table's (or RealDeviceMap's, rdm-account.ts, Flygon's, flygon-account.ts, Map-A-Droid's, mad-pogoauth.ts, or pogoAccountServer's, pogoaccountserver-accounts.ts). */
export function pgpoolHeader(line: string | undefined): string[] | undefined {
  if (line === undefined || !line.includes('\t')) return undefined;
  const cells = stripEnd(line).split('\t').map((c) => c.trim().toLowerCase());
  return cells.includes('username') && cells.includes('password') && (cells.some((c) => PGPOOL_ONLY.includes(c) || RDM_ONLY.includes(c) || FLYGON_ONLY.includes(c)) || isRocketmapDbColumns(new Set(cells)) || isMadColumns(cells) || isPasColumns(cells) || (cells.some((c) => PGPOOL_FLAGS.includes(c)) && cells.every(isPgpoolColumn))) ? cells : undefined;
}

/** A whole row of PGPool's table, in its order, without a header. */
export function isPgpoolRow(line: string | undefined): boolean {
  return line !== undefined && line.includes('\t') && tableColumnsOf(stripEnd(line).split('\t')) !== undefined;
}

/** How many rows of a headerless file are looked at for a whole row: the first may hold a raw tab. */
const BARE_ROWS = 5;

/** The first BARE_ROWS lines that are not blank, from `first` on. */
function firstRows(lines: LineList, first: number): string[] {
  const out: string[] = [];
  for (let i = first; i < lines.length && out.length < BARE_ROWS; i++) if (lines.at(i)!.trim() !== '') out.push(lines.at(i)!);
  return out;
}

/** What these lines' rows of 33 or 34 cells say of their tables' orders (pgpool-fork33.ts). */
function wideTable(lines: LineList): Table33 {
  const table = new Table33();
  for (let i = 0; i < lines.length; i++) {
    const line = lines.at(i)!;
    if (line.includes('\t')) table.note(stripEnd(line).split('\t'));
  }
  return table;
}

export function detectPgpoolTsv(input: DumpInput): number {
  const lines = headLines(headText(input, 20), 20).filter((l) => l.trim() !== '');
  if (pgpoolHeader(lines[0]) || lines.slice(0, BARE_ROWS).some(isPgpoolRow)) return 0.96;
  if (wideTable(lines).columns()) return 0.96;
  // Any table's login and password, where the whole file shows the mysql client's writing; any
  // table without its header whose escapes show it, to be refused asking for the header.
  return (loginsHeader(lines[0]) && mysqlLogins(input.text)) || escapedBatchWithoutHeader(input.text) ? 0.96 : 0;
}

function unescape(cell: string, raw: boolean): string | null {
  if (cell === 'NULL' || cell === '\\N') return null;
  if (raw) return cell;
  return cell.includes('\\') ? cell.replace(/\\(.)/g, (all, c: string) => BATCH_ESCAPES[c] ?? all) : cell;
}

/**
 * Whether the file's values are escaped (`mysql -B`) or raw (`mysql -B -r`), from the whole text:
 * a backslash escaping never writes (one not before `\`, `t`, `n`, `0`, nor `N`, the NULL of INTO
 * OUTFILE, or last on its line) shows it raw; an escaped backslash `\\`, a `\0` or `\N` shows it
 * escaped. A file whose only backslashes stand before `t` or `n` cannot tell: raw output of a
 * password holding `\t` and escaped output of one holding a tab are the same bytes, and so are a
 * `\n` and a line feed. It is read raw, the bytes kept (a tab or a line feed is a rare thing in a
 * password, a backslash less so), and the preview says so. Most files have no backslash at all.
 */
function escaping(pieces: Iterable<string>): { how: 'raw' | 'escaped' | 'unknown'; letters: string[] } {
  let escaped = false;
  const letters = new Set<string>();
  // The text whole, or in pieces of whole lines (file-lines.ts): a backslash's next character is on its line.
  for (const text of pieces) {
    for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 2)) {
      const next = text[i + 1];
      if (next === undefined || next === '\n' || (!(next in BATCH_ESCAPES) && next !== 'N')) return { how: 'raw', letters: [] };
      if (next === 't' || next === 'n') letters.add(next);
      else escaped = true;
    }
  }
  return { how: letters.size > 0 && !escaped ? 'unknown' : 'escaped', letters: ['t', 'n'].filter((l) => letters.has(l)) };
}

function* piecesOf(lines: FileLines): Generator<string> {
  for (const piece of lines.pieces()) yield piece.text;
}

/** With `columnsFrom` (an import's read) the rows' accounts go into columns as they are read (table-accounts.ts). */
export function parsePgpoolTsv(input: DumpInput, options?: ParseOptions): DumpResult {
  // PGPool's own header (and the other tools' above) is read by its names, below.
  const logins = pgpoolHeader(headLines(headText(input, 20), 20).find((l) => l.trim() !== '')) ? undefined : mysqlLogins(input.text);
  if (logins) return readLogins(splitLines(input.text), logins.table, logins.how);
  const outfile = textHas(input, OUTFILE_NULL) ? outfileAsBatch(input.text) : undefined;
  // Each line made as it is read (text-lines.ts): the split was ~40 MB at 1,000,000 rows. A big
  // file's lines read from it a piece at a time, its text never made whole (file-lines.ts).
  const lines: LineList = outfile?.lines ?? input.lines ?? new TextLines(input.text);
  const pieces = outfile ? [outfile.lines.join('\n')] : input.lines ? piecesOf(input.lines) : [input.text];
  let first = 0;
  while (first < lines.length && lines.at(first)!.trim() === '') first++;
  const named = pgpoolHeader(lines.at(first));
  // A fork table of 33 or 34 columns: the order its whole table's rows leave, or none. Looked for only
  // where the first rows are that wide: a file of PGPool's own table pays no second split per line.
  const head = firstRows(lines, first);
  const wideHead = named ? undefined : wideTable(head).columns();
  const table33 = wideHead && wideTable(lines);
  const wide = table33?.columns();
  const bare = !named && (wideHead !== undefined || head.some(isPgpoolRow));
  if (!named && !bare) {
    const table = escapedBatchWithoutHeader(input.text);
    if (table) throw new DumpError(`is ${table}`, input.name);
    return { format: 'pgpool-tsv', accounts: [], rejected: [] };
  }
  // A row with more cells than the header shows a raw tab too: then the rows are read again, raw.
  const { how, letters } = escaping(pieces);
  const shown = { raw: false };
  // OUTFILE's lines joined where it escaped a line feed: every line named is the file's own.
  const fileLine = outfile ? (i: number) => outfile.at[i]! + 1 : (i: number) => i + 1;
  // INTO OUTFILE escapes every value (its `\N` shows FIELDS ESCAPED BY '\\'): never read again raw.
  const columnsFrom = options?.columnsFrom;
  const read = readRows(lines, first, named, { raw: how !== 'escaped', shown, fileLine, outfile: !!outfile, wide, table33, columnsFrom });
  if (read === undefined) return readRows(lines, first, named, { raw: true, shown: { raw: false }, fileLine, outfile: false, wide, table33, columnsFrom })!;
  // mysql -B -r writes a tab as a tab and a line feed as a line feed, which the rows show:
  // exported so, every password is exact. Added to the rows' own notes (pogoAccountServer's level 30), never in their place.
  if (how === 'unknown' && !shown.raw) read.notes = [...(read.notes ?? []), ambiguityNote(lines, letters)];
  return read;
}

/**
 * The columns of a headerless file: those of its first row that is a whole row of PGPool's table
 * with every typed cell fitting, which every row of one table shares (one `SELECT *`).
 */
function bareHeader(lines: LineList, first: number, wide: WideColumns | undefined): readonly string[] | undefined {
  for (let i = first; i < lines.length; i++) {
    const text = lines.at(i)!;
    if (text.trim() === '') continue;
    const cells = stripEnd(text).split('\t');
    const own = tableColumnsOf(cells, wide);
    if (own && cells.every((c, k) => fitsColumn(own[k]!, c))) return own;
  }
  return undefined;
}

/** The rows, or undefined when a row shows the file raw though it was read escaped. */
/**
 * How rows are read: `raw` values unescaped or not; `shown.raw` set when a row shows the file raw;
 * `fileLine`, the file's line of a line index; `outfile`, INTO OUTFILE's rows, always escaped: a
 * row that would show them raw is refused by its line instead of the file read again raw.
 */
interface RowReading {
  raw: boolean;
  shown: { raw: boolean };
  fileLine: (i: number) => number;
  outfile: boolean;
  /** A fork table's 33 or 34 columns, each width decided by the whole file's rows of it (pgpool-fork33.ts). */
  wide?: WideColumns;
  /** What those rows said, for the reason a row of an undecided width is refused. */
  table33?: Table33;
  /** ParseOptions.columnsFrom: the accounts as columns (table-accounts.ts). */
  columnsFrom?: number;
}

function readRows(lines: LineList, first: number, named: string[] | undefined, how: RowReading): DumpResult | undefined {
  const { raw, shown, fileLine, outfile, wide, table33 } = how;
  // A row that shows the file raw, read escaped: read again raw (undefined), or for OUTFILE kept escaped.
  const rereads = !raw && !outfile;
  const cutBy = outfile ? 'a row cut short (the file cut, or edited?)' : 'a line feed inside a value of mysql -r output cut it (export again without -r)';
  const accounts = new TableAccounts(how.columnsFrom);
  const rejected: Rejection[] = [];
  const bare = named ? undefined : bareHeader(lines, first, wide);
  let header: readonly string[] = named ?? [];
  const whole = named ?? bare;
  // Without names, the 31st column means what the whole table says (pgpool-column31.ts).
  const column31 = new Column31();
  // The line of the account read last, while it was the line before: its last value may go on.
  let lastRead = -1;
  for (let i = named ? first + 1 : first; i < lines.length; i++) {
    const text = lines.at(i)!;
    if (text.trim() === '') continue;
    // Blanks an editor left at the line end are padding, as in every line format (decode.ts stripEnd).
    let cells = stripEnd(text).split('\t');
    let split = false;
    const line = fileLine(i);
    // A row of a fork table's other width (two tables in one file, pgpool-fork33.ts) is no cut row.
    if (whole && cells.length < whole.length && !table33?.noted(cells.length)) {
      // A row short of cells is a row a raw line feed cut: joined back when its lines make exactly
      // a whole row, else refused by its line; its parts are never read as rows of their own.
      if (lastRead === i - 1 && TEXT_COLUMNS.has(whole.at(-1)!)) {
        // Or the tail of the row before, whose last value is text: that row is refused too.
        const before = accounts.takeLast();
        rejected.push({ line: before.line, reason: `its last value may go on on line ${fileLine(i)}, a row a line feed inside a value of mysql -r output cut (export again without -r)` });
        shown.raw = true;
      }
      // OUTFILE's line feeds are joined already: its short row is cut short, never joined on.
      const cut = outfile ? { end: i + 1 } : splitRow(lines, i, whole);
      if (!cut.joined) {
        rejected.push({ line, reason: `fewer cells than a whole row: ${cutBy}` });
        continue;
      }
      if (rereads) return undefined;
      [cells, header, split, shown.raw] = [cut.joined, whole, true, true];
      i = cut.end - 1;
    }
    if (named || split) while (cells.length > header.length && cells.at(-1)!.trim() === '') cells.pop();
    else {
      // Without a header the row's own shape says which schema it is, and its typed cells must fit
      // it: a raw tab inside a value shifts the cells after it, and such a row is never misread.
      const own = tableColumnsOf(cells, wide);
      header = own && cells.every((c, k) => fitsColumn(own[k]!, c)) ? own : [];
      // A row the file's shape fits, though alone it shows too little (ShuckleTools' NULL provider).
      if (header.length === 0 && bare && cells.length === bare.length && cells.every((c, k) => fitsColumn(bare[k]!, c))) header = bare;
      // One cell more than the file's other rows: one tab inside one value (escaped output writes
      // none, so the file is raw). Joined back where exactly one text column can hold it.
      if (header.length === 0 && bare && cells.length === bare.length + 1) {
        if (rereads) return undefined;
        const joined = joinRawTabs(cells, bare);
        if (joined) [cells, header] = [joined, bare];
      }
    }
    if (named && cells.length > header.length) {
      if (rereads) return undefined;
      cells = joinRawTabs(cells, header) ?? cells;
    }
    if (cells.length !== header.length) {
      // Rows of 33 or 34 where the file's table is no narrower one (a raw tab's row of one too many is read above).
      // Rows of such a width beside rows of another decided one (two tables in one file) say so too.
      if (!named && WIDE_COUNTS.has(cells.length) && (bare === undefined || bare.length === cells.length || table33?.noted(cells.length))) {
        rejected.push({ line, reason: (table33 ?? new Table33()).reason(cells.length, 'cells', 'export it again with the header (mysql -B, without -N)') });
        continue;
      }
      const reason = named ? `${counted(cells.length, 'column')}, the header has ${header.length}` : `${counted(cells.length, 'cell')} that are no whole row of PGPool's table`;
      rejected.push({ line, reason: `${reason}${outfile ? '' : raw || !named ? ' (a tab inside a value of mysql -r output?)' : ''}` });
      continue;
    }
    const other = named ? undefined : column31.admit(header, line);
    if (other) {
      rejected.push({ line, reason: other });
      continue;
    }
    const row: PgpoolRow = new Map(header.map((name, k) => [name, unescape(cells[k]!, raw)]));
    const account = pgpoolAccount(row, line);
    if (typeof account === 'string') rejected.push({ line, reason: account });
    else {
      accounts.add(account, !named && column31.read(header, account));
      lastRead = i;
    }
  }
  column31.settle();
  rejected.sort((a, b) => a.line - b.line);
  return accounts.result('pgpool-tsv', rejected);
}

export const pgpoolTsv: DumpFormat = { name: 'pgpool-tsv', detect: detectPgpoolTsv, parse: parsePgpoolTsv, textOnly: true, piecewise: true };
