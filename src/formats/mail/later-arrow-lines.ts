// A later message of a conversation whose only account lines are written with an arrow
// (`gmacc9 -> X`, the delivery before it written `gmacc1:Pw`): read alone, such a mail is a list
// typed with arrows, and gmacc9 was imported as a new account. Beside an earlier delivery it reads
// as what sellers send after one: a correction. Its lines become the message's sentences, for
// later-corrections.ts to apply to the account they name (by login or old password) and
// lone-corrections.ts to refuse by its line, offering the login to the pool, when nothing
// delivered it. A later message of two or more arrow lines naming nothing delivered is an arrow
// list (more accounts), read as one, as a mail of arrow lines alone is.
// The same for a line that labels its password with a correction's words (`gmacc9 的正確密碼是：X`,
// "gmacc9's correct password is", `gmacc9 新密码：X`, `gmacc9 새 비밀번호: X`): alone in a list it is a
// seller's labelled account (password-labels.ts), but after a delivery it says which password is
// right now, whatever else the message holds; `gmacc9 密码：X` (a plain label) stays a delivery.
import { arrowLine, arrowNames, givesPassword } from './arrow-corrections.js';
import { unquote } from './email-quotes.js';
import { labelledPassword } from '../lists/password-labels.js';
import { isCorrectionLine } from './reply-corrections.js';
import type { DumpAccount, DumpResult } from '../types.js';

/** A message of more accounts than this is a delivery, whatever its separator (and its lines are not kept: mail-batch.ts). */
export const MAX_ARROW_LINES = 20;

/**
 * `result` (a later message's, its accounts at `fileLines`) with its arrow lines turned into prose
 * when `earlier` (what the conversation delivered before it) is not empty and every account of it
 * was read from an arrow line giving a password: unchanged otherwise.
 */
export function laterArrowLines(result: DumpResult, fileLines: readonly (string | undefined)[], earlier: readonly DumpAccount[]): DumpResult {
  const n = result.accounts.length;
  if (earlier.length === 0 || n === 0 || n > MAX_ARROW_LINES) return result;
  const texts = unquotedTexts(result, fileLines);
  return asProse(result, arrowsAll(result, texts, earlier) ? result.accounts : worded(result, texts), texts);
}

/** `gmacc9 的正確密碼是：X` after a delivery: the accounts whose line labels the password with a correction's words. */
function worded(result: DumpResult, texts: Map<DumpAccount, string>): DumpAccount[] {
  return result.accounts.filter((a) => {
    const s = texts.get(a);
    return s !== undefined && isCorrectionLine(s) && labelledPassword(s) !== undefined;
  });
}

/**
 * A reply read alone (its `In-Reply-To` answers a delivery this import does not hold, the pool
 * may): its lines labelling a password with a correction's words are its sentences, for
 * lone-corrections.ts to offer to the pool, as `gmacc9的新密码：X` already is; never a new account.
 */
export function correctionLabelsAsProse(result: DumpResult, fileLines: readonly (string | undefined)[]): DumpResult {
  if (result.accounts.length === 0 || result.accounts.length > MAX_ARROW_LINES) return result;
  const texts = unquotedTexts(result, fileLines);
  return asProse(result, worded(result, texts), texts);
}

/** Every account of the message read from an arrow line giving a password, and some naming a delivered account or only one line. */
function arrowsAll(result: DumpResult, texts: Map<DumpAccount, string>, earlier: readonly DumpAccount[]): boolean {
  let names = false;
  for (const a of result.accounts) {
    const s = texts.get(a);
    const arrow = s === undefined ? undefined : arrowLine(s);
    if (!arrow || !givesPassword(arrow)) return false;
    const named = arrowNames(arrow, earlier);
    if (named.byLogin.length > 0 || named.byPassword.length > 0) names = true;
  }
  // Two arrow lines or more, none about a delivered account: a list of more accounts.
  return result.accounts.length < 2 || names;
}

/** `result` with `accounts` (of its own) turned into its prose lines, as its reader would have skipped sentences. */
function asProse(result: DumpResult, accounts: readonly DumpAccount[], texts: Map<DumpAccount, string>): DumpResult {
  if (accounts.length === 0) return result;
  const lines = new Set(accounts.map((a) => a.line));
  return {
    ...result,
    accounts: result.accounts.filter((a) => !accounts.includes(a)),
    skipped: [...(result.skipped ?? []).filter((k) => !lines.has(k.line)), ...accounts.map((a) => ({ line: a.line, kind: 'prose' as const, text: texts.get(a)! }))].sort((x, y) => x.line - y.line),
  };
}

/** Each account's own line as the reply wrote it, outside any quote (`> ` levels): a quoted line is the delivery's, never the reply's. */
function unquotedTexts(result: DumpResult, fileLines: readonly (string | undefined)[]): Map<DumpAccount, string> {
  const texts = new Map<DumpAccount, string>();
  for (const a of result.accounts) {
    const raw = fileLines[a.line - 1]?.replace(/\r$/, '');
    if (raw === undefined || a.quoted) continue;
    const { s, depth } = unquote(raw);
    if (depth === 0) texts.set(a, s);
  }
  return texts;
}
