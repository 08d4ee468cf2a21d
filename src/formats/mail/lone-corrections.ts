// A mail dropped alone that delivers no account but says a password changed (`New password for
// ash_02: X`, `Sorry, the new password is X`, `2. аккаунт: новый пароль X`): the reply to a
// delivery in another file. Read alone, it cannot tell which account, nor that one is there at
// all; the account another file delivered keeps a password that may be stale. So the sentence is
// refused by its line, saying so and how to read the two together (one mbox, in the order they
// arrived: mbox.ts applies it there), never read past as "a message without accounts".
import { unquote } from './email-quotes.js';
import { isCorrectionLine } from './reply-corrections.js';
import type { DumpResult } from '../types.js';

const REASON =
  'a correction of a password for no account this mail delivers: the account is in another file (the delivery this mail answers?), whose password may now be stale; put the messages in one mbox, in the order they arrived, and import that, or correct the account by hand';

/** `result` (a whole mail's) with each such sentence refused, when the mail gave no account and refused nothing. */
export function lonePasswordCorrections(result: DumpResult): DumpResult {
  if (result.accounts.length > 0 || result.rejected.length > 0 || !result.skipped) return result;
  const lines = new Set<number>();
  for (const k of result.skipped) {
    if (k.kind !== 'prose' || k.text === undefined) continue;
    const { s, depth } = unquote(k.text);
    // A sentence the mail quotes is the conversation's past, not what it says now.
    if (depth === 0 && isCorrectionLine(s)) lines.add(k.line);
  }
  if (lines.size === 0) return result;
  return {
    ...result,
    rejected: [...lines].map((line) => ({ line, reason: REASON })),
    skipped: result.skipped.filter((k) => !lines.has(k.line)),
  };
}
