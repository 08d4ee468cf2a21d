// A text file in ISO-2022-KR or ISO-2022-CN (decode.ts names it: no decoder here reads them).
// Its ASCII lines are read as they are; every line holding the charset's escapes or its shifts
// (ESC, SO, SI: the Korean or Chinese text between them) is refused by the charset's name,
// whatever the reader made of it (a login with ESC in it, `missing password`), never imported as
// bytes read in another charset. The designation alone on its line (`ESC $ ) C`, RFC 1557 §2
// puts it at the start of the text) holds no text and is read past.
import { ISO_2022_MARKS } from './mail/jis-escapes.js';
import type { DumpInput, DumpResult, Rejection } from './types.js';

const DESIGNATION_ALONE = /^\s*(?:\x1b\$[)*+][A-Z])+\s*$/;

export function withEscapedLinesRefused(result: DumpResult, input: DumpInput): DumpResult {
  const charset = input.escapedCharset;
  if (!charset) return result;
  const lines = input.text.split('\n');
  const reason = `holds ${charset} text (escape sequences and SO/SI shifts), which accountpool cannot decode: the account on it cannot be read; save the file as UTF-8`;
  const marked = new Set<number>();
  lines.forEach((l, i) => {
    if (ISO_2022_MARKS.test(l) && !DESIGNATION_ALONE.test(l)) marked.add(i + 1);
  });
  const alone = new Set(lines.flatMap((l, i) => (DESIGNATION_ALONE.test(l) ? [i + 1] : [])));
  const rejected: Rejection[] = result.rejected.filter((r) => !marked.has(r.line) && !alone.has(r.line));
  for (const line of marked) rejected.push({ line, reason });
  rejected.sort((a, b) => a.line - b.line);
  const skipped = (result.skipped ?? []).filter((s) => !marked.has(s.line) && !alone.has(s.line));
  for (const line of alone) skipped.push({ line, kind: 'prose' });
  return { ...result, accounts: result.accounts.filter((a) => !marked.has(a.line)), rejected, skipped };
}
