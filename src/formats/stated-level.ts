// A level the dump states for all of its accounts, outside any column: in a product or subject
// line ("5x Level 30 PTC accounts", "Subject: Your order: 10 accounts lvl 30") or in the file's
// name (`accounts_L2.txt`, `level30.txt`, `not_banned_L30.txt`). It is the file's own level, so
// it wins over `--level` and the inbox folder, as a level column does; an account's own column
// wins over it. Two different levels stated in one file name none (a mixed order).
import { splitLines } from './decode.js';
import type { DumpResult } from './types.js';
import { isTrainerLevel } from '../model.js';
import { LEVEL_WORDS } from './level-words.js';
import { headingLevelAt, levelHeadings } from './level-headings.js';

/** How many first lines may state the level. */
const STATING_LINES = 400;

function level(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return isTrainerLevel(n) ? n : undefined;
}

const NAME_LEVEL = new RegExp(String.raw`(?:^|[^A-Za-z0-9])(?:${LEVEL_WORDS}|l)[\s._-]?(\d{1,2})(?!\d)`, 'i');

/** `..._L2.txt`, `level30`, `lvl-30`, `Lv.25`: a level word or L right before the number, not inside a word. */
export function levelFromName(name: string): number | undefined {
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const m = NAME_LEVEL.exec(base);
  return level(m?.[1]);
}

/** A line that talks about accounts: a product, an order, a subject. */
const PRODUCT = /\b(?:accounts?|accs?|ptc|pok[eé]mon|pogo|trainers?|konten|konto|cuentas?|comptes?|contas?|kont[ao]?)\b/i;
const LEVEL_IN_TEXT = new RegExp(String.raw`\b(?:${LEVEL_WORDS})\.?\s*[-:#]?\s*(\d{1,2})\b|\bL(\d{2})\b|\b(\d{1,2})\s*(?:lvl|level)\b`, 'gi');

/** The one level the first lines' product or subject lines state, if they state exactly one. */
export function levelFromText(text: string, maxLines = STATING_LINES, accountLines?: ReadonlySet<number>): number | undefined {
  const found = new Set<number>();
  for (const [i, line] of splitLines(text.length > 200_000 ? text.slice(0, 200_000) : text).slice(0, maxLines).entries()) {
    // Account lines have no blank (`ptc,user,level30` states a password, not a level); a line a
    // reader read an account from states its account (`L10, ,ptc`: a user named L10), whatever its blanks.
    if (line.length > 300 || !/\S\s+\S/.test(line) || !PRODUCT.test(line) || accountLines?.has(i + 1)) continue;
    for (const m of line.matchAll(LEVEL_IN_TEXT)) {
      const n = level(m[1] ?? m[2] ?? m[3]);
      if (n !== undefined) found.add(n);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Gives accounts without a level of their own the level their file states, if it states one. */
export function withStatedLevel(result: DumpResult, text: string, name: string): DumpResult {
  if (result.accounts.every((a) => a.level !== undefined)) return result;
  // Only the lines levelFromText looks at: a 100,000-line list needs no 100,000-entry set.
  const accountLines = new Set<number>();
  for (const a of result.accounts) if (a.line <= STATING_LINES) accountLines.add(a.line);
  // `Level 30:` above some accounts, `Level 25:` above others: each heading's level is its accounts' (level-headings.ts).
  const headings = levelHeadings(text);
  const stated = levelFromText(text, STATING_LINES, accountLines) ?? levelFromName(name);
  if (stated === undefined && headings.length === 0) return result;
  const levelAt = (line: number) => headingLevelAt(headings, line) ?? stated;
  return { ...result, accounts: result.accounts.map((a) => (a.level !== undefined || levelAt(a.line) === undefined ? a : { ...a, level: levelAt(a.line) })) };
}
