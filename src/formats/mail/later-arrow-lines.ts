// A later message of a conversation whose only account lines are written with an arrow
// (`gmacc9 -> X`, the delivery before it written `gmacc1:Pw`): read alone, such a mail is a list
// typed with arrows, and gmacc9 was imported as a new account. Beside an earlier delivery it reads
// as what sellers send after one: a correction. Its lines become the message's sentences, for
// later-corrections.ts to apply to the account they name (by login or old password) and
// lone-corrections.ts to refuse by its line, offering the login to the pool, when nothing
// delivered it. A later message of two or more arrow lines naming nothing delivered is an arrow
// list (more accounts), read as one, as a mail of arrow lines alone is.
import { arrowLine, arrowNames, givesPassword } from './arrow-corrections.js';
import { unquote } from './email-quotes.js';
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
  const texts: string[] = [];
  let names = false;
  for (const a of result.accounts) {
    const raw = fileLines[a.line - 1]?.replace(/\r$/, '');
    if (raw === undefined || a.quoted) return result;
    const { s, depth } = unquote(raw);
    const arrow = depth === 0 ? arrowLine(s) : undefined;
    if (!arrow || !givesPassword(arrow)) return result;
    const named = arrowNames(arrow, earlier);
    if (named.byLogin.length > 0 || named.byPassword.length > 0) names = true;
    texts.push(s);
  }
  // Two arrow lines or more, none about a delivered account: a list of more accounts.
  if (n >= 2 && !names) return result;
  const lines = new Set(result.accounts.map((a) => a.line));
  return {
    ...result,
    accounts: [],
    skipped: [...(result.skipped ?? []).filter((k) => !lines.has(k.line)), ...result.accounts.map((a, i) => ({ line: a.line, kind: 'prose' as const, text: texts[i]! }))].sort((x, y) => x.line - y.line),
  };
}
