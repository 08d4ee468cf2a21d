// A list pasted from a mail or a forum post often ends with its writer's signature under RFC
// 3676's delimiter (section 4.3: a line of `-- `, dash dash space, "the signature follows";
// clients that trim trailing blanks leave `--`): a name (`John`), the shop's contacts
// (`Telegram: @shop`, `Discord: shop#1234`). Those lines hold no account, and a list reader that
// judged each alone refused them as "missing password". Under the last delimiter, when no account
// is read below it (a divider between two stocks is no signature), a line refused for holding no
// password (a name without a digit), or for looking like prose, a handle or a link, is the
// signature, read past; a line shaped like an account there (`ash05x=Pw5`, a login with a digit
// alone, a noted account unsure where its password ends) stays refused, and a whole account there
// would have made the block no signature: nothing is dropped.
import { isSignatureSeparator } from '../mail/signature-lines.js';
import type { Rejection, Skipped } from '../types.js';

/**
 * Refusals of a line that holds no account at all, as opposed to an account-shaped line that is
 * unsure: a login alone is a name (`John`, `shopbot`) only without a digit; `ash05x` alone is an
 * account whose password is missing, and stays refused.
 */
function holdsNoAccount(r: Rejection, line: string): boolean {
  return r.kind !== undefined || r.reason.startsWith('not an account line') || (r.reason === 'missing password' && !/\d/.test(line));
}

/**
 * Move the refusals of the signature's lines (1-based numbers above `sigLine`) into `skipped` as
 * `signature`. `lines` are the file's raw lines, `lastAccount` the last 1-based line read as an
 * account (0 for none).
 */
export function readPastSignature(lines: readonly string[], lastAccount: number, rejected: Rejection[], skipped: Skipped[]): void {
  if (rejected.length === 0) return;
  let at = -1;
  for (let i = lines.length - 1; i >= lastAccount; i--) {
    if (isSignatureSeparator(lines[i]!.replace(/\r$/, ''))) {
      at = i + 1;
      break;
    }
  }
  if (at < 0) return;
  let k = 0;
  for (const r of rejected) {
    if (r.line > at && holdsNoAccount(r, lines[r.line - 1] ?? '')) skipped.push({ line: r.line, kind: 'signature' });
    else rejected[k++] = r;
  }
  rejected.length = k;
  skipped.sort((x, y) => x.line - y.line);
}
