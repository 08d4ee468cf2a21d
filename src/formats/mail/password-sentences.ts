// `Sorry, new password: Fresh!Pass42`, `Извините, новый пароль: X` alone in a reply's body: a
// list reader splits it at its comma (login `Sorry`, password `new password: X`), or refuses it
// as prose (`Sorry, the new password for gmacc2 is X`: a sentence, no account line). Either way
// it is a sentence saying a password changed (reply-corrections.ts, correction-words.ts'
// languages): prose, read as a correction of the account it is about (later-corrections.ts,
// lone-corrections.ts), never an account, never a rejection that hides the correction.
import { splitLines } from '../decode.js';
import { unquote } from './email-quotes.js';
import { isCorrectionLine, mentionsPassword } from './reply-corrections.js';
import type { DumpResult } from '../types.js';

/** `result` (a mail body's) with its accounts and prose rejections that are such sentences as prose lines instead. */
export function withPasswordSentencesAsProse(result: DumpResult, text: string): DumpResult {
  // Only a password holding a blank, or a line refused as prose, can be a sentence: most bodies are left untouched.
  if (!result.accounts.some((a) => /\s/.test(a.password)) && !result.rejected.some((r) => r.kind === 'prose')) return result;
  const lines = splitLines(text);
  const sentence = new Set<number>();
  const spaced = result.accounts.filter((a) => /\s/.test(a.password));
  const candidates = [...spaced.map((a) => a.line), ...result.rejected.filter((r) => r.kind === 'prose').map((r) => r.line)];
  for (const line of candidates) {
    const s = unquote(lines[line - 1] ?? '').s;
    if (isCorrectionLine(s)) sentence.add(line);
  }
  // `gmacc2: Passwort neu X`: a "password" holding a blank and a password's own word (any language
  // of the label lists) is a sentence about the password, in a wording no reader knows: prose, for
  // the stale check of the accounts it names (later-corrections.ts), never a password `Passwort neu X`.
  for (const a of spaced) if (mentionsPassword(a.password)) sentence.add(a.line);
  if (sentence.size === 0) return result;
  const prose = [...sentence].map((line) => ({ line, kind: 'prose' as const, text: lines[line - 1]! }));
  return {
    ...result,
    accounts: result.accounts.filter((a) => !sentence.has(a.line)),
    rejected: result.rejected.filter((r) => !(r.kind === 'prose' && sentence.has(r.line))),
    skipped: [...(result.skipped ?? []), ...prose].sort((x, y) => x.line - y.line),
  };
}
