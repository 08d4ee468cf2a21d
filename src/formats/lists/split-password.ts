// A lone word on the line right after an account, in a file whose every account line has a
// separator: the account's password may go on there. Tools that rewrote an account file split it
// at the separator: Go2Engle/PoGoMap-GUI's `PreReqs/newcsvusernames.ps1` (2016) joins the lines of
// Pikaptcha's usernames.txt with `,`, splits the text on `,` again and writes each piece as a line
// of usernames.txt and, as `ptc,` + piece with every `:` made `,`, of usernames.csv: so
// `user:Pallet,Town1` comes back as `user:Pallet` and a line `Town1` (`ptc,user,Pallet` and
// `ptc,Town1`). Reading `Pallet` as the password would be an invented account; the file cannot say
// whether the word is the password's rest or a line of its own, so both lines are refused.
//
// The same script keeps each piece once (`Select -Unique`), and Pikaptcha's `-p` gives every
// account of a run one password: a second `user2:Pallet,Town1` comes back as `user2:Pallet` with
// no word after it, its `Town1` dropped as a repeat. Nothing on its line tells it from a password
// `Pallet`; the cut account before it with the same password does, so it is refused too
// (CutPasswords). Only a later one: the first of a run keeps its rest, so an account before the
// cut one lost none to it.

import type { DumpAccount, DumpResult, Rejection } from '../types.js';

/**
 * PoGoMap-GUI's own names for the two files its script rewrites (a download's ` (1)` aside):
 * `usernames.txt` (`ext` txt) and `usernames.csv`. A list of another name keeps the list's
 * rule: a lone word after an account is a login missing its password, the account above kept.
 */
export function isPogomapGuiName(name: string, ext: 'txt' | 'csv'): boolean {
  const own = (name.split(/[\\/]/).pop() ?? name).toLowerCase();
  return own === `usernames.${ext}` || new RegExp(`^usernames \\(\\d+\\)\\.${ext}$`).test(own);
}

/** A piece that could be a password's rest: one word, nothing around it. */
export const LONE_WORD = /^\S+$/;

/** What every splitPasswordReason says: a file showing it was rewritten so. */
const SPLIT_MARK = ' after it holds a lone word where this password may go on ';

/** Why the account on the line before a lone word is refused (never quotes the password). */
export function splitPasswordReason(wordLine: number): string {
  return `line ${wordLine}${SPLIT_MARK}(a password holding the separator, split into two lines by a tool that rewrote the file): where the password ends is unsure`;
}

/** The passwords of the accounts refused as cut, each with the first one's line. */
export class CutPasswords {
  private readonly first = new Map<string, number>();

  get size(): number {
    return this.first.size;
  }

  /** The account on `line` was refused as cut before a lone word (splitPasswordReason). */
  cut(password: string, line: number): void {
    if (!this.first.has(password)) this.first.set(password, line);
  }

  /** Why a later account with `password` on `line` is refused: a cut account before it had the same (never quotes it). */
  reason(password: string, line: number): string | undefined {
    if (this.first.size === 0) return undefined;
    const at = this.first.get(password);
    if (at === undefined || at >= line) return undefined;
    return `its password is the one line ${at}'s account had, cut before a lone word: the tool that split it keeps a repeated piece once (PoGoMap-GUI's \`Select -Unique\`), so this password's rest may have been dropped; where the password ends is unsure`;
  }
}

/**
 * A list reader's accounts after a cut one with its password, refused in place: the pairs it
 * keeps by place (`pairAt[i] > 0`: line i splits there, its password after it) and its records.
 * Returns how many pairs were refused.
 */
export function refuseCutRepeats(cut: CutPasswords, lines: readonly string[], pairAt: Int32Array | undefined, accounts: DumpAccount[], rejected: Rejection[]): number {
  let pairs = 0;
  if (pairAt) {
    for (let i = 0; i < pairAt.length; i++) {
      const at = pairAt[i]!;
      const reason = at > 0 ? cut.reason(lines[i]!.slice(at + 1), i + 1) : undefined;
      if (!reason) continue;
      pairAt[i] = 0;
      pairs++;
      rejected.push({ line: i + 1, reason });
    }
  }
  let kept = 0;
  for (const a of accounts) {
    const reason = cut.reason(a.password, a.line);
    if (reason) rejected.push({ line: a.line, reason });
    else accounts[kept++] = a;
  }
  accounts.length = kept;
  rejected.sort((a, b) => a.line - b.line);
  return pairs;
}

/**
 * `user:Pa` and, elsewhere in the file, `user:Pa:ss2`, in a file showing a split password:
 * PoGoMap-GUI's script reads its usernames.csv back on its next run (the launcher runs it twice)
 * taking the third field alone as the password, so `ptc,user,Pa,ss2` (`user:Pa:ss2` with its `:`
 * written `,`) comes back as a new line `user:Pa` beside the old one. The shorter is that cut
 * copy: refused, whether the longer line was read or refused itself (imported, the copy would
 * win as the first of a login twice in a file). Only where the file shows the rewrite, so an
 * ordinary list keeps its rule for a login twice; the file's lines are looked at only then (such
 * a file is a few hundred lines).
 */
export function withCutCopiesRefused(result: DumpResult, records: (r: DumpResult) => DumpResult, text: () => string): DumpResult {
  if (!result.rejected.some((r) => r.reason.includes(SPLIT_MARK))) return result;
  // Each login's passwords on the file's `login:password` lines, by line (the text asked only here: a dump read in pieces, streamed-input.ts).
  const lines = text().split(/\r\n|\n|\r/);
  const byLogin = new Map<string, { line: number; password: string }[]>();
  lines.forEach((l, i) => {
    const colon = l.indexOf(':');
    if (colon <= 0) return;
    const login = l.slice(0, colon).trim();
    const same = byLogin.get(login) ?? [];
    same.push({ line: i + 1, password: l.slice(colon + 1).trim() });
    byLogin.set(login, same);
  });
  const all = records(result);
  const copies = new Map<DumpAccount, number>();
  for (const a of all.accounts) {
    const longer = byLogin.get(a.username)?.find((b) => b.line !== a.line && b.password.startsWith(a.password + ':'));
    if (longer) copies.set(a, longer.line);
  }
  if (copies.size === 0) return result;
  const rejected = [...all.rejected];
  for (const [a, line] of copies) {
    rejected.push({ line: a.line, reason: `its login stands again on line ${line} with a password going on after a \`:\` where this one ends: the cut copy a tool that read the file back to its first \`:\` wrote (PoGoMap-GUI's script, run again); not imported` });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { ...all, accounts: all.accounts.filter((a) => !copies.has(a)), rejected };
}
