// Monocle's accounts.csv: a header naming the columns (any order, any subset, the aliases older
// exports used), one account per row. Also what we write for a Monocle scanner: its own header,
// and each account's stable device so the account never "changes phone" between runs.
import { isProvider, type Account, type Device, type Provider } from '../../model.js';
import { headLines } from '../decode.js';
import { csvRows, writeCsv, type CsvRow } from '../csv.js';
import { counterReason, isCountCell, lineProblem } from '../lists/account-line.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { PYTHON3_SPACE_OR_COMMA_AT_EDGE } from '../python-space.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection, Skipped } from '../types.js';
import { ReadAccounts } from '../account-columns.js';
import { isLetterLine, isLetterSentence } from '../lists/letter-lines.js';
import { flagValue, statusState } from '../lists/verdict-words.js';
import { pacStatusState, pacUnreadNote, pacUnreadStatus } from './pac-status.js';
import { lastUse } from './monocle-account.js';
import { isCounterName, isIdName, roleOf } from '../lists/columns.js';
import { isPlainNumber, oddLevelReason } from '../lists/odd-level.js';
import { pastSheetBanners } from '../lists/sheet-banner.js';

type Column = 'username' | 'password' | 'provider' | 'level' | 'model' | 'ios' | 'id' | 'status' | 'banned' | 'warned' | 'created' | 'last used';

const ALIASES: Record<string, Column> = {
  username: 'username',
  user: 'username',
  password: 'password',
  pass: 'password',
  // The provider column under every name the tools write (`provider`: Monocle; `auth_service`:
  // PGPool, RocketMAD; `auth`: RocketMap's config; `login_type`: MAD; `service`, `type`...) is looked
  // up in columns.ts's list, the one the list readers use, so no spelling is known to one reader only.
  level: 'level',
  lvl: 'level',
  model: 'model',
  device_model: 'model',
  ios: 'ios',
  ios_version: 'ios',
  id: 'id',
  device_id: 'id',
  // A checker's CSV with a header (`username,password,level,banned`): its verdict is the account's.
  status: 'status',
  state: 'status',
  result: 'status',
  banned: 'banned',
  is_banned: 'banned',
  // PAC-Data-Converter's `hasWarning` (Pogo-Account-Checker's `playerData.hasWarning`, README.md):
  // the game's warning on an account not banned.
  haswarning: 'warned',
  warned: 'warned',
  // Monocle's banned.csv (below).
  created: 'created',
  'last used': 'last used',
};

const FRONT_NUMBER_SHIFT = 'every row has a value more than the header names, and this one opens with a number where the login is a number too: a row number the header does not name before the columns (R\'s row names), not a column after them? unsure which is the login, not imported';

export const MONOCLE_HEADER = ['username', 'password', 'provider', 'model', 'iOS', 'id'];

function columnOf(cell: string): Column | undefined {
  const name = cell.trim().replace(/^"|"$/g, '').toLowerCase();
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name]; // a `constructor` column is none of ours
  // Before: `username,password,service` read every google account as ptc, its column unknown here.
  // `NIVEAU`, `Stufe`, `уровень`: a level column in a seller's language (columns.ts), never dropped unread.
  const role = roleOf(name);
  return role === 'provider' || role === 'level' ? role : undefined;
}

/** The header is the first non-blank line, with both a username and a password column. */
export function detectMonocle(input: DumpInput): number {
  // A sheet's merged title or column groups over the header (sheet-banner.ts) are read past.
  const head = headLines(input.text, 20);
  const first = head.slice(pastSheetBanners(head)).find((l) => l.trim() !== '');
  if (!first) return 0;
  const cells = first.split(',');
  // `ptc,user,pass` is a RocketMap row that happens to hold header words, not a header.
  const lead = (cells[0] ?? '').trim().toLowerCase();
  if (isProvider(lead) || (/^\d+$/.test(lead) && isProvider((cells[1] ?? '').trim().toLowerCase()))) return 0;
  const cols = cells.map(columnOf);
  return cols.includes('username') && cols.includes('password') ? 0.95 : 0;
}

/**
 * With `columnsFrom` (an import's read) each account goes into columns as it is read, as the
 * SQLite stores' do (account-columns.ts ReadAccounts; one with a verdict is kept whole there).
 */
export function parseMonocle(input: DumpInput, options?: ParseOptions): DumpResult {
  // Rows as they are parsed (csv.ts csvRows): a 1,000,000-row file's rows were ~800 MB held at once.
  const rows = csvRows(input.name, input.text);
  const accounts = new ReadAccounts(options?.columnsFrom);
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const unreadLines: number[] = []; // rows whose PAC status states no verdict we can hold (pac-status.ts)
  let top = rows.next();
  // A sheet's merged title or column groups over the header, read past as detection reads them
  // (sheet-banner.ts): said as skipped with the header, each by its line.
  const banners = pastSheetBanners(headLines(input.text, 20));
  while (!top.done && top.value.line <= banners) {
    if (top.value.raw.trim() !== '') skipped.push({ line: top.value.line, kind: 'header' });
    top = rows.next();
  }
  if (top.done) return { format: 'monocle', accounts: [], rejected };
  const header = top.value;
  // First column of each kind wins; unknown columns (email, notes...) are the user's business.
  const at = new Map<Column, number>();
  header.fields.forEach((cell, i) => {
    const col = columnOf(cell);
    if (col && !at.has(col)) at.set(col, i);
  });
  // Monocle reads `id` by name (utils.py load_accounts_csv, a DictReader) and keeps it only with
  // `model` and `iOS` (accounts_from_csv: else generate_device_info makes a new device, uuid4().hex
  // its id): its scripts write it last. An `id` first, with neither beside it, is a sheet's or a
  // database's row id (`id,username,password` over `1,ash01,...`), which Monocle would throw away:
  // never kept as the account's device.
  const idAt = at.get('id');
  if (idAt !== undefined && idAt < (at.get('username') ?? 0) && !at.has('model') && !at.has('ios') && header.fields[idAt]!.trim().replace(/^"|"$/g, '').toLowerCase() === 'id') at.delete('id');
  // Monocle's scripts/export_accounts_csv.py writes the banned accounts of its store apart, to
  // banned.csv under `username,password,provider,level,created,last used` (Noctem/Monocle): every
  // row is an account Monocle found banned, kept as its store's `banned` is (monocle-account.ts).
  const bannedExport = at.has('created') && at.has('last used') && at.has('level') && !at.has('status') && !at.has('banned');
  const get = (fields: string[], col: Column): string => {
    const i = at.get(col);
    return i === undefined ? '' : (fields[i] ?? '');
  };

  // A row with a value past the header's columns: a comma unquoted inside one of its values
  // (`ash01,Pika,1` under `username,password`), which csv.DictReader, as Monocle reads the file,
  // also puts aside, keeping the password cut at it. Where the value ends is unsure: the row is
  // refused by its line. Unless every row has such values: then they are a column left unnamed.
  const overflows = (fields: string[]) => fields.slice(header.fields.length).some((f) => f.trim() !== '');
  // `Nr.,username,password` or `id,username,password` over `ash02,Pika2!,x`: a login where the rows are
  // numbered, the row's cells not the header's by position (account-line.ts counterProblem); a device's
  // `id` after the login, as Monocle writes it, is no such column.
  const login = at.get('username') ?? 0;
  const counters = header.fields.flatMap((cell, i) => (i < login && isCounterName(cell.replace(/^"|"$/g, '')) ? [{ at: i, id: isIdName(cell.replace(/^"|"$/g, '')) }] : []));
  // Monocle's own device model holds a comma (`iPhone9,1`, accounts.example.csv quotes it): typed
  // unquoted, it is the one comma whose place is sure, joined back before anything is counted.
  const model = at.get('model');
  const body = (function* (): Generator<CsvRow> {
    for (const row of rows) {
      const f = row.fields;
      if (model !== undefined && f.length > header.fields.length && /^i(?:Phone|Pad|Pod)\d+$/.test(f[model]?.trim() ?? '') && /^\d+$/.test(f[model + 1]?.trim() ?? '')) {
        row.fields = [...f.slice(0, model), `${f[model]!.trim()},${f[model + 1]!.trim()}`, ...f.slice(model + 2)];
      }
      yield row;
    }
  })();
  // Whether every filled row overflows is known at the first filled row that does not; only while
  // every one so far does are the rows held (all of them, when the column is really unnamed).
  const held: CsvRow[] = [];
  // (Not a for-of: its break would close `body`.)
  for (let next = body.next(); !next.done; next = body.next()) {
    held.push(next.value);
    if (next.value.raw.trim() !== '' && !overflows(next.value.fields)) break;
  }
  const filled = held.filter(({ raw }) => raw.trim() !== '');
  const unnamedColumn = filled.length > 0 && filled.every(({ fields }) => overflows(fields));

  let previous = header.raw;
  for (const { fields, line, raw } of rowsThen(held, body)) {
    const username = get(fields, 'username').trim();
    const password = get(fields, 'password');
    // `Best regards,` / `Mike`, `Thanks!` under the rows: a letter's sign-off (letter-lines.ts), as the
    // list readers read past it, never a login without its password. `Thanks, John` too, as the
    // plain reader reads it: a sign-off's words hold no digit, and so no password as sellers' are.
    const text = raw.trim();
    // A sentence between or under the rows (`Account 8 - more`, `First - best we thanks the login.`):
    // no comma, so no second cell, blanks between words, none of which mixes letters and digits as
    // a login or a password does; the plain reader reads it so under its header (list-layout.ts).
    const letter = isLetterLine(text, previous.trim()) || (header.fields.length >= 2 && !raw.includes(',') && /\S\s+\S/.test(text) && isLetterSentence(text));
    if (text !== '') previous = text;
    if (letter) {
      skipped.push({ line, kind: 'prose' });
      continue;
    }
    // The header again (two accounts.csv joined with `cat a.csv b.csv`, each opening with it): no row.
    if (text === header.raw.replace(/^\ufeff/, '').trim()) {
      skipped.push({ line, kind: 'header' });
      continue;
    }
    const providerText = get(fields, 'provider').trim().toLowerCase();
    // `30.0`: pandas writes an integer column holding an empty cell as floats (its "integer NA"
    // upcast to float64), as PAC-Data-Converter's `to_csv` does when an account has no level
    // (a failed login): a whole number all the same. `30.5` stays refused.
    const levelText = get(fields, 'level').trim().replace(/^(\d{1,3})\.0$/, '$1');
    // (A row without a login, `Notes: ...,,,,` under the table, is refused as missing it.)
    const shifted = username === '' ? undefined : counters.find((c) => !isCountCell(fields[c.at] ?? '', c.id));
    const reason =
      (shifted ? counterReason(shifted.at, fields.length, header.fields.length) : undefined) ??
      // `1,1,ash01,Pw,neu` under `Nr.,username,password,Notiz` on every row: the value past the header's
      // is no column left unnamed at the end but a row number first (R's row names), the login `1`? Never.
      (unnamedColumn && /^\d{1,7}$/.test(username) && /^\d{1,7}$/.test((fields[0] ?? '').trim()) ? FRONT_NUMBER_SHIFT : undefined) ??
      (!unnamedColumn && overflows(fields) ? `${fields.length} values, the header names ${header.fields.length}: a comma inside a value, not quoted? where the password ends is unsure` : undefined) ??
      lineProblem(username, password) ??
      (providerText !== '' && !isProvider(providerText) ? 'provider is neither ptc nor google' : undefined) ??
      (levelText !== '' && !isPlainNumber(levelText) ? 'level is not a whole number' : oddLevelReason(levelText));
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    const account: DumpAccount = { username, password, line, provider: (providerText || 'ptc') as Provider };
    // `0` is no level, as in every list (odd-level.ts); a `70` was refused above, never read as level 70.
    if (levelText !== '' && Number(levelText) !== 0) account.level = Number(levelText);
    const banned = flagValue(get(fields, 'banned'));
    const statusText = get(fields, 'status');
    // A PAC status stating nothing (`error`: the check failed) leaves the flags unread too.
    const known = statusState(statusText);
    const pac = known === undefined ? pacStatusState(statusText) : undefined;
    const said = pac === null ? undefined : (known ?? pac ?? (banned === undefined ? undefined : banned ? 'perm_banned' : 'ok') ?? (bannedExport ? 'temp_banned' : undefined));
    // A warning on an account otherwise ok is the `warned` verdict; a ban outweighs it.
    const state = said === 'ok' && flagValue(get(fields, 'warned')) === true ? 'warned' : said;
    if (state) account.state = state;
    const used = bannedExport ? lastUse(get(fields, 'last used').trim()) : undefined;
    const unread = pac === null ? pacUnreadStatus(statusText) : undefined;
    if (unread) unreadLines.push(line);
    if (used || unread) account.history = { ...(used ? { allocated_at: used } : {}), ...(unread ? { pac_status: unread } : {}) };
    const device: Partial<Device> = {};
    for (const key of ['model', 'ios', 'id'] as const) {
      const value = get(fields, key).trim();
      if (value !== '') device[key] = value;
    }
    if (Object.keys(device).length > 0) account.device = device;
    accounts.add(account);
  }
  const note = pacUnreadNote(unreadLines);
  return { format: 'monocle', ...accounts.held(), rejected, ...(skipped.length > 0 ? { skipped } : {}), ...(note ? { notes: [note] } : {}) };
}

/** `first`'s rows, then the rest of `more`'s, each let go once given. */
function* rowsThen(first: CsvRow[], more: Iterable<CsvRow>): Generator<CsvRow> {
  for (let i = 0; i < first.length; i++) {
    yield first[i]!;
    first[i] = undefined as unknown as CsvRow;
  }
  yield* more;
}

/** Python's csv module refuses a field longer than this by default (csv.field_size_limit()). */
const PYTHON_CSV_FIELD_LIMIT = 131_072;

/**
 * Why Monocle would not read this account back exactly (undefined: it would). Monocle reads
 * accounts.csv with Python's csv.DictReader on a file opened without newline='' (load_accounts_csv
 * in Noctem/Monocle's monocle/utils.py), which turns a carriage return inside a quoted field into a
 * line feed; Python's csv module before 3.11 stops the whole file at a NUL character and refuses
 * fields over 128 KiB. Quotes, commas, `#`, blanks and other text are quoted and read back exactly.
 * Hydro74000/Monocle and its forks load the file into their database with
 * scripts/import_accounts.py, which strips blanks, then commas, from both ends of the password of
 * an account the scanner already holds (monocle/accounts.py `Account.import_file`:
 * `row['password'].strip().strip(',')`; a new account's password is kept whole): importing the
 * file again, as after each allocation, would give the scanner another password. (Its csv dialect
 * also reads a doubled quote as two, so a password holding `"` reaches those forks' database
 * otherwise: docs/scanners.md says so; the Monocle these forks came from reads it exactly.)
 */
export function monocleProblem(account: Account): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  // Field by field, not an object's entries: this runs for every account handed out, twice
  // (the choice, then the writer's refusal), mostly before V8 optimises it.
  const problem =
    fieldProblem('username', account.username) ??
    fieldProblem('password', account.password) ??
    fieldProblem('device model', account.device?.model) ??
    fieldProblem('device iOS', account.device?.ios);
  if (problem) return problem;
  if (PYTHON3_SPACE_OR_COMMA_AT_EDGE.test(account.password)) return 'its password starts or ends with a blank or a comma';
  return undefined;
}

/** What of one field's text Monocle's reader would not give back exactly (monocleProblem), or undefined. */
function fieldProblem(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes('\r')) return `its ${field} contains a carriage return`;
  if (value.includes('\0')) return `its ${field} contains a NUL character`;
  if (value.length > PYTHON_CSV_FIELD_LIMIT) return `its ${field} is longer than Python's csv module reads`;
  return notUnicodeProblem(field, value);
}

/**
 * Monocle's own header and column order; device fields empty when an account has none (Monocle
 * then makes one). `header: false`: the rows alone, for a file written in pieces after its first.
 */
export function writeMonocle(accounts: Account[], header = true): string {
  refuseUncarried(accounts, monocleProblem, 'Monocle');
  return writeCsv(
    accounts.map((a) => [a.username, a.password ?? '', a.provider, a.device?.model ?? '', a.device?.ios ?? '', a.device?.id ?? '']),
    header ? MONOCLE_HEADER : undefined,
  );
}

export const monocle: DumpFormat = { name: 'monocle', detect: detectMonocle, parse: parseMonocle, textOnly: true };
