// RocketMap's account CSV (`-ac`): no header, `provider,username,password`, `#` comments and
// blank lines ignored; an older fork put the level first (`25,ptc,user,pass`), sellers added columns
// after the password (`ptc,user,pass,30`: rocketmap-columns.ts). Read here with
// csv-parse, so dumps quoted by other tools read too.
//
// Also what we write for a RocketMap scanner, and there RocketMap's own parser rules: it never
// unquotes. Every fork (pogom/utils.py in RocketMap/RocketMap, codename-art/RocketMap,
// jdggraaf/RocketMap) reads `-ac` line by line, takes the field count from the first line and
// stops on any line with another count, strips the line, splits it on `,` and strips each field
// (str.strip); its `-hlvl` parser splits on `,` too, keeps the first three fields and silently
// drops the rest. So the file is written without quotes, and an account whose username or
// password would not come back exactly (a comma, a line break, blanks at either end) is never
// written: the caller leaves it out (see rocketmapProblem).
import { isProvider, type Account, type Provider } from '../../model.js';
import { csvRows } from '../csv.js';
import { extraColumns, rowColumns, rowTail } from './rocketmap-columns.js';
import { headerRoles, type Role } from '../lists/columns.js';
import { statusState } from '../lists/verdict-words.js';
import { fieldKind, KIND_NAME, nonAccountKind } from '../lists/line-kinds.js';
import { CHAT_PREFIX } from '../mail/email-quotes.js';
import { headLines } from '../decode.js';
import { oddLevelReason } from '../lists/odd-level.js';
import { isSignOff, isSkipped, lineProblem } from '../lists/account-line.js';
import { NO_PASSWORD, notUnicodeProblem, refuseUncarried } from '../carry.js';
import { PYTHON_SPACE_AT_EDGE } from '../python-space.js';
import { headerLineWarning, headerSafeOrder } from './rocketmap-first-line.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection, Skipped } from '../types.js';
import { ReadAccounts } from '../account-columns.js';
import { CutPasswords, isPogomapGuiName, LONE_WORD, splitPasswordReason } from '../lists/split-password.js';
import { CHANGER_TAIL_REASON, isChangerSucceedName, isShiftedLevel, SHIFTED_LEVEL_REASON } from './password-changer.js';

const ROW = /^\s*(?:\d{1,4}\s*,\s*)?(?:ptc|google|gmail)\s*,/i;

/**
 * A row's provider word: `ptc`, `google`, or `gmail`, which RocketMap's `-ac` reader asked for in
 * September 2016 (its error then: "your input should have looked like '<ptc/gmail>,<username>,<password>'",
 * RocketMap/RocketMap#1284) until RocketMap/RocketMap#1283 made it `google`: files written for
 * those days name Google so.
 */
function rowProvider(field: string | undefined): Provider | undefined {
  const t = (field ?? '').trim().toLowerCase();
  return t === 'gmail' ? 'google' : isProvider(t) ? t : undefined;
}

/** A `#` comment, or Excel's `sep=,` line (account-line.ts): no row. */
const isComment = (line: string) => /^\s*#/.test(line) || isSkipped(line.trim());

/** Most leading lines name the provider first (or a level, then the provider). */
export function detectRocketmap(input: DumpInput): number {
  const lines = headLines(input.text, 50).filter((l) => l.trim() !== '' && !isComment(l));
  if (lines.length === 0) return 0;
  const share = lines.filter((l) => ROW.test(l)).length / lines.length;
  return share >= 0.8 ? 0.9 : share >= 0.5 ? 0.6 : 0;
}

/** A row the reader keeps: its fields from the username on, and what its first columns said. */
interface Row {
  line: number;
  raw: string;
  level?: number;
  provider?: Provider;
  fields: string[];
}

/** Fields of this many, for a row extraColumns reads no value of (it reads only past the password). */
const SHORT: readonly string[][] = [[], [''], ['', '']];

/**
 * Read in two passes over the text's rows (csv.ts csvRows): the first keeps of each provider row only
 * what rocketmap-columns.ts needs to name the columns after the password (its values from the third
 * on), the second reads the accounts, into columns at an import's read (`columnsFrom`). Every row held
 * with its line and raw text, then a record per account, was 617-690 MB for 1,000,000 `ptc,user,pass`
 * rows (docs/scale-log.md, stop 44).
 */
export function parseRocketmap(input: DumpInput, options?: ParseOptions): DumpResult {
  const tails: string[][] = [];
  // PoGoMap-GUI's usernames.csv, by its name or by a `ptc,word` row (a password split at a comma:
  // split-password.ts): there a row with more fields held `:` in its password, never `,`.
  let colonsMadeCommas = isPogomapGuiName(input.name, 'csv');
  // The logins on its rows garbled so (`ptc,ptc,user,Pa,ss2`), each with the first one's line.
  const garbled = new Map<string, number>();
  // PTCPasswordChanger's succeed.csv: its name, and every row `ptc,` as the tool writes it (password-changer.ts).
  let changer = isChangerSucceedName(input.name);
  for (const { fields, line, raw, broken } of csvRows(input.name, input.text, isComment, undefined, true)) {
    if (broken) continue;
    const row = readRow(fields, line, raw);
    if (row && 'fields' in row && row.provider) {
      tails.push(row.fields.length <= 2 ? SHORT[row.fields.length]! : row.fields);
    }
    changer &&= raw.startsWith('ptc,');
    if (isRestRow(fields)) colonsMadeCommas = true;
    const twice = garbledLogin(fields);
    if (twice !== undefined && !garbled.has(twice)) garbled.set(twice, line);
  }
  const roles = extraColumns(tails);
  tails.length = 0;
  // There the fields after the password that every row shows may be the one new password's end.
  const changerTail = changer && roles.length > 0;
  const accounts = new ReadAccounts(options?.columnsFrom);
  const rejected: Rejection[] = [];
  // Each account waits one row: a `ptc,word` row right after it may hold its password's rest (split-password.ts).
  let waiting: DumpAccount | undefined;
  // A later account with a cut account's password may have lost its rest as a repeat (split-password.ts).
  const cut = new CutPasswords();
  const take = (a: DumpAccount) => {
    const at = garbled.size > 0 ? garbled.get(a.username) : undefined;
    const repeat = at === undefined ? cut.reason(a.password, a.line) : garbledTwinReason(at);
    if (repeat) rejected.push({ line: a.line, reason: repeat });
    else accounts.add(a);
  };
  const skipped: Skipped[] = [];
  let first = true;
  for (const { fields, line, raw: rowRaw, broken } of csvRows(input.name, input.text, isComment, undefined, true)) {
    // `Type,Login,Password,Level` over the rows (a seller's sheet of RocketMap's columns): the first
    // row naming every column, the provider's among them, is their header, no row refused.
    const opening = first;
    first = false;
    if (opening && !broken && headerRoles(fields.map((f) => f.trim()))?.includes('provider')) {
      skipped.push({ line, kind: 'header' });
      continue;
    }
    const before = waiting;
    waiting = undefined;
    const row = broken ? undefined : readRow(fields, line, rowRaw);
    if (before && !broken && before.line === line - 1 && isRestRow(fields)) {
      cut.cut(before.password, before.line);
      rejected.push({ line: before.line, reason: splitPasswordReason(line) });
    } else if (before) take(before);
    if (broken) {
      rejected.push({ line, reason: brokenQuotes(broken) });
      continue;
    }
    if (!row) continue;
    if (!('fields' in row)) {
      rejected.push(row);
      continue;
    }
    const account = changerTail && row.fields.length > 2 ? { line, reason: CHANGER_TAIL_REASON } : accountOf(row, roles, colonsMadeCommas);
    if ('reason' in account) rejected.push(account);
    else waiting = account;
  }
  if (waiting) take(waiting);
  rejected.sort((a, b) => a.line - b.line);
  return { format: 'rocketmap', ...accounts.held(), rejected, ...(skipped.length > 0 ? { skipped } : {}) };
}

/**
 * Why a line whose quotes are no CSV is refused: RocketMap keeps a `"` in the password
 * (`line.split(",")`, pogom/utils.py), so `ptc,ash,"Pw` is its password `"Pw`; a CSV writer's
 * quoted password cut or edited reads the same. Which one the line is cannot be told.
 */
function brokenQuotes(what: string): string {
  return `${what}: a password holding \`"\` as RocketMap reads it (it never unquotes), or a quoted password cut or edited? where the password starts and ends is unsure`;
}

/** A row's fields from the username on, or why it is no account row. */
function readRow(fields: string[], line: number, raw: string): Row | Rejection | undefined {
  const first = (fields[0] ?? '').trim().toLowerCase();
  // `25,ptc,u,p`: the level column is there only when a provider follows it.
  const levelFirst = /^\d{1,4}$/.test(first) && rowProvider(fields[1]) !== undefined;
  const base = levelFirst ? 1 : 0;
  const provider = rowProvider(fields[base]);
  // `70,ptc,user,pass`: no trainer level first is refused as the list readers refuse it (odd-level.ts), never read as level 70.
  // The way through reads that first column past: `--columns=-,provider,user,pass` (and `-` for each field after the password).
  const odd = levelFirst ? oddLevelReason(first, rowColumns(['-', 'provider'], new Array<Role>(Math.max(0, fields.length - 4)).fill('extra'), -1)) : undefined;
  if (odd) return { line, reason: odd };
  // `ptc,ptc,Town2er,Pass1`: PoGoMap-GUI's script puts `ptc,` before every place a line's text
  // stands in another line (`.replace(line, "ptc," + line)` over all of them), so a line opening
  // with another's text gets two. No login is a provider's name (PTC's are 6-16 characters).
  if (provider && isProvider((fields[base + 1] ?? '').trim().toLowerCase())) return { line, reason: PROVIDER_TWICE };
  if (provider) return { line, raw, fields: fields.slice(base + 1), provider, ...(levelFirst && first !== '0' ? { level: Number(first) } : {}) };
  if (fields.length === 2) {
    // RocketMap's `user,pass` form: ptc implied, left to the importer. Among provider rows a
    // chat's line (`1/11/2017, 10:02 - Shop: hi`), a sign-off (`Regards, Shop`: a blank after the
    // comma, no digit: account-line.ts's isSignOff), a log, a URL or a key and its date splits so
    // too: never an account.
    const t = raw.trim();
    const kind = nonAccountKind(t) ?? fieldKind(fields[0]!.trim(), fields[1]!.trim()) ?? (CHAT_PREFIX.test(t) || isSignOff(t, t.indexOf(',')) ? 'prose' : undefined);
    if (kind) return { line, reason: `looks like ${KIND_NAME[kind]}, not an account`, kind };
    return { line, raw, fields };
  }
  return { line, reason: 'first column is not a provider (ptc or google)' };
}

/**
 * Go2Engle/PoGoMap-GUI `PreReqs/newcsvusernames.ps1` writes its usernames.csv from the lines of
 * usernames.txt, `"ptc," + line` with every `:` replaced by `,` (`$usernames.replace(":",",")`),
 * after splitting the text at every `,`: a row with more fields than `ptc,user,pass` had `:` in
 * its password (`user:Pa:ss2` became `ptc,user,Pa,ss2`), where PalletTown's or Pikaptcha's row of
 * the same bytes holds `Pa,ss2`. Which one wrote a file named so, or split so, the row cannot
 * say: refused, the usernames.txt written beside it keeping the password as it was.
 */
const COLONS_MADE_COMMAS =
  "more fields than `ptc,user,pass`, in a file PoGoMap-GUI's script rewrote (its name, or a password split onto a row of its own): that script writes each `:` of a password as `,`, other tools write a `,` in it as it is; what the password is, is unsure (the usernames.txt written beside it keeps it as it was)";

const PROVIDER_TWICE = 'the provider twice before the login (`ptc,ptc,`): a tool that wrote `ptc,` before the text of another line found inside this one (PoGoMap-GUI\'s script); where the login and the password are is unsure';

/**
 * `ptc,Town2`: a password's rest on a row of its own (split-password.ts); `ptc,ptc,Town2,` as the
 * script's next run leaves it (the launcher runs it twice): the row read back as `Town2:`, then
 * `ptc,` put before it twice, its text standing inside another line's. Providers, one lone word,
 * nothing after it (but empty fields after two providers).
 */
function isRestRow(fields: readonly string[]): boolean {
  // A character look first, this runs for every row: a row of three fields or more needs a provider second.
  if (fields.length < 2 || (fields.length > 2 && !mayBeProvider(fields[1]!))) return false;
  let from = 0;
  while (from < fields.length && isProvider(fields[from]!.trim().toLowerCase())) from++;
  // `ptc,user,` is RocketMap's row of a login with an empty password; after two providers only, an empty field is the `:` read back.
  let to = fields.length;
  while (from > 1 && to > from && fields[to - 1]!.trim() === '') to--;
  return from > 0 && to - from === 1 && LONE_WORD.test(fields[from]!.trim());
}

/** Short enough to be `ptc` or `google` with blanks around: no string made for a login. */
const mayBeProvider = (field: string) => field.length <= 10;

/** The login of a row opening with the provider twice (`ptc,ptc,user,...`), if it has one after them. */
function garbledLogin(fields: readonly string[]): string | undefined {
  if (fields.length < 3 || !mayBeProvider(fields[1]!) || !isProvider(fields[0]!.trim().toLowerCase()) || !isProvider(fields[1]!.trim().toLowerCase())) return undefined;
  let from = 2;
  while (from < fields.length && isProvider(fields[from]!.trim().toLowerCase())) from++;
  const login = fields[from]?.trim();
  return login ? login : undefined;
}

/**
 * `ptc,user,Pa` beside `ptc,ptc,user,Pa,ss2`: the script's next run reads its usernames.csv back
 * taking the third field alone as the password (`split(",") | Select -index 2`), so
 * `ptc,user,Pa,ss2` (once `user:Pa:ss2`) comes back as a new line `user:Pa` beside the old one,
 * whose text then holds the new one's and gets `ptc,` twice. Which password is this login's?
 */
function garbledTwinReason(line: number): string {
  return `its login stands again on line ${line}, on a row the script garbled (\`ptc,ptc,\`): PoGoMap-GUI's next run reads a password back only to its first \`:\` (written as \`,\`), so this one may be such a cut copy; which password is this login's is unsure`;
}

/** A row's account, the columns after its password named by `roles`; or why it is refused. */
function accountOf({ fields, line, raw, provider, level }: Row, roles: ReturnType<typeof extraColumns>, colonsMadeCommas: boolean): DumpAccount | Rejection {
  const tail = provider ? rowTail(fields, roles, level === undefined ? undefined : ['level', 'provider']) : { passEnd: 2 };
  if ('reason' in tail) return { line, reason: tail.reason };
  const username = (fields[0] ?? '').trim();
  let password = fields[1] ?? '';
  if (tail.passEnd > 2 && colonsMadeCommas) return { line, reason: COLONS_MADE_COMMAS };
  // More fields before the columns than the form has, on a line without quotes: an unquoted
  // password with commas, taken from the line as written.
  if (tail.passEnd > 2 && !raw.includes('"')) {
    const parts = raw.split(',');
    const from = parts.length - fields.length + 1;
    password = parts.slice(from, from + tail.passEnd - 1).join(',').trim();
  }
  const reason = lineProblem(username, password) ?? (provider && isShiftedLevel(password) ? SHIFTED_LEVEL_REASON : undefined);
  if (reason) return { line, reason };
  const account: DumpAccount = { username, password, line };
  if (provider) account.provider = provider;
  if (level !== undefined) account.level = level;
  else if ('level' in tail && tail.level !== undefined) account.level = tail.level;
  const state = 'status' in tail && tail.status ? statusState(tail.status) : undefined;
  if (state) account.state = state;
  return account;
}

/**
 * Where a line of the file ends for one of its readers: \r and \n for RocketMap (Python 3 reads
 * \r as the end of a line too: universal newlines), and every line boundary of Python's
 * splitlines() for PGScout, which reads the file with codecs.open (tomballgithub/PGScout-1
 * pgscout.py): a password holding U+2028 would end its line there, and PGScout stop on the rest.
 */
const PYTHON_LINE_BREAK = /[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Why RocketMap would not read this account back exactly from a file we write (undefined: it
 * would). Names the field and the kind of character, never the value: it ends up in reports.
 */
export function rocketmapProblem(account: Pick<Account, 'username' | 'password'>): string | undefined {
  if (account.password === undefined) return NO_PASSWORD;
  for (const [field, value] of [['username', account.username], ['password', account.password]] as const) {
    if (value.includes(',')) return `its ${field} contains a comma`;
    if (PYTHON_LINE_BREAK.test(value)) return `its ${field} contains a line break`;
    if (PYTHON_SPACE_AT_EDGE.test(value)) return `its ${field} starts or ends with a blank`;
    const notUnicode = notUnicodeProblem(field, value);
    if (notUnicode) return notUnicode;
  }
  return undefined;
}

const rocketmapLine = (a: Pick<Account, 'provider' | 'username' | 'password'>) => `${a.provider},${a.username},${a.password}\n`;

/**
 * `provider,username,password` lines, no header, no quoting (RocketMap reads quotes as part of
 * the password). Refuses an account rocketmapProblem names, rather than write a file RocketMap
 * would misread or stop on. The first line is one no tool takes for a header, when any is (rocketmap-first-line.ts).
 */
export function writeRocketmap(accounts: Account[]): string {
  refuseUncarried(accounts, rocketmapProblem, 'RocketMap');
  return headerSafeOrder(accounts, rocketmapLine).map(rocketmapLine).join('');
}

/** The warning for `accounts` written as a RocketMap file whose first line, whichever, reads as a header to some tools (rocketmap-first-line.ts). */
export const rocketmapFirstLineWarning = (accounts: Account[]) => headerLineWarning(accounts, rocketmapLine);

export const rocketmap: DumpFormat = { name: 'rocketmap', detect: detectRocketmap, parse: parseRocketmap, textOnly: true };
