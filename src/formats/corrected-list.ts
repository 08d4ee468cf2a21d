// A list with the seller's word on one of its accounts below it (`ash01:Pika1!` ... `Sorry, the
// new password for ash01 is Xyz9abc!`), pasted as a .txt or as a mail's body: the list reader
// keeps ash01's old password and refuses the sentence as prose, the letter reader applies the
// correction (own-corrections.ts). The two reads differ, and the file was refused as "unsure
// what this is" (or, in a mail, the list's read kept and the old password imported). The letter's
// read is the list's read plus what the sentences said; when that is the only difference, it is
// the read that tells the truth about the file.
import type { DumpResult } from './types.js';
import { arrowLine } from './mail/arrow-corrections.js';
import { holdsArrowCorrection } from './mail/email-text.js';
import { splitLines } from './decode.js';

const pair = (a: { username: string; password: string }) => `${a.username.toLowerCase()}\n${a.password}`;

/**
 * The lines of `letter`'s corrections when `letter` is `list` with its corrections applied:
 * every account the two reads do not share is one of the list's logins, given by the letter at
 * a line the list read as no account (the sentence's: a correction applied), or refused by the
 * letter by its line (a correction that left it unsure); the letter adds no login of its own and
 * rejects no line the list read as an account but those. Undefined otherwise (or when they agree).
 */
export function correctionsOf(list: DumpResult, letter: DumpResult): number[] | undefined {
  const listPairs = new Set(list.accounts.map(pair));
  const letterPairs = new Set(letter.accounts.map(pair));
  const listLogins = new Set(list.accounts.map((a) => a.username.toLowerCase()));
  const listLines = new Set(list.accounts.map((a) => a.line));
  const letterRejected = new Set(letter.rejected.map((r) => r.line));
  const lines = new Set<number>();
  for (const a of letter.accounts) {
    if (listPairs.has(pair(a))) continue;
    // A corrected account: a login the list delivered, at the sentence's line, where the list read no account.
    if (!listLogins.has(a.username.toLowerCase()) || listLines.has(a.line)) return undefined;
    lines.add(a.line);
  }
  for (const a of list.accounts) {
    if (letterPairs.has(pair(a))) continue;
    const corrected = letter.accounts.some((b) => b.username.toLowerCase() === a.username.toLowerCase() && lines.has(b.line));
    // Refused as maybe stale by a correction (or a rename, rename-sentences.ts) the letter could not apply: the sentence is refused too.
    const refused = letterRejected.has(a.line) && letter.rejected.some((r) => !listLines.has(r.line) && /correct|a rename of/i.test(r.reason));
    if (!corrected && !refused) return undefined;
    if (refused) for (const r of letter.rejected) if (!listLines.has(r.line)) lines.add(r.line);
  }
  if (lines.size === 0) return undefined;
  // Every other line the letter refuses, the list refused or read past too: the letter hides nothing the list said.
  for (const r of letter.rejected) if (listLines.has(r.line) && letterPairs.has(pair(list.accounts.find((a) => a.line === r.line)!))) return undefined;
  return [...lines].sort((x, y) => x - y);
}

/**
 * The arrow lines of a text holding an arrow correction (`ash01 -> X` below `ash01:Old`, email-text.ts
 * holdsArrowCorrection), when `letter` is `list` with them applied or refused: the list reader made
 * each arrow an account of its own (`ash01` again, with the new password or another login as its
 * password), so correctionsOf, which takes no such line, finds none. Every login the letter gives the
 * list gives; every account of the list the letter does not read alike is given by the letter with
 * another password (corrected), or refused by its line (maybe stale, or the arrow itself). As a
 * mail's body is read (index.ts readNested), the letter's read is then the file's (stop 64 L: a .txt
 * letter was refused whole as unsure between the two).
 */
export function arrowCorrections(list: DumpResult, letter: DumpResult, text: string): number[] | undefined {
  const listLogins = new Set(list.accounts.map((a) => a.username.toLowerCase()));
  if (letter.accounts.some((a) => !listLogins.has(a.username.toLowerCase()))) return undefined;
  const letterPairs = new Set(letter.accounts.map(pair));
  const letterLogins = new Set(letter.accounts.map((a) => a.username.toLowerCase()));
  const refused = new Set(letter.rejected.map((r) => r.line));
  for (const a of list.accounts) {
    if (letterPairs.has(pair(a)) || refused.has(a.line)) continue;
    if (!letterLogins.has(a.username.toLowerCase())) return undefined;
  }
  // The whole text's pass last: only where the two reads' accounts already agree as an arrow's would.
  if (!holdsArrowCorrection(text)) return undefined;
  const textLines = splitLines(text);
  const arrows = [...new Set(list.accounts.map((a) => a.line))].filter((n) => arrowLine(textLines[n - 1] ?? '') !== undefined);
  return arrows.length > 0 ? arrows.sort((x, y) => x - y) : undefined;
}
