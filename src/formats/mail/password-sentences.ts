// `Sorry, new password: Fresh!Pass42`, `Извините, новый пароль: X` alone in a reply's body: a
// list reader splits it at its comma (login `Sorry`, password `new password: X`). It is a
// sentence saying a password changed (reply-corrections.ts, correction-words.ts' languages):
// prose, read as a correction of the account it is about (later-corrections.ts), never an account.
import { splitLines } from '../decode.js';
import { unquote } from './email-quotes.js';
import { isCorrectionLine } from './reply-corrections.js';
import type { DumpResult } from '../types.js';

/** `result` (a mail body's) with its accounts that are such sentences as prose lines instead. */
export function withPasswordSentencesAsProse(result: DumpResult, text: string): DumpResult {
  // Only a password holding a blank can be a sentence's rest: most bodies are left untouched.
  if (!result.accounts.some((a) => /\s/.test(a.password))) return result;
  const lines = splitLines(text);
  const sentence = new Set<number>();
  for (const a of result.accounts) {
    if (!/\s/.test(a.password)) continue;
    const s = unquote(lines[a.line - 1] ?? '').s;
    if (isCorrectionLine(s)) sentence.add(a.line);
  }
  if (sentence.size === 0) return result;
  const prose = [...sentence].map((line) => ({ line, kind: 'prose' as const, text: lines[line - 1]! }));
  return {
    ...result,
    accounts: result.accounts.filter((a) => !sentence.has(a.line)),
    skipped: [...(result.skipped ?? []), ...prose].sort((x, y) => x.line - y.line),
  };
}
