// A reply or forward quotes an earlier mail's accounts (DumpAccount.quoted): a copy, as old as the
// mail it quotes. The buyer's "thanks" answering the first delivery, dated after the seller's
// "new password for ash_02" mail, quotes ash_02's old password: merged last, it brought the old
// password back. So a quoted copy never overwrites what the conversation or the pool says of its
// login: the same password is nothing new, a password the conversation had before and changed is
// dropped, and another password is refused (which is newer is unsure), never guessed.
import type { DumpAccount, DumpResult, Rejection } from '../types.js';

/** What is known of a login before this mail: its current password, any it had before, and who said so (for the reason). */
export interface KnownLogin {
  password: string;
  before: ReadonlySet<string>;
  where: string;
}

/**
 * `result` without its quoted copies of logins `known` knows: kept when the password is the
 * current one, dropped when it is one the login had before, refused by its line otherwise.
 * Undefined when nothing changed.
 */
export function withoutQuotedCopies(result: DumpResult, known: (username: string) => KnownLogin | undefined): DumpResult | undefined {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  let changed = false;
  for (const a of result.accounts) {
    const k = a.quoted ? known(a.username) : undefined;
    if (!k || k.password === a.password) accounts.push(a);
    else {
      changed = true;
      if (!k.before.has(a.password)) {
        rejected.push({ line: a.line, reason: `${a.username} quoted from an earlier mail with another password than ${k.where} gives it: which is newer is unsure; correct it by hand if the quoted one is` });
      }
    }
  }
  return changed ? { ...result, accounts, rejected: [...result.rejected, ...rejected].sort((x, y) => x.line - y.line) } : undefined;
}
