// A level the dump states for all of its accounts, outside any column: in a product or subject
// line ("5x Level 30 PTC accounts", "Subject: Your order: 10 accounts lvl 30") or in the file's
// name (`accounts_L2.txt`, `level30.txt`, `not_banned_L30.txt`). It is the file's own level, so
// it wins over `--level` and the inbox folder, as a level column does; an account's own column
// wins over it. Two different levels stated in one file name none (a mixed order).
import { headLines } from './decode.js';
import type { DumpInput, DumpResult, Rejection } from './types.js';
import type { FileLines } from './file-lines.js';
import { isTrainerLevel } from '../model.js';
import { LEVEL_WORDS } from './lists/level-words.js';
import { HEADING_GOES_ON, headingLevelAt, levelHeadings } from './lists/level-headings.js';
import { FOREIGN_LEVEL } from './mail/foreign-labels.js';
import { productSections } from './mail/product-sections.js';
import { countedRuns } from './lists/counted-runs.js';

/** How many first lines may state the level. */
const STATING_LINES = 400;

function level(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return isTrainerLevel(n) ? n : undefined;
}

const NAME_LEVEL = new RegExp(String.raw`(?:^|[^A-Za-z0-9])(?:${LEVEL_WORDS}|l|${FOREIGN_LEVEL})[\s._-]?(\d{1,2})(?!\d)`, 'i');

/**
 * `..._L2.txt`, `level30`, `lvl-30`, `Lv.25`: a level word or L right before the number, not inside
 * a word; so the level words of a seller's script (`уровень30/`, `レベル30`, `等级30`: a Windows
 * zip's folders, archive-zip-names.ts).
 */
export function levelFromName(name: string): number | undefined {
  // In compatibility form: a Japanese zip's half-width `ﾚﾍﾞﾙ30` is `レベル30`, full-width `３０` is 30.
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/\.[A-Za-z0-9]{1,5}$/, '').normalize('NFKC');
  const m = NAME_LEVEL.exec(base) ?? NAME_LEVEL_AFTER.exec(base);
  return level(m?.[1]);
}

/** The name whose words may state a level or verdict: none where its code page is unsure (DumpInput.nameUnsure). */
export function statingName(input: { name: string; nameUnsure?: true }): string {
  return input.nameUnsure ? '' : input.name;
}

/**
 * The number first, as Chinese, Russian and Korean write it (`30级/`, `30 уровень/`, `28-го
 * уровня`, `33레벨`) and sellers writing English after them (`27lvl`, `26 level`); not inside a
 * word or a longer number (`lot2024`).
 */
const NAME_LEVEL_AFTER = /(?:^|[^A-Za-z0-9])(\d{1,2})(?:-?го)?[\s._-]?(?:level|lvl|lv|级|級|уровень|уровня|уровне|лвл|레벨|レベル)(?![A-Za-z])/i;

/** A line that talks about accounts: a product, an order, a subject. */
const PRODUCT = /\b(?:accounts?|accs?|ptc|pok[eé]mon|pogo|trainers?|konten|konto|cuentas?|comptes?|contas?|kont[ao]?)\b/i;
/** An order's quantity of a level ("Order #1 - 2x Level 30", "3 x lvl 25"), the level its number. */
const QUANTITY_LEVEL = new RegExp(String.raw`\b\d{1,4}\s*[x×]\s*(?:${LEVEL_WORDS})\.?\s*(\d{1,2})(?!\d)`, 'i');

/**
 * The level a mail's subject states as an order's quantity without the word "accounts" ("Order #1
 * - 2x Level 30"): the seller's own title for the delivery. In a body or a chat the same words may
 * be the buyer's ("paid for 3x lvl 30"), so only a subject is read so.
 */
export function levelFromSubject(subject: string): number | undefined {
  return level(QUANTITY_LEVEL.exec(subject)?.[1]);
}
// A number before `lvl` is the level (`30 lvl accounts`) only where none follows it: in
// `Giving away 3 lvl 28 accounts` the 3 counts the accounts and `lvl 28` names their level.
const LEVEL_IN_TEXT = new RegExp(String.raw`\b(?:${LEVEL_WORDS})\.?\s*(?:[-:#]\s*)?(\d{1,2})\b|\bL(\d{2})\b|\b(\d{1,2})\s*(?:lvl|level)\b(?!\.?\s*(?:[-:#]\s*)?\d)`, 'gi');
/**
 * The same in Cyrillic and CJK subjects, which `\b` cannot bound: "Ваш заказ: 2 аккаунта уровень
 * 30", "3个PTC账号 30级", "アカウント（レベル30）". Chinese and Japanese write no blanks, so such a
 * line needs none (an account line holds no product word of these scripts).
 */
const PRODUCT_OTHER = /аккаунт|акк(?![а-яё])|учётн|учетн|账号|帐号|账户|帳號|帳戶|アカウント|계정/i;
const LEVEL_IN_OTHER = new RegExp(String.raw`(?:${FOREIGN_LEVEL}|лвл|ур\.)\s*(?:[:：]\s*)?(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})\s*(?:级|級|уровень|уровня|лвл|레벨)`, 'gi');

/**
 * The product or subject lines among the first lines, each with the levels it states (line
 * numbers 1-based), in order.
 */
function statingLines(text: string, maxLines: number, accountLines?: ReadonlySet<number>): [number, Set<number>][] {
  const out: [number, Set<number>][] = [];
  // Only the first lines are split: a 100,000-line list's first 200,000 characters were ~9,000 strings for 400 lines.
  const lines = headLines(text.length > STATING_CHARS ? text.slice(0, STATING_CHARS) : text, maxLines, Infinity);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Account lines have no blank (`ptc,user,level30` states a password, not a level); a line a
    // reader read an account from states its account (`L10, ,ptc`: a user named L10), whatever its blanks.
    if (line.length > 300 || accountLines?.has(i + 1)) continue;
    const other = /[^\x00-\u024f]/.test(line) && PRODUCT_OTHER.test(line);
    if (!other && (!/\S\s+\S/.test(line) || !PRODUCT.test(line))) continue;
    const found = new Set<number>();
    for (const m of line.matchAll(LEVEL_IN_TEXT)) {
      const n = level(m[1] ?? m[2] ?? m[3]);
      if (n !== undefined) found.add(n);
    }
    if (other) for (const m of line.matchAll(LEVEL_IN_OTHER)) {
      const n = level(m[1] ?? m[2]);
      if (n !== undefined) found.add(n);
    }
    if (found.size > 0) out.push([i + 1, found]);
  }
  return out;
}

/** Every level the stating lines name. */
function levelsOf(stating: [number, Set<number>][]): Set<number> {
  const all = new Set<number>();
  for (const [, levels] of stating) for (const l of levels) all.add(l);
  return all;
}

/** The one level the first lines' product or subject lines state, if they state exactly one. */
export function levelFromText(text: string, maxLines = STATING_LINES, accountLines?: ReadonlySet<number>): number | undefined {
  const found = levelsOf(statingLines(text, maxLines, accountLines));
  return found.size === 1 ? [...found][0] : undefined;
}

/** Characters of the first lines statingLines reads at most. */
const STATING_CHARS = 200_000;

/**
 * levelHeadings of a text read in pieces of whole lines: each heading is one line's, so found in
 * its piece; where one may go on past its line (HEADING_GOES_ON), of the whole text.
 */
function piecewiseHeadings(lines: FileLines, counts: Map<number, number>, whole: () => string): [number, number][] {
  const out: [number, number][] = [];
  for (const { text, line } of lines.pieces()) {
    // Tested piece by piece in the same pass (HEADING_GOES_ON is no /g: a test keeps no place).
    if (HEADING_GOES_ON.test(text)) {
      counts.clear();
      return levelHeadings(whole(), counts);
    }
    const own = new Map<number, number>();
    for (const [at, level] of levelHeadings(text, own)) out.push([at + line - 1, level]);
    for (const [at, count] of own) counts.set(at + line - 1, count);
  }
  return out;
}

/** Gives accounts without a level of their own the level their file states, if it states one. */
export function withStatedLevel(read: DumpResult, input: DumpInput, name: string): DumpResult {
  // `5x Level 30` above five accounts, `3x Level 2` above three: each counted run's level is its
  // block's, and a block holding another number is refused (counted-runs.ts).
  const counts = new Map<number, number>();
  // A dump read in pieces (streamed-input.ts): its headings found piece by piece, its first lines read.
  const lines = input.lines;
  const counted = lines ? piecewiseHeadings(lines, counts, () => input.text) : levelHeadings(input.text, counts);
  let runs: { headings: [number, number][]; refused: Rejection[] } | undefined;
  let result = read;
  if (counts.size > 0) {
    runs = countedRuns(counted, counts, read.columns ? read.columns.records() : read.accounts);
    if (runs.refused.length > 0) {
      const refused = new Set(runs.refused.map((r) => r.line));
      const { columns: _columns, ...rest } = read;
      result = { ...rest, accounts: (read.columns ? read.columns.records() : read.accounts).filter((a) => !refused.has(a.line)), rejected: [...read.rejected, ...runs.refused].sort((a, b) => a.line - b.line) };
    }
  }
  // Columns (account-columns.ts) hold a pair without a level: never every account with one.
  const columns = result.columns;
  if (!columns && result.accounts.every((a) => a.level !== undefined)) return result;
  // Only the lines levelFromText looks at: a 100,000-line list needs no 100,000-entry set.
  const accountLines = new Set<number>();
  // An index, not for...of: this runs once per read, so the loop stays in the interpreter, where an
  // iterator costs ~25 ms over 100,000 accounts and an index ~3 ms (docs/scale-log.md, stop 31).
  const accounts = result.accounts;
  const count = columns ? columns.length : accounts.length;
  for (let i = 0; i < count; i++) {
    const line = columns ? columns.lineAt(i) : accounts[i]!.line;
    if (line <= STATING_LINES) accountLines.add(line);
  }
  // `Level 30:` above some accounts, `Level 25:` above others: each heading's level is its accounts' (level-headings.ts).
  let headings = runs ? runs.headings : counted;
  const stating = statingLines(lines ? lines.head(STATING_LINES, STATING_CHARS) : input.text, STATING_LINES, accountLines);
  const levels = levelsOf(stating);
  const stated = (levels.size === 1 ? [...levels][0] : undefined) ?? levelFromName(name);
  // An order of several products, each product line above its own accounts (product-sections.ts).
  // (It finds none once an account is past STATING_LINES: the columns' records up to the first past it tell.)
  if (headings.length === 0 && levels.size > 1) headings = productSections(stating, columns ? columns.records(STATING_LINES) : accounts, STATING_LINES);
  if (stated === undefined && headings.length === 0) return result;
  const levelAt = (line: number) => headingLevelAt(headings, line) ?? stated;
  if (columns) return { ...result, columns: columns.withLevels(levelAt) };
  return { ...result, accounts: result.accounts.map((a) => (a.level !== undefined || levelAt(a.line) === undefined ? a : { ...a, level: levelAt(a.line) })) };
}
