// Accounts in HTML tables, as shops send them: label and value in cells side by side
// (`<td>Username</td><td>ash</td>`), or a grid with a header row (`Username | Password | Level`).
// mailparser's HTML-to-text puts cells next to each other without a gap ("Usernameash"), which no
// reader can take apart, and may even glue into a wrong `user;pass`. This puts each such table in
// the HTML as the `Username: x` / `Password: y` lines the e-mail reader knows, before the HTML is
// turned into text. htmlparser2's tokenizer reads the HTML (it is what mailparser's converter
// uses), its events taken as they come, with no tree: a tree of a page of 100,000 rows held ~1 KB
// a row (stop 60 M), where a row's cells as text hold a tenth of that. It is loaded on first use,
// like mailparser, so that commands other than import do not pay for it.
import { cellLabel, isSoftUserLabel, type Label } from './email-labels.js';
import { headerRoles, roleOf, type Role } from '../lists/columns.js';
import { statusState } from '../lists/verdict-words.js';
import { namedRoles } from '../lists/named-columns.js';
import { appendAll } from '../long-arrays.js';

/** A column a grid's rows are written out with; `status` is a checker's or seller's word for the account (`banned`, `正常`). */
type Column = Label | 'status';

const LABEL_WORD: Record<Column, string> = { user: 'Username', pass: 'Password', mail: 'Email', level: 'Level', status: 'Status' };

/** A table row as read: each `td`/`th` child's text (as the DOM's textContent, blanks folded) and its lines (cellLines). */
interface Row {
  cells: string[];
  lines: string[];
}

const ROLE_LABEL: Partial<Record<Role, Column>> = { user: 'user', pass: 'pass', email: 'mail', level: 'level', status: 'status' };

/**
 * What a cell names: a mail's label (`Username`, `Passwort:`), else a list's column name in any
 * seller's language (`Utilisateur`, `Mot de passe`, `Niveau`, `Contraseña`: columns.ts), as a
 * CSV header line with those names is read.
 */
function columnLabel(cell: string): Column | undefined {
  const label = cellLabel(cell);
  if (label) return label;
  const role = roleOf(cell.replace(/[:=]\s*$/, '').trim());
  return role ? ROLE_LABEL[role] : undefined;
}

/** A cell's text without the `:` or `=` a label may end with. */
const bare = (cell: string) => cell.replace(/[:=]\s*$/, '').trim();

/**
 * A header row: cells that label at least a password and a username or address. Column → label.
 * A row whose every cell names a column is read as a CSV header with those names is (columns.ts
 * `headerRoles`): `ID | 账号 | 密码 | 等级` numbers its rows in the `ID` column, as `ID,Email,Password`
 * does, while `ID | パスワード | レベル` logs in with it. Other rows (a `#` or `Team` column) take
 * each cell's label, an `ID` cell only where no other cell names the login.
 */
function headerOf(cells: string[]): Map<number, Column> | undefined {
  const columns = new Map<number, Column>();
  const roles = cells.length >= 2 ? headerRoles(cells.map(bare)) : undefined;
  if (roles) {
    roles.forEach((role, i) => {
      const label = ROLE_LABEL[role];
      if (label) columns.set(i, label);
    });
  } else {
    const labels = cells.map(columnLabel);
    const namedLogin = labels.some((label, i) => label === 'user' && !isSoftUserLabel(bare(cells[i]!)));
    labels.forEach((label, i) => {
      if (!label || (namedLogin && label === 'user' && isSoftUserLabel(bare(cells[i]!)))) return;
      if (![...columns.values()].includes(label)) columns.set(i, label);
    });
  }
  const labels = [...columns.values()];
  return labels.includes('pass') && (labels.includes('user') || labels.includes('mail')) && columns.size >= 2 ? columns : undefined;
}

/**
 * A header cell naming a column whose every cell is a whole account (`SL | Account`, as an
 * accounts shop's order page lists what it delivered: `user:pass`, or `Username: x<br>Password:
 * y` in one cell), not the login alone (`Account | Password`).
 */
const WHOLE_ACCOUNT = /^(?:accounts?|account (?:details|info|data)|login (?:details|data|info)|credentials|details|items?|delivered(?: items?)?|serials?|your (?:accounts?|items?))$/i;

/** How many of a column's cells below each row are filled, and how many of those look like a whole account. */
type BelowCounts = (at: number, from: number) => { values: number; accountLike: number };

/**
 * The counts of every column asked for, summed from the table's end once per column: asked of each
 * row in turn (a table of 20,000 rows and no header), slicing and reading the rows below each one
 * cost the rows squared (192 KB of `<tr><td>x` took 8 s, 512 KB minutes).
 */
function belowCounts(rows: Row[]): BelowCounts {
  const sums = new Map<number, { values: Int32Array; accountLike: Int32Array }>();
  return (at, from) => {
    let sum = sums.get(at);
    if (!sum) {
      sum = { values: new Int32Array(rows.length + 1), accountLike: new Int32Array(rows.length + 1) };
      for (let r = rows.length - 1; r >= 0; r--) {
        const v = rows[r]!.lines[at] ?? '';
        sum.values[r] = sum.values[r + 1]! + (v !== '' ? 1 : 0);
        sum.accountLike[r] = sum.accountLike[r + 1]! + (/\S[\s:;|,]+\S/.test(v) ? 1 : 0);
      }
      sums.set(at, sum);
    }
    return { values: sum.values[from] ?? 0, accountLike: sum.accountLike[from] ?? 0 };
  };
}

/** The column index, with the level and status columns beside it, of such a header over such cells (the rows below from `from`). */
function wholeAccountColumn(cells: string[], below: BelowCounts, from: number, rowCount: number): { at: number; level?: number; status?: number } | undefined {
  const at = cells.findIndex((c) => WHOLE_ACCOUNT.test(bare(c)));
  if (at < 0 || cells.some((c, i) => i !== at && columnLabel(c) === 'pass') || from >= rowCount) return undefined;
  // Cells of the login alone (`ash01`) make it a login's column: the header says what it holds.
  const { values, accountLike } = below(at, from);
  if (values === 0 || accountLike < values * 0.8) return undefined;
  const level = cells.findIndex((c, i) => i !== at && columnLabel(c) === 'level');
  const status = cells.findIndex((c, i) => i !== at && columnLabel(c) === 'status');
  return { at, ...(level >= 0 ? { level } : {}), ...(status >= 0 ? { status } : {}) };
}

/** How many rows' cells were read, for a test to see each row read once per table, never once per row above it. */
export const rowReads = { count: 0 };

/** Elements whose text a cell's lines leave out (a button's label, a script); their text is still the cell's textContent. */
const UNSHOWN = new Set(['button', 'script', 'style', 'select']);
/** Elements that stand on lines of their own inside a cell. */
const BLOCK = /^(?:div|p|li|pre|tr|h\d)$/;

/** A `td` or `th` being read: its text runs for textContent, its lines' pieces, and how deep inside an UNSHOWN element the tokens are. */
interface OpenCell {
  text: string[];
  lines: string[];
  unshown: number;
}

/** An innermost-table candidate being read; `nested` once a table opens inside it (then it is not rendered and keeps no rows). */
interface OpenTable {
  start: number;
  nested: boolean;
  rows: Row[];
}

/** An open element: a cell (with its place in its row), a row of an innermost-table candidate, or a table. */
type Frame = { cell?: OpenCell; at?: number; row?: Row; table?: OpenTable };

/**
 * Every innermost table of `html` with its rows, read from htmlparser2's events as its DOM handler
 * would have built them (the same parser, the same implied ends, text runs merged as its Text
 * nodes are), each table handed to `onTable` at its end with its start and end index.
 */
async function eachInnermostTable(html: string, onTable: (rows: Row[], start: number, end: number) => void): Promise<void> {
  const { Parser } = await import('htmlparser2');
  const stack: Frame[] = [];
  const tables: OpenTable[] = [];
  const cells: OpenCell[] = [];
  let run = '';
  // A text run ends at any other token, as the DOM handler's Text node does.
  const endRun = () => {
    if (run === '') return;
    const folded = run.replace(/\s+/g, ' ');
    for (const cell of cells) {
      cell.text.push(run);
      if (cell.unshown === 0) cell.lines.push(folded);
    }
    run = '';
  };
  const parser: InstanceType<typeof Parser> = new Parser({
    onopentag(name) {
      endRun();
      for (const cell of cells) {
        if (cell.unshown > 0) cell.unshown++;
        else if (UNSHOWN.has(name)) cell.unshown = 1;
        else if (name === 'br') cell.lines.push('\n');
        else if (BLOCK.test(name)) cell.lines.push('\n');
      }
      const frame: Frame = {};
      const parent = stack[stack.length - 1];
      if (name === 'table') {
        for (const outer of tables) {
          outer.nested = true;
          outer.rows = [];
        }
        frame.table = { start: parser.startIndex, nested: false, rows: [] };
        tables.push(frame.table);
      } else if (name === 'tr') {
        const table = tables[tables.length - 1];
        if (table && !table.nested) {
          rowReads.count++;
          frame.row = { cells: [], lines: [] };
          table.rows.push(frame.row);
        }
      } else if ((name === 'td' || name === 'th') && parent?.row) {
        frame.cell = { text: [], lines: [], unshown: 0 };
        frame.at = parent.row.cells.push('') - 1;
        parent.row.lines.push('');
        cells.push(frame.cell);
      }
      stack.push(frame);
    },
    ontext(text) {
      run += text;
    },
    oncomment: endRun,
    onprocessinginstruction: endRun,
    onclosetag(name) {
      endRun();
      const frame = stack.pop();
      if (frame?.cell) {
        cells.splice(cells.indexOf(frame.cell), 1);
        const row = stack[stack.length - 1]!.row!;
        row.cells[frame.at!] = frame.cell.text.join('').replace(/\s+/g, ' ').trim();
        row.lines[frame.at!] = frame.cell.lines.join('').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
      }
      for (const cell of cells) {
        if (cell.unshown > 0) cell.unshown--;
        else if (name !== 'br' && BLOCK.test(name)) cell.lines.push('\n');
      }
      if (frame?.table) {
        tables.pop();
        if (!frame.table.nested) onTable(frame.table.rows, frame.table.start, parser.endIndex + 1);
      }
    },
  });
  parser.end(html);
}
/** The whole-account column's cells, one account after another, with the row's level and status as the e-mail reader's labels. */
function wholeAccountLines(column: { at: number; level?: number; status?: number }, rows: Row[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    const cells = row.lines;
    const account = cells[column.at] ?? '';
    if (account === '') continue;
    const level = column.level !== undefined ? cells[column.level] : undefined;
    const status = column.status !== undefined && cells[column.status] && statusState(cells[column.status]!) !== undefined ? cells[column.status] : undefined;
    // A label block takes them as its labels; a one-line account after it, as a list's words after an account (`user:pass 31 banned`).
    if (account.includes('\n')) {
      lines.push(account);
      if (level) lines.push(`Level: ${level}`);
      if (status) lines.push(`Status: ${status}`);
    } else lines.push([account, level, status].filter(Boolean).join(' '));
    lines.push('');
  }
  return lines.join('\n').trim();
}

/** A table's rows as account label lines; '' when none of its rows gives any. */
function renderTable(rows: Row[]): string {
  const lines: string[] = [];
  let header: Map<number, Column> | undefined;
  /** Under a header row of names with a login and no password (`Username | Team | Note`): its rows, as a table's lines. */
  let passwordless = false;
  const below = belowCounts(rows);
  for (const [r, row] of rows.entries()) {
    const { cells } = row;
    const next = headerOf(cells);
    const whole = !header && !next && !passwordless ? wholeAccountColumn(cells, below, r + 1, rows.length) : undefined;
    if (whole) return wholeAccountLines(whole, rows.slice(r + 1));
    if (!header && !next && (passwordless || namedRoles(cells)?.includes('pass') === false)) {
      // Written as the rows of a list's table (`Username | Team | Note`), which no reader takes for accounts (named-columns.ts).
      passwordless = true;
      lines.push(cells.join(' | '));
    } else if (next) {
      header = next;
    } else if (header) {
      // A grid: one account per row, a blank line between them.
      // The status last, and only a verdict word (`banned`, `正常`; a shop's `geliefert` says nothing of the
      // account): it is read as the verdict of the account written out just before it (email-text.ts).
      const fields = [...header].sort(([, a], [, b]) => Number(a === 'status') - Number(b === 'status')).filter(([i, kind]) => (cells[i] ?? '') !== '' && (kind !== 'status' || statusState(cells[i]!) !== undefined)).map(([i, kind]) => `${LABEL_WORD[kind]}: ${cells[i]}`);
      if (fields.length > 0) appendAll(lines, fields).push('');
    } else {
      // One label and its value per row: consecutive rows make one account, as in a text mail.
      const label = cells.length >= 2 ? columnLabel(cells[0]!) : undefined;
      if (label && cells[1] !== '') lines.push(`${LABEL_WORD[label]}: ${cells[1]}`);
    }
  }
  return lines.join('\n').trim();
}

/**
 * A code view's table of lines: each row a line number (an empty cell whose number is an
 * attribute, as GitHub's gist and blob pages write `<td class="blob-num" data-line-number="3">`,
 * or the number itself) and the line's text in one other cell. HTML-to-text joined its rows into
 * one line (`ptc,ash,Pw ptc,misty,Pw2`), a wrong password; the lines are the file's, each its own
 * line again. Undefined for any other table: two filled cells in a row make it a grid.
 */
function codeLinesText(rows: Row[]): string {
  if (rows.length < 2) return '';
  const lines: string[] = [];
  for (const [r, row] of rows.entries()) {
    const [first, ...rest] = row.lines;
    if (first === undefined || rest.length === 0 || (first !== '' && first !== String(r + 1))) return '';
    const filled = rest.filter((cell) => cell !== '');
    if (filled.length > 1 || filled[0]?.includes('\n')) return '';
    lines.push(filled[0] ?? '');
  }
  return lines.some((l) => l !== '') ? lines.join('\n') : '';
}

/** Text written back into HTML (html-fields.ts too). */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The HTML with every table that holds accounts replaced by a `<pre>` of label lines, or
 * undefined when no table does. Only innermost tables count: mails lay out their whole body in
 * tables around the data.
 */
export async function withAccountTablesAsText(html: string): Promise<string | undefined> {
  const replacements: { start: number; end: number; text: string }[] = [];
  await eachInnermostTable(html, (rows, start, end) => {
    const text = renderTable(rows) || codeLinesText(rows);
    if (text !== '') replacements.push({ start, end, text });
  });
  if (replacements.length === 0) return undefined;
  let out = html;
  for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, start)}<pre>\n${escapeHtml(text)}\n</pre>${out.slice(end)}`;
  }
  return out;
}
