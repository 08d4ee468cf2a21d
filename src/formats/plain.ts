// Seller lists: one account per line, `user:pass`, `user,pass`, `user;pass`, `user<TAB>pass`,
// `user pass`, `:user:pass`, with or without an e-mail column (the splitting rules are in
// account-line.ts). Unlike the mail reader, a line that is not an account is rejected with its
// line, never skipped: a list is all accounts, so anything else deserves a look.
import { analyseLayout, isSkipped, lineSep, prepareLine, splitAccountLine } from './account-line.js';
import { headLines, splitLines } from './decode.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from './types.js';

/** Looks like one account: a blank-free username, a separator, something after it. */
export function isAccountShaped(s: string): boolean {
  const sep = lineSep(s);
  if (!sep) return false;
  const rest = s.slice(s.indexOf(sep) + 1).trim();
  if (rest === '') return false;
  if (sep !== ' ' && sep !== '\t') return !/\s/.test(s.slice(0, s.indexOf(sep)).trim());
  // Two words are an account only with a digit somewhere: "see attached" is a sentence.
  const words = s.split(/\s+/);
  return words.length === 2 && /\d/.test(s);
}

export function detectPlain(input: DumpInput): number {
  const lines = headLines(input.text).map(prepareLine).filter((s) => !isSkipped(s));
  if (lines.length === 0) return 0;
  const share = lines.filter(isAccountShaped).length / lines.length;
  return share >= 0.8 ? 0.5 : share >= 0.5 ? 0.35 : share > 0 ? 0.15 : 0;
}

export function parsePlain(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const layout = analyseLayout(lines);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = prepareLine(lines[i]!);
    if (isSkipped(s)) continue;
    const r = splitAccountLine(s, layout);
    if ('reason' in r) rejected.push({ line: i + 1, reason: r.reason });
    else accounts.push(r.provider ? { username: r.username, password: r.password, line: i + 1, provider: r.provider } : { username: r.username, password: r.password, line: i + 1 });
  }
  return { format: 'plain', accounts, rejected };
}

export const plain: DumpFormat = { name: 'plain', detect: detectPlain, parse: parsePlain };
