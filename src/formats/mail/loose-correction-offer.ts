// A loose text file holding only a seller's correction (`fix.txt`: "sorry, the password for ash01
// is now X"), dropped with the delivery it corrects or after it. It delivers no account, so read
// alone it changed nothing (loose-correction.ts said so). Read as a mail alone is read
// (lone-corrections.ts): each sentence naming a login and saying its password changed is refused
// by its line and offered to the import (DumpResult.poolCorrections), which applies it only where
// the pool holds exactly the one account it names (import/pool-corrections.ts) — the delivery
// imported before it, or in the same command (commands/import.ts takes such a file after the
// others). A sentence naming no login, or a word no seller's login is (offered-logins.ts), is
// offered nothing: a dump never changes an account it does not name.
import { lonePasswordCorrections } from './lone-corrections.js';
import { LEAD_IN_UNSURE } from '../lists/lead-in-account.js';
import { splitLines } from '../decode.js';
import type { DumpResult } from '../types.js';

/** Only a short file: a reply is a few lines (as loose-correction.ts). */
const MAX_LINES = 200;

/** What the line's refusal says when the pool does not hold the login either (a password is never in it). */
export const LOOSE_CORRECTION = (logins: string[]) =>
  `a correction of the password of ${logins.map((l) => `\`${l}\``).join(' and ')}, ${logins.length === 1 ? 'an account' : 'accounts'} neither this file nor the pool holds: nothing was imported and the pool was not changed; import this file with the delivery it corrects in one command (\`accountpool import delivery.txt fix.txt\`), or once that delivery is in the pool`;

/**
 * `result` (a text's read as a list or a letter, no account in it) with its corrections offered to
 * the pool, or undefined when it offers none (then the file is refused as before). A line the list
 * reader refused as prose, or as a sentence before an account (`use this: ash_02:X`,
 * lead-in-account.ts), is read as the sentence it is; any other refusal leaves the file as it was read.
 */
export function looseCorrections(result: DumpResult, text: string): DumpResult | undefined {
  if (result.accounts.length > 0 || result.columns) return undefined;
  // The list reader refuses a file's lines of prose (`kind: 'prose'`) where a letter's reader skips them.
  if (result.rejected.some((r) => r.reason !== LEAD_IN_UNSURE && r.kind !== 'prose')) return undefined;
  // Counted before the split: a large file with no account in it is refused without one.
  if (text.split('\n', MAX_LINES + 2).length > MAX_LINES + 1) return undefined;
  const lines = splitLines(text);
  if (lines.length > MAX_LINES) return undefined;
  const leadIns = result.rejected.map((r) => ({ line: r.line, kind: 'prose' as const }));
  const asProse: DumpResult = { ...result, rejected: [], skipped: [...(result.skipped ?? []), ...leadIns].sort((a, b) => a.line - b.line) };
  const offered = lonePasswordCorrections(asProse, lines);
  if (!offered.poolCorrections) return undefined;
  const named = new Map<number, string[]>();
  for (const c of offered.poolCorrections) named.set(c.line, [...new Set([...(named.get(c.line) ?? []), c.username])]);
  return { ...offered, rejected: offered.rejected.map((r) => (named.has(r.line) ? { line: r.line, reason: LOOSE_CORRECTION(named.get(r.line)!) } : r)) };
}
